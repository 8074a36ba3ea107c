//! Temporal tagger: finds temporal expressions in text and normalises them to TIMEX3 values.
//!
//! Language knowledge (weekday and month names, number words, parts of the day, cue words) lives
//! in per-language lexicon files; this module holds the language-independent grammar.

pub mod cli;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod token;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Languages the tagger knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Parses a language code (`fr`, `fr-FR`, `en`, `en-GB`, case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let base = c.split(['-', '_']).next().unwrap_or("");
        match base {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

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
            return Some(Reference::Day(d));
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
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let (Some(first), Some(last)) = (toks.toks.get(f.a), toks.toks.get(f.b - 1)) else {
            continue;
        };
        let mut tense_cache = None;
        let mut tense_of = || {
            *tense_cache
                .get_or_insert_with(|| tense::tense_at(text, &toks, f.a, f.b, &lex.tense, &inside))
        };
        let r = resolve::resolve(f, reference, prev, &mut tense_of);
        if r.day.is_some() {
            prev = r.day;
        }
        let tense = tense_of();
        out.push(Timex {
            start: first.start,
            end: last.end,
            text: text.get(first.bstart..last.bend).unwrap_or("").to_owned(),
            kind: r.kind,
            value: r.value,
            modifier: f.modifier.map(str::to_owned),
            anchor: r.anchor,
            begin: r.begin,
            weekday: r.weekday,
            tense,
        });
    }
    out
}
