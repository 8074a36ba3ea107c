//! Tense of the clause around an expression, from lexicon cues: the nearest cue in the same
//! sentence wins.

use super::Tense;
use super::lexicon::TenseLex;
use super::token::{Kind, Tokens};

const WINDOW: usize = 14;

/// Whether token `i` ends a sentence or a quotation.
pub(crate) fn is_boundary(t: &Tokens, i: usize) -> bool {
    match t.norm(i) {
        // `0.9`, `U.S.`: a full stop glued to what follows does not end a sentence.
        "." => t.toks.get(i + 1).is_none_or(|n| n.space_before),
        s => matches!(s, "!" | "?" | ";" | "«" | "»" | "\"" | "“" | "”"),
    }
}

fn lower(text: &str, t: &Tokens, i: usize) -> String {
    let tok = &t.toks[i];
    text.get(tok.bstart..tok.bend).unwrap_or("").to_lowercase()
}

fn cue(text: &str, t: &Tokens, i: usize, lex: &TenseLex) -> Option<Tense> {
    if t.toks[i].kind != Kind::Word {
        return None;
    }
    let w = lower(text, t, i);
    if lex.future_words.contains(&w) {
        return Some(Tense::Future);
    }
    // Two-word cues (`set to`, `due to`) are keyed by both words.
    if lex.has_pairs && i > 0 && t.toks[i - 1].kind == Kind::Word {
        let pair = format!("{} {w}", lower(text, t, i - 1));
        if lex.future_words.contains(&pair) {
            return Some(Tense::Future);
        }
        if lex.past_words.contains(&pair) {
            return Some(Tense::Past);
        }
    }
    if lex.past_words.contains(&w) {
        return Some(Tense::Past);
    }
    if lex.past_auxiliaries.contains(&w) {
        // A compound past: the auxiliary followed by a participle within a few words.
        for k in i + 1..(i + 4).min(t.len()) {
            if t.toks[k].kind != Kind::Word {
                continue;
            }
            let p = lower(text, t, k);
            if p.chars().count() > 2
                && lex
                    .participle_suffixes
                    .iter()
                    .any(|s| p.ends_with(s.as_str()))
            {
                return Some(Tense::Past);
            }
        }
        return None;
    }
    let len = w.chars().count();
    if len >= 5
        && !lex.past_exceptions.contains(&w)
        && lex.participle_cues.iter().any(|s| w.ends_with(s.as_str()))
        && !lex
            .participle_cue_exceptions
            .iter()
            .any(|s| w.ends_with(s.as_str()))
    {
        return Some(Tense::Past);
    }
    if len >= 5
        && !lex.future_exceptions.contains(&w)
        && lex.future_suffixes.iter().any(|s| w.ends_with(s.as_str()))
    {
        return Some(Tense::Future);
    }
    let after_non_past = i > 0
        && t.toks[i - 1].kind == Kind::Word
        && lex.non_past_before.contains(&lower(text, t, i - 1));
    if len >= 4
        && !after_non_past
        && !lex.past_exceptions.contains(&w)
        && lex.past_suffixes.iter().any(|s| w.ends_with(s.as_str()))
    {
        return Some(Tense::Past);
    }
    None
}

/// Tense of the clause containing tokens `a..b`, skipping tokens inside other expressions
/// (`skip(i)` is true for those).
pub(crate) fn tense_at(
    text: &str,
    t: &Tokens,
    a: usize,
    b: usize,
    lex: &TenseLex,
    skip: impl Fn(usize) -> bool,
) -> Tense {
    let mut before: Option<(usize, Tense)> = None;
    let mut i = a;
    let mut dist = 0;
    while i > 0 && dist < WINDOW {
        i -= 1;
        dist += 1;
        if is_boundary(t, i) || t.toks[i + 1].newline_before {
            break;
        }
        if skip(i) {
            continue;
        }
        if let Some(c) = cue(text, t, i, lex) {
            before = Some((dist, c));
            break;
        }
    }
    let mut after: Option<(usize, Tense)> = None;
    let mut dist = 0;
    let mut i = b;
    while i < t.len() && dist < WINDOW {
        dist += 1;
        if is_boundary(t, i) || t.toks[i].newline_before {
            break;
        }
        if !skip(i)
            && let Some(c) = cue(text, t, i, lex)
        {
            after = Some((dist, c));
            break;
        }
        i += 1;
    }
    match (before, after) {
        (Some((d1, c1)), Some((d2, c2))) => {
            if d1 <= d2 {
                c1
            } else {
                c2
            }
        }
        (Some((_, c)), None) | (None, Some((_, c))) => c,
        (None, None) => Tense::Present,
    }
}
