//! Article dates at the precision their source gives.

use chrono::{Datelike, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use crate::timeline::DateValue;

/// A date known to year, month or day precision, with an optional time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u32>,
    /// Day of month, when known (implies `month`).
    pub day: Option<u32>,
    /// Hour and minute, when known (implies `day`).
    pub time: Option<(u32, u32)>,
}

impl PartialDate {
    /// A full day.
    pub fn day(d: NaiveDate) -> PartialDate {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
            time: None,
        }
    }

    /// Parses `2023`, `2023-09`, `2023-09-21`, `2023-09-21T10:30`, or RFC 3339
    /// (`2023-09-21T10:30:00+02:00`, local time of the offset kept).
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
            let n = dt.naive_local();
            return Some(PartialDate {
                time: Some((n.hour(), n.minute())),
                ..PartialDate::day(n.date())
            });
        }
        let (date_part, time_part) = match s.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut it = date_part.split('-');
        let year: i32 = it.next()?.parse().ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let month = match it.next() {
            Some(m) if m.len() == 2 => {
                Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?)
            }
            Some(_) => return None,
            None => None,
        };
        let day = match it.next() {
            Some(d) if d.len() == 2 => {
                let d: u32 = d.parse().ok()?;
                NaiveDate::from_ymd_opt(year, month?, d)?;
                Some(d)
            }
            Some(_) => return None,
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        let time = match time_part {
            Some(t) => {
                day?;
                let mut p = t.split(':');
                let h: u32 = p.next()?.parse().ok()?;
                let m: u32 = p.next()?.get(..2)?.parse().ok()?;
                if h > 23 || m > 59 {
                    return None;
                }
                Some((h, m))
            }
            None => None,
        };
        Some(PartialDate {
            year,
            month,
            day,
            time,
        })
    }

    /// The TIMEX3 value (`2023`, `2023-09`, `2023-09-21`, `2023-09-21T10:30`).
    pub fn value(&self) -> DateValue {
        // `parse` keeps years within 1000–9999, so they fit the model's years.
        let year = self.year.clamp(0, 9999) as u16;
        match (self.naive(), self.month) {
            (Some(d), _) => match self.time {
                Some((h, m)) => DateValue::Clock(d, h, m),
                None => DateValue::Day(d),
            },
            (None, Some(m)) => DateValue::Month(year, m),
            (None, None) => DateValue::Year(year),
        }
    }

    /// The calendar day, when known to day precision.
    pub fn naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        assert_eq!(
            PartialDate::parse("2023").unwrap().value().to_string(),
            "2023"
        );
        assert_eq!(
            PartialDate::parse("2023-09").unwrap().value().to_string(),
            "2023-09"
        );
        assert_eq!(
            PartialDate::parse("2023-09-21")
                .unwrap()
                .value()
                .to_string(),
            "2023-09-21"
        );
        assert_eq!(
            PartialDate::parse("2023-09-21T10:30:00+02:00")
                .unwrap()
                .value()
                .to_string(),
            "2023-09-21T10:30"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2023-02-30").is_none());
        assert!(PartialDate::parse("2023-13").is_none());
        assert!(PartialDate::parse("September").is_none());
        assert!(PartialDate::parse("2023-9").is_none());
    }
}
