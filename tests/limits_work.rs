//! Work stays bounded and linear in the input: pathological articles, front matter and
//! corrections build quickly into a bounded site, with a warning or an error naming the file.

mod gen_support;
use gen_support::MONTHS;
use std::path::Path;

use annales::events::bounds;
use annales::site::{BuildOptions, Pipeline};
use proptest::prelude::*;

mod cli_support;
use cli_support::{annales, finish, text, text_site as site, timeline};

/// Runs `annales build` on `root` into `root/public`; returns success and what it printed.
fn build(root: &Path) -> (bool, String) {
    let o = finish(
        annales()
            .arg("build")
            .arg("--root")
            .arg(root)
            .arg("--output")
            .arg(root.join("public")),
    );
    (o.status.success(), text(&o))
}

fn tree_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

/// `le 1er janvier 2000, le 2 janvier 2000, …`: distinct dates, about `bytes` long.
fn date_list(bytes: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut len = 0;
    let mut i = 0;
    while len < bytes {
        let day = i % 28 + 1;
        let day = if day == 1 {
            "1er".to_string()
        } else {
            day.to_string()
        };
        let p = format!("le {day} {} {}", MONTHS[(i / 28) % 12], 2000 + i / 336);
        len += p.len() + 2;
        parts.push(p);
        i += 1;
    }
    parts.join(", ")
}

#[test]
fn a_sentence_of_thousands_of_dates_builds_a_bounded_site_with_a_warning() {
    // One 50 KB sentence used to give one event per date, each quoting the whole sentence:
    // 52 s, 3 GB of memory and a 1.1 GB public/.
    let body = format!("L'armée a frappé {}.", date_list(50_000));
    let chars = body.chars().count();
    let dir = site(&[(
        "content/a.md",
        &format!("---\ntitle: Dates\ndate: 2023-09-21\n---\n{body}\n"),
    )]);
    let (ok, out) = build(dir.path());
    assert!(ok, "{out}");
    assert!(
        out.contains("content/a.md: ") && out.contains("with more than 16 dates"),
        "{out}"
    );
    assert!(out.contains("cut into pieces at word boundaries"), "{out}");
    let t = timeline(dir.path());
    // At most 16 events per piece, pieces at least half the sentence cap long.
    let pieces = chars / (bounds::MAX_SENTENCE_CHARS / 2) + 1;
    assert!(!t.events.is_empty());
    assert!(
        t.events.len() <= bounds::MAX_MENTIONS_PER_SENTENCE * pieces,
        "{} events",
        t.events.len()
    );
    for e in &t.events {
        for c in &e.citations {
            assert!(c.quote.chars().count() <= bounds::MAX_QUOTE_CHARS + 4);
        }
    }
    let size = tree_bytes(&dir.path().join("public"));
    assert!(size < 20_000_000, "public/ is {size} bytes");
}

#[test]
fn a_long_sentence_is_quoted_around_its_date_with_ellipses_and_exact_offsets() {
    let sentence = format!(
        "{}l’armée a bombardé la ville le 19 septembre 2023 {}.",
        "Selon les habitants qui fuient ".repeat(100),
        "et les convois attendent encore ".repeat(100)
    );
    let dir = site(&[(
        "content/a.md",
        &format!("---\ntitle: Long\ndate: 2023-09-21\n---\n{sentence}\n"),
    )]);
    let (ok, out) = build(dir.path());
    assert!(ok, "{out}");
    assert!(
        out.contains("content/a.md: 1 quote longer than 1500 characters shortened"),
        "{out}"
    );
    let t = timeline(dir.path());
    let c = t
        .events
        .iter()
        .flat_map(|e| &e.citations)
        .find(|c| c.time_text.contains("19 septembre"))
        .expect("the dated statement is on the timeline");
    assert!(
        c.quote.starts_with("… ") && c.quote.ends_with(" …"),
        "{}",
        c.quote
    );
    assert!(c.quote.chars().count() <= bounds::MAX_QUOTE_CHARS + 4);
    assert!(c.quote.contains("le 19 septembre 2023"), "{}", c.quote);
    // start/end cover exactly the verbatim part, so the source page highlights it.
    let verbatim: String = c.quote.chars().skip(2).take(c.end - c.start).collect();
    let body: Vec<char> = sentence.chars().collect();
    let at: String = body[c.start..c.end].iter().collect();
    assert_eq!(at, verbatim);
    assert_eq!(c.quote.chars().count(), c.end - c.start + 4);
    // Whole words: the cut falls on spaces.
    assert!(c.start == 0 || body[c.start - 1] == ' ');
    assert!(body[c.end] == ' ');
}

#[test]
fn an_article_with_too_many_dated_statements_stops_at_the_cap_with_a_warning() {
    let mut body = String::new();
    for i in 0..1200 {
        body.push_str(&format!(
            "Le {} {} {}, le convoi numéro{i} est arrivé.\n\n",
            i % 28 + 2,
            MONTHS[(i / 28) % 12],
            1900 + i / 336
        ));
    }
    let dir = site(&[(
        "content/big.md",
        &format!("---\ntitle: Big\ndate: 2023-09-21\n---\n{body}"),
    )]);
    let (ok, out) = build(dir.path());
    assert!(ok, "{out}");
    assert!(
        out.contains("content/big.md: more than 1000 dated statements")
            && out.contains("split the article into several"),
        "{out}"
    );
    let t = timeline(dir.path());
    assert!(t.events.len() <= bounds::MAX_MENTIONS_PER_ARTICLE);
    assert!(t.events.len() > 100, "{}", t.events.len());
}

#[test]
fn front_matter_bombs_are_errors_naming_the_file() {
    let cases = [
        // Over the size cap: refused before any parsing.
        (
            format!("---\ntitle: {}\n---\nCorps.\n", "[".repeat(100_000)),
            "content/a.md:1:1: front matter is longer than 64 KiB",
        ),
        (
            format!("+++\ntitle = {}\n+++\nCorps.\n", "[".repeat(100_000)),
            "content/a.md:1:1: front matter is longer than 64 KiB",
        ),
        // Under it, but nested deep enough to stall the YAML scanner (13 s before).
        (
            format!("---\ntitle: {}\n---\nCorps.\n", "[".repeat(60_000)),
            "content/a.md:2:40: YAML front matter nests `[`/`{` more than 32 levels deep",
        ),
        (
            format!("---\ntags: {}\n---\nCorps.\n", "{".repeat(60_000)),
            "content/a.md:2:39: YAML front matter nests",
        ),
        (
            format!("+++\ntitle = {}\n+++\nCorps.\n", "[".repeat(60_000)),
            "content/a.md:2:",
        ),
    ];
    for (doc, want) in cases {
        let dir = site(&[("content/a.md", &doc)]);
        let (ok, out) = build(dir.path());
        assert!(!ok, "{out}");
        assert!(out.contains(want), "want {want:?} in {out}");
        assert!(!dir.path().join("public").exists());
    }
}

#[test]
fn two_thousand_additions_with_one_headline_get_unique_numbered_ids() {
    let adds: String = (0..2000)
        .map(|_| "[[add]]\ndate = \"2023-01-01\"\nheadline = \"Même titre\"\nsource = \"a\"\nquote = \"Rien\"\n\n")
        .collect();
    let dir = site(&[
        (
            "content/a.md",
            "---\ntitle: A\ndate: 2023-09-21\n---\nRien de daté ici.\n",
        ),
        ("content/_timeline.toml", &adds),
    ]);
    let s = Pipeline::default()
        .load(&BuildOptions::new(dir.path()))
        .unwrap();
    let mut ids: Vec<String> = s.timeline.events.iter().map(|e| e.id.clone()).collect();
    ids.sort();
    let mut want: Vec<String> = vec!["2023-01-01-meme-titre".to_string()];
    want.extend((2..=2000).map(|n| format!("2023-01-01-meme-titre-{n}")));
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn a_repeated_headline_ending_in_a_number_keeps_its_number_in_the_ids() {
    let adds = "[[add]]\ndate = \"2023-01-01\"\nheadline = \"Point 1\"\nsource = \"a\"\nquote = \"Rien\"\n\n".repeat(3);
    let dir = site(&[
        (
            "content/a.md",
            "---\ntitle: A\ndate: 2023-09-21\n---\nRien de daté ici.\n",
        ),
        ("content/_timeline.toml", &adds),
    ]);
    let s = Pipeline::default()
        .load(&BuildOptions::new(dir.path()))
        .unwrap();
    let mut ids: Vec<&str> = s.timeline.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    // Not `…-point-2`, which reads as another point.
    assert_eq!(
        ids,
        [
            "2023-01-01-point-1",
            "2023-01-01-point-1-2",
            "2023-01-01-point-1-3"
        ]
    );
}

/// Pieces of random articles: words, dates of every kind, punctuation and paragraph breaks.
fn piece() -> impl Strategy<Value = String> {
    let date = (1..=28u32, 0..12usize, 1990..2024u32)
        .prop_map(|(d, m, y)| format!("le {d} {} {y}", MONTHS[m]));
    prop_oneof![3 => fixed_piece().prop_map(String::from), 1 => date]
}

fn fixed_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "l'armée",
        "a attaqué",
        "les pourparlers",
        "le ministre",
        "a déclaré",
        "Bakou",
        "Erevan",
        "cessez-le-feu",
        "mardi",
        "le 19 septembre 2023",
        "le 1er janvier 2020",
        "2021",
        "en mars 2022",
        "à 11 heures",
        "la veille",
        "le lendemain",
        "depuis 1991",
        "1 200 morts",
        ",",
        ",",
        ";",
        ".",
        "\n\n",
        "(",
        ")",
        "«",
        "»",
        "…",
    ])
}

fn article() -> impl Strategy<Value = String> {
    // Up to about 6 KB. Half the articles have no full stop or paragraph break: one long run
    // of words and dates, the shape that made extraction quadratic.
    (prop::collection::vec(piece(), 1..900), any::<bool>()).prop_map(|(v, run)| {
        v.into_iter()
            .filter(|p| !run || !matches!(p.as_str(), "." | "\n\n" | "…"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn events_quotes_and_output_grow_linearly_with_the_input(body in article()) {
        let doc = format!("---\ntitle: Article\ndate: 2023-09-21\n---\n{body}\n");
        let dir = site(&[("content/a.md", &doc)]);
        let s = Pipeline::default().load(&BuildOptions::new(dir.path())).unwrap();
        let chars = s.articles.first().map_or(0, |a| a.body.chars().count());
        // Every event needs a date expression of at least four characters.
        prop_assert!(s.timeline.events.len() <= chars / 4 + 1);
        // A sentence is quoted at most once per date it keeps, so the quotes together are at
        // most `MAX_MENTIONS_PER_SENTENCE` times the text (plus the cut markers).
        let quoted: usize = s
            .timeline
            .events
            .iter()
            .flat_map(|e| &e.citations)
            .map(|c| c.end - c.start)
            .sum();
        prop_assert!(quoted <= bounds::MAX_MENTIONS_PER_SENTENCE * chars, "{quoted} > 16 × {chars}");
        let files = s.render().unwrap();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        // A fixed site (pages, styles, scripts) plus a bounded amount per input byte. A date of
        // 14 bytes ("le 4 mai 1990 ") can make an event with its own page, its entries in the
        // feeds and, when it is alone in its month, a month page of the chronology.
        prop_assert!(bytes <= 200_000 + 600 * doc.len(), "{bytes} bytes from {}", doc.len());
    }
}
