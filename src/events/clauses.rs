//! Splitting a sentence into clauses at punctuation, so that a sentence with two dates yields
//! two mentions whose words do not bleed into each other.

use crate::text::Span;

/// Clause spans of `sentence` (character offsets relative to it), covering it without gaps.
/// Splits after `, ; : ( ) – —` when followed by a space, never inside digits (`10,5`).
pub fn clauses(sentence: &str) -> Vec<Span> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let c = chars[i];
        let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let split = match c {
            ',' | ';' | ':' | ')' => next_space,
            '(' | '–' | '—' => i > 0 && chars[i - 1].is_whitespace(),
            _ => false,
        };
        if split {
            let end = if c == '(' || c == '–' || c == '—' {
                i
            } else {
                i + 1
            };
            if end > start {
                out.push(Span { start, end });
                start = end;
            }
        }
    }
    if start < chars.len() {
        out.push(Span {
            start,
            end: chars.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        clauses(s)
            .iter()
            .map(|c| chars[c.start..c.end].iter().collect())
            .collect()
    }

    #[test]
    fn splits_at_punctuation_but_not_in_numbers() {
        assert_eq!(
            parts("Il a parlé jeudi, au lendemain du vote (10,5 %) : fin."),
            [
                "Il a parlé jeudi,",
                " au lendemain du vote ",
                "(10,5 %)",
                " :",
                " fin."
            ]
        );
    }
}
