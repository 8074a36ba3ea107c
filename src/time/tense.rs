//! Tense of the clause around an expression, from lexicon cues: the nearest cue in the same
//! sentence wins.

use std::collections::HashSet;

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

/// A tense cue, and whether it is a reporting verb (which dates the report, not its content).
#[derive(Clone, Copy, Debug)]
struct Cue {
    tense: Tense,
    reporting: bool,
}

fn cue(text: &str, t: &Tokens, i: usize, lex: &TenseLex) -> Option<Cue> {
    let tense = cue_tense(text, t, i, lex)?;
    let w = lower(text, t, i);
    let reporting = lex.reporting_words.contains(&w)
        || (lex.past_auxiliaries.contains(&w)
            && (i + 1..(i + 4).min(t.len()))
                .any(|k| lex.reporting_words.contains(&lower(text, t, k))));
    Some(Cue { tense, reporting })
}

/// Whether one of the two words before `i` is in `words` (`ont été annoncés`, `a annoncé`).
fn after_one_of(text: &str, t: &Tokens, i: usize, words: &HashSet<String>) -> bool {
    (i.saturating_sub(2)..i)
        .any(|k| t.toks[k].kind == Kind::Word && words.contains(&lower(text, t, k)))
}

fn cue_tense(text: &str, t: &Tokens, i: usize, lex: &TenseLex) -> Option<Tense> {
    if t.toks[i].kind != Kind::Word {
        return None;
    }
    let w = lower(text, t, i);
    // A bare participle that announces something (`les pourparlers annoncés pour jeudi`) says
    // nothing of when the date lies: the rest of the clause decides.
    if lex.prospective_participles.contains(&w) {
        if !after_one_of(text, t, i, &lex.past_auxiliaries) {
            return None;
        }
        // `est programmé`, `sont attendus`: a present passive that announces.
        if after_one_of(text, t, i, &lex.present_passive_auxiliaries) {
            return Some(Tense::Future);
        }
    }
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
            // `le spectacle est programmé lundi`, `les élèves sont attendus lundi`: a present
            // passive that announces, not a compound past.
            if lex.present_passive_auxiliaries.contains(&w)
                && lex.prospective_participles.contains(&p)
            {
                return Some(Tense::Future);
            }
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
    // `sera examiné`, `doit être présenté`: a participle after a non-past auxiliary takes that
    // auxiliary's tense, found as the walk goes on.
    let after_non_past = i > 0
        && t.toks[i - 1].kind == Kind::Word
        && lex.non_past_before.contains(&lower(text, t, i - 1));
    if after_non_past {
        return None;
    }
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
    if len >= 4
        && !lex.past_exceptions.contains(&w)
        && lex.past_suffixes.iter().any(|s| w.ends_with(s.as_str()))
    {
        return Some(Tense::Past);
    }
    None
}

/// Whether token `i` is a quotation mark: it ends the quoted clause, not the sentence.
fn is_quote(t: &Tokens, i: usize) -> bool {
    matches!(t.norm(i), "«" | "»" | "\"" | "“" | "”")
}

/// A reporting verb this close to the expression dates the report itself (`a annoncé mardi`).
const ADJACENT: usize = 3;
/// How far to look past an attribution for the verb of what is reported.
const WIDE_WINDOW: usize = 40;

/// First cue met walking from the expression, with its distance in tokens. `wide` walks over
/// quotation marks and reporting verbs, to find the verb of the reported content.
fn scan(
    text: &str,
    t: &Tokens,
    from: usize,
    backward: bool,
    wide: bool,
    lex: &TenseLex,
    skip: &impl Fn(usize) -> bool,
) -> Option<(usize, Cue)> {
    let window = if wide { WIDE_WINDOW } else { WINDOW };
    let mut dist = 0;
    let mut i = from;
    loop {
        if dist >= window {
            return None;
        }
        if backward {
            if i == 0 {
                return None;
            }
            i -= 1;
            if t.toks[i + 1].newline_before {
                return None;
            }
        } else if i >= t.len() || t.toks[i].newline_before {
            return None;
        }
        dist += 1;
        if is_boundary(t, i) && !(wide && is_quote(t, i)) {
            return None;
        }
        if !skip(i)
            && let Some(c) = cue(text, t, i, lex)
            && !(wide && c.reporting)
        {
            return Some((dist, c));
        }
        if !backward {
            i += 1;
        }
    }
}

fn nearest(before: Option<(usize, Cue)>, after: Option<(usize, Cue)>) -> Option<(usize, Cue)> {
    match (before, after) {
        (Some(b), Some(a)) => Some(if b.0 <= a.0 { b } else { a }),
        (b, a) => b.or(a),
    }
}

/// Tense of the clause containing tokens `a..b`, skipping tokens inside other expressions
/// (`skip(i)` is true for those). The nearest verb cue governs; a reporting verb that is not
/// right next to the expression only attributes it, so the verb of the reported content wins
/// when there is one (`pourrait avoir lieu…, ont indiqué deux sources, évoquant jeudi`).
pub(crate) fn tense_at(
    text: &str,
    t: &Tokens,
    a: usize,
    b: usize,
    lex: &TenseLex,
    skip: impl Fn(usize) -> bool,
) -> Tense {
    // `depuis lundi`: a state that began before now; `d'ici vendredi`: a deadline ahead,
    // whatever the tense of the verb.
    if a > 0 && t.toks[a - 1].kind == Kind::Word {
        let w = lower(text, t, a - 1);
        if lex.past_before.contains(&w) {
            return Tense::Past;
        }
        if lex.future_before.contains(&w) {
            return Tense::Future;
        }
    }
    // `la loi votée lundi`: the participle right before the date governs it.
    if a > 0 && t.toks[a - 1].kind == Kind::Word {
        let w = lower(text, t, a - 1);
        if w.chars().count() >= 5
            && !lex.prospective_participles.contains(&w)
            && !lex.future_words.contains(&w)
            && !lex.adjacent_participle_exceptions.contains(&w)
            && lex
                .adjacent_participle_suffixes
                .iter()
                .any(|s| w.ends_with(s.as_str()))
        {
            return Tense::Past;
        }
    }
    let near = nearest(
        scan(text, t, a, true, false, lex, &skip),
        scan(text, t, b, false, false, lex, &skip),
    );
    match near {
        None => Tense::Present,
        Some((d, c)) if c.reporting && d > ADJACENT => nearest(
            scan(text, t, a, true, true, lex, &skip),
            scan(text, t, b, false, true, lex, &skip),
        )
        .map_or(c.tense, |(_, w)| w.tense),
        Some((_, c)) => c.tense,
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::time::{Reference, tag_in};

    /// Value of the expression `expr` in `text`, read on Wednesday 2023-09-20.
    fn value(text: &str, lang: Lang, expr: &str) -> String {
        let r = Reference::parse("2023-09-20").unwrap();
        tag_in(text, lang, &r)
            .into_iter()
            .find(|t| t.text == expr)
            .map(|t| t.value)
            .unwrap_or_default()
    }

    #[test]
    fn an_announced_happening_takes_the_tense_of_its_clause() {
        let s = "Dans des pourparlers annoncés dès jeudi, les discussions porteront sur la région.";
        assert_eq!(value(s, Lang::Fr, "jeudi"), "2023-09-21");
        let s = "Le plan annoncé lundi a été adopté.";
        assert_eq!(value(s, Lang::Fr, "lundi"), "2023-09-18");
    }

    #[test]
    fn a_distant_reporting_verb_defers_to_the_reported_content() {
        let s = "La réunion pourrait avoir lieu «bientôt», ont indiqué à la presse deux sources, évoquant jeudi.";
        assert_eq!(value(s, Lang::Fr, "jeudi"), "2023-09-21");
        // Right next to the date, the reporting verb dates the report itself.
        let s = "Le ministre a annoncé mardi que les élections auront lieu.";
        assert_eq!(value(s, Lang::Fr, "mardi"), "2023-09-19");
        let s = "Officials said on Monday that the bridge will reopen.";
        assert_eq!(value(s, Lang::En, "Monday"), "2023-09-18");
        // Reported future: the verb next to the date, not the reporting verb, decides.
        let s = "Police said the suspect would appear in court on Friday.";
        assert_eq!(value(s, Lang::En, "Friday"), "2023-09-22");
    }

    #[test]
    fn the_participle_next_to_the_date_governs_it() {
        let s = "L'accord, entré en vigueur mercredi à 11 heures, les milices seront dissoutes.";
        assert_eq!(
            value(s, Lang::Fr, "mercredi à 11 heures"),
            "2023-09-20T11:00"
        );
        let s = "Les dockers, en grève depuis lundi, pourraient reprendre le travail.";
        assert_eq!(value(s, Lang::Fr, "lundi"), "2023-09-18");
        let s = "Le gouvernement a indiqué que la loi, votée mardi, entrera en vigueur en janvier.";
        assert_eq!(value(s, Lang::Fr, "mardi"), "2023-09-19");
        let s = "Le gouvernement a promis une réponse d'ici vendredi.";
        assert_eq!(value(s, Lang::Fr, "vendredi"), "2023-09-22");
        let s = "Le texte sera examiné mardi par les députés.";
        assert_eq!(value(s, Lang::Fr, "mardi"), "2023-09-26");
        let s = "Le projet va être présenté lundi.";
        assert_eq!(value(s, Lang::Fr, "lundi"), "2023-09-25");
        let s = "Le président se rendra vendredi à Kiev, a annoncé son cabinet.";
        assert_eq!(value(s, Lang::Fr, "vendredi"), "2023-09-22");
        let s = "Le couvre-feu imposé lundi sera prolongé.";
        assert_eq!(value(s, Lang::Fr, "lundi"), "2023-09-18");
    }
}
