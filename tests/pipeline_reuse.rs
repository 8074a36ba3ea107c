//! The pipeline reuses the articles of unchanged content files between loads: a reloaded site
//! is the site a fresh load gives, with the same warnings and errors.

use std::path::Path;

use annales::site::{BuildOptions, Pipeline, Site};

fn article(i: usize, revision: usize) -> String {
    format!(
        "+++\ntitle = \"Article {i}\"\ndate = 2024-03-{:02}\n+++\n\nLe {} mars 2024, le conseil \
a adopté la mesure {i}, a déclaré le maire (révision {revision}).\n",
        i + 10,
        i + 2
    )
}

fn site(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Reuse\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    for i in 0..4 {
        std::fs::write(root.join(format!("content/a{i}.md")), article(i, 0)).unwrap();
    }
    // Skipped with a warning, every time.
    std::fs::write(root.join("content/empty.txt"), "  \n").unwrap();
}

/// Everything a load gives that a user sees: articles, timeline and warnings.
fn seen(site: &Site) -> (String, String, Vec<String>) {
    (
        format!("{:?}", site.articles),
        serde_json::to_string(&site.timeline).unwrap(),
        site.warnings.clone(),
    )
}

fn fresh(opts: &BuildOptions) -> Site {
    Pipeline::default().load(opts).unwrap()
}

#[test]
fn a_single_load_pipeline_gives_the_same_site_and_keeps_no_files() {
    // What `annales build` and `annales check` use: the same site, and nothing kept for a next
    // load (every file is parsed again).
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let opts = BuildOptions::new(root);
    let mut once = Pipeline::once();
    let first = once.load(&opts).unwrap();
    assert_eq!(seen(&first), seen(&fresh(&opts)));
    assert_eq!(once.last_parsed, 5);
    let again = once.load(&opts).unwrap();
    assert_eq!(once.last_parsed, 5);
    assert_eq!(seen(&again), seen(&first));
}

#[test]
fn unchanged_files_are_not_parsed_again_and_the_site_is_a_fresh_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    let first = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.last_parsed, 5);
    assert!(first.warnings.iter().any(|w| w.contains("empty.txt")));
    assert_eq!(seen(&first), seen(&fresh(&opts)));

    let again = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.last_parsed, 0);
    assert_eq!(seen(&again), seen(&first));

    // One article edited: only it is parsed again.
    std::fs::write(root.join("content/a2.md"), article(2, 1)).unwrap();
    let edited = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.last_parsed, 1);
    assert!(
        edited
            .articles
            .iter()
            .any(|a| a.body.contains("révision 1"))
    );
    assert_eq!(seen(&edited), seen(&fresh(&opts)));

    // A file removed, one added.
    std::fs::remove_file(root.join("content/a0.md")).unwrap();
    std::fs::write(root.join("content/a9.md"), article(9, 0)).unwrap();
    let changed = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.last_parsed, 1);
    assert!(changed.articles.iter().all(|a| a.id != "a0"));
    assert_eq!(seen(&changed), seen(&fresh(&opts)));

    // Another default language: every file is read with it.
    std::fs::write(
        root.join("site.toml"),
        "title = \"Reuse\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let english = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.last_parsed, 5);
    assert_eq!(seen(&english), seen(&fresh(&opts)));
}

#[test]
fn a_broken_file_is_the_same_error_on_every_load_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    pipeline.load(&opts).unwrap();
    std::fs::write(
        root.join("content/a1.md"),
        "+++\ntitle = \"never closed\"\n",
    )
    .unwrap();
    let expected = format!("{:#}", Pipeline::default().load(&opts).unwrap_err());
    for _ in 0..2 {
        let err = pipeline.load(&opts).unwrap_err();
        assert_eq!(format!("{err:#}"), expected);
    }
    std::fs::write(root.join("content/a1.md"), article(1, 3)).unwrap();
    let fixed = pipeline.load(&opts).unwrap();
    assert_eq!(seen(&fixed), seen(&fresh(&opts)));
}

/// An undated article: placed by the dated ones that report the same vote.
fn undated(i: usize, revision: usize) -> String {
    format!(
        "Vote au conseil {i}\n\nMardi, le conseil de la commune a adopté la mesure {i} sur les \
transports, a déclaré le maire. La veille, les opposants avaient manifesté (version {revision}).\n"
    )
}

#[test]
fn undated_articles_read_again_from_kept_readings_give_a_fresh_loads_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    for i in 0..3 {
        std::fs::write(root.join(format!("content/u{i}.txt")), undated(i, 0)).unwrap();
    }
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    let first = pipeline.load(&opts).unwrap();
    assert_eq!(seen(&first), seen(&fresh(&opts)));
    // Nothing changed: the kept readings give the same site.
    assert_eq!(seen(&pipeline.load(&opts).unwrap()), seen(&first));

    // A dated article edited: the undated ones are placed again from their kept readings.
    std::fs::write(root.join("content/a1.md"), article(1, 3)).unwrap();
    assert_eq!(seen(&pipeline.load(&opts).unwrap()), seen(&fresh(&opts)));

    // An undated article edited: its old readings are not reused.
    std::fs::write(root.join("content/u1.txt"), undated(7, 1)).unwrap();
    let edited = pipeline.load(&opts).unwrap();
    assert!(
        serde_json::to_string(&edited.timeline)
            .unwrap()
            .contains("mesure 7")
    );
    assert_eq!(seen(&edited), seen(&fresh(&opts)));
}
