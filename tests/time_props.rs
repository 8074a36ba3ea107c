//! Property tests: the tagger never panics and always returns well-formed spans.

use annales::lang::Lang;
use annales::time::{Reference, tag_in};
use chrono::NaiveDate;
use proptest::prelude::*;

fn check(text: &str, lang: Lang, r: &Reference) {
    let all = tag_in(text, lang, r);
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for t in &all {
        assert!(t.start >= last, "overlap or unsorted: {all:?}");
        assert!(t.start < t.end && t.end <= chars.len());
        let s: String = chars[t.start..t.end].iter().collect();
        assert_eq!(s, t.text);
        assert!(!t.value.is_empty());
        last = t.end;
    }
    assert_eq!(all, tag_in(text, lang, r), "not deterministic");
}

fn words() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "mardi",
        "soir",
        "la veille",
        "le lendemain",
        "depuis",
        "8",
        "mois",
        "il y a",
        "trois",
        "jours",
        "plus tard",
        "à",
        "11",
        "h",
        "30",
        "heures",
        "du matin",
        "le",
        "1er",
        "mars",
        "2024",
        "29",
        "février",
        "années",
        "1990",
        "début",
        "fin",
        "de",
        "l'",
        "automne",
        "été",
        "chaque",
        "jeudi",
        "prochain",
        "dernier",
        "ce",
        "cette",
        "semaine",
        "hier",
        "demain",
        "Tuesday",
        "last",
        "next",
        "ago",
        "a.m.",
        "p.m.",
        ":",
        "/",
        "-",
        ",",
        ".",
        "'",
        "vingt",
        "-quatre",
        "quarter",
        "the",
        "of",
        "XXe",
        "siècle",
        "s",
        "9999",
        "0",
        "31",
        "99",
        "UTC",
        "«",
        "»",
        "é",
        "\u{300}",
        "\n",
        "mi-",
        "journée",
        "week-end",
        "2023-09",
        "21/09/2023",
        "mille",
        "cent",
        "quatre-vingt",
        "cet",
        "hiver",
        "next year",
        "of",
        "October",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.join(" "))
}

fn reference() -> impl Strategy<Value = Reference> {
    prop_oneof![
        Just(Reference::Unknown),
        (1i32..9999, 1u32..=12).prop_map(|(year, month)| Reference::Month { year, month }),
        (1i32..9999).prop_map(Reference::Year),
        (-200_000i32..3_000_000).prop_map(|n| {
            Reference::Day(NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default())
        }),
    ]
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>(), r in reference(), en in any::<bool>()) {
        check(&text, if en { Lang::En } else { Lang::Fr }, &r);
    }

    #[test]
    fn temporal_word_salad_never_panics(text in words(), r in reference(), en in any::<bool>()) {
        check(&text, if en { Lang::En } else { Lang::Fr }, &r);
    }
}

#[test]
fn extreme_references_do_not_panic() {
    let text =
        "il y a 999999999 ans, dans 99999 siècles, le 31 décembre 9999, hier, demain, la veille";
    for d in [NaiveDate::MIN, NaiveDate::MAX] {
        check(text, Lang::Fr, &Reference::Day(d));
    }
    check(text, Lang::Fr, &Reference::Year(i32::MAX));
    check(
        text,
        Lang::Fr,
        &Reference::Month {
            year: i32::MIN,
            month: 1,
        },
    );
    let seasons = "cet hiver, l'automne dernier, October of next year, the fourth quarter, mille mille mille mille mille mille mille mille ans";
    for r in [
        Reference::Year(i32::MAX),
        Reference::Year(i32::MIN),
        Reference::Month {
            year: i32::MAX,
            month: 12,
        },
    ] {
        check(seasons, Lang::Fr, &r);
        check(seasons, Lang::En, &r);
    }
}
