//! Ranking events. An event's own strength ([`salience`]): distinct sources first, then extra
//! mentions, then how early the sources mention it (leads carry the news); background facts (a
//! year, a month) weigh half: the articles recall them, they do not report them.
//!
//! The published `salience` ([`within_day`], [`off_day`]) puts that strength on the scale of
//! the day weights of [`super::days`]: a day's main event carries its day's weight and the
//! day's events together never much more, so that summing a day's saliences ranks days by how
//! much the collection says they matter, not by how many events they hold.

/// Salience of an event cited by `sources` distinct sources through `mentions` mentions, the
/// earliest of which sits at `earliest` (0 = top of its article, 1 = bottom).
///
/// The secondary signals add less than one, so that one more source always outranks them.
/// `dated_to_the_day` is false for background facts known to the month or year only. This is
/// the event's own strength; [`within_day`] and [`off_day`] turn it into the published value.
pub fn salience(sources: usize, mentions: usize, earliest: f32, dated_to_the_day: bool) -> f64 {
    let extra = mentions.saturating_sub(sources) as f64;
    let repeat = 0.4 * (1.0 - 1.0 / (1.0 + extra));
    let lead = 0.5 * (1.0 - f64::from(earliest.clamp(0.0, 1.0)));
    let mut s = sources as f64 + repeat + lead;
    if !dated_to_the_day {
        s *= BACKGROUND;
    }
    round(s)
}

/// How many independent witnesses `(source, quote)` pairs make: sources that share a wording
/// word for word (one dispatch reprinted) count as one, transitively.
pub fn independent_sources<'a>(cited: impl IntoIterator<Item = (&'a str, &'a str)>) -> usize {
    independent_worded(
        cited
            .into_iter()
            .map(|(source, quote)| (source, crate::text::wording(quote))),
    )
}

/// [`independent_sources`] of `(source, wording)` pairs whose quotes are already reduced to
/// their wording ([`crate::text::wording`]), for callers that count the same quotes often.
pub fn independent_worded<'a, W: AsRef<str>>(
    cited: impl IntoIterator<Item = (&'a str, W)>,
) -> usize {
    use std::collections::{BTreeMap, BTreeSet};
    // Union-find over sources, joined by shared wordings; small groups, so a plain map.
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    fn root<'a>(parent: &BTreeMap<&'a str, &'a str>, mut s: &'a str) -> &'a str {
        while let Some(&p) = parent.get(s) {
            if p == s {
                break;
            }
            s = p;
        }
        s
    }
    let mut by_wording: BTreeMap<String, &str> = BTreeMap::new();
    for (source, w) in cited {
        parent.entry(source).or_insert(source);
        let w = w.as_ref();
        match by_wording.get(w) {
            Some(&first) => {
                let (a, b) = (root(&parent, first), root(&parent, source));
                if a != b {
                    parent.insert(b.max(a), b.min(a));
                }
            }
            None => {
                by_wording.insert(w.to_string(), source);
            }
        }
    }
    let roots: BTreeSet<&str> = parent.keys().map(|s| root(&parent, s)).collect();
    roots.len()
}

/// Weight of background facts relative to reported happenings.
const BACKGROUND: f64 = 0.5;

/// Exponent of an event's strength relative to the day's strongest: with 2, an event with
/// half the sources of the day's main happening counts a quarter of it.
const SHARE_POWER: i32 = 2;
/// The most a day's events together carry, in day weights. Above 1 so that the day's main
/// happening keeps its whole day weight when the rest of the day is minor (and the key events,
/// ranked across days, stay the main happenings of the days that matter); close to 1 so that
/// a day's total follows its weight and not its number of events.
const DAY_CAP: f64 = 1.25;

/// Saliences of the events of one day whose weight is `day_weight`, from their own strengths
/// (`own`, any order; the result is in the same order). The day's strongest event gets the
/// day's weight, each other event that weight times the square of its strength relative to
/// the strongest; when these add up to more than [`DAY_CAP`] day weights (a live blog's forty
/// entries), all are scaled down to that total. Order by own strength is kept, equal
/// strengths stay equal, and the total never exceeds `DAY_CAP` times the day's weight.
pub fn within_day(day_weight: f64, own: &[f64]) -> Vec<f64> {
    let w = if day_weight.is_finite() {
        day_weight.max(0.0)
    } else {
        0.0
    };
    let parts: Vec<f64> = own
        .iter()
        .map(|&s| if s.is_finite() { s.max(0.0) } else { 0.0 })
        .collect();
    let top = parts.iter().copied().fold(0.0f64, f64::max);
    let rel: Vec<f64> = parts
        .iter()
        .map(|&s| {
            if top > 0.0 {
                (s / top).powi(SHARE_POWER)
            } else {
                1.0
            }
        })
        .collect();
    let total: f64 = rel.iter().sum();
    let scale = (total / DAY_CAP).max(1.0);
    // A cited event never rounds to nothing (background facts are ranked below the least
    // story event); the floor adds at most 1/1000 per event to a day's total.
    rel.iter()
        .map(|&q| {
            let s = round(w * q / scale);
            if s == 0.0 && w > 0.0 && q > 0.0 {
                0.001
            } else {
                s
            }
        })
        .collect()
}

/// Salience of an event not dated to the day (a month, a year): the weight a day would get
/// from its sources alone (the square root of the count, as in [`super::days`]), never more
/// than its own strength, so that such events are not boosted by the rescaling.
pub fn off_day(own: f64) -> f64 {
    if !own.is_finite() || own <= 0.0 {
        return 0.0;
    }
    round(own.min(own.sqrt()))
}

fn round(s: f64) -> f64 {
    (s * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_more_always_ranks_higher() {
        assert!(salience(2, 2, 1.0, true) > salience(1, 9, 0.0, true));
        assert!(salience(2, 3, 0.5, true) > salience(2, 2, 0.5, true));
        assert!(salience(2, 2, 0.1, true) > salience(2, 2, 0.8, true));
        assert!(salience(1, 1, 0.9, true) > salience(1, 1, 0.0, false));
    }

    #[test]
    fn a_day_shares_its_weight_whatever_its_number_of_events() {
        assert_eq!(within_day(3.0, &[2.5]), vec![3.0]);
        // A main happening and a minor aside: the main one keeps the whole day weight.
        let pair = within_day(3.0, &[4.0, 1.0]);
        assert_eq!(pair[0], 3.0);
        assert!(pair[1] < 0.5, "{pair:?}");
        // A main happening among nine asides, then a live blog's forty equal entries: the day's
        // total stays within DAY_CAP day weights.
        let many = within_day(3.0, &[2.5, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2]);
        let sum: f64 = many.iter().sum();
        assert!(sum <= 3.0 * DAY_CAP + 0.01, "{many:?}");
        assert!(many[0] > many[1] && many[1] == many[9]);
        assert!(many[0] > 3.0 * many[1]);
        let blog = within_day(3.0, &[1.4; 40]);
        let sum: f64 = blog.iter().sum();
        assert!(sum <= 3.0 * DAY_CAP + 0.05, "{sum}");
        for s in within_day(f64::NAN, &[f64::INFINITY, 1.0]) {
            assert!(s.is_finite());
        }
        assert!(within_day(2.0, &[]).is_empty());
        assert_eq!(within_day(0.1, &[9.0, 0.1]), vec![0.1, 0.001]);
    }

    #[test]
    fn events_off_the_day_are_never_boosted() {
        assert!(off_day(3.4) <= 3.4 && off_day(3.4) > off_day(2.2));
        assert_eq!(off_day(0.4), 0.4);
        assert_eq!(off_day(f64::NAN), 0.0);
    }

    #[test]
    fn identical_wordings_make_one_witness() {
        let same = "Le pont  ferme mardi.";
        assert_eq!(
            independent_sources([("a", same), ("b", "le pont ferme MARDI.")]),
            1
        );
        assert_eq!(
            independent_sources([("a", same), ("b", "Mardi, le pont sera fermé.")]),
            2
        );
        // a = b by one wording, b = c by another: one dispatch, three reprints.
        assert_eq!(
            independent_sources([
                ("a", "x y"),
                ("b", "x y"),
                ("b", "z"),
                ("c", "z"),
                ("d", "w")
            ]),
            2
        );
    }
}
