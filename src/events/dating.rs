//! Dating articles: the front matter or a date line when they give a day; otherwise the
//! reference day that makes the article's weekdays ("mercredi", "jeudi") land on the days that
//! already-dated articles give the same happenings, weighed over every mention.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};

use super::mentions::Mention;
use super::similarity::{Matcher, Vector, cosine};
use super::value::{Precision, day, precision, resolve_unspecified};
use crate::content::{Article, DateBasis};
use crate::time::Anchor;

/// A mention of another article must be at least this similar to count as the same happening.
pub const MATCH: f32 = 0.22;
/// Below this confidence an inferred date is reported as a warning.
pub const LOW_CONFIDENCE: f64 = 0.5;
/// How far around the dated articles an undated one may be placed, in days.
const WINDOW: u64 = 10;

/// How one article ends up dated.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The reference day the article's relative dates resolve against.
    pub day: Option<NaiveDate>,
    /// TIMEX3 value of the publication date as reported.
    pub published: Option<String>,
    /// `front-matter`, `header`, `inferred` or `unknown`.
    pub basis: &'static str,
    /// 0–1.
    pub confidence: f64,
    /// How the date was found, for `annales check`.
    pub note: String,
}

/// Dated mentions of placed articles, by day, with their vectors.
#[derive(Default)]
struct Evidence {
    by_day: HashMap<NaiveDate, Vec<Vector>>,
}

impl Evidence {
    fn add(&mut self, mentions: &[Mention], matcher: &Matcher) {
        for m in mentions {
            if precision(&m.value).is_some_and(|p| p >= Precision::Day)
                && let Some(d) = day(&m.value)
            {
                self.by_day.entry(d).or_default().push(matcher.vector(m));
            }
        }
    }

    fn best(&self, d: NaiveDate, v: &Vector) -> f32 {
        self.by_day
            .get(&d)
            .map(|vs| vs.iter().map(|o| cosine(v, o)).fold(0.0, f32::max))
            .unwrap_or(0.0)
    }

    fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let lo = self.by_day.keys().min()?;
        let hi = self.by_day.keys().max()?;
        Some((*lo, *hi))
    }
}

/// Places every article. `mentions[i]` are article i's mentions as analysed alone;
/// `retag(i, day)` re-extracts them with `day` as reference once the article is placed.
pub fn place_all(
    articles: &[Article],
    mentions: &mut [std::borrow::Cow<'_, [Mention]>],
    matcher: &Matcher,
    retag: &(dyn Fn(usize, NaiveDate) -> Vec<Mention> + Sync),
) -> Vec<Placement> {
    let mut out: Vec<Option<Placement>> = articles.iter().map(own_placement).collect();
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
            .iter()
            .filter_map(|&i| infer(&articles[i], &mentions[i], &evidence, matcher).map(|p| (i, p)))
            .collect();
        let sure: Vec<&(usize, Placement)> = scored
            .iter()
            .filter(|(_, p)| p.confidence >= LOW_CONFIDENCE)
            .collect();
        let chosen: Vec<(usize, Placement)> = if sure.is_empty() {
            // Take the single best guess, so that it can help the rest.
            match scored.iter().max_by(|a, b| {
                a.1.confidence
                    .total_cmp(&b.1.confidence)
                    .then(b.0.cmp(&a.0))
            }) {
                Some(best) => vec![best.clone()],
                None => break,
            }
        } else {
            sure.into_iter().cloned().collect()
        };
        for (i, p) in chosen {
            if let Some(d) = p.day {
                mentions[i] = std::borrow::Cow::Owned(retag(i, d));
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
                basis: match a.date_basis {
                    DateBasis::Header => "header",
                    DateBasis::FrontMatter => "front-matter",
                    DateBasis::Unknown => "unknown",
                },
                confidence: 0.0,
                note: "nothing in the text or in other articles places it".into(),
            })
        })
        .collect()
}

/// The placement an article's own date gives, when it gives a day.
fn own_placement(a: &Article) -> Option<Placement> {
    let d = a.date?;
    let day = d.naive()?;
    Some(Placement {
        day: Some(day),
        published: Some(d.value()),
        basis: match a.date_basis {
            DateBasis::Header => "header",
            _ => "front-matter",
        },
        confidence: 1.0,
        note: String::new(),
    })
}

/// Infers the reference day of an article that lacks one.
fn infer(
    a: &Article,
    mentions: &[Mention],
    evidence: &Evidence,
    matcher: &Matcher,
) -> Option<Placement> {
    // Explicit days in the text bound the publication from below.
    let explicit: Vec<NaiveDate> = mentions
        .iter()
        .filter(|m| m.anchor == Anchor::None)
        .filter_map(|m| day(&m.value))
        .filter(|d| within_partial(a, *d))
        .collect();
    let floor = explicit.iter().max().copied();
    let mut candidates: Vec<NaiveDate> = Vec::new();
    if let Some(p) = a.date {
        let (first, last) = partial_range(p.year, p.month)?;
        let mut d = first;
        while d <= last {
            candidates.push(d);
            d = d.succ_opt()?;
        }
    } else {
        let mut lo_hi: Vec<NaiveDate> = Vec::new();
        if let Some((lo, hi)) = evidence.span() {
            lo_hi.push(lo.checked_sub_days(Days::new(WINDOW))?);
            lo_hi.push(hi.checked_add_days(Days::new(WINDOW))?);
        }
        if let Some(f) = floor {
            lo_hi.push(f);
            lo_hi.push(f.checked_add_days(Days::new(WINDOW))?);
        }
        let (lo, hi) = (*lo_hi.iter().min()?, *lo_hi.iter().max()?);
        let mut d = lo;
        while d <= hi {
            candidates.push(d);
            d = d.succ_opt()?;
        }
    }
    candidates.retain(|d| floor.is_none_or(|f| *d >= f));
    if candidates.is_empty() {
        return None;
    }
    // Relative mentions, each with its vector, and a memo of its best match per resolved day.
    let relative: Vec<(&Mention, Vector)> = mentions
        .iter()
        .filter(|m| m.value.starts_with("XXXX-"))
        .map(|m| (m, matcher.vector(m)))
        .collect();
    let mut memo: BTreeMap<(usize, NaiveDate), f32> = BTreeMap::new();
    let mut score_of = |d: NaiveDate| -> (f32, usize) {
        let mut score = 0.0;
        let mut n = 0;
        for (k, (m, v)) in relative.iter().enumerate() {
            let Some(r) =
                resolve_unspecified(&m.value, m.weekday, m.tense, d).and_then(|r| day(&r))
            else {
                continue;
            };
            let s = *memo.entry((k, r)).or_insert_with(|| evidence.best(r, v));
            if s >= MATCH {
                score += s;
                n += 1;
            }
        }
        (score, n)
    };
    let scores: Vec<(NaiveDate, f32, usize)> = candidates
        .iter()
        .map(|&d| {
            let (s, n) = score_of(d);
            (d, s, n)
        })
        .collect();
    let best = scores
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .copied()?;
    // Evidence available at all: each relative mention's best match on any candidate day.
    let possible: f32 = relative
        .iter()
        .enumerate()
        .map(|(k, _)| {
            memo.iter()
                .filter(|((kk, _), _)| *kk == k)
                .map(|(_, s)| *s)
                .filter(|s| *s >= MATCH)
                .fold(0.0, f32::max)
        })
        .sum();
    if best.1 > 0.0 {
        let agreement = f64::from(best.1 / possible.max(f32::EPSILON)).min(1.0);
        let support = (best.2 as f64 / 2.0).min(1.0);
        return Some(Placement {
            day: Some(best.0),
            published: Some(best.0.format("%Y-%m-%d").to_string()),
            basis: "inferred",
            confidence: round2(agreement * support),
            note: format!(
                "{} of its dated mentions match other articles on this reading",
                best.2
            ),
        });
    }
    let f = floor?;
    Some(Placement {
        day: Some(f),
        published: Some(f.format("%Y-%m-%d").to_string()),
        basis: "inferred",
        confidence: if a.date.is_some() { 0.6 } else { 0.3 },
        note: "the latest day the text names".into(),
    })
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
