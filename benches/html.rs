//! Saved web pages: extraction throughput (MB of HTML a second through
//! `annales::content::load_bytes`: decoding, metadata, pruning, readability, blocks), and a
//! full build of 1,000 generated articles as HTML pages next to the same articles as Markdown.
//!
//! `cargo bench --bench html`. Prints its numbers; writes under /dev/shm when it exists.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use annales::content::{LoadOptions, load_bytes};
use annales::lang::Lang;

#[path = "support/mod.rs"]
mod support;
use support::build_once;

const ACTORS: [&str; 6] = [
    "Le ministre Albrecht Vauquelin",
    "La présidente Oriane Malbec",
    "Le maire Théodore Quintal",
    "La préfète Iris Dalloz",
    "Le syndicat des cheminots",
    "La société Ferrandis",
];
const HAPPENINGS: [&str; 6] = [
    "a annoncé un plan d'investissement pour le port",
    "a signé un accord de coopération avec les transporteurs",
    "a inauguré le nouveau pont sur la rivière",
    "a lancé une grève dans les dépôts",
    "a publié le bilan des inondations",
    "a voté le budget de l'année",
];
const DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The paragraphs of article `i`, and its date.
fn article(i: usize) -> (String, Vec<String>) {
    let day = i / 20;
    let date = format!("2031-{:02}-{:02}", 1 + (day / 28) % 12, 1 + day % 28);
    let paras = (0..6)
        .map(|k| {
            format!(
                "{} {} à Vallombre-{}, {}, selon plusieurs témoins. La situation reste tendue dans la région.",
                ACTORS[(i + k) % ACTORS.len()],
                HAPPENINGS[(i * 7 + k * 3) % HAPPENINGS.len()],
                (i + k) % 40,
                DAYS[(day + k) % 7]
            )
        })
        .collect();
    (date, paras)
}

fn markdown(i: usize) -> String {
    let (date, paras) = article(i);
    let mut s =
        format!("+++\ntitle = \"Dépêche {i}\"\ndate = \"{date}\"\noutlet = \"Le Banc\"\n+++\n\n");
    for p in paras {
        let _ = writeln!(s, "{p}\n");
    }
    s
}

/// A page as a news site saves it: head metadata, scripts, menu, cookie banner, related
/// stories, comments and footer around the article.
fn html(i: usize) -> String {
    let (date, paras) = article(i);
    let mut s = format!(
        r#"<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Dépêche {i} | Le Banc</title>
<link rel="canonical" href="https://banc.example/a/{i}">
<meta property="og:site_name" content="Le Banc">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Dépêche {i}","datePublished":"{date}T08:00:00+01:00","author":{{"name":"Rédaction"}},"publisher":{{"name":"Le Banc"}}}}</script>
<script>window.dataLayer=[];function t(){{dataLayer.push({{e:"view"}});}}</script><style>body{{font:16px Georgia}}</style></head>
<body><div id="cookie-banner"><p>Nous utilisons des cookies pour mesurer l'audience.</p><button>Accepter</button></div>
<header class="site"><nav><ul>{}</ul></nav></header>
<main><article><header><h1>Dépêche {i}</h1><time datetime="{date}">{date}</time></header>
"#,
        (0..12)
            .map(|k| format!("<li><a href=\"/r/{k}\">Rubrique {k}</a></li>"))
            .collect::<String>()
    );
    for (k, p) in paras.iter().enumerate() {
        let _ = writeln!(s, "<p>{p}</p>");
        if k == 2 {
            s.push_str("<aside class=\"related\"><h3>À lire aussi</h3><ul><li><a href=\"/x\">Autre dépêche</a></li></ul></aside>\n");
        }
    }
    s.push_str("</article><section id=\"comments\"><h3>Réactions</h3>");
    for k in 0..5 {
        let _ = write!(
            s,
            "<div class=\"comment\"><b>lecteur{k}</b><p>Un avis de lecteur sur cette dépêche.</p></div>"
        );
    }
    s.push_str(
        "</section></main><footer><p>Mentions légales · Contact</p></footer></body></html>\n",
    );
    s
}

fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("annales-bench-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn site(root: &Path, n: usize, page: fn(usize) -> String, ext: &str) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Banc d'essai\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    for i in 0..n {
        std::fs::write(root.join(format!("content/{i:05}.{ext}")), page(i)).unwrap();
    }
}

fn main() {
    // Extraction alone: the same 200 pages loaded 5 times.
    let pages: Vec<String> = (0..200).map(html).collect();
    let opts = LoadOptions {
        default_lang: Lang::from_code("fr").unwrap(),
        drafts: false,
    };
    let bytes: usize = pages.iter().map(String::len).sum::<usize>() * 5;
    let started = Instant::now();
    let mut loaded = 0;
    for _ in 0..5 {
        for (i, p) in pages.iter().enumerate() {
            let rel = format!("content/{i:05}.html");
            if matches!(load_bytes(&rel, p.as_bytes(), opts), Ok(Ok(_))) {
                loaded += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "extraction: {loaded} pages, {:.1} MB of HTML in {secs:.2} s: {:.1} MB/s ({:.2} ms a page)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        secs * 1e3 / loaded.max(1) as f64
    );
    // One large page (about 8 MB: the article in a sea of furniture).
    let mut big = html(0).replace("</main>", "");
    let filler =
        "<div class=\"related\"><a href=\"/x\">Lien</a><p>Autre dépêche du jour.</p></div>\n";
    while big.len() < 8 << 20 {
        big.push_str(filler);
    }
    big.push_str("</main></body></html>");
    let started = Instant::now();
    let ok = matches!(
        load_bytes("content/big.html", big.as_bytes(), opts),
        Ok(Ok(_))
    );
    let secs = started.elapsed().as_secs_f64();
    println!(
        "one {:.1} MB page: {secs:.2} s ({:.1} MB/s), read: {ok}",
        big.len() as f64 / 1e6,
        big.len() as f64 / 1e6 / secs
    );

    let dir = scratch();
    let n = 1_000;
    for (name, page, ext) in [
        ("markdown", markdown as fn(usize) -> String, "md"),
        ("html", html as fn(usize) -> String, "html"),
    ] {
        let root = dir.join(name);
        site(&root, n, page, ext);
        let size: u64 = std::fs::read_dir(root.join("content"))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        // First build, then the best of two more.
        let first = build_once(&root);
        let best = (0..2)
            .map(|_| build_once(&root).0)
            .fold(f64::INFINITY, f64::min);
        println!(
            "build of {n} articles as {name} ({:.1} MB): first {:.2} s, best {best:.2} s ({} sources, {} events)",
            size as f64 / 1e6,
            first.0,
            first.1,
            first.2
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
