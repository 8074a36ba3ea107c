//! Tagging throughput in bytes of text per second, on one core.

use annales::lang::Lang;
use annales::time::{Reference, tag_in};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut text = String::new();
    for f in files {
        text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
        text.push('\n');
    }
    if text.trim().is_empty() {
        text =
            "Mardi soir, la veille, depuis 8 mois, le 21 septembre 2023 à 11 heures.\n".repeat(200);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let reference = Reference::parse("2023-09-21").unwrap_or(Reference::Unknown);
    // Warm the lexicon once so the benchmark measures tagging, not parsing the TOML.
    let _ = tag_in("hier", Lang::Fr, &reference);
    let mut g = c.benchmark_group("tagger");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("fr_seeds", |b| {
        b.iter(|| tag_in(std::hint::black_box(&text), Lang::Fr, &reference))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
