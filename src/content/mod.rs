//! Loading articles from `content/`: front matter, Markdown, plain scraped text or saved web
//! pages, into [`Article`]s whose body is plain text split into blocks with character offsets.

pub mod chrome;
pub(crate) mod clean;
pub(crate) mod date;
pub(crate) mod dateline;
pub(crate) mod frontmatter;
pub(crate) mod html;
mod markdown;
pub(crate) mod structure;
pub(crate) mod walk;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use date::PartialDate;

use crate::fsread::{self, MAX_ARTICLE_BYTES, ReadError};
use crate::lang::Lang;
use crate::progress::{Progress, Stage};
use crate::text::line_col;
use crate::timeline::DateBasis;

/// How an article's language was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LangBasis {
    /// Stated by the article: `lang` in the front matter, or a saved page's `<html lang>`.
    Stated,
    /// Detected from its text.
    Detected,
    /// Neither: the site's `language`.
    #[default]
    SiteDefault,
}

impl LangBasis {
    /// How `annales check` says it.
    pub fn as_str(self) -> &'static str {
        match self {
            LangBasis::Stated => "stated",
            LangBasis::Detected => "detected",
            LangBasis::SiteDefault => "site default",
        }
    }
}

/// An article that does not state its language takes the one its text is in, when the detector
/// is sure, else the site's.
pub(crate) fn settle_lang(article: &mut Article) {
    if article.lang_basis == LangBasis::Stated {
        return;
    }
    if let Some(lang) = crate::lang::detect(&article.body) {
        article.lang = lang;
        article.lang_basis = LangBasis::Detected;
    }
}

/// Source format of an article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown with front matter.
    Markdown,
    /// Plain scraped text.
    Text,
    /// A saved web page (`.html`, `.htm`): its main text, with the page's metadata.
    Html,
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
    /// Where `date` came from: at load time `front-matter`, `metadata`, `header` or `unknown`
    /// (the pipeline may infer one later).
    pub date_basis: DateBasis,
    /// Outlet.
    pub outlet: Option<String>,
    /// Original URL (only http(s) URLs are kept).
    pub url: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Language.
    pub lang: Lang,
    /// How `lang` was found.
    #[serde(default)]
    pub lang_basis: LangBasis,
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
    /// What a metadata line of the text ("Publié le …") says, whatever the front matter says.
    #[serde(default)]
    pub dateline: Option<dateline::Dateline>,
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

/// At most this many broken files are listed: a folder of thousands of files saved in the wrong
/// encoding would otherwise bury the summary; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 50;

/// Every content file a load could not read, in path order, so that one build names them all
/// rather than one per build. Never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentErrors {
    errors: Vec<ContentError>,
}

impl ContentErrors {
    /// The errors of one load, put in path order (the files are read in parallel). `None` when
    /// there are none.
    pub fn new(mut errors: Vec<ContentError>) -> Option<ContentErrors> {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        (!errors.is_empty()).then_some(ContentErrors { errors })
    }

    /// Each file's error, in path order.
    pub fn errors(&self) -> &[ContentError] {
        &self.errors
    }

    /// The lines to show: one per listed file, a count of the ones not listed, and a summary.
    /// A single error is its own message, as it always was.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .errors
            .iter()
            .take(MAX_LISTED_ERRORS)
            .map(ContentError::to_string)
            .collect();
        let n = self.errors.len();
        if n == 1 {
            return lines;
        }
        if n > MAX_LISTED_ERRORS {
            lines.push(format!(
                "… and {} more not listed here",
                n - MAX_LISTED_ERRORS
            ));
        }
        lines.push(format!("{n} articles could not be read"));
        lines
    }
}

impl From<ContentError> for ContentErrors {
    fn from(e: ContentError) -> ContentErrors {
        ContentErrors { errors: vec![e] }
    }
}

impl std::fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for ContentErrors {}

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
pub(crate) fn is_article_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.starts_with('_') || name.ends_with('~') {
        return false;
    }
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt" | "html" | "htm")
    )
}

/// Loads every article under `root/content`; a file that cannot be read fails the load, after
/// every other file was read, so that the error names all such files.
pub fn load_dir(root: &Path, opts: LoadOptions) -> Result<Loaded, ContentErrors> {
    load_dir_with(
        root,
        opts,
        &|rel, bytes| load_bytes(rel, bytes, opts),
        &Progress::default(),
    )
}

/// One file loaded: its article, or the warning it was skipped with.
type ArticleOrSkip = Result<Article, Warning>;

/// What [`load_dir_with`] does with one file's bytes: [`load_bytes`], or a cache in front of it.
pub(crate) type LoadFile<'f> =
    dyn Fn(&str, &[u8]) -> Result<Result<Article, Warning>, ContentError> + Sync + 'f;

/// Like [`load_dir`], turning each file's relative path and bytes into an article with `load`
/// (which must give what [`load_bytes`] gives), so that a caller may reuse unchanged articles.
pub(crate) fn load_dir_with(
    root: &Path,
    opts: LoadOptions,
    load: &LoadFile<'_>,
    progress: &Progress,
) -> Result<Loaded, ContentErrors> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(ContentError {
            path: "content".into(),
            position: None,
            message: "there is no content/ folder: create it and put articles (.md or .txt) in it"
                .into(),
        }
        .into());
    }
    let listing = walk::list(root, &content_dir)?;
    progress.start(Stage::Reading, listing.files.len());
    use rayon::prelude::*;
    let results: Vec<Result<(ArticleOrSkip, Option<fsread::Utf16>), ContentError>> = listing
        .files
        .par_iter()
        .map(|p| {
            let rel = rel_path(root, p);
            let bytes = fsread::read_regular(p, MAX_ARTICLE_BYTES).map_err(|e| ContentError {
                path: rel.clone(),
                position: None,
                message: read_message(&e),
            })?;
            // Said here rather than by `load_bytes`, whose result is one article or one
            // warning: a decoded file is both.
            let utf16 = fsread::utf16_encoding(&bytes).filter(|e| e.bom);
            let loaded = load(&rel, &bytes)?;
            progress.step();
            Ok((loaded, utf16))
        })
        .collect();
    let mut loaded = Loaded {
        articles: Vec::new(),
        warnings: listing.warnings,
    };
    let mut errors = Vec::new();
    for r in results {
        let (r, utf16) = match r {
            Ok(read) => read,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let (Ok(a), Some(enc)) = (&r, utf16) {
            loaded.warnings.push(Warning {
                path: a.path.clone(),
                message: format!(
                    "is UTF-16 ({}): it was read as such, but re-save it as UTF-8, which other \
                     tools expect",
                    enc.name()
                ),
            });
        }
        match r {
            Ok(a) if a.draft && !opts.drafts => {}
            Ok(a) => loaded.articles.push(a),
            Err(w) => loaded.warnings.push(w),
        }
    }
    if let Some(errors) = ContentErrors::new(errors) {
        return Err(errors);
    }
    loaded.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    let renamed = unique_ids(&mut loaded.articles);
    loaded.warnings.extend(renamed);
    Ok(loaded)
}

/// What a failed read of an article says.
fn read_message(e: &ReadError) -> String {
    match e {
        ReadError::TooLarge { .. } => format!(
            "is larger than the {} limit for an article: split it into several articles, or \
             remove what is not the article's text",
            fsread::human_size(MAX_ARTICLE_BYTES)
        ),
        ReadError::NotFound(_) => "was removed while the site was being read: build again".into(),
        e => e.message(),
    }
}

/// Makes source ids unique, in path order: the first file keeps its id, a later one whose id is
/// taken gets a suffix from the hash of its path (stable when other files come and go) and a
/// warning saying so. A suffixed id never takes the plain id of another file.
fn unique_ids(articles: &mut [Article]) -> Vec<Warning> {
    use std::collections::{BTreeMap, BTreeSet};
    let plain: BTreeSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut warnings = Vec::new();
    for a in articles.iter_mut() {
        let Some(first) = owner.get(&a.id).cloned() else {
            owner.insert(a.id.clone(), a.path.clone());
            continue;
        };
        let base = format!("{}-{}", a.id, short_hash(&a.path));
        let mut id = base.clone();
        let mut n = 2;
        while owner.contains_key(&id) || plain.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        warnings.push(Warning {
            path: a.path.clone(),
            message: format!(
                "its id `{}` is that of {first}, so it gets the id `{id}`: rename one of the \
                 two files to choose the ids yourself",
                a.id
            ),
        });
        owner.insert(id.clone(), a.path.clone());
        a.id = id;
    }
    warnings
}

/// Eight hex digits of a string's hash, for ids that need a stable suffix.
fn short_hash(s: &str) -> String {
    let h = fnv1a(s.as_bytes());
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Longest source id, in bytes. An id names a folder of the output (`sources/<id>/`), and a file
/// name may have at most 255 bytes: deep or long paths would otherwise break the build. 200
/// keeps every id made from a real file name as it was, and leaves room for the suffix that
/// tells two colliding ids apart.
pub const MAX_ID_BYTES: usize = 200;

/// Source id from a relative path: the path under `content/` without extension, lowercased,
/// with anything but letters and digits turned into `-`. A path with no letter or digit gets
/// `source-` and a hash of the path; one longer than [`MAX_ID_BYTES`] is cut and ends with a
/// hash of the whole path, so that the id stays unique.
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
    let id = id.trim_matches('-');
    if id.is_empty() {
        // Else its page would be `sources//index.html`, which is the list of sources.
        return format!("source-{}", short_hash(rel));
    }
    if id.len() <= MAX_ID_BYTES {
        return id.to_string();
    }
    let h = fnv1a(rel.as_bytes());
    // Room for `-` and 16 hex digits of the hash.
    let cut = crate::text::floor_char_boundary(id, MAX_ID_BYTES - 17);
    format!("{}-{h:016x}", id[..cut].trim_end_matches('-'))
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
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(err(
            None,
            read_message(&ReadError::TooLarge {
                cap: MAX_ARTICLE_BYTES,
            }),
        ));
    }
    if html::is_html(rel) {
        return html::load(rel, bytes, opts);
    }
    let binary = |at: usize| {
        err(
            None,
            format!(
                "this is a binary file (NUL byte at byte {at}), not an article: move it out of content/"
            ),
        )
    };
    let decoded;
    let text = match fsread::utf16_encoding(bytes) {
        // With a byte-order mark the encoding is certain: the file is read.
        Some(enc) if enc.bom => {
            decoded = fsread::decode_utf16(bytes, enc).map_err(|at| {
                err(
                    None,
                    format!("{} (byte {at} is not UTF-16 text)", enc.message()),
                )
            })?;
            if let Some(at) = decoded.find('\0') {
                return Err(binary(at));
            }
            decoded.as_str()
        }
        // Without one it is a guess: the user re-saves the file.
        Some(enc) => return Err(err(None, enc.message())),
        None if bytes.contains(&0) => {
            return Err(binary(bytes.iter().position(|&b| b == 0).unwrap_or(0)));
        }
        None => match std::str::from_utf8(bytes) {
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
        },
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
        lang_basis: LangBasis::SiteDefault,
        draft: false,
        tags: Vec::new(),
        body: String::new(),
        blocks: Vec::new(),
        hash,
        dateline: None,
    };
    // The text as written, lines intact, for the metadata lines.
    let mut raw = text;
    if is_txt {
        load_plain(&mut article, text);
    } else {
        let (fm, body) = match &split {
            Some(s) => {
                let fm = frontmatter::parse(s).map_err(|e| {
                    let (l, c) = line_col(text, e.offset);
                    // The parser's message says what was expected (for an unknown key, the
                    // list of keys): nothing is added that would not apply or repeat it.
                    err(Some((l, c)), e.message)
                })?;
                (fm, s.body)
            }
            None => (frontmatter::FrontMatter::default(), text),
        };
        raw = body;
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
                    format!(
                        "unsupported lang `{code}` in front matter: expected one of {}",
                        Lang::codes()
                    ),
                )
            })?;
            article.lang_basis = LangBasis::Stated;
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
    // Before the classifier and the metadata lines, whose cues are the language's.
    settle_lang(&mut article);
    clean::classify(&mut article);
    // After the classifier: a metadata line stays boilerplate whatever it looks like.
    dateline::apply(&mut article, raw);
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
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
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

    /// A site folder holding these content files.
    fn content_dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join("content").join(name), bytes).unwrap();
        }
        dir
    }

    #[test]
    fn a_load_names_every_broken_file_in_path_order() {
        let dir = content_dir(&[
            ("c.txt", b"caf\xe9\n"),
            ("good.md", b"---\ntitle: Bon\n---\nLe texte.\n"),
            ("a.md", b"---\ntitle: [unclosed\n---\nBody\n"),
            ("b.md", b"---\ndate: hier\n---\nBody\n"),
        ]);
        let e = load_dir(dir.path(), OPTS).unwrap_err();
        let paths: Vec<&str> = e.errors().iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["content/a.md", "content/b.md", "content/c.txt"]);
        assert!(e.errors().iter().all(|e| e.position.is_some()), "{e:?}");
        let lines = e.lines();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[3], "3 articles could not be read");
    }

    #[test]
    fn one_broken_file_reads_as_it_always_did() {
        let dir = content_dir(&[("a.txt", b"caf\xe9\n"), ("b.txt", b"Titre\n\nCorps.\n")]);
        let e = load_dir(dir.path(), OPTS).unwrap_err();
        assert_eq!(e.to_string(), e.errors()[0].to_string());
        assert!(
            e.to_string()
                .starts_with("content/a.txt:1:4: not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn a_long_list_says_how_many_it_leaves_out() {
        let errors = (0..MAX_LISTED_ERRORS + 7)
            .map(|i| ContentError {
                path: format!("content/{i:03}.md"),
                position: None,
                message: "broken".into(),
            })
            .rev()
            .collect();
        let lines = ContentErrors::new(errors).unwrap().lines();
        assert_eq!(lines.len(), MAX_LISTED_ERRORS + 2);
        assert_eq!(lines[0], "content/000.md: broken");
        assert_eq!(lines[MAX_LISTED_ERRORS], "… and 7 more not listed here");
        assert!(lines[MAX_LISTED_ERRORS + 1].starts_with("57 articles could not be read"));
    }

    #[test]
    fn txt_date_header_is_metadata_not_body() {
        let a = load(
            "content/a.txt",
            " date 2023-09 Des représentants se sont rencontrés jeudi.\n\nSuite.\n",
        );
        assert_eq!(a.date.unwrap().value().to_string(), "2023-09");
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
    fn every_source_id_is_non_empty_and_short_enough_for_a_folder_name() {
        let id = source_id("content/---.md");
        assert!(id.starts_with("source-") && id.len() == 15, "{id}");
        assert_ne!(id, source_id("content/€€.md"));
        let long = format!("content/{}.md", "é".repeat(200));
        let id = source_id(&long);
        assert!(id.len() <= MAX_ID_BYTES, "{} bytes", id.len());
        assert!(id.starts_with("ééé"), "{id}");
        let other = source_id(&format!("content/{}x.md", "é".repeat(200)));
        assert_ne!(id, other);
        // Ids that fit are unchanged.
        assert_eq!(
            source_id(&format!("content/{}.md", "a".repeat(96))),
            "a".repeat(96)
        );
    }

    #[test]
    fn colliding_ids_are_made_unique_in_path_order_with_a_warning() {
        let mut v = vec![load("content/a.md", "A"), load("content/a.txt", "A")];
        let w = unique_ids(&mut v);
        assert_eq!(v[0].id, "a");
        assert!(
            v[1].id.starts_with("a-") && v[1].id.len() == 10,
            "{}",
            v[1].id
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "content/a.txt");
        assert!(w[0].message.contains("content/a.md"), "{}", w[0].message);
    }

    #[test]
    fn utf16_with_a_bom_is_read_and_without_one_is_named() {
        let text = "Titre\n\nLe 3 mars 2031, une réunion.\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let a = load_bytes("content/u.txt", &le, OPTS).unwrap().unwrap();
        assert_eq!(a.title, "Titre");
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let e = load_bytes("content/u.txt", &be, OPTS).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{}", e.message);
        assert!(e.message.contains("re-save it as UTF-8"), "{}", e.message);
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
        assert_eq!(a.date.unwrap().value().to_string(), "2023-09-21");
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
