//! Extractive headlines: the clause that carries the happening, with attribution chatter trimmed,
//! at most [`MAX_CHARS`] characters, never a word that is not in the source.

use super::clauses::clauses;
use super::lexicon::Lexicon;
use crate::text::{Span, fold};

/// Longest headline, in characters.
pub const MAX_CHARS: usize = 110;

/// A headline for the happening dated by the timex at `time` (character span relative to
/// `sentence`).
pub fn headline(sentence: &str, time: Span, lex: &Lexicon) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let parts = clauses(sentence);
    let text_of = |s: &Span| -> String { chars[s.start..s.end].iter().collect() };
    let own = parts
        .iter()
        .position(|c| c.start <= time.start && time.start < c.end)
        .unwrap_or(0);
    let keep: Vec<bool> = parts
        .iter()
        .enumerate()
        .map(|(i, c)| i == own || !is_attribution(&text_of(c), lex))
        .collect();
    let mut best = join(&parts, &keep, &chars, 0, parts.len());
    if best.chars().count() > MAX_CHARS {
        // Grow a window around the dated clause while it fits, preferring to start on a clause
        // that can stand alone.
        let (mut lo, mut hi) = (own, own + 1);
        let fits =
            |lo: usize, hi: usize| join(&parts, &keep, &chars, lo, hi).chars().count() <= MAX_CHARS;
        loop {
            let weak = is_weak(&text_of(&parts[lo]), lex);
            if lo > 0 && weak && fits(lo - 1, hi) {
                lo -= 1;
            } else if hi < parts.len() && fits(lo, hi + 1) {
                hi += 1;
            } else if lo > 0 && fits(lo - 1, hi) {
                lo -= 1;
            } else {
                break;
            }
        }
        best = join(&parts, &keep, &chars, lo, hi);
    }
    let best = tidy(&best);
    if best.chars().count() <= MAX_CHARS {
        return best;
    }
    cut(&best)
}

/// Does this clause only say who said it (`selon X`, `a déclaré Y`)?
fn is_attribution(clause: &str, lex: &Lexicon) -> bool {
    let f = fold(
        clause
            .trim()
            .trim_start_matches([',', ';', ':', '(', '–', '—', ' ']),
    );
    let f = f.trim_end_matches(['.', ',', ';', ')', ' ']);
    let words = f.split_whitespace().count();
    lex.attribution_openers
        .iter()
        .any(|o| f.starts_with(o.as_str()) && (f.len() == o.len() || f.as_bytes()[o.len()] == b' '))
        && words <= 12
}

/// Does this clause need the one before it (`qui a abouti…`, `et…`)?
fn is_weak(clause: &str, lex: &Lexicon) -> bool {
    let f = fold(clause.trim().trim_start_matches([',', ';', ':', ' ']));
    let first: String = f
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    lex.weak_openers
        .iter()
        .any(|w| *w == first || (w.ends_with('\'') && first.starts_with(w.as_str())))
}

fn join(parts: &[Span], keep: &[bool], chars: &[char], lo: usize, hi: usize) -> String {
    let mut s = String::new();
    for i in lo..hi.min(parts.len()) {
        if keep[i] {
            s.extend(&chars[parts[i].start..parts[i].end]);
        }
    }
    s
}

/// Trims dangling punctuation and unbalanced quotes, and capitalises the first letter.
fn tidy(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_start_matches([',', ';', ':', ' ', '\u{a0}'])
        .trim_end_matches([',', ';', ':', ' ', '\u{a0}', '(', '–', '—'])
        .to_string();
    for (open, close) in [('«', '»'), ('“', '”'), ('(', ')')] {
        let o = t.matches(open).count();
        let c = t.matches(close).count();
        if o > c && t.trim_end().ends_with(open) {
            t = t.trim_end().trim_end_matches(open).trim_end().to_string();
        }
    }
    let mut chars = t.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => t,
    }
}

/// Cuts at a word boundary and marks the cut.
fn cut(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(' ') {
        if out.chars().count() + w.chars().count() + 2 > MAX_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let out = out.trim_end_matches([',', ';', ':', ' ']);
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Lang;

    fn h(sentence: &str, time_text: &str) -> String {
        let lex = super::super::lexicon::get(Lang::Fr);
        let byte = sentence.find(time_text).unwrap();
        let start = sentence[..byte].chars().count();
        let span = Span {
            start,
            end: start + time_text.chars().count(),
        };
        headline(sentence, span, lex)
    }

    #[test]
    fn trims_attribution_and_stays_short() {
        let s = "Toutefois, malgré des violations, le cessez-le-feu entré en vigueur mercredi est globalement respecté, a estimé le Premier ministre.";
        let out = h(s, "mercredi");
        assert!(!out.contains("a estimé"), "{out}");
        assert!(out.chars().count() <= MAX_CHARS);
        let s = "Selon le dernier bilan, l'opération qui s'est achevée mercredi a fait au moins 200 morts.";
        assert_eq!(
            h(s, "mercredi"),
            "L'opération qui s'est achevée mercredi a fait au moins 200 morts."
        );
    }

    #[test]
    fn long_sentences_keep_the_dated_clause() {
        let s = "Cette offensive de l'Azerbaïdjan, qui a abouti à l'instauration d'un cessez-le-feu mercredi, a fait l'objet d'une passe d'armes entre les deux capitales devant le Conseil de sécurité de l'ONU, réuni d'urgence jeudi.";
        let out = h(s, "jeudi");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(out.contains("jeudi"), "{out}");
        let every_word_in_source = out.trim_end_matches('…').split_whitespace().all(|w| {
            s.contains(w.trim_end_matches(['.', ',']))
                || s.to_lowercase().contains(&w.to_lowercase())
        });
        assert!(every_word_in_source, "{out}");
    }
}
