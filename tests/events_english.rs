//! A small English story written for these tests (tests/fixtures/english-story): weekday
//! resolution, an anaphoric date, an undated article placed by the others, a misspelt name, a
//! date conflict and a figure conflict.

mod events_support;

use std::path::{Path, PathBuf};

use annales::site::{BuildOptions, Pipeline, Site};
use events_support::{
    assert_date_conflict, assert_figure_conflict, assert_inferred, assert_misspelt_name_joins,
    assert_top_headline, event_citing as citing, load_fixture,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/english-story")
}

/// Copies the fixture into a temp folder, with `extra` files (relative path, content) added.
fn site_with(extra: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    load_fixture(&fixture(), extra)
}

#[test]
fn the_undated_article_is_placed_by_the_happenings_it_shares() {
    let (_d, site) = site_with(&[]);
    assert_inferred(&site, "c-counting-the-cost", &["2024-03-14"]);
}

#[test]
fn weekdays_and_the_day_before_resolve_to_the_right_days() {
    let (_d, site) = site_with(&[]);
    let burst = citing(
        &site,
        "a-floods-cut-off-town",
        "burst its banks on Tuesday night",
    );
    assert!(
        burst.date.to_string().starts_with("2024-03-12"),
        "{}",
        burst.date
    );
    // "after the river burst its banks the day before" (the day before Wednesday).
    assert_eq!(burst, citing(&site, "b-army-arrives", "the day before"));
    assert_eq!(burst, citing(&site, "d-river-bursts", "late on Tuesday"));
    assert_eq!(
        burst,
        citing(&site, "c-counting-the-cost", "on Tuesday night")
    );
    let soldiers = citing(&site, "c-counting-the-cost", "Soldiers arrived on Thursday");
    assert_eq!(soldiers.date, "2024-03-14");
    assert_eq!(soldiers, citing(&site, "b-army-arrives", "the army sent"));
}

#[test]
fn a_misspelt_name_does_not_split_the_happening() {
    let (_d, site) = site_with(&[]);
    assert_misspelt_name_joins(
        &site,
        "Okonkow declared",
        "Wednesday",
        "2024-03-13",
        ("a-floods-cut-off-town", "Okonkwo declared"),
        3,
    );
}

#[test]
fn disagreeing_days_and_figures_are_conflicts() {
    let (_d, site) = site_with(&[]);
    let bridge = "bridge on Mill Street collapsed";
    let c = assert_date_conflict(
        &site,
        ("a-floods-cut-off-town", bridge),
        ("b-army-arrives", bridge),
        ["2024-03-12", "2024-03-13"],
    );
    assert_eq!(c.sources, ["b-army-arrives", "a-floods-cut-off-town"]);
    let f = assert_figure_conflict(
        &site,
        ("b-army-arrives", "1,500 people were evacuated"),
        ("a-floods-cut-off-town", "1,200 residents"),
        ["1200", "1500"],
    );
    assert!(f.note.contains("evacuated"));
}

#[test]
fn salience_puts_the_most_reported_happening_first() {
    let (_d, site) = site_with(&[]);
    assert_top_headline(&site, "burst its banks");
}

#[test]
fn editorial_corrections_add_redate_retitle_hide_and_merge() {
    let (_d, plain) = site_with(&[]);
    let id_of = |text: &str| {
        plain
            .timeline
            .events
            .iter()
            .find(|e| e.citations.iter().any(|c| c.quote.contains(text)))
            .unwrap()
            .id
            .clone()
    };
    let emergency = id_of("declared a state of emergency");
    let committee = id_of("crisis committee");
    let schools = id_of("Schools in the district");
    let soldiers = id_of("Soldiers arrived");
    let toml = format!(
        "[[edit]]\nid = \"{emergency}\"\nheadline = \"State of emergency\"\ndate = \"2024-03-13T09:00\"\n\n\
         [[edit]]\nid = \"{committee}\"\nhide = true\n\n\
         [[merge]]\nids = [\"{soldiers}\", \"{schools}\"]\n\n\
         [[add]]\ndate = \"2024-03-16\"\nheadline = \"Sandbag volunteers thanked\"\nsource = \"a-floods-cut-off-town\"\nquote = \"Volunteers filled sandbags through the night.\"\n"
    );
    let (_d, site) = site_with(&[("content/_timeline.toml", &toml)]);
    let ev = |id: &str| site.timeline.events.iter().find(|e| e.id == id);
    let e = ev(&emergency).unwrap();
    assert_eq!(e.headline, "State of emergency");
    assert_eq!(e.date, "2024-03-13T09:00");
    assert!(e.editorial);
    assert!(ev(&committee).is_none());
    assert!(ev(&schools).is_none());
    let merged = ev(&soldiers).unwrap();
    assert!(merged.editorial);
    assert!(merged.citations.iter().any(|c| c.quote.contains("Schools")));
    let added = site
        .timeline
        .events
        .iter()
        .find(|e| e.headline == "Sandbag volunteers thanked")
        .unwrap();
    assert!(added.editorial);
    assert_eq!(added.citations.len(), 1);
    let a = site
        .articles
        .iter()
        .find(|a| a.id == "a-floods-cut-off-town")
        .unwrap();
    let c = &added.citations[0];
    let quote: String = a.body.chars().skip(c.start).take(c.end - c.start).collect();
    assert_eq!(quote, c.quote);
    // Unedited events keep their ids across the rebuild.
    assert!(ev(&id_of("1,500 people")).is_some());
}

#[test]
fn a_correction_naming_an_unknown_event_is_a_warning_and_a_broken_file_an_error() {
    let (_d, site) = site_with(&[(
        "content/_timeline.toml",
        "[[edit]]\nid = \"no-such-event\"\nhide = true\n",
    )]);
    assert!(site.warnings.iter().any(|w| w.contains("no-such-event")));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy(fixture().join("site.toml"), dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        "# A\n\nIt rained on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/_timeline.toml"),
        "[[edit]\nid = 3\n",
    )
    .unwrap();
    let err = Pipeline::default()
        .load(&BuildOptions::new(dir.path()))
        .unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("_timeline.toml:1:"), "{msg}");
}

#[test]
fn an_article_nothing_places_stays_unknown_and_off_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy(fixture().join("site.toml"), dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("content/lonely.txt"),
        "A lonely report\n\nThe committee met on Tuesday and agreed to meet again on Friday. The town was founded in 1850.\n",
    )
    .unwrap();
    let site = Pipeline::default()
        .load(&BuildOptions::new(dir.path()))
        .unwrap();
    assert_eq!(site.timeline.sources[0].published_basis, "unknown");
    assert_eq!(site.timeline.sources[0].published, None);
    assert!(
        site.warnings
            .iter()
            .any(|w| w.contains("lonely.txt") && w.contains("undated"))
    );
    // The absolute year may stay; the weekdays cannot be placed.
    assert!(site.timeline.events.iter().all(|e| e.date == "1850"));
}
