//! One event per happening across sources: the same happening told by several outlets in their
//! own words is one event citing them all; two happenings of one kind on one day (two protests
//! in two towns) stay two; a report of the day and a report of the hour of one agreement are
//! one event at that hour. Invented stories, in French and in English, written for these tests.

mod events_support;

use annales::site::Site;
use annales::timeline::Event;
use events_support::{event_citing as citing, load_articles, source_count as sources, summary};

/// Builds a site in a temporary folder from `(file name, outlet, date, body)` articles.
fn site(lang: &str, articles: &[(&str, &str, &str, &str)]) -> (tempfile::TempDir, Site) {
    let files: Vec<(String, String)> = articles
        .iter()
        .map(|(name, outlet, date, body)| {
            let text = format!(
                "+++\ntitle = \"{name}\"\ndate = \"{date}\"\noutlet = \"{outlet}\"\nlang = \"{lang}\"\n+++\n\n{body}\n"
            );
            (format!("{name}.md"), text)
        })
        .collect();
    load_articles(lang, &files)
}

fn one_event<'a>(site: &'a Site, quotes: &[(&str, &str)]) -> &'a Event {
    let first = citing(site, quotes[0].0, quotes[0].1);
    for (source, text) in &quotes[1..] {
        assert_eq!(
            first.id,
            citing(site, source, text).id,
            "«{text}» ({source}) is not in the event of «{}»\n{}",
            quotes[0].1,
            summary(site)
        );
    }
    first
}

const STRIKE_FR: &[(&str, &str, &str, &str)] = &[
    (
        "a-greve-port",
        "Le Courrier de Lanval",
        "2025-06-03",
        "Les dockers du port de Lanval ont entamé mardi une grève illimitée pour obtenir une hausse des salaires.\n\nLe syndicat réclame une prime de pénibilité depuis deux ans.",
    ),
    (
        "b-port-paralyse",
        "Radio Estuaire",
        "2025-06-03",
        "Le port de Lanval est paralysé : les dockers se sont mis en grève mardi, à l'appel de leur syndicat, pour réclamer de meilleurs salaires.\n\nAucun navire n'a pu être déchargé.",
    ),
    (
        "c-dockers-salaires",
        "La Gazette du Littoral",
        "2025-06-04",
        "Les grévistes du port de Lanval, qui ont cessé le travail mardi, exigent une revalorisation de leurs salaires.\n\nLa direction du port appelle au dialogue.",
    ),
    (
        "d-greve-illimitee",
        "Info Ouest",
        "2025-06-04",
        "Depuis la grève lancée mardi par les dockers de Lanval, les conteneurs s'accumulent sur les quais.\n\nLes dockers demandent une hausse des salaires de dix pour cent.",
    ),
    (
        "e-economie-port",
        "Le Journal des Affaires",
        "2025-06-05",
        "La grève des dockers de Lanval, commencée mardi pour les salaires, coûte déjà cher aux transporteurs.\n\nLes exportateurs de céréales cherchent d'autres ports.",
    ),
];

#[test]
fn five_articles_telling_one_strike_give_one_event_with_five_sources() {
    let (_d, site) = site("fr", STRIKE_FR);
    let e = one_event(
        &site,
        &[
            ("a-greve-port", "ont entamé mardi une grève"),
            ("b-port-paralyse", "mis en grève mardi"),
            ("c-dockers-salaires", "cessé le travail mardi"),
            ("d-greve-illimitee", "la grève lancée mardi"),
            ("e-economie-port", "commencée mardi"),
        ],
    );
    assert_eq!(e.date, "2025-06-03");
    assert_eq!(sources(e), 5, "{}", summary(&site));
}

const PROTESTS_FR: &[(&str, &str, &str, &str)] = &[
    (
        "a-valbrune",
        "Le Républicain de Valbrune",
        "2025-09-13",
        "Plusieurs milliers d'enseignants ont manifesté samedi à Valbrune contre la fermeture de classes dans la vallée.\n\nLe cortège est parti de la gare.",
    ),
    (
        "b-enseignants",
        "Radio Vallée",
        "2025-09-13",
        "À Valbrune, une manifestation d'enseignants a réuni samedi près de trois mille personnes contre les fermetures de classes.",
    ),
    (
        "c-morlanges",
        "L'Écho de Morlanges",
        "2025-09-13",
        "Les agriculteurs de Morlanges ont manifesté samedi devant la préfecture avec leurs tracteurs pour dénoncer le prix du lait.",
    ),
    (
        "d-tracteurs",
        "Terres et Campagnes",
        "2025-09-14",
        "Samedi, une centaine de tracteurs ont convergé vers la préfecture de Morlanges, où les éleveurs ont manifesté contre la baisse du prix du lait.",
    ),
];

#[test]
fn two_protests_of_one_day_in_two_towns_stay_two_events() {
    let (_d, site) = site("fr", PROTESTS_FR);
    let teachers = one_event(
        &site,
        &[
            ("a-valbrune", "enseignants ont manifesté samedi"),
            ("b-enseignants", "a réuni samedi"),
        ],
    );
    let farmers = one_event(
        &site,
        &[
            ("c-morlanges", "agriculteurs de Morlanges"),
            ("d-tracteurs", "tracteurs ont convergé"),
        ],
    );
    assert_ne!(teachers.id, farmers.id, "{}", summary(&site));
    assert_eq!(teachers.date, "2025-09-13");
    assert_eq!(farmers.date, "2025-09-13");
}

const AGREEMENT_FR: &[(&str, &str, &str, &str)] = &[
    (
        "a-accord-signe",
        "Le Quotidien du Nord",
        "2025-04-16",
        "Le gouvernement de Valdonie et les rebelles du Front de l'Est ont signé mercredi un accord de cessez-le-feu à Corvaz, après trois mois de combats.\n\nLes deux camps doivent échanger leurs prisonniers.",
    ),
    (
        "b-treve-heure",
        "Agence Continentale",
        "2025-04-16",
        "La trêve entre Valdonie et le Front de l'Est est entrée en vigueur mercredi à 11 heures, selon les médiateurs réunis à Corvaz.\n\nAucun tir n'a été signalé depuis.",
    ),
    (
        "c-cessez-le-feu",
        "Le Matin de Corvaz",
        "2025-04-17",
        "Le cessez-le-feu a été conclu mercredi à Corvaz entre Valdonie et les rebelles du Front de l'Est tient pour l'instant.\n\nLes habitants commencent à rentrer chez eux.",
    ),
];

#[test]
fn a_day_report_and_an_hour_report_of_one_agreement_are_one_event_at_that_hour() {
    let (_d, site) = site("fr", AGREEMENT_FR);
    let e = one_event(
        &site,
        &[
            ("b-treve-heure", "mercredi à 11 heures"),
            ("a-accord-signe", "ont signé mercredi un accord"),
            ("c-cessez-le-feu", "conclu mercredi à Corvaz"),
        ],
    );
    assert_eq!(e.date, "2025-04-16T11:00", "{}", summary(&site));
    assert_eq!(sources(e), 3);
}

const STRIKE_EN: &[(&str, &str, &str, &str)] = &[
    (
        "a-bus-strike",
        "The Harlow Bay Herald",
        "2025-02-11",
        "Bus drivers in Harlow Bay walked out on Tuesday in a strike over pay, leaving commuters stranded.\n\nThe union says wages have not risen in three years.",
    ),
    (
        "b-drivers-walk-out",
        "Bay Radio",
        "2025-02-11",
        "Harlow Bay's bus drivers began an indefinite strike on Tuesday, demanding higher pay from the city transport company.",
    ),
    (
        "c-no-buses",
        "Coastline News",
        "2025-02-12",
        "No buses ran in Harlow Bay after drivers went on strike on Tuesday over pay.\n\nSchools reported many pupils missing.",
    ),
    (
        "d-union-pay",
        "The Evening Standard of Harlow",
        "2025-02-12",
        "The drivers' strike that started on Tuesday in Harlow Bay is about pay, the union's leader told a rally.",
    ),
    (
        "e-commuters",
        "Business Weekly",
        "2025-02-13",
        "Shops in Harlow Bay lost trade after the bus drivers' pay strike began on Tuesday.",
    ),
];

#[test]
fn five_english_articles_telling_one_strike_give_one_event_with_five_sources() {
    let (_d, site) = site("en", STRIKE_EN);
    let e = one_event(
        &site,
        &[
            ("a-bus-strike", "walked out on Tuesday"),
            ("b-drivers-walk-out", "strike on Tuesday"),
            ("c-no-buses", "went on strike on Tuesday"),
            ("d-union-pay", "started on Tuesday"),
            ("e-commuters", "began on Tuesday"),
        ],
    );
    assert_eq!(e.date, "2025-02-11");
    assert_eq!(sources(e), 5, "{}", summary(&site));
}

const PROTESTS_EN: &[(&str, &str, &str, &str)] = &[
    (
        "a-nurses-protest",
        "Kelmouth Gazette",
        "2025-10-04",
        "Hundreds of nurses protested on Saturday in Kelmouth against the closure of the maternity ward.",
    ),
    (
        "b-maternity-ward",
        "Kelmouth FM",
        "2025-10-04",
        "In Kelmouth, nurses and parents held a protest on Saturday outside the hospital to save the maternity ward.",
    ),
    (
        "c-fishermen",
        "Port Aldring Post",
        "2025-10-04",
        "Fishermen in Port Aldring protested on Saturday at the harbour against new fishing quotas.",
    ),
    (
        "d-quotas",
        "Sea and Shore",
        "2025-10-05",
        "On Saturday, fishing crews protested at the Port Aldring harbour, saying the quotas will ruin them.",
    ),
];

#[test]
fn two_english_protests_of_one_day_in_two_towns_stay_two_events() {
    let (_d, site) = site("en", PROTESTS_EN);
    let nurses = one_event(
        &site,
        &[
            ("a-nurses-protest", "nurses protested on Saturday"),
            ("b-maternity-ward", "held a protest on Saturday"),
        ],
    );
    let fishermen = one_event(
        &site,
        &[
            ("c-fishermen", "Fishermen in Port Aldring"),
            ("d-quotas", "fishing crews protested"),
        ],
    );
    assert_ne!(nurses.id, fishermen.id, "{}", summary(&site));
}

const AGREEMENT_EN: &[(&str, &str, &str, &str)] = &[
    (
        "a-deal-signed",
        "The Northern Chronicle",
        "2025-05-21",
        "The government of Tarvania and the Highland rebels signed a ceasefire agreement on Wednesday in Oskel, ending months of fighting.",
    ),
    (
        "b-truce-hour",
        "Continental Wire",
        "2025-05-21",
        "The truce between Tarvania and the Highland rebels took effect on Wednesday at 11 a.m., mediators in Oskel said.",
    ),
    (
        "c-ceasefire-holds",
        "Oskel Today",
        "2025-05-22",
        "The ceasefire agreed on Wednesday in Oskel between Tarvania and the Highland rebels is holding.",
    ),
];

#[test]
fn an_english_day_report_and_hour_report_of_one_agreement_are_one_event_at_that_hour() {
    let (_d, site) = site("en", AGREEMENT_EN);
    let e = one_event(
        &site,
        &[
            ("b-truce-hour", "on Wednesday at 11 a.m."),
            ("a-deal-signed", "agreement on Wednesday"),
            ("c-ceasefire-holds", "agreed on Wednesday"),
        ],
    );
    assert_eq!(e.date, "2025-05-21T11:00", "{}", summary(&site));
    assert_eq!(sources(e), 3);
}

#[test]
fn the_demo_laying_down_of_arms_is_told_in_the_ceasefire_at_eleven() {
    let (_d, site) =
        events_support::load_fixture(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &[]);
    let e = one_event(
        &site,
        &[
            ("004", "entré en vigueur mercredi à 11 heures"),
            (
                "001",
                "déposeront les armes dans le cadre d'un cessez-le-feu",
            ),
            ("000", "le cessez-le-feu entré en vigueur mercredi"),
        ],
    );
    assert_eq!(e.date, "2023-09-20T11:00");
    // The day's other happenings stay apart: the death toll at midday, the pope's appeal.
    let toll = citing(&site, "002", "a fait au moins 200 morts");
    assert_ne!(e.id, toll.id, "{}", summary(&site));
    assert_ne!(e.id, citing(&site, "001", "Le pape François").id);
}
