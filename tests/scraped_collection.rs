//! End to end on a collection as a scraper leaves it: `tests/fixtures/scraped-collection` holds
//! fourteen invented articles (three made-up French outlets, one English) about a dock strike
//! and a flood in a made-up town in March 2031, each outlet with its own repeated page chrome
//! (navigation, "Dans la même rubrique" headline lists, newsletter and subscription teasers,
//! footers, reading times, bylines, captions with an agency credit, "Lire aussi" lines), a live
//! blog, a comment section, metadata lines ("Publié le … - Mis à jour le …", "Updated …"), one
//! agency paragraph republished word for word by two outlets, numbers that look like years and
//! are not ("la résolution 2012 de l'ONU", "l'article 49.3", "1.500 euros"), and a background
//! fact ("la dernière crue … remontait à 1987").
//!
//! The test builds it with the `annales` binary, as a user would, and checks what a reader of
//! the site notices: no chrome or comment is ever an event, articles get their dates from their
//! metadata lines, live-blog entries are dated at their times, the resolution number is not a
//! year, the 1987 fact sits in the "Contexte" section, the agency copy is one event that says
//! "même formulation dans 2 sources", the news is still found, and the chrome stays visible,
//! greyed, on the source pages.
//!
//! The lists of chrome and comment lines below are the fixture author's knowledge of what they
//! wrote, not a rule of the code: update them with the fixture.

mod cli_support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every line of the fixture that is page chrome, a byline, a caption, a link to another
/// article or a metadata line: none may be cited, none may date an event.
const CHROME: &[&str] = &[
    // L'Écho de la Lisière (.txt)
    "Accueil",
    "Actualité",
    "Port-Sarrail et environs",
    "Économie",
    "Sports",
    "Météo",
    "Se connecter",
    "Publié le 10 mars 2031 à 18h20 - Mis à jour le 10 mars 2031 à 21h05",
    "Publié le 11 mars 2031 à 19h05 - Mis à jour le 11 mars 2031 à 22h40",
    "Publié le 12 mars 2031 à 14h32 - Mis à jour le 12 mars 2031 à 16h03",
    "Publié le 17 mars 2031 à 20h40 - Mis à jour le 17 mars 2031 à 22h15",
    "Temps de lecture 4 min",
    "Par Hélène Varenne",
    "Par Thomas Ricord",
    "Lire aussi : Port-Sarrail : la réorganisation du travail de nuit inquiète les dockers",
    "Lire aussi : Crues : les bons réflexes pour protéger sa maison",
    "Lire aussi : Pluies diluviennes sur la Lisière : l'Ombrelle sous surveillance",
    "Lire aussi : Crue de l'Ombrelle : 300 habitants évacués à Port-Sarrail",
    "(Photo Agence Littorale de Presse / Marc Tessier) Les pompiers évacuent une habitante de la rue des Cordiers.",
    "Dans la même rubrique",
    "Le marché couvert rouvre ses portes après six mois de travaux",
    "Football : l'US Lisière s'impose à domicile",
    "Un nouveau directeur pour l'hôpital de Port-Sarrail",
    "La fête du hareng reportée à l'automne",
    "Concert de printemps : la billetterie est ouverte",
    "Newsletter L'Écho du matin Chaque matin à 8 heures, l'essentiel de l'actualité de la Lisière dans votre boîte mail",
    "S'inscrire",
    "© L'Écho de la Lisière - Mentions légales - Contact - Plan du site",
    // Le Vigilant du Sud (.md)
    "Le Vigilant du Sud > Régions > Littoral",
    "Publié le 11 mars 2031 à 07h45 - Mis à jour le 11 mars 2031 à 12h10",
    "Publié le 12 mars 2031 à 17h10 - Mis à jour le 12 mars 2031 à 19h25",
    "Publié le 14 mars 2031 à 08h00 - Mis à jour le 14 mars 2031 à 10h30",
    "Publié le 18 mars 2031 à 11h20 - Mis à jour le 18 mars 2031 à 13h45",
    "Partager sur Facebook Partager sur X Copier le lien",
    "Des dockers devant le terminal Nord, lundi. (Photo ALP / Jeanne Morel)",
    "Une rue du quartier des Tanneries inondée. (Photo ALP / Jeanne Morel)",
    "Lire aussi : Grève au port : la direction propose une table ronde",
    "Lire aussi : Crue : le gouvernement promet une aide d'urgence aux sinistrés",
    "Cet article vous est offert. Pour soutenir une information indépendante, abonnez-vous dès 1 € par mois.",
    "Newsletter Le Vigilant Matin Chaque matin à 8 heures, les titres qui comptent",
    "Le Vigilant du Sud, 14 rue des Armateurs - Publicité - Nous contacter - Données personnelles",
    // Sarrail Matin (.txt)
    "Sarrail Matin | Le fil | Port-Sarrail | Littoral | Faits divers | Sports | Services",
    "Publié le 11 mars 2031 à 06h50 - Mis à jour le 11 mars 2031 à 08h15",
    "Publié le 13 mars 2031 à 21h30 - Mis à jour le 13 mars 2031 à 22h05",
    "Publié le 14 mars 2031 à 09h05 - Mis à jour le 14 mars 2031 à 18h10",
    "Publié le 19 mars 2031 à 08h15 - Mis à jour le 19 mars 2031 à 11h00",
    "Temps de lecture 3 min",
    "Par Lucie Armengaud",
    "Avec ALP",
    "Par la rédaction",
    "Abonnez-vous à Sarrail Matin : 1 € le premier mois, sans engagement",
    "Newsletter Sarrail Matin Chaque matin à 8 heures, recevez l'essentiel de l'actualité locale",
    "Les plus lus",
    "Crue : les routes coupées ce matin",
    "Un chalutier en difficulté au large du cap Ferrand",
    "Municipales : la liste d'union est déposée",
    "Sarrail Matin - Conditions générales d'utilisation - Politique de confidentialité - Gérer les cookies",
    "3 commentaires",
    "Réagissez à cet article",
    // The Coastal Ledger (.md, English)
    "Home | World | Europe | Business | Climate",
    "Updated 18:00 UK time, Saturday, 15 March 2031",
    "Updated 09:30 UK time, Wednesday, 19 March 2031",
    "Share this article",
    "By Owen Pritchard in Port-Sarrail",
    "By Owen Pritchard",
    "Sign up for The Ledger Morning: the day's top stories, every weekday at 7am",
    "Most read",
    "Markets slide as oil prices jump",
    "The best walking holidays in the Alps",
    "© The Coastal Ledger. All rights reserved. Terms | Privacy | Cookies",
];

/// The comment section of the live blog: pseudonymous posts, never the news.
const COMMENTS: &[&str] = &[
    "Marcel_31 le 14/03/2031 à 19:12",
    "Encore une fois ce sont les riverains qui paient les pots cassés, la digue promise n'a jamais été construite.",
    "Zaza-du-port le 14/03/2031 à 20:47",
    "Bravo aux dockers, on voit qui est là quand il faut !",
    "Le_Gabier le 15/03/2031 à 07:03",
    "La crue était annoncée depuis dimanche, la mairie aurait dû évacuer bien avant mercredi.",
];

/// Times of day that only chrome and comments give ("Chaque matin à 8 heures", "every weekday
/// at 7am", the comments' time stamps): no event may carry them.
const CHROME_TIMES: &[&str] = &["T08:00", "T07:00", "T19:12", "T20:47", "T07:03"];

/// The agency paragraph that two outlets republished word for word on the same day.
const AGENCY: &str =
    "La préfecture a ordonné mercredi l'évacuation de 300 habitants du quartier des Tanneries";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scraped-collection")
}

/// The fixture built once per test into a temporary folder: the site is copied (a build never
/// writes into the repository), then `annales build --output OUT` runs with a deadline.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    json: Value,
    /// What the build printed (its warnings).
    log: String,
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::copy(fixture().join("site.toml"), root.join("site.toml")).unwrap();
    for entry in fs::read_dir(fixture().join("content")).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, root.join("content").join(p.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    let o = cli_support::finish(
        cli_support::annales()
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--output")
            .arg(&out),
    );
    let log = cli_support::text(&o);
    assert!(o.status.success(), "the fixture builds: {log}");
    // Read as plain JSON: keys added by the issue (`background`) need no change to the model.
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.join("timeline.json")).unwrap()).unwrap();
    Built {
        _dir: dir,
        out,
        json,
        log,
    }
}

impl Built {
    fn events(&self) -> &[Value] {
        self.json["events"].as_array().unwrap()
    }

    fn sources(&self) -> &[Value] {
        self.json["sources"].as_array().unwrap()
    }

    /// The source read from `content/<file>`.
    fn source(&self, file: &str) -> &Value {
        let path = format!("content/{file}");
        self.sources()
            .iter()
            .find(|s| s["path"] == path.as_str())
            .unwrap_or_else(|| panic!("no source for {path}"))
    }

    fn source_id(&self, file: &str) -> String {
        str_of(&self.source(file)["id"]).to_string()
    }

    fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// One line per event, for failure messages.
    fn summary(&self) -> String {
        self.events()
            .iter()
            .map(|e| {
                format!(
                    "{} {} {:?} {}",
                    str_of(&e["date"]),
                    str_of(&e["id"]),
                    sources_of(e),
                    str_of(&e["headline"])
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn citations(e: &Value) -> &[Value] {
    e["citations"].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn sources_of(e: &Value) -> BTreeSet<String> {
    citations(e)
        .iter()
        .map(|c| str_of(&c["source"]).to_string())
        .collect()
}

fn is_background(e: &Value) -> bool {
    e.get("background").and_then(Value::as_bool) == Some(true)
}

/// Text folded for comparison: lower case, typographic apostrophes and spaces made plain (the
/// Markdown reader turns `'` into `’`), runs of white space collapsed.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['’', 'ʼ'], "'")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a quoted or displayed text contains the line: a short line ("Accueil", "Météo") is
/// also an ordinary word of news, so it counts only as the whole text or at its start; a longer
/// one counts anywhere.
fn shows_line(text: &str, line: &str) -> bool {
    let (text, line) = (fold(text), fold(line));
    if line.chars().count() < 16 {
        text == line || text.starts_with(&format!("{line} "))
    } else {
        text.contains(&line)
    }
}

/// Every (event, citation) pair whose quote, headline or summary shows one of `lines`.
fn offenders(b: &Built, lines: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for e in b.events() {
        let shown = [str_of(&e["headline"]), str_of(&e["summary"])];
        for c in citations(e) {
            let quote = str_of(&c["quote"]);
            for line in lines {
                if shows_line(quote, line) || shown.iter().any(|t| shows_line(t, line)) {
                    found.push(format!(
                        "{} ({}) cites «{}»: contains «{line}»",
                        str_of(&e["id"]),
                        str_of(&c["source"]),
                        quote
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn no_event_cites_or_is_dated_by_page_chrome() {
    let b = build();
    let found = offenders(&b, CHROME);
    assert!(
        found.is_empty(),
        "page chrome became events:\n{}",
        found.join("\n")
    );
    let chrome_dated: Vec<String> = b
        .events()
        .iter()
        .filter(|e| CHROME_TIMES.iter().any(|t| str_of(&e["date"]).ends_with(t)))
        .map(|e| format!("{} {}", str_of(&e["date"]), str_of(&e["id"])))
        .collect();
    assert!(
        chrome_dated.is_empty(),
        "events dated at a time only chrome or comments give:\n{}",
        chrome_dated.join("\n")
    );
}

#[test]
fn metadata_lines_give_undated_articles_their_publication_date_and_time() {
    let b = build();
    let expected = [
        ("echo-01-greve-illimitee.txt", "2031-03-10T18:20"),
        ("echo-02-pluies.txt", "2031-03-11T19:05"),
        ("echo-03-evacuation.txt", "2031-03-12T14:32"),
        ("echo-04-accord.txt", "2031-03-17T20:40"),
        ("matin-01-quais-deserts.txt", "2031-03-11T06:50"),
        ("matin-02-negociations.txt", "2031-03-13T21:30"),
        ("matin-03-direct-crue.txt", "2031-03-14T09:05"),
        ("matin-04-bilan.txt", "2031-03-19T08:15"),
        ("vigilant-04-reprise.md", "2031-03-18T11:20"),
        ("ledger-01-floods-and-strike.md", "2031-03-15T18:00"),
        ("ledger-02-deal-ends-strike.md", "2031-03-19T09:30"),
    ];
    let mut wrong = Vec::new();
    for (file, published) in expected {
        let s = b.source(file);
        let got = (str_of(&s["published"]), str_of(&s["published_basis"]));
        if got != (published, "header") {
            wrong.push(format!(
                "{file}: {got:?}, expected ({published:?}, \"header\")"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "publication dates from metadata lines:\n{}",
        wrong.join("\n")
    );

    // Front matter wins; a metadata line of the same day is no contradiction…
    for (file, day) in [
        ("vigilant-01-port-bloque.md", "2031-03-11"),
        ("vigilant-02-tanneries.md", "2031-03-12"),
        ("vigilant-03-catastrophe-naturelle.md", "2031-03-13"),
    ] {
        let s = b.source(file);
        assert!(
            str_of(&s["published"]).starts_with(day) && s["published_basis"] == "front-matter",
            "{file}: {} {}",
            s["published"],
            s["published_basis"]
        );
    }
    let warnings: Vec<&str> = b
        .log
        .lines()
        .filter(|l| l.to_lowercase().contains("warning"))
        .collect();
    for file in ["vigilant-01-port-bloque.md", "vigilant-02-tanneries.md"] {
        assert!(
            !warnings.iter().any(|w| w.contains(file)),
            "{file}: its metadata line agrees with its front matter, no warning expected:\n{}",
            b.log
        );
    }
    // … but "Publié le 14 mars" under `date = "2031-03-13"` is one, named with its file.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("vigilant-03-catastrophe-naturelle.md")),
        "a front-matter date contradicted by the article's metadata line gives a warning naming \
         the file:\n{}",
        b.log
    );
}

#[test]
fn live_blog_entries_are_dated_at_their_times_on_the_blogs_day() {
    let b = build();
    let blog = b.source_id("matin-03-direct-crue.txt");
    for (entry, date) in [
        ("15h25 : Quelque 200 habitants", "2031-03-14T15:25"),
        ("16h02 - La préfète annonce", "2031-03-14T16:02"),
        ("17h40 : Les dockers grévistes", "2031-03-14T17:40"),
    ] {
        let e = b
            .events()
            .iter()
            .find(|e| {
                citations(e).iter().any(|c| {
                    c["source"] == blog.as_str()
                        && fold(str_of(&c["quote"])).contains(&fold(&entry[8..]))
                })
            })
            .unwrap_or_else(|| panic!("no event cites the entry «{entry}»\n{}", b.summary()));
        assert_eq!(str_of(&e["date"]), date, "the entry «{entry}»");
    }
}

#[test]
fn numbers_that_label_things_are_not_years() {
    let b = build();
    // "la résolution 2012 de l'ONU", "1.500 euros par foyer".
    for year in ["2012", "1500"] {
        let dated: Vec<&str> = b
            .events()
            .iter()
            .filter(|e| str_of(&e["date"]).starts_with(year))
            .map(|e| str_of(&e["id"]))
            .collect();
        assert!(
            dated.is_empty(),
            "events dated in {year}, a number of the text that is not a year: {dated:?}\n{}",
            b.summary()
        );
    }
    // "l'article 49.3 de la Constitution" gives no date at all.
    for e in b.events() {
        for c in citations(e) {
            let tt = str_of(&c["time_text"]);
            assert!(
                !tt.contains("49") && !tt.contains("2012") && !tt.contains("1.500"),
                "«{tt}» dated {} from «{}»",
                str_of(&e["date"]),
                str_of(&c["quote"])
            );
        }
    }
}

/// The HTML of `<section id="ID" …>` up to its own `</section>` (sections inside it counted).
fn section<'a>(page: &'a str, id: &str) -> Option<&'a str> {
    let start = page.find(&format!("<section id=\"{id}\""))?;
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let rest = &page[at..];
        let open = rest.find("<section");
        let close = rest.find("</section>")?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + "<section".len();
            }
            _ => {
                depth -= 1;
                at += close + "</section>".len();
                if depth == 0 {
                    return Some(&page[start..at]);
                }
            }
        }
    }
}

#[test]
fn the_1987_flood_is_background_in_the_contexte_section() {
    let b = build();
    let old: Vec<&Value> = b
        .events()
        .iter()
        .filter(|e| str_of(&e["date"]).starts_with("1987"))
        .collect();
    assert!(
        !old.is_empty(),
        "the last great flood, in 1987, is an event\n{}",
        b.summary()
    );
    for e in &old {
        assert!(
            is_background(e),
            "{} is dated long before the collection's fortnight: \"background\": true",
            str_of(&e["id"])
        );
    }
    let story: Vec<&Value> = b
        .events()
        .iter()
        .filter(|e| str_of(&e["date"]).starts_with("2031-03"))
        .collect();
    assert!(!story.is_empty(), "{}", b.summary());
    for e in &story {
        assert!(
            !is_background(e),
            "{} is the story, not background",
            str_of(&e["id"])
        );
    }

    // The home page: the 1987 fact inside <section id="context"> headed "Contexte", the story
    // outside it.
    let home = b.page("index.html");
    let context = section(&home, "context")
        .unwrap_or_else(|| panic!("the home page has a <section id=\"context\">"));
    assert!(
        context.contains("Contexte"),
        "the section is headed Contexte"
    );
    for e in &old {
        let id = str_of(&e["id"]);
        assert!(
            context.contains(&format!("id=\"{id}\"")),
            "{id} is shown in the Contexte section"
        );
    }
    for e in &story {
        let id = str_of(&e["id"]);
        assert!(
            !context.contains(&format!("id=\"{id}\"")),
            "{id} is the story: not in the Contexte section"
        );
    }

    // The key-events page never lists background above a story event.
    let key = b.page("key-events/index.html");
    let at = |e: &Value| key.find(&format!("id=\"{}\"", str_of(&e["id"])));
    let last_story = story.iter().filter_map(|e| at(e)).max();
    for e in &old {
        if let (Some(pos), Some(last)) = (at(e), last_story) {
            assert!(
                pos > last,
                "{} is listed above story events on the key-events page",
                str_of(&e["id"])
            );
        }
    }
    assert!(last_story.is_some(), "the key-events page lists the story");
}

#[test]
fn republished_agency_copy_is_one_event_with_the_same_wording_noted() {
    let b = build();
    let echo = b.source_id("echo-03-evacuation.txt");
    let vigilant = b.source_id("vigilant-02-tanneries.md");
    let agency = fold(AGENCY);
    let with_both: Vec<&Value> = b
        .events()
        .iter()
        .filter(|e| {
            [&echo, &vigilant].iter().all(|s| {
                citations(e).iter().any(|c| {
                    c["source"] == s.as_str() && fold(str_of(&c["quote"])).contains(&agency)
                })
            })
        })
        .collect();
    assert!(
        !with_both.is_empty(),
        "one event cites the agency paragraph from both outlets\n{}",
        b.summary()
    );
    for e in with_both {
        let id = str_of(&e["id"]);
        let page = b.page(&format!("events/{id}/index.html"));
        assert!(
            page.contains("même formulation dans 2 sources"),
            "events/{id}/ says «même formulation dans 2 sources»"
        );
    }
}

#[test]
fn comments_are_never_cited_and_the_news_is_still_found() {
    let b = build();
    let found = offenders(&b, COMMENTS);
    assert!(
        found.is_empty(),
        "reader comments became events:\n{}",
        found.join("\n")
    );

    // Every article's own paragraphs give at least one event.
    let cited: BTreeSet<String> = b.events().iter().flat_map(sources_of).collect();
    let uncited: Vec<&str> = b
        .sources()
        .iter()
        .map(|s| str_of(&s["id"]))
        .filter(|id| !cited.contains(*id))
        .collect();
    assert_eq!(b.sources().len(), 14, "every article is a source");
    assert!(
        uncited.is_empty(),
        "articles none of whose paragraphs is cited: {uncited:?}\n{}",
        b.summary()
    );

    // The start of the strike, Monday 10 March, told by five articles in their own words.
    let strike = b
        .events()
        .iter()
        .filter(|e| str_of(&e["date"]).starts_with("2031-03-10"))
        .max_by_key(|e| sources_of(e).len())
        .unwrap_or_else(|| panic!("no event on 2031-03-10\n{}", b.summary()));
    assert!(
        sources_of(strike).len() >= 3,
        "the strike's start is cited by at least three sources: {} {:?}\n{}",
        str_of(&strike["id"]),
        sources_of(strike),
        b.summary()
    );
    assert!(
        citations(strike).iter().any(|c| {
            let q = fold(str_of(&c["quote"]));
            q.contains("grève") || q.contains("cessé le travail") || q.contains("walked out")
        }),
        "the busiest event of 10 March is the strike's start: {}",
        str_of(&strike["headline"])
    );
}

/// The text of every `<p class="block block-KIND">` of a rendered source page, tags stripped
/// and entities decoded.
fn blocks_of_kind(page: &str, kind: &str) -> Vec<String> {
    let open = format!("<p class=\"block block-{kind}\">");
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let end = rest.find("</p>").unwrap_or(rest.len());
        out.push(plain_text(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// HTML fragment to text: tags dropped, the entities Tera writes decoded.
fn plain_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

#[test]
fn chrome_stays_visible_greyed_on_source_pages() {
    let b = build();
    let mut missing = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(fixture().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let lines: BTreeSet<String> = fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(fold)
            .collect();
        let id = b.source_id(&file);
        let page = b.page(&format!("sources/{id}/index.html"));
        let greyed = fold(&blocks_of_kind(&page, "boilerplate").join("\n"));
        // Only the lines this article has, as whole lines of its file.
        for line in CHROME.iter().chain(COMMENTS) {
            let folded = fold(line);
            if !lines.contains(&folded) {
                continue;
            }
            if !greyed.contains(&folded) {
                missing.push(format!("{file}: «{line}»"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "chrome and comments are shown on their source page as greyed boilerplate \
         (<p class=\"block block-boilerplate\">); not so for:\n{}",
        missing.join("\n")
    );
}
