//! A bound on how deep a page nests its elements, checked before the page is parsed.
//!
//! An HTML5 tree builder walks its stack of open elements for many tags (whether a `<p>` is in
//! scope, for one), so a page nesting elements tens of thousands deep costs time quadratic in
//! its depth: a 16 MB page of nested `<div>` would never finish. Real pages nest a few dozen
//! levels (browsers themselves flatten beyond 512), so a page deeper than [`MAX_DEPTH`] is
//! refused before parsing. The scan is a cheap estimate in one pass: start tags open, end tags
//! close, and the elements that never contain others or close by themselves (`<br>`, `<img>`,
//! `<p>`, `<li>`…) are not counted, so that old markup with unclosed paragraphs does not add up.

/// Deepest nesting of elements a page may have.
pub(crate) const MAX_DEPTH: usize = 1000;

/// Elements without end tags, or whose end tag is optional (the parser closes them at the next
/// sibling), and raw-text elements whose content holds no tags.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The byte offset where the nesting first goes deeper than [`MAX_DEPTH`], if it does.
pub(crate) fn too_deep(html: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        i = at + 1;
        match b.get(i) {
            Some(b'!') => {
                // A comment runs to `-->`, a doctype or CDATA to `>`.
                let end = if html[i..].starts_with("!--") {
                    html[i..].find("-->").map(|e| e + 3)
                } else {
                    html[i..].find('>').map(|e| e + 1)
                };
                i += end.unwrap_or(b.len() - i);
            }
            Some(b'/') => {
                let name = tag_name(&b[i + 1..]);
                if !name.is_empty() && !NOT_COUNTED.contains(&name.as_str()) {
                    depth = depth.saturating_sub(1);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&b[i..]);
                let close = html[i..].find('>').map_or(b.len(), |e| i + e);
                i = close;
                if RAW_TEXT.contains(&name.as_str()) {
                    let end = format!("</{name}");
                    i = find_ci(&b[i..], end.as_bytes()).map_or(b.len(), |e| i + e);
                    continue;
                }
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                if !self_closing && !NOT_COUNTED.contains(&name.as_str()) {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(at);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The lower-cased tag name at the start of `b`.
fn tag_name(b: &[u8]) -> String {
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .map(|c| c.to_ascii_lowercase() as char)
        .collect()
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = "<!DOCTYPE html><html><head><title>a<b</title><script>if (a<b) {}</script></head>\
            <body><div><p>Un <b>mot</b><br>suivi<p>d'un autre<ul><li>un<li>deux</ul></div>\
            <!-- <div><div><div> --><img src=x /></body></html>";
        assert_eq!(too_deep(page), None);
        // Ten thousand unclosed paragraphs and list items do not nest.
        let old = "<p>texte <li>point ".repeat(10_000);
        assert_eq!(too_deep(&old), None);
        // As deep as allowed.
        let deep = format!(
            "{}x{}",
            "<div>".repeat(MAX_DEPTH),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(too_deep(&deep), None);
    }

    #[test]
    fn a_page_nesting_too_deep_is_found_where_it_goes_too_deep() {
        let deep = format!("<body>{}x", "<div class='a'>".repeat(MAX_DEPTH + 5));
        let at = too_deep(&deep).expect("too deep");
        assert_eq!(at, "<body>".len() + MAX_DEPTH * "<div class='a'>".len());
    }
}
