//! Watching the site for changes: notify events, filtered (editor temporary files, output
//! folders), classified by what they force to redo, and debounced into one change per burst.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// What a change forces to redo, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Templates or static files: re-render (or re-copy) only.
    Theme,
    /// Articles or corrections: reload content, re-analyse changed articles, re-merge, re-render.
    Content,
    /// site.toml: everything, from scratch.
    Config,
}

/// Quiet time that ends a burst of events (an editor's save is several events).
pub(crate) const QUIET: Duration = Duration::from_millis(20);
/// A burst never delays a rebuild longer than this.
const MAX_WAIT: Duration = Duration::from_millis(500);
/// Folders watched recursively, when they exist (the active theme lives under `themes/`).
const WATCHED_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What a path under the site root means for the build, if anything.
pub(crate) fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or("."),
            _ => ".",
        })
        .collect();
    if parts.is_empty() || parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    if is_editor_temp(parts[parts.len() - 1]) {
        return None;
    }
    match parts[0] {
        "site.toml" if parts.len() == 1 => Some(Change::Config),
        "content" => Some(Change::Content),
        "templates" | "static" | "themes" => Some(Change::Theme),
        _ => None,
    }
}

/// Swap, backup and lock files that editors write beside the real one.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swpx",
            ".tmp",
            ".crswap",
            ".kate-swp",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A live watch on a site; events queue up from creation, so nothing saved after
/// [`SiteWatch::new`] returns is missed.
pub struct SiteWatch {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
}

impl SiteWatch {
    /// Starts watching `root` (canonical).
    pub fn new(root: &Path) -> anyhow::Result<SiteWatch> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        // The root itself, flat: catches site.toml saved by rename and watched folders created
        // later.
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = SiteWatch {
            root: root.to_path_buf(),
            watcher,
            rx,
            watched: BTreeSet::new(),
        };
        watch.add_dirs();
        Ok(watch)
    }

    /// Calls `on_change` once per debounced burst, on this thread, until the watcher stops.
    pub fn run(mut self, mut on_change: impl FnMut(Change)) {
        let mut replaced = BTreeSet::new();
        while let Some(change) = next_burst(&self.rx, &self.root, &mut replaced) {
            // A watched folder may have appeared, or been deleted and made again (its old watch
            // died with it): watch it afresh.
            for dir in std::mem::take(&mut replaced) {
                let _ = self.watcher.unwatch(&dir);
                self.watched.remove(&dir);
            }
            self.add_dirs();
            on_change(change);
        }
    }

    fn add_dirs(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            if !dir.is_dir() {
                self.watched.remove(&dir);
                continue;
            }
            if !self.watched.contains(&dir) {
                match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }
}

/// Waits for the first relevant event, then gathers events until a quiet gap.
fn next_burst(
    rx: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    created_dirs: &mut BTreeSet<PathBuf>,
) -> Option<Change> {
    let mut change = None;
    let mut started: Option<Instant> = None;
    loop {
        let event = match started {
            None => rx.recv().ok()?,
            Some(_) => match rx.recv_timeout(QUIET) {
                Ok(ev) => ev,
                Err(RecvTimeoutError::Timeout) => return change,
                Err(RecvTimeoutError::Disconnected) => return change,
            },
        };
        match event {
            Ok(ev) => {
                if matches!(ev.kind, EventKind::Create(_)) {
                    created_dirs.extend(
                        ev.paths
                            .iter()
                            .filter(|p| WATCHED_DIRS.iter().any(|d| **p == root.join(d)))
                            .cloned(),
                    );
                }
                if let Some(c) = relevant(&ev, root) {
                    change = change.max(Some(c));
                    started.get_or_insert_with(Instant::now);
                }
            }
            Err(e) => eprintln!("warning: watching the site: {e}"),
        }
        if started.is_some_and(|t0| t0.elapsed() >= MAX_WAIT) {
            return change;
        }
    }
}

fn relevant(ev: &notify::Event, root: &Path) -> Option<Change> {
    // Reads and closes say nothing new; everything else (create, write, rename, remove) may.
    if matches!(ev.kind, EventKind::Access(_)) {
        return None;
    }
    ev.paths.iter().filter_map(|p| classify(root, p)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_what_they_force() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("site.toml"), Some(Change::Config));
        assert_eq!(c("content/a.md"), Some(Change::Content));
        assert_eq!(c("content/_timeline.toml"), Some(Change::Content));
        assert_eq!(c("templates/base.html"), Some(Change::Theme));
        assert_eq!(c("static/img/logo.png"), Some(Change::Theme));
        assert_eq!(c("themes/dark/templates/index.html"), Some(Change::Theme));
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(c(""), None);
        assert_eq!(classify(root, Path::new("/elsewhere/content/a.md")), None);
    }

    #[test]
    fn editor_temporary_files_are_ignored() {
        let root = Path::new("/site");
        for p in [
            "content/.a.md.swp",
            "content/a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/#a.md#",
            "content/4913",
            "templates/.git/index",
            "content/.hidden/a.md",
        ] {
            assert_eq!(classify(root, &root.join(p)), None, "{p}");
        }
    }

    #[test]
    fn a_hidden_site_root_still_works() {
        // Temporary folders are often hidden (`/tmp/.tmpXYZ`); only the relative part counts.
        let root = Path::new("/tmp/.tmpabc");
        assert_eq!(
            classify(root, &root.join("content/a.md")),
            Some(Change::Content)
        );
    }
}
