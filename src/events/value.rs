//! Reading TIMEX3 values: their precision, their day, and re-resolving an underspecified weekday
//! (`XXXX-WXX-3`) against a candidate reference date.

use chrono::{Datelike, Days, NaiveDate};

use crate::time::Tense;

/// How precise a TIMEX3 date value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// A decade or century (`199`).
    Decade,
    /// A year or a season (`2023`, `2020-FA`).
    Year,
    /// A month (`2023-09`).
    Month,
    /// A day (`2023-09-20`).
    Day,
    /// A part of the day (`2023-09-19TEV`).
    PartOfDay,
    /// A clock time (`2023-09-20T11:00`).
    Clock,
}

/// Precision of a resolved date value, or `None` for anything else (durations, weeks,
/// underspecified values, `PRESENT_REF`, impossible dates such as `2023-13` or `2023-02-30`).
/// Read with the one TIMEX3 date parser, [`crate::time::value::parse`].
pub fn precision(value: &str) -> Option<Precision> {
    use crate::time::value::DateValue;
    Some(match crate::time::value::parse(value).ok()? {
        DateValue::Decade(_) => Precision::Decade,
        DateValue::Year(_) | DateValue::Season(..) => Precision::Year,
        DateValue::Month(..) => Precision::Month,
        DateValue::Day(_) => Precision::Day,
        DateValue::Part(..) => Precision::PartOfDay,
        DateValue::Clock(..) => Precision::Clock,
    })
}

/// The calendar day of a value at day precision or finer.
pub fn day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// The day of a value dated to the day or finer (`2023-09-20`, `2023-09-20T11:00`); `None` for
/// a month, a year, a week.
pub fn precise_day(value: &str) -> Option<NaiveDate> {
    precision(value)
        .filter(|p| *p >= Precision::Day)
        .and_then(|_| day(value))
}

/// Minutes since midnight of a value with a clock time (`2024-03-12T15:25` → 925).
pub fn minute_of_day(value: &str) -> Option<u32> {
    let hm = value.get(10..)?.strip_prefix('T')?;
    let (h, m) = hm.get(..5)?.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Replaces the day of `value` (keeping any time of day) with `d`.
pub fn with_day(value: &str, d: NaiveDate) -> String {
    format!("{}{}", d.format("%Y-%m-%d"), value.get(10..).unwrap_or(""))
}

/// The day a weekday (1 = Monday) names, said on `reference` in a clause of `tense`: past → the
/// latest such day on or before it, future → the next one after it, present → the one in the
/// same Monday–Sunday week.
pub fn resolve_weekday(weekday: u32, tense: Tense, reference: NaiveDate) -> Option<NaiveDate> {
    if !(1..=7).contains(&weekday) {
        return None;
    }
    let r = reference.weekday().number_from_monday();
    match tense {
        Tense::Past => reference.checked_sub_days(Days::new(u64::from((r + 7 - weekday) % 7))),
        Tense::Future => {
            let ahead = (weekday + 7 - r) % 7;
            reference.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
        Tense::Present => {
            if weekday >= r {
                reference.checked_add_days(Days::new(u64::from(weekday - r)))
            } else {
                reference.checked_sub_days(Days::new(u64::from(r - weekday)))
            }
        }
    }
}

/// Resolves an underspecified day value against `reference`: a weekday (`XXXX-WXX-3`, with the
/// timex's weekday and tense) or a day of month without a year (`XXXX-09-21`, the year that
/// puts it nearest `reference`, and on the named weekday when there is one).
pub fn resolve_unspecified(
    value: &str,
    weekday: Option<u32>,
    tense: Tense,
    reference: NaiveDate,
) -> Option<String> {
    if !value.starts_with("XXXX-") {
        return None;
    }
    let rest = &value[5..];
    if rest.starts_with("WXX-") {
        let wd = weekday.or_else(|| rest.get(4..5)?.parse().ok())?;
        let d = resolve_weekday(wd, tense, reference)?;
        return canonical(with_day(value, d));
    }
    let month: u32 = rest.get(0..2)?.parse().ok()?;
    let dom: u32 = rest.get(3..5)?.parse().ok()?;
    let mut best: Option<NaiveDate> = None;
    for y in reference.year() - 6..=reference.year() + 1 {
        let Some(d) = NaiveDate::from_ymd_opt(y, month, dom) else {
            continue;
        };
        if weekday.is_some_and(|w| d.weekday().number_from_monday() != w) {
            continue;
        }
        let dist = (d - reference).num_days().abs();
        if best.is_none_or(|b| dist < (b - reference).num_days().abs()) {
            best = Some(d);
        }
    }
    best.and_then(|d| canonical(with_day(value, d)))
}

/// A value in canonical form once its day is known: `T24:00` (kept by the tagger while the day
/// was unknown) becomes the next day at `T00:00`. A day past year 9999 is no value.
fn canonical(value: String) -> Option<String> {
    if crate::time::value::year_out_of_range(&value) {
        return None;
    }
    Some(match crate::time::value::parse(&value) {
        Ok(v) => v.to_string(),
        Err(_) => value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn precisions() {
        assert_eq!(precision("2023-09-20T11:00"), Some(Precision::Clock));
        assert_eq!(precision("2023-09-19TEV"), Some(Precision::PartOfDay));
        assert_eq!(precision("2023-09-20"), Some(Precision::Day));
        assert_eq!(precision("2023-09"), Some(Precision::Month));
        assert_eq!(precision("2020-FA"), Some(Precision::Year));
        assert_eq!(precision("199"), Some(Precision::Decade));
        assert_eq!(precision("XXXX-WXX-3"), None);
        assert_eq!(precision("P8M"), None);
        assert_eq!(precision("2023-W38"), None);
        assert_eq!(precision("2023-02-30"), None);
        assert_eq!(precision("2023-13"), None);
        assert_eq!(precision("2023-09-20Tab:cd"), None);
        assert_eq!(precision("2023-09-20T24:00"), Some(Precision::Clock));
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2023-09-21 is a Thursday.
        let thu = d("2023-09-21");
        assert_eq!(resolve_weekday(3, Tense::Past, thu), Some(d("2023-09-20")));
        assert_eq!(resolve_weekday(4, Tense::Past, thu), Some(d("2023-09-21")));
        assert_eq!(
            resolve_weekday(4, Tense::Future, d("2023-09-20")),
            Some(thu)
        );
        assert_eq!(
            resolve_weekday(2, Tense::Present, thu),
            Some(d("2023-09-19"))
        );
    }

    #[test]
    fn a_weekday_with_a_day_of_month_fixes_the_year() {
        assert_eq!(
            resolve_unspecified("XXXX-09-21", Some(4), Tense::Past, d("2026-01-01")).as_deref(),
            Some("2023-09-21")
        );
        assert_eq!(
            resolve_unspecified("XXXX-WXX-3T11:00", Some(3), Tense::Past, d("2023-09-21"))
                .as_deref(),
            Some("2023-09-20T11:00")
        );
        // `mercredi à 24h00`: the end of that Wednesday.
        assert_eq!(
            resolve_unspecified("XXXX-WXX-3T24:00", Some(3), Tense::Past, d("2023-09-21"))
                .as_deref(),
            Some("2023-09-21T00:00")
        );
        // Friday 31 December 9999 has no next Friday that a value can hold.
        assert_eq!(
            resolve_unspecified("XXXX-WXX-5", Some(5), Tense::Future, d("9999-12-31")),
            None
        );
    }

    #[test]
    fn minutes_of_day_only_for_clock_times() {
        assert_eq!(minute_of_day("2024-03-12T15:25"), Some(925));
        assert_eq!(minute_of_day("2024-03-12TMO"), None);
        assert_eq!(minute_of_day("2024-03-12"), None);
        assert_eq!(minute_of_day("XXXX-XX-XXT00:30"), Some(30));
    }
}
