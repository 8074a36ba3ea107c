//! Limits on the work one article can cause, so that extraction and the pages it feeds grow
//! linearly with the input whatever the text. Every value is far above what real news needs
//! (measured on the demo and the French collections in `shared/data/tls-fr`: at most 116 dated
//! statements per article, 5 per sentence, sentences up to 2,070 characters: paragraphs the
//! scraper ran together, the only quote the cap shortens there).

use crate::text::Span;

/// Longest sentence analysed as one, in characters: longer runs (lists of dates with no full
/// stop, text with no punctuation) are cut into pieces at word boundaries.
pub const MAX_SENTENCE_CHARS: usize = 3000;
/// Most dated statements taken from one sentence (the first ones); each becomes a mention.
pub const MAX_MENTIONS_PER_SENTENCE: usize = 16;
/// Most dated statements taken from one article (the first ones, in text order), which also
/// bounds the events an article contributes.
pub const MAX_MENTIONS_PER_ARTICLE: usize = 1000;
/// Longest quote, in characters: a longer sentence is quoted around its date, cut at word
/// boundaries, with [`ELLIPSIS`] where text was left out.
pub const MAX_QUOTE_CHARS: usize = 1500;
/// Marks a cut in a quote: ` …` at its end, `… ` at its start. The citation's `start`/`end`
/// cover only the verbatim part, so highlighting on the source page stays exact.
pub(crate) const ELLIPSIS: char = '…';
/// How much text on each side of a date the usability checks look at, in characters (they
/// need the few words around it; the cap keeps a sentence of many dates linear).
pub(crate) const CONTEXT_CHARS: usize = 200;

/// Cuts `span` (over `chars`) into pieces of at most `max` characters, each ending after
/// whitespace where there is some (so words stay whole) and trimmed of surrounding whitespace.
pub(crate) fn split_long(chars: &[char], span: Span, max: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while start < span.end {
        while start < span.end && chars[start].is_whitespace() {
            start += 1;
        }
        if start >= span.end {
            break;
        }
        let mut end = (start + max).min(span.end);
        if end < span.end {
            // Prefer a clause break, then any space, in the second half of the piece.
            let half = start + max / 2;
            let at = |pred: &dyn Fn(usize) -> bool| (half..end).rev().find(|&i| pred(i));
            let clause =
                at(&|i| i > 0 && chars[i].is_whitespace() && matches!(chars[i - 1], ',' | ';'));
            if let Some(i) = clause.or_else(|| at(&|i| chars[i].is_whitespace())) {
                end = i;
            }
        }
        let mut e = end;
        while e > start && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        out.push(Span { start, end: e });
        start = end;
    }
    out
}

/// The part of a sentence (`chars`, relative offsets) quoted for a date at `time`: the whole
/// sentence when it is at most `max` characters, else at most `max` characters around the
/// date, cut at word boundaries. Returns the verbatim span and whether text was cut before and
/// after it.
pub(crate) fn quote_window(chars: &[char], time: Span, max: usize) -> (Span, bool, bool) {
    let n = chars.len();
    if n <= max {
        return (Span { start: 0, end: n }, false, false);
    }
    // Start at the sentence's start when the date fits in its first part; else a third of
    // the window before the date.
    let mut a = if time.end + max / 4 <= max {
        0
    } else {
        time.start.saturating_sub(max / 3).min(n - max)
    };
    if a > 0 {
        // Move forward to the start of a word.
        let word = (a..time.start.max(a)).find(|&i| chars[i - 1].is_whitespace());
        a = word.unwrap_or(a);
    }
    let mut b = (a + max).min(n);
    if b < n {
        // Move back to the end of a word, keeping the date.
        let keep = time.end.clamp(a, b);
        if let Some(i) = (keep..b).rev().find(|&i| chars[i].is_whitespace()) {
            b = i;
        }
    }
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (Span { start: a, end: b }, a > 0, b < n)
}

/// The quote text for a window: the verbatim characters with [`ELLIPSIS`] at the cuts.
pub(crate) fn quote_text(chars: &[char], w: Span, cut_before: bool, cut_after: bool) -> String {
    let mut q = String::new();
    if cut_before {
        q.push(ELLIPSIS);
        q.push(' ');
    }
    q.extend(&chars[w.start..w.end]);
    if cut_after {
        q.push(' ');
        q.push(ELLIPSIS);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn long_runs_are_cut_at_word_boundaries_within_the_cap() {
        let c = chars(&"le 2 janvier 2020, ".repeat(400));
        let pieces = split_long(
            &c,
            Span {
                start: 0,
                end: c.len(),
            },
            300,
        );
        assert!(pieces.len() >= c.len() / 300);
        let mut last = 0;
        for p in &pieces {
            assert!(p.end - p.start <= 300 && p.start >= last);
            last = p.end;
            let s: String = c[p.start..p.end].iter().collect();
            assert!(s.starts_with("le ") && s.ends_with(','), "{s:?}");
        }
    }

    #[test]
    fn a_long_quote_keeps_its_date_and_whole_words() {
        let text = format!(
            "{}a attaqué le 2 janvier 2020 {}",
            "mot ".repeat(500),
            "fin ".repeat(500)
        );
        let c = chars(&text);
        let at = text.find("le 2 janvier").unwrap();
        let time = Span {
            start: at,
            end: at + "le 2 janvier 2020".len(),
        };
        let (w, before, after) = quote_window(&c, time, 100);
        assert!(before && after);
        assert!(w.end - w.start <= 100 && w.start <= time.start && time.end <= w.end);
        let q = quote_text(&c, w, before, after);
        assert!(q.starts_with("… mot ") && q.ends_with(" fin …"), "{q}");
        // Short sentences are quoted whole.
        let c = chars("Il est venu mardi.");
        assert_eq!(
            quote_window(&c, Span { start: 11, end: 16 }, 100),
            (Span { start: 0, end: 18 }, false, false)
        );
    }
}
