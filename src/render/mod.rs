//! Rendering: Tera templates from the theme (overridable file by file by the site's own
//! `templates/`), static files, and the data outputs, rendered in memory; [`crate::output`] puts
//! them into the output folder.
//!
//! Two sides share the [`links`] policy, the `chronology` plan (which month or day page shows
//! each event) and the [`locale`] (dates at their precision in the site's language):
//! - [`html`], the pages: views of the timeline (grouped days, numbered citations, readable
//!   disagreements), the page plan and each page's context, quote highlighting, the page cache;
//!   rendered through the [`theme`]'s Tera templates with the `filters`, sandboxed and bounded
//!   (`sandbox`, `budget`) and checked first (`template_check`);
//! - [`formats`], the data files (timeline.json, Atom, iCalendar, TimelineJS, sitemap), one unit
//!   each behind a small trait.

pub(crate) mod budget;
pub(crate) mod chronology;
pub(crate) mod filters;
pub(crate) mod formats;
pub(crate) mod html;
pub(crate) mod links;
pub(crate) mod locale;
pub(crate) mod sandbox;
pub(crate) mod template_check;
pub mod theme;

use std::collections::HashMap;

use anyhow::anyhow;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::Article;
use crate::progress::{Progress, Stage};
use crate::timeline::Timeline;

/// Everything a render reads, and nothing of the pipeline that made it (mdBook's
/// `RenderContext`): the timeline model, the articles it cites (for the source pages), the
/// site's configuration and its theme.
pub struct RenderInput<'a> {
    /// The timeline model.
    pub timeline: &'a Timeline,
    /// The articles, in the order of `timeline.sources`.
    pub articles: &'a [Article],
    /// site.toml, with command-line overrides applied.
    pub config: &'a Config,
    /// The theme, with the site's own template overrides.
    pub theme: theme::Theme,
}

/// What a render wrote.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
    /// All files written, pages included.
    pub files: usize,
}

/// A file produced by rendering: its site-relative path and bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// Site-relative path with `/` separators (`sources/x/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Pages of a previous render with the fingerprint of their inputs, so that the next render of
/// the same site (the preview server's) renders again only the pages whose inputs changed.
#[derive(Debug, Default, Clone)]
pub struct PageCache {
    pages: HashMap<String, (u64, Vec<u8>)>,
    /// Pages the last render took from the cache.
    pub last_reused: usize,
    /// Pages the last render rendered afresh.
    pub last_rendered: usize,
    /// Paths of the pages (not the data files) the last render rendered afresh, in page order.
    pub last_rendered_pages: Vec<String>,
}

/// Where a streamed render puts each file as soon as it is made, instead of holding the whole
/// site in memory (called from several threads at once).
pub trait Sink: Sync {
    /// Called once with every path the render will write, before it writes any: what would
    /// fail writing them is refused here.
    fn check(&self, paths: &[&str]) -> anyhow::Result<()>;
    /// Puts one file.
    fn put(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Puts the file that `write` writes, as it writes it; no file when it writes nothing.
    /// Whether there is one.
    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<bool>;
}

/// Renders the whole site in memory, in a deterministic order.
pub fn render_files(input: &RenderInput) -> anyhow::Result<Vec<OutputFile>> {
    render(input, None, &Progress::default(), None)
}

/// Renders the whole site into `sink`, each page as soon as it is rendered: the same files as
/// [`render_files`], never all in memory at once.
pub fn render_into(
    input: &RenderInput,
    progress: &Progress,
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    render(input, None, progress, Some(sink)).map(drop)
}

/// Like [`render_files`], counting the pages rendered in `progress`.
pub fn render_files_observed(
    input: &RenderInput,
    progress: &Progress,
) -> anyhow::Result<Vec<OutputFile>> {
    render(input, None, progress, None)
}

/// Like [`render_files`], reusing the pages of `cache` whose inputs are unchanged and keeping
/// this render's pages in it. The output is the same as [`render_files`]'.
pub fn render_files_cached(
    input: &RenderInput,
    cache: &mut PageCache,
) -> anyhow::Result<Vec<OutputFile>> {
    render(input, Some(cache), &Progress::default(), None)
}

/// [`render_files_cached`] without the data files ([`formats::ALL`]), which
/// [`render_data_files`] makes: the preview server shows the new pages first. Together they
/// are the files of [`render_files_cached`].
pub fn render_pages_cached(
    input: &RenderInput,
    cache: &mut PageCache,
) -> anyhow::Result<Vec<OutputFile>> {
    render_parts(input, Some(cache), &Progress::default(), None, Parts::Pages)
}

/// The data files of the site (timeline.json, the feeds…), and the static files that have a
/// data file's name but stand in for one this site does not make (a sitemap without
/// `base_url`): the files [`render_pages_cached`] leaves out.
pub fn render_data_files(input: &RenderInput) -> anyhow::Result<Vec<OutputFile>> {
    render_parts(input, None, &Progress::default(), None, Parts::Data)
}

/// Which files a render makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    All,
    /// Pages and static files, without the data files or the static files of their names.
    Pages,
    /// Only what `Pages` leaves out.
    Data,
}

/// Renders the site: into `sink` when one is given (then nothing is returned, and `cache` must
/// be `None`), else into the returned files.
fn render(
    input: &RenderInput,
    cache: Option<&mut PageCache>,
    progress: &Progress,
    sink: Option<&dyn Sink>,
) -> anyhow::Result<Vec<OutputFile>> {
    render_parts(input, cache, progress, sink, Parts::All)
}

/// [`render`], of the `parts` asked for (always `All` into a sink).
fn render_parts(
    input: &RenderInput,
    cache: Option<&mut PageCache>,
    progress: &Progress,
    sink: Option<&dyn Sink>,
    parts: Parts,
) -> anyhow::Result<Vec<OutputFile>> {
    let env = links::Env::new(input);
    let theme = &input.theme;
    let mut pages = html::Pages::new(input, &env);
    // A theme of its own written before the month and day pages existed keeps building: its
    // site simply has no such pages (its templates do not link them).
    let chronology = ["month.html", "day.html"]
        .iter()
        .all(|t| theme.templates.contains_key(*t));
    if !chronology {
        pages
            .specs
            .retain(|s| !matches!(s.kind, html::PageKind::Chronology(_)));
    }
    // The data files are single documents of the whole site: always made afresh, from the
    // site's pages (their links) and its chronology plan.
    let page_paths: Vec<&str> = pages
        .specs
        .iter()
        .map(|s| s.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect();
    let format_input = || formats::FormatInput {
        input,
        env: &env,
        plan: chronology.then(|| pages.plan()),
        pages: &page_paths,
    };
    if parts == Parts::Data {
        let mut files = formats::render_all(&format_input())?;
        let made: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        files.extend(
            theme
                .static_files()?
                .into_iter()
                .filter(|f| is_data_path(&f.path) && !made.contains(&f.path)),
        );
        files.sort_by(|a, b| a.path.cmp(&b.path));
        return Ok(files);
    }
    let tera = theme.tera(&env)?;
    // Streamed, what would fail writing is found before anything is written.
    if let Some(sink) = sink {
        let statics = theme.statics.keys().map(String::as_str);
        let paths: Vec<&str> = pages
            .specs
            .iter()
            .map(|s| s.path.as_str())
            .chain(formats::ALL.iter().map(|f| f.path()))
            .chain(statics)
            .collect();
        sink.check(&paths)?;
    }
    let inline_css = theme
        .statics
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).replace("</", "<\\/"))
        .unwrap_or_default();
    // What pages depend on besides the site data: any template, the 404's inline styles and the
    // filters' settings.
    let base = html::json_hash(&(
        &theme.templates,
        &inline_css,
        &env.base_url,
        env.tz.name(),
        &input.config.language,
    ));
    let fingerprints = match (&cache, base) {
        (Some(_), Some(base)) => pages.fingerprints(base),
        _ => None,
    };
    let keys: Vec<Option<u64>> = pages
        .specs
        .par_iter()
        .map(|spec| {
            fingerprints
                .as_ref()
                .and_then(|fp| pages.page_key(fp, spec))
        })
        .collect();
    // A page whose inputs are those of the previous render's page at the same path is reused.
    let previous = cache.as_deref().map(|c| &c.pages);
    let mut bodies: Vec<Option<Vec<u8>>> = pages
        .specs
        .iter()
        .zip(&keys)
        .map(|(spec, key)| {
            let (k, bytes) = previous?.get(&spec.path)?;
            (Some(*k) == *key).then(|| bytes.clone())
        })
        .collect();
    let reused = bodies.iter().filter(|b| b.is_some()).count();
    let rendered_pages: Vec<String> = pages
        .specs
        .iter()
        .zip(&bodies)
        .filter(|(_, b)| b.is_none())
        .map(|(spec, _)| spec.path.clone())
        .collect();
    let budget_shared = std::sync::Arc::new(budget::Shared::default());
    let render_page = |spec: &html::PageSpec, ctx: &mut tera::Context| {
        if spec.kind == html::PageKind::NotFound {
            // Served at any depth: without base_url its relative stylesheet link may miss,
            // so the page carries the theme's styles itself.
            ctx.insert("inline_css", &inline_css);
        }
        // Within the page's budget of steps, time, size and stack: an error, never an abort.
        let page = budget::render(&tera, spec.template, ctx, &budget_shared, |msg| {
            // An unknown variable or filter is pointed at where it is used, for editors to jump.
            let place = match theme.locate(&tera, spec.template, msg) {
                Some((origin, line, column)) => format!("{origin}:{line}:{column}"),
                None => theme.origin(spec.template),
            };
            format!("template error in {place} (rendering {}): {msg}", spec.path)
        })
        .map_err(|msg| anyhow!(msg));
        progress.step();
        match (page, sink) {
            (Ok(html), Some(sink)) => sink.put(&spec.path, html.as_bytes()).map(|()| None),
            (page, _) => page.map(Some),
        }
    };
    // Streamed, each data file is put as soon as it is made, and only its path is kept.
    let data = || -> anyhow::Result<Vec<OutputFile>> {
        if parts == Parts::Pages {
            return Ok(Vec::new());
        }
        let cx = format_input();
        let Some(sink) = sink else {
            return formats::render_all(&cx);
        };
        let made = formats::write_each(&cx, sink)?;
        Ok(made
            .into_iter()
            .map(|path| OutputFile {
                path: path.into(),
                bytes: Vec::new(),
            })
            .collect())
    };
    let todo: Vec<usize> = (0..pages.specs.len())
        .filter(|&i| bodies[i].is_none())
        .collect();
    progress.start(Stage::Rendering, todo.len());
    let (lists, others): (Vec<usize>, Vec<usize>) = todo
        .into_iter()
        .partition(|&i| pages.has_lists(&pages.specs[i]));
    // The list pages share one copy of the site-wide lists, so they render one after the other
    // while the other pages render in parallel beside them; each of those builds its context
    // only while it renders. Results are placed by page index, so the order never depends on
    // the scheduling.
    let render_lists = || {
        let specs: Vec<&html::PageSpec> = lists.iter().map(|&i| &pages.specs[i]).collect();
        let mut out = Vec::new();
        pages
            .for_each_context(&specs, |spec, ctx| {
                out.push(render_page(spec, ctx)?);
                anyhow::Ok(())
            })
            .map(|()| out)
    };
    let render_others = || {
        others
            .par_iter()
            .map(|&i| {
                let spec = &pages.specs[i];
                render_page(spec, &mut pages.context(spec))
            })
            // Collected whole first, so the error reported is the first page's in order.
            .collect::<Vec<anyhow::Result<Option<String>>>>()
            .into_iter()
            .collect::<anyhow::Result<Vec<Option<String>>>>()
    };
    let (listed, (data, rendered)) = rayon::join(render_lists, || rayon::join(data, render_others));
    let (listed, rendered) = (listed?, rendered?);
    if let Some(sink) = sink {
        // Every page and data file is written already: the static files last.
        let data = data?;
        for f in theme.static_files()? {
            if !data.iter().any(|d| d.path == f.path)
                && !pages.specs.iter().any(|s| s.path == f.path)
            {
                sink.put(&f.path, &f.bytes)?;
            }
        }
        return Ok(Vec::new());
    }
    for (i, html) in lists.iter().zip(listed).chain(others.iter().zip(rendered)) {
        bodies[*i] = html.map(String::into_bytes);
    }
    let mut files = Vec::with_capacity(bodies.len() + 8);
    for (spec, body) in pages.specs.iter().zip(bodies) {
        files.push(OutputFile {
            path: spec.path.clone(),
            bytes: body.ok_or_else(|| anyhow!("{} was not rendered", spec.path))?,
        });
    }
    if let Some(cache) = cache {
        cache.last_reused = reused;
        cache.last_rendered = files.len() - reused;
        cache.last_rendered_pages = rendered_pages;
        // Only this render's pages are kept: a page gone from the site leaves the cache. A
        // reused page's entry is already right; only the pages rendered afresh are copied in.
        let mut kept = std::mem::take(&mut cache.pages);
        cache.pages = files
            .iter()
            .zip(&keys)
            .filter_map(|(f, key)| {
                let k = (*key)?;
                let entry = match kept.remove(&f.path) {
                    Some(old) if old.0 == k => old,
                    _ => (k, f.bytes.clone()),
                };
                Some((f.path.clone(), entry))
            })
            .collect();
    }
    files.extend(data?);
    // Generated files win over static files of the same name.
    let generated: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.path.clone()).collect();
    files.extend(
        theme
            .static_files()?
            .into_iter()
            .filter(|f| !generated.contains(&f.path))
            .filter(|f| parts != Parts::Pages || !is_data_path(&f.path)),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Whether `path` is where one of the data formats goes.
pub fn is_data_path(path: &str) -> bool {
    data_paths().any(|p| p == path)
}

/// Where the data formats go (`timeline.json`, `feed.xml`…), whether or not a site makes each.
pub fn data_paths() -> impl Iterator<Item = &'static str> {
    formats::ALL.iter().map(|f| f.path())
}
