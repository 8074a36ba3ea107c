//! A broken template in a site's `templates/` is named with the line and column of the cause:
//! an unknown variable or filter where it is used (Tera's render error names neither), an
//! unclosed `{% if %}` where it opens (Tera notices it only at a later tag).

mod cli_support;

use cli_support::{run, text, text_site};

const ARTICLE: &str = "---\ntitle: Bon\ndate: 2024-03-14\n---\nLe conseil a voté mercredi.\n";

/// Builds a site with these templates over the theme's and checks that the build fails,
/// writes nothing and says each of `expected`.
fn build_says(templates: &[(&str, &str)], expected: &[&str]) {
    let mut files = vec![("content/a.md", ARTICLE)];
    files.extend_from_slice(templates);
    let dir = text_site(&files);
    let out = run(&["build"], dir.path());
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(!dir.path().join("public").exists(), "{said}");
    for e in expected {
        assert!(said.contains(e), "expected {e:?} in:\n{said}");
    }
}

/// [`build_says`] with `templates/index.html` and the `templates/layout.html` it extends.
fn index_and_layout_say(index: &str, layout: &str, expected: &[&str]) {
    let templates = [
        ("templates/index.html", index),
        ("templates/layout.html", layout),
    ];
    build_says(&templates, expected);
}

#[test]
fn an_unknown_variable_is_named_where_it_is_used() {
    // Its name also appears in a comment, a string and a raw block, which Tera never reads.
    let index = "<p>{# headline #}{{ \"headline\" }}</p>\n{% raw %}{{ headline }}{% endraw %}\n\
                 <h1>{{ config.title }}</h1>\n  <p>{{ headline | upper }}</p>\n";
    build_says(
        &[("templates/index.html", index)],
        &[
            "error: the build failed",
            "template error in templates/index.html:4:9 ",
            "Variable `headline` not found",
        ],
    );
}

#[test]
fn an_unknown_filter_in_a_macro_is_named_in_the_macro_file() {
    let index = "{% import \"mine.html\" as mine %}\n<h1>{{ mine::title(s=config.title) }}</h1>\n";
    let mine =
        "{% macro title(s) %}\n{# s | shout #}\n<b>{{ s | shout }}</b>\n{% endmacro title %}\n";
    build_says(
        &[
            ("templates/index.html", index),
            ("templates/mine.html", mine),
        ],
        &[
            "template error in templates/mine.html:3:11 ",
            "Filter 'shout' not found",
        ],
    );
}

#[test]
fn an_unknown_variable_of_a_parent_template_is_named_in_the_parent() {
    let index = "{% extends \"layout.html\" %}\n{% block main %}<h1>{{ config.title }}</h1>{% endblock main %}\n";
    let layout = "<!doctype html>\n<title>{{ config.title }}</title>\n\n<footer>{{ config.footer_note }}</footer>\n{% block main %}{% endblock main %}\n";
    index_and_layout_say(
        index,
        layout,
        &[
            "template error in templates/layout.html:4:12 ",
            "`config.footer_note`",
        ],
    );
}

#[test]
fn an_unclosed_if_is_named_where_it_opens() {
    let index = "{% extends \"layout.html\" %}\n{% block main %}\n<h1>{{ config.title }}</h1>\n   {% if config.description %}<p>{{ config.description }}</p>\n{% endblock main %}\n";
    let layout = "<!doctype html>\n{% block main %}{% endblock main %}\n";
    index_and_layout_say(
        index,
        layout,
        &[
            "template error in templates/index.html:4:4: `{% if %}` opened at line 4, column 4 is \
           never closed: add `{% endif %}` before `{% endblock %}` at line 5",
        ],
    );
}

#[test]
fn an_if_left_open_at_the_end_is_named_where_it_opens() {
    let index = "<h1>{{ config.title }}</h1>\n{% for s in [1, 2] %}{% endfor %}\n{%- if config.description -%}\n<p>x</p>\n";
    build_says(
        &[("templates/index.html", index)],
        &[
            "template error in templates/index.html:3:1: `{% if %}` opened at line 3",
            "add `{% endif %}` where its body ends",
        ],
    );
}
