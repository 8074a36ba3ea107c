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
        "  {:<idw$}  {:<16}  {:<12}  {:>4}  {:<16}  title",
        "id", "published", "basis", "conf", "language"
    );
    for (i, s) in t.sources.iter().enumerate() {
        let d = site.dating.get(i);
        // The language found and how (stated, detected from the text, or the site's default).
        let lang = site
            .articles
            .get(i)
            .map(|a| format!("{} ({})", a.lang.code(), a.lang_basis.as_str()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<idw$}  {:<16}  {:<12}  {:>4}  {:<16}  {}",
            s.id,
            s.published.map_or("?".to_string(), |p| p.to_string()),
            s.published_basis,
            d.map(|d| format!("{:.2}", d.confidence))
                .unwrap_or_default(),
            lang,
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
    let key = crate::timeline::ranked(&t.events);
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

/// Longest file or folder name most file systems accept, in bytes.
const NAME_MAX: usize = 255;

/// What would make `annales build` fail while writing `files` although they rendered: a name
/// longer than a file system allows, or a path that is both a file and a folder (a static file
/// `events` beside the `events/` pages). `check` reports these, since it writes nothing.
pub fn output_problems(files: &[crate::render::OutputFile]) -> Vec<String> {
    path_problems(files.iter().map(|f| f.path.as_str()))
}

/// [`output_problems`] of the files at `paths`.
pub fn path_problems<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<String> {
    let paths: BTreeSet<&str> = paths.collect();
    let mut problems = Vec::new();
    for path in &paths {
        if let Some(name) = path.split('/').find(|n| n.len() > NAME_MAX) {
            problems.push(format!(
                "{path}: the name `{}` is {} bytes long, more than the {NAME_MAX} a file name may \
                 have, so `annales build` would fail writing it; shorten what it is made from \
                 (a file name, or the words of a headline)",
                truncate(name, 40),
                name.len()
            ));
        }
        let mut prefix = 0;
        while let Some(i) = path[prefix..].find('/') {
            let folder = &path[..prefix + i];
            if paths.contains(folder) {
                problems.push(format!(
                    "{folder} is both a file and a folder of the output (the folder holds \
                     {path}), so `annales build` would fail writing it; rename the file {folder}"
                ));
                break;
            }
            prefix += i + 1;
        }
    }
    problems
}

/// How the command line and `annales serve` print an error on the terminal: the failed load's
/// broken articles each on an `error:` line of their own (as cargo prints several errors),
/// anything else as one `error:` line with its causes.
pub fn error_lines(e: &anyhow::Error) -> String {
    match e.downcast_ref::<crate::content::ContentErrors>() {
        // With a context around it, the context would be lost: printed whole instead.
        Some(errors) if e.chain().count() == 1 => errors
            .lines()
            .iter()
            .map(|l| format!("error: {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => format!("error: {e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn file(path: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: Vec::new(),
        }
    }

    #[test]
    fn names_too_long_and_files_in_the_way_of_folders_are_found() {
        let long = format!("events/{}/index.html", "a".repeat(300));
        let files = [
            file("index.html"),
            file(&long),
            file("sources"),
            file("sources/a/index.html"),
        ];
        let p = output_problems(&files);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().any(|m| m.contains("300 bytes long")), "{p:?}");
        assert!(
            p.iter()
                .any(|m| m.starts_with("sources is both a file and a folder")),
            "{p:?}"
        );
        assert!(output_problems(&[file("a/b.html"), file("a/c.html")]).is_empty());
    }
}
