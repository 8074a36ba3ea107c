//! `annales init DIR`: a new site that builds with the default theme and is ready to override
//! it; `annales theme`: the built-in theme's files written into a site for editing.

use std::path::Path;

use anyhow::Context as _;

use crate::lang::Lang;
use crate::render::theme::builtin_files;

const SITE_TOML: &str = r#"# Annales site configuration. Every key is documented in the README.
title = "My timeline"
description = "A sourced chronology."
# base_url = "https://example.org/timeline"   # leave unset for relative links
language = "{LANG}"          # default language of articles: {LANGUAGES}
theme = "default"
timezone = "UTC"         # IANA name, used for times of day
key_events = 10          # how many events the key-events page shows

[extra]
# Free values, available to templates as config.extra.
"#;

const TEMPLATES_README: &str = "A file here with the same name as a theme template (for example \
`index.html`) overrides it for this site. To start from the built-in one, run `annales theme \
index.html` in the site's folder (or `annales theme` for every template and the style sheet, which \
goes to `static/`); `annales theme --list` lists them. The templates and every variable they can \
use are documented in the default theme's README.\n";

/// Creates a new site in `dir` (which must be empty or absent) whose articles are in `lang` by
/// default, with an example article in that language.
pub fn init(dir: &Path, lang: Lang) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "{} is not empty: choose a new folder name, or empty it first",
                dir.display()
            );
        }
    }
    for sub in ["content", "templates", "static"] {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("creating {}", dir.join(sub).display()))?;
    }
    let write = |rel: &str, text: &str| {
        std::fs::write(dir.join(rel), text)
            .with_context(|| format!("writing {}", dir.join(rel).display()))
    };
    // The comment lists the languages of this build's table, so it never goes stale.
    let codes = crate::lang::Lang::codes_quoted("\"");
    let site_toml = SITE_TOML
        .replace("{LANGUAGES}", &codes)
        .replace("{LANG}", lang.code());
    write("site.toml", &site_toml)?;
    write("content/example.md", lang.example_article())?;
    write("templates/README.md", TEMPLATES_README)?;
    write(".gitignore", "/public\n")?;
    Ok(())
}

/// The built-in theme's files a site can take for editing, as `annales theme` names them:
/// templates by name (`index.html`), static files by their path (`static/style.css`).
pub fn theme_files() -> Vec<(String, String)> {
    theme_entries()
        .into_iter()
        .map(|(name, path, _)| (name, path))
        .collect()
}

/// The theme's editable files: name, path in the theme (and in the site), contents.
fn theme_entries() -> Vec<(String, String, &'static [u8])> {
    builtin_files()
        .into_iter()
        .filter_map(|(path, bytes)| {
            let name = if let Some(t) = path.strip_prefix("templates/") {
                t.to_string()
            } else if path.starts_with("static/") {
                path.clone()
            } else {
                return None;
            };
            Some((name, path, bytes))
        })
        .collect()
}

/// Writes the built-in theme's files named in `names` (all of them when empty) into the site at
/// `root`, for editing: templates into `templates/`, static files into `static/`, where they
/// override the theme's. Returns the site-relative paths written. Never overwrites: if any file
/// is already there, nothing is written and the error lists them.
pub fn export_theme(root: &Path, names: &[String]) -> anyhow::Result<Vec<String>> {
    if !root.join("site.toml").is_file() {
        anyhow::bail!(
            "{} has no site.toml: run `annales theme` in a site's folder (or give it with \
             --root), or create a site first with `annales init DIR`",
            root.display()
        );
    }
    let available = theme_entries();
    let mut chosen: Vec<&str> = Vec::new();
    if names.is_empty() {
        chosen.extend(available.iter().map(|(_, p, _)| p.as_str()));
    } else {
        for n in names {
            let n = n.trim_start_matches("./");
            let hit = available
                .iter()
                .find(|(name, path, _)| name == n || path == n || format!("templates/{name}") == n);
            match hit {
                Some((_, path, _)) => {
                    if !chosen.contains(&path.as_str()) {
                        chosen.push(path);
                    }
                }
                None => anyhow::bail!(
                    "the built-in theme has no file `{n}`: expected one of {} (`annales theme \
                     --list` lists them)",
                    available
                        .iter()
                        .map(|(name, _, _)| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    }
    // The site's own folders must be folders of the site, not links leading elsewhere.
    for dir in ["templates", "static"] {
        let p = root.join(dir);
        if let Ok(m) = std::fs::symlink_metadata(&p)
            && !m.is_dir()
        {
            anyhow::bail!(
                "{}/ is not a folder of the site (a link or a file): Annales writes theme files \
                 only into a real folder; replace it with a folder first",
                dir
            );
        }
    }
    let existing: Vec<&str> = chosen
        .iter()
        .copied()
        .filter(|p| std::fs::symlink_metadata(root.join(p)).is_ok())
        .collect();
    if !existing.is_empty() {
        anyhow::bail!(
            "already in the site, left as they are: {}. Annales never overwrites your files: \
             rename or remove them first if you want the built-in version again",
            existing.join(", ")
        );
    }
    let mut written = Vec::new();
    for path in chosen {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        let bytes = available
            .iter()
            .find(|(_, p, _)| p == path)
            .map_or(&[][..], |(_, _, b)| *b);
        // create_new: a file that appeared since the check above is never overwritten.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .with_context(|| format!("writing {}", target.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .with_context(|| format!("writing {}", target.display()))?;
        written.push(path.to_string());
    }
    Ok(written)
}
