//! `timelinejs.json`: the timeline in the TimelineJS3 JSON format, so that it can be dropped
//! into that viewer. Text fields are HTML there, so everything from articles is escaped.

use std::collections::BTreeMap;

use chrono::{Datelike, Timelike};
use serde::Serialize;

use super::{Format, FormatInput, escape_html};
use crate::render::RenderInput;
use crate::render::links::{Env, event_page};
use crate::timeline::{DateValue, Precision};

/// `timelinejs.json`.
pub struct TimelineJs;

impl Format for TimelineJs {
    fn path(&self) -> &'static str {
        "timelinejs.json"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        super::written(self, cx)
    }

    // Written as it is serialised: the document of a large site is tens of megabytes, and a
    // build holds it only once, not again as one buffer.
    fn write_into(&self, cx: &FormatInput, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        super::write_pretty_json(out, &document(cx.input, cx.env))
    }
}
use crate::timeline::Source;

/// A TimelineJS3 date; absent parts are left out.
#[derive(Debug, Serialize)]
pub struct TjsDate {
    /// Year (first year of a decade or century).
    pub year: i32,
    /// Month 1–12.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// Day of month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// Hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    /// Minute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minute: Option<u32>,
    /// How the date is shown (`mercredi 20 septembre 2023, 11 h 00`).
    pub display_date: String,
}

/// Headline and HTML text.
#[derive(Debug, Serialize)]
pub struct TjsText {
    /// Headline (HTML).
    pub headline: String,
    /// Body (HTML).
    pub text: String,
}

/// One slide.
#[derive(Debug, Serialize)]
pub struct TjsEvent {
    /// Start.
    pub start_date: TjsDate,
    /// End, for periods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TjsDate>,
    /// Headline and text.
    pub text: TjsText,
    /// Stable id.
    pub unique_id: String,
    /// Coarse events (a month, a year) are grouped as background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// The document.
#[derive(Debug, Serialize)]
pub struct TjsTimeline {
    /// Title slide.
    pub title: TjsTitle,
    /// Slides.
    pub events: Vec<TjsEvent>,
}

/// The title slide.
#[derive(Debug, Serialize)]
pub struct TjsTitle {
    /// Site title and description.
    pub text: TjsText,
}

fn tjs_date(w: &DateValue, env: &Env) -> TjsDate {
    TjsDate {
        year: w.year(),
        month: w.month(),
        day: w.date().map(|d| d.day()),
        hour: w
            .clock()
            .map(|t| t.0)
            .or_else(|| w.part().and_then(|_| w.start().map(|s| s.hour()))),
        minute: w.clock().map(|t| t.1),
        display_date: env.locale.when_of(w),
    }
}

/// The TimelineJS3 document of the site.
fn document(input: &RenderInput, env: &Env) -> TjsTimeline {
    let tl = &input.timeline;
    let sources: BTreeMap<&str, &Source> = tl.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let link = |path: &str| env.absolute(path).unwrap_or_else(|| env.link(path));
    let events = tl
        .events
        .iter()
        .map(|e| {
            let start_date = tjs_date(&e.date, env);
            let coarse = e.date.precision() < Precision::Day;
            let mut text = format!("<p>{}</p><ol>", escape_html(&e.summary));
            for c in &e.citations {
                let title = sources
                    .get(c.source.as_str())
                    .map(|s| s.title.as_str())
                    .unwrap_or(c.source.as_str());
                text.push_str(&format!(
                    "<li>« {} » — <a href=\"{}\">{}</a></li>",
                    escape_html(&c.quote),
                    escape_html(&link(&crate::render::links::quote_path(c))),
                    escape_html(title)
                ));
            }
            text.push_str(&format!(
                "</ol><p><a href=\"{}\">{}</a></p>",
                escape_html(&link(&event_page(&e.id))),
                escape_html(&env.locale.label("permalink"))
            ));
            TjsEvent {
                start_date,
                end_date: e.end.as_ref().map(|v| tjs_date(v, env)),
                text: TjsText {
                    headline: escape_html(&e.headline),
                    text,
                },
                unique_id: crate::render::links::path_segment(&e.id),
                group: coarse.then(|| env.locale.label("background")),
            }
        })
        .collect();
    TjsTimeline {
        title: TjsTitle {
            text: TjsText {
                headline: escape_html(&tl.site.title),
                text: format!("<p>{}</p>", escape_html(&input.config.description)),
            },
        },
        events,
    }
}
