//! Event ids: the day and a slug of the headline's most telling words, stable across rebuilds
//! and independent of file order; collisions get `-2`, `-3` in a deterministic order.

use std::collections::BTreeMap;

use super::lexicon::Lexicon;
use crate::text::{fold, tokens};

/// Words in a slug.
const WORDS: usize = 3;

/// `2023-09-20-cessez-le-feu`: the date part of `date` (up to the day) and up to three words of
/// `headline`, the rarest first by `rarity`, kept in headline order.
pub fn make_id(date: &str, headline: &str, lex: &Lexicon, rarity: &dyn Fn(&str) -> f32) -> String {
    let day: String = date.chars().take(10).collect();
    let mut words: Vec<(usize, String, f32)> = Vec::new();
    for (i, t) in tokens(headline).iter().enumerate() {
        let f = fold(t.text);
        if lex.is_stop(&f) || f.chars().count() < 3 || f.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if words.iter().any(|w| w.1 == f) {
            continue;
        }
        let r = rarity(t.text);
        words.push((i, f, r));
    }
    let mut ranked = words.clone();
    ranked.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    ranked.truncate(WORDS);
    ranked.sort_by_key(|w| w.0);
    let mut id = slug(&day);
    for (_, w, _) in ranked {
        let s = slug(&w);
        if !s.is_empty() {
            id.push('-');
            id.push_str(&s);
        }
    }
    id
}

/// Lowercase ASCII letters, digits and single hyphens.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Makes ids unique: the events are visited in the order of `keys` (a content-based key), and
/// later duplicates get `-2`, `-3`…
pub fn dedupe(ids: &mut [String], keys: &[String]) {
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]).then(keys[a].cmp(&keys[b])));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for i in order {
        let n = seen.entry(ids[i].clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            ids[i] = format!("{}-{}", ids[i], n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Lang;

    #[test]
    fn ids_are_day_and_rare_words() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let rare = |w: &str| if w.starts_with("cessez") { 5.0 } else { 1.0 };
        let id = make_id(
            "2023-09-20T11:00",
            "Un cessez-le-feu est entré en vigueur",
            lex,
            &rare,
        );
        assert!(id.starts_with("2023-09-20-"), "{id}");
        assert!(id.contains("cessez-le-feu"), "{id}");
    }

    #[test]
    fn duplicates_are_numbered_by_key_not_by_position() {
        let mut a = vec!["x".to_string(), "x".to_string()];
        dedupe(&mut a, &["b".into(), "a".into()]);
        assert_eq!(a, ["x-2", "x"]);
    }
}
