//! `annales dates`: run the tagger on a file, stdin, or a JSONL gold corpus.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use serde_json::json;

use annales::lang::Lang;
use annales::time::{Reference, Timex, tag_in};

/// Arguments of `annales dates`.
#[derive(Debug, Clone, clap::Args)]
pub struct DatesArgs {
    /// Language of the text.
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Document creation time (reference date), YYYY-MM-DD (or YYYY-MM, YYYY).
    #[arg(long)]
    pub dct: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Read documents `{id, lang, dct, text}` from this JSON Lines file and print one line of
    /// predictions per document.
    #[arg(long, value_name = "GOLD.jsonl")]
    pub jsonl: Option<PathBuf>,
    /// File to tag, or `-` for standard input.
    pub file: Option<PathBuf>,
}

fn parse_lang(code: &str) -> anyhow::Result<Lang> {
    Lang::from_code(code)
        .with_context(|| format!("unknown language {code:?}: use one of {}", Lang::codes()))
}

fn parse_reference(dct: Option<&str>) -> anyhow::Result<Reference> {
    match dct {
        None => Ok(Reference::Unknown),
        Some(s) if s.trim().is_empty() => Ok(Reference::Unknown),
        Some(s) => Reference::parse(s)
            .with_context(|| format!("bad reference date {s:?}: use YYYY-MM-DD, YYYY-MM or YYYY")),
    }
}

/// Runs `annales dates`.
pub fn run(args: &DatesArgs) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &args.jsonl {
        let default_lang = parse_lang(&args.lang)?;
        let f =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line =
                line.with_context(|| format!("{}:{}: cannot read line", path.display(), n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc: serde_json::Value = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a JSON object", path.display(), n + 1))?;
            let id = doc.get("id").cloned().unwrap_or(serde_json::Value::Null);
            let text = doc.get("text").and_then(|t| t.as_str()).unwrap_or("");
            let lang = match doc.get("lang").and_then(|l| l.as_str()) {
                Some(code) => Lang::from_code(code).unwrap_or(default_lang),
                None => default_lang,
            };
            let dct = doc
                .get("dct")
                .and_then(|d| d.as_str())
                .or(args.dct.as_deref());
            let reference = parse_reference(dct)
                .with_context(|| format!("{}:{}: field \"dct\"", path.display(), n + 1))?;
            let timexes: Vec<serde_json::Value> = tag_in(text, lang, &reference)
                .iter()
                .map(|t| {
                    json!({"start": t.start, "end": t.end, "text": t.text,
                           "type": t.kind.as_str(), "value": t.value})
                })
                .collect();
            writeln!(out, "{}", json!({"id": id, "timexes": timexes}))?;
        }
        out.flush()?;
        return Ok(());
    }
    let lang = parse_lang(&args.lang)?;
    let reference = parse_reference(args.dct.as_deref())?;
    let text = match args.file.as_deref() {
        None => bail!("annales dates: give a FILE, `-` for standard input, or --jsonl GOLD.jsonl"),
        Some(p) if p.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read standard input")?;
            s
        }
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?
        }
    };
    let found = tag_in(&text, lang, &reference);
    if args.json {
        serde_json::to_writer_pretty(&mut out, &found)?;
        writeln!(out)?;
    } else {
        write_table(&mut out, &found)?;
    }
    out.flush()?;
    Ok(())
}

fn write_table(out: &mut impl Write, found: &[Timex]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>6} {:>6}  {:<8} {:<22} {:<10} {:<7}  text",
        "start", "end", "type", "value", "anchor", "tense"
    )?;
    for t in found {
        let anchor = serde_json::to_value(t.anchor)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let tense = serde_json::to_value(t.tense)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let mut value = t.value.clone();
        if let Some(m) = &t.modifier {
            value.push_str(&format!(" ({m})"));
        }
        if let Some(b) = &t.begin {
            value.push_str(&format!(" from {b}"));
        }
        writeln!(
            out,
            "{:>6} {:>6}  {:<8} {:<22} {:<10} {:<7}  {}",
            t.start,
            t.end,
            t.kind.as_str(),
            value,
            anchor,
            tense,
            t.text.replace('\n', " ")
        )?;
    }
    Ok(())
}
