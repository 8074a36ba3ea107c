//! The build pipeline: config → content → events → timeline → render, with a per-article cache
//! so that a rebuild re-analyses only the articles whose bytes changed.

pub mod init;
pub mod report;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Article, ContentError, LoadOptions, Warning};
use crate::events::{self, Analysis, Corrections, SourceDating};
use crate::progress::{Progress, Stage};
use crate::timeline::{self, SiteInfo, Timeline};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root (holds site.toml, content/, themes/).
    pub root: PathBuf,
    /// Output folder; `root/public` by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.toml.
    pub base_url: Option<String>,
    /// Include draft articles.
    pub drafts: bool,
}

impl BuildOptions {
    /// Options for a site root with every default.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A loaded, extracted site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site root.
    pub root: PathBuf,
    /// site.toml, with command-line overrides applied.
    pub config: Config,
    /// Articles in path order.
    pub articles: Vec<Article>,
    /// How each article was dated, in the same order.
    pub dating: Vec<SourceDating>,
    /// The timeline model.
    pub timeline: Timeline,
    /// Warnings from loading and extraction.
    pub warnings: Vec<String>,
}

impl Site {
    /// What the renderer reads of this site: its timeline, articles, configuration and theme
    /// (loaded now, with the site's template overrides).
    pub fn render_input(&self) -> anyhow::Result<crate::render::RenderInput<'_>> {
        Ok(crate::render::RenderInput {
            timeline: &self.timeline,
            articles: &self.articles,
            config: &self.config,
            theme: crate::render::theme::Theme::load(&self.root, &self.config.theme)?,
        })
    }

    /// Renders the site in memory (see [`crate::render::render_files`]).
    pub fn render(&self) -> anyhow::Result<Vec<crate::render::OutputFile>> {
        self.render_observed(&Progress::default())
    }

    /// Like [`Self::render`], counting the pages rendered in `progress`.
    pub fn render_observed(
        &self,
        progress: &Progress,
    ) -> anyhow::Result<Vec<crate::render::OutputFile>> {
        crate::render::render_files_observed(&self.render_input()?, progress)
    }

    /// Renders the site in memory, reusing the unchanged pages of `cache`.
    pub fn render_cached(
        &self,
        cache: &mut crate::render::PageCache,
    ) -> anyhow::Result<Vec<crate::render::OutputFile>> {
        crate::render::render_files_cached(&self.render_input()?, cache)
    }

    /// [`Site::render_cached`] without the data files, which [`Site::render_data`] makes.
    pub fn render_pages_cached(
        &self,
        cache: &mut crate::render::PageCache,
    ) -> anyhow::Result<Vec<crate::render::OutputFile>> {
        crate::render::render_pages_cached(&self.render_input()?, cache)
    }

    /// The data files [`Site::render_pages_cached`] leaves out.
    pub fn render_data(&self) -> anyhow::Result<Vec<crate::render::OutputFile>> {
        crate::render::render_data_files(&self.render_input()?)
    }

    /// Renders the site and puts it into `out` (see [`crate::output::prepare`] and
    /// [`crate::output::Target::publish`]), so a failed build leaves the previous output
    /// exactly as it was.
    pub fn render_atomic(
        &self,
        out: &std::path::Path,
    ) -> anyhow::Result<crate::render::RenderStats> {
        let left = || format!("the build failed; {} was left as it was", out.display());
        let target = crate::output::prepare(&self.root, out).with_context(left)?;
        let files = self.render().with_context(left)?;
        target.publish(&files)
    }
}

/// Per-article analysis results keyed by source id, content hash and language.
#[derive(Debug, Default, Clone)]
pub struct Cache {
    /// Per article id: the key of its inputs, its analysis and its readings on other days.
    entries: HashMap<String, (u64, Arc<Analysis>, Arc<events::rereads::Rereads>)>,
    /// How many articles the last [`Pipeline::load`] analysed afresh.
    pub last_misses: usize,
}

/// What one content file loaded to (an article, or the warning it was skipped with), keyed by
/// its relative path, with the hash of its bytes and the options it was loaded with.
type FileEntry = (u64, LoadOptions, Result<Article, Warning>);

/// Loads sites, reusing per-article work between calls (the watch mode keeps one alive;
/// [`Pipeline::once`] for a single load).
#[derive(Debug, Default)]
pub struct Pipeline {
    /// The analysis cache.
    pub cache: Cache,
    /// Each content file as the last load parsed it: a file whose bytes are unchanged is not
    /// parsed again (its result is a function of its path, bytes and the load options only).
    files: HashMap<String, FileEntry>,
    /// How many content files the last load parsed afresh (the others were unchanged).
    pub last_parsed: usize,
    /// Set by [`Self::once`]: nothing is kept for a next load (neither the parsed files nor the
    /// undated articles' readings on other days).
    once: bool,
}

impl Pipeline {
    /// A pipeline for a single load (`annales build`, `annales check`): it keeps nothing for a
    /// next load. The copy of every parsed article was about a third of the heap of a
    /// 10,000-article build while it analysed and merged, and the readings of undated articles
    /// on other days would only add to it.
    pub fn once() -> Pipeline {
        Pipeline {
            once: true,
            ..Pipeline::default()
        }
    }

    /// Loads and extracts the site; analyses only articles not already in the cache.
    pub fn load(&mut self, opts: &BuildOptions) -> anyhow::Result<Site> {
        let config = Config::load(&opts.root.join("site.toml"))?;
        self.load_with(opts, config)
    }

    /// Like [`Self::load`], with `site.toml` already read into `config`.
    pub fn load_with(&mut self, opts: &BuildOptions, config: Config) -> anyhow::Result<Site> {
        self.load_observed(opts, config, &Progress::default())
    }

    /// Like [`Self::load_with`], counting the files read and the articles analysed in
    /// `progress`.
    pub fn load_observed(
        &mut self,
        opts: &BuildOptions,
        mut config: Config,
        progress: &Progress,
    ) -> anyhow::Result<Site> {
        let root = &opts.root;
        if let Some(url) = &opts.base_url {
            config.override_base_url(url).map_err(anyhow::Error::msg)?;
        }
        let load_opts = LoadOptions {
            default_lang: config.lang(),
            drafts: opts.drafts,
        };
        let previous = &self.files;
        let parsed = std::sync::Mutex::new(HashMap::new());
        let fresh = std::sync::atomic::AtomicUsize::new(0);
        let once = self.once;
        let load = |rel: &str, bytes: &[u8]| -> Result<Result<Article, Warning>, ContentError> {
            let hash = content::fnv1a(bytes);
            let result = match previous.get(rel) {
                Some((h, o, r)) if *h == hash && same_options(o, &load_opts) => r.clone(),
                // Errors are not kept: they fail the load (once every file was read) and are found
                // again next time.
                _ => {
                    fresh.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    content::load_bytes(rel, bytes, load_opts)?
                }
            };
            if !once && let Ok(mut parsed) = parsed.lock() {
                parsed.insert(rel.to_string(), (hash, load_opts, result.clone()));
            }
            Ok(result)
        };
        let mut loaded = content::load_dir_with(root, load_opts, &load, progress)?;
        // Chrome is a property of the collection, not of one file: recomputed on every load
        // from the (cached) loaded articles, which is one hash per block.
        let marks = content::chrome::mark(&mut loaded.articles);
        // Only the files of this load are kept: a removed file leaves the cache.
        self.files = parsed.into_inner().unwrap_or_default();
        self.last_parsed = fresh.into_inner();
        let corrections = Corrections::load(root)?;
        let cache = &self.cache.entries;
        // An analysis depends on the article's language as well as its bytes: a new default
        // language in site.toml reads the same bytes differently. It also depends on which
        // blocks the collection marked as chrome: an edit elsewhere that changes them
        // re-analyses this article, and only then.
        let key = |a: &Article, m: &content::chrome::Marks| {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            (a.hash, a.lang, load_opts.default_lang, m.key()).hash(&mut h);
            h.finish()
        };
        progress.start(Stage::Analysing, loaded.articles.len());
        type Analysed = (Arc<Analysis>, Arc<events::rereads::Rereads>, bool);
        let analysed: Vec<Analysed> = loaded
            .articles
            .par_iter()
            .zip(&marks)
            .map(|(a, m)| {
                let done = match cache.get(&a.id) {
                    Some((h, an, r)) if *h == key(a, m) => (an.clone(), r.clone(), false),
                    _ => (Arc::new(events::analyse(a)), Arc::default(), true),
                };
                progress.step();
                done
            })
            .collect();
        self.cache.last_misses = analysed.iter().filter(|(_, _, fresh)| *fresh).count();
        self.cache.entries = loaded
            .articles
            .iter()
            .zip(&analysed)
            .zip(&marks)
            .map(|((a, (an, r, _)), m)| (a.id.clone(), (key(a, m), an.clone(), r.clone())))
            .collect();
        let (analyses, rereads): (Vec<Arc<Analysis>>, Vec<_>) =
            analysed.into_iter().map(|(a, r, _)| (a, r)).unzip();
        progress.start(Stage::Merging, analyses.len());
        // Readings on other days are kept only for a load that will be followed by others.
        let rereads = (!self.once).then_some(rereads.as_slice());
        let assembled = events::assemble_with(&loaded.articles, &analyses, rereads, &corrections);
        let sources = loaded
            .articles
            .iter()
            .zip(&assembled.dating)
            .map(|(a, d)| timeline::Source {
                id: a.id.clone(),
                path: a.path.clone(),
                title: a.title.clone(),
                outlet: a.outlet.clone(),
                url: a.url.clone(),
                author: a.author.clone(),
                language: a.lang.code().to_string(),
                published: d.published,
                published_basis: d.basis,
                page: crate::timeline::layout::source_page(&a.id),
                // Only an inferred date has a confidence worth telling readers.
                published_confidence: (d.basis == timeline::DateBasis::Inferred)
                    .then_some(d.confidence),
                published_evidence: d.evidence,
            })
            .collect();
        let mut events = assembled.events;
        timeline::sort_events(&mut events);
        let timeline = Timeline {
            version: timeline::FORMAT_VERSION,
            site: SiteInfo {
                title: config.title.clone(),
                base_url: config.base_url().map(str::to_string),
                language: config.language.clone(),
            },
            sources,
            events,
        };
        let mut warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
        warnings.extend(assembled.warnings);
        // Theme files skipped for leading outside the site (the theme itself is an error at render).
        warnings.extend(crate::render::theme::Theme::warnings(root, &config.theme));
        Ok(Site {
            root: root.clone(),
            config,
            articles: loaded.articles,
            dating: assembled.dating,
            timeline,
            warnings,
        })
    }
}

/// Whether two loads of the same bytes give the same article.
fn same_options(a: &LoadOptions, b: &LoadOptions) -> bool {
    a.default_lang == b.default_lang && a.drafts == b.drafts
}

/// What a finished build reports.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Number of sources.
    pub sources: usize,
    /// Number of events.
    pub events: usize,
    /// Number of HTML pages written.
    pub pages: usize,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub output: PathBuf,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Built {} sources, {} events, {} pages into {} ({} warning{}) in {} ms",
            self.sources,
            self.events,
            self.pages,
            self.output.display(),
            self.warnings.len(),
            if self.warnings.len() == 1 { "" } else { "s" },
            self.elapsed.as_millis()
        )
    }
}

impl BuildSummary {
    /// The summary for a person at a terminal, after the progress line: counts grouped by
    /// thousands and the time in seconds (`Built 1,000 articles, 3,201 events, 2,310 pages in
    /// 2.41 s into public (2 warnings)`). Pipes and logs keep [`Display`](std::fmt::Display)'s.
    pub fn terminal_line(&self) -> String {
        use crate::progress::thousands;
        format!(
            "Built {} article{}, {} events, {} pages in {:.2} s into {} ({} warning{})",
            thousands(self.sources),
            if self.sources == 1 { "" } else { "s" },
            thousands(self.events),
            thousands(self.pages),
            self.elapsed.as_secs_f64(),
            self.output.display(),
            thousands(self.warnings.len()),
            if self.warnings.len() == 1 { "" } else { "s" },
        )
    }
}

/// Loads, extracts and renders the site into its output folder, atomically. The output folder
/// is checked first (see [`crate::output::prepare`]): a folder that is not Annales' own is
/// refused before any work, and a failed build leaves the previous output as it was.
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildSummary> {
    build_observed(opts, &Progress::default())
}

/// Like [`build`], counting in `progress` how far it is, for a progress line.
pub fn build_observed(opts: &BuildOptions, progress: &Progress) -> anyhow::Result<BuildSummary> {
    let started = Instant::now();
    let out = opts.output_dir();
    let left = || format!("the build failed; {} was left as it was", out.display());
    // A folder that is no site (or a broken site.toml) is said first, before its output folder.
    let config = Config::load(&opts.root.join("site.toml"))?;
    let target = crate::output::prepare(&opts.root, &out).with_context(left)?;
    let site = Pipeline::once().load_observed(opts, config, progress)?;
    let input = site.render_input().with_context(left)?;
    // Each page goes into the staging folder as soon as it is rendered: a large site is never
    // held whole in memory.
    let stats = target.publish_written(
        &|dir| {
            let staged = Staged {
                dir,
                files: AtomicUsize::new(0),
                pages: AtomicUsize::new(0),
            };
            crate::render::render_into(&input, progress, &staged)?;
            Ok(crate::render::RenderStats {
                files: staged.files.into_inner(),
                pages: staged.pages.into_inner(),
            })
        },
        crate::output::Swap::Auto,
    )?;
    let mut warnings = target.notes;
    warnings.extend(site.warnings);
    Ok(BuildSummary {
        sources: site.timeline.sources.len(),
        events: site.timeline.events.len(),
        pages: stats.pages,
        warnings,
        elapsed: started.elapsed(),
        output: out,
    })
}

/// A staging folder that a streamed render writes into, counting what it wrote.
struct Staged<'a> {
    dir: &'a Path,
    files: AtomicUsize,
    pages: AtomicUsize,
}

impl crate::render::Sink for Staged<'_> {
    fn check(&self, paths: &[&str]) -> anyhow::Result<()> {
        // What writing would fail on (a name too long, a file in the way of a folder) is said
        // in words before anything is written, as `check` says it.
        match report::path_problems(paths.iter().copied())
            .into_iter()
            .next()
        {
            Some(problem) => Err(anyhow::anyhow!(problem)),
            None => Ok(()),
        }
    }

    fn put(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let written = crate::output::put(self.dir, path, bytes)?;
        self.count(path, written);
        Ok(())
    }

    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<bool> {
        let written = crate::output::put_stream(self.dir, path, write)?;
        self.count(path, written);
        Ok(written)
    }
}

impl Staged<'_> {
    fn count(&self, path: &str, written: bool) {
        if written {
            self.files.fetch_add(1, Ordering::Relaxed);
            if path.ends_with(".html") {
                self.pages.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_summary_groups_thousands_and_gives_seconds() {
        let summary = BuildSummary {
            sources: 1000,
            events: 3201,
            pages: 2310,
            warnings: vec!["w".into()],
            elapsed: Duration::from_millis(2414),
            output: PathBuf::from("public"),
        };
        assert_eq!(
            summary.terminal_line(),
            "Built 1,000 articles, 3,201 events, 2,310 pages in 2.41 s into public (1 warning)"
        );
        // Pipes and logs keep the line they always had.
        assert_eq!(
            summary.to_string(),
            "Built 1000 sources, 3201 events, 2310 pages into public (1 warning) in 2414 ms"
        );
    }
}
