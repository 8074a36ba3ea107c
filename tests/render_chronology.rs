//! A story too large for one page: the home page summarises its key days, the full chronology
//! is one page per month, a month too large for a page is an index of day pages, a day too large
//! is cut in parts, and every event and source page links to the page holding its event.

mod render_common;

use annales::site::Site;
use render_common::*;

/// An output page with its escaped slashes (`&#x2F;`) read back as `/`.
fn read_page(dir: &std::path::Path, rel: &str) -> String {
    read(dir, rel).replace("&#x2F;", "/")
}

/// The demo's articles with a large synthetic story: a light August (one event a day), a
/// September of 700 events of which 500 on the 20th, and 40 old facts (background).
fn large_site(ts: &TempSite) -> Site {
    let mut site = ts.load();
    let n = site.articles.len();
    let quotes: Vec<String> = (0..n)
        .map(|i| first_paragraph(&site, i).chars().take(60).collect())
        .collect();
    let mut events = Vec::new();
    let mut push = |id: String, date: String, salience: f64, bg: bool| {
        let i = events.len() % n;
        let mut e = event(
            &id,
            &date,
            &format!("Headline {id}"),
            salience,
            vec![cite(&site, i, &quotes[i], "")],
        );
        e.background = bg;
        events.push(e);
    };
    for d in 1..=20 {
        push(format!("aug-{d:02}"), format!("2023-08-{d:02}"), 1.0, false);
    }
    for k in 0..700 {
        let day = if k < 500 { 20 } else { 21 + k % 8 };
        // A few heavy events make the 20th and the 25th the key days.
        let salience = if k % 100 == 0 || k == 504 { 50.0 } else { 0.5 };
        push(
            format!("sep-{k:03}"),
            format!("2023-09-{day:02}"),
            salience,
            false,
        );
    }
    for k in 0..40 {
        push(
            format!("old-{k:02}"),
            format!("19{:02}-06-12", 50 + k),
            0.1,
            true,
        );
    }
    annales::timeline::sort_events(&mut events);
    site.timeline.events = events;
    site
}

#[test]
fn a_large_story_opens_on_its_key_days_then_background_then_months() {
    let ts = TempSite::demo();
    let site = large_site(&ts);
    let out = ts.render(&site);
    let home = read_page(&out, "index.html");
    assert!(home.len() < 200_000, "home is {} bytes", home.len());
    let top = home
        .find("Les journées clés")
        .expect("the key days come first");
    let context = home.find("<section id=\"context\"").expect("then Contexte");
    let months = home
        .find("La chronologie mois par mois")
        .expect("then the months");
    assert!(top < context && context < months);
    // The heaviest day is summarised with a link to the whole day; a light event of it is not
    // on the home page.
    assert!(home.contains("mercredi 20 septembre 2023"));
    assert!(
        home.contains("Headline sep-100"),
        "a main event of the 20th"
    );
    assert!(
        !home.contains("Headline sep-101"),
        "not every event of the 20th"
    );
    assert!(home.contains("href=\"chronology/2023-09/20/index.html\""));
    assert!(home.contains("Toute la journée (500 événements)"));
    // At most a reader's screenful of days, each with at most three events.
    let summary = &home[top..context];
    let days = summary.matches("<li class=\"day ").count();
    assert!((1..=24).contains(&days), "{days} days");
    assert!(summary.matches("class=\"brief\"").count() <= 3 * days);
    // Background: the most cited only, with the rest counted.
    assert!(home[context..months].contains("Contexte"));
    assert!(home[context..months].contains("autres figurent dans la chronologie"));
    // Every month with its count, linked.
    assert!(home.contains("href=\"chronology/2023-08/index.html\""));
    assert!(home.contains("septembre 2023</time></a> <span class=\"count\">700</span>"));
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_month_too_large_for_a_page_is_an_index_of_its_days_and_a_large_day_has_parts() {
    let ts = TempSite::demo();
    let site = large_site(&ts);
    let out = ts.render(&site);
    // August fits one page: every event, the filter, previous/next months.
    let aug = read_page(&out, "chronology/2023-08/index.html");
    for d in 1..=20 {
        assert!(aug.contains(&format!("id=\"aug-{d:02}\"")), "aug-{d:02}");
    }
    assert!(aug.contains("class=\"filter\"") && aug.contains("filter.js"));
    assert!(aug.contains("rel=\"next\" href=\"../../chronology/2023-09/index.html\""));
    assert!(aug.contains("id=\"d-2023-08-01\""), "days are anchors");
    // September is the index of its days.
    let sep = read_page(&out, "chronology/2023-09/index.html");
    assert!(sep.contains("Les journées du mois"));
    assert!(sep.contains("href=\"../../chronology/2023-09/20/index.html\""));
    assert!(sep.contains("500 événements"));
    assert!(!sep.contains("data-search"), "no event cards on the index");
    // The 20th is cut in parts, each linking the others; every event is on exactly one page.
    let part1 = read_page(&out, "chronology/2023-09/20/index.html");
    let part2 = read_page(&out, "chronology/2023-09/20/2/index.html");
    assert!(part1.contains("href=\"../../../chronology/2023-09/20/2/index.html\""));
    assert!(part2.contains("Partie 2"));
    let pages = html_files(&out);
    for e in &site.timeline.events {
        let card = format!("<li id=\"{}\" data-search=", e.id);
        let n = pages
            .iter()
            .filter(|(p, _)| p.starts_with("chronology/"))
            .filter(|(_, t)| t.contains(&card))
            .count();
        assert_eq!(n, 1, "{} is on {n} chronology pages", e.id);
    }
    for (p, t) in &pages {
        assert!(t.len() < 1_000_000, "{p} is {} bytes", t.len());
    }
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn event_and_source_pages_link_to_the_chronology_page_holding_the_event() {
    let ts = TempSite::demo();
    let site = large_site(&ts);
    let out = ts.render(&site);
    // sep-499 is among the last of the 20th: on its second part.
    let page = read_page(&out, "events/sep-499/index.html");
    assert!(
        page.contains("href=\"../../chronology/2023-09/20/2/index.html#sep-499\""),
        "the event page links its day page"
    );
    let aug = read_page(&out, "events/aug-03/index.html");
    assert!(aug.contains("href=\"../../chronology/2023-08/index.html#aug-03\""));
    let source = read_page(&out, &format!("sources/{}/index.html", site.articles[0].id));
    assert!(
        source.contains("chronology/2023-0"),
        "a source page links the chronology"
    );
}

#[test]
fn english_chronology_pages_read_in_english() {
    let ts = TempSite::demo_in("en");
    let site = large_site(&ts);
    let out = ts.render(&site);
    let home = read_page(&out, "index.html");
    assert!(home.contains("The key days"));
    assert!(home.contains("Wednesday 20 September 2023"));
    assert!(home.contains("The whole day (500 events)"));
    assert!(home.contains("The timeline month by month"));
    let sep = read_page(&out, "chronology/2023-09/index.html");
    assert!(sep.contains("<title>September 2023 — "));
    assert!(sep.contains("The days of the month"));
    let part2 = read_page(&out, "chronology/2023-09/20/2/index.html");
    assert!(part2.contains("Part 2"));
}

#[test]
fn an_edit_renders_again_only_its_month_among_the_chronology_pages() {
    let ts = TempSite::demo();
    let mut site = large_site(&ts);
    let mut cache = annales::render::PageCache::default();
    site.render_cached(&mut cache).unwrap();
    let e = site
        .timeline
        .events
        .iter_mut()
        .find(|e| e.id == "aug-05")
        .unwrap();
    e.headline = "A corrected headline".into();
    let files = site.render_cached(&mut cache).unwrap();
    let again: Vec<&String> = cache
        .last_rendered_pages
        .iter()
        .filter(|p| p.starts_with("chronology/"))
        .collect();
    assert_eq!(again, ["chronology/2023-08/index.html"], "{again:?}");
    let aug = files
        .iter()
        .find(|f| f.path == "chronology/2023-08/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&aug.bytes).contains("A corrected headline"));
    assert_eq!(files, site.render().unwrap());
}

#[test]
fn the_sitemap_lists_the_chronology_pages() {
    let ts = TempSite::demo();
    let toml = std::fs::read_to_string(ts.root().join("site.toml")).unwrap();
    std::fs::write(
        ts.root().join("site.toml"),
        format!("base_url = \"https://example.org/t\"\n{toml}"),
    )
    .unwrap();
    let site = large_site(&ts);
    let out = ts.render(&site);
    let sitemap = read_page(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/t/chronology/2023-08/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/t/chronology/2023-09/20/2/</loc>"));
}

#[test]
fn a_home_page_override_written_for_the_whole_chronology_still_renders_it() {
    // An index.html as sites wrote it before the summary: every day of `days`, and
    // `context_days`, with the theme's macros.
    let ts = TempSite::demo();
    let dir = ts.root().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block content %}\
         <h1>Own home</h1>{{ m::chronology(days=days, root=root, t=t) }}\
         {% for d in context_days %}<p class=\"old\">{{ d.label }}</p>{% endfor %}\
         {% endblock content %}",
    )
    .unwrap();
    let site = large_site(&ts);
    let out = ts.render(&site);
    let home = read_page(&out, "index.html");
    assert!(home.contains("<h1>Own home</h1>"));
    for e in site.timeline.events.iter().filter(|e| !e.background) {
        assert!(home.contains(&format!("id=\"{}\"", e.id)), "{}", e.id);
    }
    assert_eq!(
        home.matches("class=\"old\"").count(),
        40,
        "every background day"
    );
    // The chronology pages come from the theme as usual.
    assert!(out.join("chronology/2023-08/index.html").is_file());
}

#[test]
fn a_layout_override_reading_the_whole_chronology_gets_it_on_the_home_page() {
    // The home page builds its whole chronology only for templates that read it: here the
    // layout every page extends, not index.html itself.
    let ts = TempSite::demo();
    let dir = ts.root().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    let base = annales::render::theme::Theme::load(&ts.root(), "default")
        .unwrap()
        .templates["base.html"]
        .1
        .replace(
            "{% block content %}",
            "{% if context_days %}<p class=\"old\">{{ context_days | length }} {{ days | length }}</p>{% endif %}{% block content %}",
        );
    std::fs::write(dir.join("base.html"), base).unwrap();
    let site = large_site(&ts);
    let out = ts.render(&site);
    let story_days: std::collections::BTreeSet<String> = site
        .timeline
        .events
        .iter()
        .filter(|e| !e.background)
        .map(|e| e.date.group().to_string())
        .collect();
    let home = read_page(&out, "index.html");
    assert!(
        home.contains(&format!("<p class=\"old\">40 {}</p>", story_days.len())),
        "{home}"
    );
    // Other pages have no such values.
    assert!(!read_page(&out, "chronology/2023-08/index.html").contains("class=\"old\""));
}

/// A whole theme of the site's own, written before the month and day pages, in `ts`.
fn theme_without_month_pages(ts: &TempSite) {
    let toml = std::fs::read_to_string(ts.root().join("site.toml")).unwrap();
    std::fs::write(
        ts.root().join("site.toml"),
        toml.replace("theme = \"default\"", "theme = \"plain\""),
    )
    .unwrap();
    let dir = ts.root().join("themes/plain/templates");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["index.html", "key-events.html", "sources.html", "404.html"] {
        std::fs::write(
            dir.join(name),
            "<p>{% for d in days | default(value=[]) %}{{ d.label }} {% endfor %}</p>",
        )
        .unwrap();
    }
    std::fs::write(dir.join("event.html"), "<h1>{{ event.headline }}</h1>").unwrap();
    std::fs::write(dir.join("source.html"), "<h1>{{ source.title }}</h1>").unwrap();
}

#[test]
fn a_theme_without_month_and_day_templates_still_builds() {
    let ts = TempSite::demo();
    theme_without_month_pages(&ts);
    let site = large_site(&ts);
    let out = ts.render(&site);
    assert!(read_page(&out, "index.html").contains("mercredi 20 septembre 2023"));
    assert!(out.join("events/aug-03/index.html").is_file());
    assert!(!out.join("chronology").exists());
}

#[test]
fn a_month_page_lists_its_own_year_and_links_its_neighbours() {
    // Every month of every year on each month page would grow with the square of the story's
    // length: forty old facts in forty months (four decades) are one link, to the decade
    // before 2023, on a 2023 page, and the home page's index holds the rest.
    let ts = TempSite::demo();
    let site = large_site(&ts);
    let out = ts.render(&site);
    let page = read_page(&out, "chronology/2023-08/index.html");
    let nav = &page[page
        .find("<nav class=\"months\"")
        .expect("month navigation")..];
    let nav = &nav[..nav.find("</nav>").expect("closed")];
    assert!(nav.contains("chronology/2023-09/"), "its own year in full");
    let old_links = nav.matches("href=\"../../chronology/19").count();
    assert_eq!(old_links, 1, "links to old periods");
    assert!(nav.contains("index.html#months"), "a link to every month");
    // The home page still lists every month.
    let home = read_page(&out, "index.html");
    assert!(home.contains("chronology/1950-06/") && home.contains("chronology/1989-06/"));
}

#[test]
fn a_feed_links_no_chronology_page_the_theme_does_not_write() {
    let ts = TempSite::demo();
    theme_without_month_pages(&ts);
    let site = large_site(&ts);
    let out = ts.render(&site);
    let feed = read_page(&out, "feed.xml");
    assert!(feed.contains("<entry>"));
    assert!(
        !feed.contains("chronology/"),
        "the feed links missing pages"
    );
}
