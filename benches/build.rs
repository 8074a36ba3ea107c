//! Builds generated sites of 1,000 and 10,000 French articles through `annales::site`
//! (loading, tagging, extraction, dating, merging and rendering).
//!
//! `cargo bench --bench build` (add `-- --quick` for a short run). Before measuring, each size
//! is built once and its wall time, mention and event counts are printed, so that the scaling of
//! the merge can be read directly.

#[path = "../tests/gen_support/mod.rs"]
mod gen_support;
use gen_support::corpus::{self, BENCH_SENTENCES};
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/mod.rs"]
mod support;
use support::build_once;

/// Loading, tagging, extraction, dating and merging (everything but rendering): wall time,
/// events, and the mentions merged into them (their citations).
fn pipeline_once(root: &Path) -> (f64, usize, usize) {
    let started = Instant::now();
    let site = annales::site::Pipeline::once()
        .load(&annales::site::BuildOptions::new(root))
        .unwrap();
    let events = &site.timeline.events;
    let mentions = events.iter().map(|e| e.citations.len()).sum();
    (started.elapsed().as_secs_f64(), events.len(), mentions)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("site");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        corpus::generate(dir.path(), n, BENCH_SENTENCES).unwrap();
        let (secs, events, mentions) = pipeline_once(dir.path());
        eprintln!(
            "extraction + merge of {n} articles: {secs:.2} s ({mentions} mentions in {events} events)"
        );
        group.bench_function(format!("extract-merge/{n}"), |b| {
            b.iter(|| pipeline_once(dir.path()))
        });
        // Rendering writes one page per source and per event: every size is built in full once
        // (printed); repeated samples only where they finish in reasonable time.
        let (secs, sources, events) = build_once(dir.path());
        eprintln!("full build of {n} articles: {secs:.2} s ({sources} sources, {events} events)");
        if n <= FULL_BUILD_MAX {
            group.bench_function(format!("build/{n}"), |b| b.iter(|| build_once(dir.path())));
        }
    }
    group.finish();
}

/// Largest generated site whose full build the benchmark samples repeatedly.
const FULL_BUILD_MAX: usize = 1_000;

criterion_group!(benches, bench);
criterion_main!(benches);
