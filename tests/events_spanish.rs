//! A small Spanish story written for these tests (tests/fixtures/spanish-story): weekday
//! resolution, an anaphoric date, an undated article placed by the others, a misspelt name, a
//! date conflict and a figure conflict, and the Spanish labels of the rendered site. Then the
//! Spanish tagger on invented news sentences, with what must not be tagged.

mod events_support;

use std::path::{Path, PathBuf};

use annales::lang::Lang;
use annales::site::{BuildOptions, Site};
use annales::time::{Reference, TimexType, tag_in};
use events_support::{
    assert_date_conflict, assert_figure_conflict, assert_inferred, assert_misspelt_name_joins,
    event_citing as citing, load_fixture,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spanish-story")
}

fn site() -> (tempfile::TempDir, Site) {
    load_fixture(&fixture(), &[])
}

#[test]
fn the_undated_article_is_placed_by_the_happenings_it_shares() {
    let (_d, site) = site();
    // It tells of Thursday's soldiers in the past: written on Thursday or after.
    assert_inferred(&site, "c-balance-de-danos", &["2025-07-10", "2025-07-11"]);
}

#[test]
fn weekdays_and_the_day_before_resolve_to_the_right_days() {
    let (_d, site) = site();
    let fire = citing(
        &site,
        "a-el-fuego-aisla-villarreja",
        "se declaró el martes por la noche",
    );
    assert!(
        fire.date.to_string().starts_with("2025-07-08"),
        "{}",
        fire.date
    );
    // "después de que el fuego se declarara la víspera" (the day before Wednesday).
    assert_eq!(fire, citing(&site, "b-llega-el-ejercito", "la víspera"));
    assert_eq!(
        fire,
        citing(&site, "d-arde-la-sierra", "la noche del martes")
    );
    assert_eq!(
        fire,
        citing(&site, "c-balance-de-danos", "el martes por la noche")
    );
    let soldiers = citing(
        &site,
        "c-balance-de-danos",
        "Los soldados llegaron el jueves",
    );
    assert_eq!(soldiers.date, "2025-07-10");
    assert_eq!(
        soldiers,
        citing(&site, "b-llega-el-ejercito", "el ejército envió")
    );
    // A future verb: the committee meets on the Thursday after the Wednesday of writing.
    let committee = citing(&site, "d-arde-la-sierra", "se reunirá el jueves");
    assert_eq!(committee.date, "2025-07-10");
}

#[test]
fn a_misspelt_name_does_not_split_the_happening() {
    let (_d, site) = site();
    assert_misspelt_name_joins(
        &site,
        "Quintanila decretó",
        "miércoles",
        "2025-07-09",
        ("a-el-fuego-aisla-villarreja", "Quintanilla decretó"),
        3,
    );
}

#[test]
fn disagreeing_days_and_figures_are_conflicts() {
    let (_d, site) = site();
    let bridge = "puente de madera de la calle Mayor se derrumbó";
    assert_date_conflict(
        &site,
        ("a-el-fuego-aisla-villarreja", bridge),
        ("b-llega-el-ejercito", bridge),
        ["2025-07-08", "2025-07-09"],
    );
    let f = assert_figure_conflict(
        &site,
        ("b-llega-el-ejercito", "1.500 vecinos fueron evacuados"),
        ("a-el-fuego-aisla-villarreja", "1.200 vecinos"),
        ["1200", "1500"],
    );
    assert_eq!(f.quantity.as_deref(), Some("evacuated"));
}

#[test]
fn the_rendered_site_speaks_spanish() {
    let (d, _site) = site();
    annales::site::build(&BuildOptions::new(d.path())).unwrap();
    let home = std::fs::read_to_string(d.path().join("public/index.html")).unwrap();
    assert!(home.contains("julio"), "Spanish month names");
    assert!(!home.contains("July") && !home.contains("juillet"));
    for label in ["Cronología", "Fuentes"] {
        assert!(home.contains(label), "label {label}");
    }
    assert!(home.contains("lang=\"es\""));
}

// The Spanish tagger, on invented sentences read on Wednesday 13 May 2015.

const DCT: &str = "2015-05-13";

fn tagged(text: &str) -> Vec<(String, TimexType, String)> {
    tag_in(text, Lang::Es, &Reference::parse(DCT).unwrap())
        .into_iter()
        .map(|t| (t.text, t.kind, t.value))
        .collect()
}

fn value(text: &str, expr: &str) -> (TimexType, String) {
    let all = tagged(text);
    all.iter()
        .find(|t| t.0 == expr)
        .map(|t| (t.1, t.2.clone()))
        .unwrap_or_else(|| panic!("{expr:?} not tagged in {text:?}: {all:?}"))
}

#[test]
fn everyday_spanish_expressions() {
    use TimexType::*;
    let cases: &[(&str, &str, TimexType, &str)] = &[
        (
            "El ataque se produjo el martes por la noche.",
            "martes por la noche",
            Time,
            "2015-05-12TNI",
        ),
        (
            "Hace tres días, los rebeldes tomaron el aeropuerto.",
            "Hace tres días",
            Date,
            "2015-05-10",
        ),
        (
            "El próximo lunes comenzarán las conversaciones.",
            "El próximo lunes",
            Date,
            "2015-05-18",
        ),
        (
            "Anoche hubo explosiones en el puerto.",
            "Anoche",
            Date,
            "2015-05-12",
        ),
        (
            "El acuerdo se firmó el 21 de septiembre de 2013 a las 10:30.",
            "el 21 de septiembre de 2013 a las 10:30",
            Time,
            "2013-09-21T10:30",
        ),
        (
            "En mayo de 2011 comenzó la guerra.",
            "mayo de 2011",
            Date,
            "2011-05",
        ),
        (
            "La reunión será a las 8 de la tarde.",
            "8 de la tarde",
            Time,
            "2015-05-13T20:00",
        ),
        (
            "Ayer por la tarde llegó la ayuda.",
            "Ayer por la tarde",
            Time,
            "2015-05-12TAF",
        ),
        (
            "Mañana por la mañana saldrá el convoy.",
            "Mañana por la mañana",
            Time,
            "2015-05-14TMO",
        ),
        (
            "Esta mañana se oyeron disparos.",
            "Esta mañana",
            Time,
            "2015-05-13TMO",
        ),
        (
            "La noche del sábado al domingo hubo ataques.",
            "La noche del sábado al domingo",
            Time,
            "2015-05-09TNI",
        ),
        (
            "Los combates duraron tres semanas.",
            "tres semanas",
            Duration,
            "P3W",
        ),
        (
            "En los últimos días la situación empeoró.",
            "los últimos días",
            Duration,
            "PXD",
        ),
        (
            "Cada lunes, los vecinos se reúnen.",
            "Cada lunes",
            Set,
            "XXXX-WXX-1",
        ),
        (
            "Todos los martes hay mercado.",
            "Todos los martes",
            Set,
            "XXXX-WXX-2",
        ),
        (
            "Los domingos la plaza se llena.",
            "Los domingos",
            Set,
            "XXXX-WXX-7",
        ),
        (
            "Dos veces al año se celebra la feria.",
            "Dos veces al año",
            Set,
            "P1Y",
        ),
        (
            "Actualmente la carretera está cortada.",
            "Actualmente",
            Date,
            "PRESENT_REF",
        ),
        (
            "El año pasado murieron 300 personas.",
            "El año pasado",
            Date,
            "2014",
        ),
        (
            "La semana pasada el gobierno dimitió.",
            "La semana pasada",
            Date,
            "2015-W19",
        ),
        (
            "El mes que viene se votará la ley.",
            "El mes que viene",
            Date,
            "2015-06",
        ),
        (
            "Este fin de semana habrá elecciones.",
            "Este fin de semana",
            Date,
            "2015-W20-WE",
        ),
        (
            "Dentro de dos semanas se reunirá el consejo.",
            "Dentro de dos semanas",
            Date,
            "2015-05-27",
        ),
        (
            "El pasado 3 de marzo murió el líder.",
            "El pasado 3 de marzo",
            Date,
            "2015-03-03",
        ),
        (
            "A finales del año pasado se rompió la tregua.",
            "A finales del año pasado",
            Date,
            "2014",
        ),
        (
            "El martes pasado se firmó el acuerdo.",
            "El martes pasado",
            Date,
            "2015-05-12",
        ),
        (
            "En Navidad de 2013 hubo una tregua.",
            "Navidad de 2013",
            Date,
            "2013-12-25",
        ),
    ];
    for &(text, expr, kind, v) in cases {
        assert_eq!(value(text, expr), (kind, v.to_owned()), "{text}");
    }
}

#[test]
fn anaphoric_days_count_from_the_date_before() {
    let text = "El 2 de mayo cayó la ciudad. La víspera, el ejército se había retirado. \
                Al día siguiente llegaron los refuerzos. Tres días más tarde se firmó la paz. \
                Dos semanas después, se abrió la frontera.";
    assert_eq!(value(text, "La víspera").1, "2015-05-01");
    assert_eq!(value(text, "Al día siguiente").1, "2015-05-03");
    assert_eq!(value(text, "Tres días más tarde").1, "2015-05-06");
    assert_eq!(value(text, "Dos semanas después").1, "2015-05-20");
}

#[test]
fn ages_names_and_counts_are_not_dates() {
    for s in [
        "Un hombre de 34 años fue detenido.",
        "El conductor tiene 23 años.",
        "Hace falta más ayuda humanitaria.",
        "El primer ministro visitó la zona.",
        "La Primavera Árabe cambió la región.",
        "La resolución 2216 fue aprobada por unanimidad.",
        "Unos 2000 soldados llegaron al puerto.",
        "El precio subió a 2000 dólares.",
    ] {
        assert!(tagged(s).is_empty(), "{s}: {:?}", tagged(s));
    }
}

// The two constructions the grammar gained for Spanish.

#[test]
fn the_article_tells_one_weekday_from_every_one() {
    // `lunes`, `martes`… do not change in the plural: `el lunes` is one day, `los lunes` all.
    assert_eq!(
        value("El miércoles la ONU pidió calma.", "miércoles"),
        (TimexType::Date, "2015-05-13".to_owned())
    );
    assert_eq!(
        value("Los rebeldes atacaron el viernes.", "viernes"),
        (TimexType::Date, "2015-05-08".to_owned())
    );
    assert_eq!(
        value("Los viernes hay reparto.", "Los viernes"),
        (TimexType::Set, "XXXX-WXX-5".to_owned())
    );
    // French keeps its own convention: `le lundi` is a recurrence, `lundi` one day.
    let fr = |s: &str| {
        tag_in(s, Lang::Fr, &Reference::parse(DCT).unwrap())
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fr("Le lundi, le marché est fermé."),
        [("Le lundi".to_owned(), "XXXX-WXX-1".to_owned())]
    );
    assert_eq!(
        fr("Il est arrivé lundi."),
        [("lundi".to_owned(), "2015-05-11".to_owned())]
    );
}

#[test]
fn de_joins_a_month_to_its_year() {
    assert_eq!(
        tagged("El 5 de mayo de 2011 se firmó la paz."),
        [(
            "El 5 de mayo de 2011".to_owned(),
            TimexType::Date,
            "2011-05-05".to_owned()
        )]
    );
    assert_eq!(
        value("Ocurrió en marzo del 2012.", "marzo del 2012").1,
        "2012-03"
    );
    // Languages without the class are unchanged: `mars de 2011` is not one expression.
    let fr: Vec<String> = tag_in(
        "Il est venu le 5 mars de 2011.",
        Lang::Fr,
        &Reference::parse(DCT).unwrap(),
    )
    .into_iter()
    .map(|t| t.text)
    .collect();
    assert!(!fr.iter().any(|t| t.contains("de 2011")), "{fr:?}");
}

#[test]
fn a_bare_hour_after_a_las_is_a_clock_time_but_a_count_is_not() {
    let s = "El pleno se celebró el lunes 7 de julio de 2025 a las 10 en el ayuntamiento.";
    assert_eq!(
        value(s, "el lunes 7 de julio de 2025 a las 10"),
        (TimexType::Time, "2025-07-07T10:00".to_string())
    );
    let s = "El lunes 7 de julio de 2025, la rueda de prensa empezó hacia las 18.30.";
    assert_eq!(
        value(s, "18.30"),
        (TimexType::Time, "2025-07-07T18:30".to_string())
    );
    // A number of things after the same words is no hour.
    let none = tagged("El lunes 7 de julio regalaron flores a las 3 ganadoras.");
    assert!(none.iter().all(|t| t.0 != "3"), "{none:?}");
}
