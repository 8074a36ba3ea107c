//! The template context: what every page and each kind of page can use. Documented for theme
//! authors in `themes/default/README.md`.

use serde::Serialize;
use tera::Context;

use crate::content::{Article, BlockKind};
use crate::site::Site;
use crate::text::CharIndex;
use crate::timeline::{Event, Source};

/// One page to render.
pub struct Page {
    /// Template name.
    pub template: String,
    /// Output path (`sources/x/index.html`).
    pub path: String,
    /// Template context.
    pub context: Context,
}

/// A piece of a block of a source page: plain text, or the start of a cited quote.
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

/// Relative prefix from a page at `path` back to the site root (`sources/x/index.html` → `../../`).
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn base_context(site: &Site, path: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("site", &site.timeline.site);
    ctx.insert("timeline", &site.timeline);
    ctx.insert("sources", &site.timeline.sources);
    ctx.insert("events", &site.timeline.events);
    ctx.insert("lang", &site.config.language);
    ctx.insert("root", &root_prefix(path));
    ctx.insert("page_path", &path.trim_end_matches("index.html"));
    ctx
}

/// Every page of the site, in a deterministic order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page {
        template: "index.html".into(),
        path: "index.html".into(),
        context: base_context(site, "index.html"),
    }];
    for (article, source) in site.articles.iter().zip(&site.timeline.sources) {
        let path = format!("sources/{}/index.html", source.id);
        let mut ctx = base_context(site, &path);
        ctx.insert("source", source);
        ctx.insert("blocks", &source_blocks(article, &site.timeline.events));
        let supports: Vec<&Event> = site
            .timeline
            .events
            .iter()
            .filter(|e| e.citations.iter().any(|c| c.source == source.id))
            .collect();
        ctx.insert("supports", &supports);
        pages.push(Page {
            template: "source.html".into(),
            path,
            context: ctx,
        });
    }
    pages
}

/// Splits an article's blocks at the boundaries of the quotes that events cite from it.
pub fn source_blocks(article: &Article, events: &[Event]) -> Vec<BlockView> {
    let idx = CharIndex::new(&article.body);
    // (start, end, event id) of every quote from this article.
    let mut quotes: Vec<(usize, usize, &str)> = events
        .iter()
        .flat_map(|e| {
            e.citations
                .iter()
                .filter(|c| c.source == article.id)
                .map(move |c| (c.start, c.end, e.id.as_str()))
        })
        .collect();
    quotes.sort();
    article
        .blocks
        .iter()
        .map(|b| {
            let mut cuts = vec![b.start, b.end];
            for &(s, e, _) in &quotes {
                if s < b.end && e > b.start {
                    cuts.push(s.clamp(b.start, b.end));
                    cuts.push(e.clamp(b.start, b.end));
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            let segments = cuts
                .windows(2)
                .map(|w| {
                    let (s, e) = (w[0], w[1]);
                    let covering: Vec<&(usize, usize, &str)> =
                        quotes.iter().filter(|q| q.0 <= s && q.1 >= e).collect();
                    let mut ids: Vec<String> = covering.iter().map(|q| q.2.to_string()).collect();
                    ids.dedup();
                    Segment {
                        text: article.body[idx.byte_of(s)..idx.byte_of(e)].to_string(),
                        cited: !covering.is_empty(),
                        anchor: quotes.iter().any(|q| q.0 == s).then(|| format!("q-{s}")),
                        events: ids,
                    }
                })
                .collect();
            BlockView {
                kind: b.kind,
                start: b.start,
                segments,
            }
        })
        .collect()
}

/// Registers Annales' template filters.
pub fn register_filters(tera: &mut tera::Tera) {
    let _ = tera;
}

/// Looks up a source by id.
pub fn source_by_id<'a>(sources: &'a [Source], id: &str) -> Option<&'a Source> {
    sources.iter().find(|s| s.id == id)
}
