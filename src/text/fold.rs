//! Case and accent folding, and stemming, so that `Opération`, `operation` and `opérations`
//! compare equal.

use std::sync::OnceLock;

use rust_stemmers::Stemmer;
use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

/// Lowercases, strips accents and unifies apostrophes and ligatures.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`. Most words are ASCII or carry only Latin accents: those are
/// folded char by char, decomposing only the non-ASCII ones. A string with other combining
/// marks (which canonical ordering may move) goes through full NFD, so the result is the same.
pub fn fold_into(s: &str, out: &mut String) {
    let at = out.len();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| match b {
            b'`' => '\'',
            b => char::from(b.to_ascii_lowercase()),
        }));
        return;
    }
    let mut plain = true;
    for c in s.chars() {
        if c.is_ascii() {
            push_folded(c, out);
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if reorderable(d) {
                plain = false;
            }
            push_folded(d, out);
        });
        if !plain {
            break;
        }
    }
    if !plain {
        out.truncate(at);
        for c in s.nfd() {
            push_folded(c, out);
        }
    }
}

/// A combining mark that folding keeps and canonical ordering may move.
fn reorderable(c: char) -> bool {
    !('\u{300}'..='\u{36f}').contains(&c)
        && unicode_normalization::char::canonical_combining_class(c) != 0
}

/// One char of a canonical decomposition, folded.
fn push_folded(c: char, out: &mut String) {
    match c {
        '\u{300}'..='\u{36f}' => {}
        '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        '‐' | '‑' | '–' => out.push('-'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

fn stemmer(lang: Lang) -> &'static Stemmer {
    static STEMMERS: [OnceLock<Stemmer>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    STEMMERS[lang as usize].get_or_init(|| Stemmer::create(lang.stemmer()))
}

/// Folded Snowball stem of a word (stemmed before folding: the French rules need accents).
pub fn stem(word: &str, lang: Lang) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    fold(&stemmer(lang).stem(&lower))
}

/// A quote's wording, to tell identical quotes apart from independent ones: case and accents
/// folded, spaces collapsed, the cut marks (`… `, ` …`) of a long quote left out.
pub fn wording(quote: &str) -> String {
    let q = quote.trim().trim_start_matches('…').trim_end_matches('…');
    let folded = fold(q);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_apostrophe_style() {
        assert_eq!(fold("L’Opération Œuvre"), "l'operation oeuvre");
        assert_eq!(fold("Baïramov"), "bairamov");
    }

    #[test]
    fn folding_char_by_char_gives_what_full_decomposition_gives() {
        // Accented Latin, a ligature, Greek, Vietnamese (two marks on one letter), Hebrew
        // points (marks that canonical ordering moves), a capital with a cedilla.
        for s in [
            "Élysée",
            "Œdipe à Ægine",
            "ΆΘΉΝΑ",
            "Việt Nam",
            "שָׁלוֹם",
            "ÇA",
            "a\u{5b4}\u{5b0}b",
        ] {
            let full: String = s.nfd().fold(String::new(), |mut out, c| {
                push_folded(c, &mut out);
                out
            });
            assert_eq!(fold(s), full, "{s}");
        }
        assert_eq!(fold("Hello `World`"), "hello 'world'");
    }

    #[test]
    fn a_wording_is_folded_with_one_space_between_words_and_no_cut_marks() {
        assert_eq!(
            wording("  … Le  Pont\n\u{a0}fermé, mardi …  "),
            "le pont ferme, mardi"
        );
        assert_eq!(wording("…"), "");
    }

    #[test]
    fn stemming_groups_inflections() {
        assert_eq!(stem("évacués", Lang::Fr), stem("évacuées", Lang::Fr));
        assert_eq!(stem("Opérations", Lang::Fr), stem("opération", Lang::Fr));
        assert_eq!(stem("talks", Lang::En), stem("talk", Lang::En));
    }
}
