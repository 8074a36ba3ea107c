//! `events.ics`: the timeline as an iCalendar file (RFC 5545). Events with a clock time are
//! placed at that time in the site's time zone (written in UTC, so no VTIMEZONE is needed);
//! the others are all-day entries covering their day, month or year. Each entry lists its sources.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::context::{Env, event_page};
use super::feed::{event_updated, instant, stable_uuid};
use super::when::When;
use crate::site::Site;
use crate::timeline::Source;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character, with CRLF endings.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        // Continuation lines start with a space, which counts towards their 75 octets.
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Renders the calendar. Events whose date cannot be placed on a calendar are left out.
pub fn calendar(site: &Site, env: &Env) -> String {
    let tl = &site.timeline;
    let sources: BTreeMap<&str, &Source> = tl.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Annales//Annales timeline//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&tl.site.title)),
        format!("X-WR-TIMEZONE:{}", escape_text(&site.config.timezone)),
    ];
    if !site.config.description.is_empty() {
        lines.push(format!(
            "X-WR-CALDESC:{}",
            escape_text(&site.config.description)
        ));
    }
    for e in &tl.events {
        let Some(w) = When::parse(&e.date) else {
            continue;
        };
        let end = e.end.as_deref().and_then(When::parse);
        let mut ev = vec!["BEGIN:VEVENT".to_string()];
        let uid = stable_uuid(&format!("event:{}:{}", tl.site.title, e.id));
        ev.push(format!("UID:{}", uid.trim_start_matches("urn:uuid:")));
        ev.push(format!(
            "DTSTAMP:{}",
            utc(event_updated(e, &sources, env.tz))
        ));
        if w.is_timed() {
            let Some(start) = instant(&e.date, env.tz) else {
                continue;
            };
            ev.push(format!("DTSTART:{}", utc(start)));
            if end.as_ref().is_some_and(When::is_timed)
                && let Some(t) = e.end.as_deref().and_then(|v| instant(v, env.tz))
                && t > start
            {
                ev.push(format!("DTEND:{}", utc(t)));
            }
        } else {
            let (Some(first), Some(mut last)) = (w.first_day(), w.end_day_exclusive()) else {
                continue;
            };
            if let Some(end_last) = end.as_ref().and_then(|x| x.end_day_exclusive())
                && end_last > last
            {
                last = end_last;
            }
            ev.push(format!("DTSTART;VALUE=DATE:{}", date(first)));
            ev.push(format!("DTEND;VALUE=DATE:{}", date(last)));
            ev.push("TRANSP:TRANSPARENT".into());
        }
        ev.push(format!("SUMMARY:{}", escape_text(&e.headline)));
        let mut desc = String::new();
        if !e.summary.is_empty() {
            desc.push_str(&e.summary);
            desc.push_str("\n\n");
        }
        desc.push_str(&env.locale.label("sources"));
        desc.push(':');
        for (i, c) in e.citations.iter().enumerate() {
            let s = sources.get(c.source.as_str());
            let title = s.map(|s| s.title.as_str()).unwrap_or(c.source.as_str());
            desc.push_str(&format!("\n[{}] {title}", i + 1));
            if let Some(outlet) = s.and_then(|s| s.outlet.as_deref()) {
                desc.push_str(&format!(" ({outlet})"));
            }
            desc.push_str(&format!("\n« {} »", c.quote));
            if let Some(url) = s
                .and_then(|s| s.url.as_deref())
                .and_then(super::context::safe_url)
            {
                desc.push_str(&format!("\n{url}"));
            }
        }
        for c in &e.conflicts {
            desc.push_str(&format!(
                "\n\n⚠ {}: {}",
                env.locale.label("disagree"),
                c.note
            ));
        }
        ev.push(format!("DESCRIPTION:{}", escape_text(&desc)));
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(|t| escape_text(t)).collect();
            ev.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        if let Some(url) = env.absolute(&event_page(&e.id)) {
            ev.push(format!("URL:{url}"));
        }
        ev.push("END:VEVENT".into());
        lines.extend(ev);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_on_char_boundaries() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn text_values_escape_separators() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
