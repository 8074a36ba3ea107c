//! Event mentions: sentences (or their clauses) anchored by a temporal expression.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::clauses::clauses;
use super::figures::{Figure, figures};
use super::headline::headline;
use super::lexicon::{self, Lexicon};
use super::terms::{features, inner_names};
use super::value::precision;
use crate::content::{Article, BlockKind};
use crate::text::{CharIndex, Span, fold, sentences, tokens};
use crate::time::{Anchor, Tense, Timex, TimexType};

/// One dated statement of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Start of the quoted sentence, in characters of the article body.
    pub start: usize,
    /// End of the quote, exclusive.
    pub end: usize,
    /// The sentence, verbatim.
    pub quote: String,
    /// The temporal expression, verbatim.
    pub time_text: String,
    /// Where the temporal expression starts in the body, in characters.
    pub time_start: usize,
    /// Its TIMEX3 value (possibly underspecified, `XXXX-WXX-3`, when the article is undated).
    pub value: String,
    /// What the value was resolved against.
    pub anchor: Anchor,
    /// The weekday the expression names, if any.
    pub weekday: Option<u32>,
    /// Tense of the clause.
    pub tense: Tense,
    /// Extractive headline.
    pub headline: String,
    /// Weighted features (`@name`, stems, `~synonym` groups), sorted by feature.
    pub terms: Vec<(String, f32)>,
    /// Figures reported in the mention's clauses.
    pub figures: Vec<Figure>,
    /// Names in the dated clause, as written.
    pub names: Vec<String>,
    /// Relative position of the mention in the article, 0 (top) to 1.
    pub position: f32,
}

/// Features and names of one clause, and its figures.
type ClauseTerms = ((Vec<String>, Vec<String>), Vec<Figure>);

/// Weight of the dated clause itself, of undated clauses next to it, and of clauses that carry
/// another date.
const OWN: f32 = 1.0;
const NEAR: f32 = 0.5;
const OTHER: f32 = 0.15;

/// Is this timex usable as the date of a happening?
fn usable(t: &Timex, sentence_before: &str, lex: &Lexicon) -> bool {
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return false;
    }
    if precision(&t.value).is_none() && !t.value.starts_with("XXXX-") {
        return false;
    }
    // `depuis 1991` dates the start of a state, not a happening.
    let text = fold(&t.text);
    let before = fold(sentence_before);
    let prev_word = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_string();
    !lex.state_openers
        .iter()
        .any(|o| text.starts_with(&format!("{o} ")) || prev_word == *o)
}

/// Sentences of the article's running text, as character spans of the body.
pub fn body_sentences(article: &Article, lex: &Lexicon) -> Vec<Span> {
    let idx = CharIndex::new(&article.body);
    let mut out = Vec::new();
    for b in &article.blocks {
        if b.kind != BlockKind::Paragraph {
            continue;
        }
        let text = &article.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
        for s in sentences(text, &lex.abbreviations) {
            out.push(Span {
                start: b.start + s.start,
                end: b.start + s.end,
            });
        }
    }
    out
}

/// Mentions of `article` given the temporal expressions tagged in its body.
pub fn extract(article: &Article, timexes: &[Timex]) -> Vec<Mention> {
    let lex = lexicon::get(article.lang);
    let body: Vec<char> = article.body.chars().collect();
    let total = body.len().max(1) as f32;
    let spans = body_sentences(article, lex);
    let texts: Vec<String> = spans
        .iter()
        .map(|s| body[s.start..s.end].iter().collect())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let names = inner_names(&refs, lex);
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.start, t.end));
    let mut out = Vec::new();
    for (span, text) in spans.iter().zip(&texts) {
        let mut inside: Vec<&Timex> = Vec::new();
        for t in sorted
            .iter()
            .filter(|t| t.start >= span.start && t.end <= span.end)
        {
            let before: String = body[span.start..t.start].iter().collect();
            if usable(t, &before, lex) && !inside.iter().any(|o| o.value == t.value) {
                inside.push(t);
            }
        }
        if inside.is_empty() {
            continue;
        }
        out.extend(sentence_mentions(*span, text, &inside, &names, lex, total));
    }
    out
}

fn sentence_mentions(
    span: Span,
    text: &str,
    timexes: &[&Timex],
    names: &HashSet<String>,
    lex: &Lexicon,
    total: f32,
) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    let parts = clauses(text);
    let clause_of = |pos: usize| {
        parts
            .iter()
            .position(|c| c.start <= pos && pos < c.end)
            .unwrap_or(0)
    };
    let owners: Vec<usize> = timexes
        .iter()
        .map(|t| clause_of(t.start - span.start))
        .collect();
    let time_spans: Vec<(usize, usize)> = timexes
        .iter()
        .map(|t| (t.start - span.start, t.end - span.start))
        .collect();
    // Features and figures of each clause, without the words of temporal expressions.
    let per_clause: Vec<ClauseTerms> = parts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ctext: String = chars[c.start..c.end].iter().collect();
            let toks: Vec<_> = tokens(&ctext)
                .into_iter()
                .filter(|t| {
                    let (a, b) = (c.start + t.start, c.start + t.end);
                    !time_spans.iter().any(|&(s, e)| a < e && s < b)
                })
                .collect();
            let first_is_initial = i == 0;
            (
                features(&toks, first_is_initial, names, lex),
                figures(&ctext, &tokens(&ctext), lex),
            )
        })
        .collect();
    let mut out = Vec::new();
    for (k, t) in timexes.iter().enumerate() {
        let own = owners[k];
        let mut terms: BTreeMap<String, f32> = BTreeMap::new();
        let mut figs: Vec<Figure> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        for (i, ((feats, clause_names), clause_figs)) in per_clause.iter().enumerate() {
            let w = if i == own {
                OWN
            } else if owners.contains(&i) {
                OTHER
            } else if timexes.len() == 1 || nearest_owner(i, &owners) == Some(own) {
                if timexes.len() == 1 { OWN } else { NEAR }
            } else {
                OTHER
            };
            for f in feats {
                let e = terms.entry(f.clone()).or_insert(0.0);
                *e = e.max(w);
            }
            if w >= NEAR {
                figs.extend(clause_figs.iter().cloned());
                for n in clause_names {
                    if !written.contains(n) {
                        written.push(n.clone());
                    }
                }
            }
        }
        let rel = Span {
            start: t.start - span.start,
            end: t.end - span.start,
        };
        out.push(Mention {
            start: span.start,
            end: span.end,
            quote: text.to_string(),
            time_text: t.text.clone(),
            time_start: t.start,
            value: t.value.clone(),
            anchor: t.anchor,
            weekday: t.weekday,
            tense: t.tense,
            headline: headline(text, rel, lex),
            terms: terms.into_iter().collect(),
            figures: figs,
            names: written,
            position: span.start as f32 / total,
        });
    }
    out
}

/// The dated clause nearest to clause `i` (ties go to the later one, which a leading undated
/// clause usually introduces).
fn nearest_owner(i: usize, owners: &[usize]) -> Option<usize> {
    owners
        .iter()
        .copied()
        .min_by_key(|&o| (o.abs_diff(i), std::cmp::Reverse(o)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{LoadOptions, load_bytes};
    use crate::time::Lang;

    pub(crate) fn timex(body: &str, text: &str, value: &str) -> Timex {
        let byte = body.find(text).unwrap();
        let start = body[..byte].chars().count();
        Timex {
            start,
            end: start + text.chars().count(),
            text: text.into(),
            kind: TimexType::Date,
            value: value.into(),
            modifier: None,
            anchor: Anchor::Reference,
            begin: None,
            weekday: None,
            tense: Tense::Past,
        }
    }

    #[test]
    fn two_dates_in_a_sentence_make_two_mentions_with_their_own_words() {
        let src = "Titre\n\nLes discussions ont débuté jeudi à Yevlakh, au lendemain du cessez-le-feu.\n\nDepuis 1991, rien.\n";
        let a = load_bytes(
            "content/a.txt",
            src.as_bytes(),
            LoadOptions {
                default_lang: Lang::Fr,
                drafts: false,
            },
        )
        .unwrap()
        .unwrap();
        let tx = vec![
            timex(&a.body, "jeudi", "2023-09-21"),
            timex(&a.body, "au lendemain", "2023-09-20"),
            timex(&a.body, "1991", "1991"),
        ];
        let m = extract(&a, &tx);
        assert_eq!(m.len(), 2, "{m:#?}");
        let w = |m: &Mention, f: &str| m.terms.iter().find(|(t, _)| t == f).map(|x| x.1);
        assert_eq!(w(&m[0], "@yevlakh"), Some(OWN));
        assert!(w(&m[1], "@yevlakh").unwrap() < OWN);
        assert_eq!(
            m[0].quote,
            "Les discussions ont débuté jeudi à Yevlakh, au lendemain du cessez-le-feu."
        );
        let chars: Vec<char> = a.body.chars().collect();
        let q: String = chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(q, m[0].quote);
    }
}
