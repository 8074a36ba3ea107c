//! Collection-level chrome: a block that recurs across many articles of the collection
//! (navigation, "related articles" lists, newsletter and subscription blocks, footers) is page
//! chrome, whatever the outlet, without a per-outlet list.
//!
//! One linear pass: every block is normalised (case and accents folded, digits masked,
//! punctuation and spaces collapsed) and hashed; a hash map counts in how many articles each
//! hash occurs and over which publication days. A block is then chrome by how often and how
//! far apart in time it recurs, weighed by its shape: news agency copy republished word for
//! word by a few outlets on the same days is the news, and is kept.
//!
//! Only whole blocks are marked: a block is one line of the scraped page (or one Markdown
//! paragraph), the unit in which scrapers leave chrome; cutting inside a block would move the
//! offsets every citation points to.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::{Article, BlockKind};
use crate::text::fold;

/// Fewest articles a block must occur in to be chrome at all. Two is not enough: two outlets
/// reprinting the same dispatch is the commonest case of shared text, and it is news.
const MIN_ARTICLES: usize = 3;

/// A fragment (short or without sentence punctuation) in this many articles is chrome when
/// they are more than [`FRAGMENT_SPREAD_DAYS`] apart, or in a share of [`FRAGMENT_SHARE`] of
/// the collection. A fragment reports nothing by itself (a menu item, a headline of another
/// article, a widget label), so little evidence is needed; a subhead that several outlets
/// reprint within a few days is kept (it is the dispatch's own).
const FRAGMENT_SPREAD_DAYS: i64 = 7;
/// See [`FRAGMENT_SPREAD_DAYS`]: a tenth of the collection is far more than one story's
/// republications on a site of many stories.
const FRAGMENT_SHARE: f64 = 0.1;

/// A full sentence is chrome when the articles that carry it are more than this many days
/// apart (agency copy is reprinted within days, a subscription teaser or a footer for months)
/// and they make at least [`SENTENCE_SPREAD_SHARE`] of the collection: an agency's background
/// paragraph recalled in a few dispatches over months is still the story's.
const SENTENCE_SPREAD_DAYS: i64 = 45;
/// See [`SENTENCE_SPREAD_DAYS`]: one article in twenty, and never fewer than [`MIN_ARTICLES`].
const SENTENCE_SPREAD_SHARE: f64 = 0.05;
/// Or when it is in this share of the collection (and at least [`SENTENCE_MIN_SHARED`]
/// articles): no dispatch is reprinted by a quarter of a collection of many stories.
const SENTENCE_SHARE: f64 = 0.25;
/// See [`SENTENCE_SHARE`]: in a small collection (the five articles of one story) a shared
/// paragraph is the story, never chrome by share alone.
const SENTENCE_MIN_SHARED: usize = 10;

/// Words from which a block with sentence punctuation counts as a full sentence.
const SENTENCE_WORDS: usize = 8;

/// What the pass decided for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Indices of the blocks marked as chrome, in order.
    pub blocks: Vec<usize>,
}

impl Marks {
    /// A hash of the marked block set, for the analysis cache key.
    pub fn key(&self) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        self.blocks.hash(&mut h);
        h.finish()
    }
}

/// How one normalised block occurs across the collection.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    articles: usize,
    /// Earliest and latest publication day (days from the common era) of the articles that
    /// carry it, when any is dated to the day.
    first: Option<i64>,
    last: Option<i64>,
}

/// Finds the chrome blocks of a collection and marks them [`BlockKind::Boilerplate`] (only
/// paragraphs and headings: titles keep their kind). Returns each article's marks, in order.
pub fn mark(articles: &mut [Article]) -> Vec<Marks> {
    let hashes: Vec<Vec<Option<u64>>> = articles.par_iter().map(block_hashes).collect();
    let mut seen: HashMap<u64, Occurrence> = HashMap::new();
    for (a, hs) in articles.iter().zip(&hashes) {
        let day = day_number(a);
        let distinct: HashSet<u64> = hs.iter().flatten().copied().collect();
        for h in distinct {
            let o = seen.entry(h).or_insert(Occurrence {
                articles: 0,
                first: None,
                last: None,
            });
            o.articles += 1;
            if let Some(d) = day {
                o.first = Some(o.first.map_or(d, |f| f.min(d)));
                o.last = Some(o.last.map_or(d, |l| l.max(d)));
            }
        }
    }
    let n = articles.len();
    let mut out = Vec::with_capacity(n);
    for (a, hs) in articles.iter_mut().zip(&hashes) {
        let mut marks = Marks::default();
        // Made only for an article with a recurring block (most have none).
        let mut idx: Option<crate::text::CharIndex> = None;
        for (i, h) in hs.iter().enumerate() {
            let Some(h) = h else { continue };
            let b = a.blocks[i];
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading) {
                continue;
            }
            let Some(o) = seen.get(h) else { continue };
            if o.articles < MIN_ARTICLES {
                continue;
            }
            let idx = idx.get_or_insert_with(|| crate::text::CharIndex::new(&a.body));
            let text = &a.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
            if is_chrome(o, n, is_sentence(text)) {
                marks.blocks.push(i);
            }
        }
        for &i in &marks.blocks {
            a.blocks[i].kind = BlockKind::Boilerplate;
        }
        out.push(marks);
    }
    out
}

/// The rule, from the block's recurrence and shape (see the constants for why).
fn is_chrome(o: &Occurrence, n: usize, sentence: bool) -> bool {
    if o.articles < MIN_ARTICLES {
        return false;
    }
    let spread = match (o.first, o.last) {
        (Some(f), Some(l)) => l - f,
        _ => 0,
    };
    let share = o.articles as f64 / n.max(1) as f64;
    if sentence {
        (spread > SENTENCE_SPREAD_DAYS && share >= SENTENCE_SPREAD_SHARE)
            || (o.articles >= SENTENCE_MIN_SHARED && share >= SENTENCE_SHARE)
    } else {
        spread > FRAGMENT_SPREAD_DAYS || share >= FRAGMENT_SHARE
    }
}

/// Is this block a full sentence (enough words, sentence punctuation), rather than a fragment:
/// a menu item, a headline, a label, a link?
fn is_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['»', '”', '"', ')', ' ', '\u{a0}']);
    let words = t.split_whitespace().count();
    words >= SENTENCE_WORDS && t.ends_with(['.', '!', '?', '…'])
}

/// Each block's normalised hash; `None` for a block with no letter (nothing to compare).
fn block_hashes(a: &Article) -> Vec<Option<u64>> {
    let idx = crate::text::CharIndex::new(&a.body);
    a.blocks
        .iter()
        .map(|b| {
            let text = &a.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
            let norm = normalise(text);
            if !norm.chars().any(char::is_alphabetic) {
                return None;
            }
            let mut h = std::hash::DefaultHasher::new();
            norm.hash(&mut h);
            Some(h.finish())
        })
        .collect()
}

/// Folds case and accents, masks digits (dates, counters and prices vary between copies of the
/// same chrome), and reduces punctuation and spacing to single spaces (arrows, bullets and
/// separators vary between pages of the same site).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in fold(text).chars() {
        let c = if c.is_numeric() { '0' } else { c };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The article's publication day as a day number, when known to the day.
fn day_number(a: &Article) -> Option<i64> {
    use chrono::Datelike;
    a.date
        .as_ref()
        .and_then(|d| d.naive())
        .map(|d| i64::from(d.num_days_from_ce()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{LoadOptions, load_bytes};
    use crate::lang::Lang;

    fn article(name: &str, date: &str, lines: &[&str]) -> Article {
        let text = format!(
            "+++\ntitle = \"{name}\"\ndate = {date}\n+++\n\n{}\n",
            lines.join("\n\n")
        );
        let opts = LoadOptions {
            default_lang: Lang::Fr,
            drafts: false,
        };
        load_bytes(&format!("content/{name}.md"), text.as_bytes(), opts)
            .unwrap()
            .unwrap()
    }

    fn kind_of(a: &Article, needle: &str) -> BlockKind {
        a.blocks
            .iter()
            .find(|b| a.block_text(b).contains(needle))
            .map(|b| b.kind)
            .unwrap_or_else(|| panic!("no block with {needle}"))
    }

    const AGENCY: &str = "Le conseil municipal de Valmont a voté mardi la fermeture du pont \
                          des Tanneurs pour six mois de travaux, a annoncé la mairie.";

    /// A paragraph of its own for article `i` (digits alone would be masked alike).
    fn paragraph(i: usize) -> String {
        let town: String = format!("{i:b}")
            .chars()
            .map(|c| if c == '1' { "ka" } else { "lo" })
            .collect();
        format!(
            "Le marché de {town} a rouvert lundi après une longue fermeture décidée par le \
             préfet de région, selon les commerçants."
        )
    }

    #[test]
    fn normalising_folds_case_accents_digits_and_punctuation() {
        assert_eq!(
            normalise("--> Édition du 12/03 | Abonnez-VOUS !"),
            normalise("» édition du 28/11 · abonnez vous")
        );
        assert_ne!(normalise("Lire la suite"), normalise("Lire aussi"));
    }

    #[test]
    fn a_line_repeated_by_one_outlet_over_months_is_chrome() {
        let dates = ["2024-01-03", "2024-02-10", "2024-04-22", "2024-06-01"];
        let mut arts: Vec<Article> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                article(
                    &format!("a{i}"),
                    d,
                    // Between two paragraphs, where only the collection can tell it from a
                    // subhead (after the last paragraph, article structure alone drops it).
                    &[
                        &paragraph(i),
                        "Toute l’actualité de la région en images",
                        &paragraph(i + 8),
                    ],
                )
            })
            .collect();
        let marks = mark(&mut arts);
        for (a, m) in arts.iter().zip(&marks) {
            assert_eq!(kind_of(a, "actualité"), BlockKind::Boilerplate);
            assert_eq!(kind_of(a, "marché"), BlockKind::Paragraph);
            assert_eq!(m.blocks.len(), 1);
        }
    }

    #[test]
    fn agency_copy_reprinted_on_the_same_days_is_kept() {
        let dates = ["2024-03-12", "2024-03-12", "2024-03-13"];
        let mut arts: Vec<Article> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| article(&format!("b{i}"), d, &[AGENCY, &paragraph(i)]))
            .collect();
        let marks = mark(&mut arts);
        assert!(marks.iter().all(|m| m.blocks.is_empty()));
        assert!(
            arts.iter()
                .all(|a| kind_of(a, "Tanneurs") == BlockKind::Paragraph)
        );
    }

    #[test]
    fn a_small_collection_loses_no_shared_paragraph() {
        // Four of five articles on the same days share a paragraph: the story, not chrome.
        let mut arts: Vec<Article> = (0..5)
            .map(|i| {
                let own = paragraph(i);
                let lines: Vec<&str> = if i < 4 {
                    vec![AGENCY, &own]
                } else {
                    vec![&own]
                };
                article(&format!("c{i}"), "2024-03-12", &lines)
            })
            .collect();
        mark(&mut arts);
        assert_eq!(kind_of(&arts[0], "Tanneurs"), BlockKind::Paragraph);
    }

    #[test]
    fn a_fragment_in_a_large_share_of_the_collection_is_chrome_even_on_one_day() {
        let mut arts: Vec<Article> = (0..20)
            .map(|i| {
                let own = paragraph(i);
                let lines: Vec<&str> = if i < 3 {
                    vec![&own, "Les plus lus Les plus partagés"]
                } else {
                    vec![&own]
                };
                article(&format!("d{i:02}"), "2024-03-12", &lines)
            })
            .collect();
        mark(&mut arts);
        assert_eq!(kind_of(&arts[0], "plus lus"), BlockKind::Boilerplate);
    }

    #[test]
    fn a_background_sentence_recalled_in_a_few_of_many_articles_is_kept() {
        // Three articles of a hundred, months apart, recall the same sentence.
        let mut arts: Vec<Article> = (0..100)
            .map(|i| {
                let own = paragraph(i);
                let date = format!("2024-{:02}-10", 1 + i % 12);
                let lines: Vec<&str> = if i % 40 == 0 {
                    vec![&own, AGENCY]
                } else {
                    vec![&own]
                };
                article(&format!("f{i:03}"), &date, &lines)
            })
            .collect();
        mark(&mut arts);
        assert_eq!(kind_of(&arts[0], "Tanneurs"), BlockKind::Paragraph);
    }

    #[test]
    fn two_articles_never_make_chrome() {
        let mut arts = vec![
            article("e0", "2020-01-01", &[&paragraph(0), "Menu principal"]),
            article("e1", "2024-01-01", &[&paragraph(1), "Menu principal"]),
        ];
        let marks = mark(&mut arts);
        assert!(marks.iter().all(|m| m.blocks.is_empty()));
    }
}
