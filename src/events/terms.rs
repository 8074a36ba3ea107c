//! Content words and names of a piece of text: the features that mentions are matched on.

use std::collections::HashSet;

use super::lexicon::Lexicon;
use crate::text::{Token, fold};

/// Prefix that marks a name feature (`@yevlakh`), so that names and stems never collide.
pub const NAME_PREFIX: char = '@';

/// Is this token written like a name in running text?
pub fn looks_like_name(t: &Token<'_>, lex: &Lexicon) -> bool {
    t.is_capitalised()
        && t.text.chars().count() >= 2
        && !t.text.chars().all(|c| c.is_ascii_digit())
        && !lex.is_stop(&fold(t.text))
}

/// Folded names written capitalised inside sentences (not first word) across a text: used to
/// tell whether a capitalised first word is a name.
pub fn inner_names(sentences: &[&str], lex: &Lexicon) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in sentences {
        for t in crate::text::tokens(s).iter().skip(1) {
            if looks_like_name(t, lex) {
                out.insert(fold(t.text));
            }
        }
    }
    out
}

/// Features of `tokens`: `@name` for names, the synonym group or stem for content words; and
/// the names as written. `first_is_initial` says the first token starts its sentence
/// (capitalised by position only).
pub fn features(
    tokens: &[Token<'_>],
    first_is_initial: bool,
    names: &HashSet<String>,
    lex: &Lexicon,
) -> (Vec<String>, Vec<String>) {
    let mut out = Vec::new();
    let mut written = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let folded = fold(t.text);
        if lex.is_stop(&folded) || t.text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let initial = i == 0 && first_is_initial;
        let is_name = looks_like_name(t, lex) && (!initial || names.contains(&folded));
        if is_name {
            out.push(format!("{NAME_PREFIX}{folded}"));
            written.push(t.text.to_string());
        } else if folded.chars().count() >= 3 {
            out.push(lex.feature(t.text));
        }
    }
    (out, written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;
    use crate::time::Lang;

    #[test]
    fn names_stems_and_synonyms() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let s = "Les discussions ont débuté jeudi à Yevlakh, après la trêve.";
        let names = inner_names(&[s], lex);
        let (f, w) = features(&tokens(s), true, &names, lex);
        assert_eq!(w, ["Yevlakh"]);
        assert!(f.contains(&"@yevlakh".to_string()));
        assert!(f.contains(&lex.feature("pourparlers")));
        assert!(f.contains(&lex.feature("cessez-le-feu")));
        assert!(!f.iter().any(|w| w.contains("jeudi") || w == "les"));
    }
}
