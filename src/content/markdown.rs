//! Markdown to plain text blocks (pulldown-cmark); raw HTML is dropped, never passed on.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind};

/// Plain text extracted from Markdown.
pub struct Extracted {
    /// Blocks joined by blank lines.
    pub body: String,
    /// Block spans in characters.
    pub blocks: Vec<Block>,
    /// Text of the first heading, as a fallback title.
    pub first_heading: Option<String>,
}

/// Extracts paragraphs, headings, list items, quotes and table cells as plain text blocks.
pub fn extract(md: &str) -> Extracted {
    let mut body = String::new();
    let mut chars = 0usize;
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut first_heading = None;
    let flush = |current: &mut String,
                 kind: BlockKind,
                 body: &mut String,
                 chars: &mut usize,
                 blocks: &mut Vec<Block>,
                 first_heading: &mut Option<String>| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        current.clear();
        if text.is_empty() {
            return;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
            *chars += 2;
        }
        let n = text.chars().count();
        blocks.push(Block {
            start: *chars,
            end: *chars + n,
            kind,
        });
        if kind == BlockKind::Heading && first_heading.is_none() {
            *first_heading = Some(text.clone());
        }
        body.push_str(&text);
        *chars += n;
    };
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                flush(
                    &mut current,
                    kind,
                    &mut body,
                    &mut chars,
                    &mut blocks,
                    &mut first_heading,
                );
                kind = BlockKind::Heading;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::CodeBlock(_)) => {
                flush(
                    &mut current,
                    kind,
                    &mut body,
                    &mut chars,
                    &mut blocks,
                    &mut first_heading,
                );
                kind = BlockKind::Paragraph;
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => {
                flush(
                    &mut current,
                    kind,
                    &mut body,
                    &mut chars,
                    &mut blocks,
                    &mut first_heading,
                );
                kind = BlockKind::Paragraph;
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            // Raw HTML in an article is not text: drop it rather than risk passing markup on.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    flush(
        &mut current,
        kind,
        &mut body,
        &mut chars,
        &mut blocks,
        &mut first_heading,
    );
    Extracted {
        body,
        blocks,
        first_heading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_never_reaches_the_body() {
        let e = extract("Hello <script>alert(1)</script> world\n\n<div onclick=x>hi</div>\n");
        assert!(!e.body.contains("<script"), "{}", e.body);
        assert!(!e.body.contains("onclick"), "{}", e.body);
    }

    #[test]
    fn blocks_cover_their_text() {
        let e = extract("# Titre\n\nUn paragraphe\nsur deux lignes.\n\n- un\n- deux\n");
        let texts: Vec<String> = e
            .blocks
            .iter()
            .map(|b| e.body.chars().skip(b.start).take(b.end - b.start).collect())
            .collect();
        assert_eq!(
            texts,
            ["Titre", "Un paragraphe sur deux lignes.", "un", "deux"]
        );
    }
}
