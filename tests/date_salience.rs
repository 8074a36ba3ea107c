//! Date salience: the days the timeline ranks highest (by the sum of their events' salience,
//! as timeline-summarization scorers and the home page do) are the days many articles date,
//! not the days that merely hold many events. Invented collections, in French and English.

use std::collections::BTreeMap;
use std::path::Path;

use annales::site::{BuildOptions, Pipeline, Site};
use annales::timeline::Event;
use annales::timeline::key_event_ids;

/// Writes one article (front matter + paragraphs).
fn article(root: &Path, name: &str, date: &str, lang: &str, paragraphs: &[String]) {
    let text = format!(
        "+++\ntitle = \"{name}\"\ndate = {date}\nlang = \"{lang}\"\n+++\n\n{}\n",
        paragraphs.join("\n\n")
    );
    std::fs::write(root.join(format!("content/{name}.md")), text).unwrap();
}

fn site(root: &Path, lang: &str) -> Site {
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Vallée\"\nlanguage = \"{lang}\"\n"),
    )
    .unwrap();
    Pipeline::default().load(&BuildOptions::new(root)).unwrap()
}

/// Sum of the salience of the events dated to each day (`YYYY-MM-DD`).
fn day_totals(events: &[Event]) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for e in events {
        if let Some(day) = e.date.date() {
            *out.entry(day.format("%Y-%m-%d").to_string()).or_insert(0.0) += e.salience;
        }
    }
    out
}

fn top_day(totals: &BTreeMap<String, f64>) -> &str {
    totals
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(d, _)| d.as_str())
        .unwrap()
}

/// French: the bridge collapse of 4 March is recalled, with its date, by five articles of the
/// following weeks, each in its own words; on 12 March one live blog posts `entries` entries
/// an hour apart about the day's small incidents.
fn french(root: &Path, entries: usize) -> Site {
    std::fs::create_dir_all(root.join("content")).unwrap();
    let recalls = [
        "Le 4 mars 2024, le pont de Varenne s’est effondré dans la Loire, emportant deux voitures.",
        "Depuis l’effondrement du pont de Varenne le 4 mars, les riverains font un détour de vingt kilomètres.",
        "L’enquête sur la chute du pont de Varenne, survenue le 4 mars, vise l’entreprise chargée de l’entretien.",
        "Les élus réclament un pont provisoire depuis que l’ouvrage de Varenne a cédé le 4 mars dernier.",
        "La rupture du pont de Varenne, le 4 mars, a coupé la seule route vers la gare.",
    ];
    for (i, r) in recalls.iter().enumerate() {
        let date = format!("2024-03-{:02}", 14 + 2 * i);
        article(root, &format!("recall-{i}"), &date, "fr", &[r.to_string()]);
    }
    let topics = [
        ("la bibliothèque", "a fermé ses portes pour une fuite d’eau"),
        (
            "le marché couvert",
            "a accueilli des producteurs de fromage",
        ),
        ("la piscine municipale", "a rouvert son bassin olympique"),
        ("le conseil des jeunes", "a élu sa nouvelle présidente"),
        ("la fanfare", "a répété sur le parvis de l’église"),
        ("le club de judo", "a présenté ses ceintures noires"),
        (
            "la boulangerie de la place",
            "a vendu ses premières brioches",
        ),
        ("le car scolaire", "a crevé un pneu près du collège"),
        ("la médiathèque", "a prêté cent livres en une matinée"),
        ("le jardin partagé", "a planté des fraisiers"),
        ("la chorale", "a annoncé un concert de printemps"),
        ("la gendarmerie", "a retrouvé un chien perdu"),
        ("le cinéma", "a projeté un film muet"),
        ("la ludothèque", "a organisé un tournoi d’échecs"),
    ];
    let blog: Vec<String> = topics
        .iter()
        .take(entries)
        .enumerate()
        .map(|(k, (who, what))| format!("À {}h00, {who} {what}.", 7 + k))
        .collect();
    article(root, "direct-du-12", "2024-03-12", "fr", &blog);
    site(root, "fr")
}

/// English: the same shape. The flood of 4 March is dated by five later articles; one live
/// blog of 12 March posts `entries` entries.
fn english(root: &Path, entries: usize) -> Site {
    std::fs::create_dir_all(root.join("content")).unwrap();
    let recalls = [
        "On March 4, 2024, the Varenne bridge collapsed into the river, taking two cars with it.",
        "Since the Varenne bridge fell on March 4, residents have driven a twenty-mile detour.",
        "The inquiry into the collapse of the Varenne bridge on March 4 targets the maintenance firm.",
        "Councillors have demanded a temporary crossing since the Varenne bridge gave way on March 4.",
        "The failure of the Varenne bridge on March 4 cut the only road to the station.",
    ];
    for (i, r) in recalls.iter().enumerate() {
        let date = format!("2024-03-{:02}", 14 + 2 * i);
        article(root, &format!("recall-{i}"), &date, "en", &[r.to_string()]);
    }
    let topics = [
        ("the library", "closed its doors because of a leak"),
        ("the covered market", "welcomed cheese makers"),
        ("the swimming pool", "reopened its main pool"),
        ("the youth council", "elected a new chair"),
        ("the brass band", "rehearsed outside the church"),
        ("the judo club", "showed off its black belts"),
        ("the bakery on the square", "sold its first buns"),
        ("the school bus", "had a flat tyre near the college"),
        ("the media centre", "lent a hundred books in a morning"),
        ("the community garden", "planted strawberries"),
        ("the choir", "announced a spring concert"),
        ("the police", "found a lost dog"),
    ];
    let blog: Vec<String> = topics
        .iter()
        .take(entries)
        .enumerate()
        .map(|(k, (who, what))| {
            let h = 7 + k;
            let (h12, half) = if h < 12 {
                (h, "a.m.")
            } else if h == 12 {
                (12, "p.m.")
            } else {
                (h - 12, "p.m.")
            };
            format!("At {h12} {half}, {who} {what}.")
        })
        .collect();
    article(root, "live-on-the-12th", "2024-03-12", "en", &blog);
    site(root, "en")
}

fn assert_recalled_day_outranks_live_blog(s: &Site) {
    let totals = day_totals(&s.timeline.events);
    let blog_events = s
        .timeline
        .events
        .iter()
        .filter(|e| e.date.to_string().starts_with("2024-03-12"))
        .count();
    assert!(
        blog_events >= 6,
        "the live blog's entries are events: {totals:?}"
    );
    assert!(
        totals.contains_key("2024-03-04"),
        "the recalled day has events: {totals:?}"
    );
    assert_eq!(top_day(&totals), "2024-03-04", "{totals:?}");
}

#[test]
fn a_day_many_later_articles_date_outranks_a_long_live_blog_fr() {
    let dir = tempfile::tempdir().unwrap();
    assert_recalled_day_outranks_live_blog(&french(dir.path(), 14));
}

#[test]
fn a_day_many_later_articles_date_outranks_a_long_live_blog_en() {
    let dir = tempfile::tempdir().unwrap();
    assert_recalled_day_outranks_live_blog(&english(dir.path(), 12));
}

#[test]
fn a_days_weight_does_not_grow_with_one_articles_entries() {
    let short = tempfile::tempdir().unwrap();
    let long = tempfile::tempdir().unwrap();
    let a = day_totals(&french(short.path(), 4).timeline.events)["2024-03-12"];
    let b = day_totals(&french(long.path(), 14).timeline.events)["2024-03-12"];
    // Rounding of each event's salience to 1/1000 is all that may differ.
    assert!((a - b).abs() <= 0.02, "4 entries {a}, 14 entries {b}");
}

#[test]
fn the_key_events_of_one_day_follow_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    // On 20 March, the dam opening is reported by three articles; the fair by one of them.
    let dam = [
        "Le 20 mars 2024, le barrage de Sauves a ouvert ses vannes pour la première fois.",
        "Les vannes du barrage de Sauves ont été ouvertes le 20 mars, une première.",
        "Pour la première fois, le 20 mars 2024, le barrage de Sauves a ouvert ses vannes.",
    ];
    for (i, d) in dam.iter().enumerate() {
        let mut paragraphs = vec![d.to_string()];
        if i == 0 {
            paragraphs.push(
                "Le même jour, le 20 mars 2024, la foire aux plants a attiré les jardiniers du canton."
                    .to_string(),
            );
        }
        article(
            root,
            &format!("barrage-{i}"),
            &format!("2024-03-{:02}", 21 + i),
            "fr",
            &paragraphs,
        );
    }
    let s = site(root, "fr");
    let find = |needle: &str| {
        s.timeline
            .events
            .iter()
            .find(|e| e.citations.iter().any(|c| c.quote.contains(needle)))
            .unwrap_or_else(|| panic!("no event quotes {needle:?}: {:#?}", s.timeline.events))
    };
    let (dam, fair) = (find("barrage"), find("foire"));
    assert_ne!(dam.id, fair.id, "two happenings");
    assert!(
        dam.salience > fair.salience,
        "{} vs {}",
        dam.salience,
        fair.salience
    );
    let keys = key_event_ids(&s.timeline.events, 1);
    assert!(keys.contains(&dam.id), "{keys:?}");
}
