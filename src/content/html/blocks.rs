//! The extracted main text of a page, as plain-text blocks with character offsets: one block
//! per paragraph, heading, list item, quote, cell or line (`<br>`), as a scraper would write
//! them. Links are kept as their text; markup, scripts and form controls never reach it.

use dom_query::NodeRef;

use crate::content::{Block, BlockKind};

/// Elements whose content is not text of the article.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "svg", "math", "canvas", "video", "audio", "picture", "source", "track", "map", "button",
    "select", "option", "optgroup", "datalist", "textarea", "input", "label", "output", "head",
    "title", "meta", "link", "base",
];

/// Elements that start and end a block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "fieldset",
    "legend",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "address",
    "details",
    "summary",
    "center",
    "hgroup",
    "body",
    "html",
];

/// Plain text from HTML.
#[derive(Debug, Default)]
pub(crate) struct Text {
    /// Blocks joined by blank lines.
    pub body: String,
    /// Block spans in characters.
    pub blocks: Vec<Block>,
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    /// Leaving an element: whether it is a block, a heading, a `pre`.
    Leave {
        block: bool,
        heading: bool,
        pre: bool,
    },
}

/// The text under `root`, walked without recursion (a page may nest thousands deep).
pub(crate) fn text_of(root: &NodeRef<'_>) -> Text {
    let mut out = Text::default();
    let mut chars = 0usize;
    let mut current = String::new();
    let mut headings = 0usize;
    let mut pre = 0usize;
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(n) => {
                if n.is_text() {
                    let t = n.text();
                    if pre > 0 && t.contains('\n') {
                        for (i, line) in t.split('\n').enumerate() {
                            if i > 0 {
                                flush(&mut current, headings > 0, &mut out, &mut chars);
                            }
                            current.push_str(line);
                        }
                    } else {
                        current.push_str(&t);
                    }
                    continue;
                }
                if !(n.is_element() || n.is_document() || n.is_fragment()) {
                    continue;
                }
                let name = n
                    .node_name()
                    .map(|s| s.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIPPED.contains(&name.as_str()) {
                    continue;
                }
                if name == "br" || name == "hr" {
                    flush(&mut current, headings > 0, &mut out, &mut chars);
                    continue;
                }
                let block = BLOCK.contains(&name.as_str());
                let heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                if block {
                    flush(&mut current, headings > 0, &mut out, &mut chars);
                }
                headings += usize::from(heading);
                let is_pre = name == "pre";
                pre += usize::from(is_pre);
                stack.push(Step::Leave {
                    block,
                    heading,
                    pre: is_pre,
                });
                stack.extend(n.children().into_iter().rev().map(Step::Enter));
            }
            Step::Leave {
                block,
                heading,
                pre: is_pre,
            } => {
                if block {
                    flush(&mut current, headings > 0, &mut out, &mut chars);
                }
                headings -= usize::from(heading);
                pre -= usize::from(is_pre);
            }
        }
    }
    flush(&mut current, headings > 0, &mut out, &mut chars);
    out
}

/// Ends the current block: its whitespace collapsed, appended two newlines after the last.
fn flush(current: &mut String, heading: bool, out: &mut Text, chars: &mut usize) {
    let text = current
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    current.clear();
    if text.is_empty() {
        return;
    }
    if !out.body.is_empty() {
        out.body.push_str("\n\n");
        *chars += 2;
    }
    let n = text.chars().count();
    out.blocks.push(Block {
        start: *chars,
        end: *chars + n,
        kind: if heading {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        },
    });
    out.body.push_str(&text);
    *chars += n;
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn blocks(html: &str) -> Vec<(String, BlockKind)> {
        let doc = Document::from(html);
        let t = text_of(&doc.root());
        t.blocks
            .iter()
            .map(|b| {
                (
                    t.body.chars().skip(b.start).take(b.end - b.start).collect(),
                    b.kind,
                )
            })
            .collect()
    }

    #[test]
    fn paragraphs_headings_items_and_lines_are_blocks_and_links_are_text() {
        let b = blocks(
            "<h2>Sub <em>head</em></h2><p>One <a href='x'>link</a>\n  here, le 1<sup>er</sup> mai.</p>\
             <ul><li>a</li><li>b</li></ul><p>x<br>y</p><div>loose <span>text</span><p>inner</p>tail</div>",
        );
        let texts: Vec<&str> = b.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Sub head",
                "One link here, le 1er mai.",
                "a",
                "b",
                "x",
                "y",
                "loose text",
                "inner",
                "tail"
            ]
        );
        assert_eq!(b[0].1, BlockKind::Heading);
        assert_eq!(b[1].1, BlockKind::Paragraph);
    }

    #[test]
    fn scripts_styles_and_controls_never_reach_the_text() {
        let b = blocks(
            "<p>Kept</p><script>evil()</script><style>p{}</style><form><p>Form text</p><button>Send</button><select><option>Opt</option></select></form><iframe>frame</iframe><noscript>ns</noscript>",
        );
        let all: String = b
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(all, "Kept|Form text");
    }

    #[test]
    fn offsets_are_characters_of_the_body() {
        let doc = Document::from("<p>Été à Noël</p><p>ñandú</p>");
        let t = text_of(&doc.root());
        assert_eq!(t.body, "Été à Noël\n\nñandú");
        assert_eq!((t.blocks[1].start, t.blocks[1].end), (12, 17));
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(super::super::depth::MAX_DEPTH),
            "</div>".repeat(super::super::depth::MAX_DEPTH)
        );
        let b = blocks(&html);
        assert_eq!(b.len(), 1);
    }
}
