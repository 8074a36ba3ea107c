//! The direction of dependencies between the library's modules, checked on the source: each
//! module may use only the modules below it (the crate is one crate, so the compiler does not
//! enforce this; this test does). A new `use crate::…` that points upwards fails here with the
//! file and line.

use std::path::{Path, PathBuf};

/// Each module and the modules it may use. Lower layers first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("lang", &[]),
    ("timeline", &[]),
    // Counters that the stages bump for a progress line: they use nothing.
    ("progress", &[]),
    ("text", &["lang"]),
    // The model (`timeline`: the contract's types, the typed date value, the URL layout) is
    // at the bottom with `lang`: every stage may use it.
    ("time", &["lang", "text", "timeline"]),
    ("fsread", &["text"]),
    ("config", &["fsread", "lang", "text"]),
    // `content` skips an output folder inside `content/` by its marker file's name.
    (
        "content",
        &[
            "fsread", "lang", "output", "progress", "text", "time", "timeline", "config",
        ],
    ),
    (
        "events",
        &[
            "config", "content", "fsread", "lang", "text", "time", "timeline",
        ],
    ),
    // The renderer takes a RenderInput: never the pipeline (`site`, `serve`) nor its stages.
    (
        "render",
        &[
            "config", "content", "fsread", "lang", "progress", "text", "timeline",
        ],
    ),
    ("output", &["render", "text", "fsread"]),
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `crate::<module>` paths used on the code lines (not comments) of `text`.
fn used(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + 7..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` lists several.
            if name.is_empty() && after.starts_with('{') {
                let inner = after[1..].split('}').next().unwrap_or("");
                for part in inner.split(',') {
                    let m: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !m.is_empty() {
                        out.push((n + 1, m));
                    }
                }
            } else if !name.is_empty() {
                out.push((n + 1, name));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn modules_use_only_the_modules_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, allowed) in ALLOWED {
        let mut paths = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            files(&dir, &mut paths);
        }
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            paths.push(file);
        }
        assert!(!paths.is_empty(), "no source for module {module}");
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            for (line, used) in used(&text) {
                if used != *module && !allowed.contains(&used.as_str()) {
                    wrong.push(format!(
                        "{}:{line}: `{module}` uses `crate::{used}`, which is not below it",
                        p.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_use() {
    let found = used("use crate::site::Site;\n// crate::serve in a comment\nuse crate::{a, b};\n");
    assert_eq!(
        found,
        vec![(1, "site".into()), (3, "a".into()), (3, "b".into())]
    );
}
