//! Day weights: how much a calendar day matters to the whole collection, from signals no single
//! article gives (in the spirit of the DATEWISE date ranker of Ghalandari & Ifrim, 2020, without
//! its trained model). The timeline's day ranking (the sum of a day's event saliences) follows
//! this weight, so that a day many articles date explicitly, weeks later, outranks a day that
//! merely has many events (one live blog's forty entries).
//!
//! Signals, each article counted once per day whatever its number of mentions:
//! - articles that name the day explicitly (its day number written: `le 19 mars`, `March 19`):
//!   an article that bothers to write the date, often long after, says the day is a landmark;
//! - articles that refer to it only relatively (`mardi`, `hier`): mostly the day's own news in
//!   the next morning's article, which the publication burst already counts, so they only order
//!   days no article dates explicitly;
//! - the burst of publications on the day and the next day (the day's news is printed the next
//!   morning).
//!
//! Each signal is saturated by a square root so that no one of them dominates, and a day next
//! to a stronger day is discounted: reference chronologies rarely keep both the happening and
//! its reactions of the next day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::timeline::Event;

/// One article's mention of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sighting {
    /// Index of the article.
    pub article: usize,
    /// The day mentioned.
    pub day: NaiveDate,
    /// The expression writes the day's number (`le 19 mars`), not a relative word (`mardi`).
    pub explicit: bool,
}

/// Weight of an article naming the day only relatively, against 1 for one naming it
/// explicitly: a tie-breaker among days nobody dates, never a rival of an explicit date.
const RELATIVE: f64 = 0.1;
/// Weight of the publication burst (articles published on the day or the next), against 1 for
/// explicit mentions: a busy news day is a hint, not proof (busy days are also slow news days
/// padded with live blogs).
const BURST: f64 = 0.25;
/// Factor applied to a day whose neighbour (the day before or after) weighs more: the next
/// day's reactions tell the same story.
const NEXT_TO_STRONGER: f64 = 0.5;

/// The weight of every day some article mentions at day precision. `published[i]` is article
/// `i`'s own day, when known. Deterministic: days in calendar order, counts of distinct
/// articles.
pub fn weights(
    sightings: &[Sighting],
    published: &[Option<NaiveDate>],
) -> BTreeMap<NaiveDate, f64> {
    use std::collections::BTreeSet;
    let mut explicit: BTreeMap<NaiveDate, BTreeSet<usize>> = BTreeMap::new();
    let mut relative: BTreeMap<NaiveDate, BTreeSet<usize>> = BTreeMap::new();
    for s in sightings {
        let map = if s.explicit {
            &mut explicit
        } else {
            &mut relative
        };
        map.entry(s.day).or_default().insert(s.article);
    }
    let mut printed: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in published.iter().flatten() {
        *printed.entry(*d).or_default() += 1;
    }
    let days: BTreeSet<NaiveDate> = explicit.keys().chain(relative.keys()).copied().collect();
    let raw: BTreeMap<NaiveDate, f64> = days
        .iter()
        .map(|&d| {
            let e = explicit.get(&d).map_or(0, |s| s.len());
            // An article that names the day explicitly is not counted again as relative.
            let r = relative.get(&d).map_or(0, |s| {
                s.iter()
                    .filter(|a| !explicit.get(&d).is_some_and(|x| x.contains(a)))
                    .count()
            });
            let next = d.succ_opt();
            let p = printed.get(&d).copied().unwrap_or(0)
                + next.and_then(|n| printed.get(&n)).copied().unwrap_or(0);
            let w = (e as f64).sqrt() + RELATIVE * (r as f64).sqrt() + BURST * (p as f64).sqrt();
            (d, w)
        })
        .collect();
    // Compared with the raw weights of the neighbours, so the result does not depend on order.
    raw.iter()
        .map(|(&d, &w)| {
            let stronger = [d.pred_opt(), d.succ_opt()]
                .into_iter()
                .flatten()
                .any(|n| raw.get(&n).is_some_and(|&x| x > w));
            (d, if stronger { w * NEXT_TO_STRONGER } else { w })
        })
        .collect()
}

/// Rescales every event's salience (its own strength on entry) with the weight of its day:
/// events dated to the day share their day's weight ([`super::salience::within_day`]), the
/// others keep at most their own strength ([`super::salience::off_day`]). A day no sighting
/// covers weighs as one relative mention.
pub fn apply(events: &mut [Event], weights: &BTreeMap<NaiveDate, f64>) {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (k, e) in events.iter_mut().enumerate() {
        match day_of(&e.date) {
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

/// The day of a value at day precision or finer.
fn day_of(value: &str) -> Option<NaiveDate> {
    let p = super::value::precision(value)?;
    if p >= super::value::Precision::Day {
        super::value::day(value)
    } else {
        None
    }
}

/// The sightings of placed mentions: `(article, TIMEX3 value, time expression)`.
pub fn sightings<'a>(
    mentions: impl IntoIterator<Item = (usize, &'a str, &'a str)>,
) -> Vec<Sighting> {
    mentions
        .into_iter()
        .filter_map(|(article, value, time_text)| {
            let day = day_of(value)?;
            Some(Sighting {
                article,
                day,
                explicit: names_day_number(time_text, day),
            })
        })
        .collect()
}

/// Whether a temporal expression naming `day` writes the day's number (`le 19 mars`,
/// `March 19th`, `2011-03-19`, `1er avril`) rather than a relative word (`mardi`, `hier`). A
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

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, d).unwrap()
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
        let once = vec![Sighting {
            article: 0,
            day: day(5),
            explicit: true,
        }];
        let forty: Vec<Sighting> = (0..40).map(|_| once[0]).collect();
        assert_eq!(weights(&once, &published), weights(&forty, &published));
    }

    #[test]
    fn explicit_dates_from_many_articles_outweigh_one_busy_relative_day() {
        // Day 5 is dated explicitly by four articles; day 12 is the day of six articles that
        // say "today" and were published that day.
        let mut published = vec![Some(day(20)); 4];
        published.extend(vec![Some(day(12)); 6]);
        let mut s: Vec<Sighting> = (0..4)
            .map(|a| Sighting {
                article: a,
                day: day(5),
                explicit: true,
            })
            .collect();
        s.extend((4..10).map(|a| Sighting {
            article: a,
            day: day(12),
            explicit: false,
        }));
        let w = weights(&s, &published);
        assert!(w[&day(5)] > w[&day(12)], "{w:?}");
    }

    #[test]
    fn a_day_next_to_a_stronger_day_is_discounted() {
        let published = vec![Some(day(20)); 3];
        let s = [(0, 5), (1, 5), (2, 5), (0, 6), (1, 6), (2, 9)].map(|(a, d)| Sighting {
            article: a,
            day: day(d),
            explicit: true,
        });
        let w = weights(&s, &published);
        // Day 6 has two articles and day 9 one, but day 6 sits next to the stronger day 5.
        assert!(w[&day(6)] < w[&day(9)], "{w:?}");
        assert!(w[&day(5)] > w[&day(9)]);
    }
}
