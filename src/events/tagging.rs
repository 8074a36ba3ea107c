//! The bridge to the temporal tagger: tags an article body against what is known of its date.

use chrono::NaiveDate;

use crate::content::{Article, PartialDate};
use crate::time::{self, Timex};

/// Tags the body of `article` with `reference` as its publication date (day precision), or
/// with only its partial date (month, year) known, or with nothing known.
pub fn tag_body(article: &Article, reference: Option<NaiveDate>) -> Vec<Timex> {
    match reference {
        Some(d) => time::tag(&article.body, article.lang, Some(d)),
        None => {
            let mut out = time::tag(&article.body, article.lang, None);
            if let Some(p) = article.date {
                fill_year(&mut out, p);
            }
            out
        }
    }
}

/// Under a partial date (`2023-09`), an explicit day without a year (`jeudi 21 septembre`)
/// takes the year the partial date gives.
fn fill_year(timexes: &mut [Timex], partial: PartialDate) {
    for t in timexes {
        if let Some(rest) = t.value.strip_prefix("XXXX-")
            && rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
        {
            let candidate = format!("{:04}-{rest}", partial.year);
            if super::value::precision(&candidate).is_some()
                && partial
                    .month
                    .is_none_or(|m| candidate.get(5..7) == Some(&format!("{m:02}")))
            {
                t.value = candidate;
                t.anchor = time::Anchor::None;
            }
        }
    }
}

/// The day an article's own date gives, when it gives one.
pub fn own_day(article: &Article) -> Option<NaiveDate> {
    article.date.and_then(|d| d.naive())
}
