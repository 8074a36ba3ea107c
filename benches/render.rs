//! Rendering speed: the whole site in memory (pages and data outputs) for a large synthetic site.

use criterion::{Criterion, criterion_group, criterion_main};

use annales::site::{BuildOptions, Pipeline, Site};
use annales::text::CharIndex;
use annales::timeline::{Citation, Event, sort_events};

const ARTICLES: usize = 200;
const EVENTS: usize = 1000;

fn synthetic_site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Bench\"\nlanguage = \"en\"\ntimezone = \"Europe/Paris\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    for i in 0..ARTICLES {
        let mut body = String::new();
        for p in 0..12 {
            body.push_str(&format!(
                "Paragraph {p} of report {i}: the committee met and the council voted on item {p}, \
                 officials said, adding that more talks would follow in the coming weeks.\n\n"
            ));
        }
        std::fs::write(
            dir.path().join(format!("content/a{i:04}.md")),
            format!(
                "+++\ntitle = \"Report {i}\"\ndate = \"2024-03-{:02}\"\n+++\n{body}",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    let mut site = Pipeline::default()
        .load(&BuildOptions::new(dir.path()))
        .unwrap();
    let mut events = Vec::with_capacity(EVENTS);
    for k in 0..EVENTS {
        let citations = (0..3)
            .map(|j| {
                let a = &site.articles[(k * 7 + j * 13) % ARTICLES];
                let needle = format!("Paragraph {} of report", (k + j) % 12);
                let byte = a.body.find(&needle).unwrap_or(0);
                let idx = CharIndex::new(&a.body);
                let start = idx.char_of(byte);
                Citation {
                    source: a.id.clone(),
                    quote: needle.clone(),
                    time_text: String::new(),
                    start,
                    end: start + needle.chars().count(),
                    anchor: format!("sources/{}/#q-{start}", a.id),
                    value: String::new(),
                }
            })
            .collect();
        events.push(Event {
            id: format!("e{k:05}"),
            date: format!("2024-{:02}-{:02}T{:02}:00", k % 12 + 1, k % 28 + 1, k % 24)
                .parse()
                .unwrap(),
            end: None,
            headline: format!("Event number {k}"),
            summary: format!("What happened in event {k}."),
            salience: (k % 17) as f64,
            tags: vec!["bench".into()],
            citations,
            conflicts: Vec::new(),
            editorial: false,
            background: false,
        });
    }
    sort_events(&mut events);
    site.timeline.events = events;
    (dir, site)
}

fn render(c: &mut Criterion) {
    let (_dir, site) = synthetic_site();
    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    g.bench_function("render_files 200 sources 1000 events", |b| {
        b.iter(|| site.render().unwrap())
    });
    g.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
