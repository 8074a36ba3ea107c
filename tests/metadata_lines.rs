//! Metadata lines of scraped pages ("Publié le … - Mis à jour le …", "Updated …") date the
//! articles that have no front-matter date, are never cited, and warn when they contradict the
//! front matter; live-blog entries are dated at their clock times.

mod cli_support;

use annales::timeline::Timeline;
use cli_support::{run, text, text_site, timeline};

fn build(files: &[(&str, &str)]) -> (tempfile::TempDir, Timeline, String) {
    let site = text_site(files);
    let out = run(&["build"], site.path());
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    let t = timeline(site.path());
    (site, t, printed)
}

fn source<'a>(t: &'a Timeline, id: &str) -> &'a annales::timeline::Source {
    t.sources
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no source {id}"))
}

const BODY_FR: &str = "Le conseil municipal de Valbourg a voté mardi le budget de la ville, a \
                       annoncé le maire devant la presse.\n\nLes travaux du pont commenceront \
                       en avril, selon la mairie.\n";

#[test]
fn undated_articles_take_the_published_date_of_their_metadata_line() {
    let a = format!(
        "Le budget voté\nLa Gazette du Val avec agences Publié le 14 mars 2024 à 09h12 - Mis à \
         jour le 15 mars 2024 à 18h40\n{BODY_FR}"
    );
    let b = format!("Le budget voté\nPublié le 15/03/2024 à 10:05\n\n{BODY_FR}");
    let c = format!("Le budget voté\n{BODY_FR}\nMis à jour le 17 mars 2024 à 08h00\n");
    let d = "+++\ntitle = \"Budget passed\"\nlang = \"en\"\n+++\n\nUpdated 18:00 UK time, \
             Saturday, 16 March 2024\n\nThe Valbourg council passed the town budget on \
             Tuesday, the mayor told reporters.\n";
    let e = "+++\ntitle = \"Budget passed\"\nlang = \"en\"\n+++\n\nBy Ann Smith\n\nPublished: 12 \
             March 2024\n\nThe Valbourg council passed the town budget on Monday, the mayor \
             said.\n";
    let (_s, t, _) = build(&[
        ("content/a.txt", &a),
        ("content/b.txt", &b),
        ("content/c.txt", &c),
        ("content/d.md", d),
        ("content/e.md", e),
    ]);
    for (id, published) in [
        ("a", "2024-03-14T09:12"),
        ("b", "2024-03-15T10:05"),
        ("c", "2024-03-17T08:00"),
        ("d", "2024-03-16T18:00"),
        ("e", "2024-03-12"),
    ] {
        let s = source(&t, id);
        assert_eq!(
            s.published.map(|p| p.to_string()).as_deref(),
            Some(published),
            "{id}"
        );
        assert_eq!(s.published_basis, "header", "{id}");
    }
    // The line is page furniture: no event quotes it.
    for ev in &t.events {
        for c in &ev.citations {
            let q = c.quote.to_lowercase();
            assert!(
                !q.contains("publié") && !q.contains("mis à jour") && !q.contains("updated"),
                "{} cites a metadata line: {}",
                ev.id,
                c.quote
            );
        }
    }
    // The article's relative dates resolve against the line's day: "mardi" before 14 March.
    assert!(
        t.events
            .iter()
            .any(|e| e.date == "2024-03-12" && e.citations.iter().any(|c| c.source == "a")),
        "{:?}",
        t.events.iter().map(|e| &e.date).collect::<Vec<_>>()
    );
}

#[test]
fn a_front_matter_date_the_line_contradicts_is_kept_with_a_warning() {
    let a = format!(
        "+++\ntitle = \"Le budget voté\"\ndate = 2024-03-10\n+++\n\nPublié le 12 mars 2024 à \
         10h00\n\n{BODY_FR}"
    );
    let same = format!(
        "+++\ntitle = \"Le budget voté\"\ndate = 2024-03-12\n+++\n\nPublié le 12 mars 2024 à \
         10h00\n\n{BODY_FR}"
    );
    let site = text_site(&[("content/a.md", &a), ("content/same.md", &same)]);
    let out = run(&["check"], site.path());
    let printed = text(&out);
    let line = printed
        .lines()
        .find(|l| l.contains("contradicts"))
        .unwrap_or_else(|| panic!("no warning: {printed}"));
    assert!(line.contains("content/a.md"), "{line}");
    assert!(
        line.contains("2024-03-10") && line.contains("2024-03-12"),
        "{line}"
    );
    assert_eq!(
        printed.matches("contradicts").count(),
        1,
        "only the contradicted one warns: {printed}"
    );
    let (_s, t, _) = build(&[("content/a.md", &a)]);
    let s = source(&t, "a");
    assert_eq!(
        s.published.map(|p| p.to_string()).as_deref(),
        Some("2024-03-10")
    );
    assert_eq!(s.published_basis, "front-matter");
}

#[test]
fn live_blog_entries_are_dated_at_their_times_past_midnight_too() {
    let blog = "+++\ntitle = \"En direct : la crue de la Vesle\"\ndate = 2024-03-20\n+++\n\n\
                22h10 : Les pompiers ont évacué quarante familles du quartier des Tanneurs.\n\n\
                23h35 - Le préfet a ordonné la fermeture du pont Saint-Rémi aux voitures.\n\n\
                00h20 : La Vesle a débordé sur la place du marché, selon la mairie.\n\n\
                Un habitant raconte qu'à 21h30 : « l'eau montait déjà » dans sa cave.\n";
    let (_s, t, _) = build(&[("content/blog.md", blog)]);
    let date_of = |words: &str| {
        t.events
            .iter()
            .find(|e| e.citations.iter().any(|c| c.quote.contains(words)))
            .map(|e| e.date)
            .unwrap_or_else(|| panic!("no event quoting {words}: {:#?}", t.events))
    };
    assert_eq!(date_of("quarante familles"), "2024-03-20T22:10");
    assert_eq!(date_of("pont Saint-Rémi"), "2024-03-20T23:35");
    assert_eq!(date_of("place du marché"), "2024-03-21T00:20");
}

#[test]
fn a_newest_first_blog_goes_back_a_day_past_midnight() {
    let blog = "+++\ntitle = \"Live: the Vesle floods\"\ndate = 2024-03-20\nlang = \"en\"\n+++\n\n\
                1.15am: Firefighters evacuated forty families from the tannery district.\n\n\
                11.40pm: The prefect closed the Saint-Remi bridge to cars.\n\n\
                10.05pm: The river burst its banks near the market square, the town hall said.\n";
    let (_s, t, _) = build(&[("content/blog.md", blog)]);
    let date_of = |words: &str| {
        t.events
            .iter()
            .find(|e| e.citations.iter().any(|c| c.quote.contains(words)))
            .map(|e| e.date)
            .unwrap_or_else(|| panic!("no event quoting {words}: {:#?}", t.events))
    };
    assert_eq!(date_of("forty families"), "2024-03-21T01:15");
    assert_eq!(date_of("Saint-Remi bridge"), "2024-03-20T23:40");
    assert_eq!(date_of("market square"), "2024-03-20T22:05");
}
