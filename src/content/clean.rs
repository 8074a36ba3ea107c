//! Boilerplate detection: marks bylines, photo credits, widgets, repeated titles and subheads so
//! that they are shown on source pages but never become events.

use super::{Article, BlockKind};
use crate::text::{fold, tokens};

/// Re-classifies the blocks of a freshly loaded article.
pub fn classify(article: &mut Article) {
    let lex = crate::events::lexicon::get(article.lang);
    let title = fold(article.title.trim());
    let idx = crate::text::CharIndex::new(&article.body);
    for i in 0..article.blocks.len() {
        let b = article.blocks[i];
        if b.kind != BlockKind::Paragraph {
            continue;
        }
        let text = &article.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
        article.blocks[i].kind = kind_of(text, &title, &lex.boilerplate);
    }
}

/// What a paragraph block really is.
fn kind_of(text: &str, folded_title: &str, cues: &[String]) -> BlockKind {
    let t = text.trim();
    let folded = fold(t);
    if !folded_title.is_empty() && folded == folded_title {
        return BlockKind::Title;
    }
    let words = tokens(t);
    let n = words.len();
    if n < 40 && cues.iter().any(|c| folded.contains(c.as_str())) {
        return BlockKind::Boilerplate;
    }
    let last = t
        .trim_end_matches(['»', '”', '"', ')', ' ', '\u{a0}'])
        .chars()
        .last();
    let ends_sentence = matches!(last, Some('.' | '!' | '?' | '…' | ':'));
    let all_capitalised = words
        .iter()
        .all(|w| w.is_capitalised() || w.text.chars().all(|c| c.is_ascii_digit()));
    // A name or an outlet alone on a line ("Agences", "Jean Dupont", "International.").
    if n <= 4 && all_capitalised && t.chars().count() <= 40 {
        return BlockKind::Boilerplate;
    }
    if !ends_sentence {
        // A photo caption with its credit ("Le président, X Y - AFP").
        if let Some((_, credit)) = t.rsplit_once([' ', '\u{a0}'])
            && let Some(rest) = t.strip_suffix(credit)
            && rest.trim_end().ends_with(['-', '–', '/', '©'])
            && credit.chars().count() <= 20
        {
            return BlockKind::Boilerplate;
        }
        if n <= 16 {
            return BlockKind::Heading;
        }
    }
    BlockKind::Paragraph
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{LoadOptions, load_bytes};
    use crate::time::Lang;

    fn kinds(text: &str) -> Vec<(String, BlockKind)> {
        let opts = LoadOptions {
            default_lang: Lang::Fr,
            drafts: false,
        };
        let a = load_bytes("content/a.txt", text.as_bytes(), opts)
            .unwrap()
            .unwrap();
        a.blocks
            .iter()
            .map(|b| (a.block_text(b).to_string(), b.kind))
            .collect()
    }

    #[test]
    fn widgets_bylines_subheads_and_repeated_titles_are_not_paragraphs() {
        let k = kinds(
            "Un titre ici\n\nInternational.\n\nUn titre ici\nLe président, Jean Dupont - X\n\nLe texte commence ici, mardi, avec une phrase.\n\nManifestations dans la capitale\n\nJean Dupont\n\nNewsletter\nRéagir à cet article\nLa météo locale\n",
        );
        let kind = |s: &str| k.iter().find(|(t, _)| t == s).unwrap().1;
        assert_eq!(kind("International."), BlockKind::Boilerplate);
        assert_eq!(k[2].1, BlockKind::Title);
        assert_eq!(
            kind("Le président, Jean Dupont - X"),
            BlockKind::Boilerplate
        );
        assert_eq!(
            kind("Le texte commence ici, mardi, avec une phrase."),
            BlockKind::Paragraph
        );
        assert_eq!(kind("Manifestations dans la capitale"), BlockKind::Heading);
        assert_eq!(kind("Jean Dupont"), BlockKind::Boilerplate);
        assert_eq!(kind("Newsletter"), BlockKind::Boilerplate);
        assert_eq!(kind("Réagir à cet article"), BlockKind::Boilerplate);
        assert_eq!(kind("La météo locale"), BlockKind::Boilerplate);
    }
}
