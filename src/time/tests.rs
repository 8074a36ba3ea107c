//! Pattern-family tests in both languages. Reference dates are chosen so that weekday
//! direction, month and year boundaries and leap years change the answer.

use chrono::NaiveDate;

use super::{Anchor, Lang, Reference, TimexType, tag, tag_in};

pub(super) fn day(s: &str) -> Reference {
    Reference::parse(s).unwrap()
}

/// Tags `text` and returns (type, value) of the expression whose text is `expr`.
pub(super) fn find(text: &str, lang: Lang, r: &Reference, expr: &str) -> (TimexType, String) {
    let all = tag_in(text, lang, r);
    let t = all
        .iter()
        .find(|t| t.text == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {text:?}: {all:#?}"));
    (t.kind, t.value.clone())
}

pub(super) fn v(text: &str, lang: Lang, dct: &str, expr: &str) -> String {
    find(text, lang, &day(dct), expr).1
}

pub(super) fn fr(text: &str, dct: &str, expr: &str) -> String {
    v(text, Lang::Fr, dct, expr)
}

pub(super) fn en(text: &str, dct: &str, expr: &str) -> String {
    v(text, Lang::En, dct, expr)
}

#[test]
fn absolute_dates_fr() {
    assert_eq!(
        fr(
            "Signé le 21 septembre 2023 à Paris.",
            "2024-01-01",
            "le 21 septembre 2023"
        ),
        "2023-09-21"
    );
    assert_eq!(
        fr("Né le 1er mars 1950.", "2024-01-01", "le 1er mars 1950"),
        "1950-03-01"
    );
    assert_eq!(
        fr("Le 21/09/2023, rien.", "2024-01-01", "21/09/2023"),
        "2023-09-21"
    );
    assert_eq!(
        fr("Publié le 2023-09-21.", "2024-01-01", "2023-09-21"),
        "2023-09-21"
    );
    assert_eq!(fr("Il est arrivé en 1991.", "2024-01-01", "1991"), "1991");
    assert_eq!(
        fr(
            "Il est parti en septembre 2020.",
            "2024-01-01",
            "septembre 2020"
        ),
        "2020-09"
    );
    assert_eq!(
        fr("Depuis octobre 98, rien.", "1999-05-23", "octobre 98"),
        "1998-10"
    );
    assert_eq!(
        fr(
            "Le 10 novembre 93, un incendie.",
            "2002-01-21",
            "Le 10 novembre 93"
        ),
        "1993-11-10"
    );
    // 29 February exists in 2024 only.
    assert_eq!(
        fr(
            "Le 29 février 2024, rien.",
            "2024-03-01",
            "Le 29 février 2024"
        ),
        "2024-02-29"
    );
}

#[test]
fn absolute_dates_en() {
    assert_eq!(
        en(
            "Signed on September 21, 2023 in Paris.",
            "2024-01-01",
            "September 21, 2023"
        ),
        "2023-09-21"
    );
    assert_eq!(
        en(
            "Born on 11 December 1950.",
            "2024-01-01",
            "11 December 1950"
        ),
        "1950-12-11"
    );
    assert_eq!(
        en("On 7/8/07 it flew.", "2007-07-09", "7/8/07"),
        "2007-07-08"
    );
    assert_eq!(
        en("It has not been this low since '82.", "2008-10-27", "'82"),
        "1982"
    );
    assert_eq!(
        en("Prices fell in October 1982.", "2008-10-27", "October 1982"),
        "1982-10"
    );
}

#[test]
fn day_month_without_year_crosses_year_boundaries() {
    // Past clause in early January: 30 December is last year's.
    assert_eq!(
        fr(
            "La réunion a eu lieu le 30 décembre.",
            "2024-01-03",
            "le 30 décembre"
        ),
        "2023-12-30"
    );
    // Future clause in late December: 3 January is next year's.
    assert_eq!(
        fr(
            "La réunion aura lieu le 3 janvier.",
            "2023-12-28",
            "le 3 janvier"
        ),
        "2024-01-03"
    );
    assert_eq!(
        fr(
            "Le 20 décembre dernier, il a signé.",
            "2003-02-24",
            "Le 20 décembre dernier"
        ),
        "2002-12-20"
    );
    assert_eq!(
        en(
            "A June 3 hearing has been scheduled.",
            "2009-05-14",
            "June 3"
        ),
        "2009-06-03"
    );
    // 29 February resolves to the leap year around the reference.
    assert_eq!(
        en(
            "The deal was signed on February 29.",
            "2008-07-02",
            "February 29"
        ),
        "2008-02-29"
    );
    // The weekday picks the year: Thursday 21 September is 2023, not 2022.
    assert_eq!(
        fr(
            "Jeudi 21 septembre, rien.",
            "2024-02-01",
            "Jeudi 21 septembre"
        ),
        "2023-09-21"
    );
}

#[test]
fn months_alone_follow_tense() {
    assert_eq!(
        fr(
            "La bibliothèque sera fermée en juillet.",
            "1999-07-24",
            "juillet"
        ),
        "1999-07"
    );
    assert_eq!(
        fr("Elle rouvrira ses portes en août.", "1999-07-24", "août"),
        "1999-08"
    );
    assert_eq!(
        en("Sales fell 35% in January.", "2009-02-03", "January"),
        "2009-01"
    );
    assert_eq!(
        fr(
            "Il sera signé en juin prochain.",
            "1999-05-23",
            "juin prochain"
        ),
        "1999-06"
    );
    assert_eq!(
        fr(
            "En septembre dernier, rien.",
            "2002-02-09",
            "septembre dernier"
        ),
        "2001-09"
    );
    assert_eq!(
        en(
            "It will not be renewed after October of next year.",
            "2009-05-15",
            "October"
        ),
        "2010-10"
    );
}

#[test]
fn seasons_decades_centuries() {
    assert_eq!(
        fr(
            "À l'automne 2020, la guerre.",
            "2023-09-21",
            "l'automne 2020"
        ),
        "2020-FA"
    );
    assert_eq!(
        fr("La demande augmente en été.", "1999-08-06", "été"),
        "XXXX-SU"
    );
    assert!(tag_in("Il a été arrêté.", Lang::Fr, &day("1999-08-06")).is_empty());
}

#[test]
fn decades_and_centuries() {
    let all = tag("au début des années 1990", Lang::Fr, None);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].value, "199");
    assert_eq!(all[0].modifier.as_deref(), Some("START"));
    assert_eq!(
        fr(
            "Les années 1980 furent dures.",
            "2020-01-01",
            "Les années 1980"
        ),
        "198"
    );
    assert_eq!(en("Cars of the 70s were boxy.", "2007-02-09", "70s"), "197");
    assert_eq!(
        fr("Au XIXe siècle, rien.", "2020-01-01", "XIXe siècle"),
        "18"
    );
    assert_eq!(
        en(
            "In the 20th century, nothing.",
            "2020-01-01",
            "the 20th century"
        ),
        "19"
    );
}

#[test]
fn weekdays_follow_tense() {
    // 2023-09-21 is a Thursday.
    assert_eq!(
        fr("Il est arrivé mardi.", "2023-09-21", "mardi"),
        "2023-09-19"
    );
    assert_eq!(
        fr("Les négociations débuteront mardi.", "2023-09-21", "mardi"),
        "2023-09-26"
    );
    assert_eq!(
        fr(
            "Il a démissionné mercredi dernier.",
            "1999-07-28",
            "mercredi dernier"
        ),
        "1999-07-21"
    );
    assert_eq!(
        fr(
            "Rendez-vous jeudi prochain.",
            "2023-09-21",
            "jeudi prochain"
        ),
        "2023-09-28"
    );
    assert_eq!(
        fr("Le cessez-le-feu ce mercredi.", "2023-09-21", "ce mercredi"),
        "2023-09-20"
    );
    assert_eq!(
        en("He resigned last Tuesday.", "2023-09-21", "last Tuesday"),
        "2023-09-19"
    );
    assert_eq!(
        en("They will meet on Thursday.", "2023-09-20", "Thursday"),
        "2023-09-21"
    );
    assert_eq!(
        en("They met on Thursday.", "2023-09-20", "Thursday"),
        "2023-09-14"
    );
    // Across a month and a year boundary: Monday 1 January 2024, past Friday.
    assert_eq!(
        en("The plant closed on Friday.", "2024-01-01", "Friday"),
        "2023-12-29"
    );
    // Leap day: Friday 1 March 2024, past Thursday is 29 February.
    assert_eq!(
        fr("Il est mort jeudi.", "2024-03-01", "jeudi"),
        "2024-02-29"
    );
}

#[test]
fn relative_days_and_units() {
    assert_eq!(
        fr("Il est arrivé hier.", "2024-03-01", "hier"),
        "2024-02-29"
    );
    assert_eq!(
        fr("Il est arrivé avant-hier.", "2024-01-01", "avant-hier"),
        "2023-12-30"
    );
    assert_eq!(
        fr("Il arrive aujourd'hui.", "2023-09-21", "aujourd'hui"),
        "2023-09-21"
    );
    assert_eq!(
        fr("Il arrivera demain.", "2023-12-31", "demain"),
        "2024-01-01"
    );
    assert_eq!(
        fr("Il arrive cette semaine.", "1999-07-09", "cette semaine"),
        "1999-W27"
    );
    assert_eq!(
        fr("Le mois dernier, rien.", "2024-01-15", "Le mois dernier"),
        "2023-12"
    );
    assert_eq!(
        fr("L'an dernier, rien.", "2024-01-15", "L'an dernier"),
        "2023"
    );
    assert_eq!(
        fr(
            "Il est parti il y a trois jours.",
            "2024-03-02",
            "il y a trois jours"
        ),
        "2024-02-28"
    );
    assert_eq!(
        fr(
            "Il reviendra dans deux semaines.",
            "2023-12-25",
            "dans deux semaines"
        ),
        "2024-01-08"
    );
    assert_eq!(
        en("He left three days ago.", "2024-03-02", "three days ago"),
        "2024-02-28"
    );
    assert_eq!(
        en("Sales rose last year.", "2010-01-28", "last year"),
        "2009"
    );
    assert_eq!(
        en("Yesterday, it rained.", "2010-06-08", "Yesterday"),
        "2010-06-07"
    );
    assert_eq!(
        en("Stocks rose last week.", "2008-09-04", "last week"),
        "2008-W35"
    );
}

#[test]
fn anaphors_count_from_the_previous_date() {
    let text = "Le 3 mars 2024, l'offensive a commencé. La veille, tout était calme. Le lendemain, la ville est tombée. Deux jours plus tard, la paix.";
    let r = day("2024-03-10");
    let all = tag_in(text, Lang::Fr, &r);
    let get = |e: &str| all.iter().find(|t| t.text == e).unwrap();
    assert_eq!(get("La veille").value, "2024-03-02");
    assert_eq!(get("La veille").anchor, Anchor::Previous);
    assert_eq!(get("Le lendemain").value, "2024-03-04");
    assert_eq!(get("Deux jours plus tard").value, "2024-03-06");
    assert_eq!(
        en(
            "On March 1, 2024 it began. The day before, all was calm.",
            "2024-03-10",
            "The day before"
        ),
        "2024-02-29"
    );
    // With no earlier date, the reference is used.
    assert_eq!(
        fr("La veille, tout était calme.", "2024-03-01", "La veille"),
        "2024-02-29"
    );
}

#[test]
fn times_and_parts_of_day() {
    assert_eq!(
        fr(
            "Il est entré en vigueur mercredi à 11 heures du matin.",
            "2023-09-21",
            "mercredi à 11 heures du matin"
        ),
        "2023-09-20T11:00"
    );
    assert_eq!(
        fr("Hier à 10 h, grève.", "1999-09-04", "Hier à 10 h"),
        "1999-09-03T10:00"
    );
    assert_eq!(
        fr("Il est arrivé mardi vers 21 h 45.", "1999-05-20", "21 h 45"),
        "1999-05-18T21:45"
    );
    assert_eq!(
        fr("Ouvert de 11h30 à 14 h 30.", "2023-09-21", "11h30"),
        "2023-09-21T11:30"
    );
    assert_eq!(
        fr("Hier, vers midi, il est tombé.", "1999-05-29", "midi"),
        "1999-05-28T12:00"
    );
    assert_eq!(
        fr(
            "Mardi soir, la présidence a appelé.",
            "2023-09-21",
            "Mardi soir"
        ),
        "2023-09-19TEV"
    );
    assert_eq!(
        fr("Il a parlé mercredi matin.", "2023-09-21", "mercredi matin"),
        "2023-09-20TMO"
    );
    assert_eq!(
        fr(
            "Elle a pris fin mercredi à la mi-journée.",
            "2023-09-21",
            "mercredi à la mi-journée"
        ),
        "2023-09-20TMI"
    );
    assert_eq!(
        fr("Hier soir, panne.", "2003-02-04", "Hier soir"),
        "2003-02-03TEV"
    );
    assert_eq!(
        en(
            "GM admitted Thursday night that it lost.",
            "2006-01-27",
            "Thursday night"
        ),
        "2006-01-26TNI"
    );
    assert_eq!(
        en("The Dow was down at 16:08 UTC.", "2008-09-17", "16:08 UTC"),
        "2008-09-17T16:08Z"
    );
    assert_eq!(
        en("They met at 11 a.m. today.", "2008-09-17", "11 a.m. today"),
        "2008-09-17T11:00"
    );
}

#[test]
fn durations_and_sets() {
    let r = day("2023-09-21");
    let all = tag_in("Le blocus durait depuis 8 mois.", Lang::Fr, &r);
    assert_eq!(all[0].kind, TimexType::Duration);
    assert_eq!(all[0].value, "P8M");
    assert_eq!(all[0].begin.as_deref(), Some("2023-01"));
    assert_eq!(
        fr("Il a résisté pendant 44 jours.", "2023-09-21", "44 jours"),
        "P44D"
    );
    assert_eq!(
        fr("L'offensive a duré 24 heures.", "2023-09-21", "24 heures"),
        "PT24H"
    );
    assert_eq!(
        fr(
            "Il faudra vingt-quatre heures.",
            "2023-09-21",
            "vingt-quatre heures"
        ),
        "PT24H"
    );
    assert_eq!(
        fr("Il faudra six semaines.", "2023-09-21", "six semaines"),
        "P6W"
    );
    assert_eq!(
        fr(
            "Il a perdu de 30,4 secondes.",
            "2023-09-21",
            "30,4 secondes"
        ),
        "PT30.4S"
    );
    assert_eq!(
        fr(
            "Ils parlent depuis plusieurs jours.",
            "2023-09-21",
            "plusieurs jours"
        ),
        "PXD"
    );
    assert_eq!(
        fr(
            "Il faut environ une heure.",
            "2023-09-21",
            "environ une heure"
        ),
        "PT1H"
    );
    assert_eq!(
        fr("Elle vient chaque jeudi.", "2023-09-21", "chaque jeudi"),
        "XXXX-WXX-4"
    );
    assert_eq!(
        fr("Ouvert tous les jeudis.", "2023-09-21", "tous les jeudis"),
        "XXXX-WXX-4"
    );
    assert_eq!(
        fr("Il passe chaque année.", "2023-09-21", "chaque année"),
        "P1Y"
    );
    assert_eq!(
        en(
            "He has worked there for 33 years.",
            "2013-12-10",
            "33 years"
        ),
        "P33Y"
    );
    assert_eq!(
        en("It signed a 27-year contract.", "2008-03-27", "27-year"),
        "P27Y"
    );
    assert_eq!(
        en("Claims are published weekly.", "2008-09-04", "weekly"),
        "P1W"
    );
    assert_eq!(
        find("Il a six ans.", Lang::Fr, &r, "six ans").0,
        TimexType::Duration
    );
}

#[test]
fn numbers_are_not_dates() {
    let r = day("2023-09-21");
    for text in [
        "120.000 Arméniens vivent là.",
        "Plus de 2000 civils ont fui.",
        "Il a 1 500 euros.",
        "Un score de 30,4.",
    ] {
        let found = tag_in(text, Lang::Fr, &r);
        assert!(
            found.iter().all(|t| t.kind != TimexType::Date),
            "{text}: {found:?}"
        );
    }
    assert!(
        tag_in("The Russell 2000 index fell 3%.", Lang::En, &r).is_empty(),
        "a number in a name is not a year"
    );
}

/// Values of the DATE expressions found in `text`.
fn dates(text: &str, lang: Lang) -> Vec<String> {
    tag_in(text, lang, &day("2031-03-20"))
        .into_iter()
        .filter(|t| t.kind == TimexType::Date)
        .map(|t| t.value)
        .collect()
}

#[test]
fn labelled_numbers_amounts_and_codes_are_not_years_fr() {
    for text in [
        "Le Conseil a voté la résolution 1984 de l'ONU.",
        "Le texte invoque les résolutions 1983 et 1984 de l'ONU.",
        "Le gouvernement a engagé l'article 49.3 puis l'article 1999 du code.",
        "Un Boeing 747 et un Boeing 2707 ont décollé, suivis du vol 2010.",
        "La loi 2030-118 et le décret 1996 sont parus.",
        "Le n° 2003 de la revue, le numéro 1995, la route 2010, le chapitre 1789.",
        "Le bilan dépasse 1.000 morts et 2000 blessés.",
        "Le billet coûte 1.500 euros, soit 2000 dollars, ou 1999 €.",
        "Le village est situé à 1400 km de la côte, près de 1700 blessés.",
        "Lyon a gagné 2-1. Appelez le 01 45 67 20 11 ou le 555-2011.",
    ] {
        assert_eq!(dates(text, Lang::Fr), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn years_in_a_year_context_stay_years_fr() {
    let cases = [
        ("Il est arrivé en 1996.", vec!["1996"]),
        ("Depuis 2003, il vit ici.", vec!["2003"]),
        ("La guerre de 1996-1998 a fait rage.", vec!["1996", "1998"]),
        ("Le film (1996) est sorti.", vec!["1996"]),
        ("Entre 2001 et 2005, rien.", vec!["2001", "2005"]),
        ("Les crues de 1986 avaient tout détruit.", vec!["1986"]),
        ("Le contrat de 2008 lui avait donné un rôle.", vec!["2008"]),
        ("La loi de 1905 est ancienne.", vec!["1905"]),
        ("En mars 2011, il part.", vec!["2011-03"]),
    ];
    for (text, want) in cases {
        assert_eq!(dates(text, Lang::Fr), want, "{text}");
    }
}

#[test]
fn labelled_numbers_amounts_and_codes_are_not_years_en() {
    for text in [
        "The Council adopted resolution 1984 on the strait.",
        "Resolution 1984 authorised inspections.",
        "It cites resolutions 1983 and 1984 of the UN.",
        "Flight 2010 vanished; room 1999 was empty; see section 1996 and rule 2003.",
        "Law 2030-118 was passed. Call 555-2011 or No. 1995.",
        "Tickets cost $2000 or 1,500 euros; the toll passed 1,000 dead and 2000 wounded.",
        "They won 2-1 in front of 2000 fans, 1500 km away.",
    ] {
        assert_eq!(dates(text, Lang::En), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn years_in_a_year_context_stay_years_en() {
    let cases = [
        ("He arrived in 1996.", vec!["1996"]),
        ("Since 2003 he has lived here.", vec!["2003"]),
        ("The film (1996) was released.", vec!["1996"]),
        (
            "Between 2014 and 2016 it will take six.",
            vec!["2014", "2016"],
        ),
        ("The floods of 1986 had destroyed it.", vec!["1986"]),
        ("In March 2011 he left.", vec!["2011-03"]),
    ];
    for (text, want) in cases {
        assert_eq!(dates(text, Lang::En), want, "{text}");
    }
}

#[test]
fn month_reference_fixes_day_months_but_not_weekdays() {
    let r = day("2023-09");
    assert_eq!(
        find(
            "Ils étaient prêts jeudi 21 septembre.",
            Lang::Fr,
            &r,
            "jeudi 21 septembre"
        )
        .1,
        "2023-09-21"
    );
    let all = tag_in("Ils ont débuté jeudi.", Lang::Fr, &r);
    assert_eq!(all[0].value, "XXXX-WXX-4");
    assert_eq!(all[0].anchor, Anchor::Unresolved);
    assert_eq!(all[0].weekday, Some(4));
    let y = Reference::Year(2023);
    assert_eq!(
        find("Le 21 septembre, rien.", Lang::Fr, &y, "Le 21 septembre").1,
        "2023-09-21"
    );
}

#[test]
fn unknown_reference_leaves_values_underspecified() {
    let all = tag("Mardi, le 21 septembre, hier.", Lang::Fr, None);
    let vals: Vec<&str> = all.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(vals, ["XXXX-WXX-2", "XXXX-09-21", "XXXX-XX-XX"]);
    assert!(all.iter().all(|t| t.anchor == Anchor::Unresolved));
    assert_eq!(all[0].weekday, Some(2));
}

#[test]
fn spans_are_character_offsets_sorted_and_disjoint() {
    let text = "Note — « Aujourd'hui », à 11h30, le 1er août 2023 puis mardi soir.";
    let all = tag(text, Lang::Fr, NaiveDate::from_ymd_opt(2023, 8, 3));
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for t in &all {
        assert!(t.start >= last_end && t.start < t.end);
        let s: String = chars[t.start..t.end].iter().collect();
        assert_eq!(s, t.text);
        last_end = t.end;
    }
    assert_eq!(all.len(), 4, "{all:#?}");
}

#[test]
fn same_input_same_output() {
    let text = "Mardi soir, la veille, depuis 8 mois, le 21 septembre 2023.";
    let a = tag(text, Lang::Fr, NaiveDate::from_ymd_opt(2023, 9, 21));
    let b = tag(text, Lang::Fr, NaiveDate::from_ymd_opt(2023, 9, 21));
    assert_eq!(a, b);
}

#[test]
fn vague_and_clause_anchored_expressions_en() {
    assert_eq!(
        en("It began a few years ago.", "2009-03-10", "a few years ago"),
        "PAST_REF"
    );
    let text = "On March 3 it fell. It rebounded late in the day after falling. Later that day, it closed.";
    assert_eq!(en(text, "2009-03-10", "the day"), "2009-03-03");
    assert_eq!(en(text, "2009-03-10", "Later that day"), "2009-03-03");
    // `after` introducing an event: a duration, not a date.
    let (kind, value) = find(
        "Five years after its launch, it leads.",
        Lang::En,
        &day("2008-04-09"),
        "Five years",
    );
    assert_eq!((kind, value.as_str()), (TimexType::Duration, "P5Y"));
    assert!(tag_in("He is 45 years old.", Lang::En, &day("2009-03-10")).is_empty());
}

#[test]
fn same_period_a_year_earlier() {
    let text = "Sales fell 35% in January, compared to the same month a year ago.";
    assert_eq!(
        en(text, "2009-02-03", "the same month a year ago"),
        "2008-01"
    );
    let text = "Les ventes ont baissé en mars par rapport à la même période l'an dernier.";
    assert_eq!(
        fr(text, "2009-04-10", "la même période l'an dernier"),
        "2008-03"
    );
}

#[test]
fn the_same_weekday_and_the_same_morning() {
    let text = "La crèche rouvrira lundi 6 septembre. Les inscriptions se feront ce même lundi après-midi.";
    assert_eq!(
        fr(text, "1999-09-05", "ce même lundi après-midi"),
        "1999-09-06TAF"
    );
    let text = "Il a visité Strasbourg hier. Il était à Paris le matin même.";
    assert_eq!(fr(text, "2002-05-23", "le matin même"), "2002-05-22TMO");
}

#[test]
fn an_impossible_day_keeps_only_its_month() {
    assert_eq!(
        fr(
            "Le 31 février 2023, rien.",
            "2023-09-21",
            "Le 31 février 2023"
        ),
        "2023-02"
    );
    assert_eq!(
        en(
            "On February 30, 2023, nothing.",
            "2023-09-21",
            "February 30, 2023"
        ),
        "2023-02"
    );
    // 29 February exists in leap years only: 2023 has none.
    assert_eq!(
        fr(
            "Le 29 février 2023, rien.",
            "2024-03-01",
            "Le 29 février 2023"
        ),
        "2023-02"
    );
    // Without a year, the month is resolved as a bare month would be.
    let (kind, value) = find(
        "Le 31 février, rien.",
        Lang::Fr,
        &day("2023-09-21"),
        "Le 31 février",
    );
    assert_eq!(kind, TimexType::Date);
    assert!(value.ends_with("-02") && value.len() == 7, "{value}");
}

#[test]
fn midnight_at_24_00_is_the_end_of_its_day() {
    assert_eq!(
        fr(
            "Il est arrivé le 21 septembre 2023 à 24h00.",
            "2024-01-01",
            "le 21 septembre 2023 à 24h00"
        ),
        "2023-09-22T00:00"
    );
    assert_eq!(
        en(
            "He arrived on September 21, 2023 at 24:00.",
            "2024-01-01",
            "September 21, 2023 at 24:00"
        ),
        "2023-09-22T00:00"
    );
    // The last day of a year ends in the next year.
    assert_eq!(
        en(
            "It expired on December 31, 2023 at 24:00.",
            "2024-01-01",
            "December 31, 2023 at 24:00"
        ),
        "2024-01-01T00:00"
    );
    assert_eq!(
        fr("Il viendra à 24h00.", "2023-09-21", "24h00"),
        "2023-09-22T00:00"
    );
    // 24:30 is no time of day.
    assert!(
        tag_in("Il viendra à 24h30.", Lang::Fr, &day("2023-09-21"))
            .iter()
            .all(|t| t.kind != TimexType::Time),
    );
}

#[test]
fn values_stay_within_years_0000_to_9999() {
    let text = "Le lendemain, il est parti. Hier aussi. L'année prochaine. Le mois dernier. La semaine prochaine. Il y a trois jours. Dans deux ans. Depuis trois ans.";
    let etext = "The next day he left. Yesterday too. Next year. Last month. Next week. Three days ago. In two years. For three years.";
    for dct in ["0000-01-01", "9999-12-31"] {
        for (t, lang) in [(text, Lang::Fr), (etext, Lang::En)] {
            for x in tag_in(t, lang, &day(dct)) {
                for v in std::iter::once(&x.value).chain(x.begin.as_ref()) {
                    assert!(
                        !v.starts_with('-')
                            && v.bytes().take_while(u8::is_ascii_digit).count() <= 4,
                        "{dct} {:?}: {v}",
                        x.text
                    );
                }
            }
        }
    }
    // What stays inside the calendar is still resolved.
    assert_eq!(fr(text, "9999-12-31", "Hier"), "9999-12-30");
    assert_eq!(fr(text, "0000-01-01", "Le lendemain"), "0000-01-02");
    // A reference outside four-digit years is no reference.
    assert!(Reference::parse("10000-01-01").is_none());
}

#[test]
fn a_results_report_compares_its_quarter_with_the_year_before() {
    let text = "Acme said fourth-quarter revenue climbed 8% from a year ago. In the year-earlier \
                period it lost money. Margins in the latest quarter widened, against a \
                year-earlier loss.";
    let dct = "2011-01-20";
    assert_eq!(en(text, dct, "fourth-quarter"), "2010-Q4");
    assert_eq!(en(text, dct, "a year ago"), "2009-Q4");
    assert_eq!(en(text, dct, "the year-earlier period"), "2009-Q4");
    assert_eq!(en(text, dct, "the latest quarter"), "2010-Q4");
    assert_eq!(en(text, dct, "year-earlier"), "2009-Q4");
    // Without a quarter named first, the latest quarter is the last completed one; without
    // any quarter, `a year ago` stays a year.
    let text = "Profit in the latest quarter rose.";
    assert_eq!(en(text, "2011-05-02", "the latest quarter"), "2011-Q1");
    let text = "Shares were cheaper a year ago.";
    assert_eq!(en(text, "2011-05-02", "a year ago"), "2010");
}

#[test]
fn a_year_before_a_quarter_names_it_and_approximate_spans_ago_are_dates() {
    let text = "Sales were flat in the 2007 third quarter.";
    assert_eq!(en(text, "2009-01-01", "the 2007 third quarter"), "2007-Q3");
    let text = "The plant opened almost five years ago and closed more than a week ago.";
    assert_eq!(en(text, "2012-06-15", "almost five years ago"), "2007");
    assert_eq!(en(text, "2012-06-15", "more than a week ago"), "2012-06-08");
}
