//! `annales build`, `check` and `init` on real sites in temporary folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use annales::timeline::Timeline;

mod cli_support;
use cli_support::{run, site, text, timeline};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annales"))
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn demo_site() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    for e in fs::read_dir(repo.join("content")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            fs::copy(e.path(), dir.path().join("content").join(e.file_name())).unwrap();
        }
    }
    dir
}

#[test]
fn demo_site_builds_with_its_five_sources() {
    let dir = demo_site();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    assert_eq!(t.version, 1);
    assert_eq!(t.sources.len(), 5);
    for s in &t.sources {
        let page = dir.path().join("public").join(&s.page).join("index.html");
        assert!(page.is_file(), "missing source page {}", page.display());
        assert!(s.path.starts_with("content/") && s.path.ends_with(".txt"));
    }
    assert!(dir.path().join("public/index.html").is_file());
    // The summary line names what was built.
    assert!(text(&out).contains("5 sources"), "{}", text(&out));
}

#[test]
fn demo_headers_give_month_dates_and_undated_stay_honest() {
    let dir = demo_site();
    assert!(run(&["build"], dir.path()).status.success());
    let t = timeline(dir.path());
    for s in &t.sources {
        match s.published_basis.as_str() {
            // A `date 2023-09` header may be refined by the text, never replaced by a guess
            // outside that month.
            "header" => assert!(
                s.published
                    .map(|p| p.to_string())
                    .as_deref()
                    .unwrap()
                    .starts_with("2023-09"),
                "{s:?}"
            ),
            "inferred" | "unknown" => {}
            other => panic!("unexpected basis {other} for {}", s.id),
        }
    }
    // The header token is metadata, not body text.
    let page = fs::read_to_string(
        dir.path()
            .join("public/sources/002-4bf251759042f9c5/index.html"),
    )
    .unwrap();
    assert!(
        !page.contains("date 2023-09 La"),
        "header leaked into the body"
    );
}

#[test]
fn both_front_matter_styles_and_partial_dates_load() {
    let dir = site(&[
        (
            "content/a.md",
            b"+++\ntitle = \"Toml article\"\ndate = \"2023-09\"\noutlet = \"Le Journal\"\n+++\nLe conseil s'est r\xc3\xa9uni.\n",
        ),
        (
            "content/b.md",
            b"---\ntitle: Yaml article\ndate: 2023-09-21T10:30:00+02:00\nauthor: A. B.\n---\nCorps du texte.\n",
        ),
        ("content/c.txt", b" date 2023-09-20 Titre brut\n\nPremier paragraphe.\n"),
    ]);
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    let by_id = |id: &str| t.sources.iter().find(|s| s.id == id).unwrap().clone();
    let a = by_id("a");
    assert_eq!(a.title, "Toml article");
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2023-09")
    );
    assert_eq!(a.published_basis, "front-matter");
    assert_eq!(a.outlet.as_deref(), Some("Le Journal"));
    let b = by_id("b");
    assert_eq!(b.title, "Yaml article");
    assert_eq!(
        b.published.map(|p| p.to_string()).as_deref(),
        Some("2023-09-21T10:30")
    );
    assert_eq!(b.author.as_deref(), Some("A. B."));
    let c = by_id("c");
    assert_eq!(c.title, "Titre brut");
    assert_eq!(
        c.published.map(|p| p.to_string()).as_deref(),
        Some("2023-09-20")
    );
    assert_eq!(c.published_basis, "header");
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let dir = site(&[
        ("content/a.md", b"+++\ntitle = \"Published\"\n+++\nText.\n"),
        (
            "content/d.md",
            b"+++\ntitle = \"Draft\"\ndraft = true\n+++\nText.\n",
        ),
    ]);
    assert!(run(&["build"], dir.path()).status.success());
    assert_eq!(timeline(dir.path()).sources.len(), 1);
    assert!(run(&["build", "--drafts"], dir.path()).status.success());
    assert_eq!(timeline(dir.path()).sources.len(), 2);
}

#[test]
fn a_site_template_overrides_the_theme_file_by_file() {
    let dir = site(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n")]);
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/index.html"),
        "<p>OVERRIDDEN {{ config.title }} {{ sources | length }}</p>",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let index = fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert_eq!(index, "<p>OVERRIDDEN Test 1</p>");
    // Other pages still come from the theme.
    let source = fs::read_to_string(dir.path().join("public/sources/a/index.html")).unwrap();
    assert!(source.contains("<html"), "{source}");
}

#[test]
fn a_broken_template_fails_and_keeps_the_previous_output() {
    let dir = site(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n")]);
    assert!(run(&["build"], dir.path()).status.success());
    let before = snapshot(&dir.path().join("public"));
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/index.html"),
        "<p>ok</p>\n{% for x in %}\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let msg = text(&out);
    // file:line:column, so that an editor can jump to it.
    assert!(msg.contains("templates/index.html:2:13"), "{msg}");
    assert_eq!(snapshot(&dir.path().join("public")), before);
    // No staging folder is left behind.
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".annales-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_render_error_names_the_template() {
    let dir = site(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n")]);
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/index.html"),
        "{{ nosuchvar.field }}",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    assert!(text(&out).contains("index.html"), "{}", text(&out));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn broken_front_matter_names_file_and_line_and_keeps_output() {
    let dir = site(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n")]);
    assert!(run(&["build"], dir.path()).status.success());
    let before = snapshot(&dir.path().join("public"));
    fs::write(
        dir.path().join("content/b.md"),
        "+++\ntitle = \"B\"\ndate = \"2023-09-21\n+++\nText.\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("content/b.md:3:"), "{msg}");
    assert_eq!(snapshot(&dir.path().join("public")), before);
}

#[test]
fn yaml_front_matter_error_has_a_line_too() {
    let dir = site(&[("content/y.md", b"---\ntitle: ok\ntags: [a, b\n---\nText.\n")]);
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    assert!(text(&out).contains("content/y.md:"), "{}", text(&out));
}

#[test]
fn non_utf8_and_binary_files_are_clear_errors() {
    let dir = site(&[("content/latin1.txt", b"Titre\n\nCaf\xe9 cr\xe8me\n")]);
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("content/latin1.txt:3:4"), "{msg}");
    assert!(msg.contains("UTF-8"), "{msg}");

    let dir = site(&[("content/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")]);
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    assert!(text(&out).contains("binary"), "{}", text(&out));
}

#[test]
fn an_empty_article_is_a_warning_and_skipped() {
    let dir = site(&[
        ("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n"),
        ("content/empty.txt", b""),
        ("content/blank.md", b"+++\ntitle = \"Blank\"\n+++\n\n"),
    ]);
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("warning: content/empty.txt"), "{msg}");
    assert!(msg.contains("warning: content/blank.md"), "{msg}");
    assert_eq!(timeline(dir.path()).sources.len(), 1);
}

#[test]
fn rebuilds_are_byte_identical_whatever_the_thread_count() {
    let dir = demo_site();
    let build = |threads: &str| {
        let out = bin()
            .args(["build", "--root"])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        snapshot(&dir.path().join("public"))
    };
    let first = build("1");
    let second = build("4");
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0.display());
    }
}

#[test]
fn output_and_base_url_flags_are_honoured() {
    let dir = site(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n")]);
    let elsewhere = dir.path().join("out/site");
    let out = bin()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(&elsewhere)
        .args(["--base-url", "https://example.org/tl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(!dir.path().join("public").exists());
    let json = fs::read_to_string(elsewhere.join("timeline.json")).unwrap();
    let t: Timeline = serde_json::from_str(&json).unwrap();
    assert_eq!(t.site.base_url.as_deref(), Some("https://example.org/tl"));
}

#[test]
fn a_misspelt_site_toml_key_is_named_with_its_position() {
    let dir = site(&[]);
    fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\nbase_ulr = \"x\"\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("site.toml:2:1"), "{msg}");
    assert!(msg.contains("base_ulr"), "{msg}");
}

#[test]
fn check_reports_and_writes_nothing() {
    let dir = demo_site();
    let out = run(&["check"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("Sources (5)"), "{msg}");
    assert!(msg.contains("002-4bf251759042f9c5"), "{msg}");
    assert!(!dir.path().join("public").exists());

    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(dir.path().join("templates/index.html"), "{% if %}").unwrap();
    let out = run(&["check"], dir.path());
    assert!(!out.status.success(), "a template error must fail check");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn init_creates_a_site_that_builds() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new-site");
    let out = bin().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.join("site.toml").is_file());
    assert!(dir.join("templates").is_dir());
    let out = run(&["build"], &dir);
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(&dir);
    assert_eq!(t.sources.len(), 1);
    assert!(dir.join("public/index.html").is_file());
    // A second init into a non-empty folder refuses rather than overwrite.
    let out = bin().arg("init").arg(&dir).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn article_text_is_escaped_in_pages() {
    let dir = site(&[(
        "content/x.txt",
        b"<script>alert('t')</script> titre\n\nUn <img src=x onerror=alert(1)> paragraphe.\n",
    )]);
    assert!(run(&["build"], dir.path()).status.success());
    let page = fs::read_to_string(dir.path().join("public/sources/x/index.html")).unwrap();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    let index = fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(!index.contains("<script>alert"), "{index}");
}

#[test]
fn an_editorial_correction_is_marked_on_the_site() {
    let dir = site(&[
        (
            "content/a.md",
            b"+++\ntitle = \"Pont\"\ndate = \"2024-03-14\"\nlang = \"fr\"\n+++\nLe conseil municipal a approuv\xc3\xa9 le nouveau pont mercredi.\n",
        ),
        (
            "content/_timeline.toml",
            "[[add]]\ndate = \"2024-03-18\"\nheadline = \"D\u{e9}but du chantier\"\nsource = \"a\"\nquote = \"Le conseil municipal\"\n"
                .as_bytes(),
        ),
    ]);
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    let added = t
        .events
        .iter()
        .find(|e| e.headline == "Début du chantier")
        .expect("the hand-made event is on the timeline");
    assert!(added.editorial);
    assert_eq!(added.citations[0].source, "a");
    let index = fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(index.contains("Correction éditoriale"), "{index}");
    // Machine-made events carry no such mark.
    assert_eq!(index.matches("badge editorial").count(), 1, "{index}");
}

/// The links of a page (`href` and `src`), unescaped enough for these checks.
fn links_of(page: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    re.captures_iter(page)
        .map(|c| c[1].replace("&#x2F;", "/").replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_404_page_links_from_the_root_whatever_the_missing_url() {
    // A static host answers /events/missing/deeper/ with 404.html: a relative link would be
    // read from that depth and lead to another 404.
    let dir = site(&[(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = \"2024-03-14\"\n+++\nLe conseil a voté mercredi.\n".as_bytes(),
    )]);
    assert!(run(&["build"], dir.path()).status.success());
    let page = fs::read_to_string(dir.path().join("public/404.html")).unwrap();
    let links = links_of(&page);
    assert!(links.iter().any(|l| l == "/index.html"), "{links:?}");
    for l in &links {
        assert!(
            l.starts_with('/') || l.starts_with('#'),
            "relative link {l} in 404.html"
        );
    }
    // With base_url, absolute URLs under it.
    let out = run(
        &["build", "--base-url", "https://example.org/story"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let page = fs::read_to_string(dir.path().join("public/404.html")).unwrap();
    let links = links_of(&page);
    assert!(
        links
            .iter()
            .any(|l| l == "https://example.org/story/index.html"),
        "{links:?}"
    );
    for l in &links {
        assert!(
            l.starts_with("https://example.org/story/") || l.starts_with('#'),
            "{l} in 404.html"
        );
    }
}

#[test]
fn a_hand_made_event_without_a_checkable_source_is_left_out_with_a_warning() {
    let dir = site(&[
        (
            "content/a.md",
            "+++\ntitle = \"Pont\"\ndate = \"2024-03-14\"\nlang = \"fr\"\n+++\nLe conseil municipal a approuvé le nouveau pont mercredi.\n"
                .as_bytes(),
        ),
        (
            "content/_timeline.toml",
            "[[add]]\ndate = \"2024-03-18\"\nheadline = \"Sans source\"\n\n\
             [[add]]\ndate = \"2024-03-19\"\nheadline = \"Citation inventée\"\nsource = \"a\"\nquote = \"Le maire a démissionné\"\n\n\
             [[add]]\ndate = \"2024-03-20\"\nheadline = \"Source inconnue\"\nsource = \"zz\"\nquote = \"Le conseil\"\n"
                .as_bytes(),
        ),
    ]);
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    for e in &t.events {
        assert!(!e.citations.is_empty(), "{} has no source", e.headline);
    }
    let msg = text(&out);
    for headline in ["Sans source", "Citation inventée", "Source inconnue"] {
        assert!(
            !t.events.iter().any(|e| e.headline == headline),
            "{headline} published"
        );
        let line = msg
            .lines()
            .find(|l| l.contains(headline))
            .unwrap_or_else(|| panic!("no warning for {headline}: {msg}"));
        assert!(line.contains("left off the timeline"), "{line}");
    }
}

#[test]
fn a_source_page_shows_readers_no_file_path_of_the_site() {
    let dir = site(&[(
        "content/dossier/a.md",
        "+++\ntitle = \"Pont\"\ndate = \"2024-03-14\"\noutlet = \"La Gazette\"\n+++\nLe conseil a voté mercredi.\n"
            .as_bytes(),
    )]);
    assert!(run(&["build"], dir.path()).status.success());
    let pages = fs::read_dir(dir.path().join("public/sources")).unwrap();
    let page = pages
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path()
        .join("index.html");
    let html = fs::read_to_string(page).unwrap();
    assert!(html.contains("La Gazette"), "{html}");
    assert!(!html.contains("content/dossier"), "{html}");
    assert!(!html.contains("Fichier"), "{html}");
}

#[test]
fn a_missing_site_toml_is_said_once_with_the_hint_on_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["build", "check"] {
        let out = run(&[cmd], dir.path());
        assert!(!out.status.success());
        let msg = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(msg.matches("os error").count(), 1, "{msg}");
        let hint = msg
            .lines()
            .find(|l| l.contains("hint:"))
            .unwrap_or_default();
        assert!(hint.trim_end().ends_with("or pass --root"), "{msg}");
    }
}

#[test]
fn a_front_matter_error_says_what_was_expected_once() {
    let dir = site(&[("content/a.md", b"+++\ntitel = \"x\"\n+++\nCorps.\n")]);
    let out = run(&["build"], dir.path());
    assert!(!out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(msg.contains("content/a.md:2:1"), "{msg}");
    assert!(msg.contains("`titel`"), "{msg}");
    assert_eq!(
        msg.matches("outlet").count(),
        1,
        "the keys listed once: {msg}"
    );
    // A value of the wrong type gets no list of keys that does not apply.
    let dir = site(&[("content/a.md", b"---\ntitle: [x]\n---\nCorps.\n")]);
    let msg = String::from_utf8_lossy(&run(&["build"], dir.path()).stderr).into_owned();
    assert!(msg.contains("content/a.md:2:"), "{msg}");
    assert!(!msg.contains("outlet"), "{msg}");
}

/// `annales build` into a pipe (as in CI): no progress line, no terminal control, only what it
/// always printed: one `warning:` line per warning on stderr, then the summary on stdout.
#[test]
fn a_piped_build_prints_only_its_plain_lines() {
    let dir = demo_site();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let (stdout, stderr) = (
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    );
    let t = timeline(dir.path());
    let public = dir.path().join("public");
    let pages = snapshot(&public)
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count();
    let warnings = stderr.lines().count();
    let ms = regex::Regex::new(r" in \d+ ms\n$").unwrap();
    assert_eq!(
        ms.replace(&stdout, " in _ ms\n"),
        format!(
            "Built {} sources, {} events, {pages} pages into {} ({warnings} warning{}) in _ ms\n",
            t.sources.len(),
            t.events.len(),
            public.display(),
            if warnings == 1 { "" } else { "s" }
        )
    );
    for line in stderr.lines() {
        assert!(line.starts_with("warning: "), "{line:?}");
    }
    for noise in ["\r", "\x1b", "Reading", "Analysing", "Rendering", "Writing"] {
        assert!(!text(&out).contains(noise), "{noise:?} in {}", text(&out));
    }
}
