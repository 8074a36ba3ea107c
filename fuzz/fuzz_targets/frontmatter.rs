//! Fuzz target: front matter never panics, errors point inside the document, and no input
//! takes long (run with `-timeout=2`: the size and nesting caps keep YAML and TOML linear).
//!
//! With cargo-fuzz: `cargo fuzz run frontmatter`. With a stable toolchain only, build it as the
//! `tag` target says (`--bin frontmatter`) and run
//! `./target/x86_64-unknown-linux-gnu/debug/frontmatter corpus/frontmatter -max_total_time=300
//! -max_len=200000 -timeout=2`.
#![no_main]

use annales::content::frontmatter::{parse, split};
use annales::text::line_col;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    // The first byte picks the fence, so that the fuzzer spends its time inside front matter.
    let fence = if head & 1 == 0 { "---" } else { "+++" };
    let doc = format!("{fence}\n{}", String::from_utf8_lossy(rest));
    match split(&doc) {
        Ok(Some(s)) => {
            assert_eq!(&doc[s.raw_offset..s.raw_offset + s.raw.len()], s.raw);
            assert_eq!(&doc[s.body_offset..], s.body);
            if let Err(e) = parse(&s) {
                assert!(e.offset <= doc.len(), "offset {} past the end", e.offset);
                assert!(!e.message.is_empty());
                // What the loader does with it: a line and column in the file.
                let _ = line_col(&doc, e.offset);
            }
        }
        Ok(None) => {}
        Err(e) => {
            assert!(e.offset <= doc.len());
            let _ = line_col(&doc, e.offset);
        }
    }
});
