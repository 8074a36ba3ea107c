//! Extractive headlines: the main clause of the sentence, without page chrome (clock times,
//! datelines), attribution (`selon X`, `a déclaré Y`, `X said that`) or leading connectives,
//! at most [`MAX_CHARS`] characters, shortened only at a clause or phrase boundary, never a word
//! that is not in the source, words kept in order.

use super::clauses::{clauses, lead_chrome};
use super::lexicon::Lexicon;
use crate::text::{Span, fold};

/// Longest headline, in characters.
pub const MAX_CHARS: usize = 90;
/// A reporting verb is this many words at most before its `que`/`that`.
const REPORT_GAP: usize = 4;
/// Attribution before a reported clause has at most this many words.
const REPORT_PREFIX: usize = 14;
/// Longest attribution clause that opens a sentence (`Selon X,`) and that follows the
/// happening (`, a annoncé mardi le président du conseil mis en place pour …`).
const LEADING_WORDS: usize = 12;
const TRAILING_WORDS: usize = 25;
/// A short dated clause takes at most this many following clauses to reach its verb.
const EXTEND_CLAUSES: usize = 4;
/// The first word of a pair (`entre`) this many words before the second (`et`) binds it.
const PAIR_REACH: usize = 5;
/// A shortened headline keeps at least this many words.
const MIN_WORDS: usize = 4;

/// A headline for the happening dated by the timex at `time` (character span relative to
/// `sentence`).
pub fn headline(sentence: &str, time: Span, lex: &Lexicon) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let lo = lead_chrome(sentence);
    let text_at = |p: &Span| -> String { chars[p.start..p.end].iter().collect() };
    let mut parts: Vec<Span> = clauses(sentence)
        .into_iter()
        .filter(|p| p.end > lo)
        .map(|p| Span {
            start: p.start.max(lo),
            end: p.end,
        })
        .collect();
    // A list entry's date label (`12 mars :`) says when; the timeline already shows it.
    if parts.len() > 1 {
        let first = text_at(&parts[0]);
        if first.trim_end().ends_with(':')
            && crate::text::tokens(&first).len() <= 5
            && parts[0].start <= time.start
            && time.start < parts[0].end
        {
            parts.remove(0);
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    let text_of = |i: usize| -> String { text_at(&parts[i]) };
    // Computed once per clause: the loops below would otherwise re-tokenise every clause at
    // each step, quadratic in a sentence of many clauses.
    let word_counts: Vec<usize> = (0..parts.len())
        .map(|i| crate::text::tokens(&text_of(i)).len())
        .collect();
    let weak: Vec<bool> = (0..parts.len())
        .map(|i| is_weak(&text_of(i), lex))
        .collect();
    let words = |i: usize| word_counts[i];
    // A date in the skipped chrome (a live-blog clock time) dates the first clause.
    let own = parts
        .iter()
        .position(|c| c.start <= time.start && time.start < c.end)
        .unwrap_or(0);
    let attribution: Vec<bool> = (0..parts.len())
        .map(|i| {
            let t = text_of(i);
            is_attribution(&t, lex, if i > 0 { TRAILING_WORDS } else { LEADING_WORDS })
                || (i > 0 && is_trailing_attribution(&t, lex))
        })
        .collect();
    let linking: Vec<bool> = (0..parts.len())
        .map(|i| is_linking(&text_of(i), lex))
        .collect();
    let (mut start, end) = if attribution[own] && own > 0 && (0..own).any(|i| !attribution[i]) {
        // The date sits in the attribution (`…, a annoncé mercredi le ministère`): the
        // happening is what comes before it.
        (0, own - 1)
    } else if attribution[own] && own + 1 < parts.len() {
        // A leading attribution (`Selon X cités mardi, …`): the happening follows it.
        (own + 1, own + 1)
    } else {
        (0, own)
    };
    // Start on the sentence's subject, past attribution, connectives and short adverbials.
    while start < end
        && (attribution[start]
            || linking[start]
            || (words(start) <= 3 && start != own && starts_with_preposition(&text_of(start), lex)))
    {
        start += 1;
    }
    // Short dated clauses (`Mardi,`, `Tôt dans la matinée,`) need what follows them: up to
    // the clause with the verb (an auxiliary), a few clauses at most.
    let mut end = end;
    if words(end) <= 5 && (end == own || end == start) {
        let mut reach = 0;
        while end + 1 < parts.len() && !attribution[end + 1] && reach < EXTEND_CLAUSES {
            end += 1;
            reach += 1;
            let t = text_of(end);
            let open = t.trim_end().ends_with([',', ')'])
                || parts
                    .get(end + 1)
                    .is_some_and(|_| text_of(end + 1).trim_start().starts_with('('));
            if has_auxiliary(&t, lex) || !open {
                break;
            }
        }
    }
    // A dated clause with no verb of its own (`, entré en vigueur mercredi,`) introduces the
    // main clause after it.
    let verbless = |from: usize, to: usize| {
        !(from..=to).any(|i| !attribution[i] && !weak[i] && has_auxiliary(&text_of(i), lex))
    };
    if end == own && verbless(start, end) && text_of(end).trim_end().ends_with(',') {
        let mut reach = 0;
        while end + 1 < parts.len() && !attribution[end + 1] && reach < EXTEND_CLAUSES {
            end += 1;
            reach += 1;
            if has_auxiliary(&text_of(end), lex) {
                break;
            }
        }
        if verbless(start, end) {
            end = own;
        }
    }
    let (ta, tb) = (time.start.min(chars.len()), time.end.min(chars.len()));
    let time_text: String = chars[ta..tb.max(ta)].iter().collect();
    let mut keep: Vec<bool> = (0..parts.len())
        .map(|i| i >= start && i <= end && (!attribution[i] || i == own && start == end))
        .collect();
    let mut out = finish(&join(&parts, &keep, &chars), &time_text, lex);
    // Too long: drop asides (relative clauses, appositions) that do not carry the date.
    while out.chars().count() > MAX_CHARS {
        // Relative clauses first; then a participial or apposition between commas
        // (`, partagés sur un forum,`) whose sentence goes on after it.
        let aside = (start..=end)
            .filter(|&i| keep[i] && i != own && i != start && weak[i])
            .max_by_key(|&i| (words(i), i))
            .or_else(|| {
                (start + 1..end)
                    .filter(|&i| {
                        keep[i]
                            && i != own
                            && !weak[i]
                            && text_of(i).trim_end().ends_with(',')
                            && (!starts_with_function_word(&text_of(i), lex)
                                || (i == start + 1 && is_name(&text_of(start))))
                    })
                    .max_by_key(|&i| (words(i), i))
            })
            .or_else(|| {
                // A leading adverbial (`Après avoir rouvert le musée,`) before the subject.
                let next = (start + 1..=end).find(|&j| keep[j])?;
                // The clause after it must stand alone: no relative, no participle awaiting
                // its verb.
                let stands = !weak[next]
                    && (has_auxiliary(&text_of(next), lex)
                        || !text_of(next).trim_end().ends_with(','));
                (keep[start]
                    && start != own
                    && stands
                    && text_of(start).trim_end().ends_with(',')
                    && starts_with_preposition(&text_of(start), lex))
                .then_some(start)
            })
            .or_else(|| {
                // Last: the dated clause itself when it is only a participle before the main
                // clause (`Entré en vigueur mercredi, l'accord …`); the timeline shows the date.
                let main =
                    (own + 1..=end).any(|j| keep[j] && !weak[j] && has_auxiliary(&text_of(j), lex));
                (keep[own]
                    && own < end
                    && main
                    && !has_auxiliary(&text_of(own), lex)
                    && text_of(own).trim_end().ends_with(','))
                .then_some(own)
            });
        let Some(i) = aside else {
            break;
        };
        keep[i] = false;
        // A relative clause runs on over the commas of its list (`, dont des femmes, des
        // enfants,`) up to the clause with the verb.
        if weak[i] {
            let mut j = i + 1;
            while j < end
                && j != own
                && keep[j]
                && text_of(j).trim_end().ends_with(',')
                && !has_auxiliary(&text_of(j), lex)
                && !weak[j]
            {
                keep[j] = false;
                j += 1;
            }
        }
        out = finish(&join(&parts, &keep, &chars), &time_text, lex);
    }
    // Attribution trimmed away all but a date (`Vendredi`): the whole sentence, shortened.
    if crate::text::tokens(&out).len() < MIN_WORDS {
        let all: String = chars[lo.min(chars.len())..].iter().collect();
        let whole = finish(&all, &time_text, lex);
        if crate::text::tokens(&whole).len() > crate::text::tokens(&out).len() {
            out = whole;
        }
    }
    if out.chars().count() <= MAX_CHARS {
        return out;
    }
    shorten(&out, &time_text, MAX_CHARS, lex).unwrap_or_else(|| cut(&out, MAX_CHARS, lex))
}

/// Is this clause a name (`Jeanne Vasseur,`): every word capitalised? An apposition after
/// it (`, un combattant revenant du front,`) can go.
fn is_name(clause: &str) -> bool {
    let ws: Vec<&str> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (1..=4).contains(&ws.len())
        && ws
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.contains('-'))
}

/// Does `s` hold an auxiliary outside its relative clauses (`, qui a abouti` is not the verb of
/// `Cette offensive`)?
fn main_verb(s: &str, lex: &Lexicon) -> bool {
    s.split([',', ';'])
        .any(|piece| !is_weak(piece, lex) && has_auxiliary(piece, lex))
}

/// Does this clause hold an auxiliary (`a`, `ont`, `has`), a sign of its verb?
fn has_auxiliary(clause: &str, lex: &Lexicon) -> bool {
    clause.split_whitespace().any(|w| {
        let b = plain(w);
        lex.auxiliaries_written.contains(&b)
            || b.split('\'').any(|p| lex.auxiliaries_written.contains(p))
    })
}

/// Text-level clean-up of the kept clauses: leading connectives and the attribution before a
/// reported clause go; the first letter is capitalised.
fn finish(s: &str, time_text: &str, lex: &Lexicon) -> String {
    let s = tidy(&one_sentence(s, time_text));
    let s = drop_connectors(&s, lex);
    let s = reported_clause(&s, lex);
    tidy(&s)
}

/// Two sentences glued by a missing space (`…par la mairie.Le syndicat…`, a scraping artefact):
/// the one with the date, else the first.
fn one_sentence(s: &str, time_text: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut from = 0;
    for i in 1..chars.len().saturating_sub(1) {
        let glued = matches!(chars[i], '.' | '!' | '?')
            && (chars[i - 1].is_lowercase() || matches!(chars[i - 1], '»' | '”' | ')' | '"'))
            && chars[i + 1].is_uppercase()
            && chars.get(i + 2).is_some_and(|c| c.is_lowercase());
        if glued {
            pieces.push(chars[from..=i].iter().collect());
            from = i + 1;
        }
    }
    if pieces.is_empty() {
        return s.to_string();
    }
    pieces.push(chars[from..].iter().collect());
    let dated = pieces
        .iter()
        .find(|p| !time_text.trim().is_empty() && p.contains(time_text));
    dated.unwrap_or(&pieces[0]).clone()
}

/// A word folded, without the punctuation around it.
fn bare(w: &str) -> String {
    fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .trim_matches('\'')
        .to_string()
}

/// Drops a leading connective (`Par ailleurs,`, `However,`, `Mais`): one followed by a comma,
/// or a bare conjunction.
pub(super) fn drop_connectors(s: &str, lex: &Lexicon) -> String {
    let mut t = s.to_string();
    for _ in 0..3 {
        let ws: Vec<&str> = t.split_whitespace().collect();
        // The first words, bare, joined: `said[n]` is the first `n` (made once, not per
        // connective).
        let longest = lex
            .connectors
            .iter()
            .map(|c| c.split_whitespace().count())
            .max()
            .unwrap_or(0)
            .min(ws.len());
        let mut said: Vec<String> = vec![String::new()];
        for (i, w) in ws.iter().take(longest).enumerate() {
            let mut next = said[i].clone();
            if i > 0 {
                next.push(' ');
            }
            next.push_str(&bare(w));
            said.push(next);
        }
        let found = lex.connectors.iter().find_map(|c| {
            let n = c.split_whitespace().count();
            if n == 0 || ws.len() < n + MIN_WORDS || said[n] != *c {
                return None;
            }
            let comma = ws[n - 1].ends_with(',');
            let conj = n == 1 && lex.weak_openers.contains(c);
            // A connective of several words is one without its comma (`Par ailleurs samedi,`),
            // unless a phrase goes on (`De plus en plus`).
            let phrase = n > 1 && !lex.phrase_openers.contains(&plain(ws[n]));
            (comma || conj || phrase).then_some(n)
        });
        let Some(n) = found else {
            break;
        };
        t = tidy(&ws[n..].join(" "));
    }
    t
}

/// `X a indiqué que Y` → `Y`, when Y names its own subject (not `il`, `they`).
fn reported_clause(s: &str, lex: &Lexicon) -> String {
    let ws: Vec<&str> = s.split_whitespace().collect();
    for i in 0..ws.len().min(REPORT_PREFIX) {
        if !lex.reporting.contains(&bare(ws[i])) {
            continue;
        }
        for j in i + 1..ws.len().min(i + 1 + REPORT_GAP) {
            let w = bare(ws[j]);
            let elided = lex
                .complementizers
                .iter()
                .find(|c| c.ends_with('\'') && w.starts_with(c.as_str()) && w.len() > c.len());
            let rest: Vec<&str> = if lex.complementizers.contains(&w) {
                ws[j + 1..].to_vec()
            } else if elided.is_some() {
                // `qu’il` → `il`: the word after the apostrophe.
                let tail = ws[j]
                    .char_indices()
                    .find(|(_, c)| *c == '\'' || *c == '’')
                    .map(|(k, c)| &ws[j][k + c.len_utf8()..])
                    .unwrap_or("");
                std::iter::once(tail)
                    .chain(ws[j + 1..].iter().copied())
                    .collect()
            } else {
                continue;
            };
            let first = rest.first().map(|w| bare(w)).unwrap_or_default();
            if rest.len() < MIN_WORDS || lex.pronouns.contains(&first) {
                return s.to_string();
            }
            return rest.join(" ");
        }
    }
    s.to_string()
}

/// Does this clause only say who said it (`selon X`, `a déclaré Y`)?
fn is_attribution(clause: &str, lex: &Lexicon, max_words: usize) -> bool {
    let f = fold(
        clause
            .trim()
            .trim_start_matches([',', ';', ':', '(', '–', '—', ' ']),
    );
    let f = f.trim_end_matches(['.', ',', ';', ')', ' ']);
    // `Et selon X,`: a conjunction before the attribution.
    let f = match f.split_once(' ') {
        Some((first, rest)) if lex.weak_openers.iter().any(|w| w == first) => rest,
        _ => f,
    };
    let words = f.split_whitespace().count();
    lex.attribution_openers
        .iter()
        .any(|o| f.starts_with(o.as_str()) && (f.len() == o.len() || f.as_bytes()[o.len()] == b' '))
        && words <= max_words
        // `a estimé lundi que la commune …` says what was said: it is the happening, not its source.
        && !f.split_whitespace().any(|w| is_complementizer(w, lex))
}

/// A complementizer (`que`, `that`) or a word that opens on an elided one (`qu'il`).
fn is_complementizer(w: &str, lex: &Lexicon) -> bool {
    lex.complementizers.contains(w)
        || lex
            .complementizers
            .iter()
            .any(|c| c.ends_with('\'') && w.starts_with(c.as_str()))
}

/// `w` is in `set`, or opens on an elided word of it (`l'` for `l'armée`, `jusqu'` …).
fn in_set_or_elided(set: &std::collections::HashSet<String>, w: &str) -> bool {
    set.contains(w)
        || w.split_once('\'')
            .is_some_and(|(h, _)| set.contains(&format!("{h}'")))
}

/// A clause after the first that is short and starts or ends on a reporting word
/// (`, a-t-on indiqué de sources médicales`, `, police said`).
fn is_trailing_attribution(clause: &str, lex: &Lexicon) -> bool {
    let t = clause.trim().trim_start_matches([',', ';', ' ']);
    if t.chars().next().is_none_or(|c| c.is_uppercase()) {
        return false;
    }
    let ws: Vec<String> = t.split_whitespace().map(bare).collect();
    let reports = |w: &String| is_complementizer(w, lex);
    if ws.is_empty() || ws.len() > 10 || ws.iter().any(reports) {
        return false;
    }
    let reporting =
        |w: &String| lex.reporting.contains(w) || w.split('-').any(|p| lex.reporting.contains(p));
    ws.iter().take(3).any(reporting) || ws.iter().rev().take(2).any(reporting)
}

/// Is this clause only a connective (`Par ailleurs,`, `However,`)?
fn is_linking(clause: &str, lex: &Lexicon) -> bool {
    let ws: Vec<String> = clause
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect();
    let joined = ws.join(" ");
    !ws.is_empty() && lex.connectors.contains(&joined)
}

/// A word lower-cased without the punctuation around it (accents kept: `à` is not `a`).
fn plain(w: &str) -> String {
    super::lexicon::lower(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .trim_matches('\'')
        .to_string()
}

/// Does this clause open on a preposition (`À Paris,`, `Après avoir rouvert le musée,`), an
/// adverbial rather than the subject?
fn starts_with_preposition(clause: &str, lex: &Lexicon) -> bool {
    clause
        .split_whitespace()
        .next()
        .map(plain)
        .is_some_and(|w| in_set_or_elided(&lex.phrase_openers, &w))
}

/// Does this short clause open on a function word (`À Paris,`, `En 2008,`), an adverbial
/// rather than the subject?
fn starts_with_function_word(clause: &str, lex: &Lexicon) -> bool {
    clause.split_whitespace().next().map(bare).is_some_and(|w| {
        let head = w.split('\'').next().unwrap_or("");
        lex.stopwords.contains(&w) || lex.stopwords.contains(head)
    })
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

/// Can a clause end on this word? Not on a preposition, an article, a conjunction, nor on an
/// elided word (`d'un`, `l'`).
fn dangles(word: &str, lex: &Lexicon) -> bool {
    let w = bare(word);
    if w.is_empty() {
        return false;
    }
    if lex.dangling.contains(&w) || word.ends_with(['\'', '’']) {
        return true;
    }
    match w.rsplit_once('\'') {
        Some((head, tail)) => {
            lex.dangling.contains(tail)
                || tail.is_empty() && lex.dangling.contains(&format!("{head}'"))
        }
        None => false,
    }
}

/// Are quotes and brackets closed in `s`?
fn balanced(s: &str) -> bool {
    let count = |c: char| s.matches(c).count();
    count('«') == count('»')
        && count('“') == count('”')
        && count('(') == count(')')
        && count('[') == count(']')
        && count('"') % 2 == 0
}

/// The longest start of `s` of at most `max` characters that ends at a clause or phrase
/// boundary (before a preposition, a conjunction, a relative pronoun, after a comma), keeps the
/// date when `s` has it, and does not end on a word that cannot end a clause.
fn shorten(s: &str, time_text: &str, max: usize, lex: &Lexicon) -> Option<String> {
    let ws: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        // Only words that start within `max` characters can end or follow a kept start: the
        // work stays linear in a sentence of any length.
        .take_while(|(at, _)| *at <= max * 4 && s[..*at].chars().count() <= max + 1)
        .collect();
    let date_end = (!time_text.trim().is_empty())
        .then(|| s.find(time_text).map(|b| b + time_text.len()))
        .flatten();
    // Best first: the date kept and a verb (an auxiliary) in; clause and phrase boundaries
    // before a noun complement (`de …`, `of …`); then without the date (the timeline shows
    // it), then without a sign of the verb.
    let tiers = [
        (true, false, true),
        (true, true, true),
        (false, false, true),
        (false, true, true),
        (true, false, false),
        (true, true, false),
    ];
    for (keep_date, complements, verb) in tiers {
        let date = if keep_date { date_end } else { None };
        // With no sign of a verb, only a cut that keeps most of the room says enough (an
        // English simple past has no auxiliary); a bare subject (`Le Conseil de sécurité`) is
        // worse than a marked cut.
        let enough = |h: &String| {
            if verb {
                main_verb(h, lex)
            } else {
                h.chars().count() * 2 >= max
            }
        };
        if let Some(h) = shorten_pass(s, &ws, date, max, complements, lex).filter(enough) {
            return Some(h);
        }
    }
    None
}

fn shorten_pass(
    s: &str,
    ws: &[(usize, &str)],
    date_end: Option<usize>,
    max: usize,
    complements: bool,
    lex: &Lexicon,
) -> Option<String> {
    for i in (MIN_WORDS..ws.len()).rev() {
        let (at, w) = ws[i];
        let prev = ws[i - 1].1;
        let complement = complements && in_set_or_elided(&lex.complement_openers, &plain(w));
        let opener = complement
            || lex.phrase_openers.contains(&plain(w))
            || w.starts_with(['(', '–', '—', '['])
            || w.split(['\'', '’']).next().is_some_and(|h| {
                w.contains(['\'', '’']) && lex.phrase_openers.contains(&format!("{}'", plain(h)))
            });
        let after_punct = prev.ends_with([',', ';', ':']);
        if !(opener || after_punct) {
            continue;
        }
        // `entre A | et B`: the pair stays whole.
        let here = plain(w);
        let paired = lex.pairs.iter().any(|(a, b)| {
            *b == here
                && ws[i.saturating_sub(PAIR_REACH)..i]
                    .iter()
                    .any(|(_, x)| plain(x) == *a)
        });
        if paired && !after_punct {
            continue;
        }
        let head = s[..at]
            .trim_end()
            .trim_end_matches([',', ';', ':', ' ', '–', '—'])
            .trim_end();
        if head.chars().count() > max || date_end.is_some_and(|d| d > head.len()) {
            continue;
        }
        let last = head.split_whitespace().last().unwrap_or("");
        // A quotation opened and not closed in the kept part loses its opening mark.
        let head = match head.strip_prefix(['«', '“', '"']) {
            Some(h) if !balanced(head) => h.trim_start(),
            _ => head,
        };
        if dangles(last, lex) || !balanced(head) {
            continue;
        }
        return Some(tidy(head));
    }
    None
}

/// Last resort: cuts at a word boundary, never after a word that cannot end a clause, and marks
/// the cut.
fn cut(s: &str, max: usize, lex: &Lexicon) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut len = 0;
    for w in s.split_whitespace() {
        if len + w.chars().count() + 2 > max {
            break;
        }
        len += w.chars().count() + 1;
        kept.push(w);
    }
    while kept.len() > 1 && kept.last().is_some_and(|w| dangles(w, lex)) {
        kept.pop();
    }
    let out = kept.join(" ");
    let out = out.trim_end_matches([',', ';', ':', ' ', '(', '«', '–', '—']);
    format!("{out}…")
}

/// The kept clauses; a dropped aside takes the comma before it along.
fn join(parts: &[Span], keep: &[bool], chars: &[char]) -> String {
    let mut s = String::new();
    // Found once: asking "is anything kept after this one?" per dropped part is quadratic.
    let last_kept = keep.iter().rposition(|k| *k);
    for (i, p) in parts.iter().enumerate() {
        if keep[i] {
            s.extend(&chars[p.start..p.end]);
        } else if !s.is_empty() && last_kept.is_some_and(|l| l > i) {
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
        .trim_start_matches([',', ';', ':', ' ', '\u{a0}', '-', '–', '—'])
        .trim_end_matches([',', ';', ':', ' ', '\u{a0}', '(', '–', '—'])
        .trim()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn hl(lang: Lang, sentence: &str, time_text: &str) -> String {
        let lex = super::super::lexicon::get(lang);
        let byte = sentence.find(time_text).unwrap();
        let start = sentence[..byte].chars().count();
        let span = Span {
            start,
            end: start + time_text.chars().count(),
        };
        headline(sentence, span, lex)
    }

    fn h(sentence: &str, time_text: &str) -> String {
        hl(Lang::Fr, sentence, time_text)
    }

    fn en(sentence: &str, time_text: &str) -> String {
        hl(Lang::En, sentence, time_text)
    }

    /// Every word of the headline is a word of the sentence, in the same order.
    fn extractive(out: &str, sentence: &str) -> bool {
        let mut rest = sentence.to_lowercase();
        out.trim_end_matches('…').split_whitespace().all(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            match rest.find(&w) {
                Some(i) => {
                    rest = rest[i + w.len()..].to_string();
                    true
                }
                None => false,
            }
        })
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
        assert!(
            h(s, "mercredi").contains("cessez-le-feu"),
            "{}",
            h(s, "mercredi")
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
        assert!(extractive(&out, s), "{out}");
    }

    #[test]
    fn trailing_and_leading_attribution_go() {
        assert_eq!(
            h(
                "Le barrage a cédé dans la nuit de lundi, a-t-on indiqué de sources locales.",
                "lundi"
            ),
            "Le barrage a cédé dans la nuit de lundi"
        );
        assert_eq!(
            h(
                "D'après la préfecture, trois ponts ont été fermés mardi dans la vallée.",
                "mardi"
            ),
            "Trois ponts ont été fermés mardi dans la vallée."
        );
        assert_eq!(
            h(
                "Le ministère a indiqué jeudi que la digue du port serait reconstruite.",
                "jeudi"
            ),
            "La digue du port serait reconstruite."
        );
        // A reported clause that starts on a pronoun needs who said it.
        assert_eq!(
            h(
                "Le maire a annoncé mardi qu'il quittait ses fonctions.",
                "mardi"
            ),
            "Le maire a annoncé mardi qu'il quittait ses fonctions."
        );
        assert_eq!(
            en(
                "The bridge reopened to traffic on Tuesday, police said.",
                "Tuesday"
            ),
            "The bridge reopened to traffic on Tuesday"
        );
        assert_eq!(
            en(
                "According to the council, the library closed on Monday after the flood.",
                "Monday"
            ),
            "The library closed on Monday after the flood."
        );
        assert_eq!(
            en(
                "The mayor said on Friday that the old harbour wall would be rebuilt.",
                "Friday"
            ),
            "The old harbour wall would be rebuilt."
        );
    }

    #[test]
    fn clock_times_datelines_and_connectives_go() {
        assert_eq!(
            h(
                "15h25 : Les pompiers ont maîtrisé l'incendie du dépôt.",
                "15h25"
            ),
            "Les pompiers ont maîtrisé l'incendie du dépôt."
        );
        assert_eq!(
            h(
                "NANTES (AFP) - Le tramway a repris mardi son service.",
                "mardi"
            ),
            "Le tramway a repris mardi son service."
        );
        assert_eq!(
            h("Par ailleurs, le stade a été évacué samedi soir.", "samedi"),
            "Le stade a été évacué samedi soir."
        );
        assert_eq!(
            h(
                "Par ailleurs samedi, deux entrepôts ont brûlé au port.",
                "samedi"
            ),
            "Samedi, deux entrepôts ont brûlé au port."
        );
        assert_eq!(
            h(
                "Et selon les pompiers, le stade a été évacué samedi soir.",
                "samedi"
            ),
            "Le stade a été évacué samedi soir."
        );
        assert_eq!(
            h("2h30 Le maire annonce la fermeture des écoles.", "2h30"),
            "Le maire annonce la fermeture des écoles."
        );
        assert_eq!(
            h(
                "4 mai : Le gouvernement dissout l'assemblée régionale.",
                "4 mai"
            ),
            "Le gouvernement dissout l'assemblée régionale."
        );
        assert_eq!(
            en(
                "3.25pm - Firefighters contained the warehouse blaze.",
                "3.25pm"
            ),
            "Firefighters contained the warehouse blaze."
        );
        assert_eq!(
            en(
                "However, the stadium was evacuated on Saturday night.",
                "Saturday"
            ),
            "The stadium was evacuated on Saturday night."
        );
    }

    #[test]
    fn a_cut_that_leaves_only_the_subject_is_no_headline() {
        // Past the verb, no phrase boundary fits: a marked cut says more than the bare subject.
        let s = "Le 4 juin, le comité de défense et de sécurité de la fédération régionale avait refusé toute aide extérieure, demandé une enquête et proposé une médiation.";
        let out = h(s, "Le 4 juin");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(out.contains("refusé") || out.contains("avait"), "{out}");
        assert!(extractive(out.trim_end_matches('…'), s), "{out}");
    }

    #[test]
    fn a_long_sentence_is_shortened_at_a_phrase_boundary() {
        let s = "Les autorités régionales ont ordonné lundi la fermeture de toutes les écoles de la vallée dans le cadre d'un plan de prévention des crues qui doit durer jusqu'à la fin du mois prochain, selon un communiqué publié dans la soirée.";
        assert!(s.chars().count() > 200);
        let out = h(s, "lundi");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(!out.ends_with('…'), "{out}");
        assert!(out.contains("lundi") && out.contains("fermeture"), "{out}");
        assert!(!out.contains("dans le cadre"), "{out}");
        let last = out.trim_end_matches('.').split_whitespace().last().unwrap();
        assert!(
            !dangles(last, super::super::lexicon::get(Lang::Fr)),
            "{out}"
        );
        assert!(extractive(&out, s), "{out}");
        let s = "The regional authorities ordered on Monday the closure of every school in the valley as part of a flood prevention plan that is expected to last until the end of next month, according to a statement released in the evening.";
        let out = en(s, "Monday");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(!out.ends_with('…'), "{out}");
        assert!(out.contains("Monday") && out.contains("closure"), "{out}");
        assert!(extractive(&out, s), "{out}");
    }

    #[test]
    fn an_apposition_after_a_name_goes_and_a_reported_statement_stays() {
        let out = h(
            "Jean Marceau, un pêcheur revenant du large, s'est montré nettement plus inquiet samedi en fin de journée.",
            "samedi",
        );
        assert!(out.starts_with("Jean Marceau s'est montré"), "{out}");
        let out = h(
            "Après six mois de travaux, le directeur du chantier a estimé lundi que le tunnel serait ouvert au printemps.",
            "lundi",
        );
        assert!(out.contains("tunnel"), "{out}");
        let out = en(
            "Jane Moor, a fisher back from the sea, was much more worried on Saturday late in the day.",
            "Saturday",
        );
        assert!(out.starts_with("Jane Moor"), "{out}");
    }

    #[test]
    fn a_verbless_dated_clause_leads_to_the_main_clause() {
        let s = "Aux termes du protocole, signé par les deux maires et entré en vigueur lundi à midi, les navettes fluviales seront gratuites pour tous les habitants du canton.";
        let out = h(s, "lundi à midi");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(out.contains("navettes fluviales seront gratuites"), "{out}");
        let s = "Under the protocol, signed by both mayors and in force since Monday at noon, the river shuttles will be free for every resident of the county.";
        let out = en(s, "Monday at noon");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(out.contains("river shuttles will be free"), "{out}");
    }

    #[test]
    fn a_huge_sentence_still_gets_a_short_headline() {
        let s = format!(
            "Le conseil a voté mardi la fermeture du pont{}.",
            ", qui sera rouvert dans le cadre des travaux de la digue du port".repeat(400)
        );
        let out = h(&s, "mardi");
        assert!(out.chars().count() <= MAX_CHARS, "{out}");
        assert!(out.starts_with("Le conseil a voté mardi"), "{out}");
    }

    #[test]
    fn a_cut_never_leaves_a_dangling_word() {
        let lex = super::super::lexicon::get(Lang::Fr);
        let out = cut(
            "Le conseil a voté la création d'un fonds pour les sinistrés",
            40,
            lex,
        );
        assert_eq!(out, "Le conseil a voté la création…");
        assert!(dangles("d'un", lex) && dangles("de", lex) && !dangles("fonds", lex));
        let out = shorten(
            "Un accord a été signé jeudi entre le syndicat et la direction du port de commerce de la ville",
            "jeudi",
            70,
            lex,
        );
        assert_eq!(out.as_deref(), Some("Un accord a été signé jeudi"));
    }
}
