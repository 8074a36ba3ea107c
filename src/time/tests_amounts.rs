//! Vague references, sets, durations and non-timexes, from invented sentences.

use super::tests::day;
use super::{Lang, tag_in};

fn all(text: &str, lang: Lang) -> Vec<(String, String)> {
    tag_in(text, lang, &day("2024-03-13"))
        .into_iter()
        .map(|t| (t.text.clone(), t.value.clone()))
        .collect()
}

/// Value of the expression whose text is `expr`.
fn v(text: &str, lang: Lang, expr: &str) -> String {
    let got = all(text, lang);
    got.iter()
        .find(|(t, _)| t == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {text:?}: {got:?}"))
        .1
        .clone()
}

fn en(text: &str, expr: &str) -> String {
    v(text, Lang::En, expr)
}

fn fr(text: &str, expr: &str) -> String {
    v(text, Lang::Fr, expr)
}

fn none_overlapping(text: &str, lang: Lang, word: &str) {
    let got = all(text, lang);
    assert!(
        got.iter().all(|(t, _)| !t.contains(word)),
        "{word:?} should not be tagged in {text:?}: {got:?}"
    );
}

#[test]
fn fractions_are_written_in_the_smaller_unit() {
    assert_eq!(
        en(
            "The strike lasted 3 1/2 years before a deal.",
            "3 1/2 years"
        ),
        "P3Y6M"
    );
    assert_eq!(
        en("Rescuers searched for 4 1/2 hours.", "4 1/2 hours"),
        "PT4H30M"
    );
    assert_eq!(
        en(
            "The engine stalled and, a minute and a half later, restarted.",
            "a minute and a half"
        ),
        "PT1M30S"
    );
    assert_eq!(
        fr("Il a attendu deux heures et demie.", "deux heures et demie"),
        "PT2H30M"
    );
}

#[test]
fn couple_and_dozen_are_numbers() {
    assert_eq!(
        en(
            "The plant will close for a couple of years.",
            "a couple of years"
        ),
        "P2Y"
    );
    assert_eq!(
        fr(
            "Le chantier durera une quinzaine de jours.",
            "une quinzaine de jours"
        ),
        "P15D"
    );
    // The article alone is still one.
    assert_eq!(en("The talks took a week.", "a week"), "P1W");
}

#[test]
fn ages_with_hyphens_are_not_durations() {
    none_overlapping("A 27-year-old driver was arrested.", Lang::En, "year");
    none_overlapping("The six-month-old baby is safe.", Lang::En, "month");
    // A hyphenated duration that is not an age is still one.
    assert_eq!(en("He began a 10-year sentence.", "10-year"), "P10Y");
}

#[test]
fn vague_stretches_from_now_are_future_references_in_english() {
    // A stretch before now stays a vague duration.
    assert_eq!(
        en("Prices have climbed in recent years.", "recent years"),
        "PXY"
    );
    assert_eq!(
        en("More layoffs are expected in coming weeks.", "coming weeks"),
        "FUTURE_REF"
    );
    assert_eq!(
        en("Rates may rise in future quarters.", "future quarters"),
        "FUTURE_REF"
    );
    // French TimeBank keeps `ces derniers jours` a duration.
    assert_eq!(
        fr("Il a plu ces derniers jours.", "ces derniers jours"),
        "PXD"
    );
    // A counted stretch stays a duration.
    assert_eq!(
        en(
            "Output rose over the past three years.",
            "the past three years"
        ),
        "P3Y"
    );
}

#[test]
fn vague_reference_words() {
    assert_eq!(
        en("The board will decide in the near term.", "the near term"),
        "FUTURE_REF"
    );
    assert_eq!(
        en("Talks are off for the time being.", "the time being"),
        "PRESENT_REF"
    );
    assert_eq!(
        fr("Le projet est pour le moment suspendu.", "pour le moment"),
        "PRESENT_REF"
    );
    assert_eq!(fr("Le site fermera à terme.", "à terme"), "FUTURE_REF");
    assert_eq!(
        fr("Il vit maintenant à Nancy.", "maintenant"),
        "PRESENT_REF"
    );
    // `later` in a narrative is not a reference to the future.
    none_overlapping(
        "The pilot radioed the tower and later landed safely.",
        Lang::En,
        "later",
    );
    // `futures` (the contracts) is not a time.
    none_overlapping("Oil futures fell sharply.", Lang::En, "futures");
}

#[test]
fn over_before_an_article_is_not_more_than() {
    assert_eq!(
        en(
            "Output rose over the next four years.",
            "the next four years"
        ),
        "P4Y"
    );
    assert_eq!(
        en("The job lasted over two years.", "over two years"),
        "P2Y"
    );
}

#[test]
fn hyphenated_and_extended_durations() {
    assert_eq!(
        en("She ended a several-year absence.", "several-year"),
        "PXY"
    );
    assert_eq!(
        en(
            "The plant must stay shut for two more weeks.",
            "two more weeks"
        ),
        "P2W"
    );
    assert_eq!(
        en(
            "The lease runs for an additional year.",
            "an additional year"
        ),
        "P1Y"
    );
}

#[test]
fn every_month_or_season_is_a_set() {
    assert_eq!(en("The fair opens each July.", "each July"), "XXXX-07");
    assert_eq!(en("Floods return every spring.", "every spring"), "XXXX-SP");
    // A weekday keeps its own form.
    assert_eq!(
        en("The market opens every Monday.", "every Monday"),
        "XXXX-WXX-1"
    );
}

#[test]
fn frequency_adjectives_are_sets() {
    assert_eq!(en("Average hourly wages rose.", "hourly"), "PT1H");
    assert_eq!(
        fr("Une réunion trimestrielle est prévue.", "trimestrielle"),
        "P3M"
    );
    // An article before the French adjective makes it a noun (a newspaper, a magazine).
    none_overlapping("Le mensuel a cessé de paraître.", Lang::Fr, "mensuel");
}

#[test]
fn a_fraction_of_quarters_is_no_duration_but_consecutive_quarters_are() {
    none_overlapping(
        "The island imports roughly three-quarters of its fuel.",
        Lang::En,
        "quarters",
    );
    assert_eq!(
        en(
            "Output shrank for two consecutive quarters of the year.",
            "two consecutive quarters"
        ),
        "P2Q"
    );
}

#[test]
fn both_bounds_of_a_range_joined_by_to_after_between() {
    let s = "Repairs should take between three to five weeks.";
    assert_eq!(en(s, "three"), "P3W");
    assert_eq!(en(s, "five weeks"), "P5W");
    // `two and four` are two numbers; `one hundred and five` is one.
    assert_eq!(
        en(
            "The strike lasted one hundred and five days.",
            "one hundred and five days"
        ),
        "P105D"
    );
    let s = "Talks lasted between two and four days.";
    assert_eq!(en(s, "two"), "P2D");
    assert_eq!(en(s, "four days"), "P4D");
}

#[test]
fn a_decade_after_a_possessive_is_an_age() {
    for (s, word) in [
        ("A driver in his 50s was taken to hospital.", "50s"),
        ("Both suspects are in their early 20s, police said.", "20s"),
        ("The singer, now in her mid-40s, tours again.", "40s"),
    ] {
        none_overlapping(s, Lang::En, word);
    }
    // A decade of the calendar stays one.
    assert_eq!(
        en("Rents doubled in the 80s and again later.", "80s"),
        "198"
    );
}

#[test]
fn a_letter_elided_before_an_apostrophe_is_no_unit() {
    // `s'` is `se`: the year before it is a year, not a number of seconds.
    assert_eq!(fr("En 2023 s'est tenu le premier congrès.", "2023"), "2023");
    none_overlapping("L'exercice 2023 s'est clos en déficit.", Lang::Fr, "s'");
    none_overlapping(
        "Fin 2024 s'il le faut, le chantier reprendra.",
        Lang::Fr,
        "s'",
    );
    // The abbreviation itself still counts: `en 12 s`, `9 h 30`.
    assert_eq!(
        fr("Il a couru le 100 mètres en 12 s devant la foule.", "12 s"),
        "PT12S"
    );
}

#[test]
fn a_stopwatch_reading_is_a_duration_and_a_clock_after_at_stays_a_time() {
    assert_eq!(
        en(
            "She won the marathon in 2:21:09, a course record.",
            "2:21:09"
        ),
        "PT2H21M9S"
    );
    assert_eq!(fr("Il a bouclé l'étape en 4:05:00.", "4:05:00"), "PT4H5M");
    // After `at`, hours and minutes of the clock (the seconds are not part of the value).
    assert_eq!(
        en("The first tremor struck at 10:35:12 local time.", "10:35"),
        "2024-03-13T10:35"
    );
    // Not four groups, not a version number.
    none_overlapping("The vote split 1:2:3:4 at the end.", Lang::En, "1:2");
}
