//! Listing the article files under `content/`, so that no article goes missing without a word
//! and nothing from outside the site is read.
//!
//! The walk is written out rather than left to a walker's options because each case needs its
//! own answer: a folder that cannot be read is an error (its articles would be missing, as an
//! unreadable file is an error); a symlink is followed when it stays inside the site, refused
//! with a warning when it leads outside (its content would be published); a symlinked folder is
//! walked at most once, so a loop or two links to one folder never repeat work; and a file
//! reached twice is read once.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use super::{ContentError, Warning, is_article_path, rel_path};

/// The article files of `content/`, and what was left out and why.
#[derive(Debug, Default)]
pub struct Listing {
    /// Paths to read (under `content/`, as the user sees them), sorted.
    pub files: Vec<PathBuf>,
    /// Symlinks refused or not followed, files reached twice.
    pub warnings: Vec<Warning>,
}

/// A folder to list: where it is seen, where it really is, and whether a symlink led there.
struct Dir {
    path: PathBuf,
    canon: PathBuf,
    via_link: bool,
}

/// An article file found: where it is seen, where it really is, whether a symlink led there.
struct Found {
    path: PathBuf,
    canon: PathBuf,
    via_link: bool,
}

/// Lists the articles under `content_dir` (`root/content`), following symlinks that stay inside
/// `root`.
pub fn list(root: &Path, content_dir: &Path) -> Result<Listing, ContentError> {
    let site = std::fs::canonicalize(root).map_err(|e| folder_error(root, root, &e))?;
    let content_canon =
        std::fs::canonicalize(content_dir).map_err(|e| folder_error(root, content_dir, &e))?;
    if !content_canon.starts_with(&site) {
        return Err(ContentError {
            path: rel_path(root, content_dir),
            position: None,
            message: "is a symlink to a folder outside the site: Annales reads only files inside \
                      the site folder, so that nothing else on this machine is published; move \
                      the articles into the site's content/ folder"
                .into(),
        });
    }
    let mut walk = Walk {
        root,
        site,
        linked: vec![(content_canon.clone(), rel_path(root, content_dir))],
        found: Vec::new(),
        warnings: Vec::new(),
    };
    let mut stack = vec![Dir {
        path: content_dir.to_path_buf(),
        canon: content_canon,
        via_link: false,
    }];
    while let Some(dir) = stack.pop() {
        // A site Annales built (by an older version, or copied here) carries the output marker:
        // its pages are not articles, and reading them back would feed the site into itself.
        if dir.path != content_dir
            && std::fs::symlink_metadata(dir.path.join(crate::output::MARKER))
                .is_ok_and(|m| m.is_file())
        {
            walk.warn(
                &dir.path,
                format!(
                    "is a site built by Annales (it holds {}): its pages are not read as \
                     articles; move it out of content/",
                    crate::output::MARKER
                ),
            );
            continue;
        }
        let mut subdirs = Vec::new();
        for (name, path, ft) in read_sorted(root, &dir.path)? {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if ft.is_dir() {
                subdirs.push(Dir {
                    canon: dir.canon.join(&name),
                    path,
                    via_link: dir.via_link,
                });
            } else if ft.is_symlink() {
                if let Some(d) = walk.link(&dir, path) {
                    subdirs.push(d);
                }
            } else if is_article_path(&path) {
                // FIFOs, sockets and devices with an article's name are listed: reading refuses
                // them with an error naming them.
                walk.found.push(Found {
                    canon: dir.canon.join(&name),
                    path,
                    via_link: dir.via_link,
                });
            }
        }
        // Reversed onto the stack, so that folders are walked in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(walk.finish())
}

struct Walk<'a> {
    root: &'a Path,
    /// The site root, resolved.
    site: PathBuf,
    /// Folders walked as a whole, resolved, with the name they are walked under: `content/` and
    /// each symlinked folder followed.
    linked: Vec<(PathBuf, String)>,
    found: Vec<Found>,
    warnings: Vec<Warning>,
}

impl Walk<'_> {
    fn warn(&mut self, path: &Path, message: String) {
        self.warnings.push(Warning {
            path: rel_path(self.root, path),
            message,
        });
    }

    /// The site-relative name of a resolved path inside the site.
    fn site_rel(&self, canon: &Path) -> String {
        rel_path(&self.site, canon)
    }

    /// A symlink in `dir`: the folder to walk if it is one to follow; a found article if it
    /// leads to a file; a warning if it is refused.
    fn link(&mut self, dir: &Dir, path: PathBuf) -> Option<Dir> {
        let looks_article = is_article_path(&path);
        // A link without an extension may have been a folder: say why it is not read too.
        let may_matter = looks_article || path.extension().is_none();
        let target = match std::fs::canonicalize(&path) {
            Ok(t) => t,
            Err(e) => {
                if may_matter {
                    let why = if e.kind() == std::io::ErrorKind::NotFound {
                        "is a symlink whose target does not exist, skipped: fix or remove the link"
                            .to_string()
                    } else if is_loop(&e) {
                        "is a symlink loop (it leads back to itself), skipped: fix or remove the \
                         link"
                            .to_string()
                    } else {
                        format!("is a symlink that cannot be followed ({e}), skipped")
                    };
                    self.warn(&path, why);
                }
                return None;
            }
        };
        let meta = match std::fs::metadata(&target) {
            Ok(m) => m,
            Err(e) => {
                if may_matter {
                    self.warn(
                        &path,
                        format!("is a symlink that cannot be followed ({e}), skipped"),
                    );
                }
                return None;
            }
        };
        let outside = !target.starts_with(&self.site);
        if meta.is_dir() {
            if outside {
                self.warn(
                    &path,
                    "is a symlink to a folder outside the site, not read: Annales reads only \
                     files inside the site folder, so that nothing else on this machine is \
                     published; copy the folder into the site instead"
                        .into(),
                );
                return None;
            }
            if dir.canon.starts_with(&target) {
                self.warn(
                    &path,
                    format!(
                        "is a symlink loop (it leads to {}, which holds the link itself), not \
                         followed",
                        self.site_rel(&target)
                    ),
                );
                return None;
            }
            let inside = self.linked.iter().find(|(l, _)| target.starts_with(l));
            let holds = self.linked.iter().find(|(l, _)| l.starts_with(&target));
            let why = match (inside, holds) {
                (Some((_, shown)), _) => {
                    Some(format!("which is read already (as part of {shown})"))
                }
                (None, Some((_, shown))) => Some(format!("which holds {shown}, read already")),
                (None, None) => None,
            };
            if let Some(why) = why {
                let t = self.site_rel(&target);
                self.warn(
                    &path,
                    format!(
                        "is a symlink to the folder {t}, {why}: not followed, so that no article \
                         is read twice"
                    ),
                );
                return None;
            }
            self.linked
                .push((target.clone(), rel_path(self.root, &path)));
            return Some(Dir {
                path,
                canon: target,
                via_link: true,
            });
        }
        if !looks_article {
            return None;
        }
        if outside {
            self.warn(
                &path,
                "is a symlink to a file outside the site, not read: Annales reads only files \
                 inside the site folder, so that nothing else on this machine is published; \
                 copy the file into the site instead"
                    .into(),
            );
            return None;
        }
        self.found.push(Found {
            path,
            canon: target,
            via_link: true,
        });
        None
    }

    /// Sorts what was found and reads each file once: where a file is reached both directly
    /// and through a symlink, the direct path wins; otherwise the first in path order.
    fn finish(mut self) -> Listing {
        self.found.sort_by(|a, b| a.path.cmp(&b.path));
        let mut kept: BTreeMap<PathBuf, usize> = BTreeMap::new();
        let mut dropped: Vec<(usize, usize)> = Vec::new();
        for i in 0..self.found.len() {
            match kept.get(&self.found[i].canon).copied() {
                None => {
                    kept.insert(self.found[i].canon.clone(), i);
                }
                Some(k) if self.found[k].via_link && !self.found[i].via_link => {
                    kept.insert(self.found[i].canon.clone(), i);
                    dropped.push((k, i));
                }
                Some(k) => dropped.push((i, k)),
            }
        }
        for (gone, by) in dropped {
            let (gone, by) = (&self.found[gone].path, &self.found[by].path);
            let message = format!(
                "is the same file as {} (through a symlink): it is read once, under that name",
                rel_path(self.root, by)
            );
            self.warnings.push(Warning {
                path: rel_path(self.root, gone),
                message,
            });
        }
        let mut files: Vec<PathBuf> = kept
            .into_values()
            .map(|i| self.found[i].path.clone())
            .collect();
        files.sort();
        self.warnings.sort_by(|a, b| a.path.cmp(&b.path));
        Listing {
            files,
            warnings: self.warnings,
        }
    }
}

fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// The entries of a folder in name order; any error reading it is an error naming the folder.
fn read_sorted(
    root: &Path,
    dir: &Path,
) -> Result<Vec<(OsString, PathBuf, FileType)>, ContentError> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| folder_error(root, dir, &e))? {
        let entry = entry.map_err(|e| folder_error(root, dir, &e))?;
        let ft = entry.file_type().map_err(|e| folder_error(root, dir, &e))?;
        entries.push((entry.file_name(), entry.path(), ft));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// A folder of `content/` that cannot be listed: an error, as for a file that cannot be read,
/// since building without it would publish the site with its articles silently missing.
pub fn folder_error(root: &Path, dir: &Path, e: &std::io::Error) -> ContentError {
    let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
        ": give yourself permission to list it (chmod u+rx) or move it out of content/"
    } else {
        ": fix it or move it out of content/"
    };
    let path = rel_path(root, dir);
    ContentError {
        path: if path.is_empty() { ".".into() } else { path },
        position: None,
        message: format!(
            "cannot read this folder ({e}){hint}; building without it would leave its articles out"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_error_names_the_folder_relative_to_the_site() {
        let e = folder_error(
            Path::new("/site"),
            Path::new("/site/content/2023"),
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(e.path, "content/2023");
        assert!(
            e.message.contains("cannot read this folder"),
            "{}",
            e.message
        );
        assert!(e.message.contains("chmod u+rx"), "{}", e.message);
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_followed_once_and_loops_end() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("sub")).unwrap();
        std::fs::create_dir_all(root.join("archive")).unwrap();
        std::fs::write(content.join("a.md"), "A").unwrap();
        std::fs::write(root.join("archive/b.md"), "B").unwrap();
        symlink("../archive", content.join("arch")).unwrap();
        symlink("../../archive", content.join("sub/again")).unwrap();
        symlink("..", content.join("sub/up")).unwrap();
        symlink("a.md", content.join("z.md")).unwrap();
        let l = list(root, &content).unwrap();
        let files: Vec<String> = l.files.iter().map(|p| rel_path(root, p)).collect();
        assert_eq!(files, ["content/a.md", "content/arch/b.md"]);
        let warned: Vec<&str> = l.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(
            warned,
            ["content/sub/again", "content/sub/up", "content/z.md"]
        );
    }
}
