//! The data outputs parse as what they claim to be: timeline.json, Atom, iCalendar, TimelineJS3
//! and the sitemap.

mod render_common;

use std::collections::BTreeSet;

use quick_xml::events::Event as Xml;
use render_common::*;

/// Parses XML fully (names must match, entities must be valid); returns (element path, text)
/// pairs for every text node and the list of element paths.
fn parse_xml(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Xml::Start(e)) => {
                stack.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                elements.push(stack.join("/"));
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    a.unescape_value().expect("valid entities in attribute");
                }
            }
            Ok(Xml::Empty(e)) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                elements.push(format!("{}/{name}", stack.join("/")));
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    let v = a.unescape_value().expect("valid entities");
                    texts.push((
                        format!(
                            "{}/{name}@{}",
                            stack.join("/"),
                            String::from_utf8_lossy(a.key.as_ref())
                        ),
                        v.into_owned(),
                    ));
                }
            }
            Ok(Xml::End(_)) => {
                stack.pop();
            }
            Ok(Xml::Text(t)) => {
                let s = t.unescape().expect("valid entities in text");
                if !s.trim().is_empty() {
                    texts.push((stack.join("/"), s.into_owned()));
                }
            }
            Ok(Xml::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    (elements, texts)
}

fn built(base_url: Option<&str>) -> (TempSite, std::path::PathBuf, annales::site::Site) {
    let ts = TempSite::demo();
    if let Some(url) = base_url {
        let toml = std::fs::read_to_string(ts.root().join("site.toml")).unwrap();
        std::fs::write(
            ts.root().join("site.toml"),
            format!("base_url = \"{url}\"\n{toml}"),
        )
        .unwrap();
    }
    let mut site = ts.load();
    add_synthetic_events(&mut site);
    let out = ts.render(&site);
    (ts, out, site)
}

#[test]
fn timeline_json_is_the_contract() {
    let (_ts, out, site) = built(None);
    let text = std::fs::read_to_string(out.join("timeline.json")).unwrap();
    let back: annales::timeline::Timeline = serde_json::from_str(&text).unwrap();
    assert_eq!(back, site.timeline);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["version", "site", "sources", "events"]);
}

#[test]
fn atom_feed_is_well_formed_with_one_entry_per_event() {
    let (_ts, out, site) = built(None);
    let text = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let (elements, texts) = parse_xml(&text);
    let entries = elements.iter().filter(|e| *e == "feed/entry").count();
    assert_eq!(entries, site.timeline.events.len());
    let ids: Vec<&String> = texts
        .iter()
        .filter(|(p, _)| p == "feed/entry/id")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(ids.len(), entries, "every entry has an id");
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        entries,
        "ids unique"
    );
    for id in &ids {
        assert!(id.starts_with("urn:uuid:"), "{id}");
    }
    let rfc3339 = regex::Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").unwrap();
    let updated: Vec<&String> = texts
        .iter()
        .filter(|(p, _)| p.ends_with("/updated"))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(updated.len(), entries + 1);
    for u in updated {
        assert!(rfc3339.is_match(u), "{u}");
    }
    // Feed-level required elements.
    for needed in ["feed/title", "feed/id", "feed/updated", "feed/author/name"] {
        assert!(texts.iter().any(|(p, _)| p == needed), "{needed}");
    }
    // The disputed event (11:00 in Baku) was updated no earlier than 07:00 UTC that day.
    assert!(text.contains("<title>Disputed timed event</title>"));
    // Entry HTML is escaped once: its markup is text for XML.
    let content = texts
        .iter()
        .find(|(p, _)| p == "feed/entry/content")
        .unwrap();
    assert!(content.1.contains("<blockquote>"));
}

#[test]
fn feed_carries_absolute_urls_with_a_base_url() {
    let (_ts, out, _) = built(Some("https://example.org/timeline/"));
    let text = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let (_, texts) = parse_xml(&text);
    for (p, v) in &texts {
        if p == "feed/entry/id" || p.ends_with("link@href") {
            assert!(v.starts_with("https://example.org/timeline/"), "{p}: {v}");
        }
    }
    assert!(text.contains("rel=\"self\""));
    // Each entry also links the month page of the chronology holding its event.
    assert!(
        text.contains("rel=\"related\" type=\"text/html\" href=\"https://example.org/timeline/chronology/2023-09/#"),
        "{text}"
    );
}

/// Unfolds iCalendar content lines after checking the raw line rules.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let raw: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for l in raw {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
        if let Some(rest) = l.strip_prefix(' ') {
            lines
                .last_mut()
                .expect("continuation after a line")
                .push_str(rest);
        } else {
            lines.push(l.to_string());
        }
    }
    lines
}

#[test]
fn icalendar_lines_are_valid_and_place_events_in_the_site_time_zone() {
    let (_ts, out, site) = built(None);
    let text = std::fs::read_to_string(out.join("events.ics")).unwrap();
    let lines = ics_lines(&text);
    let line = regex::Regex::new(r"^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^;:]+)*:.*$").unwrap();
    let mut depth = Vec::new();
    for l in &lines {
        assert!(line.is_match(l), "not a content line: {l}");
        if let Some(c) = l.strip_prefix("BEGIN:") {
            depth.push(c.to_string());
        }
        if let Some(c) = l.strip_prefix("END:") {
            assert_eq!(depth.pop().as_deref(), Some(c), "unbalanced END:{c}");
        }
    }
    assert!(depth.is_empty());
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    // Each VEVENT has the required properties.
    let events: Vec<&[String]> = lines
        .split(|l| l == "BEGIN:VEVENT")
        .skip(1)
        .map(|chunk| {
            let end = chunk.iter().position(|l| l == "END:VEVENT").unwrap();
            &chunk[..end]
        })
        .collect();
    assert_eq!(events.len(), site.timeline.events.len());
    let mut uids = BTreeSet::new();
    for ev in &events {
        for prop in ["UID:", "DTSTAMP:", "DTSTART", "SUMMARY:", "DESCRIPTION:"] {
            assert!(ev.iter().any(|l| l.starts_with(prop)), "{prop} in {ev:?}");
        }
        assert!(uids.insert(ev.iter().find(|l| l.starts_with("UID:")).unwrap().clone()));
    }
    // 11:00 in Asia/Baku stays 11:00 local, with the zone described (UTC+4); a day is an
    // all-day entry; a month spans it.
    assert!(lines.contains(&"DTSTART;TZID=Asia/Baku:20230920T110000".to_string()));
    let zone = lines
        .iter()
        .position(|l| l == "BEGIN:VTIMEZONE")
        .expect("a VTIMEZONE");
    assert_eq!(lines[zone + 1], "TZID:Asia/Baku");
    assert!(lines[zone..].iter().any(|l| l == "TZOFFSETTO:+0400"));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20230920".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20230921".to_string()));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20230901".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20231001".to_string()));
    // Each entry names its sources.
    let title = &site.timeline.sources[0].title;
    let escaped = title.replace(',', "\\,").replace(';', "\\;");
    assert!(text.replace("\r\n ", "").contains(&escaped));
}

#[test]
fn timelinejs_json_has_the_viewer_shape() {
    let (_ts, out, site) = built(None);
    let text = std::fs::read_to_string(out.join("timelinejs.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v["title"]["text"]["headline"].is_string());
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), site.timeline.events.len());
    let mut ids = BTreeSet::new();
    for e in events {
        assert!(e["start_date"]["year"].is_i64(), "{e}");
        assert!(e["text"]["headline"].is_string());
        assert!(e["text"]["text"].as_str().unwrap().contains("<li>"));
        assert!(ids.insert(e["unique_id"].as_str().unwrap().to_string()));
    }
    let timed = events
        .iter()
        .find(|e| e["unique_id"] == "disputed")
        .unwrap();
    assert_eq!(timed["start_date"]["hour"], 11);
    assert_eq!(timed["start_date"]["minute"], 0);
    let month = events
        .iter()
        .find(|e| e["unique_id"] == "background")
        .unwrap();
    assert!(month["start_date"].get("day").is_none());
    assert!(month["group"].is_string());
}

#[test]
fn sitemap_lists_absolute_page_urls_when_base_url_is_set() {
    let (_ts, out, _) = built(Some("https://example.org/t"));
    let text = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let (_, texts) = parse_xml(&text);
    let locs: Vec<&String> = texts
        .iter()
        .filter(|(p, _)| p == "urlset/url/loc")
        .map(|(_, v)| v)
        .collect();
    let pages = html_files(&out).len() - 1; // not the 404 page
    assert_eq!(locs.len(), pages);
    for l in locs {
        assert!(l.starts_with("https://example.org/t/"), "{l}");
        assert!(!l.contains("404"), "{l}");
    }
    // Pages themselves use directory links then, and they still resolve.
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}
