//! Italian: the word classes Italian brought to the grammar (listed plurals, clock
//! prepositions), on invented news sentences read on Wednesday 15 October 2025.

use super::{Lang, Reference, tag_in};

fn values(text: &str) -> Vec<(String, String)> {
    let r = Reference::parse("2025-10-15").unwrap();
    tag_in(text, Lang::It, &r)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[test]
fn listed_plurals_count_as_plural() {
    // `giorni`, `mesi` end in a vowel: only the `plurals` class tells them plural.
    assert_eq!(
        values("Ci sono voluti diversi giorni."),
        [("diversi giorni".to_owned(), "PXD".to_owned())]
    );
    assert_eq!(
        values("Anni fa il paese era abitato."),
        [("Anni fa".to_owned(), "PAST_REF".to_owned())]
    );
    // A plural unit after a direction is a stretch, not one month.
    assert!(
        values("Nei mesi scorsi il fiume è salito.")
            .iter()
            .all(|(_, v)| v != "2025-09")
    );
}

#[test]
fn a_clock_preposition_makes_a_bare_hour_a_time() {
    assert_eq!(
        values("Il corteo è partito alle 10.30 dalla stazione."),
        [("10.30".to_owned(), "2025-10-15T10:30".to_owned())]
    );
    assert_eq!(
        values("La scossa è arrivata alle 8 di sera."),
        [("8 di sera".to_owned(), "2025-10-15T20:00".to_owned())]
    );
    // A count after the same preposition stays a count.
    assert!(values("Hanno dato fuoco alle 3 auto del parcheggio.").is_empty());
    // Without the preposition a bare number is no time.
    assert!(values("Sono arrivati in 10 per la riunione.").is_empty());
}
