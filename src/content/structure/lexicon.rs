//! Per-language structure lexicons (`[structure]` in `src/lang/<code>/text.toml`), parsed once
//! and normalised with [`key`] so that cues match folded, digit-masked text.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lang::{self, File, Lang};
use crate::text::fold;

/// The words the classifier needs for one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureLexicon {
    /// Function words, for stopword density.
    pub stopwords: HashSet<String>,
    /// Openers of lines that point to other pages.
    pub link_cues: Vec<String>,
    /// Words of share, subscribe, account and advertising widgets.
    pub widget_cues: Vec<String>,
    /// Words of a rights notice or credit, furniture wherever they stand (like `©`).
    pub credit_marks: Vec<String>,
    /// Openers of bylines and credits.
    pub byline_openers: Vec<String>,
    /// Small words allowed between the names of a credit line.
    pub name_joiners: HashSet<String>,
    /// Openers of metadata lines.
    pub metadata_openers: Vec<String>,
    /// Lines that open a comment section.
    pub comment_markers: Vec<String>,
    /// Words that follow a pseudonym at the head of a reader's post.
    pub comment_words: HashSet<String>,
}

impl StructureLexicon {
    fn parse(lang: Lang) -> StructureLexicon {
        #[derive(Deserialize)]
        struct Rules {
            structure: StructureLexicon,
        }
        // Compiled in and loaded for every language by the tests below: see `crate::lang`.
        let raw = lang::parse::<Rules>(lang, File::Text).structure;
        let keys = |v: Vec<String>| v.iter().map(|w| key(w)).filter(|w| !w.is_empty()).collect();
        StructureLexicon {
            stopwords: raw.stopwords.iter().map(|w| fold(w)).collect(),
            link_cues: keys(raw.link_cues),
            widget_cues: keys(raw.widget_cues),
            credit_marks: keys(raw.credit_marks),
            byline_openers: keys(raw.byline_openers),
            name_joiners: raw.name_joiners.iter().map(|w| key(w)).collect(),
            metadata_openers: keys(raw.metadata_openers),
            comment_markers: keys(raw.comment_markers),
            comment_words: raw.comment_words.iter().map(|w| key(w)).collect(),
        }
    }
}

/// The lexicon of a language.
pub fn get(lang: Lang) -> &'static StructureLexicon {
    static LEXICONS: [OnceLock<StructureLexicon>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    LEXICONS[lang as usize].get_or_init(|| StructureLexicon::parse(lang))
}

/// Matching form of a line or a cue: folded, every run of digits as `#`, `:` as a word of its
/// own, other punctuation as spaces, single spaces. `» À lire aussi :` → `a lire aussi :`.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in fold(s).chars() {
        let piece = if c.is_ascii_digit() || c == '#' || (c.is_numeric() && !c.is_alphabetic()) {
            if out.ends_with('#') {
                continue;
            }
            '#'
        } else if c.is_alphanumeric() || c == '\'' || c == '_' || c == '-' && !space {
            c
        } else if c == ':' {
            if !space {
                out.push(' ');
            }
            out.push(':');
            space = false;
            continue;
        } else {
            ' '
        };
        if piece == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            if out.ends_with(':') {
                out.push(' ');
            }
            out.push(piece);
            space = false;
        }
    }
    let t = out.trim_end_matches([' ', '-']);
    t.to_string()
}

/// Does `k` (a [`key`]) start with the cue, as whole words?
pub fn opens_with(k: &str, cue: &str) -> bool {
    k.strip_prefix(cue)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Does `k` (a [`key`]) contain the cue, as whole words?
pub fn contains(k: &str, cue: &str) -> bool {
    let mut from = 0;
    while let Some(i) = k[from..].find(cue) {
        let at = from + i;
        let before = at == 0 || k[..at].ends_with(' ');
        let end = at + cue.len();
        let after = end == k.len() || k[end..].starts_with(' ');
        if before && after {
            return true;
        }
        from = at + cue.len().max(1);
        while from < k.len() && !k.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses_and_is_not_empty() {
        for &lang in Lang::ALL {
            let l = get(lang);
            assert!(l.stopwords.len() > 150, "{lang:?}");
            assert!(!l.link_cues.is_empty() && !l.comment_markers.is_empty());
        }
    }

    #[test]
    fn keys_fold_mask_digits_and_keep_colons() {
        assert_eq!(key("» À lire aussi : la suite"), "a lire aussi : la suite");
        assert_eq!(key("-->Lire sur le même thème"), "lire sur le meme theme");
        assert_eq!(key("128 commentaires"), "# commentaires");
        assert_eq!(key("le 12/03/2011 à 14:02"), "le # # # a # : #");
        assert!(opens_with("lire aussi : x", "lire aussi"));
        assert!(!opens_with("lire aussitot", "lire aussi"));
        assert!(contains("il faut partager sur le site", "partager sur"));
        assert!(!contains("departager", "partager"));
    }
}
