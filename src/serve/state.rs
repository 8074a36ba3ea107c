//! What the server shows at any moment: the last good files, and the last build error if the
//! latest rebuild failed. Readers take a cheap snapshot; the rebuild thread swaps in a new one.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::reload::{Broadcaster, Signal};
use crate::lang::Lang;

/// Rendered files by site-relative path (`sources/x/index.html`).
pub type Files = HashMap<String, Vec<u8>>;

/// One consistent view of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last good build's pages and static files.
    pub files: Arc<Files>,
    /// Its data files (timeline.json, the feeds…), published after the pages: apart, so that
    /// adding them shares the pages instead of copying them.
    pub data: Arc<Files>,
    /// Bumped on every publish, so that a page can tell whether it is stale.
    pub version: u64,
    /// The error of the latest rebuild, while it is not fixed.
    pub error: Option<String>,
    /// The site's language, for the server's own words (`None`: not known, English).
    pub lang: Option<Lang>,
}

impl Snapshot {
    /// The file at a site-relative path, page or data file.
    pub fn file(&self, key: &str) -> Option<&[u8]> {
        self.files
            .get(key)
            .or_else(|| self.data.get(key))
            .map(Vec::as_slice)
    }

    /// Whether the snapshot has no file at all (no build succeeded yet).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.data.is_empty()
    }
}

impl super::route::Lookup for Snapshot {
    fn has(&self, key: &str) -> bool {
        self.file(key).is_some()
    }
}

/// The shared state between the rebuild thread and the connections.
#[derive(Debug, Default)]
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    /// Tells connected browsers about new versions and errors.
    pub reload: Broadcaster,
    /// Files announced by [`State::publish_pages`] and not published yet: a request for one
    /// waits for them rather than get the previous version or nothing.
    pending: Mutex<BTreeSet<String>>,
    /// Signalled when `pending` empties.
    ready: Condvar,
}

impl State {
    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A poisoned lock only means a reader panicked; the snapshot itself is immutable.
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Publishes a successful build (all its files) and tells browsers to reload.
    pub fn publish_files(&self, files: Files, lang: Option<Lang>) -> u64 {
        self.publish(files, Some(Files::new()), lang, BTreeSet::new())
    }

    /// Publishes a successful build's pages and tells browsers to reload; the files named in
    /// `coming` follow with [`State::publish_data`], and until then a request for one of them
    /// waits ([`State::wait_for`]).
    pub fn publish_pages(&self, files: Files, lang: Option<Lang>, coming: BTreeSet<String>) -> u64 {
        self.publish(files, None, lang, coming)
    }

    /// Publishes `files` with `data` (`None`: the data files of the version before, until the
    /// announced ones come) and tells browsers to reload.
    fn publish(
        &self,
        files: Files,
        data: Option<Files>,
        lang: Option<Lang>,
        coming: BTreeSet<String>,
    ) -> u64 {
        // Announced before the pages are visible, so that no request finds them missing.
        self.set_pending(coming);
        let version = self.swap(|old| Snapshot {
            files: Arc::new(files),
            data: data.map_or_else(|| old.data.clone(), Arc::new),
            version: old.version + 1,
            error: None,
            lang,
        });
        self.reload.send(&Signal::Reload { version });
        version
    }

    /// Adds the files announced by the last [`State::publish_pages`] to the current snapshot
    /// (same version: the pages already shown do not change) and wakes the requests waiting
    /// for them.
    pub fn publish_data(&self, data: Files) {
        self.swap(|old| Snapshot {
            files: old.files.clone(),
            data: Arc::new(data),
            version: old.version,
            error: old.error.clone(),
            lang: old.lang,
        });
        self.set_pending(BTreeSet::new());
    }

    /// Waits, at most `limit`, while `path` is one of the files announced and not published
    /// yet. Whether it is published (or was never announced).
    pub fn wait_for(&self, path: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        while pending.contains(path) {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return false;
            };
            pending = match self.ready.wait_timeout(pending, left) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        true
    }

    fn set_pending(&self, paths: BTreeSet<String>) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        *pending = paths;
        if pending.is_empty() {
            self.ready.notify_all();
        }
    }

    /// Keeps the last good files, records the error and shows it in open pages.
    pub fn publish_error(&self, message: String, lang: Option<Lang>) -> u64 {
        // What was announced will not come: waiting requests get the last good files.
        self.set_pending(BTreeSet::new());
        let version = self.swap(|old| Snapshot {
            files: old.files.clone(),
            data: old.data.clone(),
            version: old.version + 1,
            error: Some(message.clone()),
            // A site.toml too broken to say its language keeps the last one known.
            lang: lang.or(old.lang),
        });
        self.reload.send(&Signal::Error { version, message });
        version
    }

    fn swap(&self, next: impl FnOnce(&Snapshot) -> Snapshot) -> u64 {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        let new = next(&guard);
        let version = new.version;
        *guard = Arc::new(new);
        version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_keeps_the_last_good_files() {
        let state = State::default();
        let mut files = Files::new();
        files.insert("index.html".into(), b"good".to_vec());
        state.publish_files(files, Some(Lang::Fr));
        state.publish_error("templates/base.html:3:1: oops".into(), None);
        let snap = state.snapshot();
        assert_eq!(snap.file("index.html"), Some(&b"good"[..]));
        assert_eq!(snap.version, 2);
        assert!(snap.error.as_deref().unwrap().contains("base.html"));
        assert_eq!(snap.lang, Some(Lang::Fr), "the language was forgotten");
        state.publish_files(Files::new(), None);
        assert!(state.snapshot().error.is_none());
    }

    #[test]
    fn a_request_for_a_file_announced_with_the_pages_waits_for_it() {
        let state = Arc::new(State::default());
        let mut pages = Files::new();
        pages.insert("index.html".into(), b"new".to_vec());
        let coming: BTreeSet<String> = ["timeline.json".to_string()].into();
        let version = state.publish_pages(pages, None, coming);
        // The pages are shown at once; the data file is not there yet, and not waited for
        // past the limit.
        assert_eq!(state.snapshot().file("index.html"), Some(&b"new"[..]));
        assert!(!state.wait_for("timeline.json", Duration::from_millis(10)));
        assert!(state.wait_for("index.html", Duration::ZERO));
        let waiter = {
            let state = state.clone();
            std::thread::spawn(move || {
                let ready = state.wait_for("timeline.json", Duration::from_secs(60));
                (ready, state.snapshot())
            })
        };
        let mut data = Files::new();
        data.insert("timeline.json".into(), b"{}".to_vec());
        state.publish_data(data);
        let (ready, snap) = waiter.join().unwrap();
        assert!(ready);
        assert_eq!(snap.file("timeline.json"), Some(&b"{}"[..]));
        assert_eq!(snap.file("index.html"), Some(&b"new"[..]));
        assert_eq!(
            snap.version, version,
            "the data is part of the same version"
        );
    }

    #[test]
    fn an_error_instead_of_the_data_wakes_the_waiting_requests() {
        let state = State::default();
        let coming: BTreeSet<String> = ["feed.xml".to_string()].into();
        state.publish_pages(Files::new(), None, coming);
        state.publish_error("timeline: oops".into(), None);
        assert!(state.wait_for("feed.xml", Duration::ZERO));
    }
}
