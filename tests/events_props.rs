//! Whatever the articles say, extraction and merging never panic, and every citation points
//! at its quote.

use std::sync::Arc;

use annales::content::{LoadOptions, load_bytes};
use annales::events::{Corrections, analyse, assemble};
use annales::lang::Lang;
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "mardi",
        "mercredi",
        "jeudi",
        "la veille",
        "le lendemain du vote",
        "21 septembre",
        "2023",
        "depuis 1991",
        "1 200 morts",
        "« cité »",
        "M.",
        "Mme",
        "Yevlakh",
        "Evlakh",
        "a déclaré",
        "selon",
        ",",
        ".",
        "\n\n",
        "é",
        "’",
        "—",
        "10.000",
        "Tuesday",
        "on Monday",
        "12 blessés",
        "cessez-le-feu",
        "trêve",
        "(",
        ")",
        "…",
        "Le",
        "Les pourparlers",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn analysing_and_assembling_never_panics(a in words(), b in words(), dated in any::<bool>()) {
        let opts = LoadOptions { default_lang: Lang::Fr, drafts: false };
        let mut articles = Vec::new();
        let header = if dated { "date 2023-09 " } else { "" };
        for (i, body) in [a, b].iter().enumerate() {
            let text = format!("{header}Titre {i}\n\n{body}\n");
            if let Ok(Ok(art)) = load_bytes(&format!("content/{i}.txt"), text.as_bytes(), opts) {
                articles.push(art);
            }
        }
        let analyses: Vec<Arc<_>> = articles.iter().map(|a| Arc::new(analyse(a))).collect();
        let out = assemble(&articles, &analyses, &Corrections::default());
        prop_assert_eq!(out.dating.len(), articles.len());
        for e in &out.events {
            prop_assert!(e.headline.chars().count() <= 110);
            for c in &e.citations {
                let art = articles.iter().find(|a| a.id == c.source).unwrap();
                let q: String = art.body.chars().skip(c.start).take(c.end - c.start).collect();
                prop_assert_eq!(&q, &c.quote);
            }
        }
    }
}
