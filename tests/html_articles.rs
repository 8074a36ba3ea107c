//! Saved web pages (`.html`, `.htm`) as articles, end to end with the real binary: the main
//! text without the page's furniture, the page's metadata in `timeline.json` and on the pages,
//! mixed sites, and bad pages that warn or fail cleanly, never panic.
#![cfg(unix)]

use std::fs;
use std::path::Path;

use serde_json::Value;

mod cli_support;
use cli_support::{run, text};

mod render_common;
use render_common::unescape;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html-pages");

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// A site in a temporary folder in `lang`, with the given files.
fn site(lang: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        format!("title = \"Test\"\nlanguage = \"{lang}\"\n"),
    )
    .unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    fs::create_dir_all(dir.path().join("content")).unwrap();
    dir
}

/// Builds `root`, asserting success, and gives the build's output.
fn build(root: &Path) -> String {
    let out = run(&["build"], root);
    let t = text(&out);
    assert!(out.status.success(), "build failed: {t}");
    assert!(!t.contains("panicked"), "{t}");
    t
}

fn timeline(root: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(root.join("public/timeline.json")).unwrap()).unwrap()
}

fn source<'a>(tl: &'a Value, id: &str) -> &'a Value {
    tl["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no source {id} in {tl}"))
}

/// The text section of a source's page, tags taken out.
fn page_text(root: &Path, id: &str) -> (String, String) {
    let html = fs::read_to_string(root.join(format!("public/sources/{id}/index.html"))).unwrap();
    let at = html.find("class=\"source-text\"").expect("text section");
    let end = html[at..].find("</section>").map_or(html.len(), |e| at + e);
    let mut plain = String::new();
    let mut in_tag = false;
    for c in html[at..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let html = unescape(&html);
    (
        html,
        unescape(&plain.split_whitespace().collect::<Vec<_>>().join(" ")),
    )
}

struct Expect {
    file: &'static str,
    lang: &'static str,
    id: &'static str,
    title: &'static str,
    published: Option<&'static str>,
    basis: &'static str,
    outlet: Option<&'static str>,
    author: Option<&'static str>,
    url: Option<&'static str>,
    kept: &'static [&'static str],
    gone: &'static [&'static str],
}

const PAGES: &[Expect] = &[
    Expect {
        file: "meridian-post-tidal-barrier.html",
        lang: "en",
        id: "meridian-post-tidal-barrier",
        title: "Port Avalen council approves £40m tidal barrier after marathon vote",
        published: Some("2031-03-14T09:30"),
        basis: "metadata",
        outlet: Some("The Meridian Post"),
        author: Some("Hannah Okafor"),
        url: Some(
            "https://www.meridianpost.example/news/2031/mar/14/port-avalen-tidal-barrier-approved",
        ),
        kept: &[
            "Port Avalen will build a £40m tidal barrier",
            "The vote came shortly before midnight",
            "Castellan said a public exhibition of the final design",
        ],
        gone: &[
            "We use cookies",
            "SCRIPT-MARKER",
            "STYLE-MARKER",
            "Quayside residents face soaring flood insurance",
            "Heron colony returns",
            "SaltMarshSally",
            "See you in court",
            "All rights reserved",
            "Terms and conditions",
        ],
    },
    Expect {
        file: "veilleur-cevennes-eboulement.html",
        lang: "fr",
        id: "veilleur-cevennes-eboulement",
        title: "Éboulement à Saint-Julien-des-Ormes : la RD 907 coupée pour plusieurs semaines",
        published: Some("2031-05-02T07:45"),
        basis: "metadata",
        outlet: Some("Le Veilleur des Cévennes"),
        author: Some("Claire Vidal"),
        url: Some(
            "https://www.leveilleur-cevennes.example/gard/saint-julien-des-ormes/eboulement-rd907-coupee_4412.html",
        ),
        kept: &[
            "La route départementale 907, qui relie Saint-Julien-des-Ormes",
            "Environ 800 mètres cubes de roche",
            "La falaise de la Baume Rousse était surveillée",
        ],
        gone: &[
            "nous utilisons des cookies",
            "SCRIPT-MARKER",
            "Intempéries : le Gard placé en vigilance orange",
            "Alès : la rocade fermée",
            "Encore la Baume Rousse",
            "Mimi des Ormes",
            "Mentions légales",
            "Avis de décès",
        ],
    },
    Expect {
        file: "diario-alto-tajo-puente.html",
        lang: "es",
        id: "diario-alto-tajo-puente",
        title: "Reabre el puente de Valdeolmos tras dos años de obras",
        published: Some("2031-06-09T10:15"),
        basis: "header",
        outlet: None,
        author: None,
        url: None,
        kept: &[
            "El puente de Valdeolmos sobre el río Tajo volvió a abrirse",
            "Han sido dos años muy duros",
            "La Diputación prevé limitar el paso",
        ],
        gone: &[
            "utiliza cookies",
            "SCRIPT-MARKER",
            "Hemeroteca",
            "Cortes de agua en Huertas del Río",
            "Ya era hora",
            "Paco_del_Tajo",
            "Compartir",
            "Un incendio calcina",
            "Aviso legal",
        ],
    },
];

#[test]
fn each_fixture_page_gives_its_text_and_metadata() {
    for e in PAGES {
        let rel = format!("content/{}", e.file);
        let dir = site(e.lang, &[(&rel, &fixture(e.file))]);
        let out = build(dir.path());
        assert!(!out.contains("no main text"), "{}: {out}", e.file);
        let tl = timeline(dir.path());
        let s = source(&tl, e.id);
        assert_eq!(s["title"], e.title, "{}", e.file);
        assert_eq!(s["published"].as_str(), e.published, "{}", e.file);
        assert_eq!(s["published_basis"], e.basis, "{}", e.file);
        assert_eq!(s["outlet"].as_str(), e.outlet, "{}", e.file);
        assert_eq!(s["author"].as_str(), e.author, "{}", e.file);
        assert_eq!(s["url"].as_str(), e.url, "{}", e.file);
        let (html, plain) = page_text(dir.path(), e.id);
        for k in e.kept {
            assert!(plain.contains(k), "{}: {k:?} missing from {plain}", e.file);
        }
        for g in e.gone {
            assert!(!plain.contains(g), "{}: chrome {g:?} in {plain}", e.file);
        }
        if let Some(o) = e.outlet {
            assert!(
                html.contains(&format!("<dd>{o}</dd>")),
                "{}: outlet",
                e.file
            );
        }
        if let Some(a) = e.author {
            assert!(
                html.contains(&format!("<dd>{a}</dd>")),
                "{}: author",
                e.file
            );
        }
        if let Some(u) = e.url {
            assert!(
                html.contains(&format!("<a href=\"{u}\"")),
                "{}: url link",
                e.file
            );
        }
    }
}

#[test]
fn the_source_page_labels_a_metadata_date_and_citations_name_the_outlet() {
    let e = &PAGES[1];
    let dir = site("fr", &[("content/page.html", &fixture(e.file))]);
    build(dir.path());
    let (html, _) = page_text(dir.path(), "page");
    assert!(
        html.contains("date donnée par les métadonnées de la page web"),
        "basis label missing"
    );
    assert!(html.contains("datetime=\"2031-05-02"), "date missing");
    let events = dir.path().join("public/events");
    let mut cited = 0;
    for ev in fs::read_dir(&events).unwrap() {
        let page = unescape(&fs::read_to_string(ev.unwrap().path().join("index.html")).unwrap());
        if page.contains("sources/page/") {
            cited += 1;
            assert!(
                page.contains(", Le Veilleur des Cévennes"),
                "outlet in citation"
            );
        }
    }
    assert!(cited > 0, "no event cites the page");
}

#[test]
fn a_metadata_date_contradicting_the_text_warns_without_saying_front_matter() {
    let page = r#"<html lang="es"><head><meta charset="utf-8">
<meta property="article:published_time" content="2031-02-01T08:00:00+01:00"></head><body>
<article><h1>Reabre el puente de Valdeolmos</h1><p>Publicado el 9 de junio de 2031 a las 10:15</p>
<p>El puente de Valdeolmos sobre el río Tajo volvió a abrirse al tráfico el lunes por la mañana, después de casi dos años cerrado por unas obras de refuerzo que costaron 3,2 millones de euros.</p>
<p>El presidente de la Diputación, Andrés Olivares, cortó la cinta junto a los alcaldes de Valdeolmos y de Huertas del Río, los dos pueblos que une el puente sobre el río.</p>
</article></body></html>"#;
    let dir = site("es", &[("content/p.html", page.as_bytes())]);
    let out = build(dir.path());
    let line = out
        .lines()
        .find(|l| l.contains("content/p.html") && l.contains("contradicts"))
        .unwrap_or_else(|| panic!("no contradiction warning: {out}"));
    assert!(line.contains("metadata date"), "{line}");
    assert!(!line.contains("front-matter"), "{line}");
    let tl = timeline(dir.path());
    assert_eq!(source(&tl, "p")["published"], "2031-02-01T08:00");
    assert_eq!(source(&tl, "p")["published_basis"], "metadata");
}

#[test]
fn a_site_mixing_html_markdown_and_text_builds() {
    let md = "+++\ntitle = \"Le pont\"\ndate = \"2031-05-03\"\n+++\n\nLe 2 mai 2031, la route départementale 907 a été coupée par un éboulement à Saint-Julien-des-Ormes.\n";
    let txt = "La route rouverte\n\nLe 20 mai 2031, la route départementale 907 a rouvert après trois semaines de travaux.\n";
    let dir = site(
        "fr",
        &[
            ("content/a.html", &fixture(PAGES[1].file)),
            ("content/b.md", md.as_bytes()),
            ("content/c.txt", txt.as_bytes()),
            ("content/d.htm", &fixture(PAGES[1].file)),
        ],
    );
    build(dir.path());
    let tl = timeline(dir.path());
    for id in ["a", "b", "c", "d"] {
        source(&tl, id);
    }
    assert_eq!(source(&tl, "d")["published_basis"], "metadata");
    assert_eq!(source(&tl, "b")["published_basis"], "front-matter");
}

/// An article body long enough to be a page's main text.
fn paragraphs(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Le {} mai 2031, le conseil municipal de Saint-Julien a voté la réfection de la route \
                 numéro {i}, après un long débat sur le coût des travaux et la sécurité des habitants.</p>\n",
                i % 28 + 1
            )
        })
        .collect()
}

#[test]
fn bad_pages_warn_or_fail_cleanly_and_never_panic() {
    // Broken markup: unclosed tags, stray closers, an unterminated comment at the end.
    let broken = format!(
        "<html><body><div><article><h1>Titre</h1></span>{}<p>fin <b>gras <i>italique</div></td><!-- jamais fermé",
        paragraphs(4)
    );
    let index = "<html><head><title>Accueil</title></head><body><nav><a href='/a'>A</a></nav>\
        <ul><li><a href='/1'>Un titre</a></li><li><a href='/2'>Un autre</a></li></ul></body></html>";
    let dir = site(
        "fr",
        &[
            ("content/ok.md", b"+++\ntitle = \"Ok\"\ndate = \"2031-05-03\"\n+++\n\nLe 2 mai 2031, la route a \xc3\xa9t\xc3\xa9 coup\xc3\xa9e.\n"),
            ("content/broken.html", broken.as_bytes()),
            ("content/index-page.html", index.as_bytes()),
        ],
    );
    let out = build(dir.path());
    let tl = timeline(dir.path());
    assert!(source(&tl, "broken")["title"] == "Titre");
    let warn = out
        .lines()
        .find(|l| l.contains("content/index-page.html"))
        .unwrap_or_else(|| panic!("no warning naming the index page: {out}"));
    assert!(warn.contains("no main text"), "{warn}");
    assert!(
        !tl["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "index-page"),
        "the index page is no source"
    );
}

#[test]
fn a_page_in_a_declared_latin_charset_is_decoded() {
    for label in ["windows-1252", "ISO-8859-1"] {
        let mut page = format!("<html><head><meta charset=\"{label}\"><title>La f").into_bytes();
        page.extend(b"\xeate \xe0 Saint-Julien</title></head><body><article><h1>");
        // Latin-1 bytes: é = E9, à = E0, € in windows-1252 = 80.
        page.extend(b"La f\xeate \xe0 Saint-Julien</h1>");
        for _ in 0..4 {
            page.extend(b"<p>Le 2 mai 2031, la f\xeate du village a r\xe9uni plus de mille personnes \xe0 Saint-Julien, pour un budget de 5\xa0000 euros vot\xe9 par le conseil.</p>");
        }
        page.extend(b"</article></body></html>");
        let dir = site("fr", &[("content/latin.html", &page)]);
        build(dir.path());
        let tl = timeline(dir.path());
        assert_eq!(
            source(&tl, "latin")["title"],
            "La fête à Saint-Julien",
            "{label}"
        );
        let (_, plain) = page_text(dir.path(), "latin");
        assert!(
            plain.contains("la fête du village a réuni"),
            "{label}: {plain}"
        );
    }
}

#[test]
fn a_binary_renamed_html_is_a_clear_error() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    let dir = site("fr", &[("content/photo.html", &png)]);
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(!t.contains("panicked"), "{t}");
    assert!(t.contains("content/photo.html"), "{t}");
    assert!(t.contains("binary"), "{t}");
}

#[test]
fn a_twenty_megabyte_page_is_bounded() {
    let mut page =
        String::from("<html><head><meta charset=utf-8></head><body><article><h1>Gros</h1>");
    page.push_str(&paragraphs(6));
    // Filler until about 20 MB: nested furniture, links and scripts.
    let chunk = "<div class=\"related\"><a href=\"/x\">Lien</a><script>var a=1;</script></div>\n";
    while page.len() < 20 << 20 {
        page.push_str(chunk);
    }
    page.push_str("</article></body></html>");
    let dir = site("fr", &[("content/big.html", page.as_bytes())]);
    let start = std::time::Instant::now();
    let out = run(&["build"], dir.path());
    let t = text(&out);
    assert!(!t.contains("panicked"), "{t}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        start.elapsed()
    );
    // Either it is read, or it is refused naming the file (over the size cap).
    if out.status.success() {
        let (_, plain) = page_text(dir.path(), "big");
        assert!(
            plain.contains("le conseil municipal de Saint-Julien"),
            "{plain:.300}"
        );
        assert!(!plain.contains("Lien"));
    } else {
        assert!(t.contains("content/big.html"), "{t}");
    }
}

#[test]
fn a_page_nesting_elements_without_end_is_skipped_naming_its_line() {
    // A hundred thousand nested elements would take an HTML5 parser hours (its work grows with
    // the square of the depth): the page is refused before parsing.
    let page = format!(
        "<html><body>\n<article><h1>Titre</h1>{}\n{}</article></body></html>",
        paragraphs(4),
        "<div><span>".repeat(50_000)
    );
    let dir = site(
        "fr",
        &[
            ("content/ok.md", b"+++\ntitle = \"Ok\"\ndate = \"2031-05-03\"\n+++\n\nLe 2 mai 2031, la route a \xc3\xa9t\xc3\xa9 coup\xc3\xa9e.\n"),
            ("content/deep.html", page.as_bytes()),
        ],
    );
    let out = build(dir.path());
    let warn = out
        .lines()
        .find(|l| l.contains("content/deep.html"))
        .unwrap_or_else(|| panic!("no warning naming the page: {out}"));
    assert!(warn.contains("line 7") && warn.contains("deep"), "{warn}");
    let tl = timeline(dir.path());
    assert_eq!(tl["sources"].as_array().unwrap().len(), 1);
}
