//! Temporal tagger: finds temporal expressions in text and normalises them to TIMEX3 values.
//!
//! Language knowledge (weekday and month names, number words, parts of the day, cue words) lives
//! in per-language lexicon files; this module holds the language-independent grammar.

pub mod cli;

use chrono::NaiveDate;
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

/// Tags `text` and resolves every expression against `reference` (the article date), or leaves
/// relative values underspecified when `reference` is `None`.
pub fn tag(text: &str, lang: Lang, reference: Option<NaiveDate>) -> Vec<Timex> {
    // Placeholder until the tagger lands: find nothing rather than guess.
    let _ = (text, lang, reference);
    Vec::new()
}
