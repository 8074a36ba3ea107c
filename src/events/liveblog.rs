//! Live blogs: a block or sentence that starts with a clock time and a separator ("15h25 : …",
//! "18H33 - …", "15:25 - …", "3.25pm: …") is an entry, dated to that time on the blog's day.
//!
//! The blog's day is the day of its earliest entry: the article's publication day, or the day
//! of a date heading above the entries. Entries may run oldest first or newest first (the
//! direction in which they span the least time); a step against that direction of more than [`MIDNIGHT_GAP`]
//! minutes crosses midnight, so the day moves on. A clock time inside a sentence is no marker.

use chrono::{Days, NaiveDate};

use super::value::{day, precision};
use crate::content::{Article, BlockKind};
use crate::time::{Anchor, Tense, Timex, TimexType};
use crate::timeline::Precision;

/// A step back in time (against the blog's direction) longer than this, in minutes, crosses
/// midnight; a shorter one is an entry posted out of order.
pub const MIDNIGHT_GAP: i32 = 180;
/// A date heading ("Samedi 5 mars") has at most this many words.
const HEADING_WORDS: usize = 6;

/// One entry marker: its characters in the body and its clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    start: usize,
    end: usize,
    minutes: i32,
}

/// Gives the clock time of every live-blog entry of `article` its day, in `timexes` (the
/// article's temporal expressions, resolved against `reference`, its publication day).
pub fn date_entries(article: &Article, timexes: &mut Vec<Timex>, reference: NaiveDate) {
    let chars: Vec<char> = article.body.chars().collect();
    // (position, a date heading's day) and entry markers, in body order.
    let mut headings: Vec<(usize, NaiveDate)> = Vec::new();
    let mut markers: Vec<Marker> = Vec::new();
    for b in &article.blocks {
        if matches!(b.kind, BlockKind::Boilerplate | BlockKind::Title) {
            continue;
        }
        let Some(text) = chars.get(b.start..b.end.min(chars.len())) else {
            continue;
        };
        if let Some(d) = heading_day(text, b.start, timexes) {
            headings.push((b.start, d));
            continue;
        }
        for at in sentence_starts(text) {
            if let Some((len, minutes)) = parse_marker(&text[at..]) {
                markers.push(Marker {
                    start: b.start + at,
                    end: b.start + at + len,
                    minutes,
                });
            }
        }
    }
    if markers.is_empty() {
        return;
    }
    // Runs of entries under one day heading (or under none: the publication day).
    let mut runs: Vec<(NaiveDate, Vec<Marker>)> = vec![(reference, Vec::new())];
    let mut h = 0;
    for m in markers {
        while h < headings.len() && headings[h].0 < m.start {
            runs.push((headings[h].1, Vec::new()));
            h += 1;
        }
        if let Some(run) = runs.last_mut() {
            run.1.push(m);
        }
    }
    let mut added = Vec::new();
    for (base, run) in runs {
        for (m, offset) in run.iter().zip(day_offsets(&run)) {
            let Some(d) = base.checked_add_days(Days::new(offset)) else {
                continue;
            };
            let value = format!(
                "{}T{:02}:{:02}",
                d.format("%Y-%m-%d"),
                m.minutes / 60,
                m.minutes % 60
            );
            set(timexes, &mut added, &chars, *m, value);
        }
    }
    timexes.extend(added);
    timexes.sort_by_key(|t| (t.start, t.end));
}

/// Days after the blog's day of each entry of a run, in order.
fn day_offsets(run: &[Marker]) -> Vec<u64> {
    let steps: Vec<i32> = run
        .windows(2)
        .map(|w| w[1].minutes - w[0].minutes)
        .collect();
    // The direction in which the entries span the least time, crossing midnight as needed.
    let span = |sign: i32| -> i32 { steps.iter().map(|s| (sign * s).rem_euclid(24 * 60)).sum() };
    let newest_first = span(-1) < span(1);
    // Days relative to the first entry in reading order, then shifted so that the earliest
    // entry is on the blog's day.
    let mut rel: Vec<i64> = vec![0];
    for s in &steps {
        let last = rel.last().copied().unwrap_or(0);
        let crossed = if newest_first {
            *s > MIDNIGHT_GAP
        } else {
            *s < -MIDNIGHT_GAP
        };
        let step = match (crossed, newest_first) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => -1,
        };
        rel.push(last + step);
    }
    let min = rel.iter().copied().min().unwrap_or(0);
    rel.into_iter().map(|r| (r - min) as u64).collect()
}

/// Sets the value of the timex at a marker, or adds one when the tagger did not see it.
/// (`timexes` stays sorted while markers are set: new ones wait in `added`.)
fn set(timexes: &mut [Timex], added: &mut Vec<Timex>, chars: &[char], m: Marker, value: String) {
    // The timexes that may overlap the marker, by a binary search on their sorted starts: the
    // last one starting before it, and those starting inside it (the tagger's timexes are
    // disjoint).
    let from = timexes
        .partition_point(|t| t.start < m.start)
        .saturating_sub(1);
    if let Some(t) = timexes[from..]
        .iter_mut()
        .take_while(|t| t.start < m.end)
        .find(|t| m.start < t.end)
    {
        t.value = value;
        t.kind = TimexType::Time;
        t.anchor = Anchor::Reference;
        return;
    }
    added.push(Timex {
        start: m.start,
        end: m.end,
        text: chars[m.start..m.end].iter().collect(),
        kind: TimexType::Time,
        value,
        modifier: None,
        anchor: Anchor::Reference,
        begin: None,
        weekday: None,
        tense: Tense::Present,
    });
}

/// The day a short block that is only a date names ("Samedi 5 mars", "5 March 2011").
fn heading_day(text: &[char], start: usize, timexes: &[Timex]) -> Option<NaiveDate> {
    let s: String = text.iter().collect();
    let words = s.split_whitespace().count();
    if words == 0 || words > HEADING_WORDS {
        return None;
    }
    let end = start + text.len();
    // Timexes come sorted by start from the tagger: a binary search, not a scan per block.
    let t = timexes
        .get(timexes.partition_point(|t| t.start < start)..)?
        .iter()
        .take_while(|t| t.start < end)
        .find(|t| t.end <= end)?;
    let covered = t.end - t.start;
    let letters = text.iter().filter(|c| c.is_alphanumeric()).count();
    let own = t.text.chars().filter(|c| c.is_alphanumeric()).count();
    if own * 10 < letters * 8 || covered == 0 {
        return None;
    }
    if precision(&t.value) == Some(Precision::Day) {
        day(&t.value)
    } else {
        None
    }
}

/// Where sentences may start in a block: its start, and after sentence punctuation and a space
/// (Markdown joins the lines of a scraped blog into one paragraph).
fn sentence_starts(text: &[char]) -> Vec<usize> {
    let mut out = vec![0];
    for i in 1..text.len() {
        if text[i - 1].is_whitespace()
            && !text[i].is_whitespace()
            && text[..i]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '»' | '"' | '”'))
        {
            out.push(i);
        }
    }
    out
}

/// A clock time and a separator at the start of `c` ("15h25 :", "18H33 -", "19 h 23 :",
/// "15:25 -", "3.25pm:"): its length in characters (up to the separator) and minutes since
/// midnight.
fn parse_marker(c: &[char]) -> Option<(usize, i32)> {
    let mut i = 0;
    let digits = |i: &mut usize, max: usize| {
        let s = *i;
        while *i < c.len() && c[*i].is_ascii_digit() && *i - s < max {
            *i += 1;
        }
        let n: String = c[s..*i].iter().collect();
        n.parse::<i32>().ok().map(|v| (v, *i - s))
    };
    let space = |i: &mut usize| {
        if *i < c.len() && c[*i] == ' ' {
            *i += 1;
        }
    };
    let (mut hour, _) = digits(&mut i, 2)?;
    if c.get(i).is_some_and(char::is_ascii_digit) {
        return None;
    }
    space(&mut i);
    let sep = *c.get(i)?;
    if !matches!(sep, 'h' | 'H' | ':' | '.') {
        return None;
    }
    i += 1;
    space(&mut i);
    let minutes = match digits(&mut i, 2) {
        Some((m, 2)) => m,
        // "15 h 2 :" is how some French outlets write 15:02.
        Some((m, 1)) if matches!(sep, 'h' | 'H') => m,
        None if matches!(sep, 'h' | 'H') => 0,
        _ => return None,
    };
    if c.get(i).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let rest: String = c[i..c.len().min(i + 3)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let rest = rest.trim_start();
    if rest.starts_with("pm") || rest.starts_with("am") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = rest.starts_with("pm");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        space(&mut i);
        i += 2;
    }
    if hour > 23 || minutes > 59 {
        return None;
    }
    let end = i;
    space(&mut i);
    if !matches!(c.get(i), Some(':' | '-' | '–' | '—' | '|')) {
        return None;
    }
    i += 1;
    // The separator is followed by the entry's text.
    if !c.get(i).is_some_and(|c| c.is_whitespace()) || c.get(i + 1).is_none() {
        return None;
    }
    Some((end, hour * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str) -> Option<i32> {
        let c: Vec<char> = s.chars().collect();
        parse_marker(&c).map(|(_, m)| m)
    }

    #[test]
    fn clock_times_with_a_separator_are_markers() {
        assert_eq!(
            marker("15h25 : Une centaine de riverains"),
            Some(15 * 60 + 25)
        );
        assert_eq!(marker("18H33 - Départ"), Some(18 * 60 + 33));
        assert_eq!(marker("19 h 23 : la préfète"), Some(19 * 60 + 23));
        assert_eq!(marker("15:25 - The crowd"), Some(15 * 60 + 25));
        assert_eq!(marker("3.25pm: The crowd"), Some(15 * 60 + 25));
        assert_eq!(marker("21h15: Les journalistes"), Some(21 * 60 + 15));
        assert_eq!(marker("15 h 2 : la digue"), Some(15 * 60 + 2));
        assert_eq!(marker("14 : 42 : le maire"), Some(14 * 60 + 42));
    }

    #[test]
    fn numbers_and_times_without_a_separator_are_not() {
        assert_eq!(marker("1984 : la résolution"), None);
        assert_eq!(marker("2.000 - manifestants"), None);
        assert_eq!(marker("15h25 la foule"), None);
        assert_eq!(marker("25:10 - x"), None);
        assert_eq!(marker("4.5 - y"), None);
        assert_eq!(marker("15:2 - y"), None);
    }

    fn m(minutes: i32) -> Marker {
        Marker {
            start: 0,
            end: 0,
            minutes,
        }
    }

    #[test]
    fn midnight_moves_the_day_in_either_direction() {
        let oldest_first: Vec<Marker> = [22 * 60, 23 * 60 + 30, 20, 60].map(m).to_vec();
        assert_eq!(day_offsets(&oldest_first), [0, 0, 1, 1]);
        let newest_first: Vec<Marker> = [60, 20, 23 * 60 + 30, 22 * 60].map(m).to_vec();
        assert_eq!(day_offsets(&newest_first), [1, 1, 0, 0]);
        // An entry a few minutes out of order is not a new day.
        let disorder: Vec<Marker> = [600, 630, 625, 700].map(m).to_vec();
        assert_eq!(day_offsets(&disorder), [0, 0, 0, 0]);
    }
}
