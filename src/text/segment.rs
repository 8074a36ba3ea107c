//! Sentence segmentation with character offsets, aware of abbreviations (`M.`, `Mme`, `St.`),
//! initials, numbers (`10.000`) and closing quotes (`» ”`).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::{self, File, Lang};

/// The words of `lang` that a period does not end a sentence after (`abbreviations` in the
/// language's `text.toml`), as written.
pub fn abbreviations(lang: Lang) -> &'static HashSet<String> {
    #[derive(serde::Deserialize)]
    struct Rules {
        abbreviations: HashSet<String>,
    }
    static SETS: [OnceLock<HashSet<String>>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    SETS[lang as usize].get_or_init(|| lang::parse::<Rules>(lang, File::Text).abbreviations)
}

/// A half-open range of characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Start, in characters.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '\'' | '’' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '"' | '(' | '[' | '‘' | '\'' | '—' | '–' | '-'
    )
}

/// The span `start..end` of `chars` without the white space at its ends; `None` when nothing
/// else is in it.
pub fn trim(chars: &[char], start: usize, end: usize) -> Option<Span> {
    let (mut s, mut e) = (start, end.min(chars.len()));
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s < e).then_some(Span { start: s, end: e })
}

/// Sentences of `text` (trimmed), as character spans. `abbreviations` are words that a period
/// does not end a sentence after (compared as written: `M`, `Mme`, `Dr`).
pub fn sentences(text: &str, abbreviations: &HashSet<String>) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        if let Some(span) = trim(&chars, s, e) {
            out.push(span);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push(&mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j], '.' | '!' | '?' | '…') || is_closer(chars[j]))
            {
                j += 1;
            }
            // French closing guillemets follow a (non-breaking) space.
            let mut q = j;
            while q < chars.len() && chars[q].is_whitespace() && chars[q] != '\n' {
                q += 1;
            }
            if q > j && q < chars.len() && matches!(chars[q], '»' | '”') {
                j = q + 1;
            }
            if j < chars.len() && !chars[j].is_whitespace() {
                i = j;
                continue;
            }
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() && chars[k] != '\n' {
                k += 1;
            }
            let next = chars.get(k).copied();
            let next_starts = match next {
                None | Some('\n') => true,
                Some(n) => {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || (is_opener(n) && chars.get(k + 1).is_some_and(|c| !c.is_lowercase()))
                }
            };
            if c == '.' && next_starts && next.is_some_and(|n| n != '\n') {
                // The word before the period: an abbreviation or an initial does not end it.
                let mut w = i;
                while w > 0 && chars[w - 1].is_alphabetic() {
                    w -= 1;
                }
                let word: String = chars[w..i].iter().collect();
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if single_initial || abbreviations.contains(&word) {
                    i = j;
                    continue;
                }
            }
            if next_starts {
                push(&mut out, start, j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, chars.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let abbr: HashSet<String> = ["M", "Mme", "St"].iter().map(|s| s.to_string()).collect();
        let chars: Vec<char> = text.chars().collect();
        sentences(text, &abbr)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn abbreviations_and_numbers_do_not_split() {
        assert_eq!(
            split("M. Poutine a parlé. Plus de 10.000 personnes sont parties. Fin"),
            [
                "M. Poutine a parlé.",
                "Plus de 10.000 personnes sont parties.",
                "Fin"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("Il a dit « c’est fini. » Ensuite, rien. “Done.” Then"),
            [
                "Il a dit « c’est fini. »",
                "Ensuite, rien.",
                "“Done.”",
                "Then"
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            split("depuis 1991. chute de l’Union."),
            ["depuis 1991. chute de l’Union."]
        );
    }

    #[test]
    fn spans_are_characters() {
        let abbr = HashSet::new();
        let s = sentences("Été. Là.", &abbr);
        assert_eq!(s, [Span { start: 0, end: 4 }, Span { start: 5, end: 8 }]);
    }
}
