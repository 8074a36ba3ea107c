//! Builds generated sites of 1,000 and 10,000 French articles through `annales::site`
//! (loading, tagging, extraction, dating, merging and rendering).
//!
//! `cargo bench --bench build` (add `-- --quick` for a short run). Before measuring, each size
//! is built once and its wall time, mention and event counts are printed, so that the scaling of
//! the merge can be read directly.

#[path = "../tests/gen_support/mod.rs"]
mod gen_support;
use gen_support::Lcg;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/mod.rs"]
mod support;
use support::build_once;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const ACTORS: [&str; 8] = [
    "Le ministre Albrecht Vauquelin",
    "La présidente Oriane Malbec",
    "Le maire Théodore Quintal",
    "La préfète Iris Dalloz",
    "Le syndicat des cheminots",
    "L'agence Norvane",
    "Le conseil régional",
    "La société Ferrandis",
];
const HAPPENINGS: [&str; 10] = [
    "a annoncé un plan d'investissement pour le port",
    "a signé un accord de coopération avec les transporteurs",
    "a ouvert une enquête sur l'incendie de l'entrepôt",
    "a inauguré le nouveau pont sur la rivière",
    "a présenté sa démission au conseil",
    "a lancé une grève dans les dépôts",
    "a rencontré les représentants des agriculteurs",
    "a évacué le quartier après une fuite de gaz",
    "a publié le bilan des inondations",
    "a voté le budget de l'année",
];

/// The `k`-th happening of day `d`: who did what where.
fn happening(d: usize, k: usize) -> String {
    format!(
        "{} {} à Vallombre-{}",
        ACTORS[(d * 3 + k) % ACTORS.len()],
        HAPPENINGS[(d * 7 + k * 3) % HAPPENINGS.len()],
        (d + k) % 40
    )
}

fn generate(root: &Path, n: usize) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Banc d'essai\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    let start = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
    // About twenty articles a day, five happenings a day.
    let days = (n / 20).max(1);
    let mut rng = Lcg(42);
    for i in 0..n {
        let d = i * days / n;
        let published = start.checked_add_days(Days::new(d as u64)).unwrap();
        let mut text = String::new();
        let undated = i % 20 == 7;
        if !undated {
            let _ = writeln!(
                text,
                "+++\ntitle = \"Dépêche {i}\"\ndate = \"{published}\"\n+++\n"
            );
        } else {
            let _ = writeln!(text, "Dépêche {i} sans date\n");
        }
        for _ in 0..6 {
            let back = rng.next(3).min(d);
            let day = published.checked_sub_days(Days::new(back as u64)).unwrap();
            let wd = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
            let k = rng.next(5);
            let _ = writeln!(
                text,
                "{}, {wd}, selon plusieurs témoins. La situation reste tendue dans la région.\n",
                happening(d - back, k)
            );
        }
        let _ = writeln!(text, "Rédaction\n");
        let ext = if undated { "txt" } else { "md" };
        std::fs::write(root.join(format!("content/{i:05}.{ext}")), text).unwrap();
    }
}

/// Loading, tagging, extraction, dating and merging (everything but rendering): wall time,
/// events, and the mentions merged into them (their citations).
fn pipeline_once(root: &Path) -> (f64, usize, usize) {
    let started = Instant::now();
    let site = annales::site::Pipeline::default()
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
        generate(dir.path(), n);
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
