//! The full chronology split into pages a reader can open: one page per month
//! (`chronology/2020-05/`), and where a month holds more than a page's budget, one page per day
//! (`chronology/2020-05/04/`, cut into parts `…/04/2/` if one day alone is over it) with the
//! month page listing its days. Events coarser than a month go to the page of their year,
//! decade or century (`chronology/2020/`, `chronology/199/`). Also ranks the days the home page
//! summarises. Everything here is a function of the timeline's events alone, so the feed and
//! the pages agree on where an event lives.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::timeline::{DateValue, Event, Precision};

/// What a page may hold, in estimated bytes of HTML (see [`weight`]): well under the 1 MB a
/// page may take, since the estimate is rough.
pub const PAGE_BUDGET: usize = 400_000;

/// Rough size of an event's card on a chronology page: its headline and summary (written twice,
/// once in the filter's `data-search`), a line per citation, and the markup around them.
pub fn weight(e: &Event) -> usize {
    let cited = e.citations.len().min(super::html::CARD_REFS);
    900 + 2 * (e.headline.len() + e.summary.len()) + 180 * cited + 20 * e.tags.len()
}

/// The period page an event belongs to: its month, or its year, decade or century when the
/// date is coarser (a season goes to its year).
pub fn period_of(date: &DateValue) -> DateValue {
    match *date {
        DateValue::Century(_) | DateValue::Decade(_) | DateValue::Year(_) => *date,
        DateValue::Season(y, _) => DateValue::Year(y),
        DateValue::Month(y, m) => DateValue::Month(y, m),
        _ => match date.date() {
            Some(d) => DateValue::Month(d.year() as u16, d.month()),
            None => *date,
        },
    }
}

/// One month (or year, decade, century) of the chronology.
#[derive(Debug, Clone)]
pub struct Period {
    /// `2020-05`, `2020`, `199`.
    pub key: String,
    /// The period itself.
    pub value: DateValue,
    /// Site-relative directory (`chronology/2020-05/`).
    pub path: String,
    /// Its events, by timeline index, in timeline order.
    pub events: Vec<usize>,
    /// Whether its events are on day pages (the period page is then their index).
    pub split: bool,
    /// Its groups (days, and the month itself for month-level events), in order.
    pub groups: Vec<Group>,
}

/// A day (or the month, season, year itself) within a period.
#[derive(Debug, Clone)]
pub struct Group {
    /// `2020-05-04`, `2020-05`.
    pub key: String,
    /// Its events, by timeline index.
    pub events: Vec<usize>,
    /// Index in [`Plan::pages`] of its first page.
    pub page: usize,
}

/// A page of the chronology.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site-relative directory (`chronology/2020-05/04/`).
    pub path: String,
    /// The period it belongs to, by index.
    pub period: usize,
    /// The group it shows when it is a day page; `None` for a period page.
    pub group: Option<usize>,
    /// 0-based part of its day (a day over the budget is cut in parts).
    pub part: usize,
    /// The events it shows, by timeline index (none on the index of a split month).
    pub events: Vec<usize>,
}

/// Where every event of the timeline is shown.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The periods in date order.
    pub periods: Vec<Period>,
    /// Every page: each period's page, then its day pages.
    pub pages: Vec<Page>,
    /// The page holding each event, by timeline index.
    pub page_of: Vec<usize>,
}

impl Plan {
    /// Plans the pages of `events` (in timeline order).
    pub fn new(events: &[Event]) -> Plan {
        // Periods in the order their first event comes in the timeline: date order.
        let mut order: Vec<(String, DateValue)> = Vec::new();
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in events.iter().enumerate() {
            let period = period_of(&e.date);
            let k = period.to_string();
            by_key
                .entry(k.clone())
                .or_insert_with(|| {
                    order.push((k, period));
                    Vec::new()
                })
                .push(i);
        }
        let mut plan = Plan {
            page_of: vec![0; events.len()],
            ..Plan::default()
        };
        for (key, value) in order {
            let idx = by_key.remove(&key).unwrap_or_default();
            plan.add_period(key, value, idx, events);
        }
        plan
    }

    fn add_period(&mut self, key: String, value: DateValue, idx: Vec<usize>, events: &[Event]) {
        let p = self.periods.len();
        let path = format!("chronology/{}/", super::links::path_segment(&key));
        let total: usize = idx.iter().map(|&i| weight(&events[i])).sum();
        let split = total > PAGE_BUDGET;
        // Groups of consecutive events with one key (the timeline is in date order).
        let mut groups: Vec<Group> = Vec::new();
        for &i in &idx {
            let g = events[i].date.group_key();
            match groups.last_mut() {
                Some(last) if last.key == g => last.events.push(i),
                _ => groups.push(Group {
                    key: g,
                    events: vec![i],
                    page: self.pages.len(),
                }),
            }
        }
        self.pages.push(Page {
            path: path.clone(),
            period: p,
            group: None,
            part: 0,
            events: if split { Vec::new() } else { idx.clone() },
        });
        if !split {
            for &i in &idx {
                self.page_of[i] = self.pages.len() - 1;
            }
        } else {
            for (gi, g) in groups.iter_mut().enumerate() {
                // `19` for a day of the month, `SP` for a season of the year, `all` for the
                // period itself.
                let rest = g
                    .key
                    .strip_prefix(&key)
                    .and_then(|r| r.strip_prefix('-'))
                    .filter(|r| !r.is_empty())
                    .map(super::links::path_segment)
                    .unwrap_or_else(|| "all".into());
                let base = format!("{path}{rest}/");
                g.page = self.pages.len();
                for (part, chunk) in chunks(&g.events, events).into_iter().enumerate() {
                    let page_path = if part == 0 {
                        base.clone()
                    } else {
                        format!("{base}{}/", part + 1)
                    };
                    for &i in &chunk {
                        self.page_of[i] = self.pages.len();
                    }
                    self.pages.push(Page {
                        path: page_path,
                        period: p,
                        group: Some(gi),
                        part,
                        events: chunk,
                    });
                }
            }
        }
        self.periods.push(Period {
            value,
            key,
            path,
            events: idx,
            split,
            groups,
        });
    }

    /// The site-relative link of an event on its chronology page (`chronology/2020-05/#id`).
    pub fn event_anchor(&self, i: usize, id: &str) -> Option<String> {
        let page = self.pages.get(*self.page_of.get(i)?)?;
        Some(format!("{}#{}", page.path, id))
    }

    /// The pages of one group (its parts), by index in [`Plan::pages`].
    pub fn group_pages(&self, period: usize, group: usize) -> Vec<usize> {
        (0..self.pages.len())
            .skip(
                self.periods
                    .get(period)
                    .and_then(|p| p.groups.get(group))
                    .map(|g| g.page)
                    .unwrap_or(self.pages.len()),
            )
            .take_while(|&k| self.pages[k].period == period && self.pages[k].group == Some(group))
            .collect()
    }
}

/// Cuts a group's events into parts within the page budget (an event heavier than the budget
/// alone gets a part of its own).
fn chunks(idx: &[usize], events: &[Event]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0;
    for &i in idx {
        let w = weight(&events[i]);
        if used + w > PAGE_BUDGET && out.last().is_some_and(|c| !c.is_empty()) {
            out.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(last) = out.last_mut() {
            last.push(i);
        }
    }
    out
}

/// The days the home page summarises: the `limit` days whose day-precision events (and finer)
/// weigh most, a day's weight being the sum of their `salience`, as the key days are ranked by
/// readers of timelines and by the scorer. Background events are left out, as are days with
/// no weight. Returned in date order, as group keys (`2020-05-04`).
pub fn top_days(events: &[Event], limit: usize) -> Vec<String> {
    let mut weight: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for e in events.iter().filter(|e| !e.background) {
        if e.date.precision() >= Precision::Day {
            let day = weight.entry(e.date.group_key()).or_default();
            day.0 += e.salience.max(0.0);
            day.1 += 1;
        }
    }
    let mut ranked: Vec<(String, (f64, usize))> = weight.into_iter().collect();
    // Heaviest first; ties go to the day with more events, then to the earlier day, so the
    // choice never depends on anything else.
    ranked.sort_by(|a, b| {
        (b.1)
            .0
            .total_cmp(&(a.1).0)
            .then_with(|| (b.1).1.cmp(&(a.1).1))
            .then_with(|| a.0.cmp(&b.0))
    });
    ranked.truncate(limit);
    let mut days: Vec<String> = ranked.into_iter().map(|(k, _)| k).collect();
    days.sort();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, date: &str, salience: f64, cites: usize) -> Event {
        let c = crate::timeline::Citation {
            source: "s".into(),
            quote: "q".into(),
            time_text: "t".into(),
            start: 0,
            end: 1,
            anchor: "sources/s/#q-0".into(),
            value: String::new(),
        };
        Event {
            id: id.into(),
            date: DateValue::parse(date).unwrap(),
            end: None,
            headline: format!("Headline {id}"),
            summary: String::new(),
            salience,
            tags: Vec::new(),
            citations: vec![c; cites],
            conflicts: Vec::new(),
            editorial: false,
            background: false,
        }
    }

    #[test]
    fn periods_are_months_or_coarser() {
        let period_key = |v: &str| period_of(&DateValue::parse(v).unwrap()).to_string();
        assert_eq!(period_key("2011-03-19T14:00"), "2011-03");
        assert_eq!(period_key("2011-03"), "2011-03");
        assert_eq!(period_key("2011-SP"), "2011");
        assert_eq!(period_key("1789"), "1789");
        assert_eq!(period_key("199"), "199");
    }

    #[test]
    fn a_heavy_month_is_split_into_day_pages_and_a_heavy_day_into_parts() {
        let mut events = vec![ev("light", "2011-02-01", 1.0, 1)];
        for k in 0..400 {
            events.push(ev(&format!("a{k:03}"), "2011-03-19", 1.0, 3));
        }
        events.push(ev("m", "2011-03", 1.0, 1));
        events.push(ev("b", "2011-03-20", 1.0, 1));
        let plan = Plan::new(&events);
        assert_eq!(plan.periods.len(), 2);
        assert!(!plan.periods[0].split);
        assert!(plan.periods[1].split);
        let paths: Vec<&str> = plan.pages.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"chronology/2011-02/"));
        assert!(paths.contains(&"chronology/2011-03/"));
        assert!(paths.contains(&"chronology/2011-03/19/"));
        assert!(paths.contains(&"chronology/2011-03/19/2/"));
        assert!(paths.contains(&"chronology/2011-03/20/"));
        assert!(paths.contains(&"chronology/2011-03/all/"));
        // Every event is on exactly one page, and each page is within its budget.
        let mut seen = vec![0; events.len()];
        for p in &plan.pages {
            let w: usize = p.events.iter().map(|&i| weight(&events[i])).sum();
            assert!(w <= PAGE_BUDGET, "{} weighs {w}", p.path);
            for &i in &p.events {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
        assert_eq!(
            plan.event_anchor(events.len() - 1, "b").as_deref(),
            Some("chronology/2011-03/20/#b")
        );
        assert!(plan.group_pages(1, 0).len() >= 2);
    }

    #[test]
    fn top_days_are_the_heaviest_in_date_order() {
        let mut events = vec![
            ev("a", "2011-03-01", 1.0, 1),
            ev("b", "2011-03-02", 5.0, 1),
            ev("c", "2011-03-03", 2.0, 1),
            ev("d", "2011-03-03T10:00", 2.0, 1),
            ev("m", "2011-03", 50.0, 1),
        ];
        let mut old = ev("o", "1789-07-14", 99.0, 1);
        old.background = true;
        events.insert(0, old);
        assert_eq!(top_days(&events, 2), vec!["2011-03-02", "2011-03-03"]);
        // A tie goes to the day with more events.
        events.push(ev("e", "2011-03-04", 2.0, 1));
        events.push(ev("f", "2011-03-04", 1.0, 1));
        events.push(ev("h", "2011-03-04", 1.0, 1));
        events.push(ev("g", "2011-03-05", 4.0, 1));
        assert_eq!(top_days(&events, 2), vec!["2011-03-02", "2011-03-04"]);
    }
}
