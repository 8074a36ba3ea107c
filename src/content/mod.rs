//! Loading articles from `content/`: front matter, Markdown or plain scraped text, into
//! [`Article`]s whose body is plain text split into blocks with character offsets.

pub mod clean;
pub mod date;
pub mod frontmatter;
mod markdown;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use date::PartialDate;

use crate::text::line_col;
use crate::time::Lang;

/// How an article's own date was found at load time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// The `date` key of the front matter.
    FrontMatter,
    /// A date line in the text itself (`date 2023-09`).
    Header,
    /// No date given; the pipeline may infer one.
    Unknown,
}

/// Source format of an article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown with front matter.
    Markdown,
    /// Plain scraped text.
    Text,
}

/// What a block of the body is, as far as event extraction is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// Running text.
    Paragraph,
    /// A heading or subhead.
    Heading,
    /// The title line of a plain-text article (or a repeat of it).
    Title,
    /// Bylines, photo credits, newsletter and comment widgets: shown, never cited.
    Boilerplate,
}

/// A paragraph-like block of the body, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Start character offset in [`Article::body`].
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// What the block is.
    pub kind: BlockKind,
}

/// One loaded article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Article {
    /// Stable id from the file path (`004-856e30749f8e2859`).
    pub id: String,
    /// Path relative to the site root, with `/` separators (`content/004_….txt`).
    pub path: String,
    /// Source format.
    pub format: Format,
    /// Title.
    pub title: String,
    /// The article's own date, when the file states one.
    pub date: Option<PartialDate>,
    /// Where `date` came from.
    pub date_basis: DateBasis,
    /// Outlet.
    pub outlet: Option<String>,
    /// Original URL (only http(s) URLs are kept).
    pub url: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Language.
    pub lang: Lang,
    /// Draft articles are skipped unless `--drafts`.
    pub draft: bool,
    /// Tags from the front matter.
    pub tags: Vec<String>,
    /// Plain-text body; every offset in the pipeline points into it.
    pub body: String,
    /// Paragraph-like blocks of `body`, in order.
    pub blocks: Vec<Block>,
    /// Hash of the file's bytes, for caching extraction results.
    pub hash: u64,
}

impl Article {
    /// Text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        let idx = crate::text::CharIndex::new(&self.body);
        &self.body[idx.byte_of(block.start)..idx.byte_of(block.end)]
    }
}

/// A problem with one content file.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{path}{}: {message}", .position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct ContentError {
    /// The file, relative to the site root when possible.
    pub path: String,
    /// 1-based line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

/// A non-fatal problem: the file is skipped or used with a caveat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// The file, relative to the site root.
    pub path: String,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything loaded from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Articles in path order.
    pub articles: Vec<Article>,
    /// Skipped files and caveats.
    pub warnings: Vec<Warning>,
}

/// Options for loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Language for articles that do not state one.
    pub default_lang: Lang,
    /// Keep draft articles.
    pub drafts: bool,
}

/// Is this a file the loader reads as an article?
pub fn is_article_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.starts_with('_') || name.ends_with('~') {
        return false;
    }
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt")
    )
}

/// Lists article files under `content_dir` in a deterministic order.
pub fn article_paths(content_dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_article_path(e.path()))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths
}

/// Loads every article under `root/content`; the first hard error stops the load.
pub fn load_dir(root: &Path, opts: LoadOptions) -> Result<Loaded, ContentError> {
    load_dir_with(root, opts, &|rel, bytes| load_bytes(rel, bytes, opts))
}

/// What [`load_dir_with`] does with one file's bytes: [`load_bytes`], or a cache in front of it.
pub type LoadFile<'f> =
    dyn Fn(&str, &[u8]) -> Result<Result<Article, Warning>, ContentError> + Sync + 'f;

/// Like [`load_dir`], turning each file's relative path and bytes into an article with `load`
/// (which must give what [`load_bytes`] gives), so that a caller may reuse unchanged articles.
pub fn load_dir_with(
    root: &Path,
    opts: LoadOptions,
    load: &LoadFile<'_>,
) -> Result<Loaded, ContentError> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(ContentError {
            path: "content".into(),
            position: None,
            message: "there is no content/ folder: create it and put articles (.md or .txt) in it"
                .into(),
        });
    }
    let paths = article_paths(&content_dir);
    use rayon::prelude::*;
    let results: Vec<Result<Result<Article, Warning>, ContentError>> = paths
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| ContentError {
                path: rel_path(root, p),
                position: None,
                message: format!("cannot read: {e}"),
            })?;
            load(&rel_path(root, p), &bytes)
        })
        .collect();
    let mut loaded = Loaded::default();
    for r in results {
        match r? {
            Ok(a) if a.draft && !opts.drafts => {}
            Ok(a) => loaded.articles.push(a),
            Err(w) => loaded.warnings.push(w),
        }
    }
    // Ids must be unique; two files such as `a.md` and `a.txt` would collide.
    let mut seen = std::collections::BTreeMap::new();
    for a in &loaded.articles {
        if let Some(prev) = seen.insert(a.id.clone(), a.path.clone()) {
            return Err(ContentError {
                path: a.path.clone(),
                position: None,
                message: format!(
                    "its id `{}` is the same as that of {prev}: rename one of the two files",
                    a.id
                ),
            });
        }
    }
    Ok(loaded)
}

/// `path` relative to `root`, with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Source id from a relative path: the path under `content/` without extension, lowercased,
/// with anything but letters and digits turned into `-`.
pub fn source_id(rel: &str) -> String {
    let rel = rel.strip_prefix("content/").unwrap_or(rel);
    let stem = match rel.rfind('.') {
        Some(i) if !rel[i..].contains('/') => &rel[..i],
        _ => rel,
    };
    let mut id = String::with_capacity(stem.len());
    for c in stem.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_string()
}

/// Loads one article from its bytes. `Ok(Err(warning))` means the file is skipped.
pub fn load_bytes(
    rel: &str,
    bytes: &[u8],
    opts: LoadOptions,
) -> Result<Result<Article, Warning>, ContentError> {
    let err = |position: Option<(usize, usize)>, message: String| ContentError {
        path: rel.to_string(),
        position,
        message,
    };
    if bytes.contains(&0) {
        return Err(err(
            None,
            format!(
                "this is a binary file (NUL byte at byte {}), not an article: move it out of content/",
                bytes.iter().position(|&b| b == 0).unwrap_or(0)
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let (line, col) = line_col(std::str::from_utf8(&bytes[..at]).unwrap_or(""), at);
            return Err(err(
                Some((line, col)),
                format!(
                    "not valid UTF-8 (byte {at}): save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)"
                ),
            ));
        }
    };
    let hash = fnv1a(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Ok(Err(Warning {
            path: rel.to_string(),
            message: "empty article, skipped".into(),
        }));
    }
    let is_txt = rel.ends_with(".txt");
    let split = if is_txt {
        None
    } else {
        frontmatter::split(text).map_err(|e| {
            let (l, c) = line_col(text, e.offset);
            err(Some((l, c)), e.message)
        })?
    };
    let mut article = Article {
        id: source_id(rel),
        path: rel.to_string(),
        format: if is_txt {
            Format::Text
        } else {
            Format::Markdown
        },
        title: String::new(),
        date: None,
        date_basis: DateBasis::Unknown,
        outlet: None,
        url: None,
        author: None,
        lang: opts.default_lang,
        draft: false,
        tags: Vec::new(),
        body: String::new(),
        blocks: Vec::new(),
        hash,
    };
    if is_txt {
        load_plain(&mut article, text);
    } else {
        let (fm, body) = match &split {
            Some(s) => {
                let fm = frontmatter::parse(s).map_err(|e| {
                    let (l, c) = line_col(text, e.offset);
                    err(Some((l, c)), format!("{}\n  expected keys: title, date, outlet, url, author, lang, draft, tags", e.message))
                })?;
                (fm, s.body)
            }
            None => (frontmatter::FrontMatter::default(), text),
        };
        if let Some(d) = &fm.date {
            let parsed = PartialDate::parse(d).ok_or_else(|| {
                let off = split
                    .as_ref()
                    .and_then(|s| s.raw.find("date").map(|i| s.raw_offset + i))
                    .unwrap_or(0);
                err(
                    Some(line_col(text, off)),
                    format!("front-matter date `{d}` is not a date: write it as 2024, 2024-03, 2024-03-14 or 2024-03-14T10:30:00+01:00"),
                )
            })?;
            article.date = Some(parsed);
            article.date_basis = DateBasis::FrontMatter;
        }
        if let Some(code) = &fm.lang {
            article.lang = Lang::from_code(code).ok_or_else(|| {
                err(
                    None,
                    format!("unsupported lang `{code}` in front matter: expected `fr` or `en`"),
                )
            })?;
        }
        article.outlet = fm.outlet.filter(|s| !s.trim().is_empty());
        article.url = fm
            .url
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        article.author = fm.author.filter(|s| !s.trim().is_empty());
        article.draft = fm.draft;
        article.tags = fm.tags;
        let md = markdown::extract(body);
        article.body = md.body;
        article.blocks = md.blocks;
        article.title = fm
            .title
            .filter(|t| !t.trim().is_empty())
            .or(md.first_heading)
            .unwrap_or_else(|| fallback_title(rel));
        if article.body.trim().is_empty() {
            return Ok(Err(Warning {
                path: rel.to_string(),
                message: "article has no body text, skipped".into(),
            }));
        }
    }
    clean::classify(&mut article);
    Ok(Ok(article))
}

fn fallback_title(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(name)
        .to_string()
}

/// A leading `date YYYY[-MM[-DD]]` token in scraped text.
fn header_date(text: &str) -> Option<(PartialDate, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let rest = trimmed
        .strip_prefix("date ")
        .or_else(|| trimmed.strip_prefix("Date "))
        .or_else(|| trimmed.strip_prefix("date:"))
        .or_else(|| trimmed.strip_prefix("Date:"))?;
    let rest_trim = rest.trim_start();
    let token_len = rest_trim
        .find(|c: char| c.is_whitespace())
        .unwrap_or(rest_trim.len());
    let date = PartialDate::parse(&rest_trim[..token_len])?;
    let consumed = lead + (trimmed.len() - rest_trim.len()) + token_len;
    // Swallow the spaces after the token so the body starts on its first word.
    let after = &text[consumed..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some((date, consumed + spaces))
}

/// Plain text: the first non-empty line is the title; the whole text (less a date header) is
/// the body, split into blocks at line breaks.
fn load_plain(article: &mut Article, text: &str) {
    let mut body = text;
    if let Some((date, consumed)) = header_date(text) {
        article.date = Some(date);
        article.date_basis = DateBasis::Header;
        body = &text[consumed..];
    }
    let body = body.trim_end();
    let body = body.trim_start_matches(['\n', ' ', '\t']);
    article.body = body.to_string();
    let mut blocks = Vec::new();
    let mut char_pos = 0usize;
    for line in body.split('\n') {
        let n = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trail = line.chars().rev().take_while(|c| c.is_whitespace()).count();
        if lead < n {
            blocks.push(Block {
                start: char_pos + lead,
                end: char_pos + n - trail,
                kind: if blocks.is_empty() {
                    BlockKind::Title
                } else {
                    BlockKind::Paragraph
                },
            });
        }
        char_pos += n + 1;
    }
    article.title = blocks
        .first()
        .map(|b| {
            let idx = crate::text::CharIndex::new(&article.body);
            article.body[idx.byte_of(b.start)..idx.byte_of(b.end)].to_string()
        })
        .unwrap_or_default();
    article.blocks = blocks;
}

/// FNV-1a: a stable, dependency-free content hash for the extraction cache.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: LoadOptions = LoadOptions {
        default_lang: Lang::Fr,
        drafts: false,
    };

    fn load(rel: &str, s: &str) -> Article {
        load_bytes(rel, s.as_bytes(), OPTS).unwrap().unwrap()
    }

    #[test]
    fn txt_date_header_is_metadata_not_body() {
        let a = load(
            "content/a.txt",
            " date 2023-09 Des représentants se sont rencontrés jeudi.\n\nSuite.\n",
        );
        assert_eq!(a.date.unwrap().value(), "2023-09");
        assert_eq!(a.date_basis, DateBasis::Header);
        assert!(a.body.starts_with("Des représentants"));
        assert!(!a.body.contains("2023-09"));
        assert_eq!(a.title, "Des représentants se sont rencontrés jeudi.");
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.block_text(&a.blocks[1]), "Suite.");
    }

    #[test]
    fn txt_without_header_keeps_its_first_line_as_title() {
        let a = load("content/b.txt", "Titre ici\n\nCorps.\n");
        assert_eq!(a.title, "Titre ici");
        assert_eq!(a.date_basis, DateBasis::Unknown);
        assert_eq!(a.blocks[0].kind, BlockKind::Title);
    }

    #[test]
    fn source_ids_are_path_based() {
        assert_eq!(
            source_id("content/004_856e30749f8e2859.txt"),
            "004-856e30749f8e2859"
        );
        assert_eq!(source_id("content/Sub Dir/Été.md"), "sub-dir-été");
    }

    #[test]
    fn binary_and_non_utf8_are_errors_with_a_place() {
        let e = load_bytes("content/x.txt", b"abc\x00def", OPTS).unwrap_err();
        assert!(e.message.contains("binary"));
        let e = load_bytes("content/x.txt", b"ligne\ncaf\xe9\n", OPTS).unwrap_err();
        assert_eq!(e.position, Some((2, 4)));
    }

    #[test]
    fn empty_file_is_a_warning() {
        assert!(load_bytes("content/x.md", b"  \n", OPTS).unwrap().is_err());
    }

    #[test]
    fn markdown_front_matter_fills_metadata() {
        let a = load(
            "content/m.md",
            "+++\ntitle = \"T\"\ndate = \"2023-09-21\"\noutlet = \"O\"\nurl = \"javascript:alert(1)\"\nlang = \"en\"\n+++\n# Head\n\nSome *text* here.\n",
        );
        assert_eq!(a.title, "T");
        assert_eq!(a.date.unwrap().value(), "2023-09-21");
        assert_eq!(a.url, None);
        assert_eq!(a.lang, Lang::En);
        assert_eq!(a.body, "Head\n\nSome text here.");
        assert_eq!(a.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let e =
            load_bytes("content/m.md", b"---\ntitle: [unclosed\n---\nBody\n", OPTS).unwrap_err();
        assert_eq!(e.path, "content/m.md");
        assert!(e.position.is_some());
    }
}
