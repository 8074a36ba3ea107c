//! Page furniture taken out of the DOM before the main text is extracted: what HTML itself says
//! is not the article (scripts, styles, frames, forms, navigation, asides, footers, dialogs,
//! hidden elements), and the widgets sites name by convention in their `class` and `id`
//! (cookie banners, comment sections, related-article lists, newsletter and share boxes).
//!
//! The readability algorithm judges what is left by its text and link density; what slips
//! through is then judged block by block, like any scraped article. The element holding the
//! page's headline, `main` and a page's only `article` are never taken out, whatever their
//! names, nor anything around them.

use std::collections::HashSet;

use dom_query::{Document, NodeId, NodeRef};

/// Elements that are never the article's text.
const NOT_TEXT: &str = "script, style, noscript, template, iframe, frame, frameset, object, \
     embed, svg, canvas, form, button, select, textarea, input, dialog, nav, aside, footer, \
     [role=navigation], [role=contentinfo], [role=complementary], [role=search], [role=dialog], \
     [role=alertdialog], [aria-modal=true], [hidden], [aria-hidden=true]";

/// Parts of a `class` or `id` that name furniture whatever else they say.
const FURNITURE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "rgpd",
    "cmp-",
    "comment",
    "coment",
    "disqus",
    "reaction",
    "replies",
    "related",
    "relacionad",
    "correlat",
    "lire-aussi",
    "lireaussi",
    "a-lire",
    "alire",
    "read-more",
    "readmore",
    "more-stories",
    "most-read",
    "mostread",
    "plus-lus",
    "pluslus",
    "mas-leido",
    "masleido",
    "piu-lett",
    "newsletter",
    "subscri",
    "abonne",
    "share",
    "sharing",
    "partage",
    "compartir",
    "condivid",
    "breadcrumb",
    "fil-ariane",
    "sidebar",
    "outbrain",
    "taboola",
    "paywall",
    "signup",
    "sign-up",
    "inscri",
    "pied-de-page",
    "pie-pagina",
];

/// Parts that name furniture unless the element also calls itself the content.
const WEAK: &[&str] = &[
    "menu",
    "banner",
    "bandeau",
    "promo",
    "sponsor",
    "advert",
    "widget",
    "social",
    "popular",
    "trending",
    "modal",
    "popup",
    "skip",
    "toolbar",
    "masthead",
    "lateral",
    "colonne-droite",
];

/// Whole class names or ids that name furniture (too short to look for inside other names).
const TOKENS: &[&str] = &[
    "ad", "ads", "pub", "nav", "tags", "tools", "footer", "aside", "pie", "pied",
];

/// What an element calling itself the content says.
const CONTENT: &[&str] = &[
    "article", "body", "content", "main", "story", "text", "entry",
];

/// Takes the furniture out of `doc`.
pub(crate) fn prune(doc: &Document) {
    let keep = protected(doc);
    let kept = |n: &NodeRef<'_>| keep.contains(&n.id);
    if let Some(sel) = doc.try_select(NOT_TEXT) {
        for n in sel.nodes().iter().filter(|n| !kept(n)) {
            n.remove_from_parent();
        }
    }
    // A site's header (not the article's own).
    if let Some(sel) = doc.try_select("header, [role=banner]") {
        for n in sel.nodes() {
            if !kept(n) && !n.is("article header, main header, [role=main] header") {
                n.remove_from_parent();
            }
        }
    }
    if let Some(sel) = doc.try_select("body [class], body [id]") {
        for n in sel.nodes() {
            if kept(n) || !furniture(n) {
                continue;
            }
            n.remove_from_parent();
        }
    }
}

/// Does the element's `class` or `id` name it as furniture?
fn furniture(n: &NodeRef<'_>) -> bool {
    let names = format!(
        "{} {}",
        n.attr("id").map(|s| s.to_string()).unwrap_or_default(),
        n.attr("class").map(|s| s.to_string()).unwrap_or_default()
    )
    .to_lowercase();
    // An opinion column (`commentary`) is an article, not its readers' comments.
    let names = names.replace("commentary", "");
    let tokens: Vec<&str> = names
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.iter().any(|t| TOKENS.contains(t)) {
        return true;
    }
    if FURNITURE.iter().any(|f| names.contains(f)) {
        return true;
    }
    WEAK.iter().any(|w| names.contains(w)) && !CONTENT.iter().any(|c| names.contains(c))
}

/// The elements that hold the article, and everything around them: the first `h1`, `main`,
/// `[role=main]`, `[itemprop=articleBody]`, and the only `article` when there is one.
fn protected(doc: &Document) -> HashSet<NodeId> {
    let mut roots: Vec<NodeRef<'_>> = Vec::new();
    for sel in ["h1", "main", "[role=main]", "[itemprop=articleBody]"] {
        if let Some(s) = doc.try_select(sel) {
            roots.extend(s.nodes().first().cloned());
        }
    }
    if let Some(s) = doc.try_select("article")
        && s.length() == 1
    {
        roots.extend(s.nodes().first().cloned());
    }
    let mut keep = HashSet::new();
    for r in roots {
        keep.insert(r.id);
        for a in r.ancestors_it(None) {
            if !keep.insert(a.id) {
                break;
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_goes_and_the_article_stays_whatever_its_names() {
        let doc = Document::from(
            r#"<body><div id="cookie-banner"><p>We use cookies</p></div>
            <div class="page comments-enabled"><h1>Title</h1><div class="story commentary"><p>Body text.</p></div>
            <section id="comments"><p>A reader</p></section><ul class="related-links"><li>Other</li></ul>
            <div class="ad"><p>Buy</p></div><div class="menu-main-content"><p>Kept: calls itself content</p></div></div>
            <div class="comentarios"><p>Un lector</p></div><div class="pie">Aviso legal</div>
            <nav>Home</nav><footer>Legal</footer><script>x()</script></body>"#,
        );
        prune(&doc);
        let text = doc.root().text().to_string();
        for gone in [
            "cookies", "A reader", "Other", "Buy", "Home", "Legal", "x()",
        ] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        for kept in ["Title", "Body text.", "Kept: calls itself content"] {
            assert!(text.contains(kept), "{kept} not in {text}");
        }
    }

    #[test]
    fn a_page_wrapped_in_a_form_keeps_its_article() {
        let doc = Document::from(
            r#"<body><form id="aspnetForm"><h1>T</h1><p>Article text.</p><form class="search"><input></form></form></body>"#,
        );
        prune(&doc);
        assert!(doc.root().text().contains("Article text."));
    }
}
