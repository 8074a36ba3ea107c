//! The bridge to the temporal tagger: tags an article body against what is known of its date.

use chrono::NaiveDate;

use crate::content::Article;
use crate::time::{self, Reference, Timex};

/// Tags the body of `article` with `reference` as its publication day, or, without one, with
/// what its own date gives (a month, a year, or nothing).
pub fn tag_body(article: &Article, reference: Option<NaiveDate>) -> Vec<Timex> {
    let r = match (reference, article.date) {
        (Some(d), _) => Reference::Day(d),
        (None, Some(p)) => match (p.month, p.naive()) {
            (_, Some(d)) => Reference::Day(d),
            (Some(month), None) => Reference::Month {
                year: p.year,
                month,
            },
            (None, None) => Reference::Year(p.year),
        },
        (None, None) => Reference::Unknown,
    };
    time::tag_in(&article.body, article.lang, &r)
}

/// The day an article's own date gives, when it gives one.
pub fn own_day(article: &Article) -> Option<NaiveDate> {
    article.date.and_then(|d| d.naive())
}
