//! Which folders a build may replace. A build replaces its output folder whole, so pointing
//! `--output` at the wrong folder would delete it: the rules here refuse every folder that is
//! not absent, empty or Annales' own earlier output, and every folder of the site itself.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};

use super::{MARKER, leftovers};

/// The site's own folders: an output there would replace them, or be read back as input.
const SITE_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// Makes `p` absolute and resolves `.`, `..` and symbolic links in the part that exists, so
/// that `../S` from inside `S`, `./.` or a link to the site are all seen for what they are.
/// The part that does not exist yet is normalised by name (it can hold no link).
pub fn resolve(p: &Path) -> anyhow::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .context("reading the current folder")?
            .join(p)
    };
    let mut cur = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => cur.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                let next = cur.join(name);
                cur = match std::fs::canonicalize(&next) {
                    Ok(real) => real,
                    Err(_)
                        if std::fs::symlink_metadata(&next)
                            .is_ok_and(|m| m.file_type().is_symlink()) =>
                    {
                        bail!(
                            "{} is a symbolic link to a folder that does not exist; \
                         point --output at a real folder",
                            next.display()
                        )
                    }
                    Err(_) => next,
                };
            }
        }
    }
    Ok(cur)
}

/// Refuses an output that is the site root, a parent of it, or one of (or inside one of) the
/// site's own folders. `out` and `root` are resolved.
pub fn check_place(root: &Path, out: &Path, shown: &Path) -> anyhow::Result<()> {
    let named = describe(out, shown);
    let advice = format!(
        "choose another --output (for example {}), or leave --output out to build into public/",
        root.join("public").display()
    );
    if out == root {
        bail!(
            "{named} is the site itself (the folder of site.toml): building there would \
             replace your articles and settings; {advice}"
        );
    }
    if root.starts_with(out) {
        bail!(
            "{named} contains the site {}: building there would replace it; {advice}",
            root.display()
        );
    }
    for sub in SITE_FOLDERS {
        let lexical = root.join(sub);
        // A site folder may be a link to elsewhere: its real place counts too.
        let real = std::fs::canonicalize(&lexical).ok();
        for place in std::iter::once(&lexical).chain(real.as_ref()) {
            if out.starts_with(place) {
                let why = if sub == "content" {
                    "the next build would read the pages back as articles"
                } else {
                    "building there would replace the site's own files"
                };
                let is = if out == place { "is" } else { "is inside" };
                bail!(
                    "{named} {is} the site's {sub}/ folder ({}): {why}; {advice}",
                    place.display()
                );
            }
            if place.starts_with(out) {
                bail!(
                    "{named} contains the site's {sub}/ folder ({}): building there would \
                     replace it; {advice}",
                    place.display()
                );
            }
        }
    }
    Ok(())
}

/// Refuses a file, and a non-empty folder that is not Annales' own output.
pub fn check_contents(out: &Path, shown: &Path) -> anyhow::Result<()> {
    let named = describe(out, shown);
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("reading {named}")),
    };
    if !meta.is_dir() {
        bail!(
            "{named} is a file, not a folder: the site is a folder of pages; \
             choose another --output"
        );
    }
    if is_file(&out.join(MARKER)) {
        return Ok(());
    }
    let mut others = Vec::new();
    let entries = std::fs::read_dir(out).with_context(|| format!("reading {named}"))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {named}"))?;
        if leftovers::is_ours(&entry.path()) {
            continue;
        }
        others.push(entry.file_name().to_string_lossy().into_owned());
    }
    if others.is_empty() {
        return Ok(());
    }
    if looks_earlier(out) {
        return Ok(());
    }
    others.sort();
    let shown_entries: Vec<&str> = others.iter().take(3).map(String::as_str).collect();
    let more = if others.len() > 3 {
        format!(" and {} more", others.len() - 3)
    } else {
        String::new()
    };
    Err(anyhow!(
        "{named} already holds files that Annales did not write ({}{more}): it has no {MARKER} \
         marker, and a build replaces its output folder whole; choose another --output, or \
         empty that folder first if its files can go",
        shown_entries.join(", ")
    ))
}

/// The path as given, with what it resolves to when that differs.
fn describe(out: &Path, shown: &Path) -> String {
    if shown == out {
        out.display().to_string()
    } else {
        format!("{} (that is {})", shown.display(), out.display())
    }
}

fn is_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
}

/// Whether `out` holds, at its top, the pages every Annales output has (`index.html`,
/// `404.html`, `sources/index.html`) and a `timeline.json` that starts like Annales' own: the
/// output of a version that wrote no marker, which its users must still be able to rebuild.
fn looks_earlier(out: &Path) -> bool {
    ["index.html", "404.html", "sources/index.html"]
        .iter()
        .all(|f| is_file(&out.join(f)))
        && looks_like_timeline(&out.join("timeline.json"))
}

/// Whether `p` is a regular file that starts like the `timeline.json` Annales writes.
fn looks_like_timeline(p: &Path) -> bool {
    if !is_file(p) {
        return false;
    }
    let mut head = Vec::with_capacity(256);
    let read = std::fs::File::open(p).and_then(|f| f.take(256).read_to_end(&mut head));
    let head = String::from_utf8_lossy(&head);
    read.is_ok()
        && head.trim_start().starts_with('{')
        && head.contains("\"version\"")
        && head.contains("\"site\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_dot_dot_are_resolved_by_name_past_the_existing_part() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        let p = base.join("a/./b/../c");
        assert_eq!(resolve(&p).unwrap(), base.join("a/c"));
    }

    #[test]
    fn a_link_is_resolved_to_the_folder_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(base.join("site")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("site"), base.join("link")).unwrap();
            assert_eq!(resolve(&base.join("link")).unwrap(), base.join("site"));
            assert_eq!(
                resolve(&base.join("link/../site/x")).unwrap(),
                base.join("site/x")
            );
        }
    }

    #[test]
    fn the_site_and_its_folders_are_refused_and_a_sibling_is_not() {
        let root = Path::new("/s/site");
        let refused = [
            "/s/site",
            "/s",
            "/",
            "/s/site/content",
            "/s/site/content/out",
            "/s/site/templates",
            "/s/site/static/x",
            "/s/site/themes",
        ];
        for out in refused {
            assert!(
                check_place(root, Path::new(out), Path::new(out)).is_err(),
                "{out}"
            );
        }
        for out in ["/s/site/public", "/s/site-public", "/s/site/contents"] {
            assert!(
                check_place(root, Path::new(out), Path::new(out)).is_ok(),
                "{out}"
            );
        }
    }
}
