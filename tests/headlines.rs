//! Headlines and summaries as a reader sees them: a short clause that says who did what, with
//! no clock time, dateline, connective or attribution in front, never cut mid-phrase; a summary
//! that is not the headline again. Invented French and English stories.

mod events_support;

use std::path::Path;

use annales::site::Site;
use annales::timeline::Event;
use events_support::{event_citing, load_articles, load_fixture};

/// Longest headline a reader should see.
const HEADLINE: usize = 90;
/// Longest summary.
const SUMMARY: usize = 300;

/// A site of `articles` (file name, text) in `lang`.
fn site(lang: &str, articles: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    load_articles(lang, articles)
}

fn article(title: &str, date: &str, lang: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"{date}\"\nlang = \"{lang}\"\n+++\n\n{body}\n")
}

/// Words a French or English clause cannot end on.
const DANGLING: &[&str] = &[
    "de", "du", "des", "d'un", "d'une", "le", "la", "les", "un", "une", "à", "au", "aux", "dans",
    "par", "pour", "sur", "avec", "et", "que", "qui", "the", "a", "an", "of", "to", "in", "on",
    "at", "for", "with", "and", "that", "which",
];

/// A headline reads as a clause: short, capitalised, not cut after a function word.
fn assert_reads_well(e: &Event) {
    let h = &e.headline;
    assert!(h.chars().count() <= HEADLINE, "too long: {h}");
    assert!(h.chars().next().is_some_and(char::is_uppercase), "{h}");
    let last = h
        .trim_end_matches(['.', '…', ' '])
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase()
        .replace('’', "'");
    assert!(!DANGLING.contains(&last.as_str()), "ends on «{last}»: {h}");
    assert!(e.summary.chars().count() <= SUMMARY + 2, "{}", e.summary);
    assert_ne!(e.summary.trim(), h.trim(), "summary repeats the headline");
}

/// The quotes an event cites, one text.
fn quotes_of(e: &Event) -> String {
    e.citations
        .iter()
        .map(|c| c.quote.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every event's headline reads well and takes its words from the event's own quotes.
fn assert_every_headline_reads_well(site: &Site) {
    for e in &site.timeline.events {
        assert_reads_well(e);
        let quotes = quotes_of(e);
        assert!(
            extractive(&e.headline, &quotes),
            "{} ← {quotes}",
            e.headline
        );
    }
}

/// Every word of `out` is in `source`, in order: nothing invented.
fn extractive(out: &str, source: &str) -> bool {
    let mut rest = source.to_lowercase();
    out.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| match rest.find(&w.to_lowercase()) {
            Some(i) => {
                rest = rest[i + w.len()..].to_string();
                true
            }
            None => false,
        })
}

fn french() -> (tempfile::TempDir, Site) {
    site(
        "fr",
        &[
            (
                "a-pont.md",
                &article(
                    "Le pont fermé",
                    "2025-06-11",
                    "fr",
                    "VANNES (AFP) - Le conseil régional a voté mardi la fermeture du pont de la Scarpe, selon un communiqué de la préfecture.\n\n\
                     Le pont avait été inspecté au printemps.",
                ),
            ),
            (
                "b-pont.md",
                &article(
                    "Travaux",
                    "2025-06-12",
                    "fr",
                    "Par ailleurs, les élus régionaux ont approuvé mercredi la construction d'une médiathèque à Lanvaux pour un budget de douze millions d'euros qui doit être financé jusqu'à la fin de la décennie dans le cadre d'un plan de soutien à la lecture publique, a indiqué le président de la région.\n\n\
                     Le chantier doit employer une centaine d'ouvriers.",
                ),
            ),
            (
                "c-direct.md",
                &article(
                    "En direct",
                    "2025-06-12",
                    "fr",
                    "15h25 : Les pompiers ont maîtrisé l'incendie de l'entrepôt de la rue Haute.\n\n\
                     16h10 : La circulation a repris sur le boulevard du Port après trois heures d'interruption.",
                ),
            ),
            (
                "d-maire.md",
                &article(
                    "Le maire",
                    "2025-06-13",
                    "fr",
                    "Le préfet a indiqué jeudi que la digue du port de commerce serait entièrement reconstruite avant l'hiver.",
                ),
            ),
        ],
    )
}

fn english() -> (tempfile::TempDir, Site) {
    site(
        "en",
        &[
            (
                "a-bridge.md",
                &article(
                    "Bridge shut",
                    "2025-06-11",
                    "en",
                    "KENDALE (Wire) - The county council voted on Tuesday to close the Harrow bridge, officials said.\n\n\
                     The bridge had been inspected in the spring.",
                ),
            ),
            (
                "b-bridge.md",
                &article(
                    "Works",
                    "2025-06-12",
                    "en",
                    "However, the county councillors approved on Wednesday the building of a library in Lanvale with a budget of twelve million pounds that is expected to be spent until the end of the decade as part of a plan to support public reading, the council leader said.\n\n\
                     The works will employ about a hundred people.",
                ),
            ),
            (
                "c-live.md",
                &article(
                    "Live",
                    "2025-06-12",
                    "en",
                    "3.25pm - Firefighters brought the warehouse fire on High Street under control.\n\n\
                     4.10pm - Traffic resumed on Harbour Road after a three-hour closure.",
                ),
            ),
            (
                "d-mayor.md",
                &article(
                    "Mayor",
                    "2025-06-13",
                    "en",
                    "The prefect said on Thursday that the harbour sea wall would be fully rebuilt before the winter.",
                ),
            ),
        ],
    )
}

#[test]
fn french_headlines_drop_datelines_connectives_clock_times_and_attribution() {
    let (_d, site) = french();
    let vote = event_citing(&site, "a-pont", "a voté mardi");
    assert!(
        vote.headline
            .starts_with("Le conseil régional a voté mardi"),
        "{}",
        vote.headline
    );
    assert!(!vote.headline.contains("selon"), "{}", vote.headline);
    let long = event_citing(&site, "b-pont", "ont approuvé mercredi");
    assert!(
        long.headline
            .starts_with("Les élus régionaux ont approuvé mercredi la construction"),
        "{}",
        long.headline
    );
    assert!(
        !long.headline.contains("dans le cadre"),
        "{}",
        long.headline
    );
    let fire = event_citing(&site, "c-direct", "maîtrisé");
    assert!(
        fire.headline.starts_with("Les pompiers ont maîtrisé"),
        "{}",
        fire.headline
    );
    let wall = event_citing(&site, "d-maire", "la digue");
    assert!(
        wall.headline.starts_with("La digue du port"),
        "{}",
        wall.headline
    );
    assert_every_headline_reads_well(&site);
}

#[test]
fn english_headlines_drop_datelines_connectives_clock_times_and_attribution() {
    let (_d, site) = english();
    let vote = event_citing(&site, "a-bridge", "voted on Tuesday");
    assert!(
        vote.headline
            .starts_with("The county council voted on Tuesday"),
        "{}",
        vote.headline
    );
    assert!(
        !vote.headline.contains("officials said"),
        "{}",
        vote.headline
    );
    let long = event_citing(&site, "b-bridge", "councillors approved");
    assert!(
        long.headline
            .starts_with("The county councillors approved on Wednesday the building"),
        "{}",
        long.headline
    );
    assert!(!long.headline.contains("as part of"), "{}", long.headline);
    let fire = event_citing(&site, "c-live", "warehouse fire");
    assert!(
        fire.headline.starts_with("Firefighters brought"),
        "{}",
        fire.headline
    );
    let wall = event_citing(&site, "d-mayor", "sea wall");
    assert!(
        wall.headline.starts_with("The harbour sea wall"),
        "{}",
        wall.headline
    );
    assert_every_headline_reads_well(&site);
}

#[test]
fn a_summary_says_more_than_the_headline_and_ends_on_a_sentence() {
    for (_d, site) in [french(), english()] {
        for e in &site.timeline.events {
            if e.summary.is_empty() {
                continue;
            }
            let s = e.summary.trim_end();
            assert!(
                s.ends_with(['.', '!', '?', '»', '"', '”']) || s.ends_with('…'),
                "{s}"
            );
            let quotes = quotes_of(e);
            for sentence in s.split(". ") {
                assert!(extractive(sentence, &quotes), "{sentence} ← {quotes}");
            }
        }
        // The long sentence's event: its headline is a shortened clause, its summary the whole
        // sentence (or another source's), never the headline again.
        let long = site
            .timeline
            .events
            .iter()
            .find(|e| e.citations.iter().any(|c| c.quote.chars().count() > 200))
            .expect("the long sentence is an event");
        assert!(
            long.summary.chars().count() > long.headline.chars().count(),
            "{long:#?}"
        );
    }
}

#[test]
fn the_demo_headlines_read_well() {
    let (_d, site) = load_fixture(Path::new(env!("CARGO_MANIFEST_DIR")), &[]);
    for e in &site.timeline.events {
        assert_reads_well(e);
        assert!(!e.headline.starts_with(['(', '«', ',']), "{}", e.headline);
    }
    let truce = site
        .timeline
        .events
        .iter()
        .find(|e| e.date == "2023-09-20T11:00")
        .expect("the ceasefire at 11:00");
    assert!(!truce.summary.is_empty(), "{truce:#?}");
}
