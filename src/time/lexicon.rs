//! Per-language lexicons: parsed once from each language's `src/lang/<code>/time.toml` into a phrase index the
//! grammar queries by word class.

// Raw tables are ordered so that building the index never depends on hashing order.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

use super::Lang;
use super::token::{Tokens, tokenize};
use crate::lang::{self, File};

/// Calendar and clock units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Sec,
    Min,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Sec,
            "MIN" => Unit::Min,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }
}

/// Word classes that carry no value of their own (at most 64: the grammar keeps them in a
/// bit mask).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum W {
    Next,
    Last,
    This,
    ThisSuffix,
    Same,
    Ago,
    AgoAfter,
    In,
    Later,
    Earlier,
    Since,
    Every,
    Per,
    Approx,
    MoreThan,
    LessThan,
    Start,
    Mid,
    End,
    Article,
    Of,
    At,
    Around,
    Vague,
    Recent,
    Decades,
    YearWord,
    MonthWord,
    HourLetter,
    Am,
    Pm,
    Tz,
    EarlierToday,
    OrdSuffix,
    YearPrep,
    YearFollower,
    DurPrep,
    DurAdj,
    SeasonPrep,
    Half,
    ArticleNum,
    NumJoin,
    RangeJoin,
    DecadeSuffix,
    InvariantUnit,
    VagueAfterSince,
    TimesWord,
    /// Adjectives between a direction and its unit (`this fiscal year`).
    PeriodAdj,
    /// Possessive determiners (`her`, `their`): `in her 30s` is an age, not a decade.
    Possessive,
    AgeWord,
    PeriodNoun,
    NumberLabel,
    QuantityPrep,
    Currency,
    CountWord,
    /// Directions that count from the date in focus, not from the article (`the following
    /// year`, `l'année précédente`).
    AnaphoricDir,
    /// `coming`, `future`: a vague stretch just after now (`in coming months`).
    FutureRefCue,
    /// Prepositions after which a two-digit number is a year (`en 98`, `depuis 95`).
    ShortYearPrep,
    /// Verbs that give an age in years right after them (`il a 34 ans`).
    AgeVerb,
    /// Plural forms that do not end in -s or -x (`giorni`, `settimane`, `mesi`), for languages
    /// that mark the plural with a vowel.
    Plural,
    /// Words right before a bare hour that make it a clock time (`alle 10`, `alle 10.30`).
    ClockPrep,
    /// A word between a month and its year (`21 de septiembre de 2023`).
    YearOf,
}

// The grammar keeps word classes in a `u64` mask; `YearOf` is the last variant.
const _: () = assert!((W::YearOf as u32) < 64);

/// What a lexicon phrase means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cat {
    Month(u32),
    MonthAbbr(u32),
    Weekday(u32),
    Season(&'static str),
    Part(&'static str),
    ClockPart(&'static str),
    Clock(u32, u32),
    Unit(Unit),
    Num(i64),
    Ord(i64),
    DayOffset(i64),
    Anaphor(i64),
    /// The quarter in focus, shifted by whole years (`the latest quarter`, `the year-ago
    /// quarter`).
    FocusQuarter(i64),
    DurNoun(&'static str),
    SetWord(&'static str),
    Ref(&'static str),
    W(W),
    /// A holiday on a fixed day of the year (month, day): `Noël`, `New Year's Day`.
    Holiday(u32, u32),
    /// A holiday whose day moves from year to year: `Pâques`, `Thanksgiving Day`.
    Movable(Movable),
}

/// The rule of a movable holiday, computed once its year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Movable {
    /// `n` days after Easter Sunday (Gregorian computus): `Pentecôte` is `easter+49`.
    Easter(i64),
    /// The `nth` weekday `wd` (1 = Monday) of month `m`; `nth` = -1 is the last one:
    /// `Thanksgiving Day` is the fourth Thursday of November, `11-4-thu`.
    Nth { m: u32, nth: i32, wd: u32 },
}

impl Movable {
    /// Parses `easter`, `easter+49`, `easter-2` or `MM-N-ddd` (`11-4-thu`, `05-last-mon`).
    fn parse(v: &str) -> Option<Movable> {
        if let Some(rest) = v.strip_prefix("easter") {
            let n = if rest.is_empty() {
                0
            } else {
                rest.parse().ok()?
            };
            return (-60..=70).contains(&n).then_some(Movable::Easter(n));
        }
        let mut parts = v.split('-');
        let m: u32 = parts.next()?.parse().ok()?;
        let nth = match parts.next()? {
            "last" => -1,
            n => n.parse().ok().filter(|n| (1..=5).contains(n))?,
        };
        let name = parts.next()?;
        let wd = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .position(|&d| d == name)? as u32
            + 1;
        ((1..=12).contains(&m) && parts.next().is_none()).then_some(Movable::Nth { m, nth, wd })
    }

    /// The holiday's day in year `y`.
    pub(crate) fn in_year(self, y: i32) -> Option<chrono::NaiveDate> {
        use chrono::{Datelike, Duration, NaiveDate};
        match self {
            Movable::Easter(n) => {
                // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
                let (a, b, c) = (y % 19, y / 100, y % 100);
                let (d, e) = (b / 4, b % 4);
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let (i, k) = (c / 4, c % 4);
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                NaiveDate::from_ymd_opt(y, month as u32, day as u32)?
                    .checked_add_signed(Duration::days(n))
            }
            Movable::Nth { m, nth, wd } => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let shift = (wd + 7 - first.weekday().number_from_monday()) % 7;
                let first_wd = first + Duration::days(i64::from(shift));
                let d = if nth > 0 {
                    first_wd + Duration::weeks(i64::from(nth - 1))
                } else {
                    let mut d = first_wd;
                    while (d + Duration::weeks(1)).month() == m {
                        d += Duration::weeks(1);
                    }
                    d
                };
                (d.month() == m).then_some(d)
            }
        }
    }
}

#[derive(Deserialize)]
struct Raw {
    numeric_date_order: String,
    #[serde(default)]
    ambiguous_words: Vec<String>,
    #[serde(default)]
    clock_apart_from_date: bool,
    #[serde(default)]
    capitalised_seasons_are_names: bool,
    #[serde(default)]
    weekday_number_in_article: bool,
    months: BTreeMap<String, u32>,
    month_abbreviations: BTreeMap<String, u32>,
    weekdays: BTreeMap<String, u32>,
    seasons: BTreeMap<String, String>,
    parts_of_day: BTreeMap<String, String>,
    clock_parts: BTreeMap<String, String>,
    clock_words: BTreeMap<String, String>,
    units: BTreeMap<String, String>,
    numbers: BTreeMap<String, i64>,
    ordinals: BTreeMap<String, i64>,
    day_offsets: BTreeMap<String, i64>,
    anaphors: BTreeMap<String, i64>,
    #[serde(default)]
    focus_quarters: BTreeMap<String, i64>,
    duration_nouns: BTreeMap<String, String>,
    set_words: BTreeMap<String, String>,
    ref_words: BTreeMap<String, String>,
    words: BTreeMap<String, Vec<String>>,
    tense: RawTense,
    #[serde(default)]
    holidays: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawTense {
    future_words: Vec<String>,
    future_suffixes: Vec<String>,
    future_exceptions: Vec<String>,
    past_auxiliaries: Vec<String>,
    participle_suffixes: Vec<String>,
    past_words: Vec<String>,
    past_suffixes: Vec<String>,
    past_exceptions: Vec<String>,
    #[serde(default)]
    non_past_before: Vec<String>,
    #[serde(default)]
    participle_cues: Vec<String>,
    #[serde(default)]
    participle_cue_exceptions: Vec<String>,
    #[serde(default)]
    reporting_words: Vec<String>,
    #[serde(default)]
    prospective_participles: Vec<String>,
    #[serde(default)]
    present_passive_auxiliaries: Vec<String>,
    #[serde(default)]
    past_before: Vec<String>,
    #[serde(default)]
    future_before: Vec<String>,
    #[serde(default)]
    adjacent_participle_suffixes: Vec<String>,
    #[serde(default)]
    adjacent_participle_exceptions: Vec<String>,
}

/// Tense cues, compared with lower-cased (not accent-folded) words.
#[derive(Debug, Default)]
pub(crate) struct TenseLex {
    pub future_words: HashSet<String>,
    pub future_suffixes: Vec<String>,
    pub future_exceptions: HashSet<String>,
    pub past_auxiliaries: HashSet<String>,
    pub participle_suffixes: Vec<String>,
    pub past_words: HashSet<String>,
    pub past_suffixes: Vec<String>,
    pub past_exceptions: HashSet<String>,
    /// Words after which a past-looking form is a participle of a non-past verb (`will be closed`).
    pub non_past_before: HashSet<String>,
    /// Endings of a bare past participle (`entré en vigueur mercredi`).
    pub participle_cues: Vec<String>,
    /// Endings that look like participles but are mostly nouns (`société`).
    pub participle_cue_exceptions: Vec<String>,
    /// Reporting verbs (`a indiqué`, `said`): they date the report, not what is reported.
    pub reporting_words: HashSet<String>,
    /// Bare participles that announce a later happening (`pourparlers annoncés pour jeudi`).
    pub prospective_participles: HashSet<String>,
    /// Present forms of the auxiliary of a passive that are also past auxiliaries (`est`,
    /// `sont`): with a prospective participle they announce (`le concert est programmé lundi`).
    pub present_passive_auxiliaries: HashSet<String>,
    /// Words right before an expression that put it in the past (`depuis lundi`, `since`).
    pub past_before: HashSet<String>,
    /// Words right before an expression that put it ahead (`d'ici vendredi`).
    pub future_before: HashSet<String>,
    /// Endings of a participle that governs the expression right after it (`votée lundi`),
    /// too ambiguous with nouns to count farther away (`journée`).
    pub adjacent_participle_suffixes: Vec<String>,
    /// Nouns with those endings (`l'arrivée jeudi du président`).
    pub adjacent_participle_exceptions: HashSet<String>,
    /// Some cues are two words long (`set to`).
    pub has_pairs: bool,
}

/// FNV-1a: lexicon keys are short words, for which it is much faster than SipHash, and the
/// table is built from our own data files, so hash flooding is not a concern.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// One phrase: the folded tokens after the first, and its meaning.
#[derive(Debug)]
struct Entry {
    rest: Vec<String>,
    cat: Cat,
}

/// A language's lexicon, indexed by the first folded token of each phrase.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Numeric dates read day first (`21/09/2023`) rather than month first.
    pub day_first: bool,
    /// Folded month and season names that only count when capitalised.
    pub ambiguous_words: HashSet<String>,
    /// A clock time after a day-and-month date without a year is its own expression (`lundi 3
    /// mars` and `à 9 h 30`), as the language's annotation has it; deictic days and full dates
    /// keep theirs (`hier à 10 h`).
    pub clock_apart_from_date: bool,
    /// Season names are written in lower case, so a capitalised one inside a sentence names
    /// something (a festival, a movement), not a season.
    pub capitalised_seasons_are_names: bool,
    /// Weekday names do not show the plural (`el lunes`, `los lunes`): the article's number
    /// tells one day from a recurrence, and a singular article names one day.
    pub weekday_number_in_article: bool,
    index: FastMap<String, Vec<Entry>>,
    /// Tense cues.
    pub tense: TenseLex,
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn word_class(name: &str) -> Option<W> {
    Some(match name {
        "next" => W::Next,
        "last" => W::Last,
        "this" => W::This,
        "this_suffix" => W::ThisSuffix,
        "same" => W::Same,
        "ago" => W::Ago,
        "ago_after" => W::AgoAfter,
        "in" => W::In,
        "later" => W::Later,
        "earlier" => W::Earlier,
        "since" => W::Since,
        "every" => W::Every,
        "per" => W::Per,
        "approx" => W::Approx,
        "more_than" => W::MoreThan,
        "less_than" => W::LessThan,
        "start" => W::Start,
        "mid" => W::Mid,
        "end" => W::End,
        "articles" => W::Article,
        "of" => W::Of,
        "at" => W::At,
        "around" => W::Around,
        "vague" => W::Vague,
        "recent" => W::Recent,
        "decades" => W::Decades,
        "year_word" => W::YearWord,
        "month_word" => W::MonthWord,
        "hour_letter" => W::HourLetter,
        "am" => W::Am,
        "pm" => W::Pm,
        "timezones" => W::Tz,
        "earlier_today" => W::EarlierToday,
        "ord_suffix" => W::OrdSuffix,
        "year_preps" => W::YearPrep,
        "year_followers" => W::YearFollower,
        "duration_preps" => W::DurPrep,
        "duration_adjectives" => W::DurAdj,
        "season_preps" => W::SeasonPrep,
        "half" => W::Half,
        "article_numbers" => W::ArticleNum,
        "number_joiners" => W::NumJoin,
        "range_joiners" => W::RangeJoin,
        "decade_suffix" => W::DecadeSuffix,
        "invariant_units" => W::InvariantUnit,
        "vague_after_since" => W::VagueAfterSince,
        "times_words" => W::TimesWord,
        "age_words" => W::AgeWord,
        "possessives" => W::Possessive,
        "period_adjectives" => W::PeriodAdj,
        "period_nouns" => W::PeriodNoun,
        "number_labels" => W::NumberLabel,
        "quantity_preps" => W::QuantityPrep,
        "currencies" => W::Currency,
        "count_words" => W::CountWord,
        "anaphoric_dir" => W::AnaphoricDir,
        "future_ref_cues" => W::FutureRefCue,
        // More duration adjectives, kept apart from the shared list: `two more weeks`.
        "duration_adjectives_more" => W::DurAdj,
        "short_year_preps" => W::ShortYearPrep,
        "age_verbs" => W::AgeVerb,
        "plurals" => W::Plural,
        "clock_preps" => W::ClockPrep,
        "year_of" => W::YearOf,
        _ => return None,
    })
}

fn clock(v: &str) -> Option<(u32, u32)> {
    let (h, m) = v.split_once(':')?;
    Some((h.parse().ok()?, m.parse().ok()?))
}

fn lower_set(v: &[String]) -> HashSet<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

fn lower_vec(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

impl Lexicon {
    /// Parses a lexicon file.
    pub(crate) fn parse(src: &str) -> Result<Lexicon, String> {
        let raw: Raw = toml::from_str(src).map_err(|e| e.to_string())?;
        let mut lex = Lexicon {
            day_first: raw.numeric_date_order.trim().eq_ignore_ascii_case("dmy"),
            ambiguous_words: raw.ambiguous_words.iter().map(|m| fold(m)).collect(),
            clock_apart_from_date: raw.clock_apart_from_date,
            capitalised_seasons_are_names: raw.capitalised_seasons_are_names,
            weekday_number_in_article: raw.weekday_number_in_article,
            index: FastMap::default(),
            tense: TenseLex {
                future_words: lower_set(&raw.tense.future_words),
                future_suffixes: lower_vec(&raw.tense.future_suffixes),
                future_exceptions: lower_set(&raw.tense.future_exceptions),
                past_auxiliaries: lower_set(&raw.tense.past_auxiliaries),
                participle_suffixes: lower_vec(&raw.tense.participle_suffixes),
                past_words: lower_set(&raw.tense.past_words),
                past_suffixes: lower_vec(&raw.tense.past_suffixes),
                past_exceptions: lower_set(&raw.tense.past_exceptions),
                non_past_before: lower_set(&raw.tense.non_past_before),
                participle_cues: lower_vec(&raw.tense.participle_cues),
                participle_cue_exceptions: lower_vec(&raw.tense.participle_cue_exceptions),
                reporting_words: lower_set(&raw.tense.reporting_words),
                prospective_participles: lower_set(&raw.tense.prospective_participles),
                present_passive_auxiliaries: lower_set(&raw.tense.present_passive_auxiliaries),
                past_before: lower_set(&raw.tense.past_before),
                future_before: lower_set(&raw.tense.future_before),
                adjacent_participle_suffixes: lower_vec(&raw.tense.adjacent_participle_suffixes),
                adjacent_participle_exceptions: lower_set(
                    &raw.tense.adjacent_participle_exceptions,
                ),
                has_pairs: raw
                    .tense
                    .future_words
                    .iter()
                    .chain(&raw.tense.past_words)
                    .any(|w| w.contains(' ')),
            },
        };
        for (k, v) in &raw.months {
            lex.add(k, Cat::Month(*v));
        }
        for (k, v) in &raw.month_abbreviations {
            lex.add(k, Cat::MonthAbbr(*v));
        }
        for (k, v) in &raw.weekdays {
            lex.add(k, Cat::Weekday(*v));
        }
        for (k, v) in &raw.seasons {
            lex.add(k, Cat::Season(leak(v)));
        }
        for (k, v) in &raw.parts_of_day {
            lex.add(k, Cat::Part(leak(v)));
        }
        for (k, v) in &raw.clock_parts {
            lex.add(k, Cat::ClockPart(leak(v)));
        }
        for (k, v) in &raw.clock_words {
            let (h, m) = clock(v).ok_or_else(|| format!("clock_words.{k}: expected HH:MM"))?;
            lex.add(k, Cat::Clock(h, m));
        }
        for (k, v) in &raw.units {
            let u = Unit::parse(v).ok_or_else(|| format!("units.{k}: unknown unit {v}"))?;
            lex.add(k, Cat::Unit(u));
        }
        for (k, v) in &raw.numbers {
            lex.add(k, Cat::Num(*v));
        }
        for (k, v) in &raw.ordinals {
            lex.add(k, Cat::Ord(*v));
        }
        for (k, v) in &raw.day_offsets {
            lex.add(k, Cat::DayOffset(*v));
        }
        for (k, v) in &raw.anaphors {
            lex.add(k, Cat::Anaphor(*v));
        }
        for (k, v) in &raw.focus_quarters {
            lex.add(k, Cat::FocusQuarter(*v));
        }
        for (k, v) in &raw.duration_nouns {
            lex.add(k, Cat::DurNoun(leak(v)));
        }
        for (k, v) in &raw.set_words {
            lex.add(k, Cat::SetWord(leak(v)));
        }
        for (k, v) in &raw.ref_words {
            lex.add(k, Cat::Ref(leak(v)));
        }
        for (k, v) in &raw.holidays {
            let fixed = v
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
                .filter(|&(m, d)| chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some());
            let cat = match (fixed, Movable::parse(v)) {
                (Some((m, d)), _) => Cat::Holiday(m, d),
                (None, Some(rule)) => Cat::Movable(rule),
                (None, None) => {
                    return Err(format!(
                        "holidays.{k}: expected MM-DD, easter+N or MM-N-ddd (11-4-thu)"
                    ));
                }
            };
            lex.add(k, cat);
        }
        for (name, list) in &raw.words {
            let w = word_class(name).ok_or_else(|| format!("words.{name}: unknown word class"))?;
            for k in list {
                lex.add(k, Cat::W(w));
            }
        }
        // Deterministic look-up order: longer phrases first.
        for v in lex.index.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
        Ok(lex)
    }

    fn add(&mut self, phrase: &str, cat: Cat) {
        let t = tokenize(phrase);
        if t.len() == 0 {
            return;
        }
        let first = t.norm(0).to_owned();
        let rest = (1..t.len()).map(|i| t.norm(i).to_owned()).collect();
        self.index
            .entry(first)
            .or_default()
            .push(Entry { rest, cat });
    }

    /// Appends `(i, end, cat)` for every phrase that matches the tokens from `i`.
    pub(crate) fn matches_into(&self, t: &Tokens, i: usize, out: &mut Vec<(usize, usize, Cat)>) {
        if let Some(entries) = self.index.get(t.norm(i)) {
            for e in entries {
                let ok = i + e.rest.len() < t.len()
                    && e.rest
                        .iter()
                        .enumerate()
                        .all(|(k, w)| t.norm(i + 1 + k) == w);
                if ok {
                    out.push((i, i + 1 + e.rest.len(), e.cat));
                }
            }
        }
    }
}

/// Folds a phrase the way the tokenizer folds text.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        super::token::fold_char(c, &mut out);
    }
    out
}

static LEXICONS: [OnceLock<Lexicon>; Lang::ALL.len()] =
    [const { OnceLock::new() }; Lang::ALL.len()];

/// The lexicon of `lang`, parsed on first use.
pub(crate) fn get(lang: Lang) -> &'static Lexicon {
    let slot = &LEXICONS[lang as usize];
    slot.get_or_init(|| {
        // Compiled in and loaded for every language by the test below: see `crate::lang`.
        lang::expect(lang, File::Time, Lexicon::parse(lang.source(File::Time)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_without_the_plural_class_keeps_its_units_invariant() {
        // French marks no plural unit: `mois` is still invariant (Italian's `plurals` class is
        // tested in time/tests_it.rs).
        let fr = Lexicon::parse(Lang::Fr.source(File::Time)).unwrap();
        assert!(
            fr.index
                .values()
                .flatten()
                .all(|e| e.cat != Cat::W(W::Plural))
        );
    }

    #[test]
    fn every_lexicon_parses() {
        for &lang in Lang::ALL {
            let lex = Lexicon::parse(lang.source(File::Time)).unwrap();
            assert!(!lex.index.is_empty());
        }
    }
}
