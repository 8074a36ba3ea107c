//! The coverage chart: articles published and events per day, drawn at build time as an SVG
//! picture with a text alternative, on the home page and on each month page.

mod render_common;

use render_common::*;

/// The part of `page` from `from` to the end of the first `to` after it.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let a = page.find(from).unwrap_or_else(|| panic!("{from} missing"));
    let z = page[a..].find(to).unwrap_or_else(|| panic!("{to} missing")) + a + to.len();
    &page[a..z]
}

#[test]
fn the_home_page_draws_articles_and_events_per_day_with_a_text_alternative() {
    let ts = TempSite::demo();
    let site = ts.load();
    let out = ts.render(&site);
    let home = unescape(&read(&out, "index.html"));
    let fig = between(&home, "<figure class=\"coverage\"", "</figure>");
    // A picture with a name, described by the summary under it; no script needed.
    assert!(fig.contains("role=\"img\""), "{fig}");
    assert!(fig.contains("<title id=\"coverage-svg-title\">Couverture : articles publiés et événements, jour par jour</title>"));
    assert!(fig.contains("aria-describedby=\"coverage-summary\""));
    assert!(!fig.contains("<script"));
    // The summary gives the numbers the bars are drawn from.
    let day_sources = site
        .timeline
        .sources
        .iter()
        .filter(|s| s.published.as_ref().is_some_and(|p| p.date().is_some()))
        .count();
    let day_events = site
        .timeline
        .events
        .iter()
        .filter(|e| !e.background && e.date.date().is_some())
        .count();
    let summary = between(fig, "<p class=\"coverage-summary\"", "</p>");
    assert!(
        summary.contains(&format!("Articles publiés : {day_sources}."))
            && summary.contains(&format!("Événements datés : {day_events}.")),
        "{summary}"
    );
    assert!(summary.contains("Journées clés :"), "{summary}");
    // One bar per day from the first to the last, each with its numbers as a tooltip; the
    // busiest day of articles draws the full band.
    let days: std::collections::BTreeSet<chrono::NaiveDate> = site
        .timeline
        .sources
        .iter()
        .filter_map(|s| s.published.as_ref()?.date())
        .chain(
            site.timeline
                .events
                .iter()
                .filter(|e| !e.background)
                .filter_map(|e| e.date.date()),
        )
        .collect();
    let span = (*days.last().unwrap() - *days.first().unwrap()).num_days() + 1;
    assert_eq!(fig.matches("<rect class=\"e\"").count() as i64, span);
    assert!(fig.contains("height=\"48.0\""), "a full bar");
    assert!(
        fig.contains(" articles, "),
        "tooltips count articles and events"
    );
    assert!(fig.contains("class=\"key-mark\""), "key days marked");
}

#[test]
fn a_month_page_highlights_its_month_and_an_english_site_reads_in_english() {
    let ts = TempSite::demo_in("en");
    let mut site = ts.load();
    add_synthetic_events(&mut site);
    let out = ts.render(&site);
    let month = unescape(&read(&out, "chronology/2023-09/index.html"));
    let fig = between(&month, "<figure class=\"coverage\"", "</figure>");
    assert!(fig.contains("<rect class=\"period\""), "{fig}");
    assert!(
        fig.contains("this page’s period"),
        "legend of the highlight"
    );
    assert!(fig.contains("Coverage: articles published and events"));
    assert!(fig.contains("Articles published: "));
    // The home page has no period of its own to highlight.
    let home = unescape(&read(&out, "index.html"));
    let fig = between(&home, "<figure class=\"coverage\"", "</figure>");
    assert!(!fig.contains("class=\"period\""));
}

#[test]
fn a_site_without_dated_articles_or_events_draws_no_chart() {
    let ts = TempSite::new(
        "title = \"Vide\"\nlanguage = \"fr\"\n",
        &[(
            "content/a.md",
            "+++\ntitle = \"Sans date\"\n+++\n\nRien ne se passe ici.\n",
        )],
    );
    let site = ts.load();
    let out = ts.render(&site);
    let home = read(&out, "index.html");
    assert!(!home.contains("class=\"coverage\""));
}
