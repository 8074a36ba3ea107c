//! The template context: what every page and each kind of page can use. Documented for theme
//! authors in `themes/default/README.md`.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::chronology::Plan;
use super::locale::datetime_of;
use crate::content::{Article, BlockKind};
use crate::render::RenderInput;
use crate::text::CharIndex;
use crate::timeline::{Event, Source};

mod cache;
mod highlight;
mod summary;
use super::links::{Env, event_page, quote_path, root_prefix, safe_url, source_page};
pub use cache::{Fingerprints, json_hash};
pub use highlight::source_blocks;
pub use summary::{
    DayEntry, PageLink, PeriodLink, SummaryDay, YearLinks, month_years, period_links,
};

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

/// Ids of the key events: the `limit` most salient (ties: earlier first, then by id). Only
/// story events count, unless every event is background: the key events are the story's.
pub fn key_event_ids(events: &[Event], limit: usize) -> BTreeSet<String> {
    let any_story = events.iter().any(|e| !e.background);
    crate::timeline::ranked(events.iter().filter(|e| !any_story || !e.background))
        .into_iter()
        .take(limit)
        .map(|e| e.id.clone())
        .collect()
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
        let keys = key_event_ids(&input.timeline.events, input.config.key_events);
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
                let refs = e
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
                            let g = &mut groups[i];
                            if let Some(src) = &v.source {
                                if g.sources.iter().all(|s| s.id != src.id) {
                                    g.sources.push(src.clone());
                                }
                                for (k, cit) in e.citations.iter().enumerate() {
                                    if cit.source == src.id && g.refs.iter().all(|r| r.n != k + 1) {
                                        g.refs.push(RefLink {
                                            n: k + 1,
                                            title: src.title.clone(),
                                            href: env.link(&quote_path(cit)),
                                        });
                                    }
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

/// Context shared by every page (small: it is cloned for each page).
fn shared_context(input: &RenderInput, env: &Env, views: &Views) -> Context {
    let mut ctx = Context::new();
    ctx.insert("config", &input.config);
    ctx.insert("site", &input.timeline.site);
    ctx.insert("lang", &input.config.language);
    ctx.insert("t", &labels(input, env));
    ctx.insert("key_count", &views.events.iter().filter(|e| e.key).count());
    ctx.insert("event_count", &views.events.len());
    ctx.insert("source_count", &views.sources.len());
    ctx.insert("has_base_url", &env.base_url.is_some());
    ctx.insert("base_url", &env.base_url);
    ctx
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

/// The locale's labels, with the site's own wording from `[extra.labels]` in site.toml on top.
pub fn labels(input: &RenderInput, env: &Env) -> BTreeMap<String, String> {
    let mut labels = env.locale.labels.clone();
    if let Some(toml::Value::Table(own)) = input.config.extra.get("labels") {
        for (k, v) in own {
            if let toml::Value::String(v) = v {
                labels.insert(k.clone(), v.clone());
            }
        }
    }
    labels
}

/// How many sources one page of their list shows (a line each).
pub const SOURCES_PER_PAGE: usize = 1000;

/// The site-relative directory of the `n`-th page (0-based) of the list of sources: `sources/`,
/// then `source-list/2/`… (outside `sources/`, where any name may be a source's).
pub fn source_list_page(n: usize) -> String {
    if n == 0 {
        "sources/".into()
    } else {
        format!("source-list/{}/", n + 1)
    }
}

/// The values only one list page has, removed before the next list page's are inserted.
const LIST_PAGE_KEYS: [&str; 11] = [
    "days",
    "context_days",
    "summary_days",
    "context_summary",
    "context_more",
    "home_complete",
    "months",
    "month_years",
    "listed_sources",
    "source_pages",
    "listed_from",
];

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The chronology.
    Home,
    /// The key events.
    KeyEvents,
    /// About the sources: the `n`-th page (0-based) of their list.
    About(usize),
    /// The 404 page.
    NotFound,
    /// One event, by index in the timeline.
    Event(usize),
    /// One source, by index.
    Source(usize),
    /// A page of the full chronology (a month, or a day of a month too large for one page), by
    /// index in the chronology's [`Plan::pages`].
    Chronology(usize),
}

impl PageKind {
    /// Whether the page shows the site-wide lists (every event and source).
    pub fn shows_lists(self) -> bool {
        matches!(
            self,
            PageKind::Home | PageKind::KeyEvents | PageKind::About(_) | PageKind::NotFound
        )
    }
}

/// A page to render: what it shows, its template and output path.
#[derive(Debug, Clone)]
pub struct PageSpec {
    /// What the page shows.
    pub kind: PageKind,
    /// Template name.
    pub template: &'static str,
    /// Output path (`sources/x/index.html`).
    pub path: String,
}

/// Every page of a site, with what is needed to build each page's context on demand (so that a
/// large site never holds every context in memory at once).
pub struct Pages<'a> {
    input: &'a RenderInput<'a>,
    env: &'a Env,
    views: Views,
    /// Which chronology page holds each event.
    plan: Plan,
    /// Every period with its link, for the month navigation.
    months: Vec<PeriodLink>,
    shared: Context,
    /// Index of the events citing each source, by source index.
    supports: Vec<Vec<usize>>,
    /// The pages, in a deterministic order.
    pub specs: Vec<PageSpec>,
}

impl<'a> Pages<'a> {
    /// Plans the pages of `site`.
    /// Which chronology page holds each event.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Plans every page of the site: which template renders it, at which path.
    pub fn new(input: &'a RenderInput<'a>, env: &'a Env) -> Pages<'a> {
        let plan = Plan::new(&input.timeline.events);
        let views = Views::new(input, env, &plan);
        let shared = shared_context(input, env, &views);
        let months = period_links(&plan, &input.timeline.events, env);
        let index: BTreeMap<&str, usize> = input
            .timeline
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut supports = vec![Vec::new(); input.timeline.sources.len()];
        for (i, e) in input.timeline.events.iter().enumerate() {
            let cited: BTreeSet<usize> = e
                .citations
                .iter()
                .filter_map(|c| index.get(c.source.as_str()).copied())
                .collect();
            for s in cited {
                supports[s].push(i);
            }
        }
        let mut specs = vec![
            PageSpec {
                kind: PageKind::Home,
                template: "index.html",
                path: "index.html".into(),
            },
            PageSpec {
                kind: PageKind::KeyEvents,
                template: "key-events.html",
                path: "key-events/index.html".into(),
            },
        ];
        // The list of sources, cut into pages a browser opens at once.
        for n in 0..input
            .timeline
            .sources
            .len()
            .div_ceil(SOURCES_PER_PAGE)
            .max(1)
        {
            specs.push(PageSpec {
                kind: PageKind::About(n),
                template: "sources.html",
                path: format!("{}index.html", source_list_page(n)),
            });
        }
        specs.push(PageSpec {
            kind: PageKind::NotFound,
            template: "404.html",
            path: "404.html".into(),
        });
        for (k, page) in plan.pages.iter().enumerate() {
            specs.push(PageSpec {
                kind: PageKind::Chronology(k),
                template: if page.group.is_some() {
                    "day.html"
                } else {
                    "month.html"
                },
                path: format!("{}index.html", page.path),
            });
        }
        let mut seen = BTreeSet::new();
        for (i, e) in input.timeline.events.iter().enumerate() {
            let dir = event_page(&e.id);
            if seen.insert(dir.clone()) {
                specs.push(PageSpec {
                    kind: PageKind::Event(i),
                    template: "event.html",
                    path: format!("{dir}index.html"),
                });
            }
        }
        for (i, s) in input
            .timeline
            .sources
            .iter()
            .enumerate()
            .take(input.articles.len())
        {
            specs.push(PageSpec {
                kind: PageKind::Source(i),
                template: "source.html",
                path: format!("{}index.html", source_page(&s.id)),
            });
        }
        Pages {
            input,
            env,
            views,
            plan,
            months,
            shared,
            supports,
            specs,
        }
    }

    /// The template context of one page.
    pub fn context(&self, spec: &PageSpec) -> Context {
        let mut ctx = self.shared.clone();
        if spec.kind.shows_lists() {
            self.insert_lists(&mut ctx);
        }
        self.insert_page(spec, &mut ctx);
        ctx
    }

    /// Calls `f` with the context of each of `specs`, in order. The list pages among them share
    /// one copy of the site-wide lists, which are most of their context: only the page's own
    /// values change between them. Whatever `f` adds to a context is dropped after it returns.
    pub fn for_each_context<E>(
        &self,
        specs: &[&PageSpec],
        mut f: impl FnMut(&PageSpec, &mut Context) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut lists: Option<Context> = None;
        for spec in specs {
            if !spec.kind.shows_lists() {
                f(spec, &mut self.context(spec))?;
                continue;
            }
            let ctx = match lists.take() {
                Some(mut ctx) => {
                    self.insert_page(spec, &mut ctx);
                    ctx
                }
                None => self.context(spec),
            };
            let (keys, mut ctx) = match ctx.into_json() {
                serde_json::Value::Object(map) => (
                    map.keys().cloned().collect::<BTreeSet<String>>(),
                    Context::from_value(serde_json::Value::Object(map)).unwrap_or_default(),
                ),
                // Not reached (a context is a map); rebuilt alone, nothing shared.
                _ => (BTreeSet::new(), self.context(spec)),
            };
            f(spec, &mut ctx)?;
            let mut map = match ctx.into_json() {
                serde_json::Value::Object(map) => map,
                _ => continue,
            };
            map.retain(|k, _| keys.contains(k));
            lists = Context::from_value(serde_json::Value::Object(map)).ok();
        }
        Ok(())
    }

    /// The site-wide lists every list page shows.
    fn insert_lists(&self, ctx: &mut Context) {
        let (input, views) = (self.input, &self.views);
        ctx.insert("timeline", &input.timeline);
        ctx.insert("events", &input.timeline.events);
        ctx.insert("sources", &input.timeline.sources);
        ctx.insert("event_views", &views.events);
        ctx.insert("source_views", &views.sources);
    }

    /// The values of one page, replacing those of a previous list page in a shared context.
    fn insert_page(&self, spec: &PageSpec, ctx: &mut Context) {
        let (input, env, views) = (self.input, self.env, &self.views);
        // A 404 page is served at any depth, so it can only link by absolute URL or from the root.
        let root = match spec.kind {
            PageKind::NotFound => env
                .base_url
                .as_ref()
                .map(|b| format!("{b}/"))
                .unwrap_or_default(),
            _ => root_prefix(&spec.path),
        };
        // A list page's values replace the previous list page's in a shared context.
        if spec.kind.shows_lists() {
            for k in LIST_PAGE_KEYS {
                ctx.remove(k);
            }
        }
        ctx.insert("root", &root);
        ctx.insert("page_path", &spec.path.trim_end_matches("index.html"));
        ctx.insert("template", spec.template);
        match spec.kind {
            PageKind::Home => {
                // Background events get their own section ("Contexte"), in date order too.
                let (context, story): (Vec<&EventView>, Vec<&EventView>) =
                    views.events.iter().partition(|e| e.event.background);
                // The whole chronology, for templates written before the summary existed.
                ctx.insert("days", &group_by_day(&story, env));
                ctx.insert("context_days", &group_by_day(&context, env));
                self.insert_home(ctx);
            }
            PageKind::Chronology(k) => self.insert_chronology(k, ctx),
            PageKind::KeyEvents => {
                let key: Vec<&EventView> = views.events.iter().filter(|e| e.key).collect();
                ctx.insert("days", &group_by_day(&key, env));
            }
            PageKind::About(n) => {
                let count = views.sources.len().div_ceil(SOURCES_PER_PAGE).max(1);
                let from = (n * SOURCES_PER_PAGE).min(views.sources.len());
                let to = (from + SOURCES_PER_PAGE).min(views.sources.len());
                ctx.insert("listed_sources", &views.sources[from..to]);
                ctx.insert("listed_from", &(from + 1));
                let pages: Vec<PageLink> = (0..count)
                    .map(|k| PageLink {
                        label: format!(
                            "{}–{}",
                            k * SOURCES_PER_PAGE + 1,
                            ((k + 1) * SOURCES_PER_PAGE).min(views.sources.len())
                        ),
                        href: env.link(&source_list_page(k)),
                        n: k + 1,
                        current: k == n,
                    })
                    .collect();
                // One page needs no page links.
                ctx.insert("source_pages", &if count > 1 { pages } else { Vec::new() });
            }
            PageKind::NotFound => {}
            PageKind::Event(i) => {
                ctx.insert("event", &views.events[i]);
                let neighbour = |e: &EventView| Neighbour {
                    headline: e.event.headline.clone(),
                    when_label: e.when_label.clone(),
                    href: e.href.clone(),
                };
                ctx.insert(
                    "previous",
                    &i.checked_sub(1).map(|j| neighbour(&views.events[j])),
                );
                ctx.insert("next", &views.events.get(i + 1).map(neighbour));
            }
            PageKind::Source(i) => {
                let source = &views.sources[i];
                let supporting: Vec<&Event> = self.supports[i]
                    .iter()
                    .map(|&k| &input.timeline.events[k])
                    .collect();
                let (blocks, orphans) = source_blocks(&input.articles[i], &supporting, env);
                ctx.insert("source", source);
                ctx.insert("blocks", &blocks);
                ctx.insert("orphan_anchors", &orphans);
                let supports: Vec<&EventLink> =
                    self.supports[i].iter().map(|&k| &views.links[k]).collect();
                ctx.insert("supports", &supports);
            }
        }
    }
}

/// Looks up a source by id.
pub fn source_by_id<'a>(sources: &'a [Source], id: &str) -> Option<&'a Source> {
    sources.iter().find(|s| s.id == id)
}
