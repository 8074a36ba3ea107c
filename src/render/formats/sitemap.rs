//! `sitemap.xml` (sitemaps.org 0.9), written only when `base_url` is set: its URLs must be absolute.

use super::{Format, FormatInput, escape_xml};
use crate::render::links::Env;

/// `sitemap.xml`, when the site has a `base_url`.
pub struct Sitemap;

impl Format for Sitemap {
    fn path(&self) -> &'static str {
        "sitemap.xml"
    }

    fn render(&self, cx: &FormatInput) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(cx
            .env
            .base_url
            .is_some()
            .then(|| sitemap(cx.pages, cx.env).into_bytes()))
    }
}

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
