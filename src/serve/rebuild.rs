//! Rebuilding for a change: keeps the pipeline (per-article cache) and the last loaded site, so
//! a content change re-analyses only changed articles and a template change only re-renders.

use std::time::{Duration, Instant};

use crate::render;
use crate::site::{BuildOptions, Pipeline, Site};

use super::state::Files;
use super::watch::Change;

/// A successful rebuild.
#[derive(Debug)]
pub struct Rebuilt {
    /// Every output file but the data files (timeline.json, the feeds…), which
    /// [`Rebuilder::data_files`] makes once the new pages are shown.
    pub files: Files,
    /// Whether content was reloaded (false: templates/static only).
    pub reloaded: bool,
    /// Articles analysed afresh.
    pub reanalysed: usize,
    /// Articles in the site.
    pub articles: usize,
    /// Events in the site.
    pub events: usize,
    /// Pages rendered afresh (the others were unchanged and reused).
    pub rerendered: usize,
    /// Load, extraction and merge time.
    pub load_time: Duration,
    /// Render time.
    pub render_time: Duration,
    /// Warnings from loading and extraction.
    pub warnings: Vec<String>,
    /// The site's language, for the server's own words in the page.
    pub lang: crate::lang::Lang,
}

/// Keeps what a rebuild can reuse.
#[derive(Debug)]
pub struct Rebuilder {
    opts: BuildOptions,
    pipeline: Pipeline,
    site: Option<Site>,
    // The last render's pages: an edit re-renders only the pages whose inputs changed.
    pages: render::PageCache,
    // Set when the last content load failed: the kept site is stale, whatever changes next.
    content_stale: bool,
}

impl Rebuilder {
    /// A rebuilder for a site; nothing is loaded until the first [`Rebuilder::rebuild`].
    pub fn new(opts: BuildOptions) -> Rebuilder {
        Rebuilder {
            opts,
            pipeline: Pipeline::default(),
            site: None,
            pages: render::PageCache::default(),
            content_stale: true,
        }
    }

    /// Redoes what `change` needs and renders the whole site in memory, rendering again only
    /// the pages whose inputs changed since the last rebuild.
    pub fn rebuild(&mut self, change: Change) -> anyhow::Result<Rebuilt> {
        let started = Instant::now();
        if change == Change::Config {
            // The default language (and so every article) may differ: start the cache afresh.
            self.pipeline = Pipeline::default();
        }
        let reload = change >= Change::Content || self.content_stale || self.site.is_none();
        let mut reanalysed = 0;
        if reload {
            self.content_stale = true;
            let site = self.pipeline.load(&self.opts)?;
            reanalysed = self.pipeline.cache.last_misses;
            self.site = Some(site);
            self.content_stale = false;
        }
        let load_time = started.elapsed();
        let site = loaded(&self.site)?;
        let rendered = site.render_pages_cached(&mut self.pages)?;
        let render_time = started.elapsed() - load_time;
        Ok(Rebuilt {
            files: by_path(rendered),
            reloaded: reload,
            reanalysed,
            rerendered: self.pages.last_rendered,
            articles: site.articles.len(),
            events: site.timeline.events.len(),
            lang: site.config.lang(),
            load_time,
            render_time,
            warnings: if reload {
                site.warnings.clone()
            } else {
                Vec::new()
            },
        })
    }

    /// The data files of the last rebuilt site: the files [`Rebuilt::files`] leaves out, made
    /// apart because pages never need them to show (a browser fetches them on demand).
    pub fn data_files(&self) -> anyhow::Result<Files> {
        Ok(by_path(loaded(&self.site)?.render_data()?))
    }
}

/// The site last loaded (borrowed apart from the rebuilder's other fields).
fn loaded(site: &Option<Site>) -> anyhow::Result<&Site> {
    site.as_ref()
        .ok_or_else(|| anyhow::anyhow!("no site loaded"))
}

/// Rendered files by their path.
fn by_path(files: Vec<render::OutputFile>) -> Files {
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

impl std::fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = (self.load_time + self.render_time).as_millis();
        if self.reloaded {
            write!(
                f,
                "{} article{} re-analysed of {}, {} events, {} files ({} pages re-rendered) \
in {total} ms (load {} ms, render {} ms)",
                self.reanalysed,
                if self.reanalysed == 1 { "" } else { "s" },
                self.articles,
                self.events,
                self.files.len(),
                self.rerendered,
                self.load_time.as_millis(),
                self.render_time.as_millis()
            )
        } else {
            write!(
                f,
                "{} files ({} pages re-rendered) in {total} ms (templates or static files changed)",
                self.files.len(),
                self.rerendered
            )
        }
    }
}
