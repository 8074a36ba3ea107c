//! `feed.xml`: an Atom feed (RFC 4287), one entry per event, ranked by salience. Ids are stable
//! and `updated` comes from event and source dates, never from the clock, so that identical input
//! gives a byte-identical feed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Format, FormatInput, escape_html, escape_xml, event_updated, instant, stable_uuid};
use crate::render::RenderInput;
use crate::render::links::{Env, event_page};
use crate::timeline::{Event, Source, ranked};

/// `feed.xml`.
pub struct Atom;

impl Format for Atom {
    fn path(&self) -> &'static str {
        "feed.xml"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(Some(atom(cx.input, cx.env, cx.plan).into_bytes()))
    }

    fn write_into(&self, cx: &FormatInput, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        Ok(write_atom(cx.input, cx.env, cx.plan, out)?)
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A link as feeds write it: absolute with `base_url`, otherwise relative to the site root
/// (where feed.xml lives).
fn href(env: &Env, path: &str) -> String {
    env.absolute(path).unwrap_or_else(|| env.link(path))
}

/// The HTML body of an entry: when, summary, numbered quotes with their sources.
pub fn entry_html(event: &Event, sources: &BTreeMap<&str, &Source>, env: &Env) -> String {
    let l = env.locale;
    let mut html = format!(
        "<p><strong>{}</strong></p><p>{}</p><ol>",
        escape_html(&l.when_of(&event.date)),
        escape_html(&event.summary)
    );
    for c in &event.citations {
        let title = sources
            .get(c.source.as_str())
            .map(|s| s.title.as_str())
            .unwrap_or(c.source.as_str());
        html.push_str(&format!(
            "<li><blockquote>{}</blockquote><a href=\"{}\">{}</a></li>",
            escape_html(&c.quote),
            escape_html(&href(env, &crate::render::links::quote_path(c))),
            escape_html(title)
        ));
    }
    html.push_str("</ol>");
    // Worded in the site's language from the conflict's data, as the pages word it.
    for c in &event.conflicts {
        let values: Vec<String> = c
            .values
            .iter()
            .zip(&c.sources)
            .map(|(v, s)| {
                let value = l.conflict_value(&c.kind, v);
                let title = sources
                    .get(s.as_str())
                    .map_or(s.as_str(), |x| x.title.as_str());
                format!("{value} ({title})")
            })
            .collect();
        html.push_str(&format!(
            "<p>⚠ {} {}{}{}</p>",
            escape_html(&l.label("disagree_on")),
            escape_html(&l.conflict_label(&c.kind, c.quantity.as_deref())),
            escape_html(&l.label("colon")),
            escape_html(&values.join(" · "))
        ));
    }
    html
}

/// Renders the Atom feed.
/// `plan` says where the chronology pages are, when the site has them (a theme of its own
/// without month pages has none: no entry links one).
pub fn atom(
    input: &RenderInput,
    env: &Env,
    plan: Option<&crate::render::chronology::Plan>,
) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_atom(input, env, plan, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`atom`], written into `out` entry by entry (a large site's feed is one of its largest
/// files).
pub fn write_atom(
    input: &RenderInput,
    env: &Env,
    plan: Option<&crate::render::chronology::Plan>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let tl = &input.timeline;
    let sources: BTreeMap<&str, &Source> = tl.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let entries: Vec<(&Event, DateTime<Utc>)> = ranked(&tl.events)
        .into_iter()
        .map(|e| (e, event_updated(e, &sources, env.tz)))
        .collect();
    let feed_updated = entries
        .iter()
        .map(|(_, t)| *t)
        .chain(
            tl.sources
                .iter()
                .filter_map(|s| s.published.as_ref())
                .filter_map(|p| instant(p, env.tz)),
        )
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    // Each entry also links the chronology page that shows its event among its day's.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in tl.events.iter().enumerate() {
        index.entry(e.id.as_str()).or_insert(i);
    }
    let feed_id = env
        .absolute("")
        .unwrap_or_else(|| stable_uuid(&format!("feed:{}", tl.site.title)));
    out.write_all("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".as_bytes())?;
    writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape_xml(&tl.site.language)
    )?;
    writeln!(out, "  <title>{}</title>", escape_xml(&tl.site.title))?;
    if !input.config.description.is_empty() {
        writeln!(
            out,
            "  <subtitle>{}</subtitle>",
            escape_xml(&input.config.description)
        )?;
    }
    writeln!(out, "  <id>{}</id>", escape_xml(&feed_id))?;
    writeln!(out, "  <updated>{}</updated>", rfc3339(feed_updated))?;
    if let Some(self_url) = env.absolute("feed.xml") {
        writeln!(
            out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape_xml(&self_url)
        )?;
    }
    writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_xml(&env.absolute("").unwrap_or_else(|| "index.html".into()))
    )?;
    writeln!(
        out,
        "  <author><name>{}</name></author>",
        escape_xml(&tl.site.title)
    )?;
    out.write_all("  <generator>Annales</generator>\n".as_bytes())?;
    for (e, updated) in entries {
        let page = event_page(&e.id);
        let id = env
            .absolute(&page)
            .unwrap_or_else(|| stable_uuid(&format!("event:{}:{}", tl.site.title, e.id)));
        out.write_all("  <entry>\n".as_bytes())?;
        writeln!(out, "    <title>{}</title>", escape_xml(&e.headline))?;
        writeln!(out, "    <id>{}</id>", escape_xml(&id))?;
        writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&href(env, &page))
        )?;
        if let Some(day) = index
            .get(e.id.as_str())
            .and_then(|&i| plan?.event_anchor(i, &e.id))
        {
            writeln!(
                out,
                "    <link rel=\"related\" type=\"text/html\" href=\"{}\"/>",
                escape_xml(&href(env, &day))
            )?;
        }
        writeln!(out, "    <updated>{}</updated>", rfc3339(updated))?;
        if !e.summary.is_empty() {
            writeln!(out, "    <summary>{}</summary>", escape_xml(&e.summary))?;
        }
        writeln!(
            out,
            "    <content type=\"html\">{}</content>",
            escape_xml(&entry_html(e, &sources, env))
        )?;
        for t in &e.tags {
            writeln!(out, "    <category term=\"{}\"/>", escape_xml(t))?;
        }
        out.write_all("  </entry>\n".as_bytes())?;
    }
    out.write_all("</feed>\n".as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = stable_uuid("x");
        assert_eq!(a, stable_uuid("x"));
        assert_ne!(a, stable_uuid("y"));
        let hex = a.trim_start_matches("urn:uuid:");
        let groups: Vec<usize> = hex.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{a}");
        assert!(hex.chars().nth(14) == Some('8'), "{a}");
    }

    #[test]
    fn xml_escaping_removes_forbidden_characters() {
        assert_eq!(escape_xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn clock_times_are_read_in_the_site_time_zone() {
        let baku: chrono_tz::Tz = "Asia/Baku".parse().unwrap();
        assert_eq!(
            rfc3339(
                instant(
                    &crate::timeline::DateValue::parse("2023-09-20T11:00").unwrap(),
                    baku
                )
                .unwrap()
            ),
            "2023-09-20T07:00:00Z"
        );
    }
}
