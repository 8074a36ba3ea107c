//! What the server shows at any moment: the last good files, and the last build error if the
//! latest rebuild failed. Readers take a cheap snapshot; the rebuild thread swaps in a new one.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::reload::{Broadcaster, Signal};
use crate::lang::Lang;

/// Rendered files by site-relative path (`sources/x/index.html`).
pub type Files = HashMap<String, Vec<u8>>;

/// One consistent view of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last good build.
    pub files: Arc<Files>,
    /// Bumped on every publish, so that a page can tell whether it is stale.
    pub version: u64,
    /// The error of the latest rebuild, while it is not fixed.
    pub error: Option<String>,
    /// The site's language, for the server's own words (`None`: not known, English).
    pub lang: Option<Lang>,
}

/// The shared state between the rebuild thread and the connections.
#[derive(Debug, Default)]
pub struct State {
    current: RwLock<Arc<Snapshot>>,
    /// Tells connected browsers about new versions and errors.
    pub reload: Broadcaster,
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

    /// Publishes a successful build and tells browsers to reload.
    pub fn publish_files(&self, files: Files, lang: Option<Lang>) -> u64 {
        let version = self.swap(|old| Snapshot {
            files: Arc::new(files),
            version: old.version + 1,
            error: None,
            lang,
        });
        self.reload.send(&Signal::Reload { version });
        version
    }

    /// Keeps the last good files, records the error and shows it in open pages.
    pub fn publish_error(&self, message: String, lang: Option<Lang>) -> u64 {
        let version = self.swap(|old| Snapshot {
            files: old.files.clone(),
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
        assert_eq!(snap.files["index.html"], b"good");
        assert_eq!(snap.version, 2);
        assert!(snap.error.as_deref().unwrap().contains("base.html"));
        assert_eq!(snap.lang, Some(Lang::Fr), "the language was forgotten");
        state.publish_files(Files::new(), None);
        assert!(state.snapshot().error.is_none());
    }
}
