//! TIMEX3 values as the renderer needs them: their precision, their first moment, the day they
//! fall on, and the calendar span they cover (for all-day calendar entries).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// How precise a TIMEX3 value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// `19`: a century.
    Century,
    /// `199`: a decade.
    Decade,
    /// `2023`.
    Year,
    /// `2020-FA`: a season (`SP`, `SU`, `FA`, `WI`).
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

/// A parsed TIMEX3 date value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// First year covered (1990 for the decade `199`).
    pub year: i32,
    /// Month 1–12.
    pub month: Option<u32>,
    /// Day of month.
    pub day: Option<u32>,
    /// Season code (`SP`, `SU`, `FA`, `WI`).
    pub season: Option<String>,
    /// Part-of-day code (`MO`, `MI`, `AF`, `EV`, `NI`).
    pub part: Option<String>,
    /// Hour and minute.
    pub time: Option<(u32, u32)>,
    /// How precise the value is.
    pub precision: Precision,
}

const PARTS: [&str; 5] = ["MO", "MI", "AF", "EV", "NI"];
const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl When {
    /// Parses `19`, `199`, `2023`, `2023-09`, `2023-09-20`, `2023-09-20TEV`, `2023-09-20T11:00`
    /// (seconds are accepted and ignored). Anything else (underspecified `XXXX-…`, weeks) is `None`.
    pub fn parse(value: &str) -> Option<When> {
        let value = value.trim();
        let (date, time) = match value.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (value, None),
        };
        let mut parts = date.split('-');
        let first = parts.next()?;
        if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: i32 = first.parse().ok()?;
        let (year, precision) = match first.len() {
            2 if time.is_none() => (digits * 100, Precision::Century),
            3 if time.is_none() => (digits * 10, Precision::Decade),
            4 => (digits, Precision::Year),
            _ => return None,
        };
        let mut when = When {
            year,
            month: None,
            day: None,
            season: None,
            part: None,
            time: None,
            precision,
        };
        if precision != Precision::Year {
            return parts.next().is_none().then_some(when);
        }
        if let Some(m) = parts.next() {
            if SEASONS.contains(&m) && time.is_none() {
                when.season = Some(m.to_string());
                when.precision = Precision::Season;
                return parts.next().is_none().then_some(when);
            }
            let m: u32 = two_digits(m)?;
            if !(1..=12).contains(&m) {
                return None;
            }
            when.month = Some(m);
            when.precision = Precision::Month;
        }
        if let Some(d) = parts.next() {
            let d: u32 = two_digits(d)?;
            NaiveDate::from_ymd_opt(year, when.month?, d)?;
            when.day = Some(d);
            when.precision = Precision::Day;
        }
        if parts.next().is_some() {
            return None;
        }
        if let Some(t) = time {
            when.day?;
            if PARTS.contains(&t) {
                when.part = Some(t.to_string());
                when.precision = Precision::PartOfDay;
            } else {
                let mut hm = t.split(':');
                let h = two_digits(hm.next()?)?;
                let m = two_digits(hm.next()?)?;
                let _seconds = hm.next();
                NaiveTime::from_hms_opt(h, m, 0)?;
                when.time = Some((h, m));
                when.precision = Precision::Minute;
            }
        }
        Some(when)
    }

    /// The calendar day, when the value is at least that precise.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// First day covered by the value (seasons as meteorological seasons: autumn from September).
    pub fn first_day(&self) -> Option<NaiveDate> {
        let month = self.month.or(match self.season.as_deref() {
            Some("SP") => Some(3),
            Some("SU") => Some(6),
            Some("FA") => Some(9),
            Some("WI") => Some(12),
            _ => None,
        });
        NaiveDate::from_ymd_opt(self.year, month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The day after the last day covered (an exclusive end, as all-day calendar entries want).
    pub fn end_day_exclusive(&self) -> Option<NaiveDate> {
        let first = self.first_day()?;
        match self.precision {
            Precision::Century => NaiveDate::from_ymd_opt(self.year + 100, 1, 1),
            Precision::Decade => NaiveDate::from_ymd_opt(self.year + 10, 1, 1),
            Precision::Year => NaiveDate::from_ymd_opt(self.year + 1, 1, 1),
            Precision::Season => first.checked_add_months(chrono::Months::new(3)),
            Precision::Month => first.checked_add_months(chrono::Months::new(1)),
            _ => first.succ_opt(),
        }
    }

    /// First moment covered, as local time: midnight, or the clock time, or the usual start of
    /// the part of day.
    pub fn start(&self) -> Option<NaiveDateTime> {
        let day = self.first_day()?;
        let (h, m) = match (&self.time, self.part.as_deref()) {
            (Some(t), _) => *t,
            (None, Some(p)) => part_start(p),
            _ => (0, 0),
        };
        day.and_hms_opt(h, m, 0)
    }

    /// Whether the value carries a clock time (not just a day or a part of day).
    pub fn is_timed(&self) -> bool {
        self.time.is_some()
    }

    /// Key grouping values by the day, month or year they belong to, for the chronology.
    pub fn group_key(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => match self.precision {
                Precision::Season => {
                    format!("{:04}-{}", self.year, self.season.as_deref().unwrap_or(""))
                }
                Precision::Decade => format!("{:03}", self.year / 10),
                Precision::Century => format!("{:02}", self.year / 100),
                _ => format!("{:04}", self.year),
            },
        }
    }

    /// The value truncated to its day, month or year (what [`When::group_key`] groups by).
    pub fn group(&self) -> When {
        When {
            part: None,
            time: None,
            precision: self.precision.min(Precision::Day),
            ..self.clone()
        }
    }

    /// Weekday index, Monday = 0.
    pub fn weekday(&self) -> Option<usize> {
        self.date()
            .map(|d| d.weekday().num_days_from_monday() as usize)
    }
}

/// Usual start of a part of day, for sorting and calendars.
fn part_start(code: &str) -> (u32, u32) {
    match code {
        "MO" => (8, 0),
        "MI" => (12, 0),
        "AF" => (15, 0),
        "EV" => (19, 0),
        _ => (22, 0),
    }
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_precision_of_the_contract_parses() {
        let p = |v: &str| When::parse(v).map(|w| w.precision);
        assert_eq!(p("19"), Some(Precision::Century));
        assert_eq!(p("199"), Some(Precision::Decade));
        assert_eq!(p("2023"), Some(Precision::Year));
        assert_eq!(p("2020-FA"), Some(Precision::Season));
        assert_eq!(p("2023-09"), Some(Precision::Month));
        assert_eq!(p("2023-09-20"), Some(Precision::Day));
        assert_eq!(p("2023-09-19TEV"), Some(Precision::PartOfDay));
        assert_eq!(p("2023-09-20T11:00"), Some(Precision::Minute));
    }

    #[test]
    fn malformed_values_are_rejected_not_guessed() {
        for v in [
            "",
            "XXXX-WXX-2",
            "2023-13",
            "2023-02-30",
            "2023-09-20T25:00",
            "2023-W38",
            "PT24H",
            "2023-09-20TXX",
            "abcd",
        ] {
            assert_eq!(When::parse(v), None, "{v}");
        }
    }

    #[test]
    fn spans_cover_the_whole_period() {
        let w = When::parse("2023-09").unwrap();
        assert_eq!(w.first_day(), NaiveDate::from_ymd_opt(2023, 9, 1));
        assert_eq!(w.end_day_exclusive(), NaiveDate::from_ymd_opt(2023, 10, 1));
        let f = When::parse("2020-FA").unwrap();
        assert_eq!(f.first_day(), NaiveDate::from_ymd_opt(2020, 9, 1));
        assert_eq!(f.end_day_exclusive(), NaiveDate::from_ymd_opt(2020, 12, 1));
        let d = When::parse("199").unwrap();
        assert_eq!(d.end_day_exclusive(), NaiveDate::from_ymd_opt(2000, 1, 1));
    }

    #[test]
    fn group_key_drops_the_time() {
        assert_eq!(
            When::parse("2023-09-20T11:00").unwrap().group_key(),
            "2023-09-20"
        );
        assert_eq!(When::parse("2023-09").unwrap().group_key(), "2023-09");
    }
}
