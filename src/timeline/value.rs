//! The one TIMEX3 date value of the model: parsed once, where a value enters (the tagger's
//! output becoming an event, the corrections file, `timeline.json` read back), then carried
//! typed through merging and rendering. A value the pipeline cannot place on the calendar
//! (`2023-13`, `2023-02-30`, `2023-W54`, `garbage`) is refused where it enters instead of
//! reaching `timeline.json`.
//!
//! Accepted: a century `YY`, a decade `YYY`, a year `YYYY` (0000–9999), a season
//! `YYYY-SP|SU|FA|WI`, a month `YYYY-MM`, a day `YYYY-MM-DD`, and a day with a part of the day
//! (`TMO`, `TMI`, `TAF`, `TEV`, `TNI`) or a clock time `THH:MM`. `T24:00` is the end of its day:
//! it is written as the next day at `T00:00`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What [`DateValue::parse`] accepts, for messages.
pub const ACCEPTED: &str = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, a part of a day YYYY-MM-DDTMO (TMO, TMI, TAF, TEV, TNI), a season YYYY-SP (SP, SU, FA, WI), a decade YYY or a century YY, e.g. 2023-09-21T11:00";

/// A season, as TIMEX3 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`.
    Spring,
    /// `SU`.
    Summer,
    /// `FA`.
    Fall,
    /// `WI`.
    Winter,
}

impl Season {
    const ALL: [Season; 4] = [Season::Spring, Season::Summer, Season::Fall, Season::Winter];

    /// The TIMEX3 code (`SP`, `SU`, `FA`, `WI`), also the key of the locales' season labels.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season of a TIMEX3 code (`SU`).
    pub fn from_code(code: &str) -> Option<Season> {
        Season::ALL.into_iter().find(|s| s.code() == code)
    }

    /// First month, as meteorological seasons count (autumn from September).
    pub fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// A part of the day, as TIMEX3 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    /// `MO`.
    Morning,
    /// `MI`.
    Midday,
    /// `AF`.
    Afternoon,
    /// `EV`.
    Evening,
    /// `NI`.
    Night,
}

impl PartOfDay {
    const ALL: [PartOfDay; 5] = [
        PartOfDay::Morning,
        PartOfDay::Midday,
        PartOfDay::Afternoon,
        PartOfDay::Evening,
        PartOfDay::Night,
    ];

    /// The TIMEX3 code (`MO`, `MI`, `AF`, `EV`, `NI`), also the key of the locales' labels.
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }

    /// Usual start, for sorting among clock times and for calendars.
    pub fn start(self) -> (u32, u32) {
        match self {
            PartOfDay::Morning => (8, 0),
            PartOfDay::Midday => (12, 0),
            PartOfDay::Afternoon => (15, 0),
            PartOfDay::Evening => (19, 0),
            PartOfDay::Night => (22, 0),
        }
    }
}

/// How precise a date value is, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `19`: a century.
    Century,
    /// `199`: a decade.
    Decade,
    /// `2023`.
    Year,
    /// `2020-FA`: a season.
    Season,
    /// `2023-09`.
    Month,
    /// `2023-09-20`.
    Day,
    /// `2023-09-20TEV`: a part of a day.
    PartOfDay,
    /// `2023-09-20T11:00`.
    Minute,
}

impl Precision {
    /// Lower-case name for templates (`day`, `month`…).
    pub fn name(self) -> &'static str {
        match self {
            Precision::Century => "century",
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Season => "season",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::PartOfDay => "part-of-day",
            Precision::Minute => "minute",
        }
    }
}

/// A valid TIMEX3 date value; `Display` writes its canonical form, which is also how it is
/// serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// A century (`19` for 1900–1999).
    Century(u16),
    /// A decade (`199` for the 1990s).
    Decade(u16),
    /// A year.
    Year(u16),
    /// A season of a year.
    Season(u16, Season),
    /// A month (1–12) of a year.
    Month(u16, u32),
    /// A day.
    Day(NaiveDate),
    /// A part of a day.
    Part(NaiveDate, PartOfDay),
    /// A clock time on a day (hour 0–23, minute 0–59).
    Clock(NaiveDate, u32, u32),
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ymd = |d: &NaiveDate| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        let s = match self {
            DateValue::Century(c) => format!("{c:02}"),
            DateValue::Decade(d) => format!("{d:03}"),
            DateValue::Year(y) => format!("{y:04}"),
            DateValue::Season(y, s) => format!("{y:04}-{}", s.code()),
            DateValue::Month(y, m) => format!("{y:04}-{m:02}"),
            DateValue::Day(d) => ymd(d),
            DateValue::Part(d, p) => format!("{}T{}", ymd(d), p.code()),
            DateValue::Clock(d, h, m) => format!("{}T{h:02}:{m:02}", ymd(d)),
        };
        // `pad`, so that a width (`{:<17}` in the build report) applies.
        f.pad(&s)
    }
}

/// A value equals the text of its canonical form (`DateValue::Day(..) == "2023-09-20"`), so
/// that code and tests reading `timeline.json` can compare with what the file says.
impl PartialEq<str> for DateValue {
    fn eq(&self, other: &str) -> bool {
        let text = self.to_string();
        text == other
    }
}

impl PartialEq<&str> for DateValue {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl FromStr for DateValue {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        DateValue::parse(s)
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateValue::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl DateValue {
    /// Parses a TIMEX3 date value; the error says what is wrong (not what is accepted: see
    /// [`ACCEPTED`]).
    pub fn parse(value: &str) -> Result<DateValue, String> {
        parse(value)
    }

    /// How precise the value is.
    pub fn precision(&self) -> Precision {
        match self {
            DateValue::Century(_) => Precision::Century,
            DateValue::Decade(_) => Precision::Decade,
            DateValue::Year(_) => Precision::Year,
            DateValue::Season(..) => Precision::Season,
            DateValue::Month(..) => Precision::Month,
            DateValue::Day(_) => Precision::Day,
            DateValue::Part(..) => Precision::PartOfDay,
            DateValue::Clock(..) => Precision::Minute,
        }
    }

    /// The first year covered (1990 for the decade `199`, 1900 for the century `19`).
    pub fn year(&self) -> i32 {
        match *self {
            DateValue::Century(c) => i32::from(c) * 100,
            DateValue::Decade(d) => i32::from(d) * 10,
            DateValue::Year(y) | DateValue::Season(y, _) | DateValue::Month(y, _) => i32::from(y),
            DateValue::Day(d) | DateValue::Part(d, _) | DateValue::Clock(d, ..) => d.year(),
        }
    }

    /// The month (1–12), for a month or anything finer.
    pub fn month(&self) -> Option<u32> {
        match *self {
            DateValue::Month(_, m) => Some(m),
            _ => self.date().map(|d| d.month()),
        }
    }

    /// The calendar day, for a day or anything finer.
    pub fn date(&self) -> Option<NaiveDate> {
        match *self {
            DateValue::Day(d) | DateValue::Part(d, _) | DateValue::Clock(d, ..) => Some(d),
            _ => None,
        }
    }

    /// The season, for a season.
    pub fn season(&self) -> Option<Season> {
        match *self {
            DateValue::Season(_, s) => Some(s),
            _ => None,
        }
    }

    /// The part of the day, for a part of a day.
    pub fn part(&self) -> Option<PartOfDay> {
        match *self {
            DateValue::Part(_, p) => Some(p),
            _ => None,
        }
    }

    /// Hour and minute, for a clock time.
    pub fn clock(&self) -> Option<(u32, u32)> {
        match *self {
            DateValue::Clock(_, h, m) => Some((h, m)),
            _ => None,
        }
    }

    /// Minutes since midnight of a clock time (`2024-03-12T15:25` → 925).
    pub fn minute_of_day(&self) -> Option<u32> {
        self.clock().map(|(h, m)| h * 60 + m)
    }

    /// Whether the value carries a clock time (not just a day or a part of day).
    pub fn is_timed(&self) -> bool {
        self.clock().is_some()
    }

    /// First day covered by the value (seasons as meteorological seasons: autumn from
    /// September).
    pub fn first_day(&self) -> Option<NaiveDate> {
        if let Some(d) = self.date() {
            return Some(d);
        }
        let month = match *self {
            DateValue::Month(_, m) => m,
            DateValue::Season(_, s) => s.first_month(),
            _ => 1,
        };
        NaiveDate::from_ymd_opt(self.year(), month, 1)
    }

    /// The day after the last day covered (an exclusive end, as all-day calendar entries want).
    pub fn end_day_exclusive(&self) -> Option<NaiveDate> {
        let first = self.first_day()?;
        let years = |n: i32| NaiveDate::from_ymd_opt(self.year() + n, 1, 1);
        match self {
            DateValue::Century(_) => years(100),
            DateValue::Decade(_) => years(10),
            DateValue::Year(_) => years(1),
            DateValue::Season(..) => first.checked_add_months(Months::new(3)),
            DateValue::Month(..) => first.checked_add_months(Months::new(1)),
            _ => first.succ_opt(),
        }
    }

    /// The last day covered, included (`2024-02` → 29 February 2024).
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end_day_exclusive()?.pred_opt()
    }

    /// First moment covered, as local time: midnight, or the clock time, or the usual start of
    /// the part of day.
    pub fn start(&self) -> Option<NaiveDateTime> {
        let (h, m) = match *self {
            DateValue::Clock(_, h, m) => (h, m),
            DateValue::Part(_, p) => p.start(),
            _ => (0, 0),
        };
        self.first_day()?.and_hms_opt(h, m, 0)
    }

    /// The value truncated to its day (a part of day or a clock time dropped): what the
    /// chronology groups by.
    pub fn group(&self) -> DateValue {
        match *self {
            DateValue::Part(d, _) | DateValue::Clock(d, ..) => DateValue::Day(d),
            other => other,
        }
    }

    /// [`DateValue::group`] written out (`2023-09-20`, `2023-09`, `2020-FA`, `199`).
    pub fn group_key(&self) -> String {
        self.group().to_string()
    }

    /// Weekday index, Monday = 0, for a day or anything finer.
    pub fn weekday(&self) -> Option<usize> {
        self.date()
            .map(|d| d.weekday().num_days_from_monday() as usize)
    }

    /// Sort key: a coarse value sorts before the finer values it contains, and a part of the
    /// day among clock times at its usual hour.
    ///
    /// `2023-09` < `2023-09-01` < `2023-09-01TMO` < `2023-09-01T08:00`. Decades (`199`) and
    /// centuries (`19`) sort before the years they contain.
    pub fn sort_key(&self) -> String {
        // A plain string compare already puts a prefix before its extensions; only the
        // part-of-day codes need mapping so that they sort among clock times in day order.
        match *self {
            DateValue::Part(d, p) => {
                let (h, m) = p.start();
                format!("{}T{h:02}:{m:02}~{}", DateValue::Day(d), p.code())
            }
            _ => self.to_string(),
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

fn parse(value: &str) -> Result<DateValue, String> {
    let v = value;
    let not_a_date = || format!("`{v}` is not a TIMEX3 date");
    if let Some(c) = digits(v, 2) {
        return Ok(DateValue::Century(c as u16));
    }
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
    if let Some(s) = Season::from_code(second) {
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
    if let Some(p) = PartOfDay::ALL.into_iter().find(|p| p.code() == t) {
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
pub(crate) fn year_out_of_range(value: &str) -> bool {
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

    fn p(v: &str) -> Option<Precision> {
        parse(v).ok().map(|d| d.precision())
    }

    #[test]
    fn every_precision_of_the_contract_parses() {
        assert_eq!(p("19"), Some(Precision::Century));
        assert_eq!(p("199"), Some(Precision::Decade));
        assert_eq!(p("2023"), Some(Precision::Year));
        assert_eq!(p("2020-FA"), Some(Precision::Season));
        assert_eq!(p("2023-09"), Some(Precision::Month));
        assert_eq!(p("2023-09-20"), Some(Precision::Day));
        assert_eq!(p("2023-09-19TEV"), Some(Precision::PartOfDay));
        assert_eq!(p("2023-09-20T11:00"), Some(Precision::Minute));
        for v in [
            "XXXX-WXX-2",
            "PT24H",
            "PRESENT_REF",
            "2023-09-20TXX",
            "abcd",
        ] {
            assert_eq!(p(v), None, "{v}");
        }
    }

    #[test]
    fn spans_cover_the_whole_period() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let v = |s: &str| parse(s).unwrap();
        assert_eq!(v("2023-09").first_day(), d(2023, 9, 1));
        assert_eq!(v("2023-09").end_day_exclusive(), d(2023, 10, 1));
        assert_eq!(v("2020-FA").first_day(), d(2020, 9, 1));
        assert_eq!(v("2020-FA").end_day_exclusive(), d(2020, 12, 1));
        assert_eq!(v("199").first_day(), d(1990, 1, 1));
        assert_eq!(v("199").end_day_exclusive(), d(2000, 1, 1));
        assert_eq!(v("19").end_day_exclusive(), d(2000, 1, 1));
        assert_eq!(v("2023-09-20T11:00").end_day_exclusive(), d(2023, 9, 21));
        let evening = v("2023-09-19TEV").start().unwrap();
        assert_eq!(evening.format("%H:%M").to_string(), "19:00");
    }

    #[test]
    fn grouping_drops_the_time_of_day_only() {
        let g = |s: &str| parse(s).unwrap().group_key();
        assert_eq!(g("2023-09-20T11:00"), "2023-09-20");
        assert_eq!(g("2023-09-20TNI"), "2023-09-20");
        assert_eq!(g("2023-09"), "2023-09");
        assert_eq!(g("2020-FA"), "2020-FA");
        assert_eq!(g("199"), "199");
    }

    #[test]
    fn coarse_dates_sort_before_the_days_they_contain() {
        let mut v: Vec<DateValue> = [
            "2023-09-01",
            "2023-09",
            "2023",
            "2023-09-01T11:00",
            "2023-09-01TMO",
            "202",
        ]
        .iter()
        .map(|s| parse(s).unwrap())
        .collect();
        v.sort_by_key(DateValue::sort_key);
        let v: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            v,
            [
                "202",
                "2023",
                "2023-09",
                "2023-09-01",
                "2023-09-01TMO",
                "2023-09-01T11:00"
            ]
        );
    }

    #[test]
    fn evening_sorts_after_an_afternoon_clock_time() {
        let k = |s: &str| parse(s).unwrap().sort_key();
        assert!(k("2023-09-19TEV") > k("2023-09-19T15:30"));
        assert!(k("2023-09-19TEV") < k("2023-09-19T21:00"));
    }

    #[test]
    fn serialises_as_its_canonical_string_and_refuses_bad_json() {
        let v = parse("2023-09-21T24:00").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"2023-09-22T00:00\"");
        let back: DateValue = serde_json::from_str("\"2020-FA\"").unwrap();
        assert_eq!(back, DateValue::Season(2020, Season::Fall));
        let err = serde_json::from_str::<DateValue>("\"2023-02-30\"").unwrap_err();
        assert!(err.to_string().contains("no day 30"), "{err}");
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
