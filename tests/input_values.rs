//! Values that are not what they claim: a `base_url` that is not an http(s) site address (or
//! that would inject lines into `events.ics`), corrections whose dates are not TIMEX3, and
//! reference dates at the ends of the calendar. Each is refused with the file, line and column,
//! and nothing is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn annales() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annales"))
}

/// A fresh site from `annales init` (one English article, dated 2024-03-14).
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = annales()
        .args(["init", "--language", "en"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, root)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn set_site_toml(root: &Path, extra: &str) {
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Values\"\nlanguage = \"en\"\n{extra}"),
    )
    .unwrap();
}

fn build(root: &Path, args: &[&str]) -> Output {
    annales()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// The build failed, said `needle`, and wrote no output.
fn refused(out: &Output, root: &Path, needles: &[&str]) -> String {
    let err = text(&out.stderr);
    assert!(!out.status.success(), "the build succeeded: {err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in: {err}");
    }
    assert!(
        !root.join("public").exists(),
        "a refused build wrote public/"
    );
    err
}

/// Content lines of an iCalendar file, unfolded.
fn ics_lines(ics: &str) -> Vec<String> {
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "bare line break in events.ics"
    );
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every line is a property events.ics writes: nothing was injected.
fn assert_no_injected_line(ics: &str) {
    const KNOWN: &[&str] = &[
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
        "X-WR-CALDESC",
        "TZID",
        "DTSTART",
        "DTEND",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "UID",
        "DTSTAMP",
        "TRANSP",
        "SUMMARY",
        "DESCRIPTION",
        "CATEGORIES",
        "URL",
    ];
    for l in ics_lines(ics) {
        let name = l.split([':', ';']).next().unwrap_or("");
        assert!(
            KNOWN.contains(&name),
            "unexpected line in events.ics: {l:?}"
        );
    }
}

#[test]
fn a_base_url_with_a_newline_in_site_toml_is_refused_at_its_line() {
    let (_d, root) = site();
    set_site_toml(
        &root,
        "base_url = \"https://example.org/\\nX-INJECTED:1\"\n",
    );
    let err = refused(
        &build(&root, &[]),
        &root,
        &[
            "site.toml:3:12",
            "base_url",
            "line break",
            "https://example.org/timeline",
        ],
    );
    assert!(!err.contains("\nX-INJECTED"), "{err}");
    // `check` refuses it too: it reports what `build` would fail on.
    let out = annales()
        .arg("check")
        .arg("--root")
        .arg(&root)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("site.toml:3:12"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_base_url_with_a_newline_on_the_command_line_is_refused() {
    let (_d, root) = site();
    refused(
        &build(
            &root,
            &["--base-url", "https://example.org/\r\nX-INJECTED:1"],
        ),
        &root,
        &["--base-url", "line break"],
    );
}

#[test]
fn a_javascript_base_url_is_refused() {
    let (_d, root) = site();
    refused(
        &build(&root, &["--base-url", "javascript:alert(1)"]),
        &root,
        &[
            "--base-url \"javascript:alert(1)\"",
            "scheme `javascript:`",
            "https://",
        ],
    );
    set_site_toml(&root, "base_url = \"javascript:alert(1)\"\n");
    refused(
        &build(&root, &[]),
        &root,
        &["site.toml:3:12", "javascript:"],
    );
}

#[test]
fn a_base_url_without_host_or_with_query_or_fragment_is_refused() {
    for (url, why) in [
        ("http://", "has no host"),
        ("https://x.org/?q=1", "has a query"),
        ("https://x.org/#f", "has a fragment"),
    ] {
        let (_d, root) = site();
        refused(
            &build(&root, &["--base-url", url]),
            &root,
            &[why, "expected"],
        );
        set_site_toml(&root, &format!("base_url = \"{url}\"\n"));
        refused(&build(&root, &[]), &root, &["site.toml:3:12", why]);
    }
}

#[test]
fn a_good_base_url_works_with_or_without_its_trailing_slash() {
    let mut outputs = Vec::new();
    for url in ["https://example.org/tl/", "https://example.org/tl"] {
        let (d, root) = site();
        set_site_toml(&root, &format!("base_url = \"{url}\"\n"));
        let out = build(&root, &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let read = |f: &str| std::fs::read_to_string(root.join("public").join(f)).unwrap();
        let ics = read("events.ics");
        assert_no_injected_line(&ics);
        let urls: Vec<String> = ics_lines(&ics)
            .into_iter()
            .filter(|l| l.starts_with("URL:"))
            .collect();
        assert!(!urls.is_empty());
        for u in &urls {
            assert!(u.starts_with("URL:https://example.org/tl/events/"), "{u}");
        }
        let sitemap = read("sitemap.xml");
        assert!(
            sitemap.contains("<loc>https://example.org/tl/</loc>"),
            "{sitemap}"
        );
        assert!(!sitemap.contains("tl//"), "{sitemap}");
        outputs.push((ics, sitemap, read("feed.xml"), read("index.html")));
        drop(d);
    }
    // Both spellings give the same site.
    assert!(outputs[0] == outputs[1]);
    // The command line takes the same URL and the same normalisation.
    let (_d, root) = site();
    set_site_toml(&root, "");
    let out = build(&root, &["--base-url", "https://example.org/tl/"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ics = std::fs::read_to_string(root.join("public/events.ics")).unwrap();
    assert_eq!(ics, outputs[0].0);
}

#[test]
fn feed_and_sitemap_escape_the_base_url() {
    let (_d, root) = site();
    set_site_toml(&root, "base_url = \"https://example.org/a&b\"\n");
    let out = build(&root, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for f in ["sitemap.xml", "feed.xml"] {
        let x = std::fs::read_to_string(root.join("public").join(f)).unwrap();
        assert!(x.contains("https://example.org/a&amp;b/"), "{f}: {x}");
        assert!(!x.contains("a&b"), "{f}: {x}");
        let mut reader = quick_xml::Reader::from_str(&x);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{f} is not well-formed: {e}"),
            }
        }
    }
}

#[test]
fn no_text_of_an_event_can_inject_a_line_into_events_ics() {
    let (_d, root) = site();
    set_site_toml(
        &root,
        "base_url = \"https://example.org\"\ndescription = \"a\\r\\nX-INJECTED:desc\"\n",
    );
    std::fs::write(
        root.join("content/_timeline.toml"),
        concat!(
            "[[add]]\n",
            "date = \"2024-03-20\"\n",
            "headline = \"Hand-made\\r\\nX-INJECTED:summary; with, separators\\\\\"\n",
            "summary = \"one\\rX-INJECTED:cr\\nX-INJECTED:lf\\u2028X-INJECTED:ls\"\n",
            "source = \"example\"\n",
            "quote = \"The city council\"\n",
        ),
    )
    .unwrap();
    let out = build(&root, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ics = std::fs::read_to_string(root.join("public/events.ics")).unwrap();
    assert_no_injected_line(&ics);
    let summary = ics_lines(&ics)
        .into_iter()
        .find(|l| l.starts_with("SUMMARY:Hand-made"))
        .expect("the added event");
    assert_eq!(
        summary,
        "SUMMARY:Hand-made\\nX-INJECTED:summary\\; with\\, separators\\\\"
    );
}

#[test]
fn an_edit_date_that_is_not_timex3_is_refused_with_its_line() {
    let (_d, root) = site();
    std::fs::write(
        root.join("content/_timeline.toml"),
        "[[edit]]\nid = \"whatever\"\ndate = \"garbage\"\n",
    )
    .unwrap();
    refused(
        &build(&root, &[]),
        &root,
        &[
            "content/_timeline.toml:3:8",
            "[[edit]] `whatever`",
            "`garbage` is not a TIMEX3 date",
            "YYYY-MM-DD",
        ],
    );
    let out = annales()
        .arg("check")
        .arg("--root")
        .arg(&root)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("content/_timeline.toml:3:8"));
}

#[test]
fn an_add_date_that_does_not_exist_is_refused_with_its_line() {
    for (date, why) in [
        ("2023-13", "no month 13"),
        ("2023-02-30", "no day 30 in February 2023"),
        ("2023-W54", "week values"),
    ] {
        let (_d, root) = site();
        std::fs::write(
            root.join("content/_timeline.toml"),
            format!(
                "[[add]]\nheadline = \"Ok\"\ndate = \"2024-03-20\"\n\n[[add]]\nheadline = \"Bad\"\ndate = \"{date}\"\n"
            ),
        )
        .unwrap();
        refused(
            &build(&root, &[]),
            &root,
            &["content/_timeline.toml:7:8", "[[add]] `Bad` (entry 2", why],
        );
    }
}

#[test]
fn a_correction_at_24_00_lands_at_the_start_of_the_next_day() {
    let (_d, root) = site();
    std::fs::write(
        root.join("content/_timeline.toml"),
        "[[add]]\nheadline = \"Deadline\"\ndate = \"2024-03-20T24:00\"\nsource = \"example\"\nquote = \"The city council\"\n",
    )
    .unwrap();
    let out = build(&root, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = std::fs::read_to_string(root.join("public/timeline.json")).unwrap();
    let tl: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ev = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["headline"] == "Deadline")
        .unwrap();
    assert_eq!(ev["date"], "2024-03-21T00:00");
}

fn dates(dct: &str, lang: &str, input: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, input).unwrap();
    let out = annales()
        .args(["dates", "--json", "--lang", lang, "--dct", dct])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn dates_at_the_ends_of_the_calendar_stay_four_digit_years() {
    let late = dates(
        "9999-12-31",
        "fr",
        "Le lendemain, il est parti. L'année prochaine aussi. Dans deux ans. Hier.",
    );
    let early = dates(
        "0000-01-01",
        "fr",
        "Hier, il est parti. Le mois dernier. Il y a trois jours. Le lendemain.",
    );
    for all in [&late, &early] {
        let s = all.to_string();
        assert!(!s.contains("\"10000") && !s.contains("\"10001"), "{s}");
        assert!(!s.contains("\"-0"), "{s}");
    }
    // What stays inside the calendar is still found.
    let values: Vec<&str> = late
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["value"].as_str())
        .collect();
    assert!(values.contains(&"9999-12-30"), "{values:?}");
}
