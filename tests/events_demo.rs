//! The demo site (the five seed articles in content/) must yield the chronology a reader
//! expects: the core happenings once each, on the right day, cited by several sources, the
//! undated articles dated, and the disagreement on the day of the apology shown.

mod events_support;

use std::path::Path;

use annales::site::Site;
use annales::timeline::DateBasis;
use events_support::{event_citing, load_fixture, source_count as sources, summary};

/// The repository root is the demo site: its site.toml and the five seeds.
fn demo_site() -> (tempfile::TempDir, Site) {
    load_fixture(Path::new(env!("CARGO_MANIFEST_DIR")), &[])
}

#[test]
fn undated_and_month_dated_articles_get_their_day() {
    let (_dir, site) = demo_site();
    let published = |p: &str| {
        site.timeline
            .sources
            .iter()
            .find(|s| s.id.starts_with(p))
            .map(|s| {
                (
                    s.published.map(|p| p.to_string()).unwrap_or_default(),
                    s.published_basis,
                )
            })
            .unwrap()
    };
    let (d0, b0) = published("000");
    assert!(d0 == "2023-09-21" || d0 == "2023-09-22", "000: {d0}");
    assert_eq!(b0, DateBasis::Inferred);
    assert_eq!(published("001").0, "2023-09-20");
    assert_eq!(published("002").0, "2023-09-21");
    assert_eq!(published("003").0, "2023-09-21");
    assert_eq!(published("004").0, "2023-09-20");
}

#[test]
fn the_offensive_is_one_event_on_tuesday() {
    let (_dir, site) = demo_site();
    let e = event_citing(&site, "003", "Mardi, l’armée azerbaïdjanaise a lancé");
    assert!(e.date.to_string().starts_with("2023-09-19"), "{}", e.date);
    assert!(sources(e) >= 2, "{}", summary(&site));
    assert_eq!(e, event_citing(&site, "004", "a envoyé mardi des troupes"));
    assert_eq!(
        e,
        event_citing(&site, "001", "pilonnées depuis mardi matin")
    );
}

#[test]
fn the_ceasefire_is_one_event_on_wednesday_at_eleven() {
    let (_dir, site) = demo_site();
    let e = event_citing(&site, "004", "entré en vigueur mercredi à 11 heures");
    assert_eq!(e.date, "2023-09-20T11:00");
    assert!(sources(e) >= 2, "{}", summary(&site));
    assert_eq!(
        e,
        event_citing(&site, "000", "le cessez-le-feu entré en vigueur mercredi")
    );
}

#[test]
fn the_talks_are_one_event_on_thursday_with_three_sources() {
    let (_dir, site) = demo_site();
    let e = event_citing(&site, "002", "ont débuté jeudi à Yevlakh");
    assert!(e.date.to_string().starts_with("2023-09-21"), "{}", e.date);
    assert!(sources(e) >= 3, "{}", summary(&site));
    assert_eq!(
        e,
        event_citing(&site, "000", "qui ont débuté jeudi à Yevlakh")
    );
    assert_eq!(e, event_citing(&site, "003", "se sont rencontrés jeudi"));
}

#[test]
fn the_security_council_is_one_event_on_thursday_apart_from_the_talks() {
    let (_dir, site) = demo_site();
    let e = event_citing(
        &site,
        "003",
        "Le Conseil de sécurité de l’ONU a prévu jeudi",
    );
    assert!(e.date.to_string().starts_with("2023-09-21"), "{}", e.date);
    assert!(sources(e) >= 2, "{}", summary(&site));
    assert_eq!(
        e,
        event_citing(&site, "002", "réuni d'urgence jeudi à la demande")
    );
    assert_ne!(e, event_citing(&site, "002", "ont débuté jeudi à Yevlakh"));
}

#[test]
fn the_day_of_the_apology_is_a_conflict() {
    let (_dir, site) = demo_site();
    let e = event_citing(&site, "000", "ses excuses");
    assert_eq!(e, event_citing(&site, "003", "ses excuses"));
    let c = e
        .conflicts
        .iter()
        .find(|c| c.kind == "date")
        .unwrap_or_else(|| panic!("no date conflict on {}", e.id));
    assert!(c.values.iter().any(|v| v == "2023-09-20"));
    assert!(c.values.iter().any(|v| v == "2023-09-21"));
    assert_eq!(c.values.len(), c.sources.len());
}

#[test]
fn two_accusations_by_different_accusers_on_thursday_are_two_events() {
    let (_dir, site) = demo_site();
    let prime_minister = event_citing(&site, "000", "a accusé jeudi la Russie");
    let authorities = event_citing(&site, "003", "ont accusé l’Azerbaïdjan");
    assert!(prime_minister.date.to_string().starts_with("2023-09-21"));
    assert!(authorities.date.to_string().starts_with("2023-09-21"));
    assert_ne!(prime_minister.id, authorities.id);
}

#[test]
fn the_crowd_at_the_airport_is_not_the_protest_in_the_capital() {
    let (_dir, site) = demo_site();
    let airport = event_citing(&site, "003", "autres personnes se sont rassemblées");
    let protest = event_citing(&site, "003", "Les manifestants se sont rassemblés");
    assert!(airport.date.to_string().starts_with("2023-09-20"));
    assert!(protest.date.to_string().starts_with("2023-09-20"));
    assert_ne!(airport.id, protest.id);
}

#[test]
fn no_event_lands_on_a_day_the_articles_do_not_support() {
    let (_dir, site) = demo_site();
    for e in &site.timeline.events {
        let date = e.date.to_string();
        if date.len() >= 10 {
            let day = &date[..10];
            assert!(
                ("2023-09-19"..="2023-09-21").contains(&day),
                "{} {} {}",
                e.date,
                e.id,
                e.headline
            );
        }
    }
}

#[test]
fn every_citation_points_at_its_quote_and_ids_are_unique() {
    let (_dir, site) = demo_site();
    let mut ids = std::collections::BTreeSet::new();
    for e in &site.timeline.events {
        assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
        assert!(e.headline.chars().count() <= 110, "{}", e.headline);
        for c in &e.citations {
            let a = site.articles.iter().find(|a| a.id == c.source).unwrap();
            let quote: String = a.body.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(quote, c.quote);
            assert_eq!(c.anchor, format!("sources/{}/#q-{}", c.source, c.start));
        }
    }
}

#[test]
fn rebuilding_gives_the_same_timeline() {
    let (_d1, a) = demo_site();
    let (_d2, b) = demo_site();
    assert_eq!(
        serde_json::to_string(&a.timeline.events).unwrap(),
        serde_json::to_string(&b.timeline.events).unwrap()
    );
}
