//! Writes the generated French news collection of the build benchmark as an Annales site, for
//! `scripts/bench-hugo.py` or for trying a large build by hand:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- DIR N [--sentences K]
//! ```
//!
//! `DIR` gets `site.toml` and `content/` with `N` articles of `K` sentences each (default 13,
//! about 2.2 KB an article; the build benchmark uses 6). `DIR` must be new or empty: nothing
//! already there is ever overwritten.

#[path = "../tests/gen_support/mod.rs"]
mod gen_support;
use gen_support::corpus::{self, COMPARISON_SENTENCES};

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus DIR N [--sentences K]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut positional = Vec::new();
    let mut sentences = COMPARISON_SENTENCES;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sentences" => {
                let value = args.next().ok_or(USAGE)?;
                sentences = value
                    .parse()
                    .map_err(|_| format!("--sentences: not a number: {value}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ => positional.push(arg),
        }
    }
    let [dir, n] = positional.as_slice() else {
        return Err(USAGE.to_string());
    };
    let dir = PathBuf::from(dir);
    let n: usize = n
        .parse()
        .map_err(|_| format!("N: not a number of articles: {n}"))?;
    if n == 0 {
        return Err("N must be at least 1".to_string());
    }
    if dir.exists() {
        let mut entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: not a readable folder: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty: give a new or empty folder (nothing is ever overwritten)",
                dir.display()
            ));
        }
    }
    corpus::generate(&dir, n, sentences).map_err(|e| format!("{}: {e}", dir.display()))?;
    println!("{}: {n} articles of {sentences} sentences", dir.display());
    Ok(())
}
