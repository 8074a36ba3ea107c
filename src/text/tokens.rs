//! Word tokens with character offsets.

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word, verbatim.
    pub text: &'a str,
    /// Start in characters from the start of the tokenised text.
    pub start: usize,
    /// End in characters, exclusive.
    pub end: usize,
}

impl Token<'_> {
    /// Starts with an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits `text` into words: runs of letters and digits, hyphens inside a word kept
/// (`cessez-le-feu`), elisions split off (`l'offensive` → `l`, `offensive`).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
            } else if matches!(c, '-' | '‑')
                && j + 1 < chars.len()
                && chars[j + 1].1.is_alphabetic()
                && chars[j - 1].1.is_alphabetic()
            {
                j += 2;
            } else {
                break;
            }
        }
        let b0 = chars[start].0;
        let b1 = chars.get(j).map(|c| c.0).unwrap_or(text.len());
        out.push(Token {
            text: &text[b0..b1],
            start,
            end: j,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_elisions_and_keeps_hyphenated_words() {
        let t: Vec<&str> = tokens("l’offensive, un cessez-le-feu à 11 h.")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["l", "offensive", "un", "cessez-le-feu", "à", "11", "h"]);
    }

    #[test]
    fn offsets_are_characters() {
        let t = tokens("été là");
        assert_eq!((t[1].start, t[1].end), (4, 6));
    }
}
