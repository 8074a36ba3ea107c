//! The views of the timeline that pages show: events with numbered citations and readable
//! disagreements, sources with how they were dated, links between them; built once per render
//! and shared by the pages.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::Plan;
use crate::content::BlockKind;
use crate::render::RenderInput;
use crate::render::links::{Env, event_page, quote_path, safe_url, source_page};
use crate::render::locale::datetime_of;
use crate::timeline::{Citation, Conflict, Event, Source};

/// A numbered citation of an event, with what a reader needs to judge it.
#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    /// 1-based number, as shown in brackets.
    pub n: usize,
    /// Source id.
    pub source: String,
    /// Source title.
    pub source_title: String,
    /// Source outlet, when known.
    pub outlet: Option<String>,
    /// Publication date label of the source.
    pub published_label: Option<String>,
    /// The quote.
    pub quote: String,
    /// The temporal expression that dated the event.
    pub time_text: String,
    /// Link to the highlighted quote on the source page (site-relative).
    pub href: String,
    /// Link to the source page (site-relative).
    pub source_href: String,
}

/// The quotes a card lists from one source: its name, then their numbers (`Le Monde [1] [2]`),
/// so that readers see how many sources there are and how many quotes each gave.
#[derive(Debug, Clone, Serialize)]
pub struct SourceGroup {
    /// The outlet when known, else the title, shortened.
    pub name: String,
    /// The source's title (a tooltip).
    pub title: String,
    /// Link to the source page (site-relative).
    pub source_href: String,
    /// Its quotes, by number.
    pub refs: Vec<RefLink>,
}

/// Whether quote `cit` gives `value` of disagreement `c`: for a date, its own date falls on that
/// day; for a figure, the number is written in it.
fn supports_value(c: &Conflict, cit: &Citation, value: &str) -> bool {
    match c.kind.as_str() {
        "date" => !value.is_empty() && cit.value.starts_with(value),
        "figure" => {
            let digits: String = cit
                .quote
                .chars()
                .filter(|ch| !matches!(ch, ' ' | '\u{a0}' | '\u{202f}' | '.' | ','))
                .collect();
            // The figure as a whole number, not part of a longer one (`32`, not `320`).
            digits.match_indices(value).any(|(i, _)| {
                let before = digits[..i].chars().next_back();
                let after = digits[i + value.len()..].chars().next();
                !before.is_some_and(|b| b.is_ascii_digit())
                    && !after.is_some_and(|a| a.is_ascii_digit())
            })
        }
        _ => false,
    }
}

/// How long a title may be to name a source on a card, in characters.
const SOURCE_NAME_CHARS: usize = 40;

/// A source's name on a card: its outlet, else its title cut at a word before
/// [`SOURCE_NAME_CHARS`].
fn source_name(outlet: Option<&str>, title: &str) -> String {
    if let Some(o) = outlet.map(str::trim).filter(|o| !o.is_empty()) {
        return o.to_string();
    }
    let title = title.trim();
    if title.chars().count() <= SOURCE_NAME_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(SOURCE_NAME_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > SOURCE_NAME_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The card's citations (the first [`CARD_REFS`]) grouped by source, in the order each source is
/// first cited.
fn source_groups(refs: &[CitationView]) -> Vec<SourceGroup> {
    let mut groups: Vec<SourceGroup> = Vec::new();
    for c in refs.iter().take(CARD_REFS) {
        let link = RefLink {
            n: c.n,
            title: c.source_title.clone(),
            href: c.href.clone(),
        };
        match groups.iter_mut().find(|g| g.source_href == c.source_href) {
            Some(g) => g.refs.push(link),
            None => groups.push(SourceGroup {
                name: source_name(c.outlet.as_deref(), &c.source_title),
                title: c.source_title.clone(),
                source_href: c.source_href.clone(),
                refs: vec![link],
            }),
        }
    }
    groups
}

/// A source behind one value of a conflict.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// Source id.
    pub id: String,
    /// Source title.
    pub title: String,
    /// Link to the source page (site-relative).
    pub href: String,
}

/// One value of a disagreement and who gives it.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictValue {
    /// The value as given.
    pub value: String,
    /// Human-readable form (a date label for date conflicts).
    pub label: String,
    /// The source giving it, when known.
    pub source: Option<SourceRef>,
}

/// A citation number pointing at a quote, for compact references.
#[derive(Debug, Clone, Serialize)]
pub struct RefLink {
    /// The citation's number in its event.
    pub n: usize,
    /// Source title.
    pub title: String,
    /// Link to the quote (site-relative).
    pub href: String,
}

/// One distinct value of a disagreement with every source giving it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueGroup {
    /// Readable value.
    pub label: String,
    /// The event's citations from the sources giving this value.
    pub refs: Vec<RefLink>,
    /// The sources giving it.
    pub sources: Vec<SourceRef>,
}

/// A disagreement between sources.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    /// `date` or `figure`.
    pub kind: String,
    /// What the disagreement is about, in the site's language (`la date`, `le nombre de
    /// morts`, `un chiffre`).
    pub kind_label: String,
    /// The quantity of a figure (`dead`), as in timeline.json.
    pub quantity: Option<String>,
    /// The plain-English note of timeline.json, for themes that want it; the default theme
    /// words the disagreement from `kind_label` and `groups`.
    pub note: String,
    /// Values with their sources, in the contract's order.
    pub values: Vec<ConflictValue>,
    /// Distinct values, each with the citations that give it.
    pub groups: Vec<ValueGroup>,
}

/// An event with everything the templates show about it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// The event as in timeline.json.
    #[serde(flatten)]
    pub event: Event,
    /// Link to the event's page (site-relative).
    pub href: String,
    /// Date at its precision (`mercredi 20 septembre 2023`).
    pub date_label: String,
    /// Time or part of day (`11 h 00`, `soir`), empty when unknown.
    pub time_label: String,
    /// Date and time (`mercredi 20 septembre 2023, 11 h 00`), or a period.
    pub when_label: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// `day`, `month`, `year`, `minute`…; `unknown` when the date cannot be read.
    pub precision: String,
    /// Number of distinct sources cited.
    pub source_count: usize,
    /// `3 sources`.
    pub sources_label: String,
    /// Whether the event is among the key events.
    pub key: bool,
    /// Whether the summary says more than the headline (it is not shown twice otherwise).
    pub summary_adds: bool,
    /// Numbered citations.
    pub refs: Vec<CitationView>,
    /// The citations a card lists, grouped by source.
    pub card_sources: Vec<SourceGroup>,
    /// Citations beyond the [`CARD_REFS`] a chronology card lists (the event page has them all).
    pub more_refs: usize,
    /// Link to the event on the chronology page that holds it (`chronology/2011-03/#id`).
    pub chronology_href: String,
    /// Disagreements, readable.
    pub disputes: Vec<ConflictView>,
    /// `même formulation dans 2 sources` when sources quote one wording word for word (one
    /// dispatch reprinted, counted once in salience); empty otherwise.
    pub same_wording_label: String,
}

/// Events of one day (or one month, one year for coarser events).
#[derive(Debug, Clone, Serialize)]
pub struct DayGroup<'a> {
    /// `2023-09-20`, `2023-09`, `2023`.
    pub key: String,
    /// `mercredi 20 septembre 2023`.
    pub label: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// `day`, `month`, `year`…
    pub precision: String,
    /// The events, in timeline order (borrowed: a day group only shows them).
    pub events: Vec<&'a EventView>,
}

/// A source with what its pages show about it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// The source as in timeline.json.
    #[serde(flatten)]
    pub source: Source,
    /// Link to the source page (site-relative).
    pub href: String,
    /// The original URL if it is a safe http(s) link.
    pub safe_url: Option<String>,
    /// Publication date label, when known.
    pub published_label: Option<String>,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// How the date was found, in words.
    pub basis_label: String,
    /// How sure an inferred date is and what it rests on, in words; `None` when stated.
    pub confidence_label: Option<String>,
    /// How many events cite it.
    pub event_count: usize,
    /// `3 événements`.
    pub events_label: String,
}

/// What a source page shows of each event citing it: a link, not the whole event, so that a
/// source page neither carries every citation of ~a dozen events nor changes when an event's
/// other citations do.
#[derive(Debug, Clone, Serialize)]
pub struct EventLink {
    /// Event id.
    pub id: String,
    /// Link to the event's page (site-relative).
    pub href: String,
    /// Event headline.
    pub headline: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// Date and time, or a period.
    pub when_label: String,
    /// Date at its precision.
    pub date_label: String,
    /// Time or part of day, empty when unknown.
    pub time_label: String,
    /// Number of distinct sources cited.
    pub source_count: usize,
    /// `3 sources`.
    pub sources_label: String,
    /// Link to the event on its chronology page.
    pub chronology_href: String,
}

impl From<&EventView> for EventLink {
    fn from(v: &EventView) -> EventLink {
        EventLink {
            id: v.event.id.clone(),
            href: v.href.clone(),
            headline: v.event.headline.clone(),
            datetime: v.datetime.clone(),
            when_label: v.when_label.clone(),
            date_label: v.date_label.clone(),
            time_label: v.time_label.clone(),
            source_count: v.source_count,
            sources_label: v.sources_label.clone(),
            chronology_href: v.chronology_href.clone(),
        }
    }
}

/// A link to an event from a quote.
#[derive(Debug, Clone, Serialize)]
pub struct EventRef {
    /// Event id.
    pub id: String,
    /// Event headline.
    pub headline: String,
    /// Link to the event page (site-relative).
    pub href: String,
}

/// A piece of a block of a source page: plain text, or part of a cited quote.
#[derive(Debug, Serialize)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether this piece is inside a cited quote.
    pub cited: bool,
    /// `q-<start>` on the first piece of a quote: the citation anchor.
    pub anchor: Option<String>,
    /// Ids of the events citing this piece.
    pub events: Vec<String>,
    /// Events whose quote ends with this piece (to link back after it).
    pub ends: Vec<EventRef>,
}

/// A block of a source page with its quotes marked.
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// `paragraph`, `heading`, `title` or `boilerplate`.
    pub kind: BlockKind,
    /// Character offset of the block in the body.
    pub start: usize,
    /// Pieces of the block in order.
    pub segments: Vec<Segment>,
}

/// A neighbour in the chronology, for previous/next links.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    /// Headline.
    pub headline: String,
    /// Date label.
    pub when_label: String,
    /// Link (site-relative).
    pub href: String,
}

/// Everything computed once per build and shared by the pages.
pub struct Views {
    /// Every event, in timeline order.
    pub events: Vec<EventView>,
    /// Every source, in timeline order.
    pub sources: Vec<SourceView>,
    /// The link of every event, in timeline order (what source pages list).
    pub links: Vec<EventLink>,
}

/// How many citations a chronology card lists; the event page lists them all.
pub const CARD_REFS: usize = 12;

impl Views {
    /// Builds the views of a site; `plan` says which chronology page shows each event.
    pub fn new(input: &RenderInput, env: &Env, plan: &Plan) -> Views {
        let l = env.locale;
        let by_id: BTreeMap<&str, &Source> = input
            .timeline
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        let keys = crate::timeline::key_event_ids(&input.timeline.events, input.config.key_events);
        let source_ref = |id: &str| -> SourceRef {
            SourceRef {
                id: id.to_string(),
                title: by_id
                    .get(id)
                    .map(|s| s.title.clone())
                    .unwrap_or_else(|| id.to_string()),
                href: env.link(&source_page(id)),
            }
        };
        // Each view is built alone; the ordered collect keeps timeline order.
        let events = input
            .timeline
            .events
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let refs: Vec<CitationView> = e
                    .citations
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let src = by_id.get(c.source.as_str());
                        CitationView {
                            n: k + 1,
                            source: c.source.clone(),
                            source_title: src
                                .map(|s| s.title.clone())
                                .unwrap_or_else(|| c.source.clone()),
                            outlet: src.and_then(|s| s.outlet.clone()),
                            published_label: src
                                .and_then(|s| s.published.as_ref())
                                .map(|p| l.date_of(p)),
                            quote: c.quote.clone(),
                            time_text: c.time_text.clone(),
                            href: env.link(&quote_path(c)),
                            source_href: env.link(&source_page(&c.source)),
                        }
                    })
                    .collect();
                let distinct: BTreeSet<&str> =
                    e.citations.iter().map(|c| c.source.as_str()).collect();
                let disputes = e
                    .conflicts
                    .iter()
                    .map(|c| {
                        let values: Vec<ConflictValue> = c
                            .values
                            .iter()
                            .enumerate()
                            .map(|(i, v)| ConflictValue {
                                value: v.clone(),
                                label: l.conflict_value(&c.kind, v),
                                source: c.sources.get(i).map(|s| source_ref(s)),
                            })
                            .collect();
                        let mut groups: Vec<ValueGroup> = Vec::new();
                        for v in &values {
                            let i = match groups.iter().position(|g| g.label == v.label) {
                                Some(i) => i,
                                None => {
                                    groups.push(ValueGroup {
                                        label: v.label.clone(),
                                        refs: Vec::new(),
                                        sources: Vec::new(),
                                    });
                                    groups.len() - 1
                                }
                            };
                            if let Some(src) = &v.source
                                && groups[i].sources.iter().all(|s| s.id != src.id)
                            {
                                groups[i].sources.push(src.clone());
                            }
                        }
                        // Each quote of the disagreeing sources goes under the value it gives
                        // (`jeudi` under Thursday even when its source is counted for
                        // Wednesday); a quote that gives none of them (a figure written in
                        // words, a quote added by hand) goes under its source's values.
                        for (k, cit) in e.citations.iter().enumerate() {
                            let said: Vec<&ConflictValue> = values
                                .iter()
                                .filter(|v| supports_value(c, cit, &v.value))
                                .collect();
                            let by_source: Vec<&ConflictValue> = values
                                .iter()
                                .filter(|v| v.source.as_ref().is_some_and(|s| s.id == cit.source))
                                .collect();
                            let under = if said.is_empty() { by_source } else { said };
                            let title = by_id
                                .get(cit.source.as_str())
                                .map_or_else(|| cit.source.clone(), |s| s.title.clone());
                            for v in under {
                                let Some(g) = groups.iter_mut().find(|g| g.label == v.label) else {
                                    continue;
                                };
                                if g.refs.iter().all(|r| r.n != k + 1) {
                                    g.refs.push(RefLink {
                                        n: k + 1,
                                        title: title.clone(),
                                        href: env.link(&quote_path(cit)),
                                    });
                                }
                            }
                        }
                        for g in &mut groups {
                            g.refs.sort_by_key(|r| r.n);
                        }
                        ConflictView {
                            kind: c.kind.clone(),
                            kind_label: l.conflict_label(&c.kind, c.quantity.as_deref()),
                            quantity: c.quantity.clone(),
                            note: c.note.clone(),
                            values,
                            groups,
                        }
                    })
                    .collect();
                let when_label = match &e.end {
                    Some(end) => l.range_of(&e.date, end),
                    None => l.when_of(&e.date),
                };
                EventView {
                    href: env.link(&event_page(&e.id)),
                    date_label: l.date_of(&e.date),
                    time_label: l.time_of(&e.date),
                    when_label,
                    datetime: datetime_of(&e.date, env.tz),
                    precision: e.date.precision().name().to_string(),
                    source_count: distinct.len(),
                    sources_label: l.count(distinct.len(), "source"),
                    key: keys.contains(&e.id),
                    summary_adds: !e.summary.trim().is_empty()
                        && bare(&e.summary) != bare(&e.headline),
                    more_refs: e.citations.len().saturating_sub(CARD_REFS),
                    card_sources: source_groups(&refs),
                    chronology_href: env.link(
                        &plan
                            .event_anchor(i, &e.id)
                            .unwrap_or_else(|| format!("index.html#{}", e.id)),
                    ),
                    refs,
                    disputes,
                    same_wording_label: same_wording(e)
                        .map(|n| l.label("same_wording").replace("{n}", &n.to_string()))
                        .unwrap_or_default(),
                    event: e.clone(),
                }
            })
            .collect::<Vec<_>>();
        let mut cited_by: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &input.timeline.events {
            let distinct: BTreeSet<&str> = e.citations.iter().map(|c| c.source.as_str()).collect();
            for s in distinct {
                *cited_by.entry(s).or_default() += 1;
            }
        }
        let sources = input
            .timeline
            .sources
            .iter()
            .map(|s| {
                let n = cited_by.get(s.id.as_str()).copied().unwrap_or(0);
                SourceView {
                    href: env.link(&s.page),
                    safe_url: s.url.as_deref().and_then(safe_url),
                    published_label: s.published.as_ref().map(|p| l.date_of(p)),
                    datetime: s
                        .published
                        .as_ref()
                        .map(|p| datetime_of(p, env.tz))
                        .unwrap_or_default(),
                    basis_label: l.basis_label(s.published_basis),
                    confidence_label: l
                        .dating_confidence(s.published_confidence, s.published_evidence),
                    event_count: n,
                    events_label: l.count(n, "event"),
                    source: s.clone(),
                }
            })
            .collect();
        let links = events.iter().map(EventLink::from).collect();
        Views {
            events,
            sources,
            links,
        }
    }
}

/// Text without its closing punctuation or ellipsis, for comparing a headline with a summary.
fn bare(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '…', '!', '?', ' '])
        .to_lowercase()
}

/// Groups events (already in timeline order) by the day, month or year they fall in.
pub fn group_by_day<'a>(events: &[&'a EventView], env: &Env) -> Vec<DayGroup<'a>> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for e in events {
        let g = e.event.date.group();
        let key = g.to_string();
        match groups.last_mut() {
            Some(group) if group.key == key => group.events.push(e),
            _ => {
                let (label, precision) = (env.locale.date_of(&g), g.precision().name().to_string());
                groups.push(DayGroup {
                    datetime: datetime_of(&g, env.tz),
                    key,
                    label,
                    precision,
                    events: vec![e],
                });
            }
        }
    }
    groups
}

/// The most sources that share one wording of the event, when two or more do.
fn same_wording(e: &Event) -> Option<usize> {
    let mut by_wording: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for c in &e.citations {
        by_wording
            .entry(crate::text::wording(&c.quote))
            .or_default()
            .insert(c.source.as_str());
    }
    by_wording
        .values()
        .map(BTreeSet::len)
        .max()
        .filter(|&n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::{source_name, supports_value};
    use crate::timeline::{Citation, Conflict};

    fn conflict(kind: &str) -> Conflict {
        Conflict {
            kind: kind.into(),
            quantity: None,
            note: String::new(),
            values: vec!["32".into(), "200".into()],
            sources: vec!["a".into(), "b".into()],
        }
    }

    fn quote(text: &str, value: &str) -> Citation {
        Citation {
            source: "a".into(),
            quote: text.into(),
            time_text: String::new(),
            start: 0,
            end: 1,
            anchor: String::new(),
            value: value.into(),
        }
    }

    #[test]
    fn a_quote_supports_the_day_it_gives_or_the_figure_it_writes() {
        let date = conflict("date");
        let q = quote("jeudi soir", "2023-09-21TEV");
        assert!(supports_value(&date, &q, "2023-09-21"));
        assert!(!supports_value(&date, &q, "2023-09-20"));
        let figure = conflict("figure");
        assert!(supports_value(
            &figure,
            &quote("au moins 32 morts", ""),
            "32"
        ));
        assert!(!supports_value(
            &figure,
            &quote("au moins 320 morts", ""),
            "32"
        ));
        assert!(supports_value(
            &figure,
            &quote("plus de 1 200 blessés", ""),
            "1200"
        ));
        assert!(!supports_value(
            &figure,
            &quote("trente-deux morts", ""),
            "32"
        ));
    }

    #[test]
    fn a_source_is_named_by_its_outlet_else_by_its_title_cut_at_a_word() {
        assert_eq!(
            source_name(Some("Le Monde"), "Un très long titre"),
            "Le Monde"
        );
        assert_eq!(source_name(Some("  "), "Court"), "Court");
        assert_eq!(
            source_name(
                None,
                "Des représentants des éleveurs et de la préfecture se sont réunis"
            ),
            "Des représentants des éleveurs et de la…"
        );
    }
}
