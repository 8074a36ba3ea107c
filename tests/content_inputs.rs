//! Reading a site's files safely, end to end with the real binary: special files never hang or
//! exhaust the build, symlinks never bring in files from outside the site, no article goes
//! missing without a word, every source gets its own page, and `check` agrees with `build`.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};

mod cli_support;
use cli_support::{annales, finish, run, site, text, timeline};

/// `annales ARGS --root ROOT`, as the user `uid` when given (to meet a folder the user cannot
/// read).
fn run_as(args: &[&str], root: &Path, uid: Option<u32>) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = annales();
    cmd.args(args).arg("--root").arg(root);
    if let Some(uid) = uid {
        cmd.uid(uid).gid(uid);
    }
    finish(&mut cmd)
}

const ARTICLE: &str = "+++\ntitle = \"Le pont\"\ndate = \"2023-09-21\"\n+++\n\nLe 20 septembre 2023, le conseil a voté la construction du pont.\n";

fn mkfifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(st.success());
}

/// Fails with `needle` in the output, naming `file`, and leaves no `public/`.
fn assert_fails_naming(out: &Output, root: &Path, file: &str, needle: &str) {
    let t = text(out);
    assert!(!out.status.success(), "should fail: {t}");
    assert!(t.contains(file), "should name {file}: {t}");
    assert!(t.contains(needle), "should say {needle:?}: {t}");
    assert!(!root.join("public").exists(), "nothing is written: {t}");
}

#[test]
fn a_fifo_as_timeline_toml_is_an_error_not_a_hang() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    mkfifo(&dir.path().join("content/_timeline.toml"));
    let out = run(&["build"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content/_timeline.toml",
        "named pipe (FIFO)",
    );
    let out = run(&["check"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content/_timeline.toml",
        "named pipe (FIFO)",
    );
}

#[test]
fn timeline_toml_linked_to_dev_zero_is_an_error_not_an_endless_read() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    symlink("/dev/zero", dir.path().join("content/_timeline.toml")).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content/_timeline.toml",
        "a symlink to a character device",
    );
}

#[test]
fn site_toml_that_is_a_fifo_or_a_device_is_an_error() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    fs::remove_file(dir.path().join("site.toml")).unwrap();
    mkfifo(&dir.path().join("site.toml"));
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "site.toml", "named pipe (FIFO)");
    fs::remove_file(dir.path().join("site.toml")).unwrap();
    symlink("/dev/zero", dir.path().join("site.toml")).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "site.toml", "character device");
}

#[test]
fn an_article_that_is_a_fifo_is_an_error_naming_it() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    mkfifo(&dir.path().join("content/b.md"));
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "content/b.md", "named pipe (FIFO)");
}

#[test]
fn an_article_larger_than_the_cap_is_an_error_naming_it() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    // Sparse: its size is past the cap without writing 16 MiB.
    let big = fs::File::create(dir.path().join("content/big.txt")).unwrap();
    big.set_len(annales::fsread::MAX_ARTICLE_BYTES + 1).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "content/big.txt", "16 MiB limit");
}

#[test]
fn a_symlinked_article_inside_the_site_is_read() {
    let dir = site(&[("archive/pont.md", ARTICLE.as_bytes())]);
    symlink("../archive/pont.md", dir.path().join("content/pont.md")).unwrap();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    let ids: Vec<&str> = t.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["pont"], "{}", text(&out));
    assert!(dir.path().join("public/sources/pont/index.html").is_file());
}

#[test]
fn symlinks_leading_outside_the_site_are_refused_with_a_warning() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "+++\ntitle = \"Secret\"\n+++\n\nLe 3 mars 2024, le mot xyzzysecret fut dit.\n";
    fs::write(outside.path().join("secret.md"), secret).unwrap();
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    symlink(
        outside.path().join("secret.md"),
        dir.path().join("content/secret.md"),
    )
    .unwrap();
    symlink(outside.path(), dir.path().join("content/elsewhere")).unwrap();
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("warning: content/secret.md: is a symlink to a file outside the site"),
        "{t}"
    );
    assert!(
        t.contains("warning: content/elsewhere: is a symlink to a folder outside the site"),
        "{t}"
    );
    // The warning does not print where the link leads on this machine.
    assert!(!t.contains(&*outside.path().to_string_lossy()), "{t}");
    let ids: Vec<String> = timeline(dir.path())
        .sources
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["a"]);
    for e in walkdir::WalkDir::new(dir.path().join("public")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let bytes = fs::read(e.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("xyzzysecret"),
                "{} publishes the outside file",
                e.path().display()
            );
        }
    }
}

#[test]
fn content_itself_linked_outside_the_site_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("a.md"), ARTICLE).unwrap();
    let dir = site(&[]);
    fs::remove_dir(dir.path().join("content")).unwrap();
    symlink(outside.path(), dir.path().join("content")).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content: is a symlink to a folder outside the site",
        "move the articles into the site",
    );
}

#[test]
fn symlink_loops_end_with_warnings() {
    let dir = site(&[("content/sub/a.md", ARTICLE.as_bytes())]);
    let content = dir.path().join("content");
    symlink("..", content.join("sub/up")).unwrap();
    symlink(".", content.join("here")).unwrap();
    symlink("b.md", content.join("c.md")).unwrap();
    symlink("c.md", content.join("b.md")).unwrap();
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    for (path, what) in [
        ("content/here", "symlink loop"),
        ("content/sub/up", "symlink loop"),
        ("content/b.md", "symlink loop"),
        ("content/c.md", "symlink loop"),
    ] {
        assert!(
            t.contains(&format!("warning: {path}: is a {what}")),
            "{path}: {t}"
        );
    }
    assert_eq!(timeline(dir.path()).sources.len(), 1);
}

#[test]
fn a_folder_that_cannot_be_read_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(&[
        ("content/a.md", ARTICLE.as_bytes()),
        ("content/locked/b.md", ARTICLE.as_bytes()),
    ]);
    let root = dir.path();
    // Root reads any folder: as root, the check runs as `nobody`, for whom the site is
    // readable but the locked folder is not.
    let uid = (unsafe { libc::geteuid() } == 0).then_some(65534);
    for p in [root, &root.join("content")] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    for p in ["site.toml", "content/a.md"] {
        fs::set_permissions(root.join(p), fs::Permissions::from_mode(0o644)).unwrap();
    }
    fs::set_permissions(
        root.join("content/locked"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = run_as(&["check"], root, uid);
    fs::set_permissions(
        root.join("content/locked"),
        fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(t.contains("content/locked: cannot read this folder"), "{t}");
}

#[test]
fn a_file_name_without_letters_gets_its_own_page() {
    let dir = site(&[
        ("content/---.md", ARTICLE.as_bytes()),
        (
            "content/b.md",
            b"+++\ntitle = \"Autre titre\"\n+++\n\nLe 22 septembre 2023, une autre chose.\n",
        ),
    ]);
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(dir.path());
    let dashes = t
        .sources
        .iter()
        .find(|s| s.path == "content/---.md")
        .unwrap();
    assert!(!dashes.id.is_empty());
    let page = fs::read_to_string(
        dir.path()
            .join("public")
            .join(&dashes.page)
            .join("index.html"),
    )
    .unwrap();
    assert!(page.contains("Le pont"), "its own page shows it");
    // The list of sources is still the list, naming both.
    let list = fs::read_to_string(dir.path().join("public/sources/index.html")).unwrap();
    assert!(
        list.contains("Le pont") && list.contains("Autre titre"),
        "{list}"
    );
}

#[test]
fn files_whose_ids_collide_both_get_a_page() {
    let dir = site(&[
        ("content/a.md", ARTICLE.as_bytes()),
        (
            "content/a.txt",
            b"Autre titre\n\nLe 22 septembre 2023, une autre chose.\n",
        ),
    ]);
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("warning: content/a.txt: its id `a` is that of content/a.md"),
        "{t}"
    );
    let sources = timeline(dir.path()).sources;
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0].id, "a");
    assert_ne!(sources[1].id, "a");
    for s in &sources {
        assert!(
            dir.path()
                .join("public")
                .join(&s.page)
                .join("index.html")
                .is_file()
        );
    }
}

#[test]
fn a_very_long_path_builds_and_check_agrees() {
    let part = "un-nom-de-dossier-très-long-".repeat(4);
    let rel = format!("content/{part}/{part}/{part}.md");
    assert!(rel.len() > 300);
    let dir = site(&[(rel.as_str(), ARTICLE.as_bytes())]);
    let check = run(&["check"], dir.path());
    assert!(check.status.success(), "{}", text(&check));
    let build = run(&["build"], dir.path());
    assert!(build.status.success(), "{}", text(&build));
    let t = timeline(dir.path());
    assert!(t.sources[0].id.len() <= annales::content::MAX_ID_BYTES);
    assert!(
        dir.path()
            .join("public")
            .join(&t.sources[0].page)
            .join("index.html")
            .is_file()
    );
}

#[test]
fn check_fails_where_build_would_fail_writing_a_static_file_in_the_way() {
    // A static file named like a folder of the output: build cannot write both.
    let dir = site(&[
        ("content/a.md", ARTICLE.as_bytes()),
        ("static/sources", b"not a folder"),
    ]);
    let build = run(&["build"], dir.path());
    assert!(!build.status.success(), "{}", text(&build));
    // build says it in the same words as check, before writing anything, not as an OS error.
    assert!(
        text(&build).contains("sources is both a file and a folder"),
        "{}",
        text(&build)
    );
    assert!(!dir.path().join("public").exists(), "{}", text(&build));
    let check = run(&["check"], dir.path());
    let t = text(&check);
    assert!(!check.status.success(), "{t}");
    assert!(t.contains("sources is both a file and a folder"), "{t}");
}

#[test]
fn utf16_articles_are_read_with_a_bom_and_named_without() {
    let body = "Le pont\n\nLe 20 septembre 2023, le conseil a voté la construction du pont.\n";
    let with_bom: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(body.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = site(&[("content/windows.txt", &with_bom)]);
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("warning: content/windows.txt: is UTF-16 (UTF-16LE)"),
        "{t}"
    );
    assert_eq!(timeline(dir.path()).sources[0].title, "Le pont");

    let no_bom: Vec<u8> = body.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = site(&[("content/nobom.txt", &no_bom)]);
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "content/nobom.txt", "re-save it as UTF-8");
    assert!(!text(&out).contains("binary"), "{}", text(&out));
}

#[test]
fn hand_written_files_in_utf16_or_too_large_are_errors_saying_what_to_do() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "[[add]]\ndate = \"2023-09-21\"\nheadline = \"X\"\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    fs::write(dir.path().join("content/_timeline.toml"), &utf16).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content/_timeline.toml",
        "re-save it as UTF-8",
    );
    let big = fs::File::create(dir.path().join("content/_timeline.toml")).unwrap();
    big.set_len(annales::fsread::MAX_CONFIG_BYTES + 1).unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(&out, dir.path(), "content/_timeline.toml", "4 MiB limit");
    fs::remove_file(dir.path().join("content/_timeline.toml")).unwrap();
    // A UTF-8 byte-order mark is fine; UTF-16 is named, relative to the site root.
    fs::write(
        dir.path().join("site.toml"),
        "\u{feff}title = \"Test\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let utf16: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "title = \"Test\"\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    fs::write(dir.path().join("site.toml"), &utf16).unwrap();
    let out = run(&["check"], dir.path());
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    assert!(
        t.contains("error: site.toml:1:1: this file is UTF-16 (big-endian"),
        "{t}"
    );
}

#[test]
fn a_broken_symlinked_article_is_named_in_a_warning() {
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    symlink("nowhere.md", dir.path().join("content/gone.md")).unwrap();
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("warning: content/gone.md: is a symlink whose target does not exist"),
        "{t}"
    );
}

#[test]
fn timeline_toml_linked_outside_the_site_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("c.toml"),
        "[[add]]\ndate = \"2023-09-21\"\nheadline = \"Xyzzy\"\nsource = \"a\"\nquote = \"le conseil a voté\"\n",
    )
    .unwrap();
    let dir = site(&[("content/a.md", ARTICLE.as_bytes())]);
    symlink(
        outside.path().join("c.toml"),
        dir.path().join("content/_timeline.toml"),
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert_fails_naming(
        &out,
        dir.path(),
        "content/_timeline.toml",
        "is a symlink to a file outside the site",
    );
    // Inside the site, a link is fine.
    fs::remove_file(dir.path().join("content/_timeline.toml")).unwrap();
    fs::copy(
        outside.path().join("c.toml"),
        dir.path().join("corrections.toml"),
    )
    .unwrap();
    symlink(
        "../corrections.toml",
        dir.path().join("content/_timeline.toml"),
    )
    .unwrap();
    let out = run(&["build"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        timeline(dir.path())
            .events
            .iter()
            .any(|e| e.headline == "Xyzzy")
    );
}

#[test]
fn a_built_site_inside_content_is_not_read_back_as_articles() {
    // An output folder put under content/ by an older version (the build now refuses that)
    // carries the marker; its files must not become sources on the next build.
    let s = site(&[
        ("content/a.md", ARTICLE.as_bytes()),
        (
            "content/old-site/.annales-output",
            b"This folder was written by Annales.\n",
        ),
        (
            "content/old-site/notes.txt",
            b"Le conseil\n\nLe 20 septembre 2023, le conseil a vote.\n",
        ),
    ]);
    let out = run(&["build"], s.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(s.path());
    let paths: Vec<&str> = t.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["content/a.md"], "{}", text(&out));
    assert!(
        text(&out).contains("content/old-site") && text(&out).contains("built by Annales"),
        "{}",
        text(&out)
    );
}
