//! Saved web pages (`.html`, `.htm`) as articles: the page decoded as it declares
//! ([`charset`]), its metadata read from the DOM ([`meta`]), its furniture taken out
//! ([`prune`]), its main text found by `dom_smoothie` (a port of Mozilla's Readability) and
//! turned into plain-text blocks ([`blocks`]); then the same block judging and metadata lines
//! as any scraped article.
//!
//! A page without main text (an index page, a paywall stub) is skipped with a warning; a page
//! that cannot be decoded is an error. Nothing a page holds can make loading panic or recurse
//! without bound: the DOM is walked without recursion, the extractor runs on a large stack of
//! its own, and a panic inside it is caught and becomes a warning naming the file.

pub(crate) mod blocks;
pub(crate) mod charset;
pub(crate) mod depth;
pub(crate) mod meta;
pub(crate) mod prune;

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError};

use super::{Article, BlockKind, ContentError, DateBasis, Format, LangBasis, LoadOptions, Warning};
use crate::lang::Lang;

/// Fewest characters of running text (after page furniture) that make an article: less is an
/// index page, a paywall stub or an error page.
pub(crate) const MIN_MAIN_TEXT: usize = 200;

/// Stack the extractor runs on: deep markup is walked by recursion in places.
const STACK: usize = 256 << 20;

/// Is this file a saved web page?
pub(crate) fn is_html(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("html" | "htm"))
}

/// Loads a saved page. `Ok(Err(warning))` means the file is skipped.
pub(crate) fn load(
    rel: &str,
    bytes: &[u8],
    opts: LoadOptions,
) -> Result<Result<Article, Warning>, ContentError> {
    let text = charset::decode(bytes).map_err(|(position, message)| ContentError {
        path: rel.to_string(),
        position,
        message,
    })?;
    let skip = |message: String| {
        Ok(Err(Warning {
            path: rel.to_string(),
            message,
        }))
    };
    if text.trim().is_empty() {
        return skip("empty page, skipped".into());
    }
    if let Some(at) = depth::too_deep(&text) {
        let line = text[..at].matches('\n').count() + 1;
        return skip(format!(
            "line {line}: the page nests elements more than {} deep, which no news page does \
             and which would take the parser hours: skipped (re-save the page from a browser)",
            depth::MAX_DEPTH
        ));
    }
    let run = std::panic::AssertUnwindSafe(|| {
        stacker::grow(STACK, || extract(rel, &text, super::fnv1a(bytes), opts))
    });
    match std::panic::catch_unwind(run) {
        Ok(Ok(article)) => Ok(Ok(article)),
        Ok(Err(message)) => skip(message),
        Err(_) => skip(
            "could not be read as a web page (the text extractor failed on its markup), \
             skipped: open it in a browser and save it again"
                .into(),
        ),
    }
}

/// The article of a decoded page, or why it has none.
fn extract(rel: &str, html: &str, hash: u64, opts: LoadOptions) -> Result<Article, String> {
    let doc = Document::from(html);
    let meta = meta::read(&doc);
    // `from_code` takes regional variants (`es-ES`, `fr_CA`) and any case.
    let stated = meta.lang.as_deref().and_then(Lang::from_code);
    let (lang, lang_basis) = match stated {
        Some(l) => (l, LangBasis::Stated),
        None => (opts.default_lang, LangBasis::SiteDefault),
    };
    prune::prune(&doc);
    // The page's own text, for a metadata line outside the main text, when nothing else dates
    // the page.
    let page = meta
        .published
        .is_none()
        .then(|| blocks::text_of(&doc.body().unwrap_or_else(|| doc.root())));
    let cfg = Config {
        // No limit: the file's size is already capped, and the walk is linear.
        max_elements_to_parse: 0,
        ..Config::default()
    };
    let parsed = Readability::with_document(doc, None, Some(cfg)).and_then(|mut r| r.parse());
    let found = match parsed {
        Ok(a) => a,
        Err(ReadabilityError::GrabFailed) => return Err(no_main_text()),
        Err(e) => return Err(format!("could not be read as a web page ({e}), skipped")),
    };
    let content = Document::from(found.content.to_string());
    let text = blocks::text_of(&content.root());
    let mut article = Article {
        id: super::source_id(rel),
        path: rel.to_string(),
        format: Format::Html,
        title: meta
            .title
            .clone()
            .or_else(|| {
                let t = found.title.split_whitespace().collect::<Vec<_>>().join(" ");
                (!t.is_empty()).then_some(t)
            })
            .unwrap_or_else(|| super::fallback_title(rel)),
        date: None,
        date_basis: DateBasis::Unknown,
        outlet: meta.outlet.clone(),
        url: meta.url.clone(),
        author: meta.author.clone(),
        lang,
        lang_basis,
        draft: false,
        tags: Vec::new(),
        body: text.body,
        blocks: text.blocks,
        hash,
        dateline: None,
    };
    if let Some((date, _)) = meta.published {
        // Structured metadata, stated by the page itself.
        article.date = Some(date);
        article.date_basis = DateBasis::Metadata;
    }
    super::settle_lang(&mut article);
    super::clean::classify(&mut article);
    let raw = article.body.clone();
    super::dateline::apply(&mut article, &raw);
    if let (None, Some(page)) = (&article.dateline, page) {
        super::dateline::apply(&mut article, &page.body);
    }
    if let (None, Some(modified)) = (article.date, meta.modified) {
        article.date = Some(modified);
        article.date_basis = DateBasis::Metadata;
    }
    let running: usize = article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.end - b.start)
        .sum();
    if running < MIN_MAIN_TEXT {
        return Err(no_main_text());
    }
    Ok(article)
}

fn no_main_text() -> String {
    format!(
        "no main text found (fewer than {MIN_MAIN_TEXT} characters of running text: an index \
         page, a paywall stub or an error page?), skipped"
    )
}
