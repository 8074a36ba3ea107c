//! Annales' template filters: localised dates and times, links, safe URLs and sanitised Markdown.
//! Each is documented for theme authors in `themes/default/README.md`.

use std::collections::HashMap;

use tera::{Result, Tera, Value, to_value};

use super::links::{Env, safe_url};
use super::locale::datetime_attr;

fn as_str<'a>(v: &'a Value, filter: &str) -> Result<&'a str> {
    v.as_str()
        .ok_or_else(|| tera::Error::msg(format!("filter `{filter}` expects a string, got {v}")))
}

/// Registers every filter, bound to the site's language, time zone and link style.
pub fn register(tera: &mut Tera, env: &Env) {
    type Args<'a> = &'a HashMap<String, Value>;
    let l = env.locale;
    tera.register_filter("date_label", move |v: &Value, _: Args| {
        Ok(to_value(l.date_label(as_str(v, "date_label")?))?)
    });
    tera.register_filter("time_label", move |v: &Value, _: Args| {
        Ok(to_value(l.time_label(as_str(v, "time_label")?))?)
    });
    tera.register_filter("when_label", move |v: &Value, _: Args| {
        Ok(to_value(l.when_label(as_str(v, "when_label")?))?)
    });
    tera.register_filter("basis_label", move |v: &Value, _: Args| {
        Ok(to_value(l.basis_label_str(as_str(v, "basis_label")?))?)
    });
    let tz = env.tz;
    tera.register_filter("datetime", move |v: &Value, _: Args| {
        Ok(to_value(datetime_attr(as_str(v, "datetime")?, tz))?)
    });
    let link_env = env.clone();
    tera.register_filter("link", move |v: &Value, _: Args| {
        Ok(to_value(link_env.link(as_str(v, "link")?))?)
    });
    tera.register_filter("safe_url", move |v: &Value, _: Args| {
        let url = if v.is_null() {
            None
        } else {
            safe_url(as_str(v, "safe_url")?)
        };
        Ok(to_value(url.unwrap_or_default())?)
    });
    tera.register_filter("markdown", move |v: &Value, _: Args| {
        Ok(to_value(markdown_html(as_str(v, "markdown")?))?)
    });
}

/// Markdown to HTML with raw HTML sanitised (ammonia) and only http(s) and mailto links kept.
pub fn markdown_html(md: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH),
    );
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_drops_scripts_and_unsafe_links() {
        let html = markdown_html(
            "Hi <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> [ok](https://e.org)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("href=\"https://e.org\""), "{html}");
    }
}
