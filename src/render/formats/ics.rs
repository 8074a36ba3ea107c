//! `events.ics`: the timeline as an iCalendar file (RFC 5545). Events with a clock time are
//! placed at that local time in the site's time zone (`DTSTART;TZID=…`, with a VTIMEZONE that
//! describes the zone's offsets over the years the events span, so calendar apps show the time
//! the sources gave); the others are all-day entries covering their day, month or year. Each
//! entry lists its sources.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

use super::{Format, FormatInput, event_updated, instant, stable_uuid};
use crate::render::RenderInput;
use crate::render::links::{Env, event_page};
use crate::timeline::DateValue;

/// `events.ics`.
pub struct Ics;

impl Format for Ics {
    fn path(&self) -> &'static str {
        "events.ics"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(Some(calendar(cx.input, cx.env).into_bytes()))
    }
}
use crate::timeline::Source;

/// Escapes a TEXT value (RFC 5545 §3.3.11). Every line break (CRLF, CR, LF, and the Unicode
/// line and paragraph separators) becomes the `\n` escape and other control characters a
/// space, so that no text can end its content line and start a property of its own.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URI value (RFC 5545 §3.3.13) is not TEXT: backslash escapes would change the address, so
/// every byte that is not visible ASCII (a line break above all) is percent-encoded instead.
/// `base_url` is validated when it is read; this keeps the file well-formed whatever reaches it.
pub fn uri_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if (0x21..=0x7e).contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
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

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y%m%dT%H%M%S").to_string()
}

/// `+HHMM` (or `+HHMMSS` for the odd historical offset).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Offset in seconds and whether it is daylight-saving time, at an instant.
fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), !o.dst_offset().is_zero())
}

/// A VTIMEZONE for `tz` over the years `first..=last`: the offset in force at the start, then
/// one observance per change of offset, found by scanning the zone's rules (chrono-tz has no
/// transition list). Single-onset observances need no RRULE, so the result is exact for every
/// zone, including those whose rules changed over the years.
fn vtimezone(tz: Tz, name: &str, first: i32, last: i32) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", escape_text(name)),
    ];
    let observance = |lines: &mut Vec<String>, at: DateTime<Utc>, from: i32, to: (i32, bool)| {
        let kind = if to.1 { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{kind}"));
        // DTSTART is the local time of the onset, read in the offset before it.
        let before = (at.naive_utc() + Duration::seconds(i64::from(from))).format("%Y%m%dT%H%M%S");
        lines.push(format!("DTSTART:{before}"));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(from)));
        lines.push(format!("TZOFFSETTO:{}", utc_offset(to.0)));
        lines.push(format!("END:{kind}"));
    };
    let Some(start) = Utc.with_ymd_and_hms(first, 1, 1, 0, 0, 0).single() else {
        return Vec::new();
    };
    let Some(end) = Utc
        .with_ymd_and_hms(last.saturating_add(1), 1, 1, 0, 0, 0)
        .single()
    else {
        return Vec::new();
    };
    let mut current = offset_at(tz, start);
    observance(&mut lines, start, current.0, current);
    let step = Duration::hours(6);
    let mut t = start;
    while t < end {
        let next = t + step;
        let there = offset_at(tz, next);
        if there != current {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            observance(&mut lines, hi, current.0, there);
            current = there;
        }
        t = next;
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Renders the calendar. Events whose date cannot be placed on a calendar are left out.
pub fn calendar(input: &RenderInput, env: &Env) -> String {
    let tl = &input.timeline;
    let sources: BTreeMap<&str, &Source> = tl.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Annales//Annales timeline//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&tl.site.title)),
        format!("X-WR-TIMEZONE:{}", escape_text(&input.config.timezone)),
    ];
    if !input.config.description.is_empty() {
        lines.push(format!(
            "X-WR-CALDESC:{}",
            escape_text(&input.config.description)
        ));
    }
    // The zone is described only over the years that timed events need.
    let timed_years: Vec<i32> = tl
        .events
        .iter()
        .filter(|e| e.date.is_timed())
        .flat_map(|e| [Some(&e.date), e.end.as_ref()])
        .flatten()
        .filter_map(|v| instant(v, env.tz))
        .map(|t| t.with_timezone(&env.tz).year())
        .collect();
    if let (Some(first), Some(last)) = (timed_years.iter().min(), timed_years.iter().max()) {
        lines.extend(vtimezone(env.tz, &input.config.timezone, *first, *last));
    }
    let tzid = escape_text(&input.config.timezone);
    for e in &tl.events {
        let w = &e.date;
        let end = e.end.as_ref();
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
            ev.push(format!("DTSTART;TZID={tzid}:{}", local(start, env.tz)));
            if end.is_some_and(DateValue::is_timed)
                && let Some(t) = end.and_then(|v| instant(v, env.tz))
                && t > start
            {
                ev.push(format!("DTEND;TZID={tzid}:{}", local(t, env.tz)));
            }
        } else {
            let (Some(first), Some(mut last)) = (w.first_day(), w.end_day_exclusive()) else {
                continue;
            };
            if let Some(end_last) = end.and_then(|x| x.end_day_exclusive())
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
                .and_then(crate::render::links::safe_url)
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
            ev.push(format!("URL:{}", uri_value(&url)));
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
    fn a_zone_with_daylight_saving_gets_one_observance_per_change() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let v = vtimezone(tz, "Europe/Paris", 2024, 2024);
        let text = v.join("\n");
        // Winter time at the start, then the last Sundays of March and October 2024.
        assert!(
            text.contains(
                "BEGIN:STANDARD\nDTSTART:20240101T010000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\nDTSTART:20240331T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:STANDARD\nDTSTART:20241027T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100"
            ),
            "{text}"
        );
        assert_eq!(v.iter().filter(|l| l.starts_with("BEGIN:")).count(), 4);
    }

    #[test]
    fn a_fixed_offset_zone_has_a_single_observance() {
        let tz: Tz = "Asia/Kolkata".parse().unwrap();
        let v = vtimezone(tz, "Asia/Kolkata", 2020, 2023);
        assert_eq!(v.iter().filter(|l| l.starts_with("TZOFFSETTO:")).count(), 1);
        assert!(v.contains(&"TZOFFSETTO:+0530".to_string()));
    }

    #[test]
    fn text_values_escape_separators() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn no_text_or_uri_value_can_end_its_line() {
        for s in [
            "a\r\nB:1",
            "a\rB:1",
            "a\nB:1",
            "a\u{2028}B:1",
            "a\u{85}B:1",
            "a\u{b}B",
        ] {
            let t = escape_text(s);
            assert!(
                !t.chars().any(|c| c.is_control() || c == '\u{2028}'),
                "{t:?}"
            );
        }
        assert_eq!(escape_text("a\r\nb\rc"), "a\\nb\\nc");
        assert_eq!(
            uri_value("https://x.org/a\r\nX-INJ:1 é"),
            "https://x.org/a%0D%0AX-INJ:1%20%C3%A9"
        );
        assert_eq!(uri_value("https://x.org/e/1/"), "https://x.org/e/1/");
    }
}
