//! Helpers for the render tests: temporary sites, synthetic events that cite real quotes, and a
//! link checker for a built site.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use annales::site::{BuildOptions, Pipeline, Site};
use annales::text::CharIndex;
use annales::timeline::{Citation, Conflict, Event, sort_events};

/// A site in a temporary folder.
pub struct TempSite {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// A site with this site.toml and these content files.
    pub fn new(site_toml: &str, files: &[(&str, &str)]) -> TempSite {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), site_toml).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        for (name, text) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        TempSite { dir }
    }

    /// A copy of the demo site (its site.toml and content/).
    pub fn demo() -> TempSite {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let mut files = Vec::new();
        for e in std::fs::read_dir(root.join("content")).unwrap() {
            let e = e.unwrap();
            let name = format!("content/{}", e.file_name().to_string_lossy());
            files.push((name, std::fs::read_to_string(e.path()).unwrap()));
        }
        files.sort();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        TempSite::new(&toml, &refs)
    }

    /// A copy of the demo site whose site.toml sets `language` (the articles stay French).
    pub fn demo_in(language: &str) -> TempSite {
        let ts = TempSite::demo();
        let toml = std::fs::read_to_string(ts.root().join("site.toml")).unwrap();
        std::fs::write(
            ts.root().join("site.toml"),
            toml.replace("language = \"fr\"", &format!("language = \"{language}\"")),
        )
        .unwrap();
        ts
    }

    /// Site root.
    pub fn root(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Loads the site. Article analyses are shared by the tests of one binary (the pipeline's
    /// own cache), so that each test pays only for what its site changes.
    pub fn load(&self) -> Site {
        static PIPELINE: OnceLock<Mutex<Pipeline>> = OnceLock::new();
        let pipeline = PIPELINE.get_or_init(|| Mutex::new(Pipeline::default()));
        let mut p = pipeline.lock().unwrap_or_else(|e| e.into_inner());
        p.load(&BuildOptions::new(self.root())).unwrap()
    }

    /// Renders `site` into `<root>/public` and returns that folder.
    pub fn render(&self, site: &Site) -> PathBuf {
        let out = self.root().join("public");
        site.render_atomic(&out).unwrap();
        out
    }
}

/// A citation of the first occurrence of `needle` in article `source` of `site`.
pub fn cite(site: &Site, source: usize, needle: &str, time_text: &str) -> Citation {
    let a = &site.articles[source];
    let byte = a
        .body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", a.id));
    let idx = CharIndex::new(&a.body);
    let start = idx.char_of(byte);
    let end = idx.char_of(byte + needle.len());
    Citation {
        source: a.id.clone(),
        quote: needle.to_string(),
        time_text: time_text.to_string(),
        start,
        end,
        anchor: format!("sources/{}/#q-{start}", a.id),
        value: String::new(),
    }
}

/// The text of the first paragraph block of article `source`.
pub fn first_paragraph(site: &Site, source: usize) -> String {
    let a = &site.articles[source];
    let b = a
        .blocks
        .iter()
        .find(|b| b.kind == annales::content::BlockKind::Paragraph)
        .expect("a paragraph");
    a.block_text(b).to_string()
}

/// An event with these fields and citations.
pub fn event(
    id: &str,
    date: &str,
    headline: &str,
    salience: f64,
    citations: Vec<Citation>,
) -> Event {
    Event {
        id: id.into(),
        date: date.parse().unwrap(),
        end: None,
        headline: headline.into(),
        summary: format!("Summary of {headline}."),
        salience,
        tags: vec!["tag-a".into()],
        citations,
        conflicts: Vec::new(),
        editorial: false,
        background: false,
    }
}

/// Gives the site one synthetic event per article (each citing its first paragraph), plus a
/// month-precision background event and a disputed timed event citing two articles.
pub fn add_synthetic_events(site: &mut Site) {
    let n = site.articles.len();
    let days = [
        "2023-09-19TEV",
        "2023-09-20",
        "2023-09-21",
        "2023-09-22",
        "2023-09-23",
    ];
    let mut events = Vec::new();
    for i in 0..n {
        let para = first_paragraph(site, i);
        let quote: String = para.chars().take(120).collect();
        events.push(event(
            &format!("e{i}"),
            days[i % days.len()],
            &format!("Event {i}"),
            (n - i) as f64,
            vec![cite(site, i, &quote, "")],
        ));
    }
    let a = first_paragraph(site, 0)
        .chars()
        .take(40)
        .collect::<String>();
    let b = first_paragraph(site, n - 1)
        .chars()
        .take(40)
        .collect::<String>();
    let mut disputed = event(
        "disputed",
        "2023-09-20T11:00",
        "Disputed timed event",
        10.0,
        vec![cite(site, 0, &a, ""), cite(site, n - 1, &b, "")],
    );
    disputed.conflicts.push(Conflict {
        kind: "date".into(),
        quantity: None,
        note: "The sources give different days.".into(),
        values: vec!["2023-09-20".into(), "2023-09-21".into()],
        sources: vec![site.articles[0].id.clone(), site.articles[n - 1].id.clone()],
    });
    events.push(disputed);
    events.push(event(
        "background",
        "2023-09",
        "Background month",
        0.5,
        vec![cite(site, 0, &a, "")],
    ));
    sort_events(&mut events);
    site.timeline.events = events;
}

/// Undoes HTML escaping of an attribute value.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every HTML file under `dir`, site-relative path → text.
pub fn html_files(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Checks that every internal link and anchor in the built site resolves to a file and an id.
/// Returns the broken links as `page: href`.
pub fn broken_links(dir: &Path) -> Vec<String> {
    let files = html_files(dir);
    let href = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = regex::Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let ids: BTreeMap<&str, Vec<String>> = files
        .iter()
        .map(|(p, t)| {
            (
                p.as_str(),
                id.captures_iter(t).map(|c| unescape(&c[1])).collect(),
            )
        })
        .collect();
    let mut broken = Vec::new();
    for (page, text) in &files {
        // The 404 page is served at any depth; its links are checked from the root.
        for c in href.captures_iter(text) {
            let link = unescape(&c[1]);
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(from_root) = path.strip_prefix('/') {
                // Root-absolute (the 404 page's links, served at any depth).
                match normalise(Path::new(from_root)) {
                    Some(t) => t,
                    None => {
                        broken.push(format!("{page}: {link} (leaves the site)"));
                        continue;
                    }
                }
            } else {
                let base = Path::new(page).parent().unwrap_or(Path::new(""));
                match normalise(&base.join(&path)) {
                    Some(t) => t,
                    None => {
                        broken.push(format!("{page}: {link} (leaves the site)"));
                        continue;
                    }
                }
            };
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target
            };
            if !dir.join(&target).is_file() {
                broken.push(format!("{page}: {link} (no file {target})"));
                continue;
            }
            if let Some(f) = frag {
                let has = ids.get(target.as_str()).is_some_and(|v| v.contains(&f));
                if !has {
                    broken.push(format!("{page}: {link} (no id {f} in {target})"));
                }
            }
        }
    }
    broken
}

fn normalise(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let mut s = parts.join("/");
    if p.to_string_lossy().ends_with('/') {
        s.push('/');
    }
    Some(s)
}

/// The text of output file `rel` under `dir`, or a panic naming it.
pub fn read(dir: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
