//! From a group of merged mentions to a timeline event: its date at the precision the sources
//! support, citations, headline, tags, conflicts and salience.

use std::collections::{BTreeMap, BTreeSet};

use super::bounds::ELLIPSIS;
use super::clauses::lead_chrome;
use super::conflicts::{date_conflict, figure_conflicts};
use super::figures::Figure;
use super::headline::MAX_CHARS;
use super::mentions::Mention;
use super::names;
use super::salience::salience;
use super::similarity::{Vector, centroid, cosine};
use super::value::precision;
use crate::text::fold;
use crate::timeline::{Citation, Event};

/// One member of a group: the source id, the mention, its vector.
pub struct Member<'a> {
    /// Source id.
    pub source: &'a str,
    /// The mention.
    pub mention: &'a Mention,
    /// Its feature vector.
    pub vector: &'a Vector,
    /// The event lexicon of its article's language.
    pub lex: &'a super::lexicon::Lexicon,
}

/// Headline bonus of the mention whose date is the event's.
const EXACT_DATE: f32 = 0.1;
/// Longest summary, in characters.
const SUMMARY_CHARS: usize = 300;
/// A sentence says more than what is already told when it has this many new content words.
const SAYS_MORE: usize = 2;
/// Rank penalty of a sentence that refers back to someone named before it.
const ANAPHORIC: f32 = 0.5;

/// Builds the event of a group (members in a deterministic order). The id is left empty.
/// `None` only when no member's value can date an event (the caller passes none such).
pub fn compose(members: &[Member<'_>]) -> Option<Event> {
    let day_of = |m: &Mention| -> Option<String> {
        precision(&m.value)
            .filter(|p| *p >= crate::timeline::Precision::Day)
            .map(|_| m.value[..10].to_string())
    };
    // The day most sources give; ties go to the earlier day.
    let mut per_day: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut day_source: BTreeSet<(String, String)> = BTreeSet::new();
    for m in members {
        if let Some(d) = day_of(m.mention) {
            per_day.entry(d.clone()).or_default().insert(m.source);
            day_source.insert((d, m.source.to_string()));
        }
    }
    let chosen_day = per_day
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(d, _)| d.clone());
    let on_day: Vec<&Member<'_>> = members
        .iter()
        .filter(|m| chosen_day.is_none() || day_of(m.mention) == chosen_day)
        .collect();
    let value = finest_value(&on_day);
    let date = super::value::event_value(&value)?;
    let cent = centroid(members.iter().map(|m| m.vector));
    let best = on_day
        .iter()
        .map(|m| {
            // The mention that gives the event its precise date tells it best.
            let exact = if m.mention.value == value {
                EXACT_DATE
            } else {
                0.0
            };
            (m, headline_score(m, &cent) + exact)
        })
        .max_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then_with(|| b.0.mention.headline.len().cmp(&a.0.mention.headline.len()))
                .then_with(|| b.0.source.cmp(a.0.source))
                .then_with(|| b.0.mention.start.cmp(&a.0.mention.start))
        })
        .map(|(m, _)| *m);
    let headline = best.map(|m| m.mention.headline.clone()).unwrap_or_default();
    // The sentences of the chosen day tell the happening; other days' mentions only join it.
    let summary = summary(&on_day, &cent, &value, &headline);
    let mut seen = BTreeSet::new();
    let mut citations: Vec<Citation> = Vec::new();
    let mut figures: Vec<(String, Figure)> = Vec::new();
    let mut sorted: Vec<&Member<'_>> = members.iter().collect();
    sorted.sort_by(|a, b| (a.source, a.mention.start).cmp(&(b.source, b.mention.start)));
    for m in &sorted {
        if !seen.insert((m.source, m.mention.start)) {
            continue;
        }
        citations.push(Citation {
            source: m.source.to_string(),
            quote: m.mention.quote.clone(),
            time_text: m.mention.time_text.clone(),
            start: m.mention.start,
            end: m.mention.end,
            anchor: crate::timeline::layout::quote_anchor(m.source, m.mention.start),
            value: m.mention.value.clone(),
        });
        for f in &m.mention.figures {
            figures.push((m.source.to_string(), f.clone()));
        }
    }
    let independent = super::salience::independent_sources(
        citations
            .iter()
            .map(|c| (c.source.as_str(), c.quote.as_str())),
    );
    let mentions = citations
        .iter()
        .map(|c| crate::text::wording(&c.quote))
        .collect::<BTreeSet<_>>()
        .len();
    let earliest = members
        .iter()
        .map(|m| m.mention.position)
        .fold(1.0f32, f32::min);
    // Sources on the chosen day that also speak of other days are not its witnesses.
    let off_day: BTreeSet<&str> = day_source
        .iter()
        .filter(|(d, _)| Some(d) != chosen_day.as_ref())
        .map(|(_, s)| s.as_str())
        .collect();
    let witnesses: BTreeSet<(String, String)> = day_source
        .iter()
        .filter(|(d, s)| Some(d) != chosen_day.as_ref() || !off_day.contains(s.as_str()))
        .cloned()
        .collect();
    let witnesses = if witnesses
        .iter()
        .any(|(d, _)| Some(d) == chosen_day.as_ref())
    {
        witnesses
    } else {
        day_source.clone()
    };
    let mut conflicts = Vec::new();
    conflicts.extend(date_conflict(&witnesses));
    conflicts.extend(figure_conflicts(&figures));
    Some(Event {
        id: String::new(),
        date,
        end: None,
        headline,
        summary,
        // Identical quotes in several sources are one dispatch reprinted, not independent
        // confirmation: they count once, as sources and as mentions.
        salience: salience(independent, mentions, earliest, chosen_day.is_some()),
        tags: tags(members),
        citations,
        conflicts,
        editorial: false,
        background: false,
    })
}

/// The finest value the mentions of the chosen day give; among equally fine ones, the most
/// frequent, then the smallest.
fn finest_value(members: &[&Member<'_>]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        *counts.entry(m.mention.value.as_str()).or_default() += 1;
    }
    counts
        .iter()
        .max_by(|a, b| {
            precision(a.0)
                .cmp(&precision(b.0))
                .then(a.1.cmp(b.1))
                .then(b.0.cmp(a.0))
        })
        .map(|(v, _)| v.to_string())
        .unwrap_or_default()
}

/// How well a mention's headline represents the event: close to the centroid, uncut, and
/// starting on a clause that stands alone.
fn headline_score(m: &Member<'_>, cent: &Vector) -> f32 {
    let h = &m.mention.headline;
    let mut s = cosine(m.vector, cent);
    // A headline cut in the last resort reads worst: another mention's clause that fits wins.
    if h.ends_with('…') {
        s -= 0.3;
    }
    if h.chars().next().is_some_and(|c| !c.is_uppercase()) || h.chars().count() > MAX_CHARS {
        s -= 0.1;
    }
    // The headline should say it on the day it is dated by.
    if !h.contains(m.mention.time_text.as_str()) {
        s -= 0.15;
    }
    // Too short to say what happened on its own.
    if crate::text::tokens(h).len() < 8 {
        s -= 0.2;
    }
    s
}

/// A candidate sentence of the summary: its text (chrome skipped), its centrality, its
/// content words.
struct Sentence<'a> {
    text: &'a str,
    score: f32,
    words: BTreeSet<String>,
    source: &'a str,
    start: usize,
}

/// Content words of a text: lower-cased words of four letters or more (a language-neutral
/// stand-in for "not a function word").
fn content_words(s: &str) -> BTreeSet<String> {
    crate::text::tokens(s)
        .iter()
        .filter(|t| t.text.chars().count() >= 4)
        .map(|t| fold(t.text))
        .collect()
}

/// The best one or two sentences across the sources: the most central quotes of the cluster
/// (the one that dates the event exactly first among equals), each saying something the
/// headline and the sentences before it do not, at most [`SUMMARY_CHARS`] in all, cut only at
/// sentence ends. Empty when no sentence says more than the headline.
fn summary(members: &[&Member<'_>], cent: &Vector, date: &str, headline: &str) -> String {
    let head = content_words(headline);
    let mut seen = BTreeSet::new();
    let mut cands: Vec<Sentence<'_>> = Vec::new();
    for m in members {
        let q = m.mention.quote.as_str();
        // A quote cut around its date (`…`) is no whole sentence.
        if q.starts_with(ELLIPSIS) || q.ends_with(ELLIPSIS) {
            continue;
        }
        if !seen.insert(crate::text::wording(q)) {
            continue;
        }
        let skip = lead_chrome(q);
        let text = q[q.char_indices().nth(skip).map_or(q.len(), |(b, _)| b)..].trim();
        let words = content_words(text);
        // A sentence that only repeats the headline is no summary.
        if words.difference(&head).count() < SAYS_MORE {
            continue;
        }
        // Out of its article, a sentence that opens on a pronoun (`Elle est…`, `Toutefois, ce
        // dernier…`) lacks who it speaks of.
        let anaphoric = if opens_on_pronoun(text, m.lex) {
            ANAPHORIC
        } else {
            0.0
        };
        let exact = if m.mention.value == date {
            EXACT_DATE
        } else {
            0.0
        };
        cands.push(Sentence {
            text,
            score: cosine(m.vector, cent) + exact - anaphoric,
            words,
            source: m.source,
            start: m.mention.start,
        });
    }
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.source.cmp(b.source))
            .then_with(|| a.start.cmp(&b.start))
    });
    let mut told = head.clone();
    let mut out: Vec<&str> = Vec::new();
    let mut len = 0;
    for c in &cands {
        let n = c.text.chars().count();
        if out.len() == 2 || len + n + 1 > SUMMARY_CHARS {
            continue;
        }
        if c.words.difference(&told).count() < SAYS_MORE {
            continue;
        }
        told.extend(c.words.iter().cloned());
        out.push(c.text);
        len += n + 1;
    }
    if out.is_empty() {
        // Every sentence is longer than a summary: the most central one, up to its last clause
        // that fits, the cut marked.
        if let Some(c) = cands.first() {
            return clause_cut(c.text, SUMMARY_CHARS);
        }
    }
    out.join(" ")
}

/// Does `s` open, past its connectives (`Toutefois,`, `Par ailleurs,`), on words that refer back
/// to someone named before (`Elle`, `Ce dernier`, `The latter`)?
fn opens_on_pronoun(s: &str, lex: &super::lexicon::Lexicon) -> bool {
    let rest = super::headline::drop_connectors(s, lex);
    let words: Vec<String> = rest
        .split_whitespace()
        .take(4)
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    lex.anaphors
        .iter()
        .any(|a| !a.is_empty() && words.len() > a.len() && words[..a.len()] == a[..])
}

/// `s` up to its last clause end (`,` `;`) within `max` characters, with `…`.
fn clause_cut(s: &str, max: usize) -> String {
    let mut end = 0;
    for (i, (b, c)) in s.char_indices().enumerate() {
        if i >= max {
            break;
        }
        if matches!(c, ',' | ';') {
            end = b;
        }
    }
    if end == 0 {
        return String::new();
    }
    format!("{} {ELLIPSIS}", s[..end].trim_end())
}

/// The names the citations use most, one spelling each.
fn tags(members: &[Member<'_>]) -> Vec<String> {
    let mut by_key: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    // A big event's citations name the same few names: each spelling is keyed once.
    let mut keys: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for m in members {
        for n in &m.mention.names {
            let key = keys
                .entry(n.as_str())
                .or_insert_with(|| names::key(&fold(n)))
                .clone();
            *by_key
                .entry(key)
                .or_default()
                .entry(n.as_str())
                .or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, &str)> = by_key
        .values()
        .map(|spellings| {
            let total = spellings.values().sum();
            let best = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| *s)
                .unwrap_or("");
            (total, best)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    ranked
        .into_iter()
        .take(5)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_sentence_that_refers_back_is_told_as_such() {
        let fr = super::super::lexicon::get(Lang::Fr);
        assert!(opens_on_pronoun("Elle a rouvert le pont lundi.", fr));
        assert!(opens_on_pronoun("Toutefois, ce dernier a refusé.", fr));
        assert!(!opens_on_pronoun("Ce lundi, le pont a rouvert.", fr));
        assert!(!opens_on_pronoun("La mairie a rouvert le pont.", fr));
        let en = super::super::lexicon::get(Lang::En);
        assert!(opens_on_pronoun("However, she declined the offer.", en));
        assert!(opens_on_pronoun("The latter declined.", en));
        assert!(!opens_on_pronoun("The council declined.", en));
    }
}
