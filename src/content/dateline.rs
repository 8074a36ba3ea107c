//! Metadata lines of scraped pages ("Publié le 12 mars 2031 à 14h32 - Mis à jour le …",
//! "Updated 18:00 UK time, Saturday, 25 April 2009"): they give the article's publication date
//! when the front matter has none, and they are page furniture, never cited.
//!
//! A line is a metadata line when a cue word of the language data (`[dateline]` in `src/lang/<code>/text.toml`)
//! comes early in a short line and is followed closely by a full date that the temporal tagger
//! reads; the cue words are data, the date grammar is the tagger's.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Article, Block, BlockKind, PartialDate};
use crate::lang::{self, File, Lang};
use crate::text::fold_into;
use crate::time::{self, Reference};

/// Lines looked at from the top of the body (scraped pages put menus before the article).
pub const HEAD_LINES: usize = 60;
/// Lines looked at from the bottom ("Mis à jour le …" footers).
pub const TAIL_LINES: usize = 15;
/// A longer line is running text, not a metadata line.
pub const MAX_LINE_CHARS: usize = 300;
/// Words allowed before the first cue (an outlet or a byline: "La Gazette avec AFP Publié le").
const MAX_PREFIX_WORDS: usize = 8;
/// Words allowed after the last date of the line ("UK time").
const MAX_TRAILING_WORDS: usize = 4;
/// How far after its cue, in characters, a date may start.
const CUE_REACH: usize = 40;

/// What a metadata line said, kept on the article for the contradiction check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The publication date it gives.
    pub date: PartialDate,
    /// The line, trimmed.
    pub line: String,
}

#[derive(Deserialize)]
struct Cues {
    published: Vec<String>,
    updated: Vec<String>,
}

fn cues(lang: Lang) -> &'static Cues {
    #[derive(Deserialize)]
    struct Rules {
        dateline: Cues,
    }
    static CUES: [OnceLock<Cues>; Lang::ALL.len()] = [const { OnceLock::new() }; Lang::ALL.len()];
    // Compiled in and loaded for every language by the tests below: see `crate::lang`.
    CUES[lang as usize].get_or_init(|| lang::parse::<Rules>(lang, File::Text).dateline)
}

/// A date or time of a line: start and end in characters, the day (without its time) and the
/// time of day.
type Moment = (usize, usize, Option<PartialDate>, Option<(u32, u32)>);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Cue {
    Published,
    Updated,
}

/// The publication date a metadata line gives, and whether a "published" cue gave it (rather
/// than an "updated" one); `None` when the line is not a metadata line.
pub fn parse_line(line: &str, lang: Lang) -> Option<(PartialDate, bool)> {
    let line = line.trim();
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() || chars.len() > MAX_LINE_CHARS {
        return None;
    }
    let found = find_cues(&chars, cues(lang));
    let first = found.first()?;
    let tagged = time::tag_in(line, lang, &Reference::Unknown);
    // Words before the first cue, leaving out dates and dashes ("Jean Dupont — 7 mai 2015 à
    // 11h20 — mis à jour …").
    let in_date = |i: usize| tagged.iter().any(|t| t.start <= i && i < t.end);
    let mut prefix_words = 0;
    let mut in_word = false;
    for (i, c) in chars[..first.0].iter().enumerate() {
        let word_char = !c.is_whitespace();
        if word_char && !in_word {
            let word_has_text = chars[i..first.0]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .any(|c| c.is_alphanumeric());
            if word_has_text && !in_date(i) {
                prefix_words += 1;
            }
        }
        in_word = word_char;
    }
    if prefix_words > MAX_PREFIX_WORDS {
        return None;
    }
    // After words of its own, a line ending like a sentence is a sentence ("Le rapport a été
    // publié le 3 mars 2011."), not page furniture.
    if prefix_words > 0 && line.ends_with(['.', '!', '?']) {
        return None;
    }
    let moments: Vec<Moment> = tagged
        .iter()
        .map(|t| {
            let date = PartialDate::parse(&t.value).filter(|d| d.day.is_some());
            let time = date.and_then(|d| d.time).or_else(|| clock(&t.value));
            (
                t.start,
                t.end,
                date.map(|d| PartialDate { time: None, ..d }),
                time,
            )
        })
        .collect();
    let last_end = moments
        .iter()
        .filter(|m| m.2.is_some())
        .map(|m| m.1)
        .max()?;
    let trailing: String = chars[last_end.min(chars.len())..].iter().collect();
    if trailing.split_whitespace().count() > MAX_TRAILING_WORDS {
        return None;
    }
    // The segment of each moment: the last cue before it, or none (the line's lead).
    let segment = |at: usize| found.iter().rposition(|c| c.0 <= at);
    let date_in = |seg: Option<usize>| -> Option<PartialDate> {
        let in_seg: Vec<_> = moments.iter().filter(|m| segment(m.0) == seg).collect();
        let d = in_seg.iter().find(|m| m.2.is_some())?;
        if let Some(k) = seg
            && d.0 > found[k].1 + CUE_REACH
        {
            return None;
        }
        // Its own time, else a time alone in the segment ("Updated 18:00 UK time, Saturday,
        // 25 April 2009"). Midnight is how content systems write "no time".
        let time =
            d.3.or_else(|| {
                in_seg
                    .iter()
                    .filter(|m| m.2.is_none() || m.2 == d.2)
                    .find_map(|m| m.3)
            })
            .filter(|t| *t != (0, 0));
        Some(PartialDate { time, ..d.2? })
    };
    let published = (0..found.len())
        .filter(|&k| found[k].2 == Cue::Published)
        .find_map(|k| date_in(Some(k)));
    if let Some(d) = published {
        return Some((d, true));
    }
    // "— 3 juin 2031 à 0h00 — mis à jour le …": the date before an update cue is the
    // publication date.
    if found.iter().any(|c| c.2 == Cue::Updated)
        && let Some(d) = date_in(None)
    {
        return Some((d, true));
    }
    (0..found.len()).find_map(|k| date_in(Some(k)).map(|d| (d, false)))
}

/// `XXXX-XX-XXT18:00` → (18, 0).
fn clock(value: &str) -> Option<(u32, u32)> {
    let (_, t) = value.split_once('T')?;
    let h: u32 = t.get(..2)?.parse().ok()?;
    let m: u32 = t.get(3..5)?.parse().ok()?;
    (h < 24 && m < 60).then_some((h, m))
}

/// Cues of the line as (start, end, kind) in characters, in order, longest first where two
/// overlap; a cue is a whole phrase (not part of a longer word).
fn find_cues(chars: &[char], cues: &Cues) -> Vec<(usize, usize, Cue)> {
    // The folded line, with the original character each folded one comes from.
    let mut folded: Vec<char> = Vec::with_capacity(chars.len());
    let mut from: Vec<usize> = Vec::with_capacity(chars.len());
    let mut one = String::new();
    for (i, c) in chars.iter().enumerate() {
        one.clear();
        fold_into(c.encode_utf8(&mut [0; 4]), &mut one);
        for f in one.chars() {
            folded.push(f);
            from.push(i);
        }
    }
    let mut all: Vec<(&str, Cue)> = cues
        .published
        .iter()
        .map(|c| (c.as_str(), Cue::Published))
        .chain(cues.updated.iter().map(|c| (c.as_str(), Cue::Updated)))
        .collect();
    all.sort_by_key(|c| std::cmp::Reverse(c.0.chars().count()));
    let mut taken = vec![false; folded.len()];
    let mut out = Vec::new();
    for (cue, kind) in all {
        let pat: Vec<char> = cue.chars().collect();
        if pat.is_empty() || pat.len() > folded.len() {
            continue;
        }
        for s in 0..=folded.len() - pat.len() {
            if folded[s] != pat[0] {
                continue;
            }
            let e = s + pat.len();
            let bounded = (s == 0 || !folded[s - 1].is_alphanumeric())
                && folded.get(e).is_none_or(|c| !c.is_alphanumeric());
            if bounded && folded[s..e] == pat[..] && !taken[s..e].iter().any(|t| *t) {
                taken[s..e].iter_mut().for_each(|t| *t = true);
                out.push((from[s], from[e - 1] + 1, kind));
            }
        }
    }
    out.sort();
    out
}

/// Reads the metadata lines of `raw` (the article's text as written, lines intact), marks them
/// as [`BlockKind::Boilerplate`] in the article, and gives the article their date when it has
/// none. The date found is kept in [`Article::dateline`] either way.
pub fn apply(article: &mut Article, raw: &str) {
    let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
    let n = lines.len();
    let mut found: Vec<(&str, PartialDate, bool)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i >= HEAD_LINES && i + TAIL_LINES < n {
            continue;
        }
        if let Some((d, published)) = parse_line(line, article.lang) {
            found.push((line.trim(), d, published));
        }
    }
    for (line, _, _) in &found {
        mark(article, line);
    }
    let Some(&(line, date, _)) = found.iter().find(|f| f.2).or(found.first()) else {
        return;
    };
    if article.date.is_none() {
        article.date = Some(date);
        article.date_basis = crate::timeline::DateBasis::Header;
    }
    article.dateline = Some(Dateline {
        date,
        line: line.to_string(),
    });
}

/// Marks the body text of `line` as boilerplate: the block that is that line, or that part of
/// a block that holds more (Markdown joins consecutive lines into one paragraph).
fn mark(article: &mut Article, line: &str) {
    let norm = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(byte) = article
        .body
        .find(&norm)
        .or_else(|| article.body.find(line.trim()))
    else {
        return;
    };
    let start = article.body[..byte].chars().count();
    let end = start + norm.chars().count();
    let Some(k) = article
        .blocks
        .iter()
        .position(|b| b.start <= start && end <= b.end)
    else {
        return;
    };
    let b = article.blocks[k];
    let chars: Vec<char> = article.body.chars().collect();
    // A part of the block, without the spaces at its ends; `None` when only spaces.
    let part = |s: usize, e: usize, kind: BlockKind| {
        crate::text::trim(&chars, s, e).map(|t| Block {
            start: t.start,
            end: t.end,
            kind,
        })
    };
    let parts: Vec<Block> = [
        part(b.start, start, b.kind),
        part(start, end, BlockKind::Boilerplate),
        part(end, b.end, b.kind),
    ]
    .into_iter()
    .flatten()
    .collect();
    article.blocks.splice(k..=k, parts);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> Option<String> {
        parse_line(s, Lang::Fr).map(|(d, _)| d.value().to_string())
    }
    fn en(s: &str) -> Option<String> {
        parse_line(s, Lang::En).map(|(d, _)| d.value().to_string())
    }

    #[test]
    fn the_published_date_with_its_time_not_the_updated_one() {
        assert_eq!(
            fr("Publié le 3 avril 2019 à 09h12 - Mis à jour le 4 avril 2019 à 18h40").as_deref(),
            Some("2019-04-03T09:12")
        );
        assert_eq!(
            fr("La Gazette avec AFP Publié le 12/06/2018 à 17:05").as_deref(),
            Some("2018-06-12T17:05")
        );
        assert_eq!(
            fr("Jean Dupont    — 7 mai 2015 à 11h20 — mis à jour le 2 février 2021 à 10h00")
                .as_deref(),
            Some("2015-05-07T11:20")
        );
        // Midnight is how a content system writes "no time".
        assert_eq!(
            fr("Publié le 05/10/17 à 00h00").as_deref(),
            Some("2017-10-05")
        );
    }

    #[test]
    fn english_shapes() {
        assert_eq!(
            en("Updated 07:45 UK time, Tuesday, 9 June 2015").as_deref(),
            Some("2015-06-09T07:45")
        );
        assert_eq!(
            en("Published: 3 February 2022").as_deref(),
            Some("2022-02-03")
        );
        assert_eq!(
            en("By Ann Smith, published on October 2, 2020 at 4:10 pm").as_deref(),
            Some("2020-10-02T16:10")
        );
    }

    #[test]
    fn sentences_and_lines_without_a_cue_are_not_metadata() {
        assert_eq!(fr("Le rapport a été publié le 3 mars 2011."), None);
        assert_eq!(
            fr(
                "Le gouvernement a publié le 3 mars 2011 un décret qui interdit les rassemblements dans la capitale"
            ),
            None
        );
        assert_eq!(fr("Le 3 mars 2011 à 14h, la foule s'est rassemblée."), None);
        assert_eq!(fr("Publié dans la rubrique International"), None);
        assert_eq!(en("The report was updated"), None);
    }

    #[test]
    fn cue_files_parse() {
        for &lang in Lang::ALL {
            let c = cues(lang);
            assert!(!c.published.is_empty() && !c.updated.is_empty());
            for w in c.published.iter().chain(&c.updated) {
                assert_eq!(&crate::text::fold(w), w, "cue words are written folded");
            }
        }
    }
}
