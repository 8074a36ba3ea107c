//! `site.toml`: the site's configuration.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::line_col;
use crate::time::Lang;

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
    /// Default language of articles (`fr` or `en`).
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
        "{path}: cannot read the site configuration: {source}\n  hint: run `annales init DIR` to create a site, or pass --root"
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
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
                crate::fsread::ReadError::NotFound(source)
                | crate::fsread::ReadError::Io(source) => ConfigError::Read {
                    path: path.to_owned(),
                    source,
                },
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
                    "unsupported language `{}`: expected `fr` or `en`",
                    config.language
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
        if let Some(url) = &config.base_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(err_at(
                key_offset("base_url"),
                format!(
                    "base_url `{url}` must be an absolute http(s) URL, or be left out for relative links"
                ),
            ));
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
}
