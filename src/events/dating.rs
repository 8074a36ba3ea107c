//! Dating articles: the front matter or a date line when they give a day; otherwise the
//! reference day that makes the article's weekdays ("mercredi", "jeudi") land on the days that
//! already-dated articles give the same happenings, weighed over every mention.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::mentions::Mention;
use super::similarity::{Matcher, Vector, cosine};
use rayon::prelude::*;

use super::value::{day, precision};
use crate::content::Article;
use crate::time::{Anchor, Timex};
use crate::timeline::DateBasis;
use crate::timeline::{DateValue, Precision};

/// A mention of another article must be at least this similar to count as the same happening.
pub const MATCH: f32 = 0.2;
/// Below this confidence an inferred date is reported as a warning.
pub const LOW_CONFIDENCE: f64 = crate::timeline::CONFIDENCE_LOW;
/// Part of a match lost when a future-tense mention lands on the reading's own day.
const SAME_DAY_FUTURE: f32 = 0.25;
/// Bonus for each `ce <weekday>` that lands on the reading's own day.
const TODAY: f32 = 0.15;
/// Bonus for each relative mention that lands on a day other articles report.
const LANDED: f32 = 0.02;
/// Scores this close to the best count as ties.
const NEAR_TIE: f32 = 0.0;
/// Weight of resemblances below [`MATCH`] in the score of a reading.
const SOFT: f32 = 0.25;
/// Dated mentions sharing a feature beyond which it is ignored for placing articles.
const COMMON: usize = 400;
/// Days a relative mention proposes readings around: those of its best matches.
const TOP_DAYS: usize = 3;
/// How far around the dated articles an undated one may be placed, in days.
const WINDOW: u64 = 8;

/// How one article ends up dated.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The reference day the article's relative dates resolve against.
    pub day: Option<NaiveDate>,
    /// The publication date as reported.
    pub published: Option<DateValue>,
    /// How the date was found.
    pub basis: DateBasis,
    /// 0–1.
    pub confidence: f64,
    /// How the date was found, for `annales check`.
    pub note: String,
    /// What an inferred date rests on, for readers.
    pub evidence: Option<crate::timeline::DatingEvidence>,
    /// The evidence behind the date (sum of matches), to rank placements.
    pub support: f32,
}

/// Dated mentions of placed articles, by day, with their vectors.
#[derive(Default)]
struct Evidence {
    by_day: HashMap<NaiveDate, Vec<Vector>>,
    /// Main feature → the dated mentions (day, index in `by_day`) that have it.
    index: HashMap<u32, Vec<(NaiveDate, usize)>>,
}

impl Evidence {
    fn add(&mut self, mentions: &[Mention], matcher: &Matcher) {
        for m in mentions {
            if precision(&m.value).is_some_and(|p| p >= Precision::Day)
                && let Some(d) = day(&m.value)
            {
                let v = matcher.vector(m);
                let list = self.by_day.entry(d).or_default();
                for f in main_features(&v) {
                    self.index.entry(f).or_default().push((d, list.len()));
                }
                list.push(v);
            }
        }
    }

    /// The best resemblance of `v` to the dated mentions of each day, for the days where some
    /// mention shares one of its main features.
    fn similar(&self, v: &Vector) -> HashMap<NaiveDate, f32> {
        let mut out: HashMap<NaiveDate, f32> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for f in main_features(v) {
            let list = self.index.get(&f).map(Vec::as_slice).unwrap_or(&[]);
            // A feature that many dated mentions share cannot tell their days apart.
            if list.len() > COMMON {
                continue;
            }
            for &(d, k) in list {
                if !seen.insert((d, k)) {
                    continue;
                }
                let s = cosine(v, &self.by_day[&d][k]);
                let e = out.entry(d).or_insert(0.0);
                *e = e.max(s);
            }
        }
        out
    }
}

/// Features of a vector that are looked up in the evidence index.
fn main_features(v: &Vector) -> Vec<u32> {
    let mut top: Vec<&(u32, f32)> = v.iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.iter().take(8).map(|x| x.0).collect()
}

/// Re-reads article `i` as if published on a day: its temporal expressions resolved against it.
pub type Retag<'a> = dyn Fn(usize, NaiveDate) -> Vec<Timex> + Sync + 'a;
/// Mentions of article `i` read as if published on a day (its [`Retag`], then extracted).
pub type Reread<'a> = dyn Fn(usize, NaiveDate) -> Vec<Mention> + Sync + 'a;

/// Places every article. `mentions[i]` are article i's mentions as analysed alone; once an
/// article is placed they are re-read with its day as reference.
pub fn place_all(
    articles: &[Article],
    mentions: &mut [std::borrow::Cow<'_, [Mention]>],
    matcher: &Matcher,
    retag: &Retag<'_>,
    reread: &Reread<'_>,
) -> Vec<Placement> {
    let mut out: Vec<Option<Placement>> = articles.iter().map(own_placement).collect();
    // Each article still to place is read as if written on each day of one week; any other
    // day's reading is that of the same weekday shifted by whole weeks, so seven taggings per
    // article serve every candidate day.
    let base = base_monday(articles, mentions);
    let weeks: Vec<Option<Week>> = (0..articles.len())
        .into_par_iter()
        .map(|i| {
            if out[i].is_some() {
                return None;
            }
            let monday = articles[i]
                .date
                .and_then(|p| NaiveDate::from_ymd_opt(p.year, p.month.unwrap_or(1), 1))
                .map(monday_of)
                .unwrap_or(base);
            let days: Vec<Vec<Timex>> =
                (0..7u64).map(|k| retag(i, monday + Days::new(k))).collect();
            Some(Week { monday, days })
        })
        .collect();
    let mut evidence = Evidence::default();
    for (i, p) in out.iter().enumerate() {
        if p.is_some() {
            evidence.add(&mentions[i], matcher);
        }
    }
    // Place the best-supported articles first, and let them support the others.
    loop {
        let pending: Vec<usize> = (0..articles.len()).filter(|&i| out[i].is_none()).collect();
        if pending.is_empty() {
            break;
        }
        let scored: Vec<(usize, Placement)> = pending
            .par_iter()
            .filter_map(|&i| {
                let week = weeks[i].as_ref()?;
                infer(&articles[i], &mentions[i], &evidence, matcher, week).map(|p| (i, p))
            })
            .collect();
        if scored.is_empty() {
            break;
        }
        // The surest first: each placed article is evidence for the others. Taking a quarter
        // per round keeps the number of rounds logarithmic.
        let mut ranked = scored;
        ranked.sort_by(|a, b| {
            b.1.confidence
                .total_cmp(&a.1.confidence)
                .then(b.1.support.total_cmp(&a.1.support))
                .then(a.0.cmp(&b.0))
        });
        let take = (pending.len() / 4).max(1);
        let chosen: Vec<(usize, Placement)> = ranked.into_iter().take(take).collect();
        // Re-read in parallel, then added as evidence in order.
        let reread: Vec<Option<Vec<Mention>>> = chosen
            .par_iter()
            .map(|(i, p)| p.day.map(|d| reread(*i, d)))
            .collect();
        for ((i, p), fresh) in chosen.into_iter().zip(reread) {
            if let Some(fresh) = fresh {
                mentions[i] = std::borrow::Cow::Owned(fresh);
                evidence.add(&mentions[i], matcher);
            }
            out[i] = Some(p);
        }
    }
    out.into_iter()
        .zip(articles)
        .map(|(p, a)| {
            p.unwrap_or_else(|| Placement {
                day: None,
                published: a.date.map(|d| d.value()),
                basis: a.date_basis,
                confidence: 0.0,
                note: "nothing in the text or in other articles places it".into(),
                evidence: None,
                support: 0.0,
            })
        })
        .collect()
}

/// An article read as if written on each day of one week.
pub struct Week {
    monday: NaiveDate,
    days: Vec<Vec<Timex>>,
}

impl Week {
    /// The article's temporal expressions as read on `d`, with the day each names: relative
    /// ones shift with `d` by whole weeks, absolute ones stay.
    fn read(&self, d: NaiveDate) -> Vec<(&Timex, Option<NaiveDate>)> {
        let offset = (d - self.monday).num_days();
        let k = offset.rem_euclid(7) as usize;
        let weeks = offset.div_euclid(7);
        let Some(tagged) = self.days.get(k) else {
            return Vec::new();
        };
        tagged
            .iter()
            .map(|t| {
                // `21 septembre` names its day whatever the reading; `jeudi`, `hier` move.
                let explicit = t.text.chars().any(|c| c.is_ascii_digit());
                let r = day(&t.value).and_then(|r| match t.anchor {
                    Anchor::Reference | Anchor::Previous if !explicit => {
                        r.checked_add_signed(chrono::Duration::days(7 * weeks))
                    }
                    _ => Some(r),
                });
                (t, r)
            })
            .collect()
    }
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// A Monday amid the days the articles give (their own dates, or else the days their texts
/// name), to read undated articles around.
fn base_monday(articles: &[Article], mentions: &[std::borrow::Cow<'_, [Mention]>]) -> NaiveDate {
    let mut days: Vec<NaiveDate> = articles
        .iter()
        .filter_map(|a| a.date.and_then(|d| d.naive()))
        .collect();
    if days.is_empty() {
        days = mentions
            .iter()
            .flat_map(|ms| ms.iter())
            .filter(|m| m.anchor == Anchor::None)
            .filter_map(|m| day(&m.value))
            .collect();
    }
    days.sort();
    let mid = days
        .get(days.len() / 2)
        .copied()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default());
    monday_of(mid)
}

/// The placement an article's own date gives, when it gives a day.
fn own_placement(a: &Article) -> Option<Placement> {
    let d = a.date?;
    let day = d.naive()?;
    Some(Placement {
        day: Some(day),
        published: Some(d.value()),
        basis: a.date_basis,
        confidence: 1.0,
        note: String::new(),
        evidence: None,
        support: f32::MAX,
    })
}

/// Infers the reference day of an article that lacks one.
fn infer(
    a: &Article,
    mentions: &[Mention],
    evidence: &Evidence,
    matcher: &Matcher,
    week: &Week,
) -> Option<Placement> {
    // Explicit days in the text bound the publication from below.
    let explicit: Vec<NaiveDate> = mentions
        .iter()
        .filter(|m| matches!(m.anchor, Anchor::None | Anchor::Reference))
        .filter_map(|m| day(&m.value))
        .filter(|d| within_partial(a, *d))
        .collect();
    let floor = explicit.iter().max().copied();
    let lex = super::lexicon::get(a.lang);
    // Relative mentions, each with its vector; the tagger resolves them for each candidate day
    // (tense and cue words decide the direction of a weekday).
    let relative: Vec<(&Mention, Vector)> = mentions
        .iter()
        .filter(|m| m.anchor == Anchor::Unresolved)
        .map(|m| (m, matcher.vector(m)))
        .collect();
    if relative.is_empty() && floor.is_none() {
        return None;
    }
    let relative_sims: Vec<HashMap<NaiveDate, f32>> =
        relative.iter().map(|(_, v)| evidence.similar(v)).collect();
    let mut candidates: Vec<NaiveDate> = Vec::new();
    if let Some(p) = a.date {
        let (first, last) = partial_range(p.year, p.month)?;
        let mut d = first;
        while d <= last {
            candidates.push(d);
            d = d.succ_opt()?;
        }
    } else {
        // Readings within a week of a day on which other articles report something alike.
        let mut set: std::collections::BTreeSet<NaiveDate> = std::collections::BTreeSet::new();
        for sims in &relative_sims {
            let mut days: Vec<(&NaiveDate, &f32)> =
                sims.iter().filter(|(_, s)| **s >= MATCH).collect();
            days.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
            for (r, _) in days.into_iter().take(TOP_DAYS) {
                for k in -(WINDOW as i64)..=(WINDOW as i64) {
                    set.extend(r.checked_add_signed(chrono::Duration::days(k)));
                }
            }
        }
        if let Some(f) = floor {
            for k in 0..=WINDOW {
                set.extend(f.checked_add_days(Days::new(k)));
            }
        }
        candidates.extend(set);
    }
    candidates.retain(|d| floor.is_none_or(|f| *d >= f));
    if candidates.is_empty() {
        return None;
    }
    let mut scores: Vec<(NaiveDate, f32, usize, usize, f32)> = Vec::with_capacity(candidates.len());
    for &d in &candidates {
        let tagged = week.read(d);
        // `ce mercredi` (in the title too) is usually written on that Wednesday.
        let today = tagged
            .iter()
            .filter(|(t, r)| is_today_cue(&t.text, lex) && *r == Some(d))
            .count();
        let resolved: HashMap<usize, NaiveDate> = tagged
            .iter()
            .filter_map(|(t, r)| r.map(|r| (t.start, r)))
            .collect();
        let (mut score, mut n, mut landed, mut strong) = (0.0, 0, 0, 0.0f32);
        for (k, (m, _)) in relative.iter().enumerate() {
            let Some(&r) = resolved.get(&m.time_start) else {
                continue;
            };
            let s = relative_sims[k].get(&r).copied().unwrap_or(0.0);
            if evidence.by_day.contains_key(&r) {
                landed += 1;
            }
            // Weak resemblances still tell a right reading from a shifted one, a little.
            if s >= MATCH {
                score += s;
                strong += s;
                n += 1;
                // Announced in the future tense: most likely written before that day.
                if m.tense == crate::time::Tense::Future && r <= d {
                    score -= SAME_DAY_FUTURE * s;
                }
            } else {
                score += SOFT * s;
            }
        }
        score += TODAY * today as f32;
        // Landing on days that other articles report is itself a sign of the right reading.
        score += LANDED * landed as f32;
        scores.push((d, score, n, landed, strong));
    }
    // Among readings about as good as the best, the earliest: articles report what just
    // happened, so later readings only add days in which nothing is reported.
    let top = scores.iter().map(|s| s.1).fold(f32::MIN, f32::max);
    let best = scores
        .iter()
        .filter(|s| s.1 >= top - NEAR_TIE)
        .min_by(|a, b| a.0.cmp(&b.0))
        .copied()?;
    // Evidence available at all: each relative mention's best match on any candidate day.
    let possible: f32 = relative
        .iter()
        .enumerate()
        .map(|(k, _)| {
            relative_sims[k]
                .values()
                .copied()
                .filter(|s| *s >= MATCH)
                .fold(0.0, f32::max)
        })
        .sum();
    if best.2 > 0 {
        let strong = best.4;
        let agreement = f64::from(strong / possible.max(f32::EPSILON)).min(1.0);
        let support = (best.2 as f64 / 2.0).min(1.0);
        return Some(Placement {
            day: Some(best.0),
            published: Some(DateValue::Day(best.0)),
            basis: DateBasis::Inferred,
            confidence: round2(agreement * support),
            note: format!(
                "{} of its dated mentions match other articles on this reading",
                best.2
            ),
            evidence: Some(crate::timeline::DatingEvidence::Matches { mentions: best.2 }),
            support: best.4,
        });
    }
    let f = floor?;
    Some(Placement {
        day: Some(f),
        published: Some(DateValue::Day(f)),
        basis: DateBasis::Inferred,
        confidence: if a.date.is_some() { 0.6 } else { 0.3 },
        note: "the latest day the text names".into(),
        evidence: Some(crate::timeline::DatingEvidence::LatestDay),
        support: 0.0,
    })
}

fn is_today_cue(time_text: &str, lex: &super::lexicon::Lexicon) -> bool {
    let f = crate::text::fold(time_text);
    let first = f.split_whitespace().next().unwrap_or("");
    lex.today_cues.iter().any(|c| c == first)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn within_partial(a: &Article, d: NaiveDate) -> bool {
    match a.date {
        Some(p) => d.year() == p.year && p.month.is_none_or(|m| m == d.month()),
        None => true,
    }
}

fn partial_range(year: i32, month: Option<u32>) -> Option<(NaiveDate, NaiveDate)> {
    match month {
        Some(m) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        None => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
    }
}

/// The warning for an article whose front-matter (or page metadata) date a metadata line of its text contradicts
/// (another day, at the precision both give); the stated date is kept.
pub fn contradiction(a: &Article) -> Option<String> {
    let line = a.dateline.as_ref()?;
    let what = match a.date_basis {
        DateBasis::FrontMatter => "front-matter date",
        DateBasis::Metadata => "page metadata date",
        _ => return None,
    };
    let fm = a.date?;
    let l = line.date;
    let differs = fm.year != l.year
        || matches!((fm.month, l.month), (Some(x), Some(y)) if x != y)
        || matches!((fm.day, l.day), (Some(x), Some(y)) if x != y);
    differs.then(|| {
        format!(
            "{}: its {what} {} contradicts the metadata line of its text, which gives \
             {} (\u{201c}{}\u{201d}); the {what} is kept: correct whichever is wrong",
            a.path,
            fm.value(),
            l.value(),
            line.line
        )
    })
}
