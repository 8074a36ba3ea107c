//! Which of the tagger's values can date an event: the events stage's one gate to the model's
//! typed [`DateValue`]. The tagger's values are wider than the timeline's (durations, sets,
//! weeks, `PRESENT_REF`, underspecified `XXXX-…` still waiting for a reference date); only
//! values placed on the calendar become event dates.

use chrono::NaiveDate;

use crate::timeline::{DateValue, Precision};

/// The date a mention with this TIMEX3 value gives an event, or `None` for anything else:
/// durations, weeks, underspecified values, `PRESENT_REF`, impossible dates such as `2023-13`
/// or `2023-02-30`, and centuries, too coarse to place a happening on the chronology.
pub fn event_value(value: &str) -> Option<DateValue> {
    DateValue::parse(value)
        .ok()
        .filter(|v| v.precision() > Precision::Century)
}

/// Precision of a value that can date an event.
pub fn precision(value: &str) -> Option<Precision> {
    event_value(value).map(|v| v.precision())
}

/// The day of a value dated to the day or finer (`2023-09-20`, `2023-09-20T11:00`); `None` for
/// a month, a year, a week, an underspecified value.
pub fn day(value: &str) -> Option<NaiveDate> {
    event_value(value)?.date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calendar_values_finer_than_a_century_date_an_event() {
        assert_eq!(precision("2023-09-20T11:00"), Some(Precision::Minute));
        assert_eq!(precision("2023-09-19TEV"), Some(Precision::PartOfDay));
        assert_eq!(precision("2023-09-20"), Some(Precision::Day));
        assert_eq!(precision("2023-09"), Some(Precision::Month));
        assert_eq!(precision("2020-FA"), Some(Precision::Season));
        assert_eq!(precision("199"), Some(Precision::Decade));
        for v in [
            "19",
            "XXXX-WXX-3",
            "P8M",
            "2023-W38",
            "2023-02-30",
            "2023-13",
            "2023-09-20Tab:cd",
            "PRESENT_REF",
        ] {
            assert_eq!(precision(v), None, "{v}");
        }
    }

    #[test]
    fn the_end_of_a_day_is_the_next_day() {
        assert_eq!(precision("2023-09-20T24:00"), Some(Precision::Minute));
        assert_eq!(
            day("2023-09-20T24:00"),
            NaiveDate::from_ymd_opt(2023, 9, 21)
        );
        assert_eq!(day("2023-09"), None);
    }
}
