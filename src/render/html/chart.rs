//! The coverage chart: how many articles were published and how many events happened in each
//! day of the story (each week or month of a long one), with the key days marked. Computed once
//! per render from the timeline; each page gets the geometry of the picture (the home page, and a
//! chronology page with its own period highlighted), which the templates draw as inline SVG with
//! a text alternative. No script is needed to see it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::render::RenderInput;
use crate::render::chronology::top_days;
use crate::render::links::Env;
use crate::render::locale::fill;
use crate::timeline::{DateValue, Precision};

/// The drawing's width and the height of each of its two bands, in SVG user units.
const WIDTH: f64 = 720.0;
const BAND: f64 = 48.0;
/// Top of the articles band, of the events band, and where the month labels sit.
const ARTICLES_TOP: f64 = 16.0;
const EVENTS_TOP: f64 = ARTICLES_TOP + BAND + 22.0;
const AXIS_Y: f64 = EVENTS_TOP + BAND + 18.0;
const HEIGHT: f64 = AXIS_Y + 6.0;
/// A story longer than this many days is drawn by week, then by month, then by year, so that
/// the bars stay wide enough to see and the page small.
const MAX_BARS: i64 = 120;
/// At most this many month or year labels under the bars.
const MAX_TICKS: usize = 12;
/// Key days named in the text alternative.
const KEY_DAYS_NAMED: usize = 10;

/// How long one bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    Day,
    Week,
    Month,
    Year,
}

impl Step {
    fn for_span(first: NaiveDate, last: NaiveDate) -> Step {
        let days = (last - first).num_days() + 1;
        let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
            - i64::from(first.month())
            + 1;
        if days <= MAX_BARS {
            Step::Day
        } else if days <= MAX_BARS * 7 {
            Step::Week
        } else if months <= MAX_BARS {
            Step::Month
        } else {
            Step::Year
        }
    }

    /// The first day of the bar holding `d`.
    fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Step::Day => d,
            Step::Week => d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Step::Month => d.with_day(1).unwrap_or(d),
            Step::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the bar after the one starting on `d`.
    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Day => d.succ_opt(),
            Step::Week => d.checked_add_days(chrono::Days::new(7)),
            Step::Month => d.checked_add_months(chrono::Months::new(1)),
            Step::Year => d.checked_add_months(chrono::Months::new(12)),
        }
    }
}

/// One bar: a day (week, month, year) of the story.
#[derive(Debug, Clone, Serialize)]
struct Bar {
    start: NaiveDate,
    /// Its last day.
    end: NaiveDate,
    articles: usize,
    events: usize,
    key: bool,
}

/// The story's coverage, for every page that draws it.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    step: Step,
    bars: Vec<Bar>,
    key_days: Vec<NaiveDate>,
}

/// What a template needs to draw the chart: geometry in SVG user units, numbers and words.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub width: f64,
    pub height: f64,
    /// `day`, `week`, `month` or `year`: what one bar stands for.
    pub step: Step,
    pub bars: Vec<BarView>,
    /// Month (or year) labels under the bars.
    pub ticks: Vec<TickView>,
    /// The band of the page's own period, when it is part of the chart.
    pub highlight: Option<SpanView>,
    pub articles_top: f64,
    pub events_top: f64,
    pub band: f64,
    pub axis_y: f64,
    pub max_articles: usize,
    pub max_events: usize,
    /// `Articles publiés et événements, par jour`.
    pub title: String,
    /// The text alternative: what the picture shows, in a sentence or two.
    pub summary: String,
    pub articles_label: String,
    pub events_label: String,
    pub key_label: String,
}

/// One bar as drawn.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    pub x: String,
    pub w: String,
    pub article_y: String,
    pub article_h: String,
    pub event_y: String,
    pub event_h: String,
    /// The middle of the bar, for the key-day mark.
    pub cx: String,
    pub key: bool,
    pub in_period: bool,
    /// `19 mars 2011 : 25 articles, 94 événements` (a tooltip).
    pub label: String,
}

/// A label under the bars.
#[derive(Debug, Clone, Serialize)]
pub struct TickView {
    pub x: String,
    pub label: String,
}

/// A horizontal span of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    pub x: String,
    pub w: String,
}

/// The month of `d` in words (`mars 2011`).
fn month_label(env: &Env, d: NaiveDate) -> String {
    env.locale
        .date_of(&DateValue::Month(d.year().clamp(0, 9999) as u16, d.month()))
}

/// A number of user units as SVG attributes write it: one decimal, so that pages stay small and
/// identical from build to build.
fn n(v: f64) -> String {
    format!("{v:.1}")
}

impl Coverage {
    /// The coverage of the site's story: the articles' publication days and the days of its
    /// events dated to the day (background facts left out), over the days they span. `None`
    /// when nothing is dated to the day.
    pub fn of(input: &RenderInput, key_days: usize) -> Option<Coverage> {
        let published: Vec<NaiveDate> = input
            .timeline
            .sources
            .iter()
            .filter_map(|s| s.published.as_ref())
            .filter(|p| p.precision() >= Precision::Day)
            .filter_map(DateValue::date)
            .collect();
        let happened: Vec<NaiveDate> = input
            .timeline
            .events
            .iter()
            .filter(|e| !e.background && e.date.precision() >= Precision::Day)
            .filter_map(|e| e.date.date())
            .collect();
        let first = published.iter().chain(&happened).min().copied()?;
        let last = published.iter().chain(&happened).max().copied()?;
        let step = Step::for_span(first, last);
        let key: BTreeSet<NaiveDate> = top_days(&input.timeline.events, key_days)
            .iter()
            .filter_map(|k| DateValue::parse(k).ok()?.date())
            .collect();
        let mut counts: BTreeMap<NaiveDate, (usize, usize)> = BTreeMap::new();
        for d in &published {
            counts.entry(step.start_of(*d)).or_default().0 += 1;
        }
        for d in &happened {
            counts.entry(step.start_of(*d)).or_default().1 += 1;
        }
        let key_starts: BTreeSet<NaiveDate> = key.iter().map(|d| step.start_of(*d)).collect();
        let mut bars = Vec::new();
        let mut d = step.start_of(first);
        while d <= last {
            let next = step.next(d);
            let (articles, events) = counts.get(&d).copied().unwrap_or_default();
            bars.push(Bar {
                start: d,
                end: next.and_then(|n| n.pred_opt()).unwrap_or(d),
                articles,
                events,
                key: key_starts.contains(&d),
            });
            match next {
                Some(n) => d = n,
                None => break,
            }
        }
        Some(Coverage {
            step,
            bars,
            key_days: key.into_iter().collect(),
        })
    }

    /// The chart as a page draws it, `period` (a chronology page's month or year key)
    /// highlighted.
    pub fn view(&self, env: &Env, period: Option<&str>) -> ChartView {
        let l = env.locale;
        let max_articles = self.bars.iter().map(|b| b.articles).max().unwrap_or(0);
        let max_events = self.bars.iter().map(|b| b.events).max().unwrap_or(0);
        let w = WIDTH / self.bars.len().max(1) as f64;
        let span = period
            .and_then(|p| DateValue::parse(p).ok())
            .and_then(|p| Some((p.first_day()?, p.last_day()?)));
        let height = |v: usize, max: usize| {
            if max == 0 {
                0.0
            } else {
                // A bar of one is still visible.
                (BAND * v as f64 / max as f64).max(if v > 0 { 1.5 } else { 0.0 })
            }
        };
        let bars: Vec<BarView> = self
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let x = i as f64 * w;
                let ah = height(b.articles, max_articles);
                let eh = height(b.events, max_events);
                BarView {
                    x: n(x + w * 0.1),
                    w: n((w * 0.8).max(0.5)),
                    article_y: n(ARTICLES_TOP + BAND - ah),
                    article_h: n(ah),
                    event_y: n(EVENTS_TOP + BAND - eh),
                    event_h: n(eh),
                    cx: n(x + w / 2.0),
                    key: b.key,
                    in_period: span.is_some_and(|(a, z)| b.start <= z && b.end >= a),
                    label: format!(
                        "{}{}{}, {}",
                        self.bar_label(env, b),
                        l.label("colon"),
                        l.count(b.articles, "article"),
                        l.count(b.events, "event")
                    ),
                }
            })
            .collect();
        let highlight = {
            let inside: Vec<usize> = (0..bars.len()).filter(|&i| bars[i].in_period).collect();
            match (inside.first(), inside.last()) {
                (Some(&a), Some(&z)) => Some(SpanView {
                    x: n(a as f64 * w),
                    w: n((z - a + 1) as f64 * w),
                }),
                _ => None,
            }
        };
        ChartView {
            width: WIDTH,
            height: HEIGHT,
            step: self.step,
            ticks: self.ticks(env, w),
            highlight,
            bars,
            articles_top: ARTICLES_TOP,
            events_top: EVENTS_TOP,
            band: BAND,
            axis_y: AXIS_Y,
            max_articles,
            max_events,
            title: l.label(match self.step {
                Step::Day => "chart_title_day",
                Step::Week => "chart_title_week",
                Step::Month => "chart_title_month",
                Step::Year => "chart_title_year",
            }),
            summary: self.summary(env),
            articles_label: l.label("chart_articles"),
            events_label: l.label("chart_events"),
            key_label: l.label("chart_key"),
        }
    }

    /// What one bar covers, in words (`19 mars 2011`, `semaine du 14 mars 2011`, `mars 2011`).
    fn bar_label(&self, env: &Env, b: &Bar) -> String {
        let l = env.locale;
        match self.step {
            Step::Day => l.date_of(&DateValue::Day(b.start)),
            Step::Week => fill(
                &l.label("chart_week_of"),
                &[("day", &l.date_of(&DateValue::Day(b.start)))],
            ),
            Step::Month => month_label(env, b.start),
            Step::Year => b.start.year().to_string(),
        }
    }

    /// The labels under the bars, at most [`MAX_TICKS`]: by day, each day's number with the
    /// month at the first bar and where a month begins (`19 septembre 2023`, `20`, `21`); by
    /// week, each month; by month or year, each year.
    fn ticks(&self, env: &Env, w: f64) -> Vec<TickView> {
        let month = |d: NaiveDate| month_label(env, d);
        let mut starts: Vec<(usize, String)> = Vec::new();
        let mut seen = None;
        for (i, b) in self.bars.iter().enumerate() {
            let d = b.start;
            let k = match self.step {
                Step::Day => (d.year(), d.month(), d.day()),
                Step::Week => (d.year(), d.month(), 0),
                Step::Month | Step::Year => (d.year(), 0, 0),
            };
            if seen == Some(k) {
                continue;
            }
            let new_month = seen.is_none_or(|(y, m, _)| (y, m) != (d.year(), d.month()));
            seen = Some(k);
            let label = match self.step {
                Step::Day if new_month => {
                    format!("{} {}", env.locale.day_number(d.day()), month(d))
                }
                Step::Day => env.locale.day_number(d.day()),
                Step::Week => month(d),
                Step::Month | Step::Year => d.year().to_string(),
            };
            starts.push((i, label));
        }
        let every = starts.len().div_ceil(MAX_TICKS).max(1);
        starts
            .into_iter()
            .step_by(every)
            .map(|(i, label)| TickView {
                x: n(i as f64 * w),
                label,
            })
            .collect()
    }

    /// The text alternative: the totals, the period, the busiest bar and the key days.
    fn summary(&self, env: &Env) -> String {
        let l = env.locale;
        let (Some(first), Some(last)) = (self.bars.first(), self.bars.last()) else {
            return String::new();
        };
        let busiest = self
            .bars
            .iter()
            .max_by(|a, b| a.articles.cmp(&b.articles).then(b.start.cmp(&a.start)));
        let articles: usize = self.bars.iter().map(|b| b.articles).sum();
        let events: usize = self.bars.iter().map(|b| b.events).sum();
        let mut s = fill(
            &l.label("chart_summary"),
            &[
                ("articles", &articles.to_string()),
                ("events", &events.to_string()),
                ("start", &l.date_of(&DateValue::Day(first.start))),
                ("end", &l.date_of(&DateValue::Day(last.end))),
            ],
        );
        if let Some(b) = busiest.filter(|b| b.articles > 0) {
            s.push(' ');
            s.push_str(&fill(
                &l.label("chart_peak"),
                &[
                    ("when", &self.bar_label(env, b)),
                    ("articles", &l.count(b.articles, "article")),
                ],
            ));
        }
        if !self.key_days.is_empty() {
            let named: Vec<String> = self
                .key_days
                .iter()
                .take(KEY_DAYS_NAMED)
                .map(|d| l.date_of(&DateValue::Day(*d)))
                .collect();
            // Past the first few, say how many were left out rather than trail off.
            let pattern = if self.key_days.len() > KEY_DAYS_NAMED {
                "chart_key_days_first"
            } else {
                "chart_key_days"
            };
            s.push(' ');
            s.push_str(&fill(
                &l.label(pattern),
                &[
                    ("days", &named.join(", ")),
                    ("n", &named.len().to_string()),
                    ("total", &self.key_days.len().to_string()),
                ],
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_long_story_is_drawn_by_week_then_month_then_year() {
        assert_eq!(Step::for_span(d("2011-02-15"), d("2011-04-30")), Step::Day);
        assert_eq!(Step::for_span(d("2011-01-01"), d("2011-12-31")), Step::Week);
        assert_eq!(
            Step::for_span(d("2005-01-01"), d("2011-12-31")),
            Step::Month
        );
        assert_eq!(Step::for_span(d("1980-01-01"), d("2011-12-31")), Step::Year);
        // A week starts on Monday; 2011-03-19 was a Saturday.
        assert_eq!(Step::Week.start_of(d("2011-03-19")), d("2011-03-14"));
        assert_eq!(Step::Month.next(d("2011-01-01")), Some(d("2011-02-01")));
    }

    fn coverage(step: Step, days: &[&str], key: &[&str]) -> Coverage {
        let bars = days
            .iter()
            .map(|s| Bar {
                start: d(s),
                end: d(s),
                articles: 1,
                events: 2,
                key: key.contains(s),
            })
            .collect();
        Coverage {
            step,
            bars,
            key_days: key.iter().map(|s| d(s)).collect(),
        }
    }

    fn env() -> Env {
        Env {
            locale: crate::render::locale::Locale::of(crate::lang::Lang::Fr),
            tz: chrono_tz::UTC,
            base_url: None,
        }
    }

    #[test]
    fn days_are_labelled_by_their_number_with_the_month_where_it_begins() {
        let c = coverage(Step::Day, &["2011-02-27", "2011-02-28", "2011-03-01"], &[]);
        let v = c.view(&env(), None);
        let labels: Vec<&str> = v.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["27 février 2011", "28", "1er mars 2011"]);
        assert!(v.highlight.is_none());
        // A month page highlights the bars of its month.
        let v = c.view(&env(), Some("2011-03"));
        assert_eq!(v.bars.iter().filter(|b| b.in_period).count(), 1);
        assert!(v.highlight.is_some());
    }

    #[test]
    fn the_text_alternative_names_the_first_key_days_and_how_many_there_are() {
        let days: Vec<String> = (1..=12).map(|i| format!("2011-03-{i:02}")).collect();
        let days: Vec<&str> = days.iter().map(String::as_str).collect();
        let v = coverage(Step::Day, &days, &days).view(&env(), None);
        assert!(
            v.summary.contains("Les 10 premières des 12 journées clés"),
            "{}",
            v.summary
        );
        assert!(
            v.summary
                .contains("Articles publiés : 12. Événements datés : 24.")
        );
        assert!(!v.summary.contains("…"));
        let v = coverage(Step::Day, &days, &days[..2]).view(&env(), None);
        assert!(
            v.summary
                .contains("Journées clés : mardi 1er mars 2011, mercredi 2 mars 2011."),
            "{}",
            v.summary
        );
    }
}
