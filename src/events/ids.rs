//! Event ids: the day and a slug of the headline's most telling words, stable across rebuilds
//! and independent of file order; collisions get `-2`, `-3` in a deterministic order.

use std::collections::{HashMap, HashSet};

use super::lexicon::Lexicon;
use crate::text::{fold, tokens};
use crate::timeline::DateValue;

/// Words in a slug.
const WORDS: usize = 3;

/// Characters of one word in a slug: an id names a folder of the site, and a scraped "word"
/// can be hundreds of letters long (a URL, a run of glued words), which would make a file name
/// longer than file systems allow.
const WORD_CHARS: usize = 40;

/// `2023-09-20-cessez-le-feu`: the date part of `date` (up to the day) and up to three words of
/// `headline`, the rarest first by `rarity`, kept in headline order.
pub fn make_id(
    date: &DateValue,
    headline: &str,
    lex: &Lexicon,
    rarity: &dyn Fn(&str) -> f32,
) -> String {
    let day = date.group_key();
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
        let mut s = slug(&w);
        // A slug is ASCII, so any byte index is a character boundary.
        s.truncate(WORD_CHARS);
        let s = s.trim_end_matches('-');
        if !s.is_empty() {
            id.push('-');
            id.push_str(s);
        }
    }
    id
}

/// `2024-03-18-construction-starts`: the id of a hand-made event, the day and the whole
/// headline, cut (at a hyphen) to the length of the longest id [`make_id`] makes, so that it
/// names a folder any file system takes.
pub fn day_and_headline(date: &DateValue, headline: &str) -> String {
    let day = date.group_key();
    let mut words = slug(headline);
    let max = WORDS * (WORD_CHARS + 1);
    if words.len() > max {
        // A slug is ASCII, so any byte index is a character boundary.
        let cut = words[..max].rfind('-').unwrap_or(max);
        words.truncate(cut);
    }
    format!("{}-{words}", slug(&day))
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
/// later duplicates get `-2`, `-3`… (skipping a suffixed id that another event already has).
/// Time linear in the number of ids (up to the sort of each group of equal ids by key).
pub fn dedupe(ids: &mut [String], keys: &[String]) {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        groups.entry(id.as_str()).or_default().push(i);
    }
    let mut taken: HashSet<String> = groups.keys().map(|k| k.to_string()).collect();
    // Groups in id order, so that a suffix two groups could both want goes to the same one
    // on every build.
    let mut groups: Vec<(String, Vec<usize>)> = groups
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(id, m)| (id.to_string(), m))
        .collect();
    groups.sort();
    for (id, mut members) in groups {
        members.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        let mut n = 1;
        for &i in &members[1..] {
            ids[i] = next_free(&id, &mut n, &mut taken);
        }
    }
}

/// `base-2`, `base-3`…: the first numbered form of `base` after `n` that is not `taken`
/// (which it joins). `n` carries on from one call to the next, so that numbering a run of
/// equal ids costs time linear in the run.
pub fn next_free(base: &str, n: &mut usize, taken: &mut HashSet<String>) -> String {
    loop {
        *n += 1;
        let id = format!("{base}-{n}");
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn v(s: &str) -> DateValue {
        DateValue::parse(s).unwrap()
    }

    #[test]
    fn ids_are_day_and_rare_words() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let rare = |w: &str| if w.starts_with("cessez") { 5.0 } else { 1.0 };
        let id = make_id(
            &v("2023-09-20T11:00"),
            "Un cessez-le-feu est entré en vigueur",
            lex,
            &rare,
        );
        assert!(id.starts_with("2023-09-20-"), "{id}");
        assert!(id.contains("cessez-le-feu"), "{id}");
    }

    #[test]
    fn a_very_long_word_gives_an_id_short_enough_for_a_file_name() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let long = "a".repeat(300);
        let headline = format!("Le {long} vote {long}b et {long}c");
        let id = make_id(&v("2023-09-20"), &headline, lex, &|_| 1.0);
        assert!(id.starts_with("2023-09-20-aaaa"), "{id}");
        assert!(
            id.len() <= 10 + WORDS * (WORD_CHARS + 1),
            "{} bytes: {id}",
            id.len()
        );
    }

    #[test]
    fn a_hand_made_event_id_is_its_day_and_headline_cut_to_a_file_name() {
        assert_eq!(
            day_and_headline(&v("2024-03-18T09:00"), "Construction starts"),
            "2024-03-18-construction-starts"
        );
        let long = day_and_headline(&v("2024-03-18"), &"mot ".repeat(200));
        assert!(long.len() <= 11 + WORDS * (WORD_CHARS + 1), "{long}");
        assert!(
            long.starts_with("2024-03-18-mot-mot") && !long.ends_with('-'),
            "{long}"
        );
    }

    #[test]
    fn duplicates_are_numbered_by_key_not_by_position() {
        let mut a = vec!["x".to_string(), "x".to_string()];
        dedupe(&mut a, &["b".into(), "a".into()]);
        assert_eq!(a, ["x-2", "x"]);
    }

    #[test]
    fn numbered_duplicates_never_take_an_existing_id() {
        let mut a: Vec<String> = ["x", "x-2", "x", "x"].map(String::from).into();
        let keys: Vec<String> = ["a", "b", "c", "d"].map(String::from).into();
        dedupe(&mut a, &keys);
        assert_eq!(a, ["x", "x-2", "x-3", "x-4"]);
    }
}
