//! `annales dates` end to end: the JSONL scoring interface, the table and JSON outputs.

use std::process::Command;

fn annales() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annales"))
}

#[test]
fn jsonl_prints_one_line_per_document_with_character_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"id": "a", "lang": "fr", "dct": "2023-09-21", "text": "Élu mardi soir, il a démissionné hier.", "timexes": []}"#,
            "\n\n",
            r#"{"id": "b", "lang": "en", "dct": "2008-09-17", "text": "Down 2.62% at 16:08 UTC.", "extra": 1}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = annales()
        .args(["dates", "--jsonl"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    let t = &lines[0]["timexes"];
    // `Élu ` is 4 characters but 5 bytes: offsets count characters.
    assert_eq!(t[0]["start"], 4);
    assert_eq!(t[0]["end"], 14);
    assert_eq!(t[0]["text"], "mardi soir");
    assert_eq!(t[0]["type"], "TIME");
    assert_eq!(t[0]["value"], "2023-09-19TEV");
    assert_eq!(t[1]["value"], "2023-09-20");
    assert_eq!(lines[1]["timexes"][0]["value"], "2008-09-17T16:08Z");
}

#[test]
fn table_and_json_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("article.txt");
    std::fs::write(&f, "Le blocus dure depuis 8 mois. La veille, rien.").unwrap();
    let out = annales()
        .args(["dates", "--dct", "2023-09-21"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("P8M from 2023-01"), "{table}");
    assert!(table.contains("2023-09-20"), "{table}");

    let out = annales()
        .args(["dates", "--json", "--dct", "2023-09-21"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["value"], "P8M");
    assert_eq!(v[0]["begin"], "2023-01");
    assert_eq!(v[1]["anchor"], "reference");
}

#[test]
fn bad_input_gives_an_actionable_error() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("bad.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"dct\": \"21/09/2023\", \"text\": \"x\"}\n",
    )
    .unwrap();
    let out = annales()
        .args(["dates", "--jsonl"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl:1") && err.contains("YYYY-MM-DD"),
        "{err}"
    );

    let out = annales()
        .args(["dates", "--dct", "soon", "-"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = annales()
        .args(["dates", "--lang", "xx", "-"])
        .output()
        .unwrap();
    // The message lists the languages there are (the table grows: no fixed wording).
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`fr`") && err.contains("`en`"), "{err}");
}
