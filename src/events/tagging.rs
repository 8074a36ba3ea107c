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
    let mut out = time::tag_in(&article.body, article.lang, &r);
    if let Reference::Day(d) = r {
        harmonise_weekdays(&mut out, d);
        super::liveblog::date_entries(article, &mut out, d);
    }
    out
}

/// In one news article a bare weekday (`jeudi`) names one day. When the tense of some clauses
/// sends the same bare weekday a week away from the others, the day most of its mentions name
/// (then the one nearest the reference) wins.
fn harmonise_weekdays(timexes: &mut [Timex], reference: NaiveDate) {
    use std::collections::BTreeMap;
    let bare = |t: &Timex| {
        t.weekday.is_some()
            && t.anchor == time::Anchor::Reference
            && t.text.split_whitespace().count() == 1
            && super::value::precision(&t.value)
                .is_some_and(|p| p >= crate::timeline::Precision::Day)
    };
    let mut seen: BTreeMap<u32, BTreeMap<String, usize>> = BTreeMap::new();
    for t in timexes.iter().filter(|t| bare(t)) {
        if let Some(w) = t.weekday {
            *seen
                .entry(w)
                .or_default()
                .entry(t.value[..10].to_string())
                .or_default() += 1;
        }
    }
    for (w, days) in seen {
        if days.len() < 2 {
            continue;
        }
        let distance = |d: &str| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|x| (x - reference).num_days().abs())
                .unwrap_or(i64::MAX)
        };
        let Some(best) = days
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(distance(b.0).cmp(&distance(a.0))))
            .map(|(d, _)| d.clone())
        else {
            continue;
        };
        for t in timexes.iter_mut() {
            if bare(t) && t.weekday == Some(w) && t.value[..10] != best {
                t.value = format!("{best}{}", &t.value[10..]);
            }
        }
    }
}

/// The day an article's own date gives, when it gives one.
pub fn own_day(article: &Article) -> Option<NaiveDate> {
    article.date.and_then(|d| d.naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekday(text: &str, value: &str) -> Timex {
        Timex {
            weekday: Some(4),
            ..crate::events::mentions::tests::timex(text, text, value)
        }
    }

    #[test]
    fn a_bare_weekday_names_one_day_per_article() {
        let d = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
        let mut t = vec![
            weekday("jeudi", "2023-09-21"),
            weekday("jeudi", "2023-09-14"),
            weekday("jeudi", "2023-09-21"),
            weekday("jeudi dernier", "2023-09-14"),
        ];
        harmonise_weekdays(&mut t, d);
        assert_eq!(t[1].value, "2023-09-21");
        assert_eq!(t[3].value, "2023-09-14");
    }
}
