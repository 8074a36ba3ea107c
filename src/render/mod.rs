//! Rendering: Tera templates from the theme (overridable file by file by the site's own
//! `templates/`), static files, and the data outputs, written atomically into the output folder.

pub mod context;
pub mod feed;
pub mod filters;
pub mod ics;
pub mod locale;
pub mod sitemap;
pub mod theme;
pub mod timelinejs;
pub mod when;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use rayon::prelude::*;

use crate::site::Site;

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

/// Renders the whole site in memory, in a deterministic order.
pub fn render_files(site: &Site) -> anyhow::Result<Vec<OutputFile>> {
    let env = context::Env::new(site);
    let theme = theme::Theme::load(&site.root, &site.config.theme)?;
    let tera = theme.tera(&env)?;
    let pages = context::pages(site, &env);
    // Pages are independent; rendering them in parallel keeps their order (collect is ordered).
    let rendered: Vec<anyhow::Result<OutputFile>> = pages
        .into_par_iter()
        .map(|page| {
            let html = tera.render(&page.template, &page.context).map_err(|e| {
                anyhow!(
                    "template error in {} (rendering {}): {}",
                    theme.origin(&page.template),
                    page.path,
                    theme::describe_tera_error(&e)
                )
            })?;
            Ok(OutputFile {
                path: page.path,
                bytes: html.into_bytes(),
            })
        })
        .collect();
    let mut files = rendered.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    let mut json =
        serde_json::to_vec_pretty(&site.timeline).context("serialising timeline.json")?;
    json.push(b'\n');
    files.push(OutputFile {
        path: "timeline.json".into(),
        bytes: json,
    });
    files.push(OutputFile {
        path: "feed.xml".into(),
        bytes: feed::atom(site, &env).into_bytes(),
    });
    files.push(OutputFile {
        path: "events.ics".into(),
        bytes: ics::calendar(site, &env).into_bytes(),
    });
    files.push(OutputFile {
        path: "timelinejs.json".into(),
        bytes: timelinejs::json(site, &env).context("serialising timelinejs.json")?,
    });
    if env.base_url.is_some() {
        let html: Vec<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| p.ends_with(".html"))
            .collect();
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap::sitemap(&html, &env).into_bytes(),
        });
    }
    // Generated files win over static files of the same name.
    let generated: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.path.clone()).collect();
    files.extend(
        theme
            .static_files()?
            .into_iter()
            .filter(|f| !generated.contains(&f.path)),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Writes rendered files under `dir`, which must exist.
pub fn write_files(files: &[OutputFile], dir: &Path) -> anyhow::Result<RenderStats> {
    let mut stats = RenderStats::default();
    for f in files {
        let target = dir.join(&f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&target, &f.bytes)
            .with_context(|| format!("writing {}", target.display()))?;
        stats.files += 1;
        if f.path.ends_with(".html") {
            stats.pages += 1;
        }
    }
    Ok(stats)
}

/// Renders into a staging folder beside `out` and swaps it in only when everything succeeded,
/// so a failed build leaves the previous output exactly as it was.
pub fn render_atomic(site: &Site, out: &Path) -> anyhow::Result<RenderStats> {
    let files = render_files(site)?;
    let out = absolute(out);
    let parent = out
        .parent()
        .ok_or_else(|| anyhow!("{} has no parent folder", out.display()))?;
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".annales-staging-")
        .tempdir_in(parent)
        .with_context(|| format!("creating a staging folder in {}", parent.display()))?;
    let stats = write_files(&files, staging.path())?;
    let staging = staging.keep();
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(".annales-old-")
            .tempdir_in(parent)?
            .keep();
        // `old` is an empty folder placeholder: rename needs the name free.
        std::fs::remove_dir(&old)?;
        std::fs::rename(&out, &old).with_context(|| format!("moving aside {}", out.display()))?;
        if let Err(e) = std::fs::rename(&staging, &out) {
            let _ = std::fs::rename(&old, &out);
            return Err(e).with_context(|| format!("moving the new site into {}", out.display()));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&staging, &out)
            .with_context(|| format!("moving the new site into {}", out.display()))?;
    }
    Ok(stats)
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}
