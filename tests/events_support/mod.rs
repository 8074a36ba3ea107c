//! Shared by the event-story tests: load a fixture site in a temporary folder and find events.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeSet;
use std::path::Path;

use annales::site::{BuildOptions, Pipeline, Site};
use annales::timeline::Event;

/// Copies `fixture/site.toml` and every file of `fixture/content/` into a temporary folder, adds
/// `extra` files (path relative to the site root, text), and loads the site.
pub fn load_fixture(fixture: &Path, extra: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("content")).unwrap();
    std::fs::copy(fixture.join("site.toml"), root.join("site.toml")).unwrap();
    for entry in std::fs::read_dir(fixture.join("content")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, root.join("content").join(p.file_name().unwrap())).unwrap();
        }
    }
    for (rel, text) in extra {
        std::fs::write(root.join(rel), text).unwrap();
    }
    let site = Pipeline::default().load(&BuildOptions::new(root)).unwrap();
    (dir, site)
}

/// Writes a site of `lang` with `files` (name under `content/`, text) into a temporary folder and
/// loads it.
pub fn load_articles<N: AsRef<str>, T: AsRef<str>>(
    lang: &str,
    files: &[(N, T)],
) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Test\"\nlanguage = \"{lang}\"\n"),
    )
    .unwrap();
    for (name, text) in files {
        std::fs::write(root.join("content").join(name.as_ref()), text.as_ref()).unwrap();
    }
    let site = Pipeline::default().load(&BuildOptions::new(root)).unwrap();
    (dir, site)
}

/// The first event citing a quote of `source` (an id or an id prefix) that contains `text`.
pub fn event_citing<'a>(site: &'a Site, source: &str, text: &str) -> &'a Event {
    site.timeline
        .events
        .iter()
        .find(|e| {
            e.citations
                .iter()
                .any(|c| c.source.starts_with(source) && c.quote.contains(text))
        })
        .unwrap_or_else(|| panic!("no event cites {source}: «{text}»\n{}", summary(site)))
}

/// Number of distinct sources an event cites.
pub fn source_count(e: &Event) -> usize {
    e.citations
        .iter()
        .map(|c| c.source.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// One line per event, for failure messages.
pub fn summary(site: &Site) -> String {
    site.timeline
        .events
        .iter()
        .map(|e| format!("{} {} [{}] {}", e.date, e.id, source_count(e), e.headline))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A source and a piece of one of its quotes: how the story tests name a mention.
pub type Quote<'a> = (&'a str, &'a str);

/// The article `id` gives no date; the pipeline inferred one of `days` from what it shares with
/// the others.
pub fn assert_inferred(site: &Site, id: &str, days: &[&str]) {
    let s = site
        .timeline
        .sources
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no source {id}"));
    assert_eq!(s.published_basis, "inferred", "{id}");
    let published = s.published.map(|p| p.to_string()).unwrap_or_default();
    assert!(
        days.contains(&published.as_str()),
        "{id} dated {published}, not one of {days:?}"
    );
}

/// The mention `misspelt` (with the time expression `time_text`) names someone with a typo:
/// it still joins the event of `day` that `same` cites, with `sources` sources in all.
pub fn assert_misspelt_name_joins(
    site: &Site,
    misspelt: &str,
    time_text: &str,
    day: &str,
    same: Quote<'_>,
    sources: usize,
) {
    let e = site
        .timeline
        .events
        .iter()
        .find(|e| {
            e.citations
                .iter()
                .any(|c| c.quote.contains(misspelt) && c.time_text == time_text)
        })
        .unwrap_or_else(|| panic!("no event cites «{misspelt}»\n{}", summary(site)));
    assert_eq!(e.date, day);
    assert_eq!(e, event_citing(site, same.0, same.1));
    assert_eq!(source_count(e), sources);
}

/// `a` and `b` tell one happening but disagree on it: one event, with a conflict of `kind`
/// holding every one of `values`.
fn assert_conflict<'s>(
    site: &'s Site,
    kind: &str,
    a: Quote<'_>,
    b: Quote<'_>,
    values: &[&str],
) -> &'s annales::timeline::Conflict {
    let e = event_citing(site, a.0, a.1);
    assert_eq!(e, event_citing(site, b.0, b.1));
    let c = e
        .conflicts
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} conflict on {}", e.id));
    for v in values {
        assert!(c.values.iter().any(|x| x == v), "{v} not in {:?}", c.values);
    }
    c
}

/// `a` and `b` tell one happening on two different `days`: one event, whose date conflict
/// holds the two days, in date order.
pub fn assert_date_conflict<'s>(
    site: &'s Site,
    a: Quote<'_>,
    b: Quote<'_>,
    days: [&str; 2],
) -> &'s annales::timeline::Conflict {
    let c = assert_conflict(site, "date", a, b, &days);
    assert_eq!(c.values, days);
    c
}

/// `a` and `b` give two different `figures` for one happening: one event, whose figure
/// conflict holds both.
pub fn assert_figure_conflict<'s>(
    site: &'s Site,
    a: Quote<'_>,
    b: Quote<'_>,
    figures: [&str; 2],
) -> &'s annales::timeline::Conflict {
    assert_conflict(site, "figure", a, b, &figures)
}

/// The most salient event's headline contains `text`.
pub fn assert_top_headline(site: &Site, text: &str) {
    let top = site
        .timeline
        .events
        .iter()
        .max_by(|a, b| a.salience.total_cmp(&b.salience))
        .expect("no event");
    assert!(top.headline.contains(text), "{}", top.headline);
}
