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
        // A scraped page pasted as Markdown keeps one paragraph, menu item or headline per
        // line: those lines are blocks of their own. Hand-wrapped prose stays one block.
        let lines: Vec<String> = current
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        current.clear();
        if kind == BlockKind::Paragraph && lines.len() > 1 && !hard_wrapped(&lines) {
            // A line that goes on in lower case continues the line before it.
            let mut joined: Vec<String> = Vec::new();
            for line in lines {
                match joined.last_mut() {
                    Some(prev) if line.chars().next().is_some_and(char::is_lowercase) => {
                        prev.push(' ');
                        prev.push_str(&line);
                    }
                    _ => joined.push(line),
                }
            }
            for line in joined {
                push_block(line, kind, body, chars, blocks);
            }
            return;
        }
        let text = lines.join(" ");
        if text.is_empty() {
            return;
        }
        if kind == BlockKind::Heading && first_heading.is_none() {
            *first_heading = Some(text.clone());
        }
        push_block(text, kind, body, chars, blocks);
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
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
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

/// Longest line of hand-wrapped prose, in characters: editors wrap at 72 to 100.
const MAX_WRAP_WIDTH: usize = 100;
/// Shortest line, other than the last, of hand-wrapped prose.
const MIN_WRAPPED_LINE: usize = 40;

/// Are these the lines of one paragraph wrapped by hand (all about as long, none longer than
/// a wrap width), rather than one paragraph or item per line?
fn hard_wrapped(lines: &[String]) -> bool {
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    max <= MAX_WRAP_WIDTH
        && lens[..lens.len() - 1]
            .iter()
            .all(|&n| n >= MIN_WRAPPED_LINE && n * 2 >= max)
}

/// Appends one block to the body, two newlines after the previous one.
fn push_block(
    text: String,
    kind: BlockKind,
    body: &mut String,
    chars: &mut usize,
    blocks: &mut Vec<Block>,
) {
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
    body.push_str(&text);
    *chars += n;
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

    #[test]
    fn a_scraped_page_keeps_one_block_per_line_and_wrapped_prose_stays_whole() {
        let wrapped = "Les habitants ont quitté la ville dans la nuit de lundi,\nselon un témoin joint par téléphone mardi matin.\n";
        assert_eq!(extract(wrapped).blocks.len(), 1);
        let page = "Accueil\nMonde\nLes habitants ont quitté la ville dans la nuit de lundi à mardi, selon un témoin joint par téléphone mardi matin par la presse.\nLire aussi : le port rouvre\n";
        let e = extract(page);
        let texts: Vec<String> = e
            .blocks
            .iter()
            .map(|b| e.body.chars().skip(b.start).take(b.end - b.start).collect())
            .collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(texts[3], "Lire aussi : le port rouvre");
    }
}
