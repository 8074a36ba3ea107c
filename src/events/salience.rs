//! Ranking events. An event's own strength ([`salience`]): distinct sources first, then extra
//! mentions, then how early the sources mention it (leads carry the news); background facts (a
//! year, a month) weigh half: the articles recall them, they do not report them.
//!
//! The published `salience` ([`within_day`], [`off_day`]) puts that strength on the scale of
//! the day weights of [`super::days`]: the events of one day share their day's weight, so that
//! summing a day's saliences ranks days by how much the collection says they matter, not by how
//! many events they hold.

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
    (s * 1000.0).round() / 1000.0
}

/// A quote's wording, to tell identical quotes apart from independent ones: case and accents
/// folded, spaces collapsed, the cut marks (`… `, ` …`) of a long quote left out.
pub fn wording(quote: &str) -> String {
    let q = quote.trim().trim_start_matches('…').trim_end_matches('…');
    crate::text::fold(q)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many independent witnesses `(source, quote)` pairs make: sources that share a wording
/// word for word (one dispatch reprinted) count as one, transitively.
pub fn independent_sources<'a>(cited: impl IntoIterator<Item = (&'a str, &'a str)>) -> usize {
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
    for (source, quote) in cited {
        parent.entry(source).or_insert(source);
        let w = wording(quote);
        match by_wording.get(&w) {
            Some(&first) => {
                let (a, b) = (root(&parent, first), root(&parent, source));
                if a != b {
                    parent.insert(b.max(a), b.min(a));
                }
            }
            None => {
                by_wording.insert(w, source);
            }
        }
    }
    let roots: BTreeSet<&str> = parent.keys().map(|s| root(&parent, s)).collect();
    roots.len()
}

/// Weight of background facts relative to reported happenings.
const BACKGROUND: f64 = 0.5;

/// Exponent of an event's strength in its share of the day's weight: with 2, an event with
/// twice the sources takes four times the share, so the day's main happening keeps most of
/// the day's weight however many single-source asides the day also has.
const SHARE_POWER: i32 = 2;

/// Saliences of the events of one day whose weight is `day_weight`, from their own strengths
/// (`own`, any order; the result is in the same order). They sum to the day's weight (up to
/// rounding) whatever their number, and keep the order of `own`.
pub fn within_day(day_weight: f64, own: &[f64]) -> Vec<f64> {
    let w = if day_weight.is_finite() {
        day_weight.max(0.0)
    } else {
        0.0
    };
    let parts: Vec<f64> = own
        .iter()
        .map(|&s| {
            let s = if s.is_finite() { s.max(0.0) } else { 0.0 };
            s.powi(SHARE_POWER)
        })
        .collect();
    let total: f64 = parts.iter().sum();
    parts
        .iter()
        .map(|&p| {
            let share = if total > 0.0 {
                p / total
            } else {
                1.0 / parts.len() as f64
            };
            round(w * share)
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
        let one = within_day(3.0, &[2.5]);
        assert_eq!(one, vec![3.0]);
        let many = within_day(3.0, &[2.5, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2]);
        let sum: f64 = many.iter().sum();
        assert!((sum - 3.0).abs() < 0.01, "{many:?}");
        // Order kept, ties stay ties.
        assert!(many[0] > many[1] && many[1] == many[9]);
        // The main happening keeps the largest share.
        assert!(many[0] > 3.0 * many[1]);
        for s in within_day(f64::NAN, &[f64::INFINITY, 1.0]) {
            assert!(s.is_finite());
        }
        assert!(within_day(2.0, &[]).is_empty());
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
