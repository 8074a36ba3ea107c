//! Splitting a sentence into clauses at punctuation, so that a sentence with two dates yields
//! two mentions whose words do not bleed into each other.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::Span;

/// Characters of page chrome at the start of `sentence`, to skip in a headline or summary: a
/// live-blog clock time (`15h25 :`, `3.25pm -`, with a short section label after it), a
/// dateline (`PARIS (AFP) -`, `LONDON, March 3 (Reuters) -`). The patterns are typographic,
/// the same in every language.
pub fn lead_chrome(sentence: &str) -> usize {
    static RES: OnceLock<Option<[Regex; 4]>> = OnceLock::new();
    let Some([clock, dateline, label, bare_clock]) = RES
        .get_or_init(|| {
            let clock = Regex::new(
                r"^\s*(?:\d{1,2}\s?[hH:.]\s?(?:\d{1,2})?|\d{1,2})\s?(?:[aApP]\.?[mM]\.?)?\s*(?:[A-Z]{2,4}\s*)?[:|\-–—]\s+",
            );
            let dateline = Regex::new(
                r"^\s*\p{Lu}[\p{Lu}'’.\- ]*\p{Lu}(?:,\s[^()\-–—:]{1,30})?\s*(?:\([^()]{1,30}\)\s*[-–—:]?|[-–—])\s+",
            );
            let label = Regex::new(r"^\s*\p{Lu}[^:.\-–—]{0,40}?\s[-–—]\s+");
            // A clock time with no separator, before a capitalised word (`2h30 Le président`).
            let bare_clock = Regex::new(r"^\s*\d{1,2}\s?[hH:]\s?\d{2}\s+\p{Lu}");
            Some([clock.ok()?, dateline.ok()?, label.ok()?, bare_clock.ok()?])
        })
        .as_ref()
    else {
        return 0;
    };
    let mut at = 0;
    let mut after_clock = false;
    // A few rounds: a clock time may precede a dateline or a section label.
    for _ in 0..3 {
        let rest = &sentence[at..];
        let m = if let Some(m) = clock.find(rest).filter(|m| is_clock(m.as_str())) {
            after_clock = true;
            m
        } else if let Some(m) = bare_clock.find(rest).filter(|m| is_clock(m.as_str())) {
            after_clock = true;
            // Up to the capitalised word, not into it.
            let word = m.as_str().chars().last().map_or(0, char::len_utf8);
            at += m.end() - word;
            continue;
        } else if let Some(m) = dateline.find(rest) {
            m
        } else if let Some(m) = label
            .find(rest)
            .filter(|m| after_clock && m.as_str().split_whitespace().count() <= 5)
        {
            m
        } else {
            break;
        };
        // Never skip the whole sentence.
        if sentence[at + m.end()..].split_whitespace().count() < 3 {
            break;
        }
        at += m.end();
    }
    sentence[..at].chars().count()
}

/// A clock time (`15h25`, `9:08`, `3pm`) rather than a bare number (`12 -`).
fn is_clock(s: &str) -> bool {
    let t = s.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = t[digits..].trim_start().to_ascii_lowercase();
    let minutes = rest.len() > 1
        && rest.starts_with([':', '.'])
        && rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    let meridian = ["am", "pm", "a.m", "p.m"]
        .iter()
        .any(|m| rest.starts_with(m));
    digits > 0 && (rest.starts_with('h') || minutes || meridian)
}

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

    fn skip(s: &str) -> String {
        s.chars().skip(lead_chrome(s)).collect()
    }

    #[test]
    fn page_chrome_before_the_sentence_is_skipped() {
        assert_eq!(
            skip("15h25 : Le maire a démissionné."),
            "Le maire a démissionné."
        );
        assert_eq!(
            skip("9 h 05 - Le pont a rouvert ce matin."),
            "Le pont a rouvert ce matin."
        );
        assert_eq!(
            skip("3.25pm - The mayor resigned on Friday."),
            "The mayor resigned on Friday."
        );
        assert_eq!(
            skip("18H33 - Météo locale - Les routes sont fermées au nord."),
            "Les routes sont fermées au nord."
        );
        assert_eq!(
            skip("LYON (AFP) - Le pont a rouvert mardi."),
            "Le pont a rouvert mardi."
        );
        assert_eq!(
            skip("DOVER, March 3 (Wire) - The ferry sank on Monday."),
            "The ferry sank on Monday."
        );
        // Not chrome: a sentence that starts with a number, an acronym or a name.
        assert_eq!(
            skip("12 personnes ont été blessées."),
            "12 personnes ont été blessées."
        );
        assert_eq!(skip("L'ONU a voté mardi."), "L'ONU a voté mardi.");
        assert_eq!(
            skip("Le maire - élu en 2020 - a démissionné."),
            "Le maire - élu en 2020 - a démissionné."
        );
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
