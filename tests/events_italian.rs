//! Italian: a small story written for these tests (tests/fixtures/italian-story) — weekday
//! resolution, an anaphoric date, an undated article placed by the others, a misspelt name, a
//! date conflict and a figure conflict, the site rendered in Italian — and the everyday
//! temporal expressions of Italian news text, in invented sentences, through `tag_in`.

mod events_support;

use std::path::{Path, PathBuf};

use annales::lang::Lang;
use annales::site::Site;
use annales::time::{Anchor, Reference, Timex, TimexType, tag_in};
use events_support::{
    assert_date_conflict, assert_figure_conflict, assert_inferred, assert_misspelt_name_joins,
    assert_top_headline, event_citing as citing, load_fixture, source_count as sources,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/italian-story")
}

fn site() -> (tempfile::TempDir, Site) {
    load_fixture(&fixture(), &[])
}

#[test]
fn the_undated_article_is_placed_by_the_happenings_it_shares() {
    let (_d, site) = site();
    assert_inferred(&site, "c-la-conta-dei-danni", &["2025-10-16"]);
}

#[test]
fn weekdays_and_the_day_before_resolve_to_the_right_days() {
    let (_d, site) = site();
    let slide = citing(
        &site,
        "a-frana",
        "si è staccata dal monte Cordano martedì sera",
    );
    assert!(
        slide.date.to_string().starts_with("2025-10-14"),
        "{}",
        slide.date
    );
    // "dopo che la frana si era staccata … il giorno prima" (the day before Wednesday).
    assert_eq!(slide, citing(&site, "b-arriva", "il giorno prima"));
    assert_eq!(
        slide,
        citing(&site, "d-si-stacca", "nella serata di martedì")
    );
    assert_eq!(slide, citing(&site, "c-la-conta", "martedì sera"));
    assert_eq!(sources(slide), 4);
    let soldiers = citing(&site, "c-la-conta", "I soldati sono arrivati giovedì");
    assert_eq!(soldiers.date, "2025-10-16");
    assert_eq!(soldiers, citing(&site, "b-arriva", "l’esercito ha inviato"));
    // A coming meeting and a reopening: the future tense sends the weekday ahead.
    let meeting = citing(&site, "d-si-stacca", "si riunirà giovedì alle 10.30");
    assert_eq!(meeting.date, "2025-10-16T10:30");
    let schools = citing(&site, "c-la-conta", "riapriranno lunedì");
    assert_eq!(schools.date, "2025-10-20");
}

#[test]
fn a_misspelt_name_does_not_split_the_happening() {
    let (_d, site) = site();
    assert_misspelt_name_joins(
        &site,
        "Ferrandni ha dichiarato",
        "mercoledì",
        "2025-10-15",
        ("a-frana", "Ferrandini ha dichiarato"),
        3,
    );
    let e = citing(&site, "a-frana", "Ferrandini ha dichiarato");
    assert_eq!(e, citing(&site, "c-la-conta", "dal sindaco Ferrandini"));
}

#[test]
fn disagreeing_days_and_figures_are_conflicts() {
    let (_d, site) = site();
    let bridge = "ponte sul torrente Lisca è crollato";
    assert_date_conflict(
        &site,
        ("a-frana", bridge),
        ("b-arriva", bridge),
        ["2025-10-14", "2025-10-15"],
    );
    assert_figure_conflict(
        &site,
        ("b-arriva", "450 persone sono state evacuate"),
        ("d-si-stacca", "300 persone erano state"),
        ["300", "450"],
    );
}

#[test]
fn the_most_reported_happening_comes_first() {
    let (_d, site) = site();
    assert_top_headline(&site, "frana si è staccata");
}

#[test]
fn the_site_speaks_italian() {
    let (d, site) = site();
    let out = d.path().join("public");
    site.render_atomic(&out).unwrap();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"it\""), "no lang attribute");
    for word in [
        "ottobre 2025",
        "martedì 14 ottobre 2025",
        "Le fonti divergono",
    ] {
        assert!(home.contains(word), "index.html lacks «{word}»");
    }
    assert!(home.contains("Cronologia") && home.contains("Fonti"));
    for english in ["October", "Tuesday", "Sources"] {
        assert!(!home.contains(english), "index.html shows «{english}»");
    }
}

// ---- The tagger, on invented sentences. Reference: Wednesday 15 October 2025.

fn tags(text: &str) -> Vec<Timex> {
    tag_in(text, Lang::It, &Reference::parse("2025-10-15").unwrap())
}

fn get(text: &str, expr: &str) -> Timex {
    let all = tags(text);
    all.iter()
        .find(|t| t.text == expr)
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "{expr:?} not tagged in {text:?}: {:?}",
                all.iter().map(|t| (&t.text, &t.value)).collect::<Vec<_>>()
            )
        })
}

fn value(text: &str, expr: &str) -> String {
    get(text, expr).value
}

#[test]
fn dates_months_and_years() {
    let s = "L'assemblea si è riunita martedì 14 ottobre 2025 in municipio.";
    assert_eq!(value(s, "martedì 14 ottobre 2025"), "2025-10-14");
    assert_eq!(
        value(
            "Il 3 marzo 2011 è stato firmato l'accordo.",
            "Il 3 marzo 2011"
        ),
        "2011-03-03"
    );
    assert_eq!(
        value(
            "Il 1° maggio 2024 la piazza era piena.",
            "Il 1° maggio 2024"
        ),
        "2024-05-01"
    );
    assert_eq!(
        value(
            "Il primo marzo 2020 è cominciato tutto.",
            "Il primo marzo 2020"
        ),
        "2020-03-01"
    );
    assert_eq!(
        value("Il decreto è del 21/09/2023.", "21/09/2023"),
        "2023-09-21"
    );
    assert_eq!(value("Nel 2011 la città fu assediata.", "2011"), "2011");
    assert_eq!(
        value("A marzo 2012 riaprì il porto.", "marzo 2012"),
        "2012-03"
    );
    assert_eq!(
        value(
            "Lo scorso 3 ottobre è cominciato lo sciopero.",
            "Lo scorso 3 ottobre"
        ),
        "2025-10-03"
    );
    assert_eq!(
        value("Dal 6 al 9 ottobre si sono svolti i colloqui.", "9 ottobre"),
        "2025-10-09"
    );
    let s = "Tra il 19 e il 20 febbraio ci sono stati scontri.";
    assert_eq!(value(s, "il 19"), "2025-02-19");
    assert_eq!(value(s, "il 20 febbraio"), "2025-02-20");
    assert_eq!(
        value("La crisi cominciò negli anni '90.", "negli anni '90"),
        "199"
    );
    assert_eq!(
        value(
            "Nell'estate del 2012 il lago era in secca.",
            "Nell'estate del 2012"
        ),
        "2012-SU"
    );
    assert_eq!(value("Il mercato chiude a Natale.", "Natale"), "2025-12-25");
    assert_eq!(
        value("La sfilata è prevista a Pasqua 2026.", "Pasqua 2026"),
        "2026-04-05"
    );
    // Without accents, as some writers type them.
    assert_eq!(
        value("E' successo venerdi 10 ottobre.", "venerdi 10 ottobre"),
        "2025-10-10"
    );
}

#[test]
fn start_middle_and_end_of_a_period() {
    let t = get("I lavori sono finiti a metà marzo 2025.", "metà marzo 2025");
    assert_eq!(
        (t.value.as_str(), t.modifier.as_deref()),
        ("2025-03", Some("MID"))
    );
    let t = get(
        "Le elezioni si terranno alla fine del 2026.",
        "fine del 2026",
    );
    assert_eq!(
        (t.value.as_str(), t.modifier.as_deref()),
        ("2026", Some("END"))
    );
    let t = get(
        "Tutto era pronto già a inizio settembre.",
        "inizio settembre",
    );
    assert_eq!(t.modifier.as_deref(), Some("START"));
}

#[test]
fn relative_days_and_parts_of_the_day() {
    assert_eq!(
        value("Ieri sera il consiglio ha votato.", "Ieri sera"),
        "2025-10-14TEV"
    );
    assert_eq!(
        value("Il sindaco parlerà domani mattina.", "domani mattina"),
        "2025-10-16TMO"
    );
    assert_eq!(
        value("Stamattina le strade erano chiuse.", "Stamattina"),
        "2025-10-15"
    );
    assert_eq!(
        value("L'altro ieri è piovuto.", "L'altro ieri"),
        "2025-10-13"
    );
    assert_eq!(
        value("Oggi pomeriggio si vota.", "Oggi pomeriggio"),
        "2025-10-15TAF"
    );
    assert_eq!(
        value("Martedì sera la polizia è intervenuta.", "Martedì sera"),
        "2025-10-14TEV"
    );
    assert_eq!(
        value("Questa mattina il treno è partito.", "Questa mattina"),
        "2025-10-15TMO"
    );
    let s = "La folla si è radunata nella notte di lunedì.";
    assert_eq!(value(s, "nella notte di lunedì"), "2025-10-13TNI");
}

#[test]
fn weekdays_take_their_direction_from_cues_and_tense() {
    assert_eq!(
        value("Lunedì prossimo riapriranno le scuole.", "Lunedì prossimo"),
        "2025-10-20"
    );
    assert_eq!(
        value("Sabato scorso c'era il mercato.", "Sabato scorso"),
        "2025-10-11"
    );
    assert_eq!(
        value("Lunedì la polizia ha arrestato due uomini.", "Lunedì"),
        "2025-10-13"
    );
    assert_eq!(
        value("Venerdì il ministro incontrerà i sindacati.", "Venerdì"),
        "2025-10-17"
    );
    let t = get("Il ministro arriverà venerdì.", "venerdì");
    assert_eq!(t.weekday, Some(5));
}

#[test]
fn units_relative_to_now_and_ago() {
    assert_eq!(
        value("Tre giorni fa è crollato il tetto.", "Tre giorni fa"),
        "2025-10-12"
    );
    assert_eq!(
        value("Un anno fa la fabbrica ha chiuso.", "Un anno fa"),
        "2024"
    );
    assert_eq!(
        value(
            "La settimana scorsa il fiume è salito.",
            "La settimana scorsa"
        ),
        "2025-W41"
    );
    assert_eq!(value("L'anno prossimo si vota.", "L'anno prossimo"), "2026");
    assert_eq!(
        value("Quest'anno il raccolto è scarso.", "Quest'anno"),
        "2025"
    );
    assert_eq!(
        value("Il mese scorso è stato piovoso.", "Il mese scorso"),
        "2025-09"
    );
    assert_eq!(
        value("Tra due settimane si vota.", "Tra due settimane"),
        "2025-10-29"
    );
    assert_eq!(
        value("L'opera sarà finita fra tre mesi.", "fra tre mesi"),
        "2026-01"
    );
    let t = get("Anni fa il paese era abitato.", "Anni fa");
    assert_eq!(t.value, "PAST_REF");
}

#[test]
fn anaphors_count_from_the_last_date() {
    // Before a word, `il giorno prima` may open a clause (`il giorno prima di partire`): a
    // comma or the end of the sentence makes it the anaphor.
    let s = "Il 10 ottobre è arrivato il ministro. Il giorno prima, era piovuto.";
    let t = get(s, "Il giorno prima");
    assert_eq!(
        (t.value.as_str(), t.anchor),
        ("2025-10-09", Anchor::Previous)
    );
    let s = "Il 10 ottobre è arrivato il ministro. La vigilia era piovuto.";
    assert_eq!(value(s, "La vigilia"), "2025-10-09");
    let s = "Il 10 ottobre è arrivato il ministro; l'indomani è ripartito.";
    assert_eq!(value(s, "l'indomani"), "2025-10-11");
    let s = "Il 10 ottobre è arrivato il ministro ed è ripartito tre giorni dopo.";
    assert_eq!(value(s, "tre giorni dopo"), "2025-10-13");
    let s = "Il 10 ottobre è arrivato il ministro. Il giorno successivo ha parlato.";
    assert_eq!(value(s, "Il giorno successivo"), "2025-10-11");
    let s = "L'accordo fu firmato nel marzo 2011. L'anno precedente c'era stata la guerra.";
    assert_eq!(value(s, "L'anno precedente"), "2010");
}

#[test]
fn clock_times() {
    let t = get("Il corteo è partito alle 10.30 dalla stazione.", "10.30");
    assert_eq!(
        (t.kind, t.value.as_str()),
        (TimexType::Time, "2025-10-15T10:30")
    );
    assert_eq!(
        value("Ieri alle 18 è scattato l'allarme.", "Ieri alle 18"),
        "2025-10-14T18:00"
    );
    assert_eq!(
        value("La scossa è arrivata alle 8 di sera.", "8 di sera"),
        "2025-10-15T20:00"
    );
    assert_eq!(
        value("L'esplosione è avvenuta alle 21:15.", "21:15"),
        "2025-10-15T21:15"
    );
    assert_eq!(
        value("Il vertice comincia a mezzogiorno.", "mezzogiorno"),
        "2025-10-15T12:00"
    );
    let s = "Giovedì 16 ottobre 2025 alle 9 si apre il seggio.";
    assert_eq!(
        value(s, "Giovedì 16 ottobre 2025 alle 9"),
        "2025-10-16T09:00"
    );
}

#[test]
fn durations_since_phrases_sets_and_vague_references() {
    let t = get("La strada è rimasta chiusa per tre giorni.", "tre giorni");
    assert_eq!((t.kind, t.value.as_str()), (TimexType::Duration, "P3D"));
    assert_eq!(
        value("Hanno discusso per due ore e mezza.", "due ore e mezza"),
        "PT2H30M"
    );
    assert_eq!(value("Il ponte è chiuso da mezz'ora.", "mezz'ora"), "PT30M");
    let t = get("Gli operai sono in sciopero da tre mesi.", "tre mesi");
    assert_eq!(
        (t.value.as_str(), t.begin.as_deref()),
        ("P3M", Some("2025-07"))
    );
    assert_eq!(value("La diga perde acqua da anni.", "anni"), "PXY");
    assert_eq!(
        value(
            "Negli ultimi mesi i prezzi sono saliti.",
            "Negli ultimi mesi"
        ),
        "PXM"
    );
    assert_eq!(
        value("Ci sono voluti diversi giorni.", "diversi giorni"),
        "PXD"
    );
    assert_eq!(
        value("Il mercato si tiene ogni lunedì.", "ogni lunedì"),
        "XXXX-WXX-1"
    );
    assert_eq!(
        value("Il treno passa due volte al giorno.", "due volte al giorno"),
        "P1D"
    );
    assert_eq!(
        value("Si tratta di un controllo mensile.", "mensile"),
        "P1M"
    );
    assert_eq!(
        value("Attualmente il ponte è chiuso.", "Attualmente"),
        "PRESENT_REF"
    );
    assert_eq!(
        value("Recentemente il ponte è stato chiuso.", "Recentemente"),
        "PAST_REF"
    );
    assert_eq!(
        value("In futuro il ponte sarà allargato.", "In futuro"),
        "FUTURE_REF"
    );
}

#[test]
fn what_is_not_a_time() {
    let none = |s: &str| {
        let all = tags(s);
        assert!(
            all.is_empty(),
            "{s:?}: {:?}",
            all.iter().map(|t| (&t.text, &t.value)).collect::<Vec<_>>()
        );
    };
    // Counts after `alle`, `secondo` (according to), `sei` (you are), `prima di`.
    none("I ladri hanno dato fuoco alle 3 auto del parcheggio.");
    none("Secondo il prefetto sei persone sono rimaste ferite.");
    none("Sono morte 2000 persone nella valle.");
    none("La risoluzione 1973 è stata approvata all'unanimità.");
    none("La Primavera araba cambiò la regione.");
    none("Il costo è di 2000 euro.");
    // `prima di marzo` is before March, not the first of March.
    let all = tags("Prima di marzo non si vota.");
    assert!(
        all.iter()
            .all(|t| t.value != "2026-03-01" && t.value != "2025-03-01"),
        "{all:?}"
    );
    // `i mesi scorsi` is a stretch, not last month.
    assert!(
        tags("Nei mesi scorsi il fiume è salito.")
            .iter()
            .all(|t| t.value != "2025-09")
    );
}
