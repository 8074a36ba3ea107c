//! Fuzz target: the tagger must never panic, whatever the text, language and reference.
//!
//! With cargo-fuzz: `cargo fuzz run tag`. Only a stable toolchain here, so without it:
//! ```text
//! cd fuzz && RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cpasses=sancov-module \
//!   -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
//!   -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares \
//!   --cfg fuzzing" cargo build --target x86_64-unknown-linux-gnu --bin tag
//! ./target/x86_64-unknown-linux-gnu/debug/tag corpus/tag -max_total_time=300 -max_len=4096
//! ```
#![no_main]

use annales::lang::Lang;
use annales::time::{Reference, tag_in};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let lang = if head & 1 == 0 { Lang::Fr } else { Lang::En };
    let reference = match head >> 1 & 3 {
        0 => Reference::Unknown,
        1 => Reference::Year(2000 + i32::from(head >> 3)),
        2 => Reference::Month { year: 2023, month: u32::from(head >> 3) % 12 + 1 },
        _ => Reference::parse(&format!("2024-02-{:02}", (head >> 3) % 29 + 1)).unwrap_or(Reference::Unknown),
    };
    let out = tag_in(&text, lang, &reference);
    let n = text.chars().count();
    let mut last = 0;
    for t in &out {
        assert!(t.start >= last && t.start < t.end && t.end <= n);
        last = t.end;
    }
});
