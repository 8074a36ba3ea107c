//! Fuzz target: an article with any front matter never panics, an error points inside the
//! document, and no input takes long (run with `-timeout=2`: the size and nesting caps keep YAML
//! and TOML linear). It goes through the loader's public entry, as a file of `content/` would.
//!
//! With cargo-fuzz: `cargo fuzz run frontmatter`. With a stable toolchain only, build it as the
//! `tag` target says (`--bin frontmatter`) and run
//! `./target/x86_64-unknown-linux-gnu/debug/frontmatter corpus/frontmatter -max_total_time=300
//! -max_len=200000 -timeout=2`.
#![no_main]

use annales::content::{LoadOptions, load_bytes};
use annales::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    // The first byte picks the fence, so that the fuzzer spends its time inside front matter.
    let fence = if head & 1 == 0 { "---" } else { "+++" };
    let doc = format!("{fence}\n{}", String::from_utf8_lossy(rest));
    let opts = LoadOptions { default_lang: Lang::Fr, drafts: true };
    match load_bytes("content/fuzz.md", doc.as_bytes(), opts) {
        Ok(Ok(article)) => {
            // Every block lies inside the body.
            let chars = article.body.chars().count();
            assert!(article.blocks.iter().all(|b| b.start <= b.end && b.end <= chars));
        }
        Ok(Err(warning)) => assert!(!warning.message.is_empty()),
        Err(e) => {
            assert!(!e.message.is_empty());
            if let Some((line, col)) = e.position {
                let lines = doc.split('\n').count();
                assert!(line >= 1 && line <= lines, "line {line} of {lines}");
                assert!(col >= 1, "column {col}");
            }
        }
    }
});
