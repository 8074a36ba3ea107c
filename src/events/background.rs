//! Background events: facts dated well outside the collection's publication window (a 1950
//! flood recalled by articles of 2024, a plan for 2040) are context, not the story. They are
//! marked `background` and their salience is scaled below every story event's, so that no
//! ranking (key events, feeds, day scores) puts them above the news; story events keep theirs.

use chrono::NaiveDate;

use crate::timeline::{DateValue, Event};

use super::SourceDating;

/// Share of the publication dates left out at each end of the window, so that one misdated
/// article (a scraped archive page, a wrong front matter) does not stretch it.
const TRIM: f64 = 0.05;
/// Margin added on each side of the window, relative to its length: facts of the weeks just
/// before the first article are still the story's own lead-up.
const MARGIN_SHARE: f64 = 0.25;
/// The margin is never shorter than this, so that a collection of a few days keeps a month of
/// lead-up and follow-up.
const MIN_MARGIN_DAYS: i64 = 30;
/// The most salient background event gets at most this share of the least salient story
/// event's salience.
const SCALE: f64 = 0.5;

/// The days a publication window covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First day of the story (margin included).
    pub start: NaiveDate,
    /// Last day of the story (margin included).
    pub end: NaiveDate,
}

/// First and last day covered by a date value (`1969`, `199`, `19`, `2011-03`,
/// `2011-03-19T18:30`), both included.
pub fn span(value: &DateValue) -> Option<(NaiveDate, NaiveDate)> {
    Some((value.first_day()?, value.last_day()?))
}

/// The collection's publication window: from the 5th to the 95th percentile of the sources'
/// publication dates, widened on each side by a quarter of its length (at least 30 days).
/// `None` when no source has a date.
pub fn window(dating: &[SourceDating]) -> Option<Window> {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for d in dating {
        if let Some((a, b)) = d.published.as_ref().and_then(span) {
            starts.push(a);
            ends.push(b);
        }
    }
    if starts.is_empty() {
        return None;
    }
    starts.sort_unstable();
    ends.sort_unstable();
    // Nearest-rank percentiles: with few sources, the earliest and the latest.
    let n = starts.len();
    let lo = ((n as f64) * TRIM).floor() as usize;
    let hi = n - 1 - lo;
    let (first, last) = (starts[lo.min(n - 1)], ends[hi.max(lo).min(n - 1)]);
    let (first, last) = (first.min(last), first.max(last));
    let length = (last - first).num_days();
    let margin = ((length as f64 * MARGIN_SHARE).round() as i64).max(MIN_MARGIN_DAYS);
    let widen = chrono::Duration::days(margin);
    Some(Window {
        start: first.checked_sub_signed(widen).unwrap_or(NaiveDate::MIN),
        end: last.checked_add_signed(widen).unwrap_or(NaiveDate::MAX),
    })
}

/// Whether an event lies entirely outside the window (its whole period, `end` included).
fn outside(e: &Event, w: &Window) -> bool {
    let Some((from, to)) = span(&e.date) else {
        return false;
    };
    let to = e.end.as_ref().and_then(span).map_or(to, |(_, b)| b.max(to));
    to < w.start || from > w.end
}

/// Marks background events and scales their salience below every story event's; returns the
/// window used. Story events are left untouched; a collection without dates has no background.
pub fn mark(events: &mut [Event], dating: &[SourceDating]) -> Option<Window> {
    let w = window(dating)?;
    for e in events.iter_mut() {
        e.background = outside(e, &w);
    }
    let story_min = events
        .iter()
        .filter(|e| !e.background)
        .map(|e| e.salience)
        .min_by(f64::total_cmp);
    let bg_max = events
        .iter()
        .filter(|e| e.background)
        .map(|e| e.salience)
        .max_by(f64::total_cmp);
    if let (Some(story_min), Some(bg_max)) = (story_min, bg_max)
        && bg_max > 0.0
    {
        // One factor for all keeps the background events' order among themselves.
        let factor = (SCALE * story_min.max(0.0) / bg_max).min(1.0);
        for e in events.iter_mut().filter(|e| e.background) {
            // Rounded down to the 1/1000 salience is written with: at most half the least
            // story salience, so strictly below it (a tie only if that is 0).
            e.salience = (e.salience * factor * 1000.0).floor() / 1000.0;
        }
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn dated(values: &[&str]) -> Vec<SourceDating> {
        values
            .iter()
            .map(|v| SourceDating {
                published: Some(DateValue::parse(v).unwrap()),
                basis: crate::timeline::DateBasis::FrontMatter,
                confidence: 1.0,
                note: String::new(),
                evidence: None,
            })
            .collect()
    }

    fn ev(date: &str, salience: f64) -> Event {
        Event {
            id: date.into(),
            date: DateValue::parse(date).unwrap(),
            end: None,
            headline: String::new(),
            summary: String::new(),
            salience,
            tags: Vec::new(),
            citations: Vec::new(),
            conflicts: Vec::new(),
            editorial: false,
            background: false,
        }
    }

    #[test]
    fn spans_cover_the_whole_period() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let span = |s: &str| span(&DateValue::parse(s).unwrap());
        assert_eq!(span("1989"), Some((d("1989-01-01"), d("1989-12-31"))));
        assert_eq!(span("199"), Some((d("1990-01-01"), d("1999-12-31"))));
        assert_eq!(span("19"), Some((d("1900-01-01"), d("1999-12-31"))));
        assert_eq!(span("2024-02"), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(
            span("2024-03-05T18:30"),
            Some((d("2024-03-05"), d("2024-03-05")))
        );
        assert_eq!(span("2023-WI"), Some((d("2023-12-01"), d("2024-02-29"))));
    }

    #[test]
    fn one_misdated_source_does_not_stretch_the_window() {
        let mut dates: Vec<String> = (1..=28).map(|d| format!("2024-02-{d:02}")).collect();
        dates.push("1999-01-01".into());
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let w = window(&dated(&refs)).unwrap();
        assert!(w.start.year() == 2024 || w.start.year() == 2023, "{w:?}");
    }

    #[test]
    fn old_and_far_future_facts_are_background_and_rank_below_the_story() {
        let dating = dated(&["2024-03-04", "2024-03-06", "2024-03-08"]);
        let mut events = vec![
            ev("1989", 9.0),
            ev("2024-03-05", 1.2),
            ev("2024-02", 0.5),
            ev("2024", 0.5),
            ev("2040", 3.0),
        ];
        mark(&mut events, &dating).unwrap();
        let bg: Vec<bool> = events.iter().map(|e| e.background).collect();
        assert_eq!(bg, [true, false, false, false, true]);
        assert_eq!(events[1].salience, 1.2, "story salience unchanged");
        assert!(events[0].salience < 0.5 && events[4].salience < 0.5);
        assert!(events[0].salience > events[4].salience, "order kept");
    }

    #[test]
    fn no_dates_no_background() {
        let mut events = vec![ev("1989", 2.0)];
        assert!(mark(&mut events, &[]).is_none());
        assert!(!events[0].background);
        assert_eq!(events[0].salience, 2.0);
    }
}
