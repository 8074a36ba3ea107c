//! A build, `annales check` and `annales serve` name every article that cannot be read in one
//! run, each with its place, so that a user fixes them all before building again.

mod cli_support;
mod serve_support;

use std::fs;
use std::path::Path;

use cli_support::{run, site, text};

const GOOD: &[u8] = b"---\ntitle: Bon\ndate: 2024-03-14\n---\nLe conseil a vot\xc3\xa9 mercredi.\n";

/// A site with four broken articles of different kinds, between good ones.
fn broken_site() -> tempfile::TempDir {
    site(&[
        ("content/a-good.md", GOOD),
        // Front matter that is not valid YAML: a flow sequence never closed.
        (
            "content/b-syntax.md",
            b"---\ntitle: Ok\nauthor: [unclosed\n---\nTexte.\n",
        ),
        (
            "content/c-unknown-key.md",
            b"---\ntitle: Ok\nauteur: Moi\n---\nTexte.\n",
        ),
        (
            "content/d-bad-date.md",
            b"---\ntitle: Ok\n\ndate: hier\n---\nTexte.\n",
        ),
        ("content/e-latin1.txt", b"Titre\n\nUn caf\xe9.\n"),
        (
            "content/f-good.txt",
            b"Titre\n\nLe conseil a vot\xc3\xa9 mardi.\n",
        ),
    ])
}

/// The `error:` lines that name a content file, in the order printed.
fn named_files(out: &str) -> Vec<&str> {
    out.lines()
        .filter_map(|l| l.strip_prefix("error: content/"))
        .collect()
}

fn assert_every_broken_file_is_named(out: &str) {
    let named = named_files(out);
    assert_eq!(named.len(), 4, "{out}");
    // In path order, each with its line (and column).
    assert!(named[0].starts_with("b-syntax.md:3:"), "{out}");
    assert!(named[1].starts_with("c-unknown-key.md:3:1: "), "{out}");
    assert!(named[1].contains("unknown field `auteur`"), "{out}");
    assert!(named[2].starts_with("d-bad-date.md:4:1: "), "{out}");
    assert!(named[2].contains("`hier` is not a date"), "{out}");
    assert!(
        named[3].starts_with("e-latin1.txt:3:7: not valid UTF-8"),
        "{out}"
    );
    assert!(
        !out.contains("a-good.md") && !out.contains("f-good.txt"),
        "{out}"
    );
    let last = out.lines().last().unwrap_or_default();
    assert_eq!(last, "error: 4 articles could not be read", "{out}");
}

#[test]
fn a_build_names_every_broken_article_and_leaves_the_last_output() {
    let dir = site(&[("content/a-good.md", GOOD)]);
    let out = run(&["build", "-q"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let before = fs::read(dir.path().join("public/timeline.json")).unwrap();

    let broken = broken_site();
    copy_content(broken.path(), dir.path());
    let out = run(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_every_broken_file_is_named(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        fs::read(dir.path().join("public/timeline.json")).unwrap(),
        before
    );
}

#[test]
fn check_names_every_broken_article() {
    let dir = broken_site();
    let out = run(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_every_broken_file_is_named(&String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn one_broken_article_is_said_as_before_with_no_summary() {
    let dir = site(&[
        ("content/a-good.md", GOOD),
        (
            "content/b.md",
            b"---\ntitle: Ok\nauteur: Moi\n---\nTexte.\n",
        ),
    ]);
    let out = run(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: content/b.md:3:1: "), "{err}");
}

#[test]
fn serve_shows_every_broken_article_in_the_overlay() {
    let site = serve_support::site();
    let server = serve_support::start(&site.root);
    let events = server.events();
    site.write(
        "content/x-bad.md",
        "---\ntitle: Ok\nauteur: Moi\n---\nTexte.\n",
    );
    site.write(
        "content/y-bad.md",
        "---\ntitle: Ok\ndate: hier\n---\nTexte.\n",
    );
    // The two writes may come as one rebuild or two: the last error names both.
    let mut data = String::new();
    for _ in 0..3 {
        let (event, d) = events.next();
        assert_eq!(event, "build-error", "{d}");
        data = d;
        if data.contains("2 articles could not be read") {
            break;
        }
    }
    assert!(data.contains("content/x-bad.md:3:1"), "{data}");
    assert!(data.contains("content/y-bad.md:3:1"), "{data}");
    let home = server.get("/").body;
    assert!(home.contains("content/x-bad.md:3:1"), "{home}");
    assert!(home.contains("content/y-bad.md:3:1"), "{home}");
    assert!(home.contains("2 articles could not be read"), "{home}");
}

/// Puts the articles of `from` into the site at `to`.
fn copy_content(from: &Path, to: &Path) {
    for entry in fs::read_dir(from.join("content")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join("content").join(entry.file_name())).unwrap();
    }
}
