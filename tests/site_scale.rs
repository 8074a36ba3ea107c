//! A newsroom's collection of 10,000 articles (invented French dispatches over about sixteen
//! months, with one day of saturated coverage and old facts recalled) builds into a site a
//! reader can open: a home page of at most 200 KB, no page over 1 MB, every event on exactly one
//! page of the full chronology, and every month reachable from the home page.

mod gen_support;
use gen_support::{Lcg, MONTHS};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const ACTORS: [&str; 8] = [
    "Le ministre Anselme Corvisart",
    "La présidente Maëlle Orsini",
    "Le maire Gaspard Lemonnier",
    "La préfète Noémie Vautrin",
    "Le syndicat des dockers",
    "L'agence Brumaire",
    "Le conseil départemental",
    "La société Castelmaure",
];
const HAPPENINGS: [&str; 10] = [
    "a annoncé la fermeture de la raffinerie",
    "a signé une convention avec les pêcheurs",
    "a ouvert une enquête sur l'effondrement du hangar",
    "a inauguré la ligne de tramway",
    "a présenté un plan contre les crues",
    "a appelé à une grève dans les ateliers",
    "a reçu les délégués des viticulteurs",
    "a fait évacuer le lycée après une alerte",
    "a publié le bilan de la tempête",
    "a adopté le budget rectificatif",
];
const FIRST_NAMES: [&str; 20] = [
    "Aurèle",
    "Bérénice",
    "Cyprien",
    "Delphine",
    "Eudes",
    "Flavie",
    "Gontran",
    "Hortense",
    "Isidore",
    "Joséphine",
    "Lazare",
    "Mahaut",
    "Nestor",
    "Ombeline",
    "Philibert",
    "Quitterie",
    "Rodolphe",
    "Sidonie",
    "Tancrède",
    "Victorine",
];
const SURNAMES: [&str; 20] = [
    "Abelard",
    "Bastide",
    "Chaumont",
    "Desrosiers",
    "Escande",
    "Fontvieille",
    "Grandpierre",
    "Hautecoeur",
    "Issartel",
    "Jourdanne",
    "Kerbrat",
    "Lacombe",
    "Montferrand",
    "Noirclerc",
    "Ortolan",
    "Peyrebrune",
    "Roquemaure",
    "Sarrazin",
    "Tournemire",
    "Valdeyron",
];

const VERBS: [&str; 10] = [
    "a inauguré",
    "a visité",
    "a fait fermer",
    "a racheté",
    "a fait rénover",
    "a bloqué",
    "a fait évacuer",
    "a occupé",
    "a mis en vente",
    "a inspecté",
];
const PLACES: [&str; 20] = [
    "la criée",
    "le phare",
    "la gare maritime",
    "l'hôpital",
    "la raffinerie",
    "le marché couvert",
    "la caserne",
    "le musée",
    "la médiathèque",
    "l'abattoir",
    "la piscine",
    "le stade",
    "la cathédrale",
    "le tribunal",
    "la prison",
    "l'usine de conserves",
    "le lycée agricole",
    "la mairie annexe",
    "le chantier naval",
    "l'entrepôt frigorifique",
];
const QUARTERS: [&str; 8] = [
    "Brenuc",
    "Castagnède",
    "Lormeval",
    "Pradinas",
    "Quillebeuf",
    "Rivemale",
    "Sauvagnac",
    "Vernadel",
];

/// The `k`-th of the burst day's many distinct happenings: who did what to which building where.
fn burst_happening(k: usize) -> String {
    format!(
        "{} {} {} {} du quartier de {}",
        FIRST_NAMES[k % 20],
        SURNAMES[(k / 20) % 20],
        VERBS[(k / 3) % 10],
        PLACES[(k * 7) % 20],
        QUARTERS[(k / 5) % 8]
    )
}

/// The `k`-th happening of day `d` in the port town of Salvagne.
fn happening(d: usize, k: usize) -> String {
    format!(
        "{} {} à Salvagne-{}",
        ACTORS[(d * 3 + k) % ACTORS.len()],
        HAPPENINGS[(d * 7 + k * 3) % HAPPENINGS.len()],
        (d + k) % 30
    )
}

const ARTICLES: usize = 10_000;
/// The day the whole newsroom covers (a fifth of the collection in one day).
const BURST_DAY: usize = 200;

fn generate(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Chronique de Salvagne\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    let start = NaiveDate::from_ymd_opt(2030, 1, 7).unwrap();
    let days = 480;
    let mut rng = Lcg(7);
    for i in 0..ARTICLES {
        // Every fifth article is about the burst day; the others spread over the period.
        let d = if i % 5 == 0 {
            BURST_DAY
        } else {
            i * days / ARTICLES
        };
        let published = start.checked_add_days(Days::new(d as u64)).unwrap();
        let mut text = format!("+++\ntitle = \"Dépêche {i}\"\ndate = \"{published}\"\n+++\n\n");
        // Short dispatches (one or two sentences) keep the test quick in the debug profile.
        for _ in 0..1 + usize::from(i % 3 == 0) {
            let back = rng.next(3).min(d);
            let day = published.checked_sub_days(Days::new(back as u64)).unwrap();
            let wd = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
            // The burst day has hundreds of distinct happenings, an ordinary day five.
            let what = if d == BURST_DAY && back == 0 {
                burst_happening(rng.next(400))
            } else {
                happening(d - back, rng.next(5))
            };
            let _ = writeln!(
                text,
                "{what}, {wd}, selon plusieurs témoins. La situation reste tendue sur le port.\n"
            );
        }
        if i % 50 == 3 {
            // An old fact the articles recall: background.
            let year = 1950 + rng.next(60);
            let _ = writeln!(
                text,
                "En {} {year}, la grande crue avait déjà inondé le quartier {} du port.\n",
                MONTHS[rng.next(12)],
                rng.next(40)
            );
        }
        std::fs::write(root.join(format!("content/{i:05}.md")), text).unwrap();
    }
}

fn html_pages(dir: &Path, out: &mut BTreeMap<String, u64>, prefix: &str) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        if entry.file_type().unwrap().is_dir() {
            html_pages(&entry.path(), out, &format!("{rel}/"));
        } else if name.ends_with(".html") {
            out.insert(rel, entry.metadata().unwrap().len());
        }
    }
}

#[test]
fn a_ten_thousand_article_site_stays_within_its_page_budgets() {
    let t0 = Instant::now();
    // In memory where Linux offers it: writing and removing some 30,000 files on a busy disk
    // takes longer than building them.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    generate(dir.path());
    eprintln!("generated in {:.1} s", t0.elapsed().as_secs_f64());
    let out = dir.path().join("public");
    let started = Instant::now();
    let summary = annales::site::build(&annales::site::BuildOptions {
        root: dir.path().to_path_buf(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
    })
    .unwrap();
    eprintln!(
        "built {} sources, {} events in {:.1} s",
        summary.sources,
        summary.events,
        started.elapsed().as_secs_f64()
    );
    let mut pages = BTreeMap::new();
    html_pages(&out, &mut pages, "");
    let home = pages["index.html"];
    let (largest, size) = pages.iter().max_by_key(|(_, s)| **s).unwrap();
    eprintln!("home {home} bytes; largest page {largest}: {size} bytes");
    assert!(home <= 200_000, "the home page is {home} bytes");
    assert!(*size <= 1_000_000, "{largest} is {size} bytes");

    // Every event is on exactly one page of the full chronology.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("timeline.json")).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert!(events.len() > 500, "{} events", events.len());
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    for path in pages.keys().filter(|p| p.starts_with("chronology/")) {
        let page = std::fs::read_to_string(out.join(path)).unwrap();
        // An event's card (a day index's short mentions of main events do not count).
        for part in page.split("<li id=\"").skip(1) {
            if let Some((id, rest)) = part.split_once('"')
                && rest.starts_with(" data-search=")
            {
                *shown.entry(id.to_string()).or_default() += 1;
            }
        }
    }
    for e in events {
        let id = e["id"].as_str().unwrap();
        let n = shown.get(id).copied().unwrap_or(0);
        assert_eq!(n, 1, "{id} is on {n} chronology pages");
    }

    // The home page reaches every month (how a month too large for one page is cut into day
    // pages is tests/render_chronology.rs's, independent of how mentions merge).
    eprintln!("checked pages at {:.1} s", t0.elapsed().as_secs_f64());
    // Links as written in the HTML, where `/` is escaped.
    let index = std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .replace("&#x2F;", "/");
    let months: Vec<&String> = pages
        .keys()
        .filter(|p| p.starts_with("chronology/") && p.matches('/').count() == 2)
        .collect();
    assert!(months.len() >= 12, "{months:?}");
    for m in &months {
        assert!(index.contains(m.as_str()), "the home page links {m}");
    }
    assert!(index.contains("Les journées clés"));
    assert!(index.contains("<section id=\"context\""));
    eprintln!("done at {:.1} s", t0.elapsed().as_secs_f64());
}
