//! Putting the new site in place of the old one without ever leaving the output missing.
//!
//! The new site is written whole into a staging folder beside the output, then exchanged with
//! the output in one step (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on
//! macOS); the old site, now under the staging name, is deleted afterwards. Where the file
//! system cannot exchange, the old output is moved aside and the new one renamed in, and a
//! failure of the second rename moves the old one back (a kill between the two is repaired by
//! the next build, see [`super::leftovers`]). A mount point cannot be renamed at all: there
//! the new site is staged inside the output and replaces its entries one by one.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use anyhow::{Context as _, anyhow};

use super::{MARKER, MARKER_TEXT, leftovers};
use crate::render::RenderStats;

/// Writes the whole new site into the (existing, empty but for the marker) folder it is given.
/// A fallback may call it a second time, into another folder.
pub type Writer<'a> = dyn Fn(&Path) -> anyhow::Result<RenderStats> + 'a;

/// How to put the new site in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// Exchange in one step where the platform allows; else move the old output aside and
    /// rename the new one in; on a mount point, write inside the folder.
    Auto,
    /// As where exchange is unsupported: move the old output aside, rename the new one in.
    RenameAside,
    /// As on a mount point: stage inside the folder and replace its entries one by one.
    WriteInside,
}

/// A failed swap, and whether the previous output is still exactly as it was.
pub struct Failure {
    pub error: anyhow::Error,
    pub intact: bool,
}

fn intact(error: impl Into<anyhow::Error>) -> Failure {
    Failure {
        error: error.into(),
        intact: true,
    }
}

/// The working folders of the builds in progress in this process, for the Ctrl-C handler.
/// Every swap holds this lock from its first rename to its last, so the handler, which takes
/// it too, never runs in the middle of one.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Whether a build of this process has put a new site in place.
static SWAPPED: AtomicBool = AtomicBool::new(false);

fn active() -> MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` while no Ctrl-C handler is cleaning up (one that has run never lets it go).
pub fn between_interrupts<T>(f: impl FnOnce() -> T) -> T {
    let _guard = active();
    f()
}

pub fn abandon() -> bool {
    let list = active();
    for dir in list.iter() {
        let _ = leftovers::remove(dir);
    }
    // The process exits next: no swap may start after the staging folders are gone.
    std::mem::forget(list);
    SWAPPED.load(Ordering::SeqCst)
}

/// A working folder: removed when dropped (with whatever it holds then, its marker last),
/// locked while alive so that other builds leave it alone, and known to the Ctrl-C handler.
struct Working {
    dir: PathBuf,
    _lock: Option<File>,
}

impl Working {
    /// Creates a staging (or, with `old`, an aside) folder for `out` in `place`, marked as ours.
    fn new(place: &Path, out: &Path, old: bool) -> io::Result<Working> {
        // Made and registered under the handler's lock: a Ctrl-C in between would miss it.
        let mut list = active();
        let dir = tempfile::Builder::new()
            .prefix(&leftovers::prefix(out, old))
            .tempdir_in(place)?
            .keep();
        list.push(dir.clone());
        drop(list);
        let working = Working {
            _lock: leftovers::hold(&dir),
            dir,
        };
        std::fs::write(working.dir.join(MARKER), MARKER_TEXT)?;
        Ok(working)
    }

    fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        // Gone already when it was renamed into place.
        if exists(&self.dir) {
            let _ = leftovers::remove(&self.dir);
        }
        active().retain(|p| *p != self.dir);
    }
}

fn exists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// Errors of a rename that a mount point (or a folder one may write in but not beside) gives.
fn blocked(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ResourceBusy
            | io::ErrorKind::CrossesDevices
            | io::ErrorKind::PermissionDenied
    )
}

/// Exchanges two paths in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether `out` is a mount point (a container volume, a separate disk): it cannot be renamed.
#[cfg(unix)]
fn is_mount_point(out: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Some(parent) = out.parent() else {
        return false;
    };
    match (std::fs::metadata(out), std::fs::metadata(parent)) {
        (Ok(o), Ok(p)) => o.is_dir() && o.dev() != p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path) -> bool {
    false
}

/// Gives an earlier output without marker the marker, so that if this process dies after the
/// exchange, the next build recognises the old site (under the staging name) as its own.
/// Returns whether it wrote one, to take it back if the swap does not happen.
fn adopt(out: &Path) -> bool {
    let marker = out.join(MARKER);
    !exists(&marker) && std::fs::write(marker, MARKER_TEXT).is_ok()
}

fn unadopt(out: &Path, adopted: bool) {
    if adopted {
        let _ = std::fs::remove_file(out.join(MARKER));
    }
}

/// Puts the site that `write` writes into `out` (resolved, checked by the contract) the way `how`
/// says.
pub fn publish(out: &Path, write: &Writer<'_>, how: Swap) -> Result<RenderStats, Failure> {
    if how == Swap::WriteInside || is_mount_point(out) {
        return inside(out, write);
    }
    let parent = out
        .parent()
        .ok_or_else(|| intact(anyhow!("{} has no parent folder", out.display())))?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("creating {}", parent.display()))
        .map_err(intact)?;
    let staging = match Working::new(parent, out, false) {
        Ok(s) => s,
        // A folder one may write in but not beside.
        Err(e) if exists(out) && blocked(&e) => return inside(out, write),
        Err(e) => {
            return Err(intact(anyhow::Error::new(e).context(format!(
                "creating a staging folder in {}",
                parent.display()
            ))));
        }
    };
    let stats = write(staging.path()).map_err(intact)?;
    let guard = active();
    if !exists(out) {
        std::fs::rename(staging.path(), out)
            .with_context(|| format!("moving the new site into {}", out.display()))
            .map_err(intact)?;
        SWAPPED.store(true, Ordering::SeqCst);
        return Ok(stats);
    }
    let adopted = adopt(out);
    let exchanged = if how == Swap::Auto {
        exchange(staging.path(), out)
    } else {
        Err(io::ErrorKind::Unsupported.into())
    };
    match exchanged {
        Ok(()) => {
            SWAPPED.store(true, Ordering::SeqCst);
            drop(guard);
            // The staging name now holds the old site: dropping the folder deletes it.
            drop(staging);
            Ok(stats)
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
            ) =>
        {
            unadopt(out, adopted);
            drop(guard);
            drop(staging);
            inside(out, write)
        }
        // The guard is let go before the staging folder is dropped (its drop takes it too).
        Err(_) => match aside(out, &staging, adopted) {
            Aside::Done(old) => {
                SWAPPED.store(true, Ordering::SeqCst);
                drop(guard);
                let _ = leftovers::remove(&old);
                Ok(stats)
            }
            Aside::Blocked => {
                drop(guard);
                drop(staging);
                inside(out, write)
            }
            Aside::Failed(f) => {
                drop(guard);
                Err(f)
            }
        },
    }
}

/// How moving the old output aside went.
enum Aside {
    /// The new site is in place; the old one is in this folder, to delete.
    Done(PathBuf),
    /// The output cannot be renamed (a mount point): nothing was changed.
    Blocked,
    Failed(Failure),
}

/// The swap where exchange is unsupported: move the old output aside, rename the new one in.
/// The caller holds the Ctrl-C handler's lock throughout.
fn aside(out: &Path, staging: &Working, adopted: bool) -> Aside {
    let parent = out.parent().unwrap_or(out);
    // The old output's name repeats the staging folder's random part, unique in this folder.
    let random = staging
        .path()
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .rsplit('-')
        .next()
        .unwrap_or_default()
        .to_string();
    let old = parent.join(leftovers::name(out, true, std::process::id(), &random));
    if exists(&old) {
        unadopt(out, adopted);
        return Aside::Failed(intact(anyhow!("{} is in the way", old.display())));
    }
    // Held while the old output is aside, so that no other build takes it for a leftover.
    let _lock = leftovers::hold(out);
    if let Err(e) = std::fs::rename(out, &old) {
        unadopt(out, adopted);
        if blocked(&e) {
            return Aside::Blocked;
        }
        return Aside::Failed(intact(
            anyhow::Error::new(e).context(format!("moving aside {}", out.display())),
        ));
    }
    if let Err(e) = std::fs::rename(staging.path(), out) {
        let e =
            anyhow::Error::new(e).context(format!("moving the new site into {}", out.display()));
        return Aside::Failed(match std::fs::rename(&old, out) {
            Ok(()) => {
                unadopt(out, adopted);
                intact(e)
            }
            Err(back) => Failure {
                error: e.context(format!(
                    "and moving the previous output back failed too ({back}): it is in {}, \
                     and the next build puts it back",
                    old.display()
                )),
                intact: false,
            },
        });
    }
    Aside::Done(old)
}

/// One top-level entry replaced, and how to undo it.
enum Step {
    Added(PathBuf),
    Exchanged(PathBuf, PathBuf),
    Replaced { dest: PathBuf, aside: PathBuf },
}

fn replace_entry(new: &Path, dest: &Path, aside: &Path) -> io::Result<Step> {
    match std::fs::symlink_metadata(dest) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::rename(new, dest)?;
            Ok(Step::Added(dest.to_path_buf()))
        }
        Err(e) => Err(e),
        Ok(m) => {
            if m.is_dir() && new.is_dir() && exchange(new, dest).is_ok() {
                return Ok(Step::Exchanged(new.to_path_buf(), dest.to_path_buf()));
            }
            std::fs::rename(dest, aside)?;
            if let Err(e) = std::fs::rename(new, dest) {
                let _ = std::fs::rename(aside, dest);
                return Err(e);
            }
            Ok(Step::Replaced {
                dest: dest.to_path_buf(),
                aside: aside.to_path_buf(),
            })
        }
    }
}

/// Undoes `steps`, last first. Returns whether everything was put back.
fn rollback(steps: Vec<Step>) -> bool {
    let mut ok = true;
    for step in steps.into_iter().rev() {
        let undone = match step {
            Step::Added(dest) => leftovers::remove_any(&dest),
            Step::Exchanged(new, dest) => exchange(&new, &dest),
            Step::Replaced { dest, aside } => {
                leftovers::remove_any(&dest).and_then(|()| std::fs::rename(&aside, &dest))
            }
        };
        ok &= undone.is_ok();
    }
    ok
}

/// The swap for a folder that cannot be renamed (a mount point): stage inside it, then replace
/// its top-level entries one by one with the new ones, and remove the old entries the new site
/// does not have only once every new one is in. This is not atomic (a mount point cannot be
/// replaced in one step): a kill in the middle leaves a mix of old and new entries, never an
/// empty folder, and the next build replaces them; an error undoes the entries already done.
fn inside(out: &Path, write: &Writer<'_>) -> Result<RenderStats, Failure> {
    let created = !exists(out);
    std::fs::create_dir_all(out)
        .with_context(|| format!("creating {}", out.display()))
        .map_err(intact)?;
    // The marker first: if this build dies mid-way, the next one still knows the folder is ours.
    let adopted = adopt(out);
    let result = replace_inside(out, write);
    if result.as_ref().is_err_and(|f| f.intact) {
        // Left as it was means without the marker or the folder this build added.
        unadopt(out, adopted);
        if created {
            let _ = std::fs::remove_dir(out);
        }
    }
    result
}

fn replace_inside(out: &Path, write: &Writer<'_>) -> Result<RenderStats, Failure> {
    if !exists(&out.join(MARKER)) {
        return Err(intact(anyhow!(
            "cannot write into {}: its marker could not be written",
            out.display()
        )));
    }
    let working = |old| {
        Working::new(out, out, old)
            .with_context(|| format!("creating a staging folder in {}", out.display()))
            .map_err(intact)
    };
    let staging = working(false)?;
    let stats = write(staging.path()).map_err(intact)?;
    let aside = working(true)?;
    let guard = active();
    let mut names: Vec<OsString> = std::fs::read_dir(staging.path())
        .and_then(|entries| entries.map(|e| e.map(|e| e.file_name())).collect())
        .with_context(|| format!("reading {}", staging.path().display()))
        .map_err(intact)?;
    names.retain(|n| n != MARKER);
    names.sort();
    let mut done = Vec::new();
    for name in &names {
        match replace_entry(
            &staging.path().join(name),
            &out.join(name),
            &aside.path().join(name),
        ) {
            Ok(step) => done.push(step),
            Err(e) => {
                let error = anyhow::Error::new(e).context(format!(
                    "replacing {} with the new site's",
                    out.join(name).display()
                ));
                return Err(Failure {
                    error,
                    intact: rollback(done),
                });
            }
        }
    }
    SWAPPED.store(true, Ordering::SeqCst);
    let mut stuck = Vec::new();
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let path = entry.path();
        if name == MARKER || names.contains(&name) || leftovers::is_ours(&path) {
            continue;
        }
        if let Err(e) = std::fs::rename(&path, aside.path().join(&name)) {
            stuck.push(format!("{} ({e})", path.display()));
        }
    }
    drop(guard);
    // Dropping the working folders deletes the old entries they now hold.
    drop(staging);
    drop(aside);
    if stuck.is_empty() {
        Ok(stats)
    } else {
        Err(Failure {
            error: anyhow!(
                "the new site is in {}, but old entries could not be removed: {}",
                out.display(),
                stuck.join(", ")
            ),
            intact: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_tree(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walk(dir)
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        v.sort();
        v
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn entries_replaced_one_by_one_are_put_back_by_a_rollback() {
        let dir = tempfile::tempdir().unwrap();
        let (out, new, aside) = (
            dir.path().join("out"),
            dir.path().join("new"),
            dir.path().join("aside"),
        );
        for d in [&out, &new, &aside] {
            std::fs::create_dir_all(d.join("d")).unwrap();
        }
        std::fs::write(out.join("a"), "old a").unwrap();
        std::fs::write(out.join("d/x"), "old x").unwrap();
        std::fs::remove_dir(aside.join("d")).unwrap();
        std::fs::write(new.join("a"), "new a").unwrap();
        std::fs::write(new.join("d/y"), "new y").unwrap();
        std::fs::write(new.join("n"), "new n").unwrap();
        let before = read_tree(&out);
        let steps: Vec<Step> = ["a", "d", "n"]
            .iter()
            .map(|n| replace_entry(&new.join(n), &out.join(n), &aside.join(n)).unwrap())
            .collect();
        assert_eq!(
            read_tree(&out),
            vec![
                ("a".into(), "new a".into()),
                ("d/y".into(), "new y".into()),
                ("n".into(), "new n".into())
            ]
        );
        assert!(rollback(steps));
        assert_eq!(read_tree(&out), before);
    }
}
