//! `sitemap.xml` (sitemaps.org 0.9), written only when `base_url` is set: its URLs must be absolute.

use super::context::Env;
use super::feed::escape_xml;

/// Lists every HTML page but the 404 page, as directory URLs under `base_url`.
pub fn sitemap(html_paths: &[&str], env: &Env) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in html_paths {
        if *p == "404.html" {
            continue;
        }
        let rel = p.strip_suffix("index.html").unwrap_or(p);
        if let Some(url) = env.absolute(rel) {
            x.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&url)));
        }
    }
    x.push_str("</urlset>\n");
    x
}
