//! Security headers for every preview response. The policy is strict: scripts and styles only
//! from the preview itself (the reload client is a same-origin file, never inline), no framing,
//! no plugins (images may be remote, as in the published pages). The one exception is each inline `<style>` element of a page (the default theme's
//! 404 page has one when there is no `base_url`), allowed by the hash of its exact text.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Hashes above this many make the header too large for some browsers; styles are then left
/// to the stylesheet files (the page still works, only the extra inline rules are skipped).
const MAX_STYLE_HASHES: usize = 64;

/// Headers sent with every response, whatever it is.
pub const COMMON: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    // Another site's page cannot even embed the preview's files (<img>, <script>).
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

/// The `Content-Security-Policy` for a response; `html` is the page for HTML responses.
pub fn policy(html: Option<&[u8]>) -> String {
    let mut style = String::from("'self'");
    if let Some(page) = html {
        let hashes = inline_style_hashes(page);
        if hashes.len() <= MAX_STYLE_HASHES {
            for h in hashes {
                style.push_str(&format!(" 'sha256-{h}'"));
            }
        }
    }
    // Images may come from anywhere, as in the published site (an article's Markdown may show
    // a remote picture); with no script but the preview's own, they carry nothing out.
    format!(
        "default-src 'self'; script-src 'self'; style-src {style}; img-src 'self' data: http: https:; \
font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'"
    )
}

/// Base64 SHA-256 of the text of each `<style>` element, distinct, in order of appearance.
fn inline_style_hashes(page: &[u8]) -> Vec<String> {
    let mut hashes: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some(open) = find_ci(page, b"<style", at) {
        let after_name = open + b"<style".len();
        // `<styles>` or `<style-x>` are other elements.
        if !matches!(
            page.get(after_name),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        ) {
            at = after_name;
            continue;
        }
        let Some(gt) = page[after_name..].iter().position(|&b| b == b'>') else {
            break;
        };
        let start = after_name + gt + 1;
        let end = find_ci(page, b"</style", start).unwrap_or(page.len());
        let digest = Sha256::digest(&page[start..end]);
        let h = base64::engine::general_purpose::STANDARD.encode(digest);
        if !hashes.contains(&h) {
            hashes.push(h);
        }
        at = end;
    }
    hashes
}

/// Whether a page has an inline `<script>` (one without `src`): the policy blocks it.
pub fn has_inline_script(page: &[u8]) -> bool {
    let mut at = 0;
    while let Some(open) = find_ci(page, b"<script", at) {
        let after_name = open + b"<script".len();
        let end = page[after_name..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(page.len(), |p| after_name + p);
        let tag = page[after_name..end].to_ascii_lowercase();
        let boundary = matches!(
            page.get(after_name),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
        );
        if boundary && !tag.windows(4).any(|w| w == b"src=") {
            return true;
        }
        at = end;
    }
    false
}

fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() || needle.len() > hay.len() - from {
        return None;
    }
    (from..=hay.len() - needle.len())
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_strict_and_forbids_framing() {
        let p = policy(None);
        assert!(p.starts_with("default-src 'self'; script-src 'self'; style-src 'self';"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe"));
    }

    #[test]
    fn inline_style_elements_are_allowed_by_hash() {
        // echo -n 'p{color:red}' | openssl dgst -sha256 -binary | base64
        let page = b"<html><head><STYLE media=\"all\">p{color:red}</style><styles>x</styles>\
<style>p{color:red}</style></head></html>";
        assert_eq!(
            inline_style_hashes(page),
            ["p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64="]
        );
        assert!(
            policy(Some(page)).contains(
                "style-src 'self' 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64=';"
            )
        );
    }

    #[test]
    fn inline_scripts_are_found() {
        assert!(has_inline_script(b"<p><script>alert(1)</script>"));
        assert!(has_inline_script(b"<SCRIPT type=module>x</SCRIPT>"));
        assert!(!has_inline_script(
            b"<script src=\"filter.js\" defer></script>"
        ));
        assert!(!has_inline_script(b"<scripts>"));
        assert!(!has_inline_script(b"no script here"));
    }
}
