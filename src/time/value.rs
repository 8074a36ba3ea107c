//! One validating parser of TIMEX3 date values, so that a value the pipeline cannot place on the
//! calendar (`2023-13`, `2023-02-30`, `2023-W54`, `garbage`) is refused where it enters (the
//! corrections file) instead of reaching `timeline.json`.
//!
//! Accepted, as the rest of the pipeline understands them: a decade `YYY`, a year `YYYY`
//! (0000–9999), a season `YYYY-SP|SU|FA|WI`, a month `YYYY-MM`, a day `YYYY-MM-DD`, and a day
//! with a part of the day (`TMO`, `TMI`, `TAF`, `TEV`, `TNI`) or a clock time `THH:MM`.
//! `T24:00` is the end of its day: it is written as the next day at `T00:00`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// What [`parse`] accepts, for messages.
pub const ACCEPTED: &str = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, a part of a day YYYY-MM-DDTMO (TMO, TMI, TAF, TEV, TNI), a season YYYY-SP (SP, SU, FA, WI) or a decade YYY, e.g. 2023-09-21T11:00";

/// Parts of the day TIMEX3 names.
const PARTS: [&str; 5] = ["MO", "MI", "AF", "EV", "NI"];
/// Seasons TIMEX3 names.
const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// A valid TIMEX3 date value; `Display` writes its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateValue {
    /// A decade (`199` for the 1990s).
    Decade(u16),
    /// A year.
    Year(u16),
    /// A season of a year.
    Season(u16, &'static str),
    /// A month.
    Month(u16, u32),
    /// A day.
    Day(NaiveDate),
    /// A part of a day.
    Part(NaiveDate, &'static str),
    /// A clock time on a day (hour 0–23).
    Clock(NaiveDate, u32, u32),
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ymd = |d: &NaiveDate| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        match self {
            DateValue::Decade(d) => write!(f, "{d:03}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Season(y, s) => write!(f, "{y:04}-{s}"),
            DateValue::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            DateValue::Day(d) => write!(f, "{}", ymd(d)),
            DateValue::Part(d, p) => write!(f, "{}T{p}", ymd(d)),
            DateValue::Clock(d, h, m) => write!(f, "{}T{h:02}:{m:02}", ymd(d)),
        }
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses a TIMEX3 date value; the error says what is wrong (not what is accepted: see
/// [`ACCEPTED`]).
pub fn parse(value: &str) -> Result<DateValue, String> {
    let v = value;
    let not_a_date = || format!("`{v}` is not a TIMEX3 date");
    if let Some(d) = digits(v, 3) {
        return Ok(DateValue::Decade(d as u16));
    }
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let mut parts = date.split('-');
    let Some(year) = parts.next().and_then(|y| digits(y, 4)) else {
        return Err(if year_out_of_range(v) {
            format!("`{v}`: years go from 0000 to 9999")
        } else {
            not_a_date()
        });
    };
    let year = year as u16;
    let Some(second) = parts.next() else {
        return match time {
            None => Ok(DateValue::Year(year)),
            Some(_) => Err(format!(
                "`{v}`: a time of day needs a full date (YYYY-MM-DD)"
            )),
        };
    };
    if let Some(s) = SEASONS.iter().find(|s| **s == second) {
        if parts.next().is_some() || time.is_some() {
            return Err(not_a_date());
        }
        return Ok(DateValue::Season(year, s));
    }
    if second.starts_with('W') {
        return Err(format!(
            "`{v}`: week values are not accepted on the timeline: give the day (YYYY-MM-DD)"
        ));
    }
    if second.starts_with('Q') || second.starts_with('H') {
        return Err(format!(
            "`{v}`: quarters and halves are not accepted on the timeline: give the month (YYYY-MM)"
        ));
    }
    let Some(month) = digits(second, 2) else {
        return Err(not_a_date());
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{v}`: there is no month {month:02} (months are 01 to 12)"
        ));
    }
    let Some(third) = parts.next() else {
        return match time {
            None => Ok(DateValue::Month(year, month)),
            Some(_) => Err(format!(
                "`{v}`: a time of day needs a full date (YYYY-MM-DD)"
            )),
        };
    };
    if parts.next().is_some() {
        return Err(not_a_date());
    }
    let Some(dom) = digits(third, 2) else {
        return Err(not_a_date());
    };
    let Some(day) = NaiveDate::from_ymd_opt(i32::from(year), month, dom) else {
        let last = (28..=31)
            .rev()
            .find(|d| NaiveDate::from_ymd_opt(i32::from(year), month, *d).is_some())
            .unwrap_or(28);
        return Err(format!(
            "`{v}`: there is no day {dom:02} in {} {year:04} (it has {last} days)",
            MONTHS[month as usize - 1]
        ));
    };
    let Some(t) = time else {
        return Ok(DateValue::Day(day));
    };
    if let Some(p) = PARTS.iter().find(|p| **p == t) {
        return Ok(DateValue::Part(day, p));
    }
    let clock = t
        .split_once(':')
        .and_then(|(h, m)| Some((digits(h, 2)?, digits(m, 2)?)));
    match clock {
        Some((h, m)) if h < 24 && m < 60 => Ok(DateValue::Clock(day, h, m)),
        // The end of the day is the start of the next one.
        Some((24, 0)) => match day.succ_opt().filter(|d| d.year() <= 9999) {
            Some(next) => Ok(DateValue::Clock(next, 0, 0)),
            None => Err(format!("`{v}`: years go from 0000 to 9999")),
        },
        Some(_) => Err(format!(
            "`{v}`: there is no time {t} (00:00 to 23:59, or 24:00)"
        )),
        None => Err(format!(
            "`{v}`: after T, expected a time HH:MM or a part of the day (TMO, TMI, TAF, TEV, TNI)"
        )),
    }
}

/// Whether a value's year (when it starts with one) is outside 0000–9999: a negative year
/// (`-001-12-29`) or one of five digits (`10001`), as shifting a date at the ends of the
/// calendar gives. Such values are dropped rather than written.
pub fn year_out_of_range(value: &str) -> bool {
    value.starts_with(['-', '+']) || value.bytes().take_while(u8::is_ascii_digit).count() > 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(v: &str) -> String {
        parse(v).unwrap_or_else(|e| panic!("{v}: {e}")).to_string()
    }

    #[test]
    fn every_accepted_form_round_trips() {
        for v in [
            "199",
            "2023",
            "0000",
            "9999",
            "2023-SU",
            "2023-09",
            "2023-09-21",
            "2024-02-29",
            "2023-09-21TEV",
            "2023-09-21T11:00",
            "2023-09-21T23:59",
        ] {
            assert_eq!(ok(v), v);
        }
    }

    #[test]
    fn midnight_at_the_end_of_a_day_is_the_next_day() {
        assert_eq!(ok("2023-09-21T24:00"), "2023-09-22T00:00");
        assert_eq!(ok("2023-12-31T24:00"), "2024-01-01T00:00");
        assert!(parse("9999-12-31T24:00").is_err());
        assert!(parse("2023-09-21T24:30").is_err());
    }

    #[test]
    fn impossible_or_foreign_values_are_refused_with_a_reason() {
        let err = |v: &str| parse(v).unwrap_err();
        assert!(err("2023-13").contains("no month 13"), "{}", err("2023-13"));
        assert!(err("2023-00").contains("no month 00"));
        assert!(err("2023-02-30").contains("no day 30 in February 2023 (it has 28 days)"));
        assert!(err("2023-02-29").contains("28 days"));
        assert!(err("2023-W54").contains("week"));
        assert!(err("2023-W38").contains("week"));
        assert!(err("2023-Q3").contains("quarter"));
        assert!(err("garbage").contains("not a TIMEX3 date"));
        assert!(err("").contains("not a TIMEX3 date"));
        assert!(err("2023-09-21T25:00").contains("no time"));
        assert!(err("2023-09-21Tab:cd").contains("after T"));
        assert!(err("2023-09T11:00").contains("full date"));
        assert!(err("10001").contains("0000 to 9999"));
        assert!(err("-001-12-29").contains("0000 to 9999"));
        assert!(err("2023-9-1").contains("not a TIMEX3 date"));
        assert!(err("XXXX-09-21").contains("not a TIMEX3 date"));
        assert!(err(" 2023").contains("not a TIMEX3 date"));
    }

    #[test]
    fn years_outside_four_digits_are_out_of_range() {
        assert!(year_out_of_range("-001-12-29"));
        assert!(year_out_of_range("10001"));
        assert!(year_out_of_range("10000-01-01"));
        assert!(year_out_of_range("+10000-01-07"));
        assert!(!year_out_of_range("9999-12-31"));
        assert!(!year_out_of_range("0000"));
        assert!(!year_out_of_range("P3D"));
        assert!(!year_out_of_range("XXXX-WXX-3"));
    }
}
