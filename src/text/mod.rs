//! Text utilities shared by the pipeline: character offsets, positions for messages,
//! sentence segmentation, folding and stemming.

mod fold;
mod segment;
mod tokens;

pub use fold::{fold, fold_into, stem, wording};
pub use segment::{Span, abbreviations, sentences, trim};
pub use tokens::{Token, tokens};

/// 1-based (line, column) of a byte offset in `src`, columns counted in characters.
pub fn line_col(src: &str, byte_offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, byte_offset.min(src.len()));
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = src[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Maps byte offsets of one string to character (Unicode scalar value) offsets and back.
///
/// Public offsets in Annales (timeline.json, tagger output) are in characters, as in the gold
/// corpora; Rust slices by bytes, so every stage converts through this.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each character, plus the total length at the end.
    starts: Vec<usize>,
    ascii: bool,
}

impl CharIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> CharIndex {
        if s.is_ascii() {
            return CharIndex {
                starts: vec![s.len()],
                ascii: true,
            };
        }
        let mut starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        starts.push(s.len());
        CharIndex {
            starts,
            ascii: false,
        }
    }

    /// Character offset of a byte offset (which must be a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a character offset.
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.starts[0]);
        }
        self.starts[ch.min(self.starts.len() - 1)]
    }

    /// Number of characters.
    pub fn len_chars(&self) -> usize {
        if self.ascii {
            self.starts[0]
        } else {
            self.starts.len() - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = "é\nàb c";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, s.find('c').unwrap()), (2, 4));
    }

    #[test]
    fn char_index_round_trips() {
        let s = "l’accord à 11 h";
        let idx = CharIndex::new(s);
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(idx.char_of(bi), ci);
            assert_eq!(idx.byte_of(ci), bi);
        }
        assert_eq!(idx.len_chars(), s.chars().count());
    }
}
