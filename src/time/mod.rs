//! Temporal tagger: finds temporal expressions in text and normalises them to TIMEX3 values.
//!
//! Language knowledge (weekday and month names, number words, parts of the day, cue words, tense
//! cues) lives in per-language lexicon files (`src/lang/<code>/time.toml`); the code holds only the
//! language-independent pipeline: `token` splits and folds the text, `lexicon` indexes the
//! phrases, `grammar` finds expressions and their meaning, `tense` reads the clause's tense,
//! `resolve` turns a meaning into a value against a [`Reference`] or the previous date.
//! The lexicons are `time.toml` in each language's folder (see [`crate::lang`]).

mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod token;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_amounts;
#[cfg(test)]
mod tests_cal;
#[cfg(test)]
mod tests_dir;
#[cfg(test)]
mod tests_fr;
#[cfg(test)]
mod tests_it;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (`2023-09-20`, `2023-09`, `199`).
    Date,
    /// A time of day (`2023-09-20T11:00`, `2023-09-19TEV`).
    Time,
    /// A length of time (`P8M`, `PT24H`).
    Duration,
    /// A recurrence (`XXXX-WXX-4`).
    Set,
}

impl TimexType {
    /// The TIMEX3 name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// What a relative expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// Absolute: needs no reference (`21 septembre 2023`).
    None,
    /// The document creation time / article date (`mardi`, `hier`).
    Reference,
    /// The last date mentioned before it in the text (`la veille`, `le lendemain`).
    Previous,
    /// Could not be resolved: no reference was known; the value is underspecified (`XXXX-WXX-2`).
    Unresolved,
}

/// Tense of the clause around an expression; decides the direction of bare weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// Past-tense clause.
    Past,
    /// Present or unknown.
    Present,
    /// Future or conditional.
    Future,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Start, in characters (Unicode scalar values) from the start of the text.
    pub start: usize,
    /// End in characters, exclusive.
    pub end: usize,
    /// The expression, verbatim.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value (`2023-09-20T11:00`, `P8M`, `XXXX-WXX-3`).
    pub value: String,
    /// TIMEX3 mod (`START`, `END`, `APPROX`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// What the value was resolved against.
    pub anchor: Anchor,
    /// For a duration that dates the start of a state (`depuis 8 mois`), that start date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub begin: Option<String>,
    /// Weekday named in the expression (1 = Monday … 7 = Sunday), kept so that an undated
    /// article can be placed once its week is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u32>,
    /// Tense of the surrounding clause.
    pub tense: Tense,
}

/// What relative expressions are resolved against: the article date at the precision known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// A full day.
    Day(NaiveDate),
    /// A month (`date 2023-09`): day-months get its year; bare weekdays stay underspecified.
    Month {
        /// Year.
        year: i32,
        /// Month, 1–12.
        month: u32,
    },
    /// A year: day-months and months get it.
    Year(i32),
    /// Nothing known: relative values stay underspecified.
    Unknown,
}

impl Reference {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a longer ISO timestamp keeps its date).
    pub fn parse(s: &str) -> Option<Reference> {
        let s = s.trim();
        let date = s.get(..10).unwrap_or(s);
        if let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            // Values stay four-digit years: a reference outside them is no reference.
            return (0..=9999).contains(&d.year()).then_some(Reference::Day(d));
        }
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        if !(0..=9999).contains(&year) {
            return None;
        }
        match parts.next() {
            None => Some(Reference::Year(year)),
            Some(m) => {
                let month: u32 = m.parse().ok()?;
                ((1..=12).contains(&month) && parts.next().is_none())
                    .then_some(Reference::Month { year, month })
            }
        }
    }

    /// The day, when known.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            Reference::Day(d) => Some(*d),
            _ => None,
        }
    }

    /// The year, when known.
    pub fn year(&self) -> Option<i32> {
        match self {
            Reference::Day(d) => Some(d.year()),
            Reference::Month { year, .. } | Reference::Year(year) => Some(*year),
            Reference::Unknown => None,
        }
    }

    /// The first day of the known period (the day itself for a day reference).
    fn first_day(&self) -> Option<NaiveDate> {
        match self {
            Reference::Day(d) => Some(*d),
            Reference::Month { year, month } => NaiveDate::from_ymd_opt(*year, *month, 1),
            Reference::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1),
            Reference::Unknown => None,
        }
    }
}

impl From<Option<NaiveDate>> for Reference {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map_or(Reference::Unknown, Reference::Day)
    }
}

/// Tags `text` and resolves every expression against `reference` (the article date), or leaves
/// relative values underspecified when `reference` is `None`.
pub fn tag(text: &str, lang: Lang, reference: Option<NaiveDate>) -> Vec<Timex> {
    tag_in(text, lang, &Reference::from(reference))
}

/// How far ahead a dated list entry may lie and still be a coming event (an agenda).
const LIST_AHEAD_DAYS: i64 = 60;

/// Whether tokens `a..b` head a line (after an optional bullet) and are followed by a colon or
/// a dash: the date of an entry in a dated list.
fn list_entry(toks: &token::Tokens, a: usize, b: usize) -> bool {
    let starts_line = |i: usize| i == 0 || toks.toks[i].newline_before;
    let bullet = a > 0 && matches!(toks.norm(a - 1), "-" | "•" | "*" | "·") && starts_line(a - 1);
    (starts_line(a) || bullet) && matches!(toks.norm(b), ":" | "-")
}

/// Whether token `a` starts a line or a sentence. Narrower than the tense boundaries: a `;` or
/// an opening quote inside an entry does not head the list.
fn starts_sentence(toks: &token::Tokens, a: usize) -> bool {
    a == 0
        || toks.toks[a].newline_before
        || matches!(toks.norm(a - 1), "." | "!" | "?" | "»" | "\"")
}

/// Whether tokens `a..b` head an entry: at the start of a sentence or a line, before a colon
/// (`22h18 : …`, `- 9 h : …`).
fn heads_entry(toks: &token::Tokens, a: usize, b: usize) -> bool {
    toks.norm(b) == ":" && (starts_sentence(toks, a) || list_entry(toks, a, b))
}

/// Whether the expression ending at token `b` ends with an `ago` word (`a year ago`).
fn ends_with_ago(toks: &token::Tokens, lex: &lexicon::Lexicon, b: usize) -> bool {
    let mut m = Vec::new();
    (b.saturating_sub(3)..b).any(|s| {
        m.clear();
        lex.matches_into(toks, s, &mut m);
        m.iter()
            .any(|&(_, e, c)| e == b && c == lexicon::Cat::W(lexicon::W::AgoAfter))
    })
}

/// Tags `text` and resolves every expression against `reference`, which may be a day, a month,
/// a year or unknown. Anaphoric expressions (`la veille`) count from the last day mentioned
/// before them, falling back to the reference.
pub fn tag_in(text: &str, lang: Lang, reference: &Reference) -> Vec<Timex> {
    let toks = token::tokenize(text);
    let lex = lexicon::get(lang);
    let found = grammar::parse(&toks, lex);
    let inside = |i: usize| {
        // `found` is sorted and disjoint: binary search for the expression covering `i`.
        let k = found.partition_point(|f| f.b <= i);
        found.get(k).is_some_and(|f| f.a <= i)
    };
    let mut prev: Option<NaiveDate> = None;
    let mut prev_end = 0usize;
    // The last day that headed a sentence or a line (`Lundi 3 mars. 9 h : accueil`).
    let mut heading_day: Option<NaiveDate> = None;
    // Last calendar value mentioned (any precision), for `the same period last year`.
    let mut last_period: Option<String> = None;
    let mut out = Vec::with_capacity(found.len());
    for (k, f) in found.iter().enumerate() {
        let (Some(first), Some(last)) = (toks.toks.get(f.a), toks.toks.get(f.b - 1)) else {
            continue;
        };
        // `22h18 : le ministre a…` heading an entry of a live blog or an agenda: the entry's
        // day is the day of the list (the last day heading a sentence, else the reference),
        // not a day that the previous entry's text happened to mention.
        let entry_time = matches!(f.sem, grammar::Sem::Time(_)) && heads_entry(&toks, f.a, f.b);
        let mut day_for_time = if entry_time { heading_day } else { prev };
        // The entry's own text then counts from that day (`la veille` in it).
        if entry_time && let Some(d) = heading_day.or_else(|| reference.day()) {
            prev = Some(d);
            prev_end = f.b;
        }
        // `vers 0 h 40, jeudi`: a bare time takes the day named right after it.
        if matches!(f.sem, grammar::Sem::Time(_))
            && let Some(g) = found.get(k + 1)
            && (f.b..g.a).all(|i| matches!(toks.norm(i), "," | "("))
            && g.a <= f.b + 1
        {
            let tense_g = || tense::tense_at(text, &toks, g.a, g.b, &lex.tense, inside);
            if let Some(d) = resolve::resolve(g, reference, prev, tense_g).day {
                day_for_time = Some(d);
            }
        }
        let mut tense_cache = None;
        let mut tense_of = || {
            *tense_cache
                .get_or_insert_with(|| tense::tense_at(text, &toks, f.a, f.b, &lex.tense, inside))
        };
        let mut modifier = f.modifier;
        // A comparison with the year before (`the year-ago quarter`, `a year ago` after a
        // quarter) does not move the period in focus: the report is still about its quarter.
        let mut keeps_focus = matches!(f.sem, grammar::Sem::FocusQuarter { years } if years < 0);
        let r = if let grammar::Sem::SamePeriod { years } = f.sem {
            resolve::same_period(years, last_period.as_deref(), reference)
        } else if let grammar::Sem::FocusQuarter { years } = f.sem {
            resolve::focus_quarter(years, last_period.as_deref(), reference)
        } else if let Some(r) =
            resolve::year_ago_quarter(&f.sem, last_period.as_deref(), reference, || {
                ends_with_ago(&toks, lex, f.b)
            })
        {
            keeps_focus = true;
            r
        } else if let Some(r) = resolve::period_anaphor(&f.sem, last_period.as_deref()) {
            r
        } else if modifier == Some(grammar::EVENT_ANCHORED) {
            modifier = None;
            // `jeudi, au lendemain du cessez-le-feu`: an event-anchored anaphor right after a
            // date in the same sentence restates that date.
            let same_sentence = prev.is_some()
                && f.a.saturating_sub(prev_end) <= 4
                && (prev_end..f.a).all(|i| !tense::is_boundary(&toks, i));
            if same_sentence
                && let grammar::Sem::Rel {
                    unit, gran, tod, ..
                } = f.sem
            {
                let g = grammar::Found {
                    sem: grammar::Sem::Rel {
                        n: 0,
                        unit,
                        gran,
                        anaphoric: true,
                        tod,
                    },
                    ..f.clone()
                };
                resolve::resolve(&g, reference, day_for_time, &mut tense_of)
            } else {
                resolve::resolve(f, reference, day_for_time, &mut tense_of)
            }
        } else {
            resolve::resolve(f, reference, day_for_time, &mut tense_of)
        };
        // Shifting a reference at the ends of the calendar (`le lendemain` of 9999-12-31) gives
        // years that TIMEX3 values cannot hold: the expression is dropped, never wrapped.
        if crate::timeline::value::year_out_of_range(&r.value) {
            continue;
        }
        let mut r = r;
        // `15 mars : …` heading a line of a dated list (a chronology, a year in review): in the
        // present tense such an entry is a past happening, unless it lies close ahead as in an
        // agenda of coming events.
        if let grammar::Sem::Cal {
            y: None,
            d: Some(_),
            dir: grammar::Dir::Auto,
            ..
        } = f.sem
            && let (Some(date), Some(rd)) = (r.day, reference.day())
            && (date - rd).num_days() > LIST_AHEAD_DAYS
            && list_entry(&toks, f.a, f.b)
            && tense_of() == Tense::Present
            && let Some(back) = date.with_year(date.year() - 1)
            && let Some(rest) = r.value.get(4..)
        {
            r.value = format!("{:04}{rest}", back.year());
            r.day = Some(back);
        }
        if r.begin
            .as_deref()
            .is_some_and(crate::timeline::value::year_out_of_range)
        {
            r.begin = None;
        }
        // A flashback (`la veille`) does not move the narrative's current day.
        let flashback = matches!(f.sem, grammar::Sem::Rel { n, anaphoric: true, .. } if n < 0);
        if r.day.is_some() && !flashback {
            prev = r.day;
            prev_end = f.b;
            if starts_sentence(&toks, f.a) && !matches!(f.sem, grammar::Sem::Time(_)) {
                heading_day = r.day;
            }
        }
        // Nor does it move the period in focus: `a year earlier`, said twice, is one year back.
        if !flashback
            && !keeps_focus
            && matches!(r.kind, TimexType::Date | TimexType::Time)
            && r.value
                .get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
        {
            last_period = Some(r.value.clone());
        }
        let tense = tense_of();
        out.push(Timex {
            start: first.start,
            end: last.end,
            text: text.get(first.bstart..last.bend).unwrap_or("").to_owned(),
            kind: r.kind,
            value: r.value,
            modifier: modifier.map(str::to_owned),
            anchor: r.anchor,
            begin: r.begin,
            weekday: r.weekday,
            tense,
        });
    }
    out
}
