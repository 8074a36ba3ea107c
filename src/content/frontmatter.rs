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
    /// Byte offset of the body in the document.
    pub body_offset: usize,
}

/// Why the front matter could not be read, with a byte offset into the document.
#[derive(Debug)]
pub struct FrontMatterError {
    /// Byte offset in the whole document.
    pub offset: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// Splits leading front matter off `doc`; `Ok(None)` when the document has none.
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
        if line.trim_end() == fence {
            let body_offset = pos + line.len();
            return Ok(Some(Split {
                style,
                raw: &doc[raw_offset..pos],
                raw_offset,
                body: &doc[body_offset..],
                body_offset,
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
    fn error_offset_points_into_the_document() {
        let d = "+++\ntitle = \"A\"\ntitel = 3\n+++\n";
        let e = parse(&split(d).unwrap().unwrap()).unwrap_err();
        assert_eq!(crate::text::line_col(d, e.offset).0, 3);
    }
}
