//! Collection-level chrome: lines that each made-up outlet repeats on every page (navigation,
//! newsletter, subscription, footer) are never cited; an agency paragraph reprinted by two
//! outlets on the same day is the news, cited by both and counted once.

use std::path::Path;

use annales::site::{BuildOptions, Pipeline, Site};
use annales::timeline::Event;

/// Each outlet's own repeated lines, some with a weekday or a date so that, cited, they would
/// make events.
const CHROME: [&[&str]; 3] = [
    &[
        "Accueil Région Sports Culture Météo",
        "Chaque lundi à 8 heures, recevez gratuitement notre lettre d’information sur la vie de la vallée.",
        "Tous droits réservés, reproduction interdite sans accord écrit de la rédaction.",
    ],
    &[
        "Dans la même rubrique",
        "Abonnez-vous dès mardi pour 1 € le premier mois et lisez tous nos articles",
        "Les plus lus de la semaine",
    ],
    &[
        "Partager cet article sur les réseaux sociaux",
        "Notre rédaction vous donne rendez-vous vendredi à 18 heures pour le direct vidéo de la semaine.",
        "Mentions légales Contact Publicité",
    ],
];

/// Each article's own news, one subject each (outlet, date, sentence).
const NEWS: [(usize, &str, &str); 12] = [
    (
        0,
        "2024-01-09",
        "Le 8 janvier 2024, la mairie de Brisac a inauguré une médiathèque dans l’ancienne gare.",
    ),
    (
        1,
        "2024-01-23",
        "Le 22 janvier 2024, les pompiers ont maîtrisé un feu de forêt près du col de Vernes.",
    ),
    (
        2,
        "2024-02-06",
        "Le 5 février 2024, la coopérative laitière d’Ostrel a annoncé la fermeture de son usine.",
    ),
    (
        0,
        "2024-02-20",
        "Le 19 février 2024, un éboulement a coupé la route départementale entre Sorne et Lhuis.",
    ),
    (
        1,
        "2024-03-05",
        "Le 4 mars 2024, le club de rugby de Malval a remporté la finale régionale.",
    ),
    (
        2,
        "2024-03-19",
        "Le 18 mars 2024, les enseignants du lycée de Charny ont fait grève contre les fermetures de classes.",
    ),
    (
        0,
        "2024-04-02",
        "Le 1er avril 2024, la préfecture a levé l’arrêté de sécheresse dans le nord du département.",
    ),
    (
        1,
        "2024-04-16",
        "Le 15 avril 2024, l’hôpital de Vaudreuil a ouvert un nouveau service d’urgences pédiatriques.",
    ),
    (
        2,
        "2024-04-30",
        "Le 29 avril 2024, un incendie a détruit l’entrepôt d’un transporteur à Pralong.",
    ),
    (
        0,
        "2024-05-14",
        "Le 13 mai 2024, le festival de musique de Tercy a annoncé sa programmation complète.",
    ),
    (
        1,
        "2024-05-28",
        "Le 27 mai 2024, la communauté de communes a voté la gratuité des bus scolaires.",
    ),
    (
        2,
        "2024-06-11",
        "Le 10 juin 2024, les vignerons de Sauves ont commencé les vendanges en vert après la grêle.",
    ),
];

/// Reprinted word for word by outlets 0 and 1 on the same day.
const AGENCY: &str = "Le conseil régional a approuvé le 11 juin 2024 la construction d’une ligne de tramway entre Valmont et Ostrel, a annoncé son président.";
/// One fact told in two wordings by outlets 0 and 2 on the same day.
const WORDING_A: &str = "La digue de Ferlac a cédé le 12 juin 2024 sous la pression des eaux de la Sarre, a indiqué la préfecture.";
const WORDING_B: &str = "Le 12 juin 2024, la digue de Ferlac a cédé sous la pression des eaux de la Sarre, selon la préfecture.";

fn write_article(root: &Path, name: &str, outlet: usize, date: &str, paragraphs: &[&str]) {
    let chrome = CHROME[outlet];
    let mut body = vec![chrome[0]];
    body.extend_from_slice(paragraphs);
    body.extend_from_slice(&chrome[1..]);
    let text = format!(
        "+++\ntitle = \"{name}\"\ndate = {date}\noutlet = \"Outlet {outlet}\"\n+++\n\n{}\n",
        body.join("\n\n")
    );
    std::fs::write(root.join(format!("content/{name}.md")), text).unwrap();
}

fn collection(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Vallée\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    for (i, (outlet, date, news)) in NEWS.iter().enumerate() {
        write_article(root, &format!("n{i:02}"), *outlet, date, &[news]);
    }
    write_article(root, "tram-0", 0, "2024-06-11", &[AGENCY]);
    write_article(root, "tram-1", 1, "2024-06-11", &[AGENCY]);
    write_article(root, "digue-0", 0, "2024-06-12", &[WORDING_A]);
    write_article(root, "digue-2", 2, "2024-06-12", &[WORDING_B]);
}

fn load(root: &Path) -> Site {
    Pipeline::default().load(&BuildOptions::new(root)).unwrap()
}

fn event_quoting<'a>(site: &'a Site, needle: &str) -> &'a Event {
    site.timeline
        .events
        .iter()
        .find(|e| e.citations.iter().any(|c| c.quote.contains(needle)))
        .unwrap_or_else(|| panic!("no event quotes {needle:?}"))
}

fn sources_of(e: &Event) -> std::collections::BTreeSet<&str> {
    e.citations.iter().map(|c| c.source.as_str()).collect()
}

#[test]
fn each_outlets_repeated_lines_are_never_cited() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let site = load(dir.path());
    for e in &site.timeline.events {
        for c in &e.citations {
            for line in CHROME.iter().flat_map(|c| c.iter()) {
                assert!(
                    !c.quote.contains(&line[..30.min(line.len())]),
                    "chrome cited in {}: {:?}",
                    e.id,
                    c.quote
                );
            }
        }
    }
    // Every article's own news is still there.
    for (_, _, news) in NEWS {
        event_quoting(&site, &news[30..70]);
    }
}

#[test]
fn an_agency_paragraph_reprinted_by_two_outlets_is_cited_by_both_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let site = load(dir.path());
    let tram = event_quoting(&site, "tramway");
    assert_eq!(sources_of(tram).len(), 2, "{tram:?}");
    let digue = event_quoting(&site, "digue de Ferlac");
    assert_eq!(sources_of(digue).len(), 2, "{digue:?}");
    // Two wordings are two witnesses; one wording reprinted is one (counted twice, the tram
    // day, busier, would outrank the digue day).
    assert!(
        digue.salience > tram.salience,
        "digue {} tram {}",
        digue.salience,
        tram.salience
    );
    assert!(tram.salience < 2.0, "{}", tram.salience);
}

#[test]
fn the_event_page_says_same_wording_in_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let out = dir.path().join("out");
    let mut opts = BuildOptions::new(dir.path());
    opts.output = Some(out.clone());
    annales::site::build(&opts).unwrap();
    let site = load(dir.path());
    let page = |e: &Event| {
        std::fs::read_to_string(out.join(format!("events/{}/index.html", e.id))).unwrap()
    };
    let tram = page(event_quoting(&site, "tramway"));
    assert!(tram.contains("même formulation dans 2 sources"), "{tram}");
    let digue = page(event_quoting(&site, "digue de Ferlac"));
    assert!(!digue.contains("même formulation"), "{digue}");
    // The chrome stays on the source page, shown but not cited.
    let source =
        std::fs::read_to_string(out.join(format!("sources/{}/index.html", site.articles[0].id)))
            .unwrap();
    assert!(source.contains("Tous droits réservés"));
}

#[test]
fn an_edit_that_changes_the_collections_chrome_re_analyses_only_the_articles_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    collection(root);
    let opts = BuildOptions::new(root);
    let mut pipeline = Pipeline::default();
    let first = pipeline.load(&opts).unwrap();
    // A new article of outlet 2 with nothing of its chrome: outlet 2's lines are in fewer
    // articles but still chrome, nothing else changes: only the new article is analysed.
    std::fs::write(
        root.join("content/zz.md"),
        "+++\ntitle = \"zz\"\ndate = 2024-06-20\n+++\n\nLe 19 juin 2024, la foire de Lhuis a ouvert ses portes.\n",
    )
    .unwrap();
    let second = pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.cache.last_misses, 1);
    assert_eq!(second.articles.len(), first.articles.len() + 1);
    // Two of outlet 1's articles lose their chrome: its lines are still in three articles
    // months apart, still chrome, so only the two edited articles are analysed again.
    let strip = |i: usize| {
        let (_, date, news) = NEWS[i];
        let text = format!("+++\ntitle = \"n{i:02}\"\ndate = {date}\n+++\n\n{news}\n");
        std::fs::write(root.join(format!("content/n{i:02}.md")), text).unwrap();
    };
    strip(7);
    strip(10);
    pipeline.load(&opts).unwrap();
    assert_eq!(pipeline.cache.last_misses, 2);
    // One more: the lines are left in two articles (n01, tram-1), no longer collection chrome.
    // Article structure may already drop them there (they follow the article's last paragraph),
    // so those two are analysed again only if their marks changed: one to three analyses, and
    // the result is a fresh load's.
    strip(4);
    let last = pipeline.load(&opts).unwrap();
    assert!(
        (1..=3).contains(&pipeline.cache.last_misses),
        "{}",
        pipeline.cache.last_misses
    );
    assert_eq!(
        serde_json::to_string(&last.timeline).unwrap(),
        serde_json::to_string(&load(root).timeline).unwrap()
    );
    // The collection-level pass itself no longer marks outlet 1's lines anywhere.
    let mut articles = last.articles.clone();
    let marks = annales::content::chrome::mark(&mut articles);
    for (a, m) in last.articles.iter().zip(&marks) {
        for &i in &m.blocks {
            assert_ne!(
                a.block_text(&a.blocks[i]),
                "Les plus lus de la semaine",
                "{}",
                a.path
            );
        }
    }
}
