//! The output-folder contract: `annales build` replaces a folder only when it is absent, empty
//! or its own earlier output, never leaves the output missing, and cleans up after an
//! interrupted build. Each test builds a real site in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use annales::output::{MARKER, Swap};

mod cli_support;
use cli_support::text;

/// Runs `annales` with `args` in `cwd`, to its end.
fn annales(cwd: &Path, args: &[&str]) -> Output {
    cli_support::finish(cli_support::annales().args(args).current_dir(cwd))
}

/// A temporary folder holding a site in `site/` with one article.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        "title = \"Test\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    fs::write(
        root.join("content/a.md"),
        "+++\ntitle = \"A\"\ndate = \"2023-09-20\"\n+++\nLe 19 septembre 2023, l'offensive a commencé.\n",
    )
    .unwrap();
    (dir, root)
}

/// Every file and folder under `dir` with its bytes (folders: empty), sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    v.sort();
    v
}

/// Names in `dir` that start with `.annales-`.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".annales-") && n != MARKER)
        .collect();
    v.sort();
    v
}

fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend(extra);
    annales(root, &args)
}

/// Asserts that a build into `out` was refused with `why`, leaving `keep` byte-identical.
fn assert_refused(root: &Path, out: &str, why: &str, keep: &Path) {
    let before = snapshot(keep);
    let o = build(root, &["--output", out]);
    let msg = text(&o);
    assert!(!o.status.success(), "{out}: {msg}");
    assert!(msg.contains(why), "{out}: {msg}");
    assert!(msg.contains("was left as it was"), "{out}: {msg}");
    assert!(msg.contains("--output"), "says what to do: {msg}");
    assert_eq!(snapshot(keep), before, "{out}: files changed");
}

#[test]
fn the_site_root_as_output_is_refused_and_left_byte_identical() {
    let (dir, root) = site();
    assert_refused(
        &root,
        root.to_str().unwrap(),
        "is the site itself",
        dir.path(),
    );
    assert_refused(
        &root,
        &format!("{}/.", root.display()),
        "is the site itself",
        dir.path(),
    );
}

#[test]
fn content_and_the_sites_own_folders_are_refused() {
    let (dir, root) = site();
    fs::create_dir_all(root.join("templates")).unwrap();
    let content = root.join("content");
    assert_refused(
        &root,
        content.to_str().unwrap(),
        "content/ folder",
        dir.path(),
    );
    // Inside content/, the pages would be read back as articles by the next build.
    let inside = content.join("out");
    assert_refused(
        &root,
        inside.to_str().unwrap(),
        "read the pages back",
        dir.path(),
    );
    assert!(!inside.exists());
    let templates = root.join("templates");
    assert_refused(
        &root,
        templates.to_str().unwrap(),
        "templates/ folder",
        dir.path(),
    );
    assert_refused(
        &root,
        root.join("static/x").to_str().unwrap(),
        "static/",
        dir.path(),
    );
}

#[test]
fn a_parent_of_the_site_is_refused() {
    let (dir, root) = site();
    let parent = root.parent().unwrap();
    assert_refused(
        &root,
        parent.to_str().unwrap(),
        "contains the site",
        dir.path(),
    );
}

#[test]
fn a_user_folder_without_marker_is_refused_and_kept_byte_identical() {
    let (dir, root) = site();
    let mine = dir.path().join("mine");
    fs::create_dir_all(mine.join("photos")).unwrap();
    fs::write(mine.join("notes.txt"), "my notes").unwrap();
    fs::write(mine.join("photos/a.jpg"), [0u8, 1, 2]).unwrap();
    assert_refused(&root, mine.to_str().unwrap(), "notes.txt", &mine);
    let o = build(&root, &["--output", mine.to_str().unwrap()]);
    let msg = text(&o);
    assert!(msg.contains("did not write"), "{msg}");
    assert!(msg.contains("empty that folder"), "{msg}");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_file_as_output_is_refused() {
    let (dir, root) = site();
    let file = dir.path().join("report.pdf");
    fs::write(&file, "%PDF").unwrap();
    assert_refused(&root, file.to_str().unwrap(), "is a file", dir.path());
}

#[test]
fn dot_dot_from_inside_the_site_is_seen_as_the_site() {
    let (dir, root) = site();
    let before = snapshot(dir.path());
    for out in ["../site", "..", "."] {
        let o = annales(&root, &["build", "--output", out]);
        let msg = text(&o);
        assert!(!o.status.success(), "{out}: {msg}");
        assert!(msg.contains("was left as it was"), "{msg}");
        assert_eq!(snapshot(dir.path()), before, "{out} moved or changed files");
    }
    assert!(root.join("site.toml").is_file());
}

#[test]
fn a_rebuild_replaces_a_marked_output_whole() {
    let (dir, root) = site();
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let public = root.join("public");
    assert!(
        public.join(MARKER).is_file(),
        "every output carries the marker"
    );
    assert!(
        fs::read_to_string(public.join(MARKER))
            .unwrap()
            .contains("Annales")
    );
    fs::write(public.join("stray.html"), "old").unwrap();
    fs::write(
        root.join("content/b.md"),
        "+++\ntitle = \"B\"\n+++\nLe 21 septembre 2023, un cessez-le-feu.\n",
    )
    .unwrap();
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(!public.join("stray.html").exists());
    assert!(public.join("sources/b/index.html").is_file());
    assert!(public.join(MARKER).is_file());
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    assert!(leftovers(&public).is_empty());
    // An empty folder is accepted too, and so is --output relative to the current folder.
    fs::create_dir(dir.path().join("empty")).unwrap();
    let o = annales(
        dir.path(),
        &["build", "--root", "site", "--output", "empty"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(dir.path().join("empty/index.html").is_file());
}

#[test]
fn an_unmarked_output_of_an_earlier_version_is_accepted_and_marked() {
    let (_dir, root) = site();
    assert!(build(&root, &[]).status.success());
    let public = root.join("public");
    fs::remove_file(public.join(MARKER)).unwrap();
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(public.join(MARKER).is_file());

    // Someone else's site with an index.html and a timeline.json of its own: refused.
    let theirs = root.parent().unwrap().join("theirs");
    fs::create_dir_all(theirs.join("sources")).unwrap();
    for f in ["index.html", "404.html", "sources/index.html"] {
        fs::write(theirs.join(f), "<p>theirs</p>").unwrap();
    }
    fs::write(theirs.join("timeline.json"), "[{\"year\": 1914}]").unwrap();
    assert_refused(&root, theirs.to_str().unwrap(), "did not write", &theirs);

    // Without timeline.json it is not recognisably ours: refused.
    fs::remove_file(public.join(MARKER)).unwrap();
    fs::remove_file(public.join("timeline.json")).unwrap();
    let before = snapshot(&public);
    let o = build(&root, &[]);
    assert!(!o.status.success(), "{}", text(&o));
    assert_eq!(snapshot(&public), before);
}

fn marked_dir(path: &Path, file: &str) {
    fs::create_dir_all(path).unwrap();
    fs::write(path.join(MARKER), annales::output::MARKER_TEXT).unwrap();
    fs::write(path.join(file), "x").unwrap();
}

#[test]
fn leftovers_of_a_dead_build_are_removed_and_unrelated_folders_kept() {
    let (_dir, root) = site();
    assert!(build(&root, &[]).status.success());
    let public = root.join("public");
    let name = |old, random| annales::output::leftover_name(&public, old, 4_000_001, random);
    marked_dir(&root.join(name(false, "aaaaaa")), "index.html");
    marked_dir(&root.join(name(true, "bbbbbb")), "index.html");
    // Killed between making its staging folder and marking it.
    fs::create_dir(root.join(name(false, "ffffff"))).unwrap();
    // A staging folder written inside the output (the mount-point fallback).
    marked_dir(&public.join(name(false, "cccccc")), "feed.xml");
    // Left by a version that wrote no marker.
    fs::create_dir(root.join(".annales-staging-Ab12Cd")).unwrap();
    fs::write(root.join(".annales-staging-Ab12Cd/404.html"), "x").unwrap();
    // Not ours: the prefix without our marker.
    fs::create_dir(root.join(".annales-staging-foo")).unwrap();
    fs::write(root.join(".annales-staging-foo/keep.txt"), "mine").unwrap();
    // Another output's leftover beside this one is that output's business.
    let other = root.join("public-en");
    marked_dir(
        &root.join(annales::output::leftover_name(
            &other, false, 4_000_001, "dddddd",
        )),
        "a",
    );

    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("left by an interrupted build"),
        "{}",
        text(&o)
    );
    assert_eq!(
        leftovers(&root),
        vec![
            ".annales-staging-foo".to_string(),
            annales::output::leftover_name(&other, false, 4_000_001, "dddddd")
        ]
    );
    assert_eq!(
        fs::read_to_string(root.join(".annales-staging-foo/keep.txt")).unwrap(),
        "mine"
    );
    assert!(leftovers(&public).is_empty(), "{:?}", leftovers(&public));
}

#[test]
fn a_live_builds_staging_folder_is_left_alone() {
    let (_dir, root) = site();
    let public = root.join("public");
    let live = root.join(annales::output::leftover_name(
        &public,
        false,
        std::process::id(),
        "zzzzzz",
    ));
    marked_dir(&live, "index.html");
    let lock = fs::File::open(&live).unwrap();
    lock.lock().unwrap();
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        live.join("index.html").is_file(),
        "a locked staging folder is in use"
    );
    drop(lock);
}

#[test]
fn an_output_missing_beside_its_old_folder_is_put_back() {
    let (_dir, root) = site();
    assert!(build(&root, &[]).status.success());
    let public = root.join("public");
    let before = snapshot(&public);
    // A kill between the two renames of the fallback swap: the output is aside, not in place.
    let old = root.join(annales::output::leftover_name(
        &public, true, 4_000_001, "eeeeee",
    ));
    fs::rename(&public, &old).unwrap();
    marked_dir(
        &root.join(annales::output::leftover_name(
            &public, false, 4_000_001, "eeeeee",
        )),
        "index.html",
    );
    // Even a build that then fails leaves the previous output in place, as it says.
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/index.html"), "{% if %}").unwrap();
    let o = build(&root, &[]);
    let msg = text(&o);
    assert!(!o.status.success(), "{msg}");
    assert!(msg.contains("was left as it was"), "{msg}");
    assert_eq!(snapshot(&public), before, "the previous output is back");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

/// Loads and renders the site at `root` in memory.
fn render(root: &Path) -> Vec<annales::render::OutputFile> {
    let site = annales::site::Pipeline::default()
        .load(&annales::site::BuildOptions::new(root))
        .unwrap();
    site.render().unwrap()
}

/// Asserts that `dir` holds exactly `files` and the marker.
fn assert_holds(dir: &Path, files: &[annales::render::OutputFile]) {
    let mut found: Vec<(String, Vec<u8>)> = snapshot(dir)
        .into_iter()
        .filter_map(|(p, b)| Some((p.to_string_lossy().replace('\\', "/"), b?)))
        .filter(|(p, _)| p != MARKER)
        .collect();
    found.sort();
    let mut want: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    want.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&found), names(&want), "exactly the new site's files");
    for (f, w) in found.iter().zip(&want) {
        assert!(f.1 == w.1, "{} differs from the new site's", f.0);
    }
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap())
}

#[cfg(unix)]
#[test]
fn writing_inside_the_folder_replaces_its_entries_and_keeps_the_folder() {
    let (_dir, root) = site();
    let public = root.join("public");
    let first = render(&root);
    let target = annales::output::prepare(&root, &public).unwrap();
    // Into an empty folder (a fresh volume) first, then over the site it holds.
    fs::create_dir(&public).unwrap();
    let folder = inode(&public);
    target.publish_with(&first, Swap::WriteInside).unwrap();
    assert_eq!(
        inode(&public),
        folder,
        "a mount point is written into, not replaced"
    );
    assert!(public.join(MARKER).is_file());
    fs::write(public.join("stray.txt"), "old").unwrap();
    fs::write(
        root.join("content/b.md"),
        "+++\ntitle = \"B\"\n+++\nLe 21 septembre 2023, un cessez-le-feu.\n",
    )
    .unwrap();
    let second = render(&root);
    let target = annales::output::prepare(&root, &public).unwrap();
    let stats = target.publish_with(&second, Swap::WriteInside).unwrap();
    assert!(stats.pages > 0);
    assert_eq!(inode(&public), folder);
    assert_holds(&public, &second);
    assert!(leftovers(&public).is_empty(), "{:?}", leftovers(&public));
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn moving_aside_where_exchange_is_unsupported_replaces_the_output() {
    let (_dir, root) = site();
    let public = root.join("public");
    assert!(build(&root, &[]).status.success());
    fs::write(public.join("stray.txt"), "old").unwrap();
    let files = render(&root);
    let target = annales::output::prepare(&root, &public).unwrap();
    target.publish_with(&files, Swap::RenameAside).unwrap();
    assert_holds(&public, &files);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn the_output_is_checked_before_the_site_is_analysed() {
    let (dir, root) = site();
    // A broken article would fail the load: the refusal comes first, naming the folder.
    fs::write(root.join("content/bad.md"), "+++\ntitle = \n+++\n").unwrap();
    let o = build(&root, &["--output", root.to_str().unwrap()]);
    assert!(text(&o).contains("is the site itself"), "{}", text(&o));
    assert!(leftovers(dir.path()).is_empty());
}

/// Starts a build of `root`, sends `signal` as soon as its staging folder appears, and waits
/// for it to stop. Returns whether the signal was sent, and the output.
#[cfg(unix)]
fn interrupt_while_writing(root: &Path, signal: &str) -> (bool, Output) {
    for i in 0..300 {
        fs::write(
            root.join(format!("content/n{i}.md")),
            format!(
                "+++\ntitle = \"N{i}\"\n+++\nLe 19 septembre 2023, l'événement {i} a eu lieu.\n"
            ),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_annales"))
        .args(["build", "-q", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut sent = false;
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        if leftovers(root)
            .iter()
            .any(|n| n.starts_with(".annales-staging-"))
        {
            let kill = Command::new("kill")
                .args([signal, &child.id().to_string()])
                .status()
                .unwrap();
            assert!(kill.success());
            sent = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the build did not stop");
        std::thread::sleep(Duration::from_millis(10));
    }
    (sent, child.wait_with_output().unwrap())
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_writing_removes_the_staging_folder_at_once() {
    let (_dir, root) = site();
    let (sent, o) = interrupt_while_writing(&root, "-INT");
    if sent && o.status.code() == Some(130) {
        assert!(String::from_utf8_lossy(&o.stderr).contains("interrupted"));
    }
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    // Either no output yet, or a complete one.
    let public = root.join("public");
    assert!(!public.exists() || public.join("timeline.json").is_file());
}

#[cfg(unix)]
#[test]
fn the_build_after_a_kill_removes_what_the_killed_one_left() {
    let (_dir, root) = site();
    assert!(build(&root, &[]).status.success());
    let before = snapshot(&root.join("public"));
    let (sent, _) = interrupt_while_writing(&root, "-KILL");
    let public = root.join("public");
    if sent {
        // Killed before the swap: the previous output as it was; after it: the new one, whole.
        let timeline = fs::read_to_string(public.join("timeline.json")).unwrap();
        assert!(
            snapshot(&public) == before || timeline.contains("\"n299\""),
            "a kill leaves the previous output or the complete new one"
        );
    }
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn a_folder_that_is_no_site_is_said_first_and_its_public_folder_kept() {
    let dir = tempfile::tempdir().unwrap();
    // A web project of someone else's, with its own public/ folder.
    fs::create_dir(dir.path().join("public")).unwrap();
    fs::write(dir.path().join("public/app.js"), "x").unwrap();
    let before = snapshot(dir.path());
    let o = annales(dir.path(), &["build"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("site.toml"), "{}", text(&o));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn check_reports_an_output_folder_that_build_would_refuse() {
    let (_dir, root) = site();
    assert!(annales(&root, &["check"]).status.success());
    fs::create_dir(root.join("public")).unwrap();
    fs::write(root.join("public/mine.txt"), "x").unwrap();
    let o = annales(&root, &["check"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("mine.txt"), "{}", text(&o));
    assert!(root.join("public/mine.txt").is_file());
}

#[test]
fn a_swap_that_fails_leaves_the_output_as_it_was_whatever_the_way() {
    let (_dir, root) = site();
    let public = root.join("public");
    let mut files = render(&root);
    // A file that would land outside the folder fails the write half-way.
    files.push(annales::render::OutputFile {
        path: "../escaped.html".into(),
        bytes: b"x".to_vec(),
    });
    for how in [Swap::Auto, Swap::RenameAside, Swap::WriteInside] {
        let target = annales::output::prepare(&root, &public).unwrap();
        let err = target.publish_with(&files, how).unwrap_err();
        assert!(format!("{err:#}").contains("was left as it was"), "{err:#}");
        assert!(!public.exists(), "{how:?}: no output made");
        assert!(!root.join("escaped.html").exists());
        assert!(
            leftovers(&root).is_empty(),
            "{how:?}: {:?}",
            leftovers(&root)
        );
    }
    assert!(build(&root, &[]).status.success());
    let before = snapshot(&public);
    for how in [Swap::Auto, Swap::RenameAside, Swap::WriteInside] {
        let target = annales::output::prepare(&root, &public).unwrap();
        let err = target.publish_with(&files, how).unwrap_err();
        assert!(format!("{err:#}").contains("was left as it was"), "{err:#}");
        assert_eq!(snapshot(&public), before, "{how:?}");
        assert!(
            leftovers(&root).is_empty(),
            "{how:?}: {:?}",
            leftovers(&root)
        );
    }
}

#[test]
fn a_build_writes_as_it_renders_the_same_files_a_render_in_memory_makes() {
    let (_dir, root) = site();
    // A static file of its own ends up in the output too.
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/extra.txt"), "mine").unwrap();
    assert!(build(&root, &[]).status.success());
    assert_holds(&root.join("public"), &render(&root));
}

#[test]
fn a_build_failing_after_some_pages_were_written_leaves_the_previous_output() {
    let (_dir, root) = site();
    assert!(build(&root, &[]).status.success());
    let public = root.join("public");
    let before = snapshot(&public);
    // Only the event pages fail: the home and list pages are written into the staging folder
    // first, and must go with it.
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/event.html"),
        "{% extends \"base.html\" %}{% block content %}{{ no_such_value }}{% endblock content %}",
    )
    .unwrap();
    let o = build(&root, &[]);
    let msg = text(&o);
    assert!(!o.status.success(), "{msg}");
    assert!(msg.contains("no_such_value"), "{msg}");
    assert!(msg.contains("was left as it was"), "{msg}");
    assert_eq!(snapshot(&public), before, "the previous output, untouched");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}
