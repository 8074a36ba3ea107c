//! The sorted, serialisable timeline: the `timeline.json` contract (../shared/spec/timeline-json.md).
//!
//! Field order in these structs is the key order of the JSON file; add fields, never rename or
//! reorder existing ones.

pub mod layout;
pub mod value;

use serde::{Deserialize, Serialize};

pub use value::{DateValue, PartOfDay, Precision, Season};

/// How an article's publication date was found: the `published_basis` of `timeline.json`.
///
/// In order of trust: stated by the article's own metadata, read from its text, inferred by the
/// pipeline, or not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// The `date` key of the front matter.
    FrontMatter,
    /// A saved web page's structured metadata (JSON-LD, Open Graph, `<meta name="date">`,
    /// `<time datetime>`).
    Metadata,
    /// A date line in the text itself (`Publié le 20 septembre 2023`).
    Header,
    /// Inferred from the text and from the events it shares with dated articles.
    Inferred,
    /// No date given and none could be inferred.
    Unknown,
}

impl DateBasis {
    /// Every value, in order of trust.
    pub const ALL: [DateBasis; 5] = [
        DateBasis::FrontMatter,
        DateBasis::Metadata,
        DateBasis::Header,
        DateBasis::Inferred,
        DateBasis::Unknown,
    ];

    /// The value as written in `timeline.json` (`front-matter`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::FrontMatter => "front-matter",
            DateBasis::Metadata => "metadata",
            DateBasis::Header => "header",
            DateBasis::Inferred => "inferred",
            DateBasis::Unknown => "unknown",
        }
    }

    /// Parses a value as written in `timeline.json`.
    pub fn parse(s: &str) -> Option<DateBasis> {
        DateBasis::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Did the article itself state the date (as opposed to the pipeline inferring it)?
    pub fn is_stated(self) -> bool {
        matches!(
            self,
            DateBasis::FrontMatter | DateBasis::Metadata | DateBasis::Header
        )
    }
}

impl std::fmt::Display for DateBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<&str> for DateBasis {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Version of the timeline.json format.
pub const FORMAT_VERSION: u32 = 1;

/// The whole `timeline.json` document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Timeline {
    /// Always [`FORMAT_VERSION`].
    pub version: u32,
    /// Site metadata.
    pub site: SiteInfo,
    /// Every loaded article, in content order.
    pub sources: Vec<Source>,
    /// Events sorted by date, then id.
    pub events: Vec<Event>,
}

/// Site-level metadata in timeline.json.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SiteInfo {
    /// Site title from site.toml.
    pub title: String,
    /// Absolute base URL, if configured.
    pub base_url: Option<String>,
    /// Default language code (`fr`, `en`).
    pub language: String,
}

/// From this `published_confidence` an inferred date is called sure.
pub const CONFIDENCE_HIGH: f64 = 0.8;
/// Below this `published_confidence` an inferred date is called weak (and `annales check`
/// warns about it).
pub const CONFIDENCE_LOW: f64 = 0.5;

/// What an inferred publication date rests on: the `published_evidence` of `timeline.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum DatingEvidence {
    /// Dated mentions of the article fall on days that other articles report, read from this
    /// publication day.
    Matches {
        /// How many of them.
        mentions: usize,
    },
    /// Nothing matched: the latest day the text names.
    LatestDay,
}

/// One article the timeline cites.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// Stable id derived from the file name (`004-856e30749f8e2859`).
    pub id: String,
    /// Path relative to the site root (`content/004_856e30749f8e2859.txt`).
    pub path: String,
    /// Article title.
    pub title: String,
    /// Publishing outlet, when known.
    pub outlet: Option<String>,
    /// Original URL, when known.
    pub url: Option<String>,
    /// Author, when known.
    pub author: Option<String>,
    /// Language code of the article.
    pub language: String,
    /// Publication date as a TIMEX3 value at the precision known (`2023-09`, `2023-09-20`).
    pub published: Option<DateValue>,
    /// How `published` was found.
    pub published_basis: DateBasis,
    /// Site-relative link to the source page (`sources/<id>/`).
    pub page: String,
    /// 0–1: how sure the pipeline is of an inferred `published`; `null` when the article
    /// states its date or none was found.
    #[serde(default)]
    pub published_confidence: Option<f64>,
    /// What an inferred `published` rests on; `null` otherwise.
    #[serde(default)]
    pub published_evidence: Option<DatingEvidence>,
}

/// One dated happening, merged across sources.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// Stable id (`2023-09-20-cessez-le-feu`), independent of file order.
    pub id: String,
    /// TIMEX3 value at the precision the sources support.
    pub date: DateValue,
    /// End of the event, when it spans a period.
    pub end: Option<DateValue>,
    /// Short, extractive headline.
    pub headline: String,
    /// One-line summary.
    pub summary: String,
    /// Ranking weight; higher is more important.
    pub salience: f64,
    /// Free tags (names, places, kinds).
    pub tags: Vec<String>,
    /// One citation per supporting quote.
    pub citations: Vec<Citation>,
    /// Where sources disagree about this event.
    pub conflicts: Vec<Conflict>,
    /// Added or changed by hand in `content/_timeline.toml`.
    #[serde(default)]
    pub editorial: bool,
    /// Dated well outside the collection's publication window: context, not the story. Shown
    /// apart ("Contexte"), ranked below every story event.
    #[serde(default)]
    pub background: bool,
}

/// A quote from one source that supports an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Citation {
    /// Id of the cited [`Source`].
    pub source: String,
    /// The exact quote, as in the source body. A quote longer than the quote limit is cut
    /// around its date: it then starts with `… ` and/or ends with ` …`, and `start`/`end`
    /// cover only the verbatim part between the marks.
    pub quote: String,
    /// The temporal expression in the quote that dated the event, verbatim.
    pub time_text: String,
    /// Character offset (Unicode scalar values) of the quote in the source body.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// Site-relative link to the highlighted quote (`sources/<id>/#q-<start>`).
    pub anchor: String,
    /// The date this quote gives the event (TIMEX3 value, `2023-09-20T11:00`): in a date
    /// disagreement, the value it supports. Empty when the quote was added by hand.
    #[serde(default)]
    pub value: String,
}

/// A disagreement between sources about one event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Conflict {
    /// `date` or `figure`.
    pub kind: String,
    /// For a figure: the quantity the figures count (`dead`, `wounded`, `evacuated`,
    /// `displaced`, `arrested`, `missing`: the keys of the event lexicons' `[quantities]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    /// A plain-English explanation, for tools reading timeline.json; pages do not show it but
    /// word the disagreement in the site's language from `kind`, `quantity` and `values`.
    pub note: String,
    /// The disagreeing values.
    pub values: Vec<String>,
    /// The sources behind the values, in the same order.
    pub sources: Vec<String>,
}

/// Events by rank, as the key-events page and the feed show them: most salient first, then by
/// date and id (so ties never depend on input order).
pub fn ranked<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Event> {
    let mut v: Vec<&Event> = events.into_iter().collect();
    v.sort_by(|a, b| {
        b.salience
            .total_cmp(&a.salience)
            .then_with(|| a.date.sort_key().cmp(&b.date.sort_key()))
            .then_with(|| a.id.cmp(&b.id))
    });
    v
}

/// Ids of the key events: the `limit` most salient (ties: earlier first, then by id). Only
/// story events count, unless every event is background: the key events are the story's.
pub fn key_event_ids(events: &[Event], limit: usize) -> std::collections::BTreeSet<String> {
    let any_story = events.iter().any(|e| !e.background);
    ranked(events.iter().filter(|e| !any_story || !e.background))
        .into_iter()
        .take(limit)
        .map(|e| e.id.clone())
        .collect()
}

/// Sorts events by date (coarse before fine), then id, as the contract requires.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| {
        a.date
            .sort_key()
            .cmp(&b.date.sort_key())
            .then_with(|| a.id.cmp(&b.id))
    });
}
