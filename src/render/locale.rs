//! Display language: month and weekday names, date and time formats and the theme's labels,
//! read from `locale.toml` in each language's folder (`src/lang/<code>/`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Offset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::lang::{self, File, Lang};
use crate::timeline::{DateBasis, DateValue, DatingEvidence, Precision};

/// Format strings with `{placeholders}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Formats {
    /// A full day with its weekday.
    pub day: String,
    /// A day without its weekday.
    pub day_short: String,
    /// A month of a year.
    pub month: String,
    /// A season of a year (`{season}`, `{year}`).
    pub season: String,
    /// A year.
    pub year: String,
    /// A decade (`{start}` = first year).
    pub decade: String,
    /// A century (`{ordinal}`, `{start}`).
    pub century: String,
    /// A clock time (`{hour}`, `{hh}`, `{mm}`).
    pub time: String,
    /// A date with a time (`{date}`, `{time}`).
    pub at: String,
    /// A period (`{start}`, `{end}`).
    pub range: String,
}

/// Everything a language needs for display.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Locale {
    /// Twelve month names.
    pub months: Vec<String>,
    /// Seven weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// How day 1 of a month is written.
    pub first_day: String,
    /// Format strings.
    pub formats: Formats,
    /// Season codes (`FA`) to words.
    pub seasons: BTreeMap<String, String>,
    /// Part-of-day codes (`EV`) to words.
    pub parts_of_day: BTreeMap<String, String>,
    /// `published_basis` values to explanations.
    pub basis: BTreeMap<String, String>,
    /// Theme labels, passed to templates as `t`.
    pub labels: BTreeMap<String, String>,
    /// What `annales serve` says in the page (`[serve]`).
    pub serve: ServeWords,
}

/// The words of `annales serve`'s error overlay and of its fallback pages: kept with the other
/// display strings, so that a preview speaks the site's language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ServeWords {
    /// Above the error: the build failed, the last good version is still shown.
    pub heading: String,
    /// The accessible name of the button that hides the overlay.
    pub hide: String,
    /// Title of the page shown when no build has succeeded yet.
    pub no_site_title: String,
    /// Its text.
    pub no_site_text: String,
    /// Title of the page shown for a missing path when the site has no 404.html.
    pub not_found_title: String,
    /// Its text.
    pub not_found_text: String,
}

#[cfg(test)]
impl ServeWords {
    /// Every string, for checking that each language has them all.
    fn all(&self) -> [&str; 6] {
        [
            &self.heading,
            &self.hide,
            &self.no_site_title,
            &self.no_site_text,
            &self.not_found_title,
            &self.not_found_text,
        ]
    }
}

pub(crate) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

impl Locale {
    /// The display locale of a language.
    pub fn of(lang: Lang) -> &'static Locale {
        static LOCALES: [OnceLock<Locale>; Lang::ALL.len()] =
            [const { OnceLock::new() }; Lang::ALL.len()];
        // Compiled in and loaded for every language by the tests: see `crate::lang`.
        LOCALES[lang as usize].get_or_init(|| lang::parse(lang, File::Locale))
    }

    fn month(&self, m: u32) -> String {
        self.months
            .get(m as usize - 1)
            .cloned()
            .unwrap_or_else(|| format!("{m:02}"))
    }

    /// A day of the month as dates write it (`1er`, `2`).
    pub fn day_number(&self, d: u32) -> String {
        if d == 1 && !self.first_day.is_empty() {
            self.first_day.clone()
        } else {
            d.to_string()
        }
    }

    /// The date part of a value at its own precision (`mercredi 20 septembre 2023`,
    /// `septembre 2023`, `années 1990`); the raw value when it cannot be read.
    pub fn date_label(&self, value: &str) -> String {
        match DateValue::parse(value) {
            Ok(w) => self.date_of(&w),
            Err(_) => value.to_string(),
        }
    }

    /// The date part of a parsed value.
    pub fn date_of(&self, w: &DateValue) -> String {
        let year = w.year().to_string();
        match (w.month(), w.date()) {
            (Some(m), Some(d)) => {
                let weekday = w
                    .weekday()
                    .and_then(|i| self.weekdays.get(i))
                    .cloned()
                    .unwrap_or_default();
                fill(
                    &self.formats.day,
                    &[
                        ("weekday", &weekday),
                        ("day", &self.day_number(d.day())),
                        ("month", &self.month(m)),
                        ("year", &year),
                    ],
                )
                .trim()
                .to_string()
            }
            (Some(m), None) => fill(
                &self.formats.month,
                &[("month", &self.month(m)), ("year", &year)],
            ),
            _ => match w.precision() {
                Precision::Season => {
                    let code = w.season().map(|s| s.code()).unwrap_or_default();
                    let name = self
                        .seasons
                        .get(code)
                        .cloned()
                        .unwrap_or_else(|| code.to_string());
                    fill(&self.formats.season, &[("season", &name), ("year", &year)])
                }
                Precision::Decade => fill(&self.formats.decade, &[("start", &year)]),
                Precision::Century => fill(
                    &self.formats.century,
                    &[
                        ("start", &year),
                        ("ordinal", &(w.year() / 100 + 1).to_string()),
                    ],
                ),
                _ => fill(&self.formats.year, &[("year", &year)]),
            },
        }
    }

    /// The time of day (`11 h 00`, `11:00`) or part of day (`soir`); empty when the value has
    /// neither.
    pub fn time_label(&self, value: &str) -> String {
        DateValue::parse(value)
            .map(|w| self.time_of(&w))
            .unwrap_or_default()
    }

    /// The time part of a parsed value.
    pub fn time_of(&self, w: &DateValue) -> String {
        if let Some((h, m)) = w.clock() {
            return fill(
                &self.formats.time,
                &[
                    ("hour", &h.to_string()),
                    ("hh", &format!("{h:02}")),
                    ("mm", &format!("{m:02}")),
                ],
            );
        }
        w.part()
            .map(|p| {
                self.parts_of_day
                    .get(p.code())
                    .cloned()
                    .unwrap_or_else(|| p.code().to_string())
            })
            .unwrap_or_default()
    }

    /// Date and time together (`mercredi 20 septembre 2023, 11 h 00`).
    pub fn when_label(&self, value: &str) -> String {
        match DateValue::parse(value) {
            Ok(w) => self.when_of(&w),
            Err(_) => value.to_string(),
        }
    }

    /// Date and time of a parsed value together.
    pub fn when_of(&self, w: &DateValue) -> String {
        let date = self.date_of(w);
        let time = self.time_of(w);
        if time.is_empty() {
            date
        } else {
            fill(&self.formats.at, &[("date", &date), ("time", &time)])
        }
    }

    /// A period (`du … au …`).
    pub fn range_of(&self, start: &DateValue, end: &DateValue) -> String {
        fill(
            &self.formats.range,
            &[("start", &self.when_of(start)), ("end", &self.when_of(end))],
        )
    }

    /// Explains how a source's date was found.
    pub fn basis_label(&self, basis: DateBasis) -> String {
        self.basis_label_str(basis.as_str())
    }

    /// Explains a `published_basis` value as a template gives it (an unknown value is shown as
    /// is).
    pub fn basis_label_str(&self, basis: &str) -> String {
        self.basis
            .get(basis)
            .cloned()
            .unwrap_or_else(|| basis.to_string())
    }

    /// A label from the `[labels]` table, or its key when missing.
    pub fn label(&self, key: &str) -> String {
        self.labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// What a disagreement is about, in words: the quantity of a figure (`le nombre de morts`,
    /// label `conflict_figure_<quantity>`) when the locale names it, else the kind (`un
    /// chiffre`, `la date`: label `conflict_<kind>`).
    pub fn conflict_label(&self, kind: &str, quantity: Option<&str>) -> String {
        quantity
            .and_then(|q| self.labels.get(&format!("conflict_{kind}_{q}")))
            .or_else(|| self.labels.get(&format!("conflict_{kind}")))
            .cloned()
            .unwrap_or_else(|| kind.to_string())
    }

    /// One value of a disagreement as pages show it: a date in words for a date conflict, the
    /// figure as given otherwise.
    pub fn conflict_value(&self, kind: &str, value: &str) -> String {
        if kind == "date" {
            self.when_label(value)
        } else {
            value.to_string()
        }
    }

    /// How sure an inferred date is, in words, and what it rests on (`moyenne : 3 dates du
    /// texte recoupent d'autres articles`); `None` for a date the article states.
    pub fn dating_confidence(
        &self,
        confidence: Option<f64>,
        evidence: Option<DatingEvidence>,
    ) -> Option<String> {
        let c = confidence?;
        let level = if c >= crate::timeline::CONFIDENCE_HIGH {
            "confidence_high"
        } else if c >= crate::timeline::CONFIDENCE_LOW {
            "confidence_medium"
        } else {
            "confidence_low"
        };
        let level = self.label(level);
        let rests = match evidence {
            Some(DatingEvidence::Matches { mentions }) => {
                let key = if mentions == 1 {
                    "evidence_matches_one"
                } else {
                    "evidence_matches_many"
                };
                fill(&self.label(key), &[("n", &mentions.to_string())])
            }
            Some(DatingEvidence::LatestDay) => self.label("evidence_latest_day"),
            None => return Some(level),
        };
        Some(format!("{level}{}{rests}", self.label("colon")))
    }

    /// `3 sources`, `1 source` with the locale's words for `noun` (`source`, `citation`, `event`).
    pub fn count(&self, n: usize, noun: &str) -> String {
        let key = if n == 1 {
            format!("{noun}_one")
        } else {
            format!("{noun}_many")
        };
        format!("{n} {}", self.label(&key))
    }
}

/// A machine-readable value for `<time datetime>`: the TIMEX3 value where HTML accepts it, a
/// clock time with the site's UTC offset, a part of day reduced to its day, a decade or century
/// to its first year.
pub fn datetime_attr(value: &str, tz: chrono_tz::Tz) -> String {
    DateValue::parse(value)
        .map(|w| datetime_of(&w, tz))
        .unwrap_or_default()
}

/// [`datetime_attr`] of a parsed value.
pub fn datetime_of(w: &DateValue, tz: chrono_tz::Tz) -> String {
    match w.precision() {
        Precision::Century | Precision::Decade | Precision::Year | Precision::Season => {
            format!("{:04}", w.year())
        }
        Precision::Month | Precision::Day | Precision::PartOfDay => w.group_key(),
        Precision::Minute => match w.start() {
            Some(local) => match tz.from_local_datetime(&local).earliest() {
                Some(dt) => {
                    let secs = dt.offset().fix().local_minus_utc();
                    let offset = if secs == 0 {
                        "Z".to_string()
                    } else {
                        let sign = if secs < 0 { '-' } else { '+' };
                        let a = secs.abs();
                        format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
                    };
                    format!("{}{offset}", local.format("%Y-%m-%dT%H:%M"))
                }
                None => local.format("%Y-%m-%dT%H:%M").to_string(),
            },
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_completely() {
        let en = Locale::of(Lang::En);
        for &lang in Lang::ALL {
            let code = lang.code();
            let l = Locale::of(lang);
            // A language's locale has every label, basis and season the theme can ask for.
            for (what, keys, en_keys) in [
                (
                    "labels",
                    l.labels.keys().collect::<Vec<_>>(),
                    en.labels.keys().collect::<Vec<_>>(),
                ),
                ("basis", l.basis.keys().collect(), en.basis.keys().collect()),
                (
                    "seasons",
                    l.seasons.keys().collect(),
                    en.seasons.keys().collect(),
                ),
            ] {
                assert_eq!(keys, en_keys, "{code}: {what}");
            }
            for basis in DateBasis::ALL {
                assert!(
                    l.basis.contains_key(basis.as_str()),
                    "{code}: basis {basis}"
                );
            }
            for f in [
                &l.formats.day,
                &l.formats.day_short,
                &l.formats.month,
                &l.formats.year,
                &l.formats.time,
                &l.formats.at,
                &l.formats.range,
            ] {
                assert!(!f.is_empty(), "{code}: a format is empty");
            }
            assert_eq!(l.months.len(), 12, "{code}");
            assert_eq!(l.weekdays.len(), 7, "{code}");
            assert_eq!(l.parts_of_day.len(), 5, "{code}");
            assert!(l.labels.contains_key("key_events"), "{code}");
            assert!(
                l.serve.all().iter().all(|w| !w.trim().is_empty()),
                "{code}: a [serve] string is missing"
            );
        }
        let fr = Locale::of(Lang::Fr);
        let en = Locale::of(Lang::En);
        let missing: Vec<_> = fr
            .labels
            .keys()
            .filter(|k| !en.labels.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "labels missing in en: {missing:?}");
    }

    #[test]
    fn days_read_as_a_newsroom_writes_them() {
        let fr = Locale::of(Lang::Fr);
        let en = Locale::of(Lang::En);
        assert_eq!(fr.date_label("2023-09-20"), "mercredi 20 septembre 2023");
        assert_eq!(en.date_label("2023-09-20"), "Wednesday 20 September 2023");
        assert_eq!(fr.date_label("2023-09-01"), "vendredi 1er septembre 2023");
        assert_eq!(fr.time_label("2023-09-20T11:00"), "11 h 00");
        assert_eq!(en.time_label("2023-09-20T09:05"), "09:05");
        assert_eq!(fr.time_label("2023-09-19TEV"), "soir");
        assert_eq!(en.time_label("2023-09-19TEV"), "evening");
        assert_eq!(
            fr.when_label("2023-09-20T11:00"),
            "mercredi 20 septembre 2023, 11 h 00"
        );
    }

    #[test]
    fn coarse_dates_keep_their_precision() {
        let fr = Locale::of(Lang::Fr);
        assert_eq!(fr.date_label("2023-09"), "septembre 2023");
        assert_eq!(fr.date_label("2023"), "2023");
        assert_eq!(fr.date_label("2020-FA"), "automne 2020");
        assert_eq!(Locale::of(Lang::En).date_label("2020-FA"), "autumn 2020");
        assert_eq!(fr.date_label("199"), "années 1990");
        assert_eq!(Locale::of(Lang::En).date_label("199"), "the 1990s");
        assert_eq!(fr.time_label("2023-09"), "");
        assert_eq!(fr.date_label("XXXX-WXX-2"), "XXXX-WXX-2");
    }

    #[test]
    fn datetime_attributes_are_valid_html_values() {
        let baku: chrono_tz::Tz = "Asia/Baku".parse().unwrap();
        assert_eq!(
            datetime_attr("2023-09-20T11:00", baku),
            "2023-09-20T11:00+04:00"
        );
        assert_eq!(
            datetime_attr("2023-09-20T11:00", chrono_tz::UTC),
            "2023-09-20T11:00Z"
        );
        assert_eq!(datetime_attr("2023-09-19TEV", baku), "2023-09-19");
        assert_eq!(datetime_attr("2023-09", baku), "2023-09");
        assert_eq!(datetime_attr("199", baku), "1990");
        assert_eq!(datetime_attr("garbage", baku), "");
    }

    #[test]
    fn the_preview_speaks_the_site_language() {
        assert!(
            Locale::of(Lang::Fr)
                .serve
                .heading
                .contains("dernière version")
        );
        assert!(
            Locale::of(Lang::En)
                .serve
                .heading
                .contains("last good version")
        );
        assert_ne!(
            Locale::of(Lang::Es).serve.not_found_title,
            Locale::of(Lang::It).serve.not_found_title
        );
    }

    #[test]
    fn counts_agree_in_number() {
        let en = Locale::of(Lang::En);
        assert_eq!(en.count(1, "source"), "1 source");
        assert_eq!(en.count(3, "source"), "3 sources");
    }
}
