//! Numbers that are not years never date an event, and facts dated long before the
//! collection's publication window are background: marked in timeline.json, shown in the
//! home page's "Contexte" section, kept off the key events and ranked below the story.

mod cli_support;

use std::fs;

use cli_support::{run, text, text_site, timeline};

/// One invented local-news article of March 2024, with a story sentence of its day and a
/// sentence recalling a fact of 1989.
fn article(day: u32, story: &str) -> String {
    format!(
        "+++\ntitle = \"Le pont de Valbrune, jour {day}\"\ndate = 2024-03-{day:02}\n+++\n\n\
         {story}\n\n\
         Le premier projet de pont avait été abandonné en 1989, après un vote serré du conseil.\n"
    )
}

fn numbers_article() -> String {
    "+++\ntitle = \"Chiffres\"\ndate = 2024-03-06\n+++\n\n\
     Le conseil a cité la résolution 1984 de l'ONU et l'article 49.3 de la Constitution.\n\n\
     Un Boeing 747 a survolé la ville, où l'on compte 1.000 morts et 2000 blessés depuis le séisme.\n\n\
     Le billet coûte 1.500 euros, soit 2000 dollars, et l'équipe locale a gagné 2-1.\n\n\
     La loi 2030-118 et le vol 4321 ont été évoqués par le maire.\n\n\
     Le club de Valbrune avait été fondé en 1996 par des habitants du quartier.\n"
        .to_string()
}

fn build_site() -> (tempfile::TempDir, annales::timeline::Timeline) {
    let stories = [
        (
            4,
            "Lundi, le conseil municipal a voté le budget du nouveau pont de Valbrune.",
        ),
        (
            5,
            "Mardi, les ingénieurs ont présenté les plans du pont de Valbrune aux habitants.",
        ),
        (
            7,
            "Jeudi, le préfet a signé l'arrêté autorisant les travaux du pont de Valbrune.",
        ),
        (
            8,
            "Vendredi, les riverains ont manifesté contre le chantier du pont de Valbrune.",
        ),
        (
            10,
            "Dimanche, les premières pelleteuses sont arrivées sur le chantier du pont.",
        ),
    ];
    let mut files: Vec<(String, String)> = stories
        .iter()
        .map(|(d, s)| (format!("content/2024-03-{d:02}-pont.md"), article(*d, s)))
        .collect();
    files.push(("content/2024-03-06-chiffres.md".into(), numbers_article()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = text_site(&refs);
    let out = run(&["build"], site.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(site.path());
    (site, t)
}

#[test]
fn labelled_numbers_amounts_and_scores_give_no_year_while_en_1996_does() {
    let (_site, t) = build_site();
    let dates: Vec<String> = t.events.iter().map(|e| e.date.to_string()).collect();
    for not_year in ["1984", "2000", "2030", "1000", "1500", "4321", "0747"] {
        assert!(
            !dates.iter().any(|d| d.starts_with(not_year)),
            "{not_year} became a date: {dates:?}"
        );
    }
    assert!(
        dates.iter().any(|d| d == "1996"),
        "en 1996 still dates: {dates:?}"
    );
}

#[test]
fn an_old_fact_is_background_in_context_and_below_every_story_event() {
    let (site, t) = build_site();
    let old: Vec<_> = t.events.iter().filter(|e| e.date == "1989").collect();
    assert_eq!(old.len(), 1, "one 1989 event: {:#?}", t.events);
    let old = old[0];
    assert!(old.background, "1989 is background");
    let story: Vec<_> = t.events.iter().filter(|e| !e.background).collect();
    assert!(
        story.len() >= 4,
        "the week's events are the story: {story:#?}"
    );
    assert!(
        story
            .iter()
            .all(|e| e.date.to_string().starts_with("2024-03"))
    );
    for e in &story {
        assert!(
            old.salience < e.salience,
            "background {} outranks story {} ({})",
            old.salience,
            e.salience,
            e.id
        );
    }
    let json = fs::read_to_string(site.path().join("public/timeline.json")).unwrap();
    assert!(json.contains("\"background\": true") || json.contains("\"background\":true"));

    // Home page: the 1989 event sits in the Contexte section, after the story's chronology.
    let home = fs::read_to_string(site.path().join("public/index.html")).unwrap();
    let ctx = home
        .find("<section id=\"context\"")
        .expect("a context section");
    assert!(home[ctx..].contains("Contexte"));
    let at = home
        .find(&format!("id=\"{}\"", old.id))
        .expect("1989 listed");
    assert!(at > ctx, "the 1989 event is inside the context section");
    for e in &story {
        let s = home
            .find(&format!("id=\"{}\"", e.id))
            .expect("story listed");
        assert!(s < ctx, "story event {} before the context section", e.id);
    }

    // Key events: the story only.
    let key = fs::read_to_string(site.path().join("public/key-events/index.html")).unwrap();
    assert!(
        !key.contains(&format!("id=\"{}\"", old.id)),
        "1989 is no key event"
    );
    assert!(
        story
            .iter()
            .any(|e| key.contains(&format!("id=\"{}\"", e.id)))
    );
}

#[test]
fn undated_collections_have_no_background() {
    let body = "Le premier projet de pont avait été abandonné en 1989, après un vote du conseil.\n";
    let site = text_site(&[("content/a.txt", &format!("Titre\n\n{body}"))]);
    let out = run(&["build"], site.path());
    assert!(out.status.success(), "{}", text(&out));
    let t = timeline(site.path());
    assert!(t.events.iter().all(|e| !e.background), "{:#?}", t.events);
    let home = fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(!home.contains("<section id=\"context\""));
}
