//! Putting a rendered file set into the output folder safely.
//!
//! Annales replaces a folder only when it is absent, empty, or its own earlier output
//! (`contract`): never the site, its `content/`, `templates/`, `static/` or `themes/`, a parent
//! of the site, or a folder of someone else's files. The new site is written into a staging
//! folder and swapped in whole (`swap`), so that a failed or interrupted build leaves the
//! previous output as it was; the next build removes what an interrupted one left behind, and
//! puts the previous output back if a kill left it aside (`leftovers`).

mod contract;
mod leftovers;
mod swap;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::render::{OutputFile, RenderStats};

pub use swap::{Swap, Writer};

/// The file Annales writes at the top of every output folder (and of its staging folders), so
/// that a later build knows the folder is its own and may be replaced.
pub const MARKER: &str = ".annales-output";

/// What the marker says to a person who opens it. Constant, so outputs stay byte-identical.
pub const MARKER_TEXT: &str = "This folder was written by Annales (`annales build`).\n\
The next build replaces everything in it: keep no files of your own here.\n";

/// An output folder that passed the contract, ready to receive a site.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as the user gave it, for messages.
    pub shown: PathBuf,
    /// The same path made absolute, with `.`, `..` and symbolic links resolved.
    pub path: PathBuf,
    /// What tidying up after an interrupted build did (one sentence each), for the warnings.
    pub notes: Vec<String>,
}

/// Checks that `out` may receive the site of `root`, removes the leftovers of interrupted
/// builds and puts back an output that a kill left aside. Nothing but Annales' own leftovers is
/// touched; a refusal says why and what to do.
pub fn prepare(root: &Path, out: &Path) -> anyhow::Result<Target> {
    let shown = out.to_path_buf();
    let path = contract::resolve(out)?;
    let root = contract::resolve(root)?;
    contract::check_place(&root, &path, &shown)?;
    let notes = leftovers::tidy(&path);
    contract::check_contents(&path, &shown)?;
    Ok(Target { shown, path, notes })
}

/// What [`prepare`] would refuse, without touching anything: for `annales check`.
pub fn check(root: &Path, out: &Path) -> anyhow::Result<()> {
    let path = contract::resolve(out)?;
    contract::check_place(&contract::resolve(root)?, &path, out)?;
    contract::check_contents(&path, out)
}

impl Target {
    /// Puts `files` into the folder in place of what it held, in one step where the platform
    /// allows. On error the message says whether the previous output was left as it was.
    pub fn publish(&self, files: &[OutputFile]) -> anyhow::Result<RenderStats> {
        self.publish_with(files, Swap::Auto)
    }

    /// [`Target::publish`] with a chosen way of swapping: tests use it to exercise the
    /// fallbacks that a real system picks only on a mount point or an old kernel.
    pub fn publish_with(&self, files: &[OutputFile], how: Swap) -> anyhow::Result<RenderStats> {
        self.publish_written(&|dir| write_files(files, dir), how)
    }

    /// Puts the site that `write` writes into a folder it is given (a staging folder, or in a
    /// fallback a second one) in place of what the folder held, as [`Target::publish`] does:
    /// the site is written as it renders, never held whole in memory. An error from `write`
    /// leaves the previous output as it was.
    pub fn publish_written(&self, write: &Writer<'_>, how: Swap) -> anyhow::Result<RenderStats> {
        // The folder may have changed since it was checked: check it again.
        contract::check_contents(&self.path, &self.shown).with_context(|| self.left())?;
        swap::publish(&self.path, write, how).map_err(|f| {
            if f.intact {
                f.error.context(self.left())
            } else {
                f.error.context(format!(
                    "the build failed while replacing {}: it may hold part of the new site; \
                     run the build again",
                    self.shown.display()
                ))
            }
        })
    }

    fn left(&self) -> String {
        format!(
            "the build failed; {} was left as it was",
            self.shown.display()
        )
    }
}

/// Writes rendered files under `dir`, which must exist. Paths must stay inside `dir`; the
/// marker is Annales' own, so a file of the same name from a theme is not written.
pub(crate) fn write_files(files: &[OutputFile], dir: &Path) -> anyhow::Result<RenderStats> {
    let mut stats = RenderStats::default();
    for f in files {
        if put(dir, &f.path, &f.bytes)? {
            stats.files += 1;
            if f.path.ends_with(".html") {
                stats.pages += 1;
            }
        }
    }
    Ok(stats)
}

/// Writes one rendered file under `dir` (which must exist); whether it was written (the marker
/// is Annales' own: a file of that name from a theme is not). Safe to call from several
/// threads at once.
pub fn put(dir: &Path, path: &str, bytes: &[u8]) -> anyhow::Result<bool> {
    if path == MARKER {
        return Ok(false);
    }
    let rel = inside_path(path)?;
    // One file at a time under the Ctrl-C handler's lock, so that the handler never removes
    // a staging folder while a file is being written into it, and no file follows.
    swap::between_interrupts(|| write_file(dir, rel, bytes))?;
    Ok(true)
}

fn write_file(dir: &Path, rel: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    make_parents(dir, rel)?;
    let target = dir.join(rel);
    std::fs::write(&target, bytes).with_context(|| format!("writing {}", target.display()))
}

/// Makes the folders of `rel` under `dir`.
fn make_parents(dir: &Path, rel: &Path) -> anyhow::Result<()> {
    // Folders are made one by one under `dir`, never `dir` itself: a staging folder that is
    // gone stays gone instead of coming back without its marker.
    let mut sub = dir.to_path_buf();
    for c in rel.parent().into_iter().flat_map(Path::components) {
        sub.push(c);
        match std::fs::create_dir(&sub) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(e).with_context(|| format!("creating {}", sub.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `path` as a relative path that stays inside the output folder.
fn inside_path(path: &str) -> anyhow::Result<&Path> {
    let rel = Path::new(path);
    let inside = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        anyhow::bail!(
            "refusing to write {path:?}: a rendered file must stay inside the output folder"
        );
    }
    Ok(rel)
}

/// Like [`put`], for a file that `write` writes as it goes; it is created at its first byte
/// (none when `write` writes nothing). Whether it was written.
pub fn put_stream(
    dir: &Path,
    path: &str,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<bool> {
    let rel = inside_path(path)?;
    if path == MARKER {
        return Ok(false);
    }
    let mut file = LazyFile {
        dir,
        rel,
        file: None,
    };
    write(&mut file)?;
    std::io::Write::flush(&mut file).with_context(|| format!("writing {path}"))?;
    Ok(file.file.is_some())
}

/// A file created under `dir` at its first write, each write under the Ctrl-C handler's lock
/// (as [`put`] writes a whole file).
struct LazyFile<'a> {
    dir: &'a Path,
    rel: &'a Path,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl std::io::Write for LazyFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        swap::between_interrupts(|| {
            let file = match &mut self.file {
                Some(f) => f,
                None => {
                    make_parents(self.dir, self.rel).map_err(std::io::Error::other)?;
                    let f = std::fs::File::create(self.dir.join(self.rel))?;
                    self.file
                        .insert(std::io::BufWriter::with_capacity(1 << 16, f))
                }
            };
            file.write(buf)
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => swap::between_interrupts(|| f.flush()),
            None => Ok(()),
        }
    }
}

/// For a Ctrl-C handler: removes the staging folders of the builds in progress in this process,
/// after waiting for a swap in progress to finish. Returns whether a new site had already been
/// put in place (the output then holds the new site, else the previous one as it was).
pub fn abandon() -> bool {
    swap::abandon()
}

#[doc(hidden)]
/// The name of a leftover folder as an interrupted build of `out` by process `pid` leaves it
/// (`old` for the previous output moved aside, else a staging folder); for tests.
pub fn leftover_name(out: &Path, old: bool, pid: u32, random: &str) -> String {
    leftovers::name(out, old, pid, random)
}
