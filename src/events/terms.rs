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

/// One feature of a token.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Index of the token in the slice given to [`features`].
    pub token: usize,
    /// `@name`, `~group` or a stem.
    pub feature: String,
    /// The name as written, for names.
    pub written: Option<String>,
}

/// Features of `tokens`: `@name` for names, the synonym group or stem for content words.
/// `initial` says which token starts its sentence (capitalised by position only).
pub fn features(
    tokens: &[Token<'_>],
    initial: Option<usize>,
    names: &HashSet<String>,
    lex: &Lexicon,
) -> Vec<Feature> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let folded = fold(t.text);
        if lex.is_stop(&folded) || t.text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let is_name = looks_like_name(t, lex) && (initial != Some(i) || names.contains(&folded));
        if is_name {
            out.push(Feature {
                token: i,
                feature: format!("{NAME_PREFIX}{folded}"),
                written: Some(t.text.to_string()),
            });
            // `Haute-Vienne` also names `Vienne`.
            if folded.contains('-') {
                for part in folded.split('-').filter(|p| p.chars().count() >= 4) {
                    if !lex.is_stop(part) {
                        out.push(Feature {
                            token: i,
                            feature: format!("{NAME_PREFIX}{part}"),
                            written: None,
                        });
                    }
                }
            }
        } else if folded.chars().count() >= 3 {
            out.push(Feature {
                token: i,
                feature: lex.feature(t.text),
                written: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::text::tokens;

    #[test]
    fn names_stems_and_synonyms() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let s = "Les discussions ont débuté jeudi à Yevlakh, après la trêve.";
        let names = inner_names(&[s], lex);
        let all = features(&tokens(s), Some(0), &names, lex);
        let f: Vec<String> = all.iter().map(|x| x.feature.clone()).collect();
        let w: Vec<&str> = all.iter().filter_map(|x| x.written.as_deref()).collect();
        assert_eq!(w, ["Yevlakh"]);
        assert!(f.contains(&"@yevlakh".to_string()));
        assert!(f.contains(&lex.feature("pourparlers")));
        assert!(f.contains(&lex.feature("cessez-le-feu")));
        assert!(!f.iter().any(|w| w.contains("jeudi") || w == "les"));
    }
}
