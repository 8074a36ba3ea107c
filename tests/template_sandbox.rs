//! Hostile and broken templates and themes on real sites in temporary folders, built with the
//! `annales` binary under a timeout: each ends with an error naming the template (never an
//! abort, a hang or a leak of the build machine's environment), the previous `public/` is left
//! as it was, and theme files from outside the site are refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longer than any of these builds takes, even in a debug build on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(120);

struct Run {
    out: Output,
    text: String,
}

impl Run {
    fn ok(&self) -> bool {
        self.out.status.success()
    }
    /// Failed with an error message, not by a signal (an abort or a stack overflow).
    fn failed_cleanly(&self) -> bool {
        self.out.status.code() == Some(1) && self.text.contains("error:")
    }
}

/// Runs `annales ARGS` in `dir`, killing it (and failing the test) after [`TIMEOUT`].
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annales"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("annales runs");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("annales {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Run { out, text }
}

fn build(dir: &Path) -> Run {
    run_env(dir, &["build"], &[])
}

/// A one-article site in a temporary folder, with these extra files.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site.toml",
        "title = \"Sandbox\"\nlanguage = \"en\"\n",
    );
    write(
        dir.path(),
        "content/a.md",
        "+++\ntitle = \"Bridge\"\ndate = \"2024-03-14\"\n+++\n\nOn 12 March 2024 the council approved the bridge.\n",
    );
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Every file of a folder with its bytes, to compare a folder before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Builds the site once as it is (it must succeed), then writes `index.html` as given and
/// builds again: that build must fail cleanly, name the template and leave `public/` as it was.
/// Returns the failed build's messages.
fn breaks_index(index: &str, extra: &[(&str, &str)]) -> String {
    let dir = site(&[]);
    let first = build(dir.path());
    assert!(first.ok(), "{}", first.text);
    let before = snapshot(&dir.path().join("public"));
    for (path, text) in extra {
        write(dir.path(), path, text);
    }
    write(dir.path(), "templates/index.html", index);
    let second = build(dir.path());
    assert!(
        second.failed_cleanly(),
        "{:?}\n{}",
        second.out.status,
        second.text
    );
    assert!(second.text.contains("templates/"), "{}", second.text);
    assert_eq!(
        snapshot(&dir.path().join("public")),
        before,
        "a failed build must leave public/ as it was"
    );
    second.text
}

#[test]
fn a_template_including_itself_is_an_error_not_a_stack_overflow() {
    let msg = breaks_index("{% include \"index.html\" %}", &[]);
    assert!(msg.contains("templates/index.html:1:12"), "{msg}");
    assert!(
        msg.contains("index.html includes, imports or extends itself"),
        "{msg}"
    );
}

#[test]
fn an_import_cycle_is_an_error() {
    let msg = breaks_index(
        "{% import \"a.html\" as a %}{{ a::f() }}",
        &[
            (
                "templates/a.html",
                "{% import \"b.html\" as b %}{% macro f() %}f{% endmacro f %}",
            ),
            (
                "templates/b.html",
                "{% import \"a.html\" as a %}{% macro g() %}g{% endmacro g %}",
            ),
        ],
    );
    assert!(msg.contains("a.html → b.html → a.html"), "{msg}");
    let msg = breaks_index("{% import \"index.html\" as me %}x", &[]);
    assert!(
        msg.contains("index.html includes, imports or extends itself"),
        "{msg}"
    );
}

#[test]
fn recursion_through_a_namespace_imported_by_an_import_is_an_error() {
    // index imports m, m imports n as `deep`: index may call `deep::` macros (Tera resolves
    // namespaces through imports), and n's macro calls back into m.
    let msg = breaks_index(
        "{% import \"m.html\" as m %}{{ deep::down() }}",
        &[
            (
                "templates/m.html",
                "{% import \"n.html\" as deep %}{% macro up() %}{{ deep::down() }}{% endmacro up %}",
            ),
            (
                "templates/n.html",
                "{% macro down() %}{{ self::down() }}{% endmacro down %}",
            ),
        ],
    );
    assert!(msg.contains("macro `down` of n.html calls itself"), "{msg}");
}

#[test]
fn an_include_cycle_is_an_error_naming_its_templates() {
    let msg = breaks_index(
        "{% include \"a.html\" %}",
        &[
            ("templates/a.html", "{% include \"b.html\" %}"),
            ("templates/b.html", "{% include \"a.html\" %}"),
        ],
    );
    assert!(msg.contains("a.html → b.html → a.html"), "{msg}");
    assert!(msg.contains("templates/b.html:1:12"), "{msg}");
}

#[test]
fn a_recursive_macro_is_an_error() {
    let msg = breaks_index(
        "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}{{ self::down(n=0) }}",
        &[],
    );
    assert!(
        msg.contains("macro `down` of index.html calls itself"),
        "{msg}"
    );
    assert!(msg.contains("templates/index.html:1:27"), "{msg}");
}

#[test]
fn macros_calling_each_other_in_a_cycle_are_an_error() {
    let msg = breaks_index(
        "{% import \"m.html\" as m %}{{ m::ping(n=1) }}",
        &[(
            "templates/m.html",
            "{% macro ping(n) %}{{ self::pong(n=n) }}{% endmacro ping %}\
{% macro pong(n) %}{{ self::ping(n=n) }}{% endmacro pong %}",
        )],
    );
    assert!(
        msg.contains("a cycle: macro `ping` of m.html → macro `pong` of m.html"),
        "{msg}"
    );
}

#[test]
fn an_inheritance_cycle_is_an_error() {
    let msg = breaks_index(
        "{% extends \"a.html\" %}",
        &[
            ("templates/a.html", "{% extends \"b.html\" %}"),
            ("templates/b.html", "{% extends \"a.html\" %}"),
        ],
    );
    assert!(msg.contains("a.html → b.html → a.html"), "{msg}");
    let msg = breaks_index("{% extends \"index.html\" %}", &[]);
    assert!(msg.contains("index.html → index.html"), "{msg}");
}

#[test]
fn deep_nesting_is_an_error_with_its_line_and_column() {
    let deep = format!(
        "<p>\n{}x{}",
        "{% if true %}".repeat(5000),
        "{% endif %}".repeat(5000)
    );
    let msg = breaks_index(&deep, &[]);
    assert!(msg.contains("templates/index.html:2:833"), "{msg}");
    assert!(msg.contains("nested more than 64 deep"), "{msg}");

    let brackets = format!("{{{{ {}1{} }}}}", "(".repeat(5000), ")".repeat(5000));
    let msg = breaks_index(&brackets, &[]);
    assert!(msg.contains("brackets nested more than 32 deep"), "{msg}");
}

#[test]
fn legitimately_deep_templates_still_render() {
    let ifs = format!(
        "{}deep{}",
        "{% if true %}<i>".repeat(60),
        "</i>{% endif %}".repeat(60)
    );
    let dir = site(&[("templates/index.html", &ifs)]);
    let run = build(dir.path());
    assert!(run.ok(), "{}", run.text);
    let html = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(html.contains(&format!("{}deep", "<i>".repeat(60))));
}

fn macro_chain(n: usize) -> String {
    let expr = format!("{{{{ {} }}}}", vec!["1"; 250].join(" + "));
    let mut s: String = (0..n)
        .map(|i| {
            format!(
                "{{% macro m{i}() %}}{{{{ self::m{}() }}}}{{% endmacro m{i} %}}",
                i + 1
            )
        })
        .collect();
    s.push_str(&format!(
        "{{% macro m{n}() %}}{expr}{{% endmacro m{n} %}}{{{{ self::m0() }}}}"
    ));
    s
}

#[test]
fn the_deepest_chain_allowed_renders_and_a_deeper_one_is_an_error() {
    let dir = site(&[("templates/index.html", &macro_chain(500))]);
    let run = build(dir.path());
    assert!(run.ok(), "{}", run.text);
    let html = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert_eq!(html.trim(), "250");
    let msg = breaks_index(&macro_chain(600), &[]);
    assert!(msg.contains("nested more than 512 deep"), "{msg}");
}

#[test]
fn a_huge_range_is_an_error_not_an_allocation_abort() {
    let msg = breaks_index(
        "{% for i in range(end=1000000000) %}{{ i }}{% endfor %}",
        &[],
    );
    assert!(msg.contains("rendering index.html"), "{msg}");
    assert!(msg.contains("more than the limit of 100000"), "{msg}");
}

#[test]
fn a_nested_loop_that_would_take_hours_stops_with_an_error() {
    let msg = breaks_index(
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}\
{% for c in range(end=100000) %}.{% endfor %}{% endfor %}{% endfor %}",
        &[],
    );
    assert!(msg.contains("more than 2000000 steps"), "{msg}");
}

#[test]
fn loops_nested_too_deep_are_refused_before_rendering() {
    let open: String = (0..7).map(|i| format!("{{% for x{i} in [1] %}}")).collect();
    let msg = breaks_index(&format!("{open}.{}", "{% endfor %}".repeat(7)), &[]);
    assert!(msg.contains("`for` loops nested more than 6 deep"), "{msg}");
    // Each tag is 19 characters: the seventh loop's `for x6 in` is at column 6 × 19 + 4.
    assert!(msg.contains("templates/index.html:1:118"), "{msg}");
}

#[test]
fn a_variable_doubling_itself_stops_with_an_error() {
    let msg = breaks_index(
        "{% set_global s = \"0123456789abcdef\" %}{% for i in range(end=60) %}\
{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
        &[],
    );
    assert!(msg.contains("grew larger than 256 MiB"), "{msg}");
}

#[test]
fn environment_variables_never_reach_the_site() {
    let secret = "s3cr3t-token-9f1c";
    let dir = site(&[(
        "templates/index.html",
        "{{ get_env(name=\"ANNALES_TEST_SECRET\") }}|{{ get_env(name=\"HOME\", default=\"h\") }}",
    )]);
    let run = run_env(dir.path(), &["build"], &[("ANNALES_TEST_SECRET", secret)]);
    assert!(run.failed_cleanly(), "{}", run.text);
    assert!(
        run.text.contains("`get_env()` is not available"),
        "{}",
        run.text
    );
    assert!(run.text.contains("config.extra"), "{}", run.text);
    assert!(!run.text.contains(secret));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn the_clock_and_randomness_are_errors_not_different_sites() {
    for (call, what) in [
        ("{{ now() }}", "`now()` is not available"),
        ("{{ now(timestamp=true) }}", "`now()` is not available"),
        (
            "{{ get_random(end=100) }}",
            "`get_random()` is not available",
        ),
    ] {
        let dir = site(&[("templates/index.html", call)]);
        let run = build(dir.path());
        assert!(run.failed_cleanly(), "{call}: {}", run.text);
        assert!(run.text.contains(what), "{call}: {}", run.text);
        assert!(run.text.contains("templates/index.html"), "{}", run.text);
        // `check` fails on it too.
        let check = run_env(dir.path(), &["check"], &[]);
        assert!(!check.ok(), "{}", check.text);
    }
}

#[test]
fn a_theme_path_leaving_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "x/templates/index.html", "STOLEN");
    let abs = outside.path().join("x");
    for theme in ["../../x", "../x", abs.to_str().unwrap()] {
        let dir = site(&[]);
        write(
            dir.path(),
            "site.toml",
            &format!("title = \"T\"\ntheme = {theme:?}\n"),
        );
        let run = build(dir.path());
        assert!(run.failed_cleanly(), "{theme}: {}", run.text);
        assert!(run.text.contains("theme = "), "{}", run.text);
        assert!(run.text.contains("themes/NAME"), "{}", run.text);
        assert!(!dir.path().join("public").exists());
    }
}

#[cfg(unix)]
#[test]
fn a_theme_folder_linked_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "x/templates/index.html", "STOLEN");
    let dir = site(&[]);
    write(dir.path(), "site.toml", "title = \"T\"\ntheme = \"x\"\n");
    std::fs::create_dir_all(dir.path().join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("x"), dir.path().join("themes/x")).unwrap();
    let run = build(dir.path());
    assert!(run.failed_cleanly(), "{}", run.text);
    assert!(
        run.text
            .contains("themes/x is a link to a folder outside the site"),
        "{}",
        run.text
    );
}

#[cfg(unix)]
#[test]
fn static_and_template_files_linked_outside_the_site_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", "PRIVATE KEY");
    write(outside.path(), "tpl/index.html", "STOLEN TEMPLATE");
    let dir = site(&[("static/ok.txt", "fine"), ("notes/inside.txt", "INSIDE")]);
    let root = dir.path();
    symlink(
        outside.path().join("secret.txt"),
        root.join("static/secret.txt"),
    )
    .unwrap();
    symlink(outside.path(), root.join("static/dir")).unwrap();
    // A link that stays inside the site is fine.
    symlink(
        root.join("notes/inside.txt"),
        root.join("static/inside.txt"),
    )
    .unwrap();
    symlink(outside.path().join("tpl"), root.join("templates")).unwrap();
    // A link back up the tree would make the walk endless.
    symlink(root.join("static"), root.join("static/loop")).unwrap();
    let run = build(root);
    assert!(run.ok(), "{}", run.text);
    for warned in [
        "static/secret.txt is a link to a file outside the site: skipped",
        "static/dir is a link to a folder outside the site: skipped",
        "templates/ is a link to a folder outside the site: ignored",
        "static/loop: a link back to a folder above it: skipped",
    ] {
        assert!(run.text.contains(warned), "{warned}\n{}", run.text);
    }
    let public = root.join("public");
    assert!(!public.join("secret.txt").exists());
    assert!(!public.join("dir").exists());
    assert_eq!(
        std::fs::read_to_string(public.join("inside.txt")).unwrap(),
        "INSIDE"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("ok.txt")).unwrap(),
        "fine"
    );
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(!index.contains("STOLEN"));
    // `check` gives the same warnings.
    let check = run_env(root, &["check"], &[]);
    assert!(
        check.text.contains("static/secret.txt is a link"),
        "{}",
        check.text
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_among_the_templates_is_skipped_not_read_forever() {
    let dir = site(&[]);
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("templates/index.html"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    let run = build(dir.path());
    assert!(run.ok(), "{}", run.text);
    assert!(
        run.text
            .contains("templates/index.html is not a regular file"),
        "{}",
        run.text
    );
}

#[test]
fn the_default_theme_is_unchanged_by_the_sandbox() {
    // Two builds of the same site are byte-identical, and the theme renders its pages.
    let a = site(&[]);
    let b = site(&[]);
    assert!(build(a.path()).ok());
    assert!(build(b.path()).ok());
    assert_eq!(
        snapshot(&a.path().join("public")),
        snapshot(&b.path().join("public"))
    );
    let index = std::fs::read_to_string(a.path().join("public/index.html")).unwrap();
    assert!(index.contains("Sandbox"), "{index}");
}

mod serve_support;

#[test]
fn serve_survives_hostile_templates_and_keeps_the_last_good_site() {
    let site = serve_support::site();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>GOOD-ONE</p>{% endblock content %}\n",
    );
    let server = serve_support::start(&site.root);
    let events = server.events();
    assert!(server.get("/").body.contains("GOOD-ONE"));
    for (hostile, expected) in [
        (
            "{% include \"index.html\" %}",
            "index.html includes, imports or extends itself",
        ),
        (
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}.{% endfor %}{% endfor %}",
            "more than 2000000 steps",
        ),
        (
            "{{ get_env(name=\"HOME\") }}",
            "`get_env()` is not available",
        ),
    ] {
        site.write("templates/index.html", hostile);
        let (event, data) = events.next();
        assert_eq!(event, "build-error", "{data}");
        assert!(data.contains(expected), "{data}");
        let home = server.get("/");
        assert_eq!(home.status, 200);
        assert!(
            home.body.contains("GOOD-ONE"),
            "the last good page is no longer served"
        );
    }
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>GOOD-TWO</p>{% endblock content %}\n",
    );
    events.wait_for("reload");
    assert!(server.get("/").body.contains("GOOD-TWO"));
}

#[test]
fn an_oversized_or_non_utf8_template_is_an_error_naming_it() {
    let big = "<p>x</p>\n".repeat(120_000);
    let msg = breaks_index(&big, &[]);
    assert!(
        msg.contains("templates/index.html: template is larger than 1024 KiB"),
        "{msg}"
    );

    let dir = site(&[]);
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/index.html"),
        b"\xff\xfe<\x00p\x00",
    )
    .unwrap();
    let run = build(dir.path());
    assert!(run.failed_cleanly(), "{}", run.text);
    assert!(
        run.text
            .contains("templates/index.html: template is not valid UTF-8"),
        "{}",
        run.text
    );
}
