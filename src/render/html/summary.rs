//! What the home page's summary and the chronology pages show: the top days with their main
//! events, the background, the month navigation, and each month or day page's own values. The
//! pages themselves are planned by [`crate::render::chronology`].

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::{EventLink, EventView, Pages, group_by_day};
use crate::render::chronology::{Plan, top_days};
use crate::render::links::Env;
use crate::render::locale::datetime_of;
use crate::timeline::{DateValue, Precision};

/// How many days the home page summarises: a reader's screenful of days, not the collection.
pub const HOME_DAYS: usize = 24;
/// How many events of each of those days the home page shows (the most salient).
pub const MAIN_EVENTS: usize = 3;
/// A story of at most this many events is shown whole on the home page, as a chronology.
pub const HOME_COMPLETE: usize = 60;
/// How many background events the home page shows (the most salient; all if there are no more).
pub const HOME_CONTEXT: usize = 30;

/// A month (or year, decade…) of the chronology, for navigation.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodLink {
    /// `2020-05`, `2020`, `199`.
    pub key: String,
    /// `mai 2020`.
    pub label: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// Link to its page (site-relative).
    pub href: String,
    /// How many events it holds.
    pub event_count: usize,
    /// `12 événements`.
    pub events_label: String,
    /// The year it is listed under in the navigation (`2020`, `années 1990`).
    pub year: String,
}

/// The periods of one year, for the month navigation.
#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    /// `2020`.
    pub year: String,
    /// Its periods, in date order (only the first when `collapsed`).
    pub months: Vec<PeriodLink>,
    /// Events of the whole year.
    pub event_count: usize,
    /// Shown as one link to its first period: on a chronology page, the years other than the
    /// page's own (listing every month of every year on each month page would grow with the
    /// square of the story's length).
    pub collapsed: bool,
}

/// A day of the home page's summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryDay<'a> {
    /// `2020-05-04`.
    pub key: String,
    /// `lundi 4 mai 2020`.
    pub label: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// `day`, `month`…
    pub precision: String,
    /// Link to the whole day on its chronology page.
    pub href: String,
    /// How many events the day has.
    pub event_count: usize,
    /// `12 événements`.
    pub events_label: String,
    /// How many of them are not shown here.
    pub more: usize,
    /// Always empty here (a month's day index lists a long day's parts).
    pub parts: Vec<PageLink>,
    /// The events shown (its most salient), in timeline order.
    pub events: Vec<&'a EventView>,
}

/// A link to a page of the chronology, or to one part of a day.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// What the page shows (`lundi 4 mai 2020`, `mai 2020`).
    pub label: String,
    /// Link (site-relative).
    pub href: String,
    /// Part number (1-based) when a day is cut in parts, else 1.
    pub n: usize,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// A day of a month split into day pages, as its month page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DayEntry {
    /// `2020-05-04`.
    pub key: String,
    /// `lundi 4 mai 2020`.
    pub label: String,
    /// Value for `<time datetime>`.
    pub datetime: String,
    /// `day`, `month`…
    pub precision: String,
    /// Link to the day's (first) page.
    pub href: String,
    /// How many events the day has.
    pub event_count: usize,
    /// `12 événements`.
    pub events_label: String,
    /// Its parts when it is cut in several pages (empty otherwise).
    pub parts: Vec<PageLink>,
    /// Its most salient events, in timeline order.
    pub events: Vec<EventLink>,
}

/// The navigation entry of every period of `plan` (planned from `events`), in date order.
/// Periods of background only before or after the story's are listed by decade, so that a
/// story recalling facts of many past years does not push its own months down a long list of
/// single years.
pub fn period_links(plan: &Plan, events: &[crate::timeline::Event], env: &Env) -> Vec<PeriodLink> {
    let story: Vec<bool> = plan
        .periods
        .iter()
        .map(|p| {
            p.events
                .iter()
                .any(|&i| events.get(i).is_some_and(|e| !e.background))
        })
        .collect();
    let first = story.iter().position(|&s| s).unwrap_or(usize::MAX);
    let last = story.iter().rposition(|&s| s).unwrap_or(0);
    plan.periods
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let label = env.locale.date_of(&p.value);
            let background = k < first || k > last;
            let w = &p.value;
            let year = match w.precision() {
                p if background && p >= Precision::Decade => env
                    .locale
                    .date_of(&DateValue::Decade(w.year().div_euclid(10) as u16)),
                p if p >= Precision::Year => w.year().to_string(),
                _ => label.clone(),
            };
            PeriodLink {
                datetime: datetime_of(&p.value, env.tz),
                href: env.link(&p.path),
                event_count: p.events.len(),
                events_label: env.locale.count(p.events.len(), "event"),
                key: p.key.clone(),
                label,
                year,
            }
        })
        .collect()
}

/// The periods grouped by year, in date order.
pub fn month_years(months: &[PeriodLink]) -> Vec<YearLinks> {
    let mut out: Vec<YearLinks> = Vec::new();
    for m in months {
        match out.last_mut() {
            Some(y) if y.year == m.year => y.months.push(m.clone()),
            _ => out.push(YearLinks {
                year: m.year.clone(),
                months: vec![m.clone()],
                event_count: 0,
                collapsed: false,
            }),
        }
        if let Some(y) = out.last_mut() {
            y.event_count += m.event_count;
        }
    }
    out
}

/// [`month_years`] for the chronology page of period `current`: the months of its own calendar
/// year, the groups just before and after its group as one link each; the others are left to
/// the home page's month index (every month of every year on each month page would grow with
/// the square of the story's length; a background group spans a decade). The flag says whether
/// some periods were left out.
pub fn month_years_around(
    months: &[PeriodLink],
    current: Option<&PeriodLink>,
) -> (Vec<YearLinks>, bool) {
    let all = month_years(months);
    let Some(current) = current else {
        return (all, false);
    };
    let Some(at) = all.iter().position(|y| y.year == current.year) else {
        return (all, false);
    };
    let calendar_year = |key: &str| key.get(..4).map(str::to_owned);
    let own = calendar_year(&current.key);
    let shown_before = all.iter().map(|y| y.months.len()).sum::<usize>();
    let mut out = Vec::new();
    for (i, mut y) in all.into_iter().enumerate() {
        if i + 1 < at || i > at + 1 {
            continue;
        }
        if i == at {
            y.months.retain(|m| calendar_year(&m.key) == own);
        } else {
            y.months.truncate(1);
            y.collapsed = true;
        }
        out.push(y);
    }
    let shown = out.iter().map(|y| y.months.len()).sum::<usize>();
    (out, shown < shown_before)
}

/// Label, precision and datetime of the group an event falls in.
fn group_labels(date: &DateValue, env: &Env) -> (String, String, String) {
    let g = date.group();
    (
        env.locale.date_of(&g),
        g.precision().name().to_string(),
        datetime_of(&g, env.tz),
    )
}

/// Consecutive runs of events (timeline indices) with one group key.
fn runs(idx: &[usize], events: &[EventView]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for &i in idx {
        let k = events[i].event.date.group_key();
        match out.last_mut() {
            Some((key, v)) if *key == k => v.push(i),
            _ => out.push((k, vec![i])),
        }
    }
    out
}

/// The `n` most salient of `idx` (ties: earlier first), back in timeline order.
fn most_salient(idx: &[usize], events: &[EventView], n: usize) -> Vec<usize> {
    let mut ranked = idx.to_vec();
    ranked.sort_by(|&a, &b| {
        events[b]
            .event
            .salience
            .total_cmp(&events[a].event.salience)
            .then(a.cmp(&b))
    });
    ranked.truncate(n);
    ranked.sort_unstable();
    ranked
}

fn is_day_or_finer(e: &EventView) -> bool {
    e.event.date.precision() >= Precision::Day
}

impl Pages<'_> {
    /// Link to the whole group `key` whose first event is `first`: its own page when its
    /// month is split into days, else its anchor on the month page.
    fn group_href(&self, key: &str, first: usize) -> String {
        let plan = &self.plan;
        match plan.page_of.get(first).and_then(|&k| plan.pages.get(k)) {
            Some(p) if p.group.is_some() => self.env.link(&p.path),
            Some(p) => self.env.link(&format!("{}#d-{key}", p.path)),
            None => self.env.link("index.html"),
        }
    }

    fn summary_day<'v>(&'v self, key: String, all: &[usize], shown: &[usize]) -> SummaryDay<'v> {
        let events = &self.views.events;
        let first = all.first().copied().unwrap_or(0);
        let (label, precision, datetime) = events
            .get(first)
            .map(|e| group_labels(&e.event.date, self.env))
            .unwrap_or_default();
        SummaryDay {
            href: self.group_href(&key, first),
            key,
            label,
            datetime,
            precision,
            event_count: all.len(),
            events_label: self.env.locale.count(all.len(), "event"),
            more: all.len() - shown.len(),
            parts: Vec::new(),
            events: shown.iter().map(|&i| &events[i]).collect(),
        }
    }

    /// The home page's summary: `summary_days` (the top days with their main events, or every
    /// day of a small story), `context_summary` (background, and in a large story the events
    /// known only to a month or a year), `context_more`, `home_complete`, and the month
    /// navigation (`months`, `month_years`).
    pub(super) fn insert_home(&self, ctx: &mut Context) {
        let events = &self.views.events;
        let (background, story): (Vec<usize>, Vec<usize>) =
            (0..events.len()).partition(|&i| events[i].event.background);
        let complete = story.len() <= HOME_COMPLETE && background.len() <= HOME_CONTEXT;
        let (days, context, context_more) = if complete {
            let days: Vec<SummaryDay> = runs(&story, events)
                .into_iter()
                .map(|(key, idx)| self.summary_day(key, &idx, &idx))
                .collect();
            (days, background, 0)
        } else {
            let top = top_days(&self.input.timeline.events, HOME_DAYS);
            let mut by_day: BTreeMap<&str, Vec<usize>> =
                top.iter().map(|k| (k.as_str(), Vec::new())).collect();
            for &i in &story {
                if !is_day_or_finer(&events[i]) {
                    continue;
                }
                if let Some(v) = by_day.get_mut(events[i].event.date.group_key().as_str()) {
                    v.push(i);
                }
            }
            let days = by_day
                .into_iter()
                .filter(|(_, idx)| !idx.is_empty())
                .map(|(key, idx)| {
                    let shown = most_salient(&idx, events, MAIN_EVENTS);
                    self.summary_day(key.to_string(), &idx, &shown)
                })
                .collect();
            let others: Vec<usize> = (0..events.len())
                .filter(|&i| events[i].event.background || !is_day_or_finer(&events[i]))
                .collect();
            let shown = most_salient(&others, events, HOME_CONTEXT);
            let more = others.len() - shown.len();
            (days, shown, more)
        };
        let context: Vec<&EventView> = context.iter().map(|&i| &events[i]).collect();
        ctx.insert("home_complete", &complete);
        ctx.insert("summary_days", &days);
        ctx.insert("context_summary", &group_by_day(&context, self.env));
        ctx.insert("context_more", &context_more);
        ctx.insert("months", &self.months);
        ctx.insert("month_years", &month_years(&self.months));
        if let Some(c) = &self.coverage {
            ctx.insert("chart", &c.view(self.env, None));
        }
    }

    /// What a link to chronology page `k` says.
    fn page_link(&self, k: usize, current: usize) -> Option<PageLink> {
        let page = self.plan.pages.get(k)?;
        let label = match page.group {
            Some(g) => {
                let group = self.plan.periods.get(page.period)?.groups.get(g)?;
                let first = *group.events.first()?;
                group_labels(&self.views.events.get(first)?.event.date, self.env).0
            }
            None => self.months.get(page.period)?.label.clone(),
        };
        Some(PageLink {
            label,
            href: self.env.link(&page.path),
            n: page.part + 1,
            current: k == current,
        })
    }

    /// A day of a split period, as its index lists it (`current`: the page being rendered).
    fn day_entry(&self, period: usize, g: usize, current: usize) -> Option<DayEntry> {
        let group = self.plan.periods.get(period)?.groups.get(g)?;
        let first = *group.events.first()?;
        let (label, precision, datetime) =
            group_labels(&self.views.events.get(first)?.event.date, self.env);
        let pages = self.plan.group_pages(period, g);
        let parts: Vec<PageLink> = if pages.len() > 1 {
            pages
                .iter()
                .filter_map(|&k| self.page_link(k, current))
                .collect()
        } else {
            Vec::new()
        };
        Some(DayEntry {
            key: group.key.clone(),
            label,
            datetime,
            precision,
            href: self.env.link(&self.plan.pages.get(group.page)?.path),
            event_count: group.events.len(),
            events_label: self.env.locale.count(group.events.len(), "event"),
            parts,
            events: most_salient(&group.events, &self.views.events, MAIN_EVENTS)
                .into_iter()
                .map(|i| self.views.links[i].clone())
                .collect(),
        })
    }

    /// The values of chronology page `k`: `period`, `days` (its events, grouped), `months` and
    /// `month_years`, `previous`/`next`; on a month page `day_index` (its days, when it is
    /// split into day pages); on a day page `day` and `part`.
    pub(super) fn insert_chronology(&self, k: usize, ctx: &mut Context) {
        let Some(page) = self.plan.pages.get(k) else {
            return;
        };
        let events: Vec<&EventView> = page
            .events
            .iter()
            .filter_map(|&i| self.views.events.get(i))
            .collect();
        ctx.insert("period", &self.months.get(page.period));
        // Month pages draw the chart with their month highlighted; day pages do not draw it.
        if page.group.is_none()
            && let Some(c) = &self.coverage
        {
            let key = self.months.get(page.period).map(|p| p.key.as_str());
            ctx.insert("chart", &c.view(self.env, key));
        }
        ctx.insert("months", &self.months);
        let (near, left_out) = month_years_around(&self.months, self.months.get(page.period));
        ctx.insert("month_years", &near);
        ctx.insert("other_years", &left_out);
        ctx.insert("days", &group_by_day(&events, self.env));
        match page.group {
            None => {
                let split = self.plan.periods.get(page.period).is_some_and(|p| p.split);
                let index: Vec<DayEntry> = match self.plan.periods.get(page.period) {
                    Some(p) if split => (0..p.groups.len())
                        .filter_map(|g| self.day_entry(page.period, g, k))
                        .collect(),
                    _ => Vec::new(),
                };
                ctx.insert("day_index", &index);
                ctx.insert(
                    "previous",
                    &page.period.checked_sub(1).and_then(|j| self.months.get(j)),
                );
                ctx.insert("next", &self.months.get(page.period + 1));
            }
            Some(g) => {
                ctx.insert("day", &self.day_entry(page.period, g, k));
                ctx.insert("part", &(page.part + 1));
                // The neighbouring pages that show events (a split month's index shows none).
                let holds = |j: &usize| !self.plan.pages[*j].events.is_empty();
                let prev = (0..k).rev().find(holds);
                let next = (k + 1..self.plan.pages.len()).find(holds);
                ctx.insert("previous", &prev.and_then(|j| self.page_link(j, k)));
                ctx.insert("next", &next.and_then(|j| self.page_link(j, k)));
            }
        }
    }
}
