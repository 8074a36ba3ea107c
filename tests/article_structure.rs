//! A scraped page is more than its article: menus, headline lists, link lines, bylines,
//! captions, share widgets, comments and related articles must never become events, while the
//! article's own paragraphs do. The page below is invented; every piece of furniture carries a
//! date, so that it would become an event if it were taken for text.

mod cli_support;

use cli_support::{run, text, text_site, timeline};

/// Furniture lines of the invented page (each must stay out of every event).
const CHROME: &[&str] = &[
    "Accueil",
    "Régions",
    "Sports du lundi 14 mars",
    "Le festival des lanternes ouvre ses portes samedi 12 mars",
    "Un nouveau maire élu à Pontfort le 6 mars",
    "La piscine municipale rouvre le 20 mars",
    "Lire aussi : Le 10 mars, le conseil avait voté le budget du port",
    "-->Lire sur le même thème",
    "Par Jeanne Martin et Paul Durand",
    "Avec AFP",
    "Des dockers devant les quais de Portville, le 14 mars (AFP)",
    "Partager sur Facebook Twitter",
    "Imprimer cet article",
    "Réagissez",
    "merlin75 le 15/03/2011 à 14:02",
    "Je l'ai vu de mes yeux le 14 mars au matin, c'était une honte pour toute la ville et pour nous.",
    "lectrice_b le 15/03/2011 à 18:40",
    "Depuis le 1er mars on nous promet des solutions, et rien ne vient jamais, comme toujours ici.",
    "Les plus lus",
    "Le marché aux fleurs déménage le 2 avril",
    "Mentions légales",
];

/// The article's paragraphs: each dated, each must be cited.
const TEXT: &[&str] = &[
    "Les dockers du port de Portville ont voté la grève lundi 14 mars, à une large majorité, après l'annonce par la direction de la fermeture de deux terminaux d'ici à la fin de l'année.",
    "Le mouvement a commencé mardi 15 mars à l'aube : aucun navire n'a été chargé ni déchargé de la journée, et les camions se sont accumulés le long de la route qui mène aux quais.",
    "La direction du port a proposé mercredi 16 mars de reporter la fermeture d'un des deux terminaux, une offre que les syndicats ont jugée insuffisante lors d'une assemblée tenue le soir même.",
];

fn page() -> String {
    let mut lines: Vec<&str> = vec!["Grève au port de Portville"];
    lines.extend(&CHROME[..6]);
    lines.extend(["Par Jeanne Martin et Paul Durand", "Avec AFP"]);
    lines.push("Des dockers devant les quais de Portville, le 14 mars (AFP)");
    lines.push(TEXT[0]);
    lines.push("Lire aussi : Le 10 mars, le conseil avait voté le budget du port");
    lines.push(TEXT[1]);
    lines.push("Un mouvement suivi");
    lines.push("-->Lire sur le même thème");
    lines.push(TEXT[2]);
    lines.extend(&CHROME[11..]);
    lines.join("\n\n")
}

fn check(ext: &str, body: &str) {
    let rel = format!("content/greve.{ext}");
    let site = text_site(&[(&rel, body)]);
    let o = run(&["build"], site.path());
    assert!(o.status.success(), "{}", text(&o));
    let t = timeline(site.path());
    // Markdown's smart punctuation curls apostrophes.
    let quotes: Vec<String> = t
        .events
        .iter()
        .flat_map(|e| e.citations.iter().map(|c| c.quote.replace('’', "'")))
        .collect();
    for chrome in CHROME {
        for q in &quotes {
            assert!(
                !q.contains(chrome) && !chrome.contains(q.trim_end_matches('.')),
                "furniture «{chrome}» is cited as «{q}» ({ext})"
            );
        }
    }
    for para in TEXT {
        assert!(
            quotes
                .iter()
                .any(|q| para.contains(q.trim()) || q.contains(para)),
            "paragraph «{para}» is not cited ({ext}): {quotes:#?}"
        );
    }
    // The furniture stays on the source page, greyed.
    let html =
        std::fs::read_to_string(site.path().join("public/sources/greve/index.html")).unwrap();
    assert!(html.contains("block-boilerplate"), "{html}");
    assert!(html.contains("Mentions légales"));
}

#[test]
fn scraped_text_furniture_is_never_cited_and_the_article_is() {
    check("txt", &format!("date 2011-03-16 {}", page()));
}

#[test]
fn scraped_markdown_with_one_line_per_block_is_read_the_same() {
    // Scrapers that write Markdown keep one block per line, without blank lines between them.
    let body = format!(
        "+++\ntitle = \"Grève au port de Portville\"\ndate = 2011-03-16\n+++\n\n{}\n",
        page().replace("\n\n", "\n")
    );
    check("md", &body);
}
