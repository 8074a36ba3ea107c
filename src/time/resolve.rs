//! Resolution: turns the meaning of an expression into a TIMEX3 value against the reference
//! (article date, month or year) or the last date mentioned before it.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::grammar::{Dir, Found, Sem, Tod, YearSpec};
use super::lexicon::{Movable, Unit};
use super::{Anchor, Reference, Tense, TimexType};

/// A resolved expression.
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub anchor: Anchor,
    pub begin: Option<String>,
    pub weekday: Option<u32>,
    /// The day it denotes, when it denotes one: later anaphors count from it.
    pub day: Option<NaiveDate>,
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn tod_str(tod: Tod) -> String {
    match tod {
        Tod::None => String::new(),
        Tod::Part(p) => format!("T{p}"),
        Tod::Clock { h, m, utc } => format!("T{h:02}:{m:02}{}", if utc { "Z" } else { "" }),
    }
}

fn kind_of(tod: Tod) -> TimexType {
    if tod == Tod::None {
        TimexType::Date
    } else {
        TimexType::Time
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        d.checked_add_days(days)
    } else {
        d.checked_sub_days(days)
    }
}

/// Shifts `d` by `n` units.
fn shift(d: NaiveDate, n: i64, u: Unit) -> Option<NaiveDate> {
    match u {
        Unit::Day => add_days(d, n),
        Unit::Week | Unit::Weekend => add_days(d, n.checked_mul(7)?),
        Unit::Month => add_months(d, n),
        Unit::Quarter => add_months(d, n.checked_mul(3)?),
        Unit::Year => add_months(d, n.checked_mul(12)?),
        Unit::Decade => add_months(d, n.checked_mul(120)?),
        Unit::Century => add_months(d, n.checked_mul(1200)?),
        Unit::Hour => add_days(d, n / 24),
        Unit::Min | Unit::Sec => Some(d),
    }
}

/// Formats `d` at granularity `g`.
fn at_gran(d: NaiveDate, g: Unit) -> String {
    match g {
        Unit::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Unit::Weekend => {
            let w = d.iso_week();
            format!("{:04}-W{:02}-WE", w.year(), w.week())
        }
        Unit::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Unit::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Unit::Year => format!("{:04}", d.year()),
        Unit::Decade => format!("{:03}", d.year() / 10),
        Unit::Century => format!("{:02}", d.year() / 100),
        _ => ymd(d),
    }
}

fn unknown_at_gran(g: Unit) -> &'static str {
    match g {
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month | Unit::Quarter => "XXXX-XX",
        Unit::Year | Unit::Decade | Unit::Century => "XXXX",
        _ => "XXXX-XX-XX",
    }
}

fn res(kind: TimexType, value: String, anchor: Anchor) -> Resolved {
    Resolved {
        kind,
        value,
        anchor,
        begin: None,
        weekday: None,
        day: None,
    }
}

/// How far tense may push a day-month or month away from the reference.
const MAX_TENSE_SHIFT_DAYS: i64 = 300;

/// Picks among candidate dates by direction: explicit cue first, then tense.
fn pick(cands: &[NaiveDate], r: NaiveDate, dir: Dir, tense: Tense) -> Option<NaiveDate> {
    let before = |strict: bool| {
        cands
            .iter()
            .copied()
            .filter(|&c| if strict { c < r } else { c <= r })
            .max()
    };
    let after = |strict: bool| {
        cands
            .iter()
            .copied()
            .filter(|&c| if strict { c > r } else { c >= r })
            .min()
    };
    let nearest = || {
        cands
            .iter()
            .copied()
            .min_by_key(|&c| ((c - r).num_days().abs(), c > r))
    };
    // Tense only overrides proximity within a few months: news rarely looks further away.
    let close =
        |c: Option<NaiveDate>| c.filter(|&c| (c - r).num_days().abs() <= MAX_TENSE_SHIFT_DAYS);
    match dir {
        Dir::Last => before(true),
        Dir::Next => after(true),
        _ => match tense {
            Tense::Past => close(before(false)).or_else(nearest),
            Tense::Future => close(after(false)).or_else(nearest),
            Tense::Present => nearest(),
        },
    }
}

/// Resolves `f`. `prev` is the last day mentioned before it; `tense` is computed on demand.
pub(crate) fn resolve(
    f: &Found,
    r: &Reference,
    prev: Option<NaiveDate>,
    tense: impl FnOnce() -> Tense,
) -> Resolved {
    end_of_day(resolve_sem(f, r, prev, tense))
}

/// `à 24h00` on day D is the end of D, which is D + 1 at 00:00: written so, every reader of the
/// value places it on the right day (an unresolved day keeps the legal `T24:00`).
fn end_of_day(mut out: Resolved) -> Resolved {
    let Some(head) = out
        .value
        .strip_suffix("T24:00")
        .or_else(|| out.value.strip_suffix("T24:00Z"))
    else {
        return out;
    };
    let utc = out.value.ends_with('Z');
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
        && head.len() == 10
        && let Some(next) = d.succ_opt()
    {
        out.value = format!("{}T00:00{}", ymd(next), if utc { "Z" } else { "" });
        if out.day.is_some() {
            out.day = Some(next);
        }
    }
    out
}

fn resolve_sem(
    f: &Found,
    r: &Reference,
    prev: Option<NaiveDate>,
    tense: impl FnOnce() -> Tense,
) -> Resolved {
    match &f.sem {
        Sem::Cal {
            y,
            m,
            d,
            wd,
            dir,
            tod,
        } => cal(*y, *m, *d, *wd, *dir, *tod, r, tense),
        Sem::Weekday { wd, dir, tod } => weekday(*wd, *dir, *tod, r, prev, tense),
        Sem::MonthOfYear { m, n } => match r.year() {
            Some(y) => res(
                TimexType::Date,
                format!("{:04}-{m:02}", i64::from(y) + n),
                Anchor::Reference,
            ),
            None => res(TimexType::Date, format!("XXXX-{m:02}"), Anchor::Unresolved),
        },
        Sem::Rel {
            n,
            unit,
            gran,
            anaphoric,
            tod,
        } => {
            let (base, anchor) = if *anaphoric && let Some(p) = prev {
                (Some(p), Anchor::Previous)
            } else {
                (r.day(), Anchor::Reference)
            };
            let base = base.or_else(|| {
                // A month or year reference still fixes coarse relative expressions.
                if matches!(gran, Unit::Month | Unit::Year | Unit::Quarter) && !*anaphoric {
                    r.first_day()
                } else {
                    None
                }
            });
            let coarse_ok = match r {
                Reference::Day(_) => true,
                Reference::Month { .. } => matches!(gran, Unit::Month | Unit::Year | Unit::Quarter),
                Reference::Year(_) => *gran == Unit::Year,
                Reference::Unknown => false,
            };
            // `ce week-end` in a past clause written on a weekday: the weekend just gone.
            let mut n = *n;
            if *gran == Unit::Weekend
                && n == 0
                && anchor == Anchor::Reference
                && base.is_some_and(|b| b.weekday().number_from_monday() <= 5)
                && tense() == Tense::Past
            {
                n = -1;
            }
            match base.and_then(|b| shift(b, n, *unit)) {
                Some(d) if coarse_ok || anchor == Anchor::Previous => {
                    let mut v = at_gran(d, *gran);
                    v.push_str(&tod_str(*tod));
                    let mut out = res(kind_of(*tod), v, anchor);
                    if *gran == Unit::Day {
                        out.day = Some(d);
                    }
                    out
                }
                _ => {
                    let mut v = unknown_at_gran(*gran).to_owned();
                    v.push_str(&tod_str(*tod));
                    res(kind_of(*tod), v, Anchor::Unresolved)
                }
            }
        }
        Sem::Time(tod) => {
            let (base, anchor) = match (prev, r.day()) {
                (Some(p), _) => (Some(p), Anchor::Previous),
                (None, Some(d)) => (Some(d), Anchor::Reference),
                (None, None) => (None, Anchor::Unresolved),
            };
            let day = base.map_or_else(|| "XXXX-XX-XX".to_owned(), ymd);
            res(TimexType::Time, format!("{day}{}", tod_str(*tod)), anchor)
        }
        Sem::Season { y, s } => {
            let y = match (*y, r.first_day()) {
                (YearSpec::Near, Some(d)) => match tense() {
                    Tense::Present => YearSpec::Generic,
                    // Told in the past, a season that begins after the reference month is
                    // the one of the year before.
                    Tense::Past if season_start(s).is_some_and(|m| m > d.month()) => {
                        YearSpec::Rel(-1)
                    }
                    _ => YearSpec::Rel(0),
                },
                (YearSpec::Near, None) => YearSpec::Generic,
                (y, _) => y,
            };
            let (year, anchor) = year_spec(y, r);
            res(TimexType::Date, format!("{year}-{s}"), anchor)
        }
        Sem::Quarter { y, q } => {
            if *q < 0 {
                return last_completed_quarter(r, 0);
            }
            let mut y = *y;
            // `the fourth quarter` in a past clause: the last such quarter that has begun.
            if y == YearSpec::Rel(0)
                && let Some(d) = r.day()
                && i64::from((d.month() - 1) / 3 + 1) < *q
                && tense() == Tense::Past
            {
                y = YearSpec::Rel(-1);
            }
            let (year, anchor) = year_spec(y, r);
            res(TimexType::Date, format!("{year}-Q{q}"), anchor)
        }
        Sem::Duration { value, since } => {
            let mut out = res(TimexType::Duration, value.clone(), Anchor::None);
            if let (Some((n, u)), Some(d)) = (since, r.day())
                && n.fract() == 0.0
                && let Some(b) = shift(d, -(*n as i64), *u)
            {
                let g = match u {
                    Unit::Month | Unit::Quarter => Unit::Month,
                    Unit::Year | Unit::Decade | Unit::Century => Unit::Year,
                    _ => Unit::Day,
                };
                out.begin = Some(at_gran(b, g));
                out.anchor = Anchor::Reference;
            }
            out
        }
        Sem::Movable { rule, y, dir } => movable(*rule, *y, *dir, r, tense),
        Sem::Set(v) => res(TimexType::Set, v.clone(), Anchor::None),
        Sem::Literal(v) => res(TimexType::Date, v.clone(), Anchor::None),
        // Needs the last mentioned period: see `same_period`.
        Sem::SamePeriod { years } => same_period(*years, None, r),
        Sem::FocusQuarter { years } => focus_quarter(*years, None, r),
    }
}

/// The month a season's value begins in (`SU`: June); none for winter, which spans the turn
/// of the year.
fn season_start(s: &str) -> Option<u32> {
    use crate::timeline::Season;
    Season::from_code(s)
        .filter(|s| *s != Season::Winter)
        .map(Season::first_month)
}

fn year_spec(y: YearSpec, r: &Reference) -> (String, Anchor) {
    match y {
        YearSpec::Abs(y) => (format!("{y:04}"), Anchor::None),
        YearSpec::Generic | YearSpec::Near => ("XXXX".to_owned(), Anchor::None),
        YearSpec::Rel(n) => match r.year() {
            Some(ry) => (format!("{:04}", i64::from(ry) + n), Anchor::Reference),
            None => ("XXXX".to_owned(), Anchor::Unresolved),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn cal(
    y: Option<i32>,
    m: u32,
    d: Option<u32>,
    wd: Option<u32>,
    dir: Dir,
    tod: Tod,
    r: &Reference,
    tense: impl FnOnce() -> Tense,
) -> Resolved {
    let kind = kind_of(tod);
    let t = tod_str(tod);
    // An impossible day (`31 février`, `February 30, 2023`) is not a date: only its month is
    // kept, so no value names a day that does not exist. A day that exists in some years only
    // (29 February) is checked against the year once it is known.
    let d = d.filter(|&d| NaiveDate::from_ymd_opt(2000, m, d).is_some());
    match (y, d) {
        (Some(y), Some(d)) => match NaiveDate::from_ymd_opt(y, m, d) {
            Some(date) => Resolved {
                kind,
                value: format!("{}{t}", ymd(date)),
                anchor: Anchor::None,
                begin: None,
                weekday: wd,
                day: Some(date),
            },
            None => res(TimexType::Date, format!("{y:04}-{m:02}"), Anchor::None),
        },
        (Some(y), None) => res(TimexType::Date, format!("{y:04}-{m:02}"), Anchor::None),
        (None, Some(d)) => {
            let (pivot, exact) = match r {
                Reference::Day(rd) => (Some(*rd), true),
                Reference::Month { year, month } => {
                    (NaiveDate::from_ymd_opt(*year, *month, 15), false)
                }
                Reference::Year(_) | Reference::Unknown => (None, false),
            };
            let chosen = if let Some(p) = pivot {
                let mut cands: Vec<NaiveDate> = (p.year() - 1..=p.year() + 1)
                    .filter_map(|yy| NaiveDate::from_ymd_opt(yy, m, d))
                    .collect();
                if let Some(w) = wd {
                    let same: Vec<NaiveDate> = cands
                        .iter()
                        .copied()
                        .filter(|c| c.weekday().number_from_monday() == w)
                        .collect();
                    if !same.is_empty() {
                        cands = same;
                    }
                }
                let tense = if exact { tense() } else { Tense::Present };
                pick(&cands, p, dir, tense)
            } else if let Reference::Year(yy) = r {
                NaiveDate::from_ymd_opt(*yy, m, d)
            } else {
                None
            };
            match chosen {
                Some(date) => Resolved {
                    kind,
                    value: format!("{}{t}", ymd(date)),
                    anchor: Anchor::Reference,
                    begin: None,
                    weekday: wd,
                    day: Some(date),
                },
                None => Resolved {
                    kind,
                    value: format!("XXXX-{m:02}-{d:02}{t}"),
                    anchor: Anchor::Unresolved,
                    begin: None,
                    weekday: wd,
                    day: None,
                },
            }
        }
        (None, None) => {
            let Some(first) = r.first_day() else {
                return res(TimexType::Date, format!("XXXX-{m:02}"), Anchor::Unresolved);
            };
            if let Reference::Year(yy) = r {
                return res(
                    TimexType::Date,
                    format!("{yy:04}-{m:02}"),
                    Anchor::Reference,
                );
            }
            let p = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
            let cands: Vec<NaiveDate> = (p.year() - 1..=p.year() + 1)
                .filter_map(|yy| NaiveDate::from_ymd_opt(yy, m, 1))
                .collect();
            let tense = if matches!(r, Reference::Day(_)) {
                tense()
            } else {
                Tense::Present
            };
            match pick(&cands, p, dir, tense) {
                Some(c) => res(
                    TimexType::Date,
                    format!("{:04}-{m:02}", c.year()),
                    Anchor::Reference,
                ),
                None => res(TimexType::Date, format!("XXXX-{m:02}"), Anchor::Unresolved),
            }
        }
    }
}

fn weekday(
    wd: u32,
    dir: Dir,
    tod: Tod,
    r: &Reference,
    prev: Option<NaiveDate>,
    tense: impl FnOnce() -> Tense,
) -> Resolved {
    let kind = kind_of(tod);
    let t = tod_str(tod);
    // `ce même lundi`: the Monday just mentioned.
    if dir == Dir::Same
        && let Some(p) = prev.filter(|p| p.weekday().number_from_monday() == wd)
    {
        return Resolved {
            kind,
            value: format!("{}{t}", ymd(p)),
            anchor: Anchor::Previous,
            begin: None,
            weekday: Some(wd),
            day: Some(p),
        };
    }
    let Reference::Day(rd) = r else {
        let mut out = res(kind, format!("XXXX-WXX-{wd}{t}"), Anchor::Unresolved);
        out.weekday = Some(wd);
        return out;
    };
    let rw = i64::from(rd.weekday().number_from_monday());
    let w = i64::from(wd);
    let back = (rw - w).rem_euclid(7);
    let fwd = (w - rw).rem_euclid(7);
    let offset = match dir {
        Dir::This | Dir::Same => w - rw,
        Dir::Last => -(if back == 0 { 7 } else { back }),
        Dir::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::Auto => match tense() {
            Tense::Past => -back,
            // Announced the same day: `talks will begin on Monday` written on a Monday.
            Tense::Future => fwd,
            Tense::Present => {
                if back <= fwd {
                    -back
                } else {
                    fwd
                }
            }
        },
    };
    let date = add_days(*rd, offset).unwrap_or(*rd);
    Resolved {
        kind,
        value: format!("{}{t}", ymd(date)),
        anchor: Anchor::Reference,
        begin: None,
        weekday: Some(wd),
        day: Some(date),
    }
}

/// `the same month a year ago`: the last period mentioned (`2009-01`), `years` years away;
/// without one, the reference's year.
pub(crate) fn same_period(years: i64, last: Option<&str>, r: &Reference) -> Resolved {
    if let Some(v) = last
        && let Some(y) = v.get(..4).and_then(|y| y.parse::<i64>().ok())
    {
        let rest = v.get(4..).unwrap_or("");
        return res(
            TimexType::Date,
            format!("{:04}{rest}", y + years),
            Anchor::Previous,
        );
    }
    match r.year() {
        Some(y) => res(
            TimexType::Date,
            format!("{:04}", i64::from(y) + years),
            Anchor::Reference,
        ),
        None => res(TimexType::Date, "XXXX".to_owned(), Anchor::Unresolved),
    }
}

/// The quarter of a period value (`1989-Q3` gives (1989, 3)).
fn quarter_of(v: &str) -> Option<(i64, u32)> {
    let (y, q) = v.split_once("-Q")?;
    let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((y.parse().ok()?, q))
}

/// The last quarter completed before the reference (`last quarter`), `years` years away; a
/// bare year says too little to know which.
fn last_completed_quarter(r: &Reference, years: i64) -> Resolved {
    match r.first_day() {
        Some(d) if !matches!(r, Reference::Year(_)) => {
            let d = add_months(d, -3).unwrap_or(d);
            let q = (d.month() - 1) / 3 + 1;
            res(
                TimexType::Date,
                format!("{:04}-Q{q}", i64::from(d.year()) + years),
                Anchor::Reference,
            )
        }
        _ => res(TimexType::Date, "XXXX-QX".to_owned(), Anchor::Unresolved),
    }
}

/// `the latest quarter`, `the year-ago period`: the quarter last mentioned (a results report
/// names it first: `third-quarter profit`), `years` years away; without one, the last quarter
/// completed before the reference, which is what a report published then is about.
pub(crate) fn focus_quarter(years: i64, last: Option<&str>, r: &Reference) -> Resolved {
    match last.and_then(quarter_of) {
        Some((y, q)) => res(
            TimexType::Date,
            format!("{:04}-Q{q}", y + years),
            Anchor::Previous,
        ),
        None => last_completed_quarter(r, years),
    }
}

/// `a year ago` in a results report, right after its quarter (`third-quarter profit rose 19%
/// from a year ago`): the same quarter a year before, not the whole year. Only when the
/// quarter in focus is the reference's own or the one before, as in such reports.
pub(crate) fn year_ago_quarter(
    sem: &Sem,
    last: Option<&str>,
    r: &Reference,
    ends_with_ago: impl FnOnce() -> bool,
) -> Option<Resolved> {
    let Sem::Rel {
        n,
        unit: Unit::Year,
        gran: Unit::Year,
        anaphoric: false,
        tod: Tod::None,
    } = sem
    else {
        return None;
    };
    let (y, q) = last.and_then(quarter_of)?;
    let ry = i64::from(r.year()?);
    // `last year` in such a report is as often the whole year as its quarter: left alone.
    if *n >= 0 || !(ry - 1..=ry).contains(&y) || !ends_with_ago() {
        return None;
    }
    Some(res(
        TimexType::Date,
        format!("{:04}-Q{q}", y.checked_add(*n)?),
        Anchor::Reference,
    ))
}

/// `the following year`, `two years later`, `le mois précédent`: a year or month counted from
/// the period in focus (the last calendar value mentioned, whatever its precision: `in 1995`
/// then `the following year`), not from the last full day nor the article date. `None` when
/// it is no such anaphor or the period in focus lacks the precision.
pub(crate) fn period_anaphor(sem: &Sem, last: Option<&str>) -> Option<Resolved> {
    let Sem::Rel {
        n,
        unit,
        gran,
        anaphoric: true,
        tod: Tod::None,
    } = sem
    else {
        return None;
    };
    let last = last?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let y: i64 = last.get(..4).filter(|y| digits(y))?.parse().ok()?;
    match (unit, gran) {
        (Unit::Year, Unit::Year) => {
            // `a year earlier` after a quarter's results: the same quarter that year.
            let rest = last
                .get(4..)
                .filter(|r| r.len() == 3 && r.starts_with("-Q"))
                .unwrap_or("");
            Some(res(
                TimexType::Date,
                format!("{:04}{rest}", y.checked_add(*n)?),
                Anchor::Previous,
            ))
        }
        (Unit::Month, Unit::Month) => {
            let m: u32 = last
                .get(4..5)
                .filter(|&d| d == "-")
                .and(last.get(5..7))
                .filter(|m| digits(m))?
                .parse()
                .ok()?;
            let d = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, 1)?;
            let d = add_months(d, *n)?;
            Some(res(
                TimexType::Date,
                at_gran(d, Unit::Month),
                Anchor::Previous,
            ))
        }
        _ => None,
    }
}

/// A movable holiday: its day in the year given, or, without one, the candidate around the
/// reference that the direction or the tense picks, as for a day-month.
fn movable(
    rule: Movable,
    y: Option<i32>,
    dir: Dir,
    r: &Reference,
    tense: impl FnOnce() -> Tense,
) -> Resolved {
    let day = match (y, r) {
        (Some(y), _) => rule.in_year(y).map(|d| (d, Anchor::None)),
        (None, Reference::Day(rd)) => {
            let cands: Vec<NaiveDate> = (-1..=1)
                .filter_map(|k| rule.in_year(rd.year() + k))
                .collect();
            pick(&cands, *rd, dir, tense()).map(|d| (d, Anchor::Reference))
        }
        (None, _) => r
            .year()
            .and_then(|y| rule.in_year(y))
            .map(|d| (d, Anchor::Reference)),
    };
    match day {
        Some((d, anchor)) => {
            let mut out = res(TimexType::Date, ymd(d), anchor);
            out.day = Some(d);
            out
        }
        None => res(TimexType::Date, "XXXX-XX-XX".to_owned(), Anchor::Unresolved),
    }
}
