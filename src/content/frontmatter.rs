//! Front matter: TOML between `+++` lines or YAML between `---` lines.

use serde::Deserialize;

/// Front-matter keys Annales understands.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Article title.
    pub title: Option<String>,
    /// Publication date, full or partial, as text (parsed by [`super::date::PartialDate`]).
    #[serde(default, deserialize_with = "date_as_string")]
    pub date: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Original URL.
    pub url: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Skip unless building with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Accepts a string, an integer year, or a TOML datetime.
fn date_as_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Year(i64),
        Toml(toml::value::Datetime),
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|r| match r {
        Raw::Text(s) => s,
        Raw::Year(y) => y.to_string(),
        Raw::Toml(dt) => dt.to_string(),
    }))
}

/// Which front-matter syntax a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `+++` TOML.
    Toml,
    /// `---` YAML.
    Yaml,
}

/// Front matter split from a document.
#[derive(Debug)]
pub struct Split<'a> {
    /// Syntax.
    pub style: Style,
    /// The front-matter text.
    pub raw: &'a str,
    /// Byte offset of `raw` in the document.
    pub raw_offset: usize,
    /// The body after the closing fence.
    pub body: &'a str,
}

/// Why the front matter could not be read, with a byte offset into the document.
#[derive(Debug)]
pub struct FrontMatterError {
    /// Byte offset in the whole document.
    pub offset: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// Longest front matter, in bytes. Real front matter is a few hundred bytes; the cap keeps a
/// pathological file (or a missing closing fence in a huge one) from reaching the parsers,
/// whose time is not linear in every input.
pub const MAX_BYTES: usize = 64 * 1024;

/// Deepest nesting of YAML flow collections (`[`, `{`). libyaml's scanner takes time quadratic
/// in this depth (100 KB of `[` took a minute), and no real front matter nests more than twice.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Splits leading front matter off `doc`; `Ok(None)` when the document has none. Front matter
/// longer than [`MAX_BYTES`] is an error: the scan for the closing fence stops there.
pub fn split(doc: &str) -> Result<Option<Split<'_>>, FrontMatterError> {
    let (fence, style) = if doc.starts_with("+++") {
        ("+++", Style::Toml)
    } else if doc.starts_with("---") {
        ("---", Style::Yaml)
    } else {
        return Ok(None);
    };
    let first_nl = match doc.find('\n') {
        Some(i) => i,
        None => {
            return Err(FrontMatterError {
                offset: 0,
                message: format!(
                    "front matter opened with `{fence}` is never closed: add a line `{fence}` after it"
                ),
            });
        }
    };
    if !doc[..first_nl].trim_end().eq(fence) {
        return Ok(None);
    }
    let raw_offset = first_nl + 1;
    let mut pos = raw_offset;
    for line in doc[raw_offset..].split_inclusive('\n') {
        if pos - raw_offset > MAX_BYTES {
            return Err(FrontMatterError {
                offset: 0,
                message: format!(
                    "front matter is longer than {} KiB, the limit (or its closing `{fence}` line is missing): \
                     keep front matter to a few short keys and put long text in the body",
                    MAX_BYTES / 1024
                ),
            });
        }
        if line.trim_end() == fence {
            let body_offset = pos + line.len();
            return Ok(Some(Split {
                style,
                raw: &doc[raw_offset..pos],
                raw_offset,
                body: &doc[body_offset..],
            }));
        }
        pos += line.len();
    }
    Err(FrontMatterError {
        offset: 0,
        message: format!(
            "front matter opened with `{fence}` is never closed: add a line `{fence}` after it"
        ),
    })
}

/// Parses front-matter text.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    match split.style {
        Style::Toml => toml::from_str(split.raw).map_err(|e| FrontMatterError {
            offset: split.raw_offset + e.span().map(|s| s.start).unwrap_or(0),
            message: format!("TOML front matter: {}", e.message().trim()),
        }),
        Style::Yaml => {
            if split.raw.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            if let Some(at) = too_deep(split.raw) {
                return Err(FrontMatterError {
                    offset: split.raw_offset + at,
                    message: format!(
                        "YAML front matter nests `[`/`{{` more than {MAX_FLOW_DEPTH} levels deep: \
                         front matter keys take plain values or one list (`tags: [a, b]`)"
                    ),
                });
            }
            serde_yaml::from_str(split.raw).map_err(|e| FrontMatterError {
                offset: split.raw_offset + e.location().map(|l| l.index()).unwrap_or(0),
                // serde_yaml counts lines from the start of the front matter; the caller reports
                // the position in the file, so drop the misleading relative one.
                message: format!(
                    "YAML front matter: {}",
                    strip_yaml_positions(&e.to_string())
                ),
            })
        }
    }
}

/// Byte offset of the first flow opener (`[` or `{`) nested deeper than [`MAX_FLOW_DEPTH`], in
/// one linear pass. Approximate YAML lexing is enough: quoted scalars and comments are skipped,
/// and an opener counts only where YAML starts a flow collection (at the start of a value or
/// inside another flow collection), so brackets inside titles never count.
fn too_deep(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    // Whether the next non-space byte starts a token (a value, an item, a flow entry).
    let mut at_token = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' => {}
            b'\n' | b'\r' => at_token = true,
            b'#' if at_token || i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' if at_token => {
                // A quoted scalar: skip to its closing quote (`''` and `\"` escape).
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b'\\' && b == b'"' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == b {
                        if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                at_token = false;
            }
            b'[' | b'{' if at_token || depth > 0 => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
                at_token = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                at_token = false;
            }
            b',' if depth > 0 => at_token = true,
            b':' | b'-' | b'?' => {
                at_token = bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
                    || (depth > 0 && b == b':');
            }
            // Anchors, tags and aliases (`&a [`, `!!seq [`) come before a value.
            b'&' | b'!' | b'*' if at_token => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                continue;
            }
            _ => at_token = false,
        }
        i += 1;
    }
    None
}

fn strip_yaml_positions(msg: &str) -> String {
    let re = regex::Regex::new(r" at line \d+ column \d+").expect("valid regex");
    re.replace_all(msg, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_yaml() {
        let d = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(d).unwrap().unwrap();
        assert_eq!(s.style, Style::Toml);
        assert_eq!(s.body, "Body\n");
        assert_eq!(parse(&s).unwrap().title.as_deref(), Some("A"));

        let d = "---\ntitle: B\ndate: 2023-09\n---\nBody\n";
        let s = split(d).unwrap().unwrap();
        let fm = parse(&s).unwrap();
        assert_eq!(fm.title.as_deref(), Some("B"));
        assert_eq!(fm.date.as_deref(), Some("2023-09"));
    }

    #[test]
    fn toml_datetime_and_integer_year_are_dates() {
        let d = "+++\ndate = 2023-09-21\n+++\n";
        let fm = parse(&split(d).unwrap().unwrap()).unwrap();
        assert_eq!(fm.date.as_deref(), Some("2023-09-21"));
        let d = "---\ndate: 2023\n---\n";
        let fm = parse(&split(d).unwrap().unwrap()).unwrap();
        assert_eq!(fm.date.as_deref(), Some("2023"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("+++\ntitle = \"A\"\nBody\n").is_err());
    }

    #[test]
    fn deep_yaml_flow_nesting_is_refused_before_parsing() {
        let d = format!("---\ntitle: {}\n---\nBody\n", "[".repeat(50_000));
        let e = parse(&split(&d).unwrap().unwrap()).unwrap_err();
        assert!(e.message.contains("more than 32 levels"), "{}", e.message);
        assert_eq!(crate::text::line_col(&d, e.offset), (2, 40));
        // Brackets in a title, plain or quoted, and two levels of lists are fine.
        for ok in [
            format!("title: a {}", "[".repeat(100)),
            format!("title: \"{}\"", "[".repeat(100)),
            format!("title: '{}'", "{".repeat(100)),
            "tags: [[a, b], {k: [c]}]  # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_string(),
        ] {
            assert_eq!(too_deep(&ok), None, "{ok}");
        }
        assert!(too_deep(&format!("tags: &x {}", "[".repeat(40))).is_some());
    }

    #[test]
    fn front_matter_longer_than_the_cap_is_an_error() {
        let d = format!("+++\ntitle = \"{}\"\n+++\nBody\n", "a".repeat(MAX_BYTES));
        let e = split(&d).unwrap_err();
        assert!(e.message.contains("longer than 64 KiB"), "{}", e.message);
        let d = format!("+++\ntitle = \"{}\"\n+++\nBody\n", "a".repeat(1000));
        assert!(split(&d).is_ok());
    }

    #[test]
    fn error_offset_points_into_the_document() {
        let d = "+++\ntitle = \"A\"\ntitel = 3\n+++\n";
        let e = parse(&split(d).unwrap().unwrap()).unwrap_err();
        assert_eq!(crate::text::line_col(d, e.offset).0, 3);
    }
}
