//! Disagreements between sources about one event: its day, or a figure for one quantity.

use std::collections::{BTreeMap, BTreeSet};

use super::figures::Figure;
use crate::timeline::Conflict;

/// A date conflict when the sources of one event put it on different days. `days` pairs each
/// source id with the day it gives.
pub fn date_conflict(days: &BTreeSet<(String, String)>) -> Option<Conflict> {
    let distinct: BTreeSet<&String> = days.iter().map(|(d, _)| d).collect();
    if distinct.len() < 2 {
        return None;
    }
    let mut values = Vec::new();
    let mut sources = Vec::new();
    let mut parts = Vec::new();
    for (d, s) in days {
        values.push(d.clone());
        sources.push(s.clone());
        parts.push(format!("{d} ({s})"));
    }
    Some(Conflict {
        kind: "date".into(),
        quantity: None,
        note: format!("sources disagree on the day: {}", parts.join(", ")),
        values,
        sources,
    })
}

/// Figure conflicts: one per quantity for which different sources give different numbers.
/// `figures` pairs each source id with a figure it reports in its citation.
pub fn figure_conflicts(figures: &[(String, Figure)]) -> Vec<Conflict> {
    let mut by_q: BTreeMap<&str, BTreeSet<(u64, &str, &str)>> = BTreeMap::new();
    for (s, f) in figures {
        by_q.entry(f.quantity.as_str())
            .or_default()
            .insert((f.value, s.as_str(), f.text.as_str()));
    }
    let mut out = Vec::new();
    for (q, vals) in by_q {
        let numbers: BTreeSet<u64> = vals.iter().map(|v| v.0).collect();
        let sources: BTreeSet<&str> = vals.iter().map(|v| v.1).collect();
        if numbers.len() < 2 || sources.len() < 2 {
            continue;
        }
        // One entry per (value, source); a source repeating itself counts once.
        let mut seen = BTreeSet::new();
        let mut values = Vec::new();
        let mut srcs = Vec::new();
        let mut parts = Vec::new();
        for (v, s, text) in &vals {
            if seen.insert((*v, *s)) {
                values.push(v.to_string());
                srcs.push(s.to_string());
                parts.push(format!("“{text}” ({s})"));
            }
        }
        out.push(Conflict {
            kind: "figure".into(),
            quantity: Some(q.to_string()),
            note: format!(
                "sources give different figures for {q}: {}",
                parts.join(", ")
            ),
            values,
            sources: srcs,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_tolls_conflict_and_agreeing_ones_do_not() {
        let f = |q: &str, v: u64| Figure {
            quantity: q.into(),
            value: v,
            text: format!("{v} {q}"),
        };
        let c = figure_conflicts(&[
            ("a".into(), f("dead", 200)),
            ("b".into(), f("dead", 32)),
            ("a".into(), f("wounded", 400)),
            ("b".into(), f("wounded", 400)),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].values, ["32", "200"]);
        assert_eq!(c[0].sources, ["b", "a"]);
    }

    #[test]
    fn two_days_from_two_sources_conflict() {
        let days: BTreeSet<(String, String)> = [
            ("2023-09-20".to_string(), "x".to_string()),
            ("2023-09-21".to_string(), "y".to_string()),
        ]
        .into();
        assert_eq!(
            date_conflict(&days).unwrap().values,
            ["2023-09-20", "2023-09-21"]
        );
    }
}
