//! Calendar forms and spans: written-out years, cued ambiguous seasons, holidays, the weekend,
//! the second day of a pair. Sentences are invented.

use super::tests::{day, en, fr};
use super::{Lang, tag_in};

/// The texts of every expression found.
fn texts(text: &str, lang: Lang, dct: &str) -> Vec<String> {
    tag_in(text, lang, &day(dct))
        .into_iter()
        .map(|t| t.text)
        .collect()
}

#[test]
fn written_out_years() {
    assert_eq!(
        en(
            "The dam was finished in nineteen eighty-seven after long delays.",
            "1998-02-01",
            "nineteen eighty-seven"
        ),
        "1987"
    );
    assert_eq!(
        en(
            "Prices peaked in the summer of nineteen ninety-one.",
            "1998-02-01",
            "the summer of nineteen ninety-one"
        ),
        "1991-SU"
    );
    assert_eq!(
        en(
            "The plan aims to double output by the year two thousand.",
            "1998-02-01",
            "the year two thousand"
        ),
        "2000"
    );
    assert_eq!(
        fr(
            "Le chantier devrait s'achever en l'an deux mille.",
            "1999-03-01",
            "l'an deux mille"
        ),
        "2000"
    );
    // A quantity in words is no year.
    let t = texts(
        "Some two thousand fans and nineteen twenty-year-olds came.",
        Lang::En,
        "1998-02-01",
    );
    assert!(t.iter().all(|x| !x.contains("thousand")), "{t:?}");
    let t = texts(
        "They sold nineteen hundred tickets.",
        Lang::En,
        "1998-02-01",
    );
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn cued_ambiguous_season() {
    assert_eq!(
        en(
            "The factory closed last fall and reopened in May.",
            "1999-04-10",
            "last fall"
        ),
        "1998-FA"
    );
    assert_eq!(
        en(
            "The talks will resume next fall, officials said.",
            "1999-04-10",
            "next fall"
        ),
        "2000-FA"
    );
    // A fall that is no season stays untagged.
    let t = texts(
        "After the fall of the bridge, the last fall of the index was small.",
        Lang::En,
        "1999-04-10",
    );
    assert!(t.iter().all(|x| !x.contains("fall")), "{t:?}");
}

#[test]
fn fixed_holidays() {
    assert_eq!(
        en(
            "The shop will reopen after Christmas, the owner said.",
            "1998-12-01",
            "Christmas"
        ),
        "1998-12-25"
    );
    assert_eq!(
        en(
            "He was released on New Year's Day 1997.",
            "1998-12-01",
            "New Year's Day 1997"
        ),
        "1997-01-01"
    );
    assert_eq!(
        fr(
            "Les travaux reprendront après la Toussaint.",
            "1999-10-10",
            "la Toussaint"
        ),
        "1999-11-01"
    );
    assert_eq!(
        fr(
            "Le marché a fermé à Noël, ont dit les forains.",
            "1999-12-28",
            "Noël"
        ),
        "1999-12-25"
    );
    // Part of a person's name, or not capitalised: no date.
    for s in [
        "Jean-Noël a parlé hier soir.",
        "Le député Noël Mamert a parlé.",
        "Pierre Toussaint a parlé.",
    ] {
        let t = texts(s, Lang::Fr, "1999-10-10");
        assert!(
            t.iter()
                .all(|x| !x.contains("Noël") && !x.contains("Toussaint")),
            "{s}: {t:?}"
        );
    }
}

#[test]
fn the_weekend() {
    // Written on a Monday, in the past: the weekend just gone.
    assert_eq!(
        en(
            "Rebels shelled the port over the weekend, witnesses said.",
            "1999-03-15",
            "the weekend"
        ),
        "1999-W10-WE"
    );
    // Ahead: the weekend of the reference week.
    assert_eq!(
        en(
            "Talks are expected to resume before the weekend.",
            "1999-03-17",
            "the weekend"
        ),
        "1999-W11-WE"
    );
    // Weekends in general, or a dated weekend, are left to other rules.
    let t = texts("The museum is open on weekends.", Lang::En, "1999-03-17");
    assert!(t.iter().all(|x| x != "weekends"), "{t:?}");
}

#[test]
fn second_day_of_a_pair() {
    let all = tag_in(
        "The summit opens on June 14 and 15 in Oslo.",
        Lang::En,
        &day("1999-02-01"),
    );
    let vals: Vec<_> = all
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(vals, [("June 14", "1999-06-14"), ("15", "1999-06-15")]);
    // A count after a date is no day.
    let t = texts(
        "On June 14 and 15 soldiers were wounded, 30 and 12 of them badly.",
        Lang::En,
        "1999-02-01",
    );
    assert!(t.iter().all(|x| x != "12" && x != "30"), "{t:?}");
}

#[test]
fn two_digit_years_after_a_preposition() {
    assert_eq!(
        fr(
            "La digue avait cédé en 82, puis de nouveau depuis 95.",
            "1999-03-01",
            "82"
        ),
        "1982"
    );
    assert_eq!(
        fr(
            "La digue avait cédé en 82, puis de nouveau depuis 95.",
            "1999-03-01",
            "95"
        ),
        "1995"
    );
    // Counts, decimals and amounts after the same prepositions are no years.
    for s in [
        "Il a couru en 12 secondes.",
        "Le taux est passé en 98,5 points.",
        "Le score a grimpé en 45 %.",
        "Ils sont venus en 30 cars.",
        "Un accord des 17 sur la dette.",
        "Il a été 12 fois champion.",
    ] {
        let t = texts(s, Lang::Fr, "1999-03-01");
        assert!(
            t.iter()
                .all(|x| !["12", "98", "45", "30", "17"].contains(&x.as_str())),
            "{s}: {t:?}"
        );
    }
}

#[test]
fn movable_feasts_follow_their_rule_in_each_year() {
    use super::lexicon::Movable;
    use chrono::NaiveDate;
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // Easter at both ends of its range (22 March, 25 April) and in ordinary years.
    for (y, e) in [
        (1818, "1818-03-22"),
        (1943, "1943-04-25"),
        (2000, "2000-04-23"),
        (2024, "2024-03-31"),
        (2038, "2038-04-25"),
    ] {
        assert_eq!(Movable::Easter(0).in_year(y), Some(d(e)), "Easter {y}");
    }
    assert_eq!(Movable::Easter(49).in_year(2024), Some(d("2024-05-19")));
    let thanksgiving = Movable::Nth {
        m: 11,
        nth: 4,
        wd: 4,
    };
    assert_eq!(thanksgiving.in_year(2023), Some(d("2023-11-23")));
    let last_monday_of_may = Movable::Nth {
        m: 5,
        nth: -1,
        wd: 1,
    };
    assert_eq!(last_monday_of_may.in_year(2024), Some(d("2024-05-27")));
    // A fifth Friday that February 2023 does not have is no day at all.
    let fifth_friday = Movable::Nth {
        m: 2,
        nth: 5,
        wd: 5,
    };
    assert_eq!(fifth_friday.in_year(2023), None);
}

#[test]
fn movable_feasts_are_dated_by_tense_and_year() {
    // 2024-02-10: Easter 2024 is ahead (31 March), Pentecost 2023 behind (28 May 2023).
    assert_eq!(
        fr(
            "Le vide-grenier aura lieu le lundi de Pâques.",
            "2024-02-10",
            "le lundi de Pâques"
        ),
        "2024-04-01"
    );
    assert_eq!(
        fr(
            "La chorale s'est produite à la Pentecôte.",
            "2024-02-10",
            "la Pentecôte"
        ),
        "2023-05-28"
    );
    assert_eq!(
        fr("Pâques 2019 tombait tard.", "2024-02-10", "Pâques 2019"),
        "2019-04-21"
    );
    assert_eq!(
        en(
            "The ferry sank on Thanksgiving Day.",
            "2000-01-07",
            "Thanksgiving Day"
        ),
        "1999-11-25"
    );
    assert_eq!(
        en(
            "Shops will close on Good Friday.",
            "2001-03-01",
            "Good Friday"
        ),
        "2001-04-13"
    );
    // Lower case: an ordinary word, not the feast.
    assert!(texts("the ascension of the climbers", Lang::En, "2024-02-10").is_empty());
}

#[test]
fn a_holiday_rule_that_cannot_be_read_is_a_lexicon_error() {
    for bad in [
        "\"11-9-thu\"",
        "\"easter+x\"",
        "\"11-4-thursday\"",
        "\"13-1-mon\"",
    ] {
        let src = include_str!("../lang/en/time.toml").replace(
            "\"boxing day\" = \"12-26\"",
            &format!("\"boxing day\" = {bad}"),
        );
        let err = super::lexicon::Lexicon::parse(&src).unwrap_err();
        assert!(err.contains("holidays.boxing day"), "{bad}: {err}");
    }
}

#[test]
fn a_season_with_its_article_is_the_narratives_and_a_modifier_makes_a_season() {
    // Told in the past after the season began: this year's.
    assert_eq!(
        en(
            "Ticket sales slowed during the summer, the theatre said.",
            "2003-10-02",
            "the summer"
        ),
        "2003-SU"
    );
    // Told in the past before it began: last year's.
    assert_eq!(
        en(
            "The bridge was closed for repairs in the autumn.",
            "2003-04-02",
            "the autumn"
        ),
        "2002-FA"
    );
    // With a modifier, with or without the article.
    assert_eq!(
        en(
            "Water levels dropped from the highs of the early spring.",
            "2003-10-02",
            "the early spring"
        ),
        "2003-SP"
    );
    assert_eq!(
        en(
            "The herds move north in late summer.",
            "2003-10-02",
            "late summer"
        ),
        "XXXX-SU"
    );
    // A general statement stays any summer.
    assert_eq!(
        en(
            "The summer is the busiest season on the coast.",
            "2003-10-02",
            "The summer"
        ),
        "XXXX-SU"
    );
}

#[test]
fn a_year_after_a_possessive_before_a_singular_noun() {
    assert_eq!(
        en(
            "The party never recovered from its 1974 defeat.",
            "1980-01-05",
            "1974"
        ),
        "1974"
    );
    assert_eq!(
        en("Revenue for fiscal 1979 rose.", "1980-01-05", "1979"),
        "1979"
    );
    // A plural noun makes it a count.
    let t = texts(
        "The firm laid off its 1500 workers.",
        Lang::En,
        "1980-01-05",
    );
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn the_current_period_is_this_one() {
    assert_eq!(
        en(
            "Orders in the current quarter are running ahead of plan.",
            "1995-05-10",
            "current quarter"
        ),
        "1995-Q2"
    );
    assert_eq!(
        en(
            "The agency expects fewer claims in the current year.",
            "1995-05-10",
            "current year"
        ),
        "1995"
    );
    assert_eq!(
        en(
            "Sales should rise this fiscal year and fell last fiscal year.",
            "1995-05-10",
            "last fiscal year"
        ),
        "1994"
    );
    // On its own, `current` still refers to the present.
    assert_eq!(
        en("The current rules expire soon.", "1995-05-10", "current"),
        "PRESENT_REF"
    );
}
