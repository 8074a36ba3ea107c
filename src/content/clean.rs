//! Block kinds of a freshly loaded article: repeated titles, subheads, and page furniture
//! (bylines, captions, menus, link lines, widgets, comments, what follows the article), which is
//! shown on source pages but never cited or dated. The judging is in [`super::structure`].

use super::structure::features::{Features, Furniture, features};
use super::structure::lexicon;
use super::structure::smooth::{self, Class, Item};
use super::{Article, BlockKind};
use crate::text::fold;

/// Longest subhead, in words: a longer unpunctuated block is a paragraph.
const MAX_HEADING_WORDS: usize = 16;

/// Re-classifies the blocks of a freshly loaded article.
pub fn classify(article: &mut Article) {
    let lex = lexicon::get(article.lang);
    let title = fold(article.title.trim());
    let idx = crate::text::CharIndex::new(&article.body);
    // Titles (and repeats of the title) stay out of the smoothing: they are not text.
    let mut judged: Vec<usize> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for i in 0..article.blocks.len() {
        let b = article.blocks[i];
        let text = &article.body[idx.byte_of(b.start)..idx.byte_of(b.end)];
        if b.kind == BlockKind::Title {
            continue;
        }
        if b.kind == BlockKind::Paragraph && !title.is_empty() && fold(text.trim()) == title {
            article.blocks[i].kind = BlockKind::Title;
            continue;
        }
        let mut f: Features = features(text, lex);
        // A heading marked up by its author ("# Ports") is not a name line.
        if b.kind == BlockKind::Heading && f.furniture == Some(Furniture::Byline) {
            f.furniture = None;
        }
        // Short and unpunctuated: a subhead if its neighbours are text.
        let heading =
            b.kind == BlockKind::Heading || !f.ends_sentence && f.words <= MAX_HEADING_WORDS;
        judged.push(i);
        items.push(Item { f, heading });
    }
    let classes = smooth::classify(&items);
    for ((&i, item), class) in judged.iter().zip(&items).zip(classes) {
        let b = &mut article.blocks[i];
        b.kind = match class {
            Class::Bad => BlockKind::Boilerplate,
            _ if item.heading => BlockKind::Heading,
            _ => BlockKind::Paragraph,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{LoadOptions, load_bytes};
    use crate::lang::Lang;

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
            "Un titre ici\n\nInternational.\n\nUn titre ici\nLe président, Jean Dupont - X\n\nLe texte commence ici, mardi, avec une phrase qui dit ce qui s'est passé dans la ville.\n\nManifestations dans la capitale\n\nLa suite du texte, avec une autre phrase qui raconte la journée de ceux qui ont manifesté.\n\nJean Dupont\n\nNewsletter\nRéagir à cet article\nLa météo locale\n",
        );
        let kind = |s: &str| k.iter().find(|(t, _)| t == s).unwrap().1;
        assert_eq!(kind("International."), BlockKind::Boilerplate);
        assert_eq!(k[2].1, BlockKind::Title);
        assert_eq!(
            kind("Le président, Jean Dupont - X"),
            BlockKind::Boilerplate
        );
        assert_eq!(
            kind(
                "Le texte commence ici, mardi, avec une phrase qui dit ce qui s'est passé dans la ville."
            ),
            BlockKind::Paragraph
        );
        assert_eq!(kind("Manifestations dans la capitale"), BlockKind::Heading);
        assert_eq!(kind("Jean Dupont"), BlockKind::Boilerplate);
        assert_eq!(kind("Newsletter"), BlockKind::Boilerplate);
        assert_eq!(kind("Réagir à cet article"), BlockKind::Boilerplate);
        assert_eq!(kind("La météo locale"), BlockKind::Boilerplate);
    }
}
