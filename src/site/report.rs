//! The `annales check` report: sources with their dates, the timeline, and warnings.

use std::fmt::Write as _;

use super::Site;

/// Formats the check report as plain text.
pub fn check_report(site: &Site, verbose: bool) -> String {
    let mut out = String::new();
    let t = &site.timeline;
    let _ = writeln!(out, "Sources ({})", t.sources.len());
    let idw = t
        .sources
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(
        out,
        "  {:<idw$}  {:<16}  {:<12}  title",
        "id", "published", "basis"
    );
    for s in &t.sources {
        let _ = writeln!(
            out,
            "  {:<idw$}  {:<16}  {:<12}  {}",
            s.id,
            s.published.as_deref().unwrap_or("?"),
            s.published_basis,
            truncate(&s.title, 70)
        );
    }
    let _ = writeln!(out, "\nEvents ({})", t.events.len());
    for e in &t.events {
        let n: std::collections::BTreeSet<&str> =
            e.citations.iter().map(|c| c.source.as_str()).collect();
        let _ = writeln!(
            out,
            "  {:<17}  {} source{}  {}{}",
            e.date,
            n.len(),
            if n.len() == 1 { " " } else { "s" },
            truncate(&e.headline, 100),
            if e.conflicts.is_empty() {
                ""
            } else {
                "  [conflict]"
            }
        );
        if verbose {
            for c in &e.citations {
                let _ = writeln!(out, "      {}: «{}»", c.source, truncate(&c.quote, 120));
            }
        }
    }
    let _ = writeln!(out, "\nWarnings ({})", site.warnings.len());
    for w in &site.warnings {
        let _ = writeln!(out, "  {w}");
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
