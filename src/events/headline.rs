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
    if parts.is_empty() {
        return String::new();
    }
    let text_of = |i: usize| -> String { chars[parts[i].start..parts[i].end].iter().collect() };
    // Computed once per clause: the loops below would otherwise re-tokenise every clause at
    // each step, quadratic in a sentence of many clauses.
    let word_counts: Vec<usize> = (0..parts.len())
        .map(|i| crate::text::tokens(&text_of(i)).len())
        .collect();
    let weak: Vec<bool> = (0..parts.len())
        .map(|i| is_weak(&text_of(i), lex))
        .collect();
    let words = |i: usize| word_counts[i];
    let own = parts
        .iter()
        .position(|c| c.start <= time.start && time.start < c.end)
        .unwrap_or(0);
    let attribution: Vec<bool> = (0..parts.len())
        .map(|i| is_attribution(&text_of(i), lex))
        .collect();
    // When the date sits in the attribution (`…, a annoncé mercredi le ministère`), the
    // happening is what comes before it.
    let end = if attribution[own] && own > 0 {
        own - 1
    } else {
        own
    };
    // Start on the sentence's subject, past leading attribution and short connectives.
    let mut start = 0;
    while start < end && (attribution[start] || (words(start) <= 3 && start != own)) {
        start += 1;
    }
    // Short dated clauses (`Mardi,`) need what follows them.
    let mut end = end;
    while end + 1 < parts.len() && words(end) <= 5 && !attribution[end + 1] && end == own {
        end += 1;
    }
    let mut keep: Vec<bool> = (0..parts.len())
        .map(|i| i >= start && i <= end && (!attribution[i] || i == own && start == end))
        .collect();
    let mut out = join(&parts, &keep, &chars);
    // Too long: drop asides (relative clauses, appositions) that do not carry the date.
    while out.chars().count() > MAX_CHARS {
        let aside = (start..=end)
            .filter(|&i| keep[i] && i != own && i != start && weak[i])
            .max_by_key(|&i| (words(i), i));
        let Some(i) = aside else {
            break;
        };
        keep[i] = false;
        out = join(&parts, &keep, &chars);
    }
    let out = tidy(&out);
    if out.chars().count() <= MAX_CHARS {
        return out;
    }
    cut(&out)
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

/// The kept clauses; a dropped aside takes the comma before it along.
fn join(parts: &[Span], keep: &[bool], chars: &[char]) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        if keep[i] {
            s.extend(&chars[p.start..p.end]);
        } else if i > 0 && keep[i - 1] && keep.get(i + 1).copied().unwrap_or(false) {
            let t = s.trim_end().trim_end_matches(',').to_string();
            s = t;
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
        assert!(!out.contains("qui a abouti"), "{out}");
        assert_eq!(
            h(s, "mercredi"),
            "Cette offensive de l'Azerbaïdjan, qui a abouti à l'instauration d'un cessez-le-feu mercredi"
        );
        assert_eq!(
            h("Mardi, l’armée a lancé une offensive.", "Mardi"),
            "Mardi, l’armée a lancé une offensive."
        );
        assert_eq!(
            h(
                "La Russie a évacué 2000 civils, a annoncé mercredi le ministère.",
                "mercredi"
            ),
            "La Russie a évacué 2000 civils"
        );
        let every_word_in_source = out.trim_end_matches('…').split_whitespace().all(|w| {
            s.contains(w.trim_end_matches(['.', ',']))
                || s.to_lowercase().contains(&w.to_lowercase())
        });
        assert!(every_word_in_source, "{out}");
    }
}
