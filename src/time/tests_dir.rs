//! Direction and anchoring: which way a bare date points, and what an anaphor counts from.
//! Sentences are invented; 2023-09-20 is a Wednesday.

use super::tests::day;
use super::{Anchor, Lang, Reference, TimexType, tag_in};

/// Tags `text` and returns (type, value, anchor) of the expression whose text is `expr`.
fn find(text: &str, lang: Lang, r: &Reference, expr: &str) -> (TimexType, String, Anchor) {
    let all = tag_in(text, lang, r);
    let t = all
        .iter()
        .find(|t| t.text == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {text:?}: {all:#?}"));
    (t.kind, t.value.clone(), t.anchor)
}

fn fr(text: &str, dct: &str, expr: &str) -> String {
    find(text, Lang::Fr, &day(dct), expr).1
}

fn en(text: &str, dct: &str, expr: &str) -> String {
    find(text, Lang::En, &day(dct), expr).1
}

#[test]
fn a_plan_in_the_past_tense_still_points_ahead() {
    let d = "2023-09-20";
    assert_eq!(
        en(
            "The delegation planned to fly to Geneva on Friday.",
            d,
            "Friday"
        ),
        "2023-09-22"
    );
    assert_eq!(
        en("The union is planning to strike on Monday.", d, "Monday"),
        "2023-09-25"
    );
    assert_eq!(
        en(
            "The mayor hoped to reopen the bridge on Saturday.",
            d,
            "Saturday"
        ),
        "2023-09-23"
    );
    assert_eq!(
        en("The vote was to take place on Thursday.", d, "Thursday"),
        "2023-09-21"
    );
    // Without the intention the past tense points back.
    assert_eq!(
        en("The delegation traveled to Geneva on Friday.", d, "Friday"),
        "2023-09-15"
    );
    assert_eq!(
        en("The union went on strike on Monday.", d, "Monday"),
        "2023-09-18"
    );
}

#[test]
fn the_following_year_counts_from_the_year_in_focus() {
    let d = "2023-09-20";
    let s = "The plant closed in 1987, and the following year the town lost its school.";
    assert_eq!(en(s, d, "the following year"), "1988");
    let s = "The strike began in March 2021. The following month, talks resumed.";
    assert_eq!(en(s, d, "The following month"), "2021-04");
    let s = "L'usine a fermé en 1987. L'année suivante, la ville a perdu son école.";
    assert_eq!(fr(s, d, "L'année suivante"), "1988");
    let s = "La grève a commencé en mars 2021. Le mois précédent, les salaires avaient baissé.";
    assert_eq!(fr(s, d, "Le mois précédent"), "2021-02");
    // Nothing in focus: the article's year.
    let s = "Sales had fallen the previous year.";
    assert_eq!(en(s, d, "the previous year"), "2022");
}

#[test]
fn years_later_counts_from_the_year_in_focus() {
    let d = "2023-09-20";
    let s = "The company was founded in 1990. Two years later, it went public.";
    assert_eq!(en(s, d, "Two years later"), "1992");
    let s = "Le club a été fondé en 1990. Deux ans plus tard, il est monté en première division.";
    assert_eq!(fr(s, d, "Deux ans plus tard"), "1992");
}

#[test]
fn deictic_directions_stay_on_the_article_date() {
    let d = "2023-09-20";
    // `next` and `last` count from the article, whatever was mentioned before.
    let s = "The plant closed in 1987. It will reopen next year.";
    assert_eq!(en(s, d, "next year"), "2024");
    let s = "The plant closed in 1987. Sales fell last year.";
    assert_eq!(en(s, d, "last year"), "2022");
    let s = "L'usine a fermé en 1987. Elle rouvrira l'an prochain.";
    assert_eq!(fr(s, d, "l'an prochain"), "2024");
    let (_, v, a) = find(
        "The plant closed in 1987, and the following year the town lost its school.",
        Lang::En,
        &day(d),
        "the following year",
    );
    assert_eq!((v.as_str(), a), ("1988", Anchor::Previous));
}

#[test]
fn a_dated_list_in_the_present_looks_back_unless_the_entry_is_close_ahead() {
    // A year in review written in December: its entries are behind the article.
    let review = "Bilan de l'année\n15 mars : le conseil municipal adopte le budget.\n- 2 avril : la piscine rouvre ses portes.";
    let d = "2023-12-18";
    assert_eq!(fr(review, d, "15 mars"), "2023-03-15");
    assert_eq!(fr(review, d, "2 avril"), "2023-04-02");
    // An agenda: an entry a few weeks ahead is a coming event.
    let agenda = "Agenda\n5 janvier : la mairie présente ses vœux.";
    assert_eq!(fr(agenda, d, "5 janvier"), "2024-01-05");
    // A future cue keeps the entry ahead.
    let plan = "Calendrier\n15 mars : le conseil adoptera le budget.";
    assert_eq!(fr(plan, d, "15 mars"), "2024-03-15");
    // Running prose is not a list: proximity decides as before.
    let prose = "Le conseil adopte le budget le 15 mars.";
    assert_eq!(fr(prose, d, "le 15 mars"), "2024-03-15");
}

#[test]
fn a_past_participle_in_u_right_before_a_weekday_dates_it_back() {
    // 2023-09-18 is a Monday: in the present, `mercredi` alone is the coming one.
    let d = "2023-09-18";
    assert_eq!(
        fr("L'accord conclu mercredi tient toujours.", d, "mercredi"),
        "2023-09-13"
    );
    assert_eq!(
        fr("Le contrat obtenu jeudi assure du travail.", d, "jeudi"),
        "2023-09-14"
    );
    // A noun in `-ue`, not a participle: the clause decides.
    assert_eq!(
        fr(
            "La venue mercredi du ministre mobilise la ville.",
            d,
            "mercredi"
        ),
        "2023-09-20"
    );
    assert_eq!(
        fr("Le marché rendu célèbre se tient mercredi.", d, "mercredi"),
        "2023-09-20"
    );
}

#[test]
fn a_year_earlier_keeps_the_quarter_in_focus_and_does_not_chain() {
    let d = "2023-10-25";
    let s =
        "Profit in the third quarter of 2023 rose to $5 million from $4 million a year earlier.";
    assert_eq!(en(s, d, "a year earlier"), "2022-Q3");
    let s = "The firm earned $5 million in 2022, up from $4 million a year earlier. Sales were $9 million, against $8 million a year earlier.";
    let all = tag_in(s, Lang::En, &day(d));
    let earlier: Vec<&str> = all
        .iter()
        .filter(|t| t.text == "a year earlier")
        .map(|t| t.value.as_str())
        .collect();
    assert_eq!(earlier, ["2021", "2021"]);
}
