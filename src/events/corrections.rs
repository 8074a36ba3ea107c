//! Editorial corrections (`content/_timeline.toml`): add, redate, retitle, hide or merge events
//! without touching the articles.
//!
//! ```toml
//! # Change an event found in the articles (by its id, as shown by `annales check -v`).
//! [[edit]]
//! id = "2024-03-14-council-approves-bridge"
//! date = "2024-03-13T18:00"        # optional: a new date
//! headline = "Council approves the bridge"  # optional: a new headline
//! hide = false                     # optional: true leaves it off the timeline
//!
//! # Merge events: the first keeps its id and gets the others' citations.
//! [[merge]]
//! ids = ["2024-03-14-council-approves-bridge", "2024-03-14-vote-river-bridge"]
//!
//! # Add an event by hand, citing an exact sentence of a source.
//! [[add]]
//! date = "2024-03-18"
//! headline = "Construction starts"
//! source = "example"               # a source id
//! quote = "Construction will start on Monday"  # verbatim, found in its body
//! ```
//!
//! Every edited or added event is marked `editorial` in timeline.json.

use std::path::Path;

use serde::Deserialize;

use crate::content::{Article, ContentError};
use crate::timeline::{Citation, DateValue, Event};

/// The parsed corrections file; empty when the site has none.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Changes to extracted events.
    #[serde(default)]
    pub edit: Vec<Edit>,
    /// Events to merge.
    #[serde(default)]
    pub merge: Vec<Merge>,
    /// Hand-made events.
    #[serde(default)]
    pub add: Vec<Add>,
}

/// A change to one extracted event.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// Event id.
    pub id: String,
    /// New date (TIMEX3 value).
    pub date: Option<String>,
    /// New headline.
    pub headline: Option<String>,
    /// New summary.
    pub summary: Option<String>,
    /// Leave the event off the timeline.
    #[serde(default)]
    pub hide: bool,
}

/// Events to merge into the first.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    /// Ids; the first survives.
    pub ids: Vec<String>,
}

/// A hand-made event.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Add {
    /// Id; made from the date and headline when absent.
    pub id: Option<String>,
    /// Date (TIMEX3 value).
    pub date: String,
    /// Headline.
    pub headline: String,
    /// Summary.
    #[serde(default)]
    pub summary: String,
    /// Cited source id.
    pub source: Option<String>,
    /// Verbatim text of that source's body.
    pub quote: Option<String>,
}

/// File name of the corrections file, under `content/`.
pub const FILE_NAME: &str = "_timeline.toml";

impl Corrections {
    /// Loads `root/content/_timeline.toml`, or nothing when the file does not exist.
    pub fn load(root: &Path) -> Result<Corrections, ContentError> {
        let path = root.join("content").join(FILE_NAME);
        let rel = format!("content/{FILE_NAME}");
        // A FIFO or a link to a device here must not hang or exhaust the build: see `fsread`.
        let bytes = match crate::fsread::read_regular(&path, crate::fsread::MAX_CONFIG_BYTES) {
            Ok(b) => b,
            Err(crate::fsread::ReadError::NotFound(_)) => return Ok(Corrections::default()),
            Err(e) => {
                return Err(ContentError {
                    path: rel,
                    position: None,
                    message: e.message(),
                });
            }
        };
        if crate::fsread::links_outside(&path, root) {
            return Err(ContentError {
                path: rel,
                position: None,
                message: "is a symlink to a file outside the site: Annales reads only files \
                          inside the site folder, so that nothing else on this machine is \
                          published; copy the file into content/ instead"
                    .into(),
            });
        }
        let text = crate::fsread::utf8_text(&bytes).map_err(|e| ContentError {
            path: rel.clone(),
            position: e.position,
            message: e.message,
        })?;
        Corrections::parse(text).map_err(|(position, message)| ContentError {
            path: rel,
            position,
            message,
        })
    }

    /// Parses the file's text; errors carry a line and column.
    pub fn parse(text: &str) -> Result<Corrections, (Option<(usize, usize)>, String)> {
        let c: Corrections = toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| crate::text::line_col(text, s.start));
            (
                pos,
                format!(
                    "{}\n  expected [[edit]] (id, date, headline, summary, hide), [[merge]] (ids) or [[add]] (date, headline, summary, source, quote)",
                    e.message()
                ),
            )
        })?;
        let mut c = c;
        check_dates(text, &mut c)?;
        Ok(c)
    }
}

/// Where each entry's `date` value is, read again with spans (serde ignores the other keys).
#[derive(Deserialize)]
struct DateSpans {
    #[serde(default)]
    edit: Vec<EntrySpan>,
    #[serde(default)]
    add: Vec<EntrySpan>,
}

#[derive(Deserialize)]
struct EntrySpan {
    date: Option<toml::Spanned<String>>,
}

/// Checks every `[[edit]]` and `[[add]]` date with the one TIMEX3 parser, so that no value the
/// pipeline cannot place (`garbage`, `2023-13`, `2023-02-30`, `2023-W54`) reaches the timeline,
/// and writes each in its canonical form (`T24:00` is the next day at `T00:00`; an RFC 3339
/// timestamp, as front matter takes, keeps its local date and time).
fn check_dates(text: &str, c: &mut Corrections) -> Result<(), (Option<(usize, usize)>, String)> {
    let spans: Option<DateSpans> = toml::from_str(text).ok();
    let at = |table: &str, k: usize| {
        let s = spans.as_ref()?;
        let list = if table == "edit" { &s.edit } else { &s.add };
        let start = list.get(k)?.date.as_ref()?.span().start;
        Some(crate::text::line_col(text, start))
    };
    let dates = c
        .edit
        .iter_mut()
        .enumerate()
        .filter_map(|(k, e)| Some(("edit", k, format!("`{}`", e.id), e.date.as_mut()?)))
        .chain(c.add.iter_mut().enumerate().map(|(k, a)| {
            let name = format!("`{}`", a.id.as_deref().unwrap_or(&a.headline));
            ("add", k, name, &mut a.date)
        }));
    for (table, k, name, date) in dates {
        match canonical_date(date) {
            Ok(v) => *date = v,
            Err(why) => {
                return Err((
                    at(table, k),
                    format!(
                        "[[{table}]] {name} (entry {} of [[{table}]]): date {why}\n  expected {}",
                        k + 1,
                        crate::timeline::value::ACCEPTED
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A correction's date in canonical TIMEX3 form, or why it is not one.
fn canonical_date(date: &str) -> Result<String, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(date.trim()) {
        let local = t.naive_local();
        if (0..=9999).contains(&chrono::Datelike::year(&local)) {
            return Ok(local.format("%Y-%m-%dT%H:%M").to_string());
        }
    }
    DateValue::parse(date).map(|v| v.to_string())
}

/// Applies the corrections to the extracted events; what cannot be applied becomes a warning.
pub fn apply(
    c: &Corrections,
    events: &mut Vec<Event>,
    articles: &[Article],
    warnings: &mut Vec<String>,
) {
    let file = format!("content/{FILE_NAME}");
    for m in &c.merge {
        let Some((first, rest)) = m.ids.split_first() else {
            continue;
        };
        let Some(mut target) = events.iter().position(|e| &e.id == first) else {
            warnings.push(format!(
                "{file}: [[merge]] names `{first}`, which is not an event id"
            ));
            continue;
        };
        for id in rest {
            let Some(k) = events.iter().position(|e| &e.id == id) else {
                warnings.push(format!(
                    "{file}: [[merge]] names `{id}`, which is not an event id"
                ));
                continue;
            };
            if k == target {
                continue;
            }
            let other = events.remove(k);
            if k < target {
                target -= 1;
            }
            let e = &mut events[target];
            for cit in other.citations {
                if !e
                    .citations
                    .iter()
                    .any(|x| x.source == cit.source && x.start == cit.start)
                {
                    e.citations.push(cit);
                }
            }
            e.conflicts.extend(other.conflicts);
            let n: std::collections::BTreeSet<&str> =
                e.citations.iter().map(|x| x.source.as_str()).collect();
            e.salience = e.salience.max(other.salience).max(n.len() as f64);
            e.editorial = true;
            e.citations
                .sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
        }
    }
    for ed in &c.edit {
        let Some(e) = events.iter_mut().find(|e| e.id == ed.id) else {
            warnings.push(format!(
                "{file}: [[edit]] names `{}`, which is not an event id",
                ed.id
            ));
            continue;
        };
        // Checked when the file was read (`check_dates`).
        if let Some(d) = ed.date.as_deref().and_then(|d| DateValue::parse(d).ok()) {
            e.date = d;
        }
        if let Some(h) = &ed.headline {
            e.headline = h.clone();
        }
        if let Some(s) = &ed.summary {
            e.summary = s.clone();
        }
        e.editorial = true;
    }
    events.retain(|e| !c.edit.iter().any(|ed| ed.hide && ed.id == e.id));
    let mut taken: std::collections::HashSet<String> =
        events.iter().map(|e| e.id.clone()).collect();
    let mut next_number: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for a in &c.add {
        let mut citations = Vec::new();
        if let (Some(src), Some(q)) = (&a.source, &a.quote) {
            match articles.iter().find(|x| &x.id == src) {
                Some(art) => match art.body.find(q.as_str()) {
                    Some(byte) => {
                        let start = art.body[..byte].chars().count();
                        citations.push(Citation {
                            source: src.clone(),
                            quote: q.clone(),
                            time_text: String::new(),
                            start,
                            end: start + q.chars().count(),
                            anchor: crate::timeline::layout::quote_anchor(src, start),
                            value: a.date.clone(),
                        });
                    }
                    None => warnings.push(format!(
                        "{file}: [[add]] `{}`: the quote is not in {src}, so the event is left off \
                         the timeline: copy the quote verbatim from the article",
                        a.headline
                    )),
                },
                None => warnings.push(format!(
                    "{file}: [[add]] `{}`: no source has the id `{src}`, so the event is left off \
                     the timeline (`annales check` lists the ids)",
                    a.headline
                )),
            }
        } else {
            warnings.push(format!(
                "{file}: [[add]] `{}`: every event cites a source, so this one is left off the \
                 timeline: give `source` (an id from `annales check`) and `quote` (words copied \
                 verbatim from that article)",
                a.headline
            ));
        }
        // Every published event cites a source: a reader must be able to check it.
        if citations.is_empty() {
            continue;
        }
        // Checked when the file was read (`check_dates`).
        let Ok(date) = DateValue::parse(&a.date) else {
            continue;
        };
        let id =
            a.id.clone()
                .unwrap_or_else(|| super::ids::day_and_headline(&date, &a.headline));
        // Numbered like `dedupe`, in time linear in the number of additions.
        let id = if taken.insert(id.clone()) {
            id
        } else {
            let n = next_number.entry(id.clone()).or_insert(1);
            super::ids::next_free(&id, n, &mut taken)
        };
        events.push(Event {
            id,
            date,
            end: None,
            headline: a.headline.clone(),
            summary: a.summary.clone(),
            salience: citations.len() as f64,
            tags: Vec::new(),
            citations,
            conflicts: Vec::new(),
            editorial: true,
            background: false,
        });
    }
}
