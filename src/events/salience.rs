//! Ranking events: distinct sources first, then extra mentions, then how early the sources
//! mention it (leads carry the news). Background facts (a year, a month) weigh half: the
//! articles recall them, they do not report them.

/// Salience of an event cited by `sources` distinct sources through `mentions` mentions, the
/// earliest of which sits at `earliest` (0 = top of its article, 1 = bottom).
///
/// The secondary signals add less than one, so that one more source always outranks them.
/// `dated_to_the_day` is false for background facts known to the month or year only.
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
