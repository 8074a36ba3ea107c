//! Figures that sources report for a quantity (`au moins 200 morts`, `5,000 evacuated`).

use serde::{Deserialize, Serialize};

use super::lexicon::Lexicon;
use crate::text::{Token, fold};

/// A reported figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Quantity name from the lexicon (`dead`, `wounded`, `evacuated`).
    pub quantity: String,
    /// The number.
    pub value: u64,
    /// The words as written (`au moins 200 morts` → `200 morts`).
    pub text: String,
}

/// How many tokens may stand between a number and its quantity word (`32 personnes ont été tuées`).
const MAX_GAP: usize = 6;
/// How many tokens a quantity word may stand before its number (`évacué plus de 2000`).
const MAX_BACK: usize = 3;

/// Figures in `tokens` of `text` (token offsets are relative to `text`).
pub fn figures(text: &str, tokens: &[Token<'_>], lex: &Lexicon) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((value, last)) = number_at(tokens, i, &chars, lex) else {
            i += 1;
            continue;
        };
        let mut found = None;
        for (j, t) in tokens.iter().enumerate().skip(last + 1).take(MAX_GAP + 1) {
            if let Some(q) = lex.quantities.get(&fold(t.text)) {
                found = Some((q.clone(), j));
                break;
            }
            // Another number in between counts something else, unless it sits in an aside
            // (`200 personnes, dont 10 civils, tuées`).
            if number_at(tokens, j, &chars, lex).is_some() {
                let between: String = chars[tokens[last].end..t.start].iter().collect();
                if !between.contains([',', '(']) {
                    break;
                }
            }
        }
        if let Some((quantity, j)) = found {
            out.push(Figure {
                quantity,
                value,
                text: chars[tokens[i].start..tokens[j].end].iter().collect(),
            });
            i = j + 1;
            continue;
        }
        // The quantity may come first (`a évacué plus de 2000 civils`).
        let before = tokens[i.saturating_sub(MAX_BACK)..i]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, t)| lex.quantities.get(&fold(t.text)).map(|q| (q.clone(), k)));
        if let Some((quantity, k)) = before {
            let j = i.saturating_sub(MAX_BACK) + k;
            out.push(Figure {
                quantity,
                value,
                text: chars[tokens[j].start..tokens[last].end].iter().collect(),
            });
        }
        i = last + 1;
    }
    out
}

/// A number starting at token `i`: digits with thousands groups (`10.000`, `5 000`, `5,000`) or
/// a number word. Returns the value and the index of its last token.
fn number_at(
    tokens: &[Token<'_>],
    i: usize,
    chars: &[char],
    lex: &Lexicon,
) -> Option<(u64, usize)> {
    let t = &tokens[i];
    if t.text.chars().all(|c| c.is_ascii_digit()) {
        let mut value: u64 = t.text.parse().ok()?;
        let mut last = i;
        while let Some(n) = tokens.get(last + 1) {
            let gap = &chars[tokens[last].end..n.start];
            let is_group = n.text.len() == 3
                && n.text.chars().all(|c| c.is_ascii_digit())
                && gap.len() == 1
                && matches!(gap[0], '.' | ',' | ' ' | '\u{a0}' | '\u{202f}');
            if !is_group {
                break;
            }
            value = value.checked_mul(1000)?.checked_add(n.text.parse().ok()?)?;
            last += 1;
        }
        return Some((value, last));
    }
    lex.numbers.get(&fold(t.text)).map(|v| (*v, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::text::tokens;

    fn figs(s: &str, lang: Lang) -> Vec<(String, u64)> {
        let lex = super::super::lexicon::get(lang);
        figures(s, &tokens(s), lex)
            .into_iter()
            .map(|f| (f.quantity, f.value))
            .collect()
    }

    #[test]
    fn french_tolls_and_thousands() {
        assert_eq!(
            figs("a fait au moins 200 morts et 400 blessés", Lang::Fr),
            [("dead".into(), 200), ("wounded".into(), 400)]
        );
        assert_eq!(
            figs(
                "au moins 32 personnes avaient été tuées et plus de 200 autres blessées",
                Lang::Fr
            ),
            [("dead".into(), 32), ("wounded".into(), 200)]
        );
        assert_eq!(
            figs("environ 5 000 civils évacués", Lang::Fr),
            [("evacuated".into(), 5000)]
        );
        assert_eq!(
            figs(
                "au moins 200 personnes, dont 10 civils, avaient été tuées",
                Lang::Fr
            ),
            [("dead".into(), 200)]
        );
    }

    #[test]
    fn the_quantity_may_come_first() {
        assert_eq!(
            figs("a évacué plus de 2000 civils des zones", Lang::Fr),
            [("evacuated".into(), 2000)]
        );
    }

    #[test]
    fn english_figures() {
        assert_eq!(
            figs("at least 1,200 people were evacuated", Lang::En),
            [("evacuated".into(), 1200)]
        );
    }
}
