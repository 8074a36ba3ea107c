//! Tokenizer: splits text into words, digit runs and single punctuation marks, with character
//! offsets and a case- and accent-folded form used for lexicon look-ups.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters.
    Word,
    /// ASCII digits.
    Num,
    /// One other visible character.
    Punct,
}

/// One token, with its offsets in characters and bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub bstart: usize,
    pub bend: usize,
    nstart: u32,
    nend: u32,
    /// Whitespace separates it from the previous token.
    pub space_before: bool,
    /// A line break separates it from the previous token.
    pub newline_before: bool,
    /// Starts with an upper-case letter.
    pub upper: bool,
}

/// The tokens of a text and their folded forms.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub toks: Vec<Token>,
    norm: String,
}

impl Tokens {
    /// Folded form of token `i` (lower case, no accents; apostrophes and dashes unified).
    pub fn norm(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.norm[t.nstart as usize..t.nend as usize],
            None => "",
        }
    }

    /// Whether folding took accents off token `i` (`à` rather than `a`): the two are different
    /// words in some languages (French `il a 5 ans`, `à 5 ans`), whatever the lexicon's folding.
    pub fn accented(&self, i: usize) -> bool {
        // An accented letter takes two bytes and folds to one ASCII letter; plain ASCII words,
        // and scripts that folding only lower-cases, keep their length.
        self.toks
            .get(i)
            .is_some_and(|t| t.bend - t.bstart != (t.nend - t.nstart) as usize)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }
}

/// Appends the folded form of `c` to `out`: lower case without diacritics, so that `Été`,
/// `été` and `ete` look the same to the lexicon.
pub(crate) fn fold_char(c: char, out: &mut String) {
    let f = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        '’' | 'ʼ' | '‘' | '`' | '´' => '\'',
        '‐' | '‑' | '‒' | '–' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(f);
}

fn class(c: char) -> Option<Kind> {
    if c.is_ascii_digit() {
        Some(Kind::Num)
    } else if c.is_alphabetic() {
        Some(Kind::Word)
    } else if c.is_whitespace() || c.is_control() || c == '\u{ad}' {
        None
    } else {
        Some(Kind::Punct)
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 4);
    let mut norm = String::with_capacity(text.len());
    let mut space = false;
    let mut newline = false;
    let mut cur: Option<Token> = None;
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        let k = class(c);
        if let Some(t) = cur.as_mut() {
            if Some(t.kind) == k && t.kind != Kind::Punct {
                fold_char(c, &mut norm);
                t.end = ci + 1;
                t.bend = bi + c.len_utf8();
                t.nend = norm.len() as u32;
                continue;
            }
            toks.push(*t);
            cur = None;
        }
        match k {
            None => {
                space = true;
                if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                    newline = true;
                }
            }
            Some(kind) => {
                let nstart = norm.len() as u32;
                fold_char(c, &mut norm);
                cur = Some(Token {
                    kind,
                    start: ci,
                    end: ci + 1,
                    bstart: bi,
                    bend: bi + c.len_utf8(),
                    nstart,
                    nend: norm.len() as u32,
                    space_before: space,
                    newline_before: newline,
                    upper: c.is_uppercase(),
                });
                space = false;
                newline = false;
            }
        }
    }
    if let Some(t) = cur {
        toks.push(t);
    }
    Tokens { toks, norm }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_from_letters_and_folds_accents() {
        let t = tokenize("Le 1er Août, 11h30 — aujourd’hui");
        let n: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        assert_eq!(
            n,
            [
                "le", "1", "er", "aout", ",", "11", "h", "30", "—", "aujourd", "'", "hui"
            ]
        );
        assert!(!t.toks[2].space_before);
        assert_eq!(t.toks[3].start, 7);
        assert!(t.toks[3].upper);
        assert!(t.accented(3) && !t.accented(0) && !t.accented(1));
        let t = tokenize("il a 5 ans, à 5 ans");
        assert!(!t.accented(1) && t.accented(5));
    }
}
