//! The site's URL layout, as `timeline.json` records it (`Source::page`, `Citation::anchor`)
//! and as the pages are written: one place, so that the pipeline's links and the renderer's
//! files always agree.

/// Site-relative folder of a source page (`sources/<id>/`).
pub fn source_page(id: &str) -> String {
    format!("sources/{id}/")
}

/// Site-relative link to a quote on its source page (`sources/<id>/#q-<start>`): the id the
/// source page gives the quote starting at character `start` of the article's text.
pub fn quote_anchor(source: &str, start: usize) -> String {
    format!("{}#q-{start}", source_page(source))
}

/// Site-relative folder of an event page (`events/<id>/`).
pub fn event_page(id: &str) -> String {
    format!("events/{}/", path_segment(id))
}

/// A path segment safe for a file name and a URL: ASCII letters, digits, `-` and `_`, every
/// other character a `-`.
pub fn path_segment(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "-".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_of_sources_quotes_and_events() {
        assert_eq!(source_page("a-b"), "sources/a-b/");
        assert_eq!(quote_anchor("a-b", 42), "sources/a-b/#q-42");
        assert_eq!(
            event_page("2023-09-20 vote/../x"),
            "events/2023-09-20-vote----x/"
        );
        assert_eq!(path_segment(""), "-");
    }
}
