//! Case and accent folding, and stemming, so that `Opération`, `operation` and `opérations`
//! compare equal.

use std::sync::OnceLock;

use rust_stemmers::Stemmer;
use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

/// Lowercases, strips accents and unifies apostrophes and ligatures.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '‐' | '‑' | '–' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
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
    fold(q).split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn stemming_groups_inflections() {
        assert_eq!(stem("évacués", Lang::Fr), stem("évacuées", Lang::Fr));
        assert_eq!(stem("Opérations", Lang::Fr), stem("opération", Lang::Fr));
        assert_eq!(stem("talks", Lang::En), stem("talk", Lang::En));
    }
}
