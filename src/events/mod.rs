//! From articles to dated event mentions, merged across sources into timeline events.
//!
//! Two phases, so that the expensive part can be cached per article: [`analyse`] looks at one
//! article alone (cleaning, sentences, temporal tagging, candidate mentions) and depends only on
//! its content; [`assemble`] dates every article (using the others for undated ones), resolves
//! the mentions and merges them into events.

pub(crate) mod background;
pub mod bounds;
mod clauses;
pub(crate) mod compose;
pub(crate) mod conflicts;
pub(crate) mod corrections;
pub(crate) mod dating;
pub(crate) mod days;
pub(crate) mod figures;
pub(crate) mod headline;
pub(crate) mod ids;
pub(crate) mod lexicon;
pub(crate) mod liveblog;
pub(crate) mod mentions;
pub(crate) mod merge;
pub(crate) mod names;
pub mod rereads;
pub(crate) mod salience;
pub(crate) mod similarity;
pub(crate) mod tagging;
pub(crate) mod terms;
pub(crate) mod value;

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use corrections::Corrections;

use crate::content::Article;
use crate::text::fold;
use crate::time::Anchor;
use crate::timeline;
use mentions::Mention;
use similarity::Matcher;
use value::precision;

/// What one article yields on its own; depends only on the article's content.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    /// The day the mentions were resolved against (the article's own date at day precision).
    pub reference: Option<chrono::NaiveDate>,
    /// Dated mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Limits of [`bounds`] the article hit, as warnings naming it.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// How one source was dated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDating {
    /// The publication date, at the precision known.
    pub published: Option<crate::timeline::DateValue>,
    /// How the date was found.
    pub basis: crate::timeline::DateBasis,
    /// 0–1: how sure the pipeline is of `published`.
    pub confidence: f64,
    /// How the date was found, in words (empty when the article states it).
    pub note: String,
    /// What an inferred date rests on.
    #[serde(default)]
    pub evidence: Option<crate::timeline::DatingEvidence>,
}

/// The result of [`assemble`].
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    /// One per article, in the same order.
    pub dating: Vec<SourceDating>,
    /// Events, sorted as the contract says.
    pub events: Vec<timeline::Event>,
    /// Warnings for `annales check` (undated articles, low-confidence dates, conflicts).
    pub warnings: Vec<String>,
}

/// Analyses one article on its own.
pub fn analyse(article: &Article) -> Analysis {
    let reference = tagging::own_day(article);
    let timexes = tagging::tag_body(article, reference);
    let (mentions, warnings) = mentions::extract_bounded(article, &timexes);
    Analysis {
        reference,
        mentions,
        warnings,
    }
}

/// Dates every article and merges their mentions into events.
pub fn assemble(
    articles: &[Article],
    analyses: &[Arc<Analysis>],
    corrections: &Corrections,
) -> Assembled {
    assemble_with(articles, analyses, None, corrections)
}

/// [`assemble`], keeping in `rereads[i]` (when given) article i's readings as if published on
/// other days, and reusing those kept by an earlier call: the preview server's loads.
pub fn assemble_with(
    articles: &[Article],
    analyses: &[Arc<Analysis>],
    rereads: Option<&[Arc<rereads::Rereads>]>,
    corrections: &Corrections,
) -> Assembled {
    let mut per_article: Vec<Cow<'_, [Mention]>> = analyses
        .iter()
        .map(|a| Cow::Borrowed(a.mentions.as_slice()))
        .collect();
    let matcher = Matcher::build(per_article.iter().flat_map(|m| m.iter()));
    let kept = |i: usize| rereads.and_then(|r| r.get(i)).map(|r| &**r);
    let tag = |i: usize, d: chrono::NaiveDate| tagging::tag_body(&articles[i], Some(d));
    let retag = |i: usize, d| rereads::timexes(kept(i), d, || tag(i, d));
    // Only the mentions of the final reading are kept: its expressions are not needed again.
    let reread =
        |i: usize, d| rereads::mentions(kept(i), d, || mentions::extract(&articles[i], &tag(i, d)));
    let placements = dating::place_all(articles, &mut per_article, &matcher, &retag, &reread);

    // Mentions that can go on the timeline, with their vectors.
    let mut owners: Vec<(usize, &Mention)> = Vec::new();
    for (i, ms) in per_article.iter().enumerate() {
        let placed = placements[i].day.is_some();
        for m in ms.iter() {
            if precision(&m.value).is_none() || (!placed && m.anchor != Anchor::None) {
                continue;
            }
            owners.push((i, m));
        }
    }
    let vectors: Vec<similarity::Vector> =
        owners.par_iter().map(|(_, m)| matcher.vector(m)).collect();
    let items: Vec<merge::Item> = owners
        .par_iter()
        .zip(&vectors)
        .map(|((i, m), v)| {
            let day = value::day(&m.value);
            merge::Item {
                source: *i,
                source_id: articles[*i].id.clone(),
                block: match day {
                    Some(d) => d.format("%Y-%m-%d").to_string(),
                    None => m.value.clone(),
                },
                day,
                start: m.time_start,
                vector: v.clone(),
                kind: matcher.kind(m),
                groups: matcher.groups(v),
                names: matcher.names(m),
                additive: lexicon::get(articles[*i].lang).is_additive(&m.quote),
                agents: matcher.agents(m, lexicon::get(articles[*i].lang)),
                minute: value::event_value(&m.value).and_then(|v| v.minute_of_day()),
                figures: m
                    .figures
                    .iter()
                    .map(|f| (f.quantity.clone(), f.value))
                    .collect(),
            }
        })
        .collect();
    let groups = merge::cluster(&items);
    let mut events: Vec<timeline::Event> = groups
        .par_iter()
        .filter_map(|g| {
            let members: Vec<compose::Member<'_>> = g
                .iter()
                .map(|&k| compose::Member {
                    source: &articles[owners[k].0].id,
                    mention: owners[k].1,
                    vector: &vectors[k],
                    lex: lexicon::get(articles[owners[k].0].lang),
                })
                .collect();
            compose::compose(&members)
        })
        .collect();
    name_events(&mut events, articles, &matcher);
    let mut warnings: Vec<String> = analyses
        .iter()
        .flat_map(|a| a.warnings.iter().cloned())
        .collect();
    corrections::apply(corrections, &mut events, articles, &mut warnings);
    // Once, over the whole collection, after the editor's corrections (a hidden event's sources
    // do not weigh, an added one shares its day): a day's weight comes from every article its
    // events cite.
    let published: Vec<Option<chrono::NaiveDate>> = placements.iter().map(|p| p.day).collect();
    let index: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let weights = days::weights(&days::cited(&events, &index), &published);
    days::apply(&mut events, &weights);
    timeline::sort_events(&mut events);

    let dating: Vec<SourceDating> = placements
        .iter()
        .map(|p| SourceDating {
            published: p.published,
            basis: p.basis,
            confidence: p.confidence,
            note: p.note.clone(),
            evidence: p.evidence,
        })
        .collect();
    for (a, d) in articles.iter().zip(&placements) {
        warnings.extend(dating::contradiction(a));
        if d.day.is_none() {
            warnings.push(format!(
                "{}: undated: {}; its relative dates are left off the timeline",
                a.path, d.note
            ));
        } else if d.basis == crate::timeline::DateBasis::Inferred
            && d.confidence < dating::LOW_CONFIDENCE
        {
            warnings.push(format!(
                "{}: date {} inferred with low confidence ({:.2}): {}",
                a.path,
                d.published.map_or("?".to_string(), |p| p.to_string()),
                d.confidence,
                d.note
            ));
        }
    }
    for e in &events {
        for c in &e.conflicts {
            warnings.push(format!("event {} ({}): {}", e.id, e.date, c.note));
        }
    }
    // Last, once salience is final: context facts never outrank the story.
    background::mark(&mut events, &dating);
    Assembled {
        dating,
        events,
        warnings,
    }
}

/// How much an event noun outranks rare words in an event id.
const EVENT_NOUN_BONUS: f32 = 4.0;

/// Gives every event its id: day plus rare headline words, made unique deterministically.
fn name_events(events: &mut [timeline::Event], articles: &[Article], matcher: &Matcher) {
    // A map, not a search of every article per event (quadratic on big sites).
    let mut langs: std::collections::HashMap<&str, crate::lang::Lang> =
        std::collections::HashMap::new();
    for a in articles {
        langs.entry(a.id.as_str()).or_insert(a.lang);
    }
    let lang_of = |source: &str| langs.get(source).copied().unwrap_or(crate::lang::Lang::Fr);
    let mut ids: Vec<String> = events
        .iter()
        .map(|e| {
            let lang = e
                .citations
                .first()
                .map(|c| lang_of(&c.source))
                .unwrap_or(crate::lang::Lang::Fr);
            let lex = lexicon::get(lang);
            // Event nouns name the happening best; then the rarest words.
            let rarity = |w: &str| {
                let f = lex.feature(w);
                let bonus = if f.starts_with(lexicon::GROUP_PREFIX) {
                    EVENT_NOUN_BONUS
                } else {
                    0.0
                };
                matcher.rarity(&f, &fold(w)) + bonus
            };
            ids::make_id(&e.date, &e.headline, lex, &rarity)
        })
        .collect();
    let keys: Vec<String> = events
        .iter()
        .map(|e| {
            let mut k = e.date.to_string();
            for c in &e.citations {
                k.push_str(&format!("|{}:{}", c.source, c.start));
            }
            k
        })
        .collect();
    ids::dedupe(&mut ids, &keys);
    for (e, id) in events.iter_mut().zip(ids) {
        e.id = id;
    }
}
