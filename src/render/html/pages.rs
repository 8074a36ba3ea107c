//! The page plan: every page of a site (which template renders it, at which path) and the
//! context of each, built on demand so that a large site never holds every context at once.

use std::collections::{BTreeMap, BTreeSet};

use tera::Context;

use super::chart::Coverage;
use super::{
    EventLink, EventView, Neighbour, PageLink, PeriodLink, Plan, Views, group_by_day, period_links,
    source_blocks,
};
use crate::render::RenderInput;
use crate::render::links::{Env, event_page, root_prefix, source_page};
use crate::timeline::Event;

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
const LIST_PAGE_KEYS: [&str; 12] = [
    "chart",
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
    /// index in the chronology's `Plan::pages`.
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

/// The site-wide lists of the list pages' context ([`Pages::insert_lists`]).
const SITE_LISTS: [&str; 5] = [
    "timeline",
    "events",
    "sources",
    "event_views",
    "source_views",
];

/// Every page of a site, with what is needed to build each page's context on demand (so that a
/// large site never holds every context in memory at once).
pub struct Pages<'a> {
    pub(super) input: &'a RenderInput<'a>,
    pub(super) env: &'a Env,
    pub(super) views: Views,
    /// Which chronology page holds each event.
    pub(super) plan: Plan,
    /// Every period with its link, for the month navigation.
    pub(super) months: Vec<PeriodLink>,
    pub(super) shared: Context,
    /// Index of the events citing each source, by source index.
    pub(super) supports: Vec<Vec<usize>>,
    /// Articles and events per day, for the coverage chart; `None` when nothing is dated.
    pub(super) coverage: Option<Coverage>,
    /// The pages, in a deterministic order.
    pub specs: Vec<PageSpec>,
    /// Whether the list pages get the site-wide lists: only when a template names one. They
    /// are most of a large site's data, so the built-in theme, which does not use them, does
    /// without.
    lists: bool,
    /// Whether the home page gets its whole chronology (`days`, `context_days`): only when its
    /// templates read it. Every event with every citation, it was most of a large site's peak
    /// memory, for themes written before the summary; the built-in theme does not read it.
    home_days: (bool, bool),
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
            coverage: Coverage::of(input, super::summary::HOME_DAYS),
            specs,
            lists: input.theme.names_any(&SITE_LISTS),
            home_days: (
                input.theme.reads_any("index.html", &["days"]),
                input.theme.reads_any("index.html", &["context_days"]),
            ),
        }
    }

    /// Whether the page's context holds the site-wide lists (shared between list pages).
    pub fn has_lists(&self, spec: &PageSpec) -> bool {
        self.lists && spec.kind.shows_lists()
    }

    /// The template context of one page.
    pub fn context(&self, spec: &PageSpec) -> Context {
        let mut ctx = self.shared.clone();
        if self.has_lists(spec) {
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
            if !self.has_lists(spec) {
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

    /// The site-wide lists every list page shows (when a template names one of them).
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
        // A static host serves the 404 page at whatever depth was asked for, so a relative link
        // would lead to another 404: it links by absolute URL, or without `base_url` from the
        // host's root (right for a site served at the root, as `annales serve` does; a site under
        // a sub-path needs its `base_url`).
        let root = match spec.kind {
            PageKind::NotFound => env
                .base_url
                .as_ref()
                .map_or_else(|| "/".to_string(), |b| format!("{b}/")),
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
                let (days, context_days) = self.home_days;
                if days {
                    ctx.insert("days", &group_by_day(&story, env));
                }
                if context_days {
                    ctx.insert("context_days", &group_by_day(&context, env));
                }
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
