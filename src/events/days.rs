//! Day weights: how much a calendar day matters to the whole collection, from signals no single
//! article gives (in the spirit of the DATEWISE date ranker of Ghalandari & Ifrim, 2020, without
//! its trained model). The timeline's day ranking (the sum of a day's event saliences) follows
//! this weight, so that a day many articles date explicitly, weeks later, outranks a day that
//! merely has many events (one live blog's forty entries).
//!
//! The mentions counted are the citations of the events (each dated to its event's day, the day
//! its sources agreed on). Signals, each article counted once per day whatever its number of
//! mentions, and a dispatch reprinted word for word by several outlets counted once:
//! - articles that name the day explicitly (its day number written: `le 12 mai`, `May 12`):
//!   an article that bothers to write the date, often long after, says the day is a landmark;
//! - articles that refer to it only relatively (`mardi`, `hier`): mostly the day's own news in
//!   the next morning's article, which the publication burst also counts, so they weigh a
//!   tenth and mostly break ties;
//! - the burst of publications on the day and the next day (the day's news is printed the next
//!   morning);
//! - articles published two days or more after the day that still mention it (hindsight).
//!
//! Mentions by articles published before the day (anticipation: an announced vote) were tried
//! and left out: on the development collections they lowered the day ranking on one half and
//! raised it on none (announcements are also of things that never happen).
//!
//! Each signal is saturated by a square root so that no one of them dominates. A day next to a
//! stronger day keeps its weight: discounting it (by the ratio of the two weights, on the idea
//! that a chronology keeps the happening and not the next day's reactions) was tried and
//! removed, since the reference chronologies of crises keep runs of consecutive days (on the
//! development collections it changed nothing in French and lost days in Italian and Spanish).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::timeline::Event;

/// One article's mention of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sighting<'a> {
    /// Index of the article.
    pub article: usize,
    /// The article's id, to count reprints of one dispatch as one witness.
    pub source: &'a str,
    /// The sentence quoted.
    pub quote: &'a str,
    /// The day mentioned.
    pub day: NaiveDate,
    /// The expression writes the day's number (`le 12 mai`), not a relative word (`mardi`).
    pub explicit: bool,
}

/// Weight of an article naming the day only relatively, against 1 for one naming it
/// explicitly: a tenth, since a relative word (`mardi` in the next morning's article) is the
/// day's own news, which the publication burst already counts; it orders the days no article
/// dates explicitly.
const RELATIVE: f64 = 0.1;
/// Weight of the publication burst (articles published on the day or the next), against 1 for
/// explicit mentions: a busy news day is a hint, not proof (busy days are also slow news days
/// padded with live blogs).
const BURST: f64 = 0.25;
/// Weight of an article published two days or more after the day that still mentions it, in
/// any form (hindsight: the happening mattered beyond its own news cycle), against 1 for an
/// explicit mention, which such articles often also are: half, to add without doubling.
const RETROSPECTIVE: f64 = 0.5;

/// The weight of every day some article mentions at day precision. `published[i]` is article
/// `i`'s own day, when known. Deterministic: days in calendar order, counts of distinct
/// articles.
pub fn weights(
    sightings: &[Sighting<'_>],
    published: &[Option<NaiveDate>],
) -> BTreeMap<NaiveDate, f64> {
    use std::collections::BTreeSet;
    // Per day and signal, the (source, quote) pairs: counted as independent witnesses, so that
    // an article counts once whatever its mentions, and one dispatch reprinted word for word
    // by two outlets counts once too.
    type Pairs<'a> = BTreeMap<NaiveDate, BTreeSet<(&'a str, &'a str)>>;
    let (mut explicit, mut relative, mut later) = (Pairs::new(), Pairs::new(), Pairs::new());
    for s in sightings {
        let pair = (s.source, s.quote);
        // No panic at the end of the calendar: no next day, no hindsight.
        let published = published.get(s.article).copied().flatten();
        if published.is_some_and(|p| s.day.succ_opt().is_some_and(|next| p > next)) {
            later.entry(s.day).or_default().insert(pair);
        }
        let map = if s.explicit {
            &mut explicit
        } else {
            &mut relative
        };
        map.entry(s.day).or_default().insert(pair);
    }
    let mut printed: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in published.iter().flatten() {
        *printed.entry(*d).or_default() += 1;
    }
    let days: BTreeSet<NaiveDate> = explicit.keys().chain(relative.keys()).copied().collect();
    // Each quote reduced to its wording once, though it is counted under several signals.
    let quotes: BTreeSet<&str> = sightings.iter().map(|s| s.quote).collect();
    let worded: std::collections::HashMap<&str, String> = quotes
        .into_par_iter()
        .map(|q| (q, crate::text::wording(q)))
        .collect();
    let independent = |pairs: &mut dyn Iterator<Item = (&str, &str)>| {
        super::salience::independent_worded(
            pairs.map(|(s, q)| (s, worded.get(q).map_or("", String::as_str))),
        )
    };
    days.iter()
        .map(|&d| {
            let count = |m: &Pairs<'_>| {
                m.get(&d).map_or(0.0, |pairs| {
                    (independent(&mut pairs.iter().copied()) as f64).sqrt()
                })
            };
            // An article that names the day explicitly is not counted again as relative.
            let named: BTreeSet<&str> = explicit
                .get(&d)
                .map(|p| p.iter().map(|(s, _)| *s).collect())
                .unwrap_or_default();
            let r = relative.get(&d).map_or(0.0, |pairs| {
                let mut only = pairs.iter().copied().filter(|(s, _)| !named.contains(s));
                (independent(&mut only) as f64).sqrt()
            });
            let next = d.succ_opt();
            let p = printed.get(&d).copied().unwrap_or(0)
                + next.and_then(|n| printed.get(&n)).copied().unwrap_or(0);
            let w = count(&explicit)
                + RELATIVE * r
                + BURST * (p as f64).sqrt()
                + RETROSPECTIVE * count(&later);
            (d, w)
        })
        .collect()
}

/// Rescales every event's salience (its own strength on entry) with the weight of its day:
/// events dated to the day carry their day's weight ([`super::salience::within_day`]), the
/// others keep at most their own strength ([`super::salience::off_day`]). A day no sighting
/// covers weighs as one relative mention.
pub fn apply(events: &mut [Event], weights: &BTreeMap<NaiveDate, f64>) {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (k, e) in events.iter_mut().enumerate() {
        match e.date.date() {
            Some(d) => by_day.entry(d).or_default().push(k),
            None => e.salience = super::salience::off_day(e.salience),
        }
    }
    for (d, ks) in by_day {
        let w = weights.get(&d).copied().unwrap_or(RELATIVE);
        let own: Vec<f64> = ks.iter().map(|&k| events[k].salience).collect();
        for (k, s) in ks.into_iter().zip(super::salience::within_day(w, &own)) {
            events[k].salience = s;
        }
    }
}

/// The sightings behind the events dated to the day: each citation is its source's mention of
/// the event's day (the day the sources agreed on, whatever a stray mention said). `article`
/// gives a source id's index in `published`; unknown sources are left out.
pub fn cited<'a>(
    events: &'a [Event],
    article: &std::collections::HashMap<&str, usize>,
) -> Vec<Sighting<'a>> {
    let mut out = Vec::new();
    for e in events {
        let Some(day) = e.date.date() else {
            continue;
        };
        for c in &e.citations {
            if let Some(&i) = article.get(c.source.as_str()) {
                out.push(Sighting {
                    article: i,
                    source: &c.source,
                    quote: &c.quote,
                    day,
                    explicit: names_day_number(&c.time_text, day),
                });
            }
        }
    }
    out
}

/// Whether a temporal expression naming `day` writes the day's number (`le 12 mai`,
/// `May 12th`, `2024-05-12`, `1er avril`) rather than a relative word (`mardi`, `hier`). A
/// number followed by `h` or `:` is a clock time (`à 19h`, `19:30`), not the day.
pub fn names_day_number(time_text: &str, day: NaiveDate) -> bool {
    use chrono::Datelike;
    let mut rest = time_text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let after = tail[len..].chars().next();
        let clock = matches!(after, Some('h' | 'H' | ':'));
        if !clock && tail[..len].parse::<u32>().ok() == Some(day.day()) {
            return true;
        }
        rest = &tail[len..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 10] = ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"];
    const QUOTES: [&str; 4] = ["q0", "q1", "q2", "q3"];

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, d).unwrap()
    }

    /// Article `a`'s mention of day `d`, in its own words (quote `q`).
    fn seen(a: usize, d: u32, explicit: bool, q: usize) -> Sighting<'static> {
        Sighting {
            article: a,
            source: IDS[a],
            quote: QUOTES[q],
            day: day(d),
            explicit,
        }
    }

    #[test]
    fn the_day_number_is_told_from_weekdays_and_clock_times() {
        assert!(names_day_number("le 19 mars", day(19)));
        assert!(names_day_number("March 19th", day(19)));
        assert!(names_day_number("2024-03-19", day(19)));
        assert!(names_day_number("1er mars", day(1)));
        assert!(!names_day_number("mardi", day(19)));
        assert!(!names_day_number("yesterday", day(19)));
        assert!(!names_day_number("mardi à 19h", day(19)));
        assert!(!names_day_number("Tuesday at 19:30", day(19)));
        assert!(!names_day_number("le 2 mars", day(19)));
    }

    #[test]
    fn an_article_counts_once_per_day_whatever_its_mentions() {
        let published = vec![Some(day(10)); 3];
        let once = vec![seen(0, 5, true, 0)];
        let forty: Vec<Sighting<'_>> = (0..40).map(|k| seen(0, 5, true, k % 4)).collect();
        assert_eq!(weights(&once, &published), weights(&forty, &published));
    }

    #[test]
    fn a_dispatch_reprinted_word_for_word_is_one_witness() {
        let published = vec![Some(day(10)); 3];
        let reprint = weights(&[seen(0, 5, true, 0), seen(1, 5, true, 0)], &published);
        let two = weights(&[seen(0, 5, true, 0), seen(1, 5, true, 1)], &published);
        let one = weights(&[seen(0, 5, true, 0)], &published);
        assert_eq!(reprint, one);
        assert!(two[&day(5)] > one[&day(5)]);
    }

    #[test]
    fn explicit_dates_from_many_articles_outweigh_one_busy_relative_day() {
        // Day 5 is dated explicitly by four articles; day 12 is the day of six articles that
        // say "today" and were published that day.
        let mut published = vec![Some(day(20)); 4];
        published.extend(vec![Some(day(12)); 6]);
        let mut s: Vec<Sighting<'_>> = (0..4).map(|a| seen(a, 5, true, a)).collect();
        s.extend((4..10).map(|a| seen(a, 12, false, 0)));
        let w = weights(&s, &published);
        assert!(w[&day(5)] > w[&day(12)], "{w:?}");
    }

    #[test]
    fn a_day_next_to_a_stronger_day_keeps_its_weight() {
        let published = vec![Some(day(20)); 4];
        let mut s: Vec<Sighting<'_>> = (0..4).map(|a| seen(a, 5, true, a)).collect();
        s.extend([seen(0, 6, true, 0), seen(1, 6, true, 1)]);
        s.extend([seen(2, 9, true, 2), seen(3, 9, true, 3)]);
        let w = weights(&s, &published);
        // Days 6 and 9 are each named by two articles: day 6 sitting next to the stronger day
        // 5 (the second day of a crisis, as often as its reactions) does not make it weigh less.
        assert_eq!(w[&day(6)], w[&day(9)], "{w:?}");
        assert!(w[&day(5)] > w[&day(9)]);
    }
}
