//! Event mentions: sentences (or their clauses) anchored by a temporal expression.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::bounds;
use super::clauses::clauses;
use super::figures::{Figure, figures};
use super::headline::headline;
use super::lexicon::{self, Lexicon};
use super::terms::{Feature, features, inner_names};
use super::value::precision;
use crate::content::{Article, BlockKind};
use crate::text::{CharIndex, Span, fold, sentences, tokens};
use crate::time::{Anchor, Tense, Timex, TimexType};
use crate::timeline::Precision;

/// One dated statement of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Start of the quote, in characters of the article body.
    pub start: usize,
    /// End of the quote, exclusive.
    pub end: usize,
    /// The sentence, verbatim; a sentence longer than [`bounds::MAX_QUOTE_CHARS`] is quoted
    /// around its date, with `…` marking the cuts (`start`/`end` cover the verbatim part).
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

/// Weight of the dated clause itself, of undated clauses next to it, and of clauses that carry
/// another date.
const OWN: f32 = 1.0;
const NEAR: f32 = 0.5;
const OTHER: f32 = 0.15;
/// Weight of the other clauses of a sentence with one date.
const REST: f32 = 0.6;
/// Weight left to a word far from the date, and the distance (in words) over which the weight
/// of nearer words decays.
const FAR: f32 = 0.2;
const REACH: f32 = 6.0;

/// Is this timex usable as the date of a happening?
fn usable(t: &Timex, sentence_before: &str, sentence_after: &str, lex: &Lexicon) -> bool {
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return false;
    }
    if precision(&t.value).is_none() && !t.value.starts_with("XXXX-") {
        return false;
    }
    let background = precision(&t.value).is_some_and(|p| p < Precision::Day);
    let before = fold(sentence_before);
    let after = fold(sentence_after);
    // A date alone ("Mardi 4 mars 2031.", a page's date line) says when, not what:
    // with no word of content beside it there is nothing to put on the timeline.
    let content = |s: &str| {
        s.split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() > 1 && !lex.is_stop(w))
    };
    if !content(&before) && !content(&after) {
        return false;
    }
    // `depuis 1991`, `depuis la guerre de 2020`: a year that starts a state is background to
    // the sentence, not its date. (`depuis mardi matin` does date the start of a happening.)
    if background {
        let clause_start = before
            .rfind([',', ';', ':', '('])
            .map(|i| i + 1)
            .unwrap_or(0);
        let recent: Vec<&str> = before[clause_start..]
            .split_whitespace()
            .rev()
            .take(5)
            .collect();
        let text = fold(&t.text);
        if lex
            .state_openers
            .iter()
            .any(|o| text.starts_with(&format!("{o} ")) || recent.contains(&o.as_str()))
        {
            return false;
        }
    }
    // A bare number followed by a noun counts things (`2000 civils`), it is not a year.
    if t.text.chars().all(|c| c.is_ascii_digit()) {
        let next: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if after.starts_with(' ') && !next.is_empty() && !lex.is_stop(&next) {
            return false;
        }
    }
    // `au lendemain du cessez-le-feu` counts from a happening, not from the previous date.
    let anaphoric = matches!(t.anchor, Anchor::Previous)
        || (t.anchor == Anchor::Unresolved
            && t.weekday.is_none()
            && !t.value.starts_with("XXXX-WXX"));
    !(anaphoric
        && lex
            .event_anchors
            .iter()
            .any(|w| after.trim_start().starts_with(w.as_str())))
}

/// Sentences of the article's running text, as character spans of the body.
pub fn body_sentences(article: &Article, lex: &Lexicon) -> Vec<Span> {
    let idx = CharIndex::new(&article.body);
    let mut out = Vec::new();
    for (i, b) in article.blocks.iter().enumerate() {
        let text = &article.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
        if b.kind != BlockKind::Paragraph && !(i == 0 && is_lead(text)) {
            continue;
        }
        for s in sentences(text, crate::text::abbreviations(lex.lang)) {
            out.push(Span {
                start: b.start + s.start,
                end: b.start + s.end,
            });
        }
    }
    out
}

/// Scraped text often has no title line: its first line is the lead sentence. A first block
/// that reads as a full sentence is running text.
fn is_lead(text: &str) -> bool {
    let t = text.trim_end_matches(['»', '”', '"', ' ']);
    t.ends_with(['.', '!', '?']) && t.split_whitespace().count() >= 12
}

/// Mentions of `article` given the temporal expressions tagged in its body.
pub fn extract(article: &Article, timexes: &[Timex]) -> Vec<Mention> {
    extract_bounded(article, timexes).0
}

/// [`extract`], with a warning naming the article for each limit of [`bounds`] it hit.
pub fn extract_bounded(article: &Article, timexes: &[Timex]) -> (Vec<Mention>, Vec<String>) {
    let lex = lexicon::get(article.lang);
    let body: Vec<char> = article.body.chars().collect();
    let total = body.len().max(1) as f32;
    let mut hits = Hits::default();
    // Sentences, with whether each was cut from a longer one before and after it (its
    // quotes then show the cut).
    let (spans, cuts): (Vec<Span>, Vec<(bool, bool)>) = body_sentences(article, lex)
        .into_iter()
        .flat_map(|s| {
            if s.end - s.start <= bounds::MAX_SENTENCE_CHARS {
                return vec![(s, (false, false))];
            }
            hits.long_sentences += 1;
            let pieces = bounds::split_long(&body, s, bounds::MAX_SENTENCE_CHARS);
            let last = pieces.len().saturating_sub(1);
            pieces
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p, (i > 0, i < last)))
                .collect()
        })
        .unzip();
    let texts: Vec<String> = spans
        .iter()
        .map(|s| body[s.start..s.end].iter().collect())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let names = inner_names(&refs, lex);
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.start, t.end));
    let mut out = Vec::new();
    let mut undated: Vec<(usize, Vec<Feature>)> = Vec::new();
    for ((span, text), &cut) in spans.iter().zip(&texts).zip(&cuts) {
        // The timexes inside the sentence, found by binary search (not by a scan of all of
        // them per sentence, which made big articles quadratic).
        let first = sorted.partition_point(|t| t.start < span.start);
        let mut inside: Vec<&Timex> = Vec::new();
        for t in sorted[first..]
            .iter()
            .take_while(|t| t.start < span.end)
            .filter(|t| t.end <= span.end)
        {
            if inside.iter().any(|o| o.value == t.value) {
                continue;
            }
            let from = t
                .start
                .saturating_sub(bounds::CONTEXT_CHARS)
                .max(span.start);
            let to = (t.end + bounds::CONTEXT_CHARS).min(span.end);
            let before: String = body[from..t.start].iter().collect();
            let after: String = body[t.end..to].iter().collect();
            if !usable(t, &before, &after, lex) {
                continue;
            }
            if inside.len() == bounds::MAX_MENTIONS_PER_SENTENCE {
                hits.crowded_sentences += 1;
                break;
            }
            inside.push(t);
        }
        if inside.is_empty() {
            undated.push((span.start, features(&tokens(text), Some(0), &names, lex)));
            continue;
        }
        if out.len() + inside.len() > bounds::MAX_MENTIONS_PER_ARTICLE {
            hits.cut_at = Some(span.start);
            break;
        }
        out.extend(sentence_mentions(
            *span, cut, text, &inside, &names, lex, total, &mut hits,
        ));
    }
    attach_undated(&mut out, &undated);
    (out, hits.warnings(&article.path))
}

/// `1 sentence`, `2 sentences`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Which limits one article hit, for its warnings.
#[derive(Default)]
struct Hits {
    long_sentences: usize,
    crowded_sentences: usize,
    cut_quotes: usize,
    /// Body offset (characters) of the first sentence left out by the per-article cap.
    cut_at: Option<usize>,
}

impl Hits {
    fn warnings(&self, path: &str) -> Vec<String> {
        let mut w = Vec::new();
        if self.long_sentences > 0 {
            w.push(format!(
                "{path}: {} longer than {} characters cut into pieces at word boundaries before \
                 looking for dates in them (limit per sentence)",
                count(self.long_sentences, "sentence"),
                bounds::MAX_SENTENCE_CHARS
            ));
        }
        if self.crowded_sentences > 0 {
            w.push(format!(
                "{path}: {} with more than {} dates: only the first {} of each are on the \
                 timeline (limit per sentence); split the list into sentences",
                count(self.crowded_sentences, "sentence"),
                bounds::MAX_MENTIONS_PER_SENTENCE,
                bounds::MAX_MENTIONS_PER_SENTENCE
            ));
        }
        if let Some(at) = self.cut_at {
            w.push(format!(
                "{path}: more than {} dated statements: those from character {at} of the body on \
                 are left off the timeline (limit per article); split the article into several",
                bounds::MAX_MENTIONS_PER_ARTICLE
            ));
        }
        if self.cut_quotes > 0 {
            w.push(format!(
                "{path}: {} longer than {} characters shortened around their date, marked with \
                 `{}` (limit per quote)",
                count(self.cut_quotes, "quote"),
                bounds::MAX_QUOTE_CHARS,
                bounds::ELLIPSIS
            ));
        }
        w
    }
}

/// Weight of the words of an undated sentence that speaks of the same happening as a mention.
const ATTACHED: f32 = 0.2;

/// Within one article, an undated sentence about the same kind of happening as a dated one
/// (`Les pourparlers … ont eu lieu à Lyon` after `se sont rencontrés jeudi`) usually tells
/// more of it: its words join the nearest such mention, weakly.
fn attach_undated(mentions: &mut [Mention], undated: &[(usize, Vec<Feature>)]) {
    // Mentions of each kind sorted by (start, index): the nearest one to a sentence is found
    // by binary search, not by a scan of every mention per undated sentence.
    let mut by_kind: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(k) = main_kind(m) {
            by_kind.entry(k).or_default().push((m.start, i));
        }
    }
    for list in by_kind.values_mut() {
        list.sort_unstable();
    }
    let nearest_in = |list: &[(usize, usize)], pos: usize| {
        let p = list.partition_point(|&(s, _)| s < pos);
        let after = list.get(p).copied();
        // The last start before `pos`, and the smallest index among mentions with that start.
        let before = p.checked_sub(1).map(|q| {
            let s = list[q].0;
            list[list.partition_point(|&(x, _)| x < s)]
        });
        [after, before]
            .into_iter()
            .flatten()
            .map(|(s, i)| (s.abs_diff(pos), i))
            .min()
    };
    for (pos, feats) in undated {
        let groups: HashSet<&str> = feats
            .iter()
            .filter(|f| f.feature.starts_with(super::lexicon::GROUP_PREFIX))
            .map(|f| f.feature.as_str())
            .collect();
        let nearest = groups
            .iter()
            .filter_map(|g| by_kind.get(*g))
            .filter_map(|list| nearest_in(list, *pos))
            .min()
            .map(|(_, i)| i);
        let Some(i) = nearest else { continue };
        let m = &mut mentions[i];
        let mut terms: BTreeMap<String, f32> = m.terms.drain(..).collect();
        for f in feats {
            let e = terms.entry(f.feature.clone()).or_insert(0.0);
            *e = e.max(ATTACHED);
        }
        m.terms = terms.into_iter().collect();
    }
}

/// The event-noun group nearest a mention's date, if near enough.
pub fn main_kind(m: &Mention) -> Option<String> {
    m.terms
        .iter()
        .filter(|(t, w)| t.starts_with(super::lexicon::GROUP_PREFIX) && *w >= KIND_WEIGHT)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(t, _)| t.clone())
}

/// Weight an event noun needs (it decays with distance from the date) to give the kind.
pub const KIND_WEIGHT: f32 = 0.25;

#[allow(clippy::too_many_arguments)]
fn sentence_mentions(
    span: Span,
    cut: (bool, bool),
    text: &str,
    timexes: &[&Timex],
    names: &HashSet<String>,
    lex: &Lexicon,
    total: f32,
    hits: &mut Hits,
) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    let parts = clauses(text);
    // Clauses cover the sentence in order: a binary search finds the one at `pos`.
    let clause_of = |pos: usize| {
        let i = parts.partition_point(|c| c.end <= pos);
        if i < parts.len() && parts[i].start <= pos {
            i
        } else {
            0
        }
    };
    let owners: Vec<usize> = timexes
        .iter()
        .map(|t| clause_of(t.start - span.start))
        .collect();
    let toks = tokens(text);
    let in_time = |a: usize, b: usize| {
        timexes
            .iter()
            .any(|t| a < t.end - span.start && t.start - span.start < b)
    };
    let feats: Vec<(usize, Feature)> = {
        let kept: Vec<usize> = (0..toks.len())
            .filter(|&i| !in_time(toks[i].start, toks[i].end))
            .collect();
        let slice: Vec<crate::text::Token<'_>> = kept.iter().map(|&i| toks[i].clone()).collect();
        features(
            &slice,
            kept.first().filter(|&&i| i == 0).map(|_| 0),
            names,
            lex,
        )
        .into_iter()
        .map(|f| (kept[f.token], f))
        .collect()
    };
    let clause_figs: Vec<Vec<Figure>> = parts
        .iter()
        .map(|c| {
            let ctext: String = chars[c.start..c.end].iter().collect();
            figures(&ctext, &tokens(&ctext), lex)
        })
        .collect();
    // A dated clause that is little more than its date (`Mardi,`) introduces the next one.
    let content_words = |c: usize| {
        feats
            .iter()
            .filter(|(ti, _)| clause_of(toks[*ti].start) == c)
            .count()
    };
    let owners: Vec<usize> = owners;
    let leads: Vec<bool> = owners
        .iter()
        .map(|&o| content_words(o) <= 1 && o + 1 < parts.len() && !owners.contains(&(o + 1)))
        .collect();
    let clause_weight = |i: usize, own: usize| {
        let k = owners.iter().position(|&o| o == own).unwrap_or(0);
        if i == own || (leads[k] && i == own + 1) {
            OWN
        } else if timexes.len() == 1 {
            REST
        } else if owners.contains(&i) {
            OTHER
        } else if nearest_owner(i, &owners) == Some(own) {
            NEAR
        } else {
            OTHER
        }
    };
    let mut out = Vec::new();
    for (k, t) in timexes.iter().enumerate() {
        let own = owners[k];
        let at = toks
            .iter()
            .position(|x| x.start >= t.start - span.start)
            .unwrap_or(toks.len());
        let rel = Span {
            start: t.start - span.start,
            end: t.end - span.start,
        };
        let mut terms: BTreeMap<String, f32> = BTreeMap::new();
        let mut written: Vec<String> = Vec::new();
        for (ti, f) in &feats {
            let cw = clause_weight(clause_of(toks[*ti].start), own);
            // Words next to the date usually say what happened on it.
            let d = ti.abs_diff(at) as f32;
            let w = cw * (FAR + (1.0 - FAR) * (-d / REACH).exp());
            let e = terms.entry(f.feature.clone()).or_insert(0.0);
            *e = e.max(w);
            if cw >= NEAR
                && let Some(n) = &f.written
                && !written.contains(n)
            {
                written.push(n.clone());
            }
        }
        let figs: Vec<Figure> = clause_figs
            .iter()
            .enumerate()
            .filter(|(i, _)| clause_weight(*i, own) >= NEAR)
            .flat_map(|(_, f)| f.iter().cloned())
            .collect();
        let (w, cut_before, cut_after) = bounds::quote_window(&chars, rel, bounds::MAX_QUOTE_CHARS);
        if cut_before || cut_after {
            hits.cut_quotes += 1;
        }
        let cut_before = cut_before || cut.0;
        let cut_after = cut_after || cut.1;
        out.push(Mention {
            start: span.start + w.start,
            end: span.start + w.end,
            quote: bounds::quote_text(&chars, w, cut_before, cut_after),
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
pub(crate) mod tests {
    use super::*;
    use crate::content::{LoadOptions, load_bytes};
    use crate::lang::Lang;

    /// A French plain-text article loaded from `src`.
    fn french_txt(src: &str) -> crate::content::Article {
        let opts = LoadOptions {
            default_lang: Lang::Fr,
            drafts: false,
        };
        load_bytes("content/a.txt", src.as_bytes(), opts)
            .unwrap()
            .unwrap()
    }

    /// A past-tense DATE timex for the first occurrence of `text` in `body`.
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
    fn a_day_counted_from_a_happening_is_not_the_previous_date_plus_one() {
        let src = "Titre\n\nLes discussions ont débuté jeudi, au lendemain du cessez-le-feu.\n";
        let a = french_txt(src);
        let mut next = timex(&a.body, "au lendemain", "2023-09-22");
        next.anchor = Anchor::Previous;
        let m = extract(&a, &[timex(&a.body, "jeudi", "2023-09-21"), next]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].value, "2023-09-21");
    }

    #[test]
    fn two_dates_in_a_sentence_make_two_mentions_with_their_own_words() {
        let src = "Titre\n\nLes discussions ont débuté jeudi à Yevlakh, après la trêve de mercredi.\n\nDepuis 1991, rien. Plus de 2000 civils sont partis.\n";
        let a = french_txt(src);
        let tx = vec![
            timex(&a.body, "jeudi", "2023-09-21"),
            timex(&a.body, "mercredi", "2023-09-20"),
            timex(&a.body, "1991", "1991"),
            timex(&a.body, "2000", "2000"),
        ];
        let m = extract(&a, &tx);
        assert_eq!(m.len(), 2, "{m:#?}");
        let w = |m: &Mention, f: &str| m.terms.iter().find(|(t, _)| t == f).map(|x| x.1);
        assert!(w(&m[0], "@yevlakh").unwrap() > 2.0 * w(&m[1], "@yevlakh").unwrap());
        assert_eq!(
            m[0].quote,
            "Les discussions ont débuté jeudi à Yevlakh, après la trêve de mercredi."
        );
        let chars: Vec<char> = a.body.chars().collect();
        let q: String = chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(q, m[0].quote);
    }

    #[test]
    fn a_date_alone_in_its_sentence_is_no_happening() {
        let src = "Titre\n\nDimanche 19 décembre 2031.\n\nDimanche 19 décembre 2031, la grève a commencé au port.\n";
        let a = french_txt(src);
        let alone = timex(&a.body, "Dimanche 19 décembre 2031", "2031-12-19");
        let second = a.body.rfind("Dimanche").unwrap();
        let mut told = alone.clone();
        let shift = a.body[..second].chars().count() - alone.start;
        told.start += shift;
        told.end += shift;
        let m = extract(&a, &[alone, told]);
        assert_eq!(m.len(), 1, "{m:#?}");
        assert!(m[0].quote.contains("grève"), "{}", m[0].quote);
    }
}
