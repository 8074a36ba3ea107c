//! Edit-to-reload latency of `annales serve` for one changed article in a generated
//! 1,000-article site, against a full rebuild of the same site.
//!
//! "Edit to reload" is measured in process with the real parts of the server: the file is
//! written, the watcher notices it and debounces, the rebuild re-analyses what changed and
//! re-renders, the new site is swapped in, and the reload signal reaches a subscribed page.
//!
//! `ANNALES_BENCH_ARTICLES=1000 cargo bench --bench serve` for the size the preview is designed
//! for (the default, 50 articles, keeps a plain `cargo bench` short). An edit re-renders only the
//! pages whose inputs changed (the page cache in `render`); the summary line gives the median
//! split between loading and rendering. The `pipeline` group measures the incremental part
//! alone (no rendering) at 1,000 articles (`ANNALES_BENCH_PIPELINE_ARTICLES`).

#[path = "../tests/gen_support/mod.rs"]
mod gen_support;
use gen_support::MONTHS;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use annales::serve::rebuild::Rebuilder;
use annales::serve::state::State;
use annales::serve::watch::{Change, SiteWatch};
use annales::site::{BuildOptions, Pipeline};
use criterion::{Criterion, criterion_group, criterion_main};

/// Site size from `var`, or `default`; tiny under `cargo test`, which runs each benchmark once
/// as a smoke test (criterion is in benchmark mode only when given `--bench`).
fn size(var: &str, default: usize) -> usize {
    if !std::env::args().any(|a| a == "--bench") {
        return 5;
    }
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A synthetic article: dated front matter, a dozen paragraphs with dates and reporting verbs.
fn article(i: usize, edit: usize) -> String {
    let month = i % 12;
    let day = 1 + (i * 7) % 28;
    let mut text = format!(
        "+++\ntitle = \"Article {i}\"\ndate = 2024-{:02}-{day:02}\n+++\n\n",
        month + 1
    );
    for p in 0..12 {
        text.push_str(&format!(
            "Le {} {}, le conseil de la commune {} a adopté la mesure {p} après une longue \
séance. Selon le maire, la décision sera appliquée mardi prochain dans les quartiers \
concernés, a-t-il déclaré (révision {edit}).\n\n",
            1 + (i + p) % 28,
            MONTHS[month],
            i % 50
        ));
    }
    text
}

fn generate(root: &Path, n: usize) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Bench\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    for i in 0..n {
        std::fs::write(root.join(format!("content/a{i:05}.md")), article(i, 0)).unwrap();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let n = size("ANNALES_BENCH_ARTICLES", 50);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    generate(&root, n);
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: Some(String::new()),
        drafts: false,
    };

    // The server's parts, as `annales serve` wires them.
    let state = Arc::new(State::default());
    let mut rebuilder = Rebuilder::new(opts.clone());
    let first = rebuilder.rebuild(Change::Config).unwrap();
    state.publish_files(first.files, None);
    state.publish_data(rebuilder.data_files().unwrap());
    let watch = SiteWatch::new(&root).unwrap();
    let phases = Arc::new(std::sync::Mutex::new(Vec::new()));
    {
        let state = state.clone();
        let phases = phases.clone();
        std::thread::spawn(move || {
            watch.run(|change| match rebuilder.rebuild(change) {
                Ok(r) => {
                    phases.lock().unwrap().push((
                        r.reanalysed,
                        r.load_time,
                        r.render_time,
                        r.rerendered,
                    ));
                    // As `annales serve` does: the pages with the reload signal, then the
                    // data files.
                    let coming = annales::render::data_paths().map(str::to_string).collect();
                    state.publish_pages(r.files, None, coming);
                    state.publish_data(rebuilder.data_files().unwrap());
                }
                Err(e) => {
                    state.publish_error(format!("{e:#}"), None);
                }
            })
        });
    }
    let page = state.reload.subscribe();
    let victim = root.join(format!("content/a{:05}.md", n / 2));
    let mut edits = 0;
    let mut latencies = Vec::new();

    let mut group = c.benchmark_group(format!("serve_{n}_articles"));
    group.sample_size(10);
    group.bench_function("edit_one_article_to_reload", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                edits += 1;
                let t0 = Instant::now();
                std::fs::write(&victim, article(n / 2, edits)).unwrap();
                let frame = page
                    .recv_timeout(Duration::from_secs(600))
                    .expect("no reload signal");
                let took = t0.elapsed();
                assert!(frame.starts_with("event: reload"), "{frame}");
                // The next edit once this one's data files are made, as after a real pause.
                assert!(state.wait_for("timeline.json", Duration::from_secs(600)));
                latencies.push(took);
                total += took;
            }
            total
        })
    });
    group.bench_function("full_rebuild_in_memory", |b| {
        b.iter(|| {
            let site = Pipeline::default().load(&opts).unwrap();
            site.render().unwrap()
        })
    });
    group.finish();

    if latencies.is_empty() {
        return;
    }
    let phases = phases.lock().unwrap();
    let reanalysed: std::collections::BTreeSet<usize> = phases.iter().map(|p| p.0).collect();
    eprintln!(
        "\nedit-to-reload, {n} articles: median {:.1} ms over {} edits \
(median load+re-analysis {:.1} ms, median render {:.1} ms; articles re-analysed per edit: {:?}; \
pages re-rendered per edit: {:?})",
        median(latencies.clone()).as_secs_f64() * 1e3,
        latencies.len(),
        median(phases.iter().map(|p| p.1).collect()).as_secs_f64() * 1e3,
        median(phases.iter().map(|p| p.2).collect()).as_secs_f64() * 1e3,
        reanalysed,
        phases
            .iter()
            .map(|p| p.3)
            .collect::<std::collections::BTreeSet<usize>>(),
    );
}

/// The part of a rebuild that the preview makes incremental, at full size: loading the site
/// with one article changed (re-analysing only that one, re-merging all) against loading it
/// with an empty cache. No rendering.
fn pipeline(c: &mut Criterion) {
    let n = size("ANNALES_BENCH_PIPELINE_ARTICLES", 1000);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    generate(&root, n);
    let opts = BuildOptions::new(&root);
    let mut warm = Pipeline::default();
    warm.load(&opts).unwrap();
    let victim = root.join(format!("content/a{:05}.md", n / 2));
    let mut edits = 0;
    let mut group = c.benchmark_group(format!("pipeline_{n}_articles"));
    group.sample_size(10);
    group.bench_function("load_with_one_article_changed", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                edits += 1;
                std::fs::write(&victim, article(n / 2, edits)).unwrap();
                let t0 = Instant::now();
                let site = warm.load(&opts).unwrap();
                total += t0.elapsed();
                assert_eq!(warm.cache.last_misses, 1);
                drop(site);
            }
            total
        })
    });
    // How much of the incremental load is reading and parsing the files (the rest is dating
    // and merging every article again).
    group.bench_function("read_and_parse_content_only", |b| {
        b.iter(|| {
            annales::content::load_dir(
                &root,
                annales::content::LoadOptions {
                    default_lang: annales::lang::Lang::Fr,
                    drafts: false,
                },
            )
            .unwrap()
        })
    });
    group.bench_function("load_cold", |b| {
        b.iter(|| Pipeline::default().load(&opts).unwrap())
    });
    group.finish();
}

criterion_group!(benches, pipeline, bench);
criterion_main!(benches);
