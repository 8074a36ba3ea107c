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
