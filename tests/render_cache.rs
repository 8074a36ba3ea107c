//! The preview's page cache: a render that reuses the previous render's pages gives exactly the
//! files a fresh render gives, after an article edit and after a template edit.

use std::path::Path;

use annales::render::{self, OutputFile, PageCache};
use annales::site::{BuildOptions, Pipeline};

const MONTHS: [&str; 3] = ["janvier", "février", "mars"];

fn article(i: usize, revision: usize) -> String {
    let mut text = format!(
        "+++\ntitle = \"Article {i}\"\ndate = 2024-{:02}-{:02}\n+++\n\n",
        i % 3 + 1,
        i + 3
    );
    for p in 0..3 {
        text.push_str(&format!(
            "Le {} {}, le conseil de la commune {} a adopté la mesure {p}. Selon le maire, la \
décision sera appliquée mardi prochain, a-t-il déclaré (révision {revision}).\n\n",
            1 + (i + p) % 28,
            MONTHS[i % 3],
            i % 2
        ));
    }
    text
}

fn site(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Cache\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    for i in 0..6 {
        std::fs::write(root.join(format!("content/a{i}.md")), article(i, 0)).unwrap();
    }
}

fn same(cached: &[OutputFile], fresh: &[OutputFile]) {
    let paths = |f: &[OutputFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(cached), paths(fresh));
    for (c, f) in cached.iter().zip(fresh) {
        assert!(c.bytes == f.bytes, "{} differs from a fresh render", c.path);
    }
}

#[test]
fn cached_renders_equal_fresh_renders_after_edits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    let mut cache = PageCache::default();

    let first = pipeline.load(&opts).unwrap();
    assert!(
        !first.timeline.events.is_empty(),
        "the test site has events"
    );
    same(
        &first.render_cached(&mut cache).unwrap(),
        &first.render().unwrap(),
    );
    assert_eq!(cache.last_reused, 0);

    // Unchanged site: every page comes from the cache, and nothing differs.
    let again = pipeline.load(&opts).unwrap();
    same(
        &again.render_cached(&mut cache).unwrap(),
        &again.render().unwrap(),
    );
    assert_eq!(cache.last_rendered, 0);

    // One article edited: its pages change, the others are reused.
    std::fs::write(root.join("content/a2.md"), article(2, 1)).unwrap();
    let edited = pipeline.load(&opts).unwrap();
    let cached = edited.render_cached(&mut cache).unwrap();
    same(&cached, &edited.render().unwrap());
    let page = cached
        .iter()
        .find(|f| f.path == "sources/a2/index.html")
        .expect("source page of the edited article");
    assert!(String::from_utf8_lossy(&page.bytes).contains("révision 1"));
    assert!(cache.last_reused > 0 && cache.last_rendered > 0);

    // A template override: every page is rendered again with it.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let theme = render::theme::Theme::load(root, "default").unwrap();
    let base = &theme.templates["base.html"].1;
    std::fs::write(
        root.join("templates/base.html"),
        base.replace("</body>", "<!-- overridden --></body>"),
    )
    .unwrap();
    let cached = edited.render_cached(&mut cache).unwrap();
    same(&cached, &edited.render().unwrap());
    assert_eq!(cache.last_reused, 0);
    let home = cached.iter().find(|f| f.path == "index.html").unwrap();
    assert!(String::from_utf8_lossy(&home.bytes).contains("<!-- overridden -->"));

    // An article removed: its page leaves the output, as in a fresh render.
    std::fs::remove_file(root.join("content/a5.md")).unwrap();
    let fewer = pipeline.load(&opts).unwrap();
    let cached = fewer.render_cached(&mut cache).unwrap();
    same(&cached, &fewer.render().unwrap());
    assert!(cached.iter().all(|f| f.path != "sources/a5/index.html"));
}

#[test]
fn the_preview_rebuild_after_an_edit_gives_what_a_fresh_build_gives() {
    use annales::serve::rebuild::Rebuilder;
    use annales::serve::watch::Change;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let opts = BuildOptions::new(root);
    let mut rebuilder = Rebuilder::new(opts.clone());
    rebuilder.rebuild(Change::Config).unwrap();
    let fresh = |opts: &BuildOptions| {
        let site = Pipeline::default().load(opts).unwrap();
        site.render()
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect::<std::collections::HashMap<_, _>>()
    };
    for (revision, change) in [
        (1, Change::Content),
        (2, Change::Content),
        (2, Change::Theme),
    ] {
        std::fs::write(root.join("content/a4.md"), article(4, revision)).unwrap();
        if change == Change::Theme {
            std::fs::create_dir_all(root.join("static")).unwrap();
            std::fs::write(root.join("static/style.css"), "body { color: black }").unwrap();
        }
        let rebuilt = rebuilder.rebuild(change).unwrap();
        // The pages come first, the data files (timeline.json, the feeds) after them.
        assert!(
            !rebuilt.files.contains_key("timeline.json"),
            "the data files were made before the pages were shown"
        );
        let data = rebuilder.data_files().unwrap();
        assert!(data.contains_key("timeline.json") && data.contains_key("feed.xml"));
        let mut files = rebuilt.files;
        files.extend(data);
        let expected = fresh(&opts);
        assert_eq!(files.len(), expected.len());
        for (path, bytes) in &expected {
            assert!(files.get(path) == Some(bytes), "{path} differs");
        }
    }
}

/// An article reporting the shared event, preceded by `preamble` undated paragraphs.
fn shared_report(title: &str, preamble: usize) -> String {
    let mut text = format!("+++\ntitle = \"{title}\"\ndate = 2024-03-20\n+++\n\n");
    for n in 0..preamble {
        text.push_str(&format!(
            "Un paragraphe d'introduction sans date, numéro {n}.\n\n"
        ));
    }
    text.push_str(
        "Le 12 mars 2024, le conseil de la commune a adopté le budget annuel de la ville.\n\n",
    );
    text
}

#[test]
fn an_edit_that_leaves_an_events_link_alone_does_not_render_other_sources_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    std::fs::write(root.join("content/x.md"), shared_report("X", 0)).unwrap();
    std::fs::write(root.join("content/y.md"), shared_report("Y", 0)).unwrap();
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    let mut cache = PageCache::default();
    let first = pipeline.load(&opts).unwrap();
    let shared = first
        .timeline
        .events
        .iter()
        .find(|e| {
            let cites = |s: &str| e.citations.iter().any(|c| c.source == s);
            cites("x") && cites("y")
        })
        .expect("both articles support one event")
        .clone();
    first.render_cached(&mut cache).unwrap();

    // The quote moves within x: the event's citations change, its headline, date and link do not.
    std::fs::write(root.join("content/x.md"), shared_report("X", 2)).unwrap();
    let edited = pipeline.load(&opts).unwrap();
    let now = edited
        .timeline
        .events
        .iter()
        .find(|e| e.id == shared.id)
        .expect("the event keeps its id");
    assert_ne!(now.citations, shared.citations);
    assert_eq!(now.headline, shared.headline);
    let cached = edited.render_cached(&mut cache).unwrap();
    same(&cached, &edited.render().unwrap());
    let rendered = &cache.last_rendered_pages;
    assert!(
        rendered.contains(&"sources/x/index.html".to_string()),
        "{rendered:?}"
    );
    assert!(
        !rendered.contains(&"sources/y/index.html".to_string()),
        "{rendered:?}"
    );
    let y = cached
        .iter()
        .find(|f| f.path == "sources/y/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&y.bytes).contains(&shared.headline));
}
