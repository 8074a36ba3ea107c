//! Grammar: finds temporal expressions in a token stream and describes what they mean, before
//! any reference date is applied. Every rule speaks of word classes from the lexicon, never of
//! words, so one grammar serves every language.

mod amounts;
mod calendar;
mod clock;
mod helpers;
mod relative;

use calendar::roman_ordinal;

use super::lexicon::{Cat, Lexicon, Movable, Unit};
use super::token::{Kind, Tokens};

/// Direction asked for by a cue word (`dernier`, `next`, `ce`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// No cue: the tense decides.
    Auto,
    /// Strictly before the reference.
    Last,
    /// Strictly after the reference.
    Next,
    /// In the reference's own period.
    This,
    /// The one just mentioned (`ce même lundi`).
    Same,
}

/// Time of day attached to a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tod {
    None,
    Part(&'static str),
    Clock { h: u32, m: u32, utc: bool },
}

/// Year of a season or quarter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum YearSpec {
    Abs(i32),
    Rel(i64),
    Generic,
    /// `the summer` in a narrative: the reference's, unless a past clause puts it before
    /// (`the spring` told in March is last year's); generic in a present-tense statement.
    Near,
}

/// The meaning of an expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date or month, the year possibly left to infer.
    Cal {
        y: Option<i32>,
        m: u32,
        d: Option<u32>,
        wd: Option<u32>,
        dir: Dir,
        tod: Tod,
    },
    /// A month of a year given relative to the reference (`October of next year`).
    MonthOfYear { m: u32, n: i64 },
    /// A bare weekday.
    Weekday { wd: u32, dir: Dir, tod: Tod },
    /// `n` units from the reference (or from the previous date when anaphoric), given at the
    /// granularity `gran`.
    Rel {
        n: i64,
        unit: Unit,
        gran: Unit,
        anaphoric: bool,
        tod: Tod,
    },
    /// A time of day on the day under discussion.
    Time(Tod),
    /// A season.
    Season { y: YearSpec, s: &'static str },
    /// A quarter (`q` = -1: the last completed one).
    Quarter { y: YearSpec, q: i64 },
    /// A duration; `since` when it dates the start of a state (`depuis 8 mois`).
    Duration {
        value: String,
        since: Option<(f64, Unit)>,
    },
    /// A holiday whose day moves (`Pâques`, `Thanksgiving`), the year possibly left to infer.
    Movable {
        rule: Movable,
        y: Option<i32>,
        dir: Dir,
    },
    /// A recurrence.
    Set(String),
    /// A value that needs no reference (`1991`, `199`, `PRESENT_REF`).
    Literal(String),
    /// The period last mentioned, shifted by whole years (`the same month a year ago`).
    SamePeriod { years: i64 },
    /// The quarter in focus (the last one mentioned, else the last completed one), shifted by
    /// whole years: `the latest quarter`, `the year-ago period` in a results report.
    FocusQuarter { years: i64 },
}

/// An expression: token range `a..b`, meaning and TIMEX3 mod.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub a: usize,
    pub b: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

/// Internal marker (never output) for an anaphor counted from an event (`la veille de l'élection`).
pub(crate) const EVENT_ANCHORED: &str = "EVENT";

fn found(a: usize, b: usize, sem: Sem) -> Option<Found> {
    Some(Found {
        a,
        b,
        sem,
        modifier: None,
    })
}

/// Finds the expressions of `t`, left to right, longest match first, never overlapping.
pub(crate) fn parse(t: &Tokens, lex: &Lexicon) -> Vec<Found> {
    let p = Parser::new(t, lex);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if p.off[i] == p.off[i + 1]
            && t.toks[i].kind != Kind::Num
            && t.norm(i) != "'"
            && roman_ordinal(t.norm(i)).is_none()
        {
            i += 1;
            continue;
        }
        match p.best(i) {
            Some(f) if f.b > f.a && f.a >= i => {
                i = f.b;
                out.push(f);
            }
            _ => i += 1,
        }
    }
    out
}

struct Parser<'a> {
    t: &'a Tokens,
    lex: &'a Lexicon,
    m: Vec<(usize, usize, Cat)>,
    off: Vec<usize>,
    /// Per token, one bit per word class (`W`) that has a phrase starting there.
    wmask: Vec<u64>,
}

type Rule<'a> = fn(&Parser<'a>, usize) -> Option<Found>;

impl<'a> Parser<'a> {
    fn new(t: &'a Tokens, lex: &'a Lexicon) -> Self {
        let mut m = Vec::new();
        let mut off = Vec::with_capacity(t.len() + 1);
        let mut wmask = Vec::with_capacity(t.len());
        for i in 0..t.len() {
            let from = m.len();
            off.push(from);
            lex.matches_into(t, i, &mut m);
            let mask = m[from..].iter().fold(0u64, |acc, &(_, _, c)| match c {
                Cat::W(w) => acc | 1u64 << w as u32,
                _ => acc,
            });
            wmask.push(mask);
        }
        off.push(m.len());
        Parser {
            t,
            lex,
            m,
            off,
            wmask,
        }
    }

    fn best(&self, i: usize) -> Option<Found> {
        let rules: [Rule<'a>; 26] = [
            Self::p_same_period,
            Self::p_focus_quarter,
            Self::p_frequency,
            Self::p_mod,
            Self::p_date,
            Self::p_numeric,
            Self::p_month,
            Self::p_decade,
            Self::p_century,
            Self::p_season,
            Self::p_quarter,
            Self::p_relday,
            Self::p_rel_unit,
            Self::p_ago,
            Self::p_anaphor,
            Self::p_time,
            Self::p_duration,
            Self::p_stopwatch,
            Self::p_set,
            Self::p_year,
            Self::p_part,
            Self::p_ref,
            Self::p_in,
            Self::p_holiday,
            Self::p_weekend,
            Self::p_day_list,
        ];
        let mut best: Option<Found> = None;
        for r in rules {
            if let Some(f) = r(self, i)
                && best.as_ref().is_none_or(|b| f.b > b.b)
            {
                best = Some(f);
            }
        }
        best
    }
}
