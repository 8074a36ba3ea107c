//! From a request target to what to answer. Site files live in a map keyed by clean relative
//! paths, so no request can reach the disk; the checks below still refuse traversal attempts
//! loudly (400) instead of quietly resolving them.

use super::overlay;
use super::reload::EVENTS_PATH;
use super::state::Files;

/// Paths under this prefix are the preview's own (the reload stream, its client, the overlay's
/// style), never site files.
pub const RESERVED: &str = "/__annales/";

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The reload event stream.
    Events,
    /// One of the preview's own files: content type and bytes.
    Asset(&'static str, Vec<u8>),
    /// A site file, by key.
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// A malformed or hostile target.
    BadRequest(&'static str),
}

/// Where [`resolve`] looks site files up.
pub trait Lookup {
    /// Whether there is a file at this site-relative path.
    fn has(&self, key: &str) -> bool;
}

impl Lookup for Files {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
}

/// Resolves a request target (`/sources/x/?q=1`) against the site files.
pub fn resolve(target: &str, files: &impl Lookup) -> Route {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or("");
    if path == EVENTS_PATH {
        return Route::Events;
    }
    if path.starts_with(RESERVED) {
        return match overlay::asset(path) {
            Some((ctype, bytes)) => Route::Asset(ctype, bytes),
            None => Route::NotFound,
        };
    }
    let segments = match clean_segments(path) {
        Ok(s) => s,
        Err(why) => return Route::BadRequest(why),
    };
    let key = segments.join("/");
    let dir_wanted = key.is_empty() || path.ends_with('/');
    if dir_wanted {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if files.has(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if files.has(&key) {
        return Route::File(key);
    }
    if files.has(&format!("{key}/index.html")) {
        let mut location: String = segments.iter().map(|s| format!("/{}", encode(s))).collect();
        location.push('/');
        if let Some(q) = query {
            location.push('?');
            location.push_str(&encode_query(q));
        }
        return Route::Redirect(location);
    }
    Route::NotFound
}

/// The site file a request target names directly (`/feed.xml?x` → `feed.xml`), if any: what
/// [`resolve`] looks up first.
pub fn file_key(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path.ends_with('/') || path.starts_with(RESERVED) {
        return None;
    }
    clean_segments(path).ok().map(|s| s.join("/"))
}

/// Splits a request path into decoded, safe segments, or says why it is refused.
pub fn clean_segments(path: &str) -> Result<Vec<String>, &'static str> {
    if !path.starts_with('/') {
        return Err("the request path must start with `/`");
    }
    let bytes = decode(path).ok_or("the request path has a malformed %-escape")?;
    let decoded = String::from_utf8(bytes).map_err(|_| "the request path is not valid UTF-8")?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err("the request path contains a control character or a backslash");
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err("the request path climbs out of the site with `..`"),
            s => segments.push(s.to_string()),
        }
    }
    Ok(segments)
}

fn decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hi = (hex[0] as char).to_digit(16)?;
            let lo = (hex[1] as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The query as it may appear in a `Location` header: kept as sent where it is plain URL text
/// (existing `%XX` escapes included), %-encoded elsewhere, so that no control character, space
/// or raw non-ASCII byte ever reaches a response header.
fn encode_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for b in query.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        [
            "index.html",
            "style.css",
            "sources/a-b/index.html",
            "404.html",
        ]
        .into_iter()
        .map(|p| (p.to_string(), Vec::new()))
        .collect()
    }

    #[test]
    fn folders_serve_their_index() {
        let f = site();
        assert_eq!(file_key("/feed.xml?x=1"), Some("feed.xml".into()));
        assert_eq!(
            file_key("/sources/a%20b/x.json"),
            Some("sources/a b/x.json".into())
        );
        assert_eq!(file_key("/sources/"), None);
        assert_eq!(resolve("/", &f), Route::File("index.html".into()));
        assert_eq!(resolve("/?x=1", &f), Route::File("index.html".into()));
        assert_eq!(
            resolve("/sources/a-b/", &f),
            Route::File("sources/a-b/index.html".into())
        );
        assert_eq!(resolve("/style.css", &f), Route::File("style.css".into()));
        assert_eq!(
            resolve("/sources//a-b/./", &f),
            Route::File("sources/a-b/index.html".into())
        );
    }

    #[test]
    fn a_folder_without_slash_redirects() {
        let f = site();
        assert_eq!(
            resolve("/sources/a-b?q=1", &f),
            Route::Redirect("/sources/a-b/?q=1".into())
        );
        assert_eq!(resolve("/sources/zzz", &f), Route::NotFound);
        assert_eq!(resolve("/style.css/", &f), Route::NotFound);
    }

    #[test]
    fn traversal_attempts_are_refused() {
        let f = site();
        for target in [
            "/../etc/passwd",
            "/sources/../../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E%2Fsite.toml",
            "/sources%2f..%2f..%2fsite.toml",
            "/..%5csite.toml",
            "/a%00b",
            "/%zz",
            "/%c0%ae%c0%ae/site.toml",
            "etc/passwd",
            "http://example.com/",
        ] {
            assert!(
                matches!(resolve(target, &f), Route::BadRequest(_)),
                "{target} was not refused"
            );
        }
        // Double encoding decodes once, to a literal name that does not exist.
        assert_eq!(resolve("/%252e%252e/site.toml", &f), Route::NotFound);
        assert_eq!(resolve("//etc/passwd", &f), Route::NotFound);
    }

    #[test]
    fn the_event_stream_is_reserved() {
        assert_eq!(resolve(EVENTS_PATH, &site()), Route::Events);
        assert!(matches!(
            resolve("/__annales/client.js", &site()),
            Route::Asset("text/javascript; charset=utf-8", _)
        ));
        assert_eq!(resolve("/__annales/nothing", &site()), Route::NotFound);
    }

    #[test]
    fn a_redirect_never_copies_control_characters() {
        let f = site();
        for (query, kept) in [
            ("a\rSet-Cookie:x", "a%0DSet-Cookie:x"),
            ("a\nb", "a%0Ab"),
            ("%0d%0aX:%20y", "%0d%0aX:%20y"),
            ("\u{e9} \u{0}#\"<", "%C3%A9%20%00%23%22%3C"),
        ] {
            assert_eq!(
                resolve(&format!("/sources/a-b?{query}"), &f),
                Route::Redirect(format!("/sources/a-b/?{kept}")),
                "{query:?}"
            );
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("timeline.json"), "application/json");
        assert_eq!(content_type("feed.atom"), "application/atom+xml");
        assert_eq!(content_type("x/Logo.PNG"), "image/png");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type(".d/noext"), "application/octet-stream");
    }
}
