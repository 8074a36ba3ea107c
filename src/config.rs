//! `site.toml`: the site's configuration.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::text::line_col;

/// What a `base_url` must look like, for messages.
const BASE_URL_EXPECTED: &str = "expected an absolute http:// or https:// URL with a host and no user name, query (?…) or fragment (#…), such as `https://example.org/timeline`";

/// Checks a `base_url` and returns it normalised (as the `url` crate writes it, without a
/// trailing slash). It ends up in every absolute link, the feed, the sitemap and `events.ics`,
/// so anything that could inject a line or a script there is refused, not cleaned: the user
/// should know their URL is wrong. The error says why, after the value.
pub(crate) fn check_base_url(raw: &str) -> Result<String, String> {
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = match c {
            '\n' | '\r' => "a line break".to_string(),
            ' ' => "a space".to_string(),
            c => format!("the character U+{:04X}", u32::from(c)),
        };
        return Err(format!("contains {what}"));
    }
    let url = url::Url::parse(raw).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => "is not absolute".to_string(),
        url::ParseError::EmptyHost => "has no host".to_string(),
        e => format!("is not a URL ({e})"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "has the scheme `{}:`; only http: and https: are served",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("contains a user name or password".into());
    }
    if url.query().is_some() || raw.contains('?') {
        return Err("has a query (?…): links under it would break".into());
    }
    if url.fragment().is_some() || raw.contains('#') {
        return Err("has a fragment (#…): links under it would break".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Where the `base_url` value starts in `src`, read again with spans (only on error).
fn base_url_offset(src: &str) -> Option<usize> {
    #[derive(Deserialize)]
    struct Spans {
        base_url: Option<toml::Spanned<String>>,
    }
    let spans: Spans = toml::from_str(src).ok()?;
    spans.base_url.map(|s| s.span().start)
}

/// The parsed `site.toml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-line description, for the home page and feeds.
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is served from; without it every link is relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Default language of articles: a code of [`Lang::ALL`] (`fr`, `en`…).
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// IANA time zone for times of day (`Europe/Paris`).
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// How many events the key-events view shows.
    #[serde(default = "default_key_events")]
    pub key_events: usize,
    /// Free values passed to templates as `config.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_language() -> String {
    "fr".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_key_events() -> usize {
    10
}

/// A configuration error a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error(
        "{path}: cannot read the site configuration: {io}\n  hint: run `annales init DIR` to create a site, or pass --root"
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error, part of the message (not an error source, so that a chain printer
        /// such as anyhow's `{:#}` does not print it a second time after the hint).
        io: std::io::Error,
    },
    /// The path is not a regular file of bounded size (a FIFO, a device, too large…).
    #[error("{path}: {message}")]
    Refused {
        /// The file.
        path: PathBuf,
        /// What it is and what to do.
        message: String,
    },
    /// The file is not valid TOML or has a wrong key or type.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },
}

impl Config {
    /// Reads and validates `site.toml` at `path` (`ROOT/site.toml`); messages name the file
    /// relative to the site root, as every other message about the site's files does.
    pub fn load(full: &Path) -> Result<Config, ConfigError> {
        let path = full.file_name().map(Path::new).unwrap_or(full);
        // Only a regular file of bounded size is read: a FIFO would block, /dev/zero never end.
        let bytes = crate::fsread::read_regular(full, crate::fsread::MAX_CONFIG_BYTES).map_err(
            |e| match e {
                crate::fsread::ReadError::NotFound(io) | crate::fsread::ReadError::Io(io) => {
                    ConfigError::Read {
                        path: path.to_owned(),
                        io,
                    }
                }
                e => ConfigError::Refused {
                    path: path.to_owned(),
                    message: e.message(),
                },
            },
        )?;
        let src = crate::fsread::utf8_text(&bytes).map_err(|e| {
            let (line, column) = e.position.unwrap_or((1, 1));
            ConfigError::Parse {
                path: path.to_owned(),
                line,
                column,
                message: e.message,
            }
        })?;
        Config::parse(src, path)
    }

    /// The language `site.toml` at `full` asks for, read leniently: the preview's own words
    /// follow it even while the rest of the file has an error. `None` when the file cannot be
    /// read as TOML or names no supported language.
    pub fn language_at(full: &Path) -> Option<Lang> {
        let bytes = crate::fsread::read_regular(full, crate::fsread::MAX_CONFIG_BYTES).ok()?;
        let table: toml::Table = crate::fsread::utf8_text(&bytes).ok()?.parse().ok()?;
        match table.get("language") {
            None => Lang::from_code(&default_language()),
            Some(value) => Lang::from_code(value.as_str()?),
        }
    }

    /// Parses configuration text; `path` is only used in messages.
    pub fn parse(src: &str, path: &Path) -> Result<Config, ConfigError> {
        let err_at = |offset: usize, message: String| {
            let (line, column) = line_col(src, offset);
            ConfigError::Parse {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        };
        let config: Config = toml::from_str(src).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            err_at(offset, e.message().trim().to_string())
        })?;
        // Semantic checks point at the key they are about.
        let key_offset = |key: &str| {
            src.lines()
                .scan(0usize, |pos, l| {
                    let here = *pos;
                    *pos += l.len() + 1;
                    Some((here, l))
                })
                .find(|(_, l)| l.trim_start().starts_with(key))
                .map(|(p, l)| p + (l.len() - l.trim_start().len()))
                .unwrap_or(0)
        };
        if Lang::from_code(&config.language).is_none() {
            return Err(err_at(
                key_offset("language"),
                format!(
                    "unsupported language `{}`: expected one of {}",
                    config.language,
                    Lang::codes()
                ),
            ));
        }
        if config.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(err_at(
                key_offset("timezone"),
                format!(
                    "unknown time zone `{}`: expected an IANA name such as `Europe/Paris` or `UTC`",
                    config.timezone
                ),
            ));
        }
        let mut config = config;
        if let Some(url) = &config.base_url {
            match check_base_url(url) {
                Ok(normal) => config.base_url = Some(normal),
                Err(why) => {
                    return Err(err_at(
                        base_url_offset(src).unwrap_or_else(|| key_offset("base_url")),
                        format!(
                            "base_url {url:?} {why}\n  hint: {BASE_URL_EXPECTED}, or leave base_url out for relative links"
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }

    /// The default language as a tagger language.
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or(Lang::Fr)
    }

    /// The configured time zone.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// Applies a `--base-url` from the command line, checked as site.toml's is (an empty one
    /// means relative links).
    pub fn override_base_url(&mut self, url: &str) -> Result<(), String> {
        if url.is_empty() {
            self.base_url = None;
            return Ok(());
        }
        let normal = check_base_url(url).map_err(|why| {
            format!("--base-url {url:?} {why}\n  hint: {BASE_URL_EXPECTED}, or --base-url \"\" for relative links")
        })?;
        self.base_url = Some(normal);
        Ok(())
    }

    /// `base_url` without a trailing slash, if set.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref().map(|u| u.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Config, ConfigError> {
        Config::parse(src, Path::new("site.toml"))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\n").unwrap();
        assert_eq!(c.language, "fr");
        assert_eq!(c.theme, "default");
        assert!(c.base_url.is_none());
    }

    #[test]
    fn misspelt_key_is_named_with_its_position() {
        let err = parse("title = \"T\"\nlangauge = \"fr\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site.toml:2:1:"), "{err}");
        assert!(err.contains("langauge"), "{err}");
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let err = parse("title = 3\n").unwrap_err().to_string();
        assert!(err.starts_with("site.toml:1:"), "{err}");
    }

    #[test]
    fn unknown_timezone_is_rejected() {
        let err = parse("title = \"T\"\ntimezone = \"Mars/Olympus\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.toml:2:1"), "{err}");
    }

    #[test]
    fn base_url_is_normalised_without_a_trailing_slash() {
        for raw in [
            "https://example.org/timeline/",
            "https://example.org/timeline",
        ] {
            let c = parse(&format!("title = \"T\"\nbase_url = \"{raw}\"\n")).unwrap();
            assert_eq!(c.base_url.as_deref(), Some("https://example.org/timeline"));
        }
        assert_eq!(
            check_base_url("http://Example.ORG/").unwrap(),
            "http://example.org"
        );
    }

    #[test]
    fn a_bad_base_url_is_refused_at_its_value_with_what_to_write() {
        let err = parse("title = \"T\"\n\nbase_url = \"https://x.org/\\nX-INJ:1\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site.toml:3:12: base_url"), "{err}");
        assert!(err.contains("line break"), "{err}");
        assert!(err.contains("https://example.org/timeline"), "{err}");
        for (raw, why) in [
            ("http://", "no host"),
            ("https://x.org/?q=1", "query"),
            ("https://x.org/?", "query"),
            ("https://x.org/#f", "fragment"),
            ("javascript:alert(1)", "scheme `javascript:`"),
            ("data:text/html,x", "scheme `data:`"),
            ("ftp://x.org", "scheme `ftp:`"),
            ("https://u:p@x.org", "user name"),
            ("https://x.org/a b", "space"),
            ("https://x.org/\t", "U+0009"),
            ("x.org", "not absolute"),
            ("", "not absolute"),
        ] {
            let e = check_base_url(raw).unwrap_err();
            assert!(e.contains(why), "{raw:?}: {e}");
        }
    }

    #[test]
    fn the_command_line_base_url_is_checked_the_same_way() {
        let mut c = parse("title = \"T\"\nbase_url = \"https://x.org\"\n").unwrap();
        let e = c.override_base_url("javascript:alert(1)").unwrap_err();
        assert!(e.starts_with("--base-url \"javascript:alert(1)\""), "{e}");
        assert_eq!(c.base_url.as_deref(), Some("https://x.org"));
        c.override_base_url("https://y.org/sub/").unwrap();
        assert_eq!(c.base_url(), Some("https://y.org/sub"));
        c.override_base_url("").unwrap();
        assert_eq!(c.base_url, None);
    }

    #[test]
    fn the_language_is_read_even_from_an_otherwise_wrong_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        for (text, lang) in [
            (
                "title = \"T\"\nlanguage = \"en\"\ntheme = 3\n",
                Some(Lang::En),
            ),
            ("title = \"T\"\n", Some(Lang::Fr)),
            ("language = \"de\"\n", None),
            ("language = = \"en\"\n", None),
        ] {
            std::fs::write(&path, text).unwrap();
            assert_eq!(Config::language_at(&path), lang, "{text}");
        }
        assert_eq!(Config::language_at(&dir.path().join("none.toml")), None);
    }
}
