//! French breadth: invented sentences of the kinds a regional daily prints, each with the value
//! French TimeBank (ISO-TimeML FR) gives it, and what must not be tagged.

use super::tests::day;
use super::{Lang, TimexType, tag_in};

/// (type, value) of the expression whose text is `expr`.
fn find(text: &str, dct: &str, expr: &str) -> (TimexType, String) {
    super::tests::find(text, Lang::Fr, &day(dct), expr)
}

fn texts(text: &str, dct: &str) -> Vec<String> {
    tag_in(text, Lang::Fr, &day(dct))
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// A Monday.
const DCT: &str = "1999-05-10";

#[test]
fn regional_daily_sentences() {
    use TimexType::*;
    let cases: &[(&str, &str, TimexType, &str)] = &[
        (
            "Le club de lecture se réunit deux fois par mois.",
            "deux fois par mois",
            Set,
            "P1M",
        ),
        (
            "Le marché hebdomadaire s'installe place de la Halle.",
            "hebdomadaire",
            Set,
            "P1W",
        ),
        (
            "Chaque été, la base nautique recrute des moniteurs.",
            "Chaque été",
            Set,
            "XXXX-SU",
        ),
        (
            "Tous les lundis, le marché s'installe.",
            "Tous les lundis",
            Set,
            "XXXX-WXX-1",
        ),
        (
            "Le prévenu a écopé de six mois de prison avec sursis.",
            "six mois",
            Duration,
            "P6M",
        ),
        (
            "Depuis un quart de siècle, elle anime la chorale.",
            "un quart de siècle",
            Duration,
            "P25Y",
        ),
        (
            "Un quart d'heure plus tard, les pompiers étaient là.",
            "Un quart d'heure",
            Duration,
            "PT15M",
        ),
        (
            "Il a attendu trois quarts d'heure.",
            "trois quarts d'heure",
            Duration,
            "PT45M",
        ),
        (
            "Pendant un demi-siècle, il a tenu la boulangerie.",
            "un demi-siècle",
            Duration,
            "P50Y",
        ),
        (
            "Au cours des dernières semaines, les vols se sont multipliés.",
            "des dernières semaines",
            Duration,
            "PXW",
        ),
        (
            "Au cours des derniers mois, la fréquentation a baissé.",
            "des derniers mois",
            Duration,
            "PXM",
        ),
        (
            "Ces dernières années, la commune a beaucoup grandi.",
            "Ces dernières années",
            Duration,
            "PXY",
        ),
        (
            "La commune a deux ans pour se mettre en conformité.",
            "deux ans",
            Duration,
            "P2Y",
        ),
        (
            "Il habite le village depuis trois ans.",
            "trois ans",
            Duration,
            "P3Y",
        ),
        (
            "Il y a 30 ans, l'usine fermait.",
            "Il y a 30 ans",
            Date,
            "1969",
        ),
        (
            "Le chantier a débuté il y a quinze jours.",
            "il y a quinze jours",
            Date,
            "1999-04-25",
        ),
        (
            "Au printemps, les travaux reprendront.",
            "printemps",
            Date,
            "XXXX-SP",
        ),
        (
            "Le printemps 1998 a été pluvieux.",
            "Le printemps 1998",
            Date,
            "1998-SP",
        ),
        (
            "Hier à 10 h, les grévistes se sont rassemblés.",
            "Hier à 10 h",
            Time,
            "1999-05-09T10:00",
        ),
        (
            "Le maire a inauguré la salle la semaine dernière.",
            "la semaine dernière",
            Date,
            "1999-W18",
        ),
        (
            "Dans la nuit de samedi à dimanche, une grange a brûlé.",
            "la nuit de samedi à dimanche",
            Time,
            "1999-05-08TNI",
        ),
        (
            "Mercredi matin, l'association vous attend.",
            "Mercredi matin",
            Time,
            "1999-05-12TMO",
        ),
        ("La réunion est prévue jeudi.", "jeudi", Date, "1999-05-13"),
        (
            "Actuellement, la route est fermée.",
            "Actuellement",
            Date,
            "PRESENT_REF",
        ),
        (
            "À l'avenir, la mairie ouvrira plus tôt.",
            "À l'avenir",
            Date,
            "FUTURE_REF",
        ),
        (
            "L'an passé, le festival a attiré du monde.",
            "L'an passé",
            Date,
            "1998",
        ),
        (
            "Le chantier commencera le mois prochain.",
            "le mois prochain",
            Date,
            "1999-06",
        ),
        ("La fête aura lieu mi-août.", "mi-août", Date, "1999-08"),
        (
            "À la fin de l'année, le magasin fermera.",
            "la fin de l'année",
            Date,
            "1999",
        ),
        (
            "Le conseil se réunit cet après-midi.",
            "cet après-midi",
            Time,
            "1999-05-10TAF",
        ),
        (
            "Hier soir, la salle était pleine.",
            "Hier soir",
            Time,
            "1999-05-09TEV",
        ),
        (
            "Ce week-end, la foire bat son plein.",
            "Ce week-end",
            Date,
            "1999-W19-WE",
        ),
    ];
    for &(text, expr, kind, value) in cases {
        assert_eq!(find(text, DCT, expr), (kind, value.to_owned()), "{text}");
    }
}

#[test]
fn day_month_date_and_clock_are_two_expressions() {
    let s = "Les obsèques seront célébrées jeudi 13 mai à 14 h 30 en l'église.";
    assert_eq!(texts(s, DCT), ["jeudi 13 mai", "14 h 30"]);
    assert_eq!(find(s, DCT, "jeudi 13 mai").1, "1999-05-13");
    assert_eq!(find(s, DCT, "14 h 30").1, "1999-05-13T14:30");
    // A deictic day keeps its clock time.
    assert_eq!(texts("Demain à 9 h, départ du car.", DCT), ["Demain à 9 h"]);
}

#[test]
fn ages_are_not_durations() {
    for s in [
        "Le conducteur, qui a 23 ans, a été placé en garde à vue.",
        "La doyenne du village avait 104 ans.",
        "Un homme âgé de 34 ans a été interpellé.",
        "Un automobiliste de 52 ans a été blessé.",
    ] {
        assert!(texts(s, DCT).is_empty(), "{s}: {:?}", texts(s, DCT));
    }
}

#[test]
fn capitalised_seasons_inside_a_sentence_are_names() {
    for s in [
        "Le Printemps des poètes débute à la médiathèque.",
        "Le Festival d'Automne accueille trois troupes.",
        "Le voleur a été arrêté une deuxième fois.",
    ] {
        assert!(texts(s, DCT).is_empty(), "{s}: {:?}", texts(s, DCT));
    }
    // At the head of a sentence the capital says nothing.
    assert_eq!(
        find("Été comme hiver, il se baigne.", DCT, "Été").1,
        "XXXX-SU"
    );
}

#[test]
fn full_date_keeps_its_clock_time() {
    let s = "Le contrat a été signé le 2 avril 1998 à 11 h.";
    assert_eq!(texts(s, DCT), ["le 2 avril 1998 à 11 h"]);
}

#[test]
fn both_bounds_of_a_range_of_lengths() {
    // (sentence, first bound, its value, second bound, its value)
    let cases = [
        (
            "Il risque de trois à cinq ans de réclusion.",
            "trois",
            "P3Y",
            "cinq ans",
            "P5Y",
        ),
        (
            "Le chantier durera entre 6 et 8 mois.",
            "6",
            "P6M",
            "8 mois",
            "P8M",
        ),
        // Digits in years: the `à` of the range is no `a` (`il a 5 ans`) once folded.
        (
            "Il encourt de 2 à 7 ans de prison ferme.",
            "2",
            "P2Y",
            "7 ans",
            "P7Y",
        ),
        // Two number words joined by `et` are two bounds, not one sum (`vingt et un` is one).
        (
            "La rénovation prendra entre deux et quatre ans.",
            "deux",
            "P2Y",
            "quatre ans",
            "P4Y",
        ),
    ];
    for (s, a, va, b, vb) in cases {
        assert_eq!(find(s, DCT, a).1, va, "{s}");
        assert_eq!(find(s, DCT, b).1, vb, "{s}");
    }
    assert_eq!(
        find(
            "Le siège a duré vingt et un jours.",
            DCT,
            "vingt et un jours"
        )
        .1,
        "P21D"
    );
    assert_eq!(
        find(
            "Il a régné soixante et onze ans.",
            DCT,
            "soixante et onze ans"
        )
        .1,
        "P71Y"
    );
    // `à 7 ans` on its own is still an age.
    let s = "À 7 ans, elle jouait déjà du violon.";
    assert!(texts(s, DCT).is_empty(), "{:?}", texts(s, DCT));
    // A span of the clock, and a count of things, are not lengths of time.
    let s = "Permanence de 14 à 16 heures.";
    assert!(
        !texts(s, DCT).iter().any(|t| t == "14"),
        "{:?}",
        texts(s, DCT)
    );
    let s = "Entre 3 et 4 élèves par classe ont eu 5 jours de repos.";
    assert!(
        !texts(s, DCT).iter().any(|t| t == "3"),
        "{:?}",
        texts(s, DCT)
    );
}

#[test]
fn a_clock_time_heading_a_live_blog_entry_is_the_blogs_day() {
    // DCT 1999-05-10, a Monday. The first entry cites an older day; the next entry's time is
    // still the blog's day, and so is `la veille` in it.
    let s = "18h40 : Le tribunal, saisi depuis le 2 avril, a rendu sa décision. \
             17h05 : Le maire, interrogé la veille, a démissionné.";
    assert_eq!(find(s, DCT, "17h05").1, "1999-05-10T17:05");
    assert_eq!(find(s, DCT, "la veille").1, "1999-05-09");
    // An agenda's times take the day that heads it.
    let s = "Samedi 15 mai. 9 h : accueil des participants. 10 h 30 : conférence.";
    assert_eq!(find(s, DCT, "10 h 30").1, "1999-05-15T10:30");
    // An interview `à paraître dimanche` is ahead.
    let s = "Il s'explique dans un entretien à paraître dimanche dans la presse régionale.";
    assert_eq!(find(s, DCT, "dimanche").1, "1999-05-16");
}

#[test]
fn vague_references_to_the_present_and_the_past() {
    let cases = [
        (
            "Ces temps-ci, la halle reste fermée.",
            "Ces temps-ci",
            "PRESENT_REF",
        ),
        (
            "Par le passé, la rivière a souvent débordé.",
            "Par le passé",
            "PAST_REF",
        ),
        (
            "À ce jour, douze plaintes ont été déposées.",
            "À ce jour",
            "PRESENT_REF",
        ),
        (
            "Jusqu'à présent, personne n'a répondu.",
            "Jusqu'à présent",
            "PRESENT_REF",
        ),
        (
            "À l'époque, le quartier comptait trois cafés.",
            "À l'époque",
            "PAST_REF",
        ),
    ];
    for (s, expr, v) in cases {
        assert_eq!(find(s, DCT, expr).1, v, "{s}");
    }
}

#[test]
fn a_present_passive_that_announces_points_ahead() {
    // DCT 1999-05-10 is a Monday: the coming Thursday is the 13th, the last one the 6th.
    let cases = [
        (
            "Le récital est programmé jeudi à l'église.",
            "jeudi",
            "1999-05-13",
        ),
        (
            "Les bénévoles sont attendus jeudi au stade.",
            "jeudi",
            "1999-05-13",
        ),
        // A compound past with the same auxiliary stays in the past.
        ("Le car est arrivé jeudi au stade.", "jeudi", "1999-05-06"),
        (
            "Le récital a été annoncé jeudi par la mairie.",
            "jeudi",
            "1999-05-06",
        ),
    ];
    for (s, expr, v) in cases {
        assert_eq!(find(s, DCT, expr).1, v, "{s}");
    }
}

#[test]
fn the_period_en_cours_is_this_one() {
    assert_eq!(
        find(
            "Les ventes de l'année en cours progressent.",
            DCT,
            "l'année en cours"
        )
        .1,
        "1999"
    );
    assert_eq!(
        find(
            "Le mois en cours sera décisif pour le club.",
            DCT,
            "Le mois en cours"
        )
        .1,
        "1999-05"
    );
    // A file `en cours` is no period.
    assert!(texts("Le dossier en cours avance.", DCT).is_empty());
}
