//! A second French story written for these tests (tests/fixtures/french-story): a dockers'
//! strike in a made-up port, told by five articles (front matter in TOML and YAML, a `date`
//! header line, an undated text). It checks article dating, core events each told once on the
//! right day with their sources, two demonstrations of the same day kept apart, anaphora
//! (`la veille`, `le lendemain`), a date conflict and a figure conflict. The expectations were
//! written from the texts before running the code.

mod events_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use annales::site::Site;
use annales::timeline::Event;
use events_support::{event_citing as citing, load_fixture};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/french-story")
}

fn site() -> (tempfile::TempDir, Site) {
    load_fixture(&fixture(), &[])
}

fn sources(e: &Event) -> BTreeSet<&str> {
    e.citations.iter().map(|c| c.source.as_str()).collect()
}

fn published<'a>(site: &'a Site, id: &str) -> (Option<String>, &'a str) {
    let s = site
        .timeline
        .sources
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no source {id}"));
    (
        s.published.map(|p| p.to_string()),
        s.published_basis.as_str(),
    )
}

#[test]
fn each_article_gets_its_date_and_basis() {
    let (_d, site) = site();
    assert_eq!(
        published(&site, "a-la-greve-debute"),
        (Some("2025-11-04".to_string()), "front-matter")
    );
    assert_eq!(
        published(&site, "c-l-accord"),
        (Some("2025-11-07".to_string()), "front-matter")
    );
    assert_eq!(
        published(&site, "e-agriculteurs"),
        (Some("2025-11-05".to_string()), "front-matter")
    );
    // `date 2025-11`, and the text speaks of Wednesday 5 November in the past.
    let (b, _) = published(&site, "b-les-negociations");
    let b = b.unwrap_or_default();
    assert!(
        ["2025-11", "2025-11-05", "2025-11-06"].contains(&b.as_str()),
        "b published {b}"
    );
    // Undated: the agreement it reports was reached on Thursday, work may resume Friday.
    assert_eq!(
        published(&site, "d-sortie-de-crise"),
        (Some("2025-11-06".to_string()), "inferred")
    );
}

#[test]
fn the_strike_starts_on_monday_once() {
    let (_d, site) = site();
    let strike = citing(
        &site,
        "a-la-greve-debute",
        "ont entamé lundi une grève illimitée",
    );
    assert_eq!(strike.date, "2025-11-03");
    assert_eq!(strike, citing(&site, "e-agriculteurs", "entamée lundi"));
}

#[test]
fn two_demonstrations_of_the_same_day_stay_apart() {
    let (_d, site) = site();
    let dockers = citing(&site, "a-la-greve-debute", "dockers ont manifesté");
    assert!(
        dockers.date.to_string().starts_with("2025-11-04"),
        "{}",
        dockers.date
    );
    assert_eq!(
        dockers,
        citing(&site, "d-sortie-de-crise", "avaient manifesté")
    );
    // `La veille` of Wednesday 5 November.
    assert_eq!(dockers, citing(&site, "b-les-negociations", "La veille"));
    // The arrests after the evening clashes at the same prefecture may be told with the
    // demonstration (c-l-accord reports only them); the farmers' protest may not.
    let s = sources(dockers);
    for id in [
        "a-la-greve-debute",
        "b-les-negociations",
        "d-sortie-de-crise",
    ] {
        assert!(s.contains(id), "{id} missing from {s:?}");
    }
    assert!(!s.contains("e-agriculteurs"), "{s:?}");

    let farmers = citing(
        &site,
        "e-agriculteurs",
        "agriculteurs de Castelnoir ont manifesté",
    );
    assert!(
        farmers.date.to_string().starts_with("2025-11-04"),
        "{}",
        farmers.date
    );
    assert_eq!(
        farmers,
        citing(&site, "a-la-greve-debute", "agriculteurs ont aussi")
    );
    assert_eq!(
        sources(farmers),
        BTreeSet::from(["a-la-greve-debute", "e-agriculteurs"])
    );
    assert_ne!(dockers.id, farmers.id);
}

#[test]
fn negotiations_open_on_wednesday_and_end_in_an_agreement_on_thursday() {
    let (_d, site) = site();
    let talks = citing(
        &site,
        "b-les-negociations",
        "se sont ouvertes mercredi 5 novembre",
    );
    assert_eq!(talks.date, "2025-11-05");
    let s = sources(talks);
    assert!(s.contains("d-sortie-de-crise"), "{s:?}");

    let deal = citing(&site, "c-l-accord", "a été signé jeudi");
    assert_eq!(deal.date, "2025-11-06");
    assert!(sources(deal).contains("d-sortie-de-crise"), "{deal:#?}");
    assert_ne!(talks.id, deal.id);

    // `Le lendemain` of Tuesday: the sub-prefect's meeting, a happening of its own.
    let met = citing(&site, "e-agriculteurs", "Le lendemain");
    assert_eq!(met.date, "2025-11-05");
    assert_ne!(met.id, talks.id);

    let work = citing(&site, "c-l-accord", "Le travail a repris vendredi");
    assert!(
        work.date.to_string().starts_with("2025-11-07"),
        "{}",
        work.date
    );
}

#[test]
fn the_resignation_day_and_the_arrest_count_are_conflicts() {
    let (_d, site) = site();
    let quit = citing(&site, "b-les-negociations", "a démissionné mercredi");
    assert_eq!(quit, citing(&site, "c-l-accord", "a démissionné jeudi"));
    assert!(!quit.conflicts.is_empty(), "{quit:#?}");

    let arrests = citing(&site, "b-les-negociations", "12 manifestants");
    assert_eq!(arrests, citing(&site, "c-l-accord", "15 manifestants"));
    assert!(
        arrests.date.to_string().starts_with("2025-11-04"),
        "{}",
        arrests.date
    );
    assert!(!arrests.conflicts.is_empty(), "{arrests:#?}");
}

#[test]
fn no_event_lands_outside_the_week_of_the_strike() {
    let (_d, site) = site();
    for e in &site.timeline.events {
        let date = e.date.to_string();
        let day = &date[..date.len().min(10)];
        if day.len() == 10 {
            assert!(
                ("2025-11-03"..="2025-11-07").contains(&day),
                "{} on {}",
                e.headline,
                e.date
            );
        }
    }
}

#[test]
fn a_figure_disagreement_names_its_quantity_in_the_page_language() {
    let (_d, site) = site();
    let arrests = citing(&site, "b-les-negociations", "12 manifestants");
    let figure = arrests
        .conflicts
        .iter()
        .find(|c| c.kind == "figure")
        .expect("a figure conflict");
    assert_eq!(figure.quantity.as_deref(), Some("arrested"));
    let date = citing(&site, "b-les-negociations", "a démissionné mercredi")
        .conflicts
        .iter()
        .find(|c| c.kind == "date")
        .expect("a date conflict");
    assert_eq!(date.quantity, None);

    let files = site.render().unwrap();
    let page = |path: &str| {
        let f = files.iter().find(|f| f.path == path).expect(path);
        String::from_utf8(f.bytes.clone()).unwrap()
    };
    let event = page(&format!("events/{}/index.html", arrests.id));
    assert!(
        event.contains("Les sources divergent sur le nombre d&#x27;arrestations")
            || event.contains("Les sources divergent sur le nombre d'arrestations"),
        "{event}"
    );
    // The timeline's plain-English note is for tools; a French page never shows it.
    assert!(!event.contains(&figure.note), "{event}");
    assert!(!page("feed.xml").contains("sources give different figures"));
}
