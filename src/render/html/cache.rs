//! The incremental render cache's keys: a fingerprint of every input of each page, so that a
//! page is rendered again only when one of them changed. The fingerprints are computed from the
//! same views and contexts the pages are built from, so they cannot drift from them.

use rayon::prelude::*;
use serde::Serialize;

use super::{PageKind, PageSpec, Pages};

/// Fingerprints of everything page contexts are built from, computed once per render so that a
/// page's inputs can be compared with a previous render's without building its context.
#[derive(Debug, Clone)]
pub struct Fingerprints {
    /// The shared context and the compiled template set (`base` from the caller).
    shared: u64,
    /// The whole timeline and every view: what the list pages show.
    lists: u64,
    /// Each event view, by event index.
    events: Vec<u64>,
    /// Each event link (what source pages list), by event index.
    links: Vec<u64>,
    /// Each source view, by source index.
    sources: Vec<u64>,
    /// Each article, by index.
    articles: Vec<u64>,
    /// The chronology's pages and periods (paths, labels, counts): what their navigation shows.
    chronology: u64,
    /// The coverage chart every chronology page draws.
    coverage: u64,
}

/// The fingerprints' hasher. They never leave the process and their inputs are the user's own
/// site, not attacker-chosen keys: a fast hash of good quality serves better than SipHash, which
/// cost as much as serialising the views it hashes.
fn hasher() -> foldhash::quality::FoldHasher<'static> {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().build_hasher()
}

/// Streams serialised JSON into a hasher, so that large values are hashed without a buffer.
struct HashWriter(foldhash::quality::FoldHasher<'static>);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::hash::Hasher::write(&mut self.0, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A deterministic 64-bit hash of a value's JSON form; `None` if it cannot be serialised (the
/// page is then always rendered afresh).
pub fn json_hash<T: Serialize + ?Sized>(value: &T) -> Option<u64> {
    let mut w = HashWriter(hasher());
    serde_json::to_writer(&mut w, value).ok()?;
    Some(std::hash::Hasher::finish(&w.0))
}

/// Combines hashes (and labels) in order into one.
fn combine<'x>(parts: impl IntoIterator<Item = &'x u64>, labels: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = hasher();
    for l in labels {
        l.hash(&mut h);
    }
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

impl Pages<'_> {
    /// Fingerprints the inputs of every page; `base` stands for what is outside the site data
    /// (the compiled templates, the filters' settings). `None` if some input cannot be hashed.
    pub fn fingerprints(&self, base: u64) -> Option<Fingerprints> {
        let all = |v: Vec<Option<u64>>| v.into_iter().collect::<Option<Vec<u64>>>();
        let shared = json_hash(&self.shared.clone().into_json())?;
        let ((events, (sources, links)), (articles, timeline)) = rayon::join(
            || {
                rayon::join(
                    || all(self.views.events.par_iter().map(json_hash).collect()),
                    || {
                        (
                            all(self.views.sources.par_iter().map(json_hash).collect()),
                            all(self.views.links.par_iter().map(json_hash).collect()),
                        )
                    },
                )
            },
            || {
                rayon::join(
                    || all(self.input.articles.par_iter().map(json_hash).collect()),
                    || json_hash(&self.input.timeline),
                )
            },
        );
        let (events, sources, links, articles, timeline) =
            (events?, sources?, links?, articles?, timeline?);
        let lists = combine(
            std::iter::once(&timeline).chain(&events).chain(&sources),
            &["lists"],
        );
        let paths: Vec<&str> = self.plan.pages.iter().map(|p| p.path.as_str()).collect();
        let chronology = json_hash(&(&self.months, paths))?;
        Some(Fingerprints {
            chronology,
            coverage: json_hash(&self.coverage)?,
            shared: combine([&base, &shared], &["shared"]),
            lists,
            events,
            links,
            sources,
            articles,
        })
    }

    /// A key that changes whenever the context [`Pages::context`] would build for `spec`
    /// changes: it covers every input that function reads for the page's kind, so keep the two
    /// in step.
    pub fn page_key(&self, fp: &Fingerprints, spec: &PageSpec) -> Option<u64> {
        let labels = [spec.template, spec.path.as_str()];
        let key = match spec.kind {
            PageKind::Home | PageKind::KeyEvents | PageKind::About(_) | PageKind::NotFound => {
                let kind = format!("{:?}", spec.kind);
                combine([&fp.shared, &fp.lists], &[&kind, labels[0], labels[1]])
            }
            PageKind::Event(i) => {
                // The event and its neighbours (previous/next links); a missing neighbour
                // hashes as its absence, by position.
                let near: Vec<u64> = [i.checked_sub(1), Some(i), i.checked_add(1)]
                    .into_iter()
                    .map(|j| j.and_then(|j| fp.events.get(j)).copied().unwrap_or(0))
                    .collect();
                // Not the index itself: an event added earlier shifts it without changing the page.
                let flags = [u64::from(i == 0), u64::from(i + 1 >= fp.events.len())];
                combine(
                    [&fp.shared].into_iter().chain(&near).chain(&flags),
                    &["event", labels[0], labels[1]],
                )
            }
            PageKind::Chronology(k) => {
                // Every event of its period (its own, or its day index's) and the navigation.
                let period = self.plan.periods.get(self.plan.pages.get(k)?.period)?;
                let mut parts = vec![fp.shared, fp.chronology, fp.coverage];
                for &i in &period.events {
                    parts.push(*fp.events.get(i)?);
                }
                combine(&parts, &["chronology", labels[0], labels[1]])
            }
            PageKind::Source(i) => {
                // Each citing event's link, and what the text's highlights take from it: its
                // id, headline and link (in the link) and its quotes from this source.
                let supports = self.supports.get(i)?;
                let source = &self.input.articles.get(i)?.id;
                let mut parts = vec![
                    fp.shared,
                    *fp.sources.get(i)?,
                    *fp.articles.get(i)?,
                    supports.len() as u64,
                ];
                for &k in supports {
                    parts.push(*fp.links.get(k)?);
                    let quotes: Vec<(usize, usize)> = self
                        .input
                        .timeline
                        .events
                        .get(k)?
                        .citations
                        .iter()
                        .filter(|c| c.source == *source)
                        .map(|c| (c.start, c.end))
                        .collect();
                    parts.push(json_hash(&quotes)?);
                }
                combine(&parts, &["source", labels[0], labels[1]])
            }
        };
        Some(key)
    }
}
