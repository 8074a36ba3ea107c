//! What a newcomer meets first: `annales init` in each language, and `annales theme` to take the
//! built-in theme's files for editing without ever overwriting one.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn annales(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annales"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn new_site(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "site"];
    all.extend_from_slice(args);
    let out = annales(&all, dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let root = dir.path().join("site");
    (dir, root)
}

fn timeline(root: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(root.join("public/timeline.json")).unwrap()).unwrap()
}

#[test]
fn init_defaults_to_the_default_language_of_site_toml() {
    // A site.toml without `language` reads French articles: init says the same.
    let (_dir, root) = new_site(&[]);
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    assert!(toml.contains("language = \"fr\""), "{toml}");
    let article = fs::read_to_string(root.join("content/example.md")).unwrap();
    assert!(article.contains("lang = \"fr\""), "{article}");
}

#[test]
fn init_in_every_language_gives_a_site_whose_example_is_dated_and_has_events() {
    for lang in ["fr", "en", "es", "it"] {
        let (_dir, root) = new_site(&["--language", lang]);
        let out = annales(&["build", "-q"], &root);
        assert!(out.status.success(), "{lang}: {}", text(&out));
        let t = timeline(&root);
        assert_eq!(t["sources"][0]["language"], lang);
        let dates: Vec<&str> = t["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["date"].as_str())
            .collect();
        // Published Thursday 14 March 2024: the vote "on Wednesday" is the 13th, the works start
        // "on Monday" the 18th.
        assert!(dates.contains(&"2024-03-13"), "{lang}: {dates:?}");
        assert!(dates.contains(&"2024-03-18"), "{lang}: {dates:?}");
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let out = annales(&["init", "site", "--language", "xx"], dir.path());
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("`fr`") && msg.contains("`it`"), "{msg}");
    assert!(!dir.path().join("site").exists());
}

#[test]
fn theme_writes_one_template_that_then_overrides_the_built_in_one() {
    let (_dir, root) = new_site(&["--language", "en"]);
    let out = annales(&["theme", "event.html"], &root);
    assert!(out.status.success(), "{}", text(&out));
    let built_in = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/event.html"),
    )
    .unwrap();
    let copy = root.join("templates/event.html");
    assert_eq!(fs::read_to_string(&copy).unwrap(), built_in);
    // Only what was asked for.
    assert!(!root.join("templates/index.html").exists());
    assert!(!root.join("static/style.css").exists());
    // Edited, it is what the site shows.
    let edited = built_in.replacen(
        "{% block content %}",
        "{% block content %}<p>OUR-MARK</p>",
        1,
    );
    assert_ne!(edited, built_in, "the template has a content block");
    fs::write(&copy, &edited).unwrap();
    assert!(annales(&["build", "-q"], &root).status.success());
    let events = fs::read_dir(root.join("public/events")).unwrap();
    let page = events.flatten().next().unwrap().path().join("index.html");
    assert!(fs::read_to_string(page).unwrap().contains("OUR-MARK"));
}

#[test]
fn theme_never_overwrites_a_file_of_the_site() {
    let (_dir, root) = new_site(&["--language", "en"]);
    fs::write(root.join("templates/index.html"), "mine").unwrap();
    let out = annales(&["theme"], &root);
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("templates/index.html"), "{msg}");
    assert_eq!(
        fs::read_to_string(root.join("templates/index.html")).unwrap(),
        "mine"
    );
    // All or nothing: no other file was written either.
    assert!(!root.join("templates/event.html").exists());
}

#[test]
fn theme_without_names_writes_every_template_and_the_static_files() {
    let (_dir, root) = new_site(&["--language", "en"]);
    let out = annales(&["theme"], &root);
    assert!(out.status.success(), "{}", text(&out));
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for sub in ["templates", "static"] {
        for f in fs::read_dir(theme.join(sub)).unwrap().flatten() {
            let name = f.file_name();
            assert_eq!(
                fs::read(root.join(sub).join(&name)).unwrap(),
                fs::read(f.path()).unwrap(),
                "{sub}/{name:?}"
            );
        }
    }
    // The site builds the same pages from its own copy as from the built-in theme.
    assert!(annales(&["build", "-q"], &root).status.success());
}

#[test]
fn theme_names_an_unknown_file_and_lists_the_choices() {
    let (_dir, root) = new_site(&["--language", "en"]);
    let out = annales(&["theme", "evnt.html"], &root);
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(
        msg.contains("evnt.html") && msg.contains("`event.html`"),
        "{msg}"
    );
    let listed = annales(&["theme", "--list"], &root);
    assert!(text(&listed).contains("templates/event.html"));
}

#[test]
fn theme_outside_a_site_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = annales(&["theme"], dir.path());
    assert!(!out.status.success());
    assert!(text(&out).contains("site.toml"), "{}", text(&out));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_article_in_another_language_than_the_site_is_read_in_its_own() {
    // An English site with a French and a Spanish scraped text, each dated by a metadata line
    // of its own language (so the language is settled before the metadata lines are read).
    let (_dir, root) = new_site(&["--language", "en"]);
    fs::write(
        root.join("content/pont.txt"),
        "Le conseil vote le pont\n\nPublié le 14 mars 2024 à 09h30\n\nLe conseil municipal a approuvé mercredi le nouveau pont sur la rivière, après trois heures de débat avec les habitants du quartier.\n\nLes travaux commenceront lundi, a annoncé la maire devant la presse locale.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/puente.txt"),
        "El pleno aprueba el puente\n\nPublicado el 14 de marzo de 2024 a las 09:30\n\nEl pleno del ayuntamiento aprobó el miércoles el nuevo puente sobre el río, tras tres horas de debate con los vecinos del barrio.\n\nLas obras empezarán el lunes, anunció la alcaldesa ante la prensa local.\n",
    )
    .unwrap();
    let out = annales(&["build", "-q"], &root);
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(&root);
    let lang_of = |id: &str| {
        t["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["language"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(lang_of("pont"), "fr");
    assert_eq!(lang_of("puente"), "es");
    assert_eq!(lang_of("example"), "en");
    // Read in French, "mercredi" and "lundi" date its events.
    let cited = |day: &str, id: &str| {
        t["events"].as_array().unwrap().iter().any(|e| {
            e["date"] == day
                && e["citations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["source"] == id)
        })
    };
    assert!(
        cited("2024-03-13", "pont") && cited("2024-03-18", "pont"),
        "{t}"
    );
    assert!(
        cited("2024-03-13", "puente") && cited("2024-03-18", "puente"),
        "{t}"
    );
    // `annales check` says which language and how.
    let check = text(&annales(&["check"], &root));
    let line = |id: &str| {
        check
            .lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_else(|| panic!("{id} not listed: {check}"))
            .to_string()
    };
    assert!(line("pont").contains("fr (detected)"), "{check}");
    assert!(line("example").contains("en (stated)"), "{check}");
}
