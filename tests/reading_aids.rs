//! What helps a reader read the chronology: the legend of its marks, the filter's live count,
//! how sure the site is of an inferred publication date.

mod render_common;

use render_common::*;

/// The demo's home page in `language`, its own events (`synthetic`: the shared test events
/// instead).
fn home_of(language: &str, synthetic: bool) -> String {
    let ts = TempSite::demo_in(language);
    let mut site = ts.load();
    if synthetic {
        add_synthetic_events(&mut site);
    }
    let out = ts.render(&site);
    read(&out, "index.html")
}

/// The home page's legend list.
fn legend(home: &str) -> &str {
    let start = home.find("<ul class=\"legend\">").expect("a legend");
    let end = home[start..].find("</ul>").unwrap();
    &home[start..start + end]
}

#[test]
fn how_to_read_explains_the_star_and_the_dots() {
    // The demo's key events are some of its events: the star is shown, and explained.
    let home = home_of("fr", false);
    let method = home.find("Comment lire cette chronologie").unwrap();
    let l = legend(&home);
    assert!(home.find(l).unwrap() > method, "in the method section");
    assert!(l.contains("★") && l.contains("Point plein"), "{l}");
    assert!(l.contains("Point creux"), "{l}");
    assert!(
        l.contains("legend-dot is-key"),
        "the filled dot drawn as in the list"
    );
    let home = home_of("en", false);
    let l = legend(&home);
    assert!(
        l.contains("Filled dot and ★") && l.contains("Hollow dot"),
        "{l}"
    );
    // When every event is key no star is shown, and the legend does not speak of one.
    let home = home_of("fr", true);
    let l = legend(&home);
    assert!(!l.contains("★") && l.contains("Point creux"), "{l}");
}

#[test]
fn the_filter_has_a_live_count_worded_in_the_sites_language() {
    let home = home_of("fr", true);
    assert!(
        home.contains(
            "class=\"filter-count\" role=\"status\" aria-live=\"polite\" \
             data-one=\"{n} événement affiché sur {total}\" \
             data-many=\"{n} événements affichés sur {total}\" hidden"
        ),
        "French patterns, hidden until the reader types"
    );
    let home = home_of("it", true);
    assert!(home.contains("data-many=\"{n} eventi mostrati su {total}\""));
    // The script fills it from those patterns.
    let js = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/filter.js"),
    )
    .unwrap();
    assert!(js.contains(".filter-count") && js.contains("data-many"));
}

#[test]
fn an_inferred_publication_date_says_how_sure_it_is_and_why() {
    let ts = TempSite::demo();
    // One article states its date; the demo's others are inferred from their text.
    std::fs::write(
        ts.root().join("content/zz-stated.md"),
        "+++\ntitle = \"Communiqué\"\ndate = 2023-09-21\n+++\n\nLe ministère a publié jeudi un communiqué.\n",
    )
    .unwrap();
    let site = ts.load();
    let out = ts.render(&site);
    let mut worded = 0;
    for s in &site.timeline.sources {
        let page = read(&out, &format!("{}index.html", s.page));
        match s.published_basis {
            annales::timeline::DateBasis::Inferred => {
                let c = s
                    .published_confidence
                    .expect("an inferred date has a confidence");
                assert!((0.0..=1.0).contains(&c));
                let level = if c >= annales::timeline::CONFIDENCE_HIGH {
                    "élevée"
                } else if c >= annales::timeline::CONFIDENCE_LOW {
                    "moyenne"
                } else {
                    "faible"
                };
                let why = match s.published_evidence.expect("and what it rests on") {
                    annales::timeline::DatingEvidence::Matches { mentions: 1 } => {
                        "1 date du texte recoupe d’autres articles".to_string()
                    }
                    annales::timeline::DatingEvidence::Matches { mentions } => {
                        format!("{mentions} dates du texte recoupent d’autres articles")
                    }
                    annales::timeline::DatingEvidence::LatestDay => {
                        "le jour le plus récent que nomme le texte".to_string()
                    }
                };
                let page = unescape(&page);
                let dt = page.find("<dt>Fiabilité de la date</dt>").expect(&s.path);
                let dd = &page[dt..];
                let dd = &dd[dd.find("<dd>").unwrap() + 4..dd.find("</dd>").unwrap()];
                assert!(
                    dd.starts_with(level) && dd.ends_with(&why),
                    "{}: {dd}",
                    s.path
                );
                worded += 1;
            }
            _ => {
                assert!(s.published_confidence.is_none() && s.published_evidence.is_none());
                assert!(!page.contains("Fiabilité de la date"), "{}", s.path);
            }
        }
    }
    assert!(worded >= 3, "the demo's articles are inferred: {worded}");
    assert!(
        site.timeline
            .sources
            .iter()
            .any(|s| s.path.ends_with("zz-stated.md") && s.published_basis.is_stated())
    );
    // timeline.json carries both keys.
    let json = read(&out, "timeline.json");
    assert!(json.contains("\"published_confidence\": null"));
    assert!(json.contains("\"published_evidence\": {"));
}

#[test]
fn a_card_groups_its_quotes_under_the_source_that_gave_them() {
    let ts = TempSite::demo();
    let site = ts.load();
    let out = ts.render(&site);
    let home = unescape(&read(&out, "index.html"));
    let mut seen_several = false;
    for e in &site.timeline.events {
        let Some(at) = home.find(&format!("<li id=\"{}\"", e.id)) else {
            continue;
        };
        let card = &home[at..];
        let line = &card[card.find("<p class=\"event-sources\">").unwrap()..];
        let line = &line[..line.find("</p>").unwrap()];
        let sources: std::collections::BTreeSet<&str> =
            e.citations.iter().map(|c| c.source.as_str()).collect();
        // One group per source, each naming it, with as many numbers as it gave quotes.
        assert_eq!(
            line.matches("class=\"source-group\"").count(),
            sources.len(),
            "{line}"
        );
        assert_eq!(
            line.matches("class=\"cite\"").count(),
            e.citations.len().min(12),
            "{line}"
        );
        for s in &sources {
            let title = &site
                .timeline
                .sources
                .iter()
                .find(|x| x.id == *s)
                .unwrap()
                .title;
            assert!(line.contains(&format!("title=\"{title}\"")), "{line}");
        }
        seen_several |= sources.len() > 1 && e.citations.len() > sources.len();
    }
    assert!(
        seen_several,
        "the demo has an event with several quotes from one of several sources"
    );
}

/// The dispute line of event `id` on the home page, tags removed except the citation numbers.
fn dispute_line(home: &str, id: &str) -> String {
    let card = &home[home.find(&format!("<li id=\"{id}\"")).unwrap()..];
    let d = &card[card.find("<div class=\"dispute\"").unwrap()..];
    let d = &d[..d.find("</div>").unwrap()];
    let no_vh = regex::Regex::new(r#"<span class="vh">.*?</span>"#).unwrap();
    let tags = regex::Regex::new(r"<[^>]+>").unwrap();
    tags.replace_all(&no_vh.replace_all(d, ""), "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_quote_of_a_disputed_date_sits_under_the_day_it_gives() {
    let ts = TempSite::demo();
    let mut site = ts.load();
    add_synthetic_events(&mut site);
    // The first source is counted for Wednesday, but a second quote of it says Thursday.
    let para: String = first_paragraph(&site, 0)
        .chars()
        .skip(50)
        .take(30)
        .collect();
    let mut extra = cite(&site, 0, &para, "jeudi");
    extra.value = "2023-09-21".into();
    let e = site
        .timeline
        .events
        .iter_mut()
        .find(|e| e.id == "disputed")
        .unwrap();
    e.citations[0].value = "2023-09-20T11:00".into();
    e.citations[1].value = "2023-09-21".into();
    e.citations.push(extra);
    let out = ts.render(&site);
    let home = unescape(&read(&out, "index.html"));
    let line = dispute_line(&home, "disputed");
    assert!(
        line.contains("mercredi 20 septembre 2023 [1] · jeudi 21 septembre 2023 [2] [3]"),
        "{line}"
    );
}
