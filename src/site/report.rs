//! The `annales check` report: sources with their dates and how they were found, the timeline
//! (date, headline, number of sources, conflicts), the key events, and warnings.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Site;

/// How many events the key-events section lists.
const KEY_EVENTS: usize = 10;

/// Formats the check report as plain text.
pub fn check_report(site: &Site, verbose: bool) -> String {
    let mut out = String::new();
    let t = &site.timeline;
    let _ = writeln!(out, "Sources ({})", t.sources.len());
    let idw = t
        .sources
        .iter()
        .map(|s| s.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(
        out,
        "  {:<idw$}  {:<16}  {:<12}  {:>4}  title",
        "id", "published", "basis", "conf"
    );
    for (i, s) in t.sources.iter().enumerate() {
        let d = site.dating.get(i);
        let _ = writeln!(
            out,
            "  {:<idw$}  {:<16}  {:<12}  {:>4}  {}",
            s.id,
            s.published.as_deref().unwrap_or("?"),
            s.published_basis,
            d.map(|d| format!("{:.2}", d.confidence))
                .unwrap_or_default(),
            truncate(&s.title, 70)
        );
        if let Some(d) = d.filter(|d| verbose && !d.note.is_empty()) {
            let _ = writeln!(out, "  {:<idw$}  ({})", "", d.note);
        }
    }
    let _ = writeln!(out, "\nTimeline ({} events)", t.events.len());
    for e in &t.events {
        let n = distinct_sources(e);
        let mut flags = String::new();
        if !e.conflicts.is_empty() {
            flags.push_str("  [conflict]");
        }
        if e.editorial {
            flags.push_str("  [editorial]");
        }
        let _ = writeln!(
            out,
            "  {:<17}  {} source{}  {}{}",
            e.date,
            n,
            if n == 1 { " " } else { "s" },
            truncate(&e.headline, 100),
            flags
        );
        if verbose {
            let _ = writeln!(out, "      id {}  salience {}", e.id, e.salience);
            for c in &e.citations {
                let _ = writeln!(
                    out,
                    "      {} [{}]: «{}»",
                    c.source,
                    c.time_text,
                    truncate(&c.quote, 120)
                );
            }
            for c in &e.conflicts {
                let _ = writeln!(out, "      conflict: {}", c.note);
            }
        }
    }
    let mut key: Vec<&crate::timeline::Event> = t.events.iter().collect();
    key.sort_by(|a, b| {
        b.salience
            .total_cmp(&a.salience)
            .then_with(|| {
                crate::timeline::date_sort_key(&a.date)
                    .cmp(&crate::timeline::date_sort_key(&b.date))
            })
            .then_with(|| a.id.cmp(&b.id))
    });
    let _ = writeln!(out, "\nKey events");
    for e in key.iter().take(KEY_EVENTS) {
        let _ = writeln!(
            out,
            "  {:>6.2}  {:<17}  {}",
            e.salience,
            e.date,
            truncate(&e.headline, 90)
        );
    }
    let _ = writeln!(out, "\nWarnings ({})", site.warnings.len());
    for w in &site.warnings {
        let _ = writeln!(out, "  {w}");
    }
    out
}

fn distinct_sources(e: &crate::timeline::Event) -> usize {
    e.citations
        .iter()
        .map(|c| c.source.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
