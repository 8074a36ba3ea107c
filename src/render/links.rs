//! The link policy and URL layout of a site: where each page lives, how a page links another
//! (relative, or absolute under `base_url`), which article URLs may be linked at all. Shared by
//! the HTML pages and the data formats.

use super::RenderInput;
use super::locale::Locale;
pub use crate::timeline::layout::{event_page, path_segment, source_page};

/// What rendering needs besides the site: display language, time zone, link style.
#[derive(Debug, Clone)]
pub struct Env {
    /// Display strings and formats of the site's language.
    pub locale: &'static Locale,
    /// Site time zone, for clock times.
    pub tz: chrono_tz::Tz,
    /// `base_url` without its trailing slash, when set.
    pub base_url: Option<String>,
}

impl Env {
    /// The environment of a site.
    pub fn new(input: &RenderInput) -> Env {
        Env {
            locale: Locale::of(input.config.lang()),
            tz: input.config.tz(),
            base_url: input.config.base_url().map(str::to_string),
        }
    }

    /// A site-relative link as pages should write it: with an explicit `index.html` when there
    /// is no `base_url` (so the site works from disk and from any sub-path), as a directory
    /// link otherwise.
    pub fn link(&self, path: &str) -> String {
        if self.base_url.is_some() {
            return path.to_string();
        }
        let (p, frag) = match path.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (path, None),
        };
        let mut out = p.to_string();
        if out.ends_with('/') {
            out.push_str("index.html");
        }
        if let Some(f) = frag {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// An absolute URL for a site-relative path, when `base_url` is set.
    pub fn absolute(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|b| format!("{b}/{path}"))
    }
}

/// Keeps only `http(s)` URLs without spaces or control characters; anything else (`javascript:`,
/// `data:`, relative paths from an article) is dropped.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && u.len() > "https://".len()
        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| u.to_string())
}

/// Site-relative link to a cited quote on its source page (`sources/<id>/#q-<start>`), built
/// from the citation's source and offset rather than trusting its `anchor` string, so that it
/// always matches the id the source page gives the quote.
pub fn quote_path(c: &crate::timeline::Citation) -> String {
    crate::timeline::layout::quote_anchor(&c.source, c.start)
}

/// Relative prefix from a page at `path` back to the site root (`sources/x/index.html` → `../../`).
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls_are_dropped() {
        assert_eq!(
            safe_url("https://example.org/a"),
            Some("https://example.org/a".into())
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "https://exa mple.org",
            "https://",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_name_index_html_without_a_base_url() {
        let env = Env {
            locale: Locale::of(crate::lang::Lang::Fr),
            tz: chrono_tz::UTC,
            base_url: None,
        };
        assert_eq!(env.link("sources/a/#q-3"), "sources/a/index.html#q-3");
        assert_eq!(env.link("events/x/"), "events/x/index.html");
        let pretty = Env {
            base_url: Some("https://e.org/t".into()),
            ..env
        };
        assert_eq!(pretty.link("sources/a/#q-3"), "sources/a/#q-3");
    }

    #[test]
    fn root_prefix_climbs_back_to_the_site_root() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("sources/x/index.html"), "../../");
    }
}
