//! The working folders of a build and what the next build does with those an interrupted one
//! left behind.
//!
//! A build writes the new site into `.annales-staging-<output name>-<pid>-<random>` beside the
//! output (inside it on a mount point), and, where it cannot swap in one step, moves the
//! previous output aside to `.annales-old-<output name>-<pid>-<random>`. Each carries the
//! marker, and the build holds an advisory lock (`flock`) on it while it runs: a folder with
//! our prefix and marker whose lock is free belongs to a build that died (a kill, a crash, a
//! power cut), and is removed, or put back when the output itself went missing. So is an empty
//! folder of that exact name (a build killed before it wrote the marker). A folder with our
//! prefix but no marker is someone else's and is left alone.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::MARKER;

/// Name prefix of a staging folder.
pub const STAGING: &str = ".annales-staging-";
/// Name prefix of a previous output moved aside.
pub const OLD: &str = ".annales-old-";
/// How much of the output's name a working folder's name repeats (names are limited to 255
/// bytes; the rest is enough to tell the outputs of one parent folder apart).
const TAG_MAX: usize = 60;

fn tag(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name[..crate::text::floor_char_boundary(&name, TAG_MAX)].to_string()
}

/// The name prefix of this process's working folders for `out` (a random suffix follows).
pub fn prefix(out: &Path, old: bool) -> String {
    name(out, old, std::process::id(), "")
}

/// The full name of a working folder, as [`prefix`] and the random suffix make it.
pub fn name(out: &Path, old: bool, pid: u32, random: &str) -> String {
    format!(
        "{}{}-{pid}-{random}",
        if old { OLD } else { STAGING },
        tag(out)
    )
}

/// A working folder's name taken apart: whether it is an old output, the output's name, and
/// the process that made it.
fn parse(name: &str) -> Option<(bool, &str, u32)> {
    let (old, rest) = if let Some(r) = name.strip_prefix(STAGING) {
        (false, r)
    } else {
        (true, name.strip_prefix(OLD)?)
    };
    let mut parts = rest.rsplitn(3, '-');
    let _random = parts.next()?;
    let pid = parts.next()?.parse().ok()?;
    Some((old, parts.next()?, pid))
}

/// Whether `path` is a working folder of Annales: our prefix and our marker.
pub fn is_ours(path: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(STAGING) || n.starts_with(OLD));
    named && is_marked(path)
}

/// An empty folder with a working folder's name: a build killed between making it and writing
/// its marker into it (removing it loses nothing).
fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

fn is_marked(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Opens `dir` and takes its lock, so that other builds see it is in use. The lock lasts as
/// long as the returned file; where the file system has no locks, the pid in the name serves.
pub fn hold(dir: &Path) -> Option<File> {
    let f = File::open(dir).ok()?;
    let _ = f.try_lock();
    Some(f)
}

/// The lock of a working folder whose build is gone, or None while its build is alive (or when
/// that cannot be told: then it is left alone).
fn claim(dir: &Path, pid: Option<u32>) -> Option<File> {
    let f = File::open(dir).ok()?;
    match f.try_lock() {
        Ok(()) => Some(f),
        Err(std::fs::TryLockError::WouldBlock) => None,
        Err(std::fs::TryLockError::Error(_)) => pid.filter(|&p| pid_gone(p)).map(|_| f),
    }
}

fn pid_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes a working folder of ours, its marker last: a removal cut short (a Ctrl-C, a kill)
/// leaves a folder the next build still recognises and finishes removing.
pub fn remove(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() != MARKER {
            match remove_any(&entry.path()) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    std::fs::remove_dir_all(dir)
}

/// Removes a file, a link or a whole folder.
pub fn remove_any(p: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(p)?.is_dir() {
        std::fs::remove_dir_all(p)
    } else {
        std::fs::remove_file(p)
    }
}

/// A staging or old folder of the versions of Annales that wrote no marker
/// (`.annales-staging-` and six letters or digits), recognised by the pages it holds.
fn is_earlier(path: &Path, name: &str) -> bool {
    let rest = name
        .strip_prefix(STAGING)
        .or_else(|| name.strip_prefix(OLD))
        .unwrap_or("");
    if rest.len() != 6 || !rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let Ok(mut entries) = std::fs::read_dir(path) else {
        return false;
    };
    // Pages are written in path order, so even an interrupted one starts with 404.html.
    let empty = entries.next().is_none();
    empty
        || ["404.html", "index.html", "timeline.json"]
            .iter()
            .any(|f| std::fs::symlink_metadata(path.join(f)).is_ok_and(|m| m.is_file()))
}

/// Removes the working folders that dead builds of `out` left beside it (and inside it, for a
/// mount point), and puts the previous output back if a kill left `out` missing. Returns one
/// sentence per thing done, for the build's warnings. Errors are not fatal: what cannot be
/// removed is said and left.
pub fn tidy(out: &Path) -> Vec<String> {
    let mut notes = Vec::new();
    let Some(parent) = out.parent() else {
        return notes;
    };
    let exists = std::fs::symlink_metadata(out).is_ok();
    let want = tag(out);
    let mut olds: Vec<(PathBuf, File)> = Vec::new();
    let mut gone: Vec<(PathBuf, Option<File>)> = Vec::new();
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        match parse(name) {
            Some((old, t, pid)) if t == want && (is_marked(&path) || is_empty(&path)) => {
                if let Some(lock) = claim(&path, Some(pid)) {
                    if old {
                        olds.push((path, lock));
                    } else {
                        gone.push((path, Some(lock)));
                    }
                }
            }
            Some(_) => {}
            None if exists && is_earlier(&path, name) => gone.push((path, None)),
            None => {}
        }
    }
    olds.sort_by(|a, b| a.0.cmp(&b.0));
    // Only a whole site is put back: one whose removal a kill cut short is not.
    let whole = |p: &Path| {
        ["index.html", "timeline.json"]
            .iter()
            .all(|f| std::fs::symlink_metadata(p.join(f)).is_ok_and(|m| m.is_file()))
    };
    if !exists && let Some(i) = olds.iter().position(|(p, _)| whole(p)) {
        let (old, _lock) = olds.remove(i);
        match std::fs::rename(&old, out) {
            Ok(()) => notes.push(format!(
                "{} was missing after an interrupted build: the previous output was put back \
                 from {}",
                out.display(),
                old.file_name().unwrap_or_default().to_string_lossy()
            )),
            // Kept, never removed: it is the only copy of the previous output.
            Err(e) => notes.push(format!(
                "{} is missing after an interrupted build, and putting the previous output back \
                 from {} failed: {e}; move it back by hand",
                out.display(),
                old.display()
            )),
        }
    }
    gone.extend(olds.into_iter().map(|(p, l)| (p, Some(l))));
    if is_marked(out) {
        for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let parsed = name.to_str().and_then(parse);
            if let Some((_, _, pid)) = parsed.filter(|_| is_marked(&path) || is_empty(&path))
                && let Some(lock) = claim(&path, Some(pid))
            {
                gone.push((path, Some(lock)));
            }
        }
    }
    let mut removed = Vec::new();
    for (path, _lock) in &gone {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match remove(path) {
            Ok(()) => removed.push(name),
            Err(e) => notes.push(format!(
                "could not remove {}, left by an interrupted build: {e}; remove it by hand",
                path.display()
            )),
        }
    }
    if !removed.is_empty() {
        notes.push(format!(
            "removed {} folder{} left by an interrupted build: {}",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            removed.join(", ")
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_taken_apart_even_when_the_output_name_has_dashes() {
        let out = Path::new("/x/public-en");
        let n = name(out, true, 42, "AbC123");
        assert_eq!(n, ".annales-old-public-en-42-AbC123");
        assert_eq!(parse(&n), Some((true, "public-en", 42)));
        assert_eq!(parse(".annales-staging-foo"), None);
        assert_eq!(parse(".annales-staging-abc123"), None);
    }

    #[test]
    fn a_long_output_name_gives_a_name_within_limits() {
        let long = "é".repeat(200);
        let out = PathBuf::from("/x").join(&long);
        assert!(prefix(&out, false).len() < 120);
    }

    #[test]
    fn a_held_folder_is_not_claimed_and_a_released_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let held = hold(dir.path()).unwrap();
        assert!(claim(dir.path(), Some(std::process::id())).is_none());
        drop(held);
        assert!(claim(dir.path(), Some(std::process::id())).is_some());
    }
}
