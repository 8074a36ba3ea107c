//! The snippet the server adds to HTML pages while serving (never to `annales build` output):
//! the reload client, and the error overlay when the latest rebuild failed.

use super::reload::EVENTS_PATH;
use super::state::Snapshot;
use crate::lang::Lang;
use crate::render::locale::{Locale, ServeWords};

/// Id of the overlay element, shared by the server-side markup and the client script.
pub const OVERLAY_ID: &str = "annales-error-overlay";

/// The reload client, served as a same-origin file so that the page needs no inline script
/// (the Content-Security-Policy allows none).
pub const CLIENT_PATH: &str = "/__annales/client.js";
/// The overlay's look, a same-origin stylesheet (no inline `style` attribute either).
pub const STYLE_PATH: &str = "/__annales/overlay.css";

/// The preview's own files under `/__annales/`: content type and bytes.
pub fn asset(path: &str) -> Option<(&'static str, Vec<u8>)> {
    match path {
        CLIENT_PATH => Some((
            "text/javascript; charset=utf-8",
            CLIENT.replace("__ID__", OVERLAY_ID).into_bytes(),
        )),
        STYLE_PATH => Some((
            "text/css; charset=utf-8",
            STYLE.replace("__ID__", OVERLAY_ID).into_bytes(),
        )),
        _ => None,
    }
}

/// The server's own words in the site's language (English while it is not known).
pub fn words(snap: &Snapshot) -> &'static ServeWords {
    &Locale::of(snap.lang.unwrap_or(Lang::En)).serve
}

/// Inserts the client script (and the overlay for the snapshot's error) before the last
/// `</body>`, or at the end of a page that has none.
pub fn inject(html: &[u8], snap: &Snapshot) -> Vec<u8> {
    let snippet = snippet(snap.version, snap.error.as_deref(), words(snap));
    let at = rfind_ci(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A minimal page for when there is nothing to show yet (the first build failed) or nothing
/// at the path and the site has no 404.html.
pub fn plain_page(snap: &Snapshot, title: &str, text: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{1}</title>\
</head><body><h1>{1}</h1><p>{2}</p></body></html>\n",
        snap.lang.unwrap_or(Lang::En).code(),
        escape(title),
        escape(text)
    )
    .into_bytes()
}

fn snippet(version: u64, error: Option<&str>, words: &ServeWords) -> String {
    let mut s = String::from("\n<!-- added by annales serve -->\n");
    s.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n"
    ));
    if let Some(message) = error {
        s.push_str(&format!(
            "<div id=\"{OVERLAY_ID}\" role=\"alert\">\
<button type=\"button\" aria-label=\"{}\">\u{d7}</button><strong>{}</strong>{}</div>\n",
            escape(&words.hide),
            escape(&words.heading),
            message_html(message)
        ));
    }
    s.push_str(&format!(
        "<script src=\"{CLIENT_PATH}\" data-version=\"{version}\" data-events=\"{EVENTS_PATH}\"></script>\n"
    ));
    s
}

/// A source line quoted in a message, as Tera (pest) and the TOML parser print it: `12 | text`
/// over `   |      ^---`.
#[derive(Debug, PartialEq)]
struct Quote<'a> {
    /// `12 | `, kept as printed.
    gutter: &'a str,
    /// The line of the file.
    text: &'a str,
    /// 0-based character index of the character the caret points at.
    column: usize,
}

/// The quote made of `line` and the caret line under it, if they are one.
fn quote<'a>(line: &'a str, under: &str) -> Option<Quote<'a>> {
    let bar = line.find(" | ")?;
    let number = line[..bar].trim_start();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The caret line has blanks where the line number is, then the same bar.
    let (pad, marks) = (under.get(..bar + 3)?, under.get(bar + 3..)?);
    if pad != format!("{} | ", " ".repeat(bar)) {
        return None;
    }
    // Both parsers pad with one blank (or the line's own tab) per character before the caret.
    let column = marks
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    marks[column..].starts_with('^').then_some(Quote {
        gutter: &line[..bar + 3],
        text: &line[bar + 3..],
        column,
    })
}

/// The message as HTML: its text as printed, except that a quoted source line is shown on a
/// line of its own that never wraps (it scrolls), with the character at fault marked instead
/// of a caret under it. A caret line drifts as soon as the line wraps or holds a tab or a
/// character wider than a blank.
fn message_html(message: &str) -> String {
    let lines: Vec<&str> = message.lines().collect();
    let mut out = String::new();
    let mut prose: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match lines.get(i + 1).and_then(|under| quote(lines[i], under)) {
            Some(q) => {
                push_prose(&mut out, &mut prose);
                out.push_str(&source_html(&q));
                i += 2;
            }
            None => {
                prose.push(lines[i]);
                i += 1;
            }
        }
    }
    push_prose(&mut out, &mut prose);
    out
}

fn push_prose(out: &mut String, prose: &mut Vec<&str>) {
    if !prose.is_empty() {
        out.push_str(&format!("<pre>{}</pre>", escape(&prose.join("\n"))));
        prose.clear();
    }
}

/// Columns between tab stops when a quoted line is shown.
const TAB_WIDTH: usize = 4;

/// A quoted line with its character at fault in a `<mark>` (a marked blank when the caret is
/// past the end of the line), tabs expanded to the same stops everywhere.
fn source_html(q: &Quote) -> String {
    let mut out = format!("<pre class=\"annales-src\">{}", escape(q.gutter));
    let mut width = 0;
    let mut marked = false;
    for (i, c) in q.text.chars().enumerate() {
        let shown = if c == '\t' {
            " ".repeat(TAB_WIDTH - width % TAB_WIDTH)
        } else {
            c.to_string()
        };
        width += shown.chars().count();
        if i == q.column {
            out.push_str(&format!("<mark>{}</mark>", escape(&shown)));
            marked = true;
        } else {
            out.push_str(&escape(&shown));
        }
    }
    if !marked {
        out.push_str("<mark> </mark>");
    }
    out.push_str("</pre>");
    out
}

const STYLE: &str = "#__ID__{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
z-index:2147483647;margin:0;padding:1em 1.5em;background:#2b0b0e;color:#ffe9e9;\
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;\
border-top:4px solid #e5484d;box-shadow:0 -4px 24px rgba(0,0,0,.4)}\n\
#__ID__ button{float:right;margin:0 0 .5em 1em;padding:0 .45em;font:inherit;\
font-size:18px;line-height:1.3;color:inherit;background:transparent;\
border:1px solid currentColor;border-radius:3px;cursor:pointer}\n\
#__ID__ pre{white-space:pre-wrap;margin:.6em 0 0;font:inherit}\n\
#__ID__ pre.annales-src{white-space:pre;overflow-x:auto;margin:0;padding:.2em 0;\
background:rgba(0,0,0,.35)}\n\
#__ID__ mark{background:#e5484d;color:#fff;outline:1px solid #fff;border-radius:1px}\n";

// The overlay is rendered by the server only, in the site's language: on a build error the page
// reloads and comes back with it. The version and the stream's path come from the script
// element's data attributes.
const CLIENT: &str = r#"(function () {
  var me = document.currentScript;
  if (!me) return;
  var version = Number(me.getAttribute("data-version"));
  var shown = document.getElementById("__ID__");
  if (shown) {
    var close = shown.querySelector("button");
    if (close) close.onclick = function () { shown.remove(); };
    // A long quoted line scrolls sideways: bring the marked character into view.
    var mark = shown.querySelector("pre mark");
    if (mark) {
      var pre = mark.parentNode;
      pre.scrollLeft = Math.max(0, mark.offsetLeft - pre.offsetLeft - pre.clientWidth / 2);
    }
  }
  if (!window.EventSource) return;
  var es = new EventSource(me.getAttribute("data-events"));
  es.addEventListener("hello", function (e) { if (Number(e.data) !== version) location.reload(); });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("build-error", function () { location.reload(); });
})();
"#;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(version: u64, error: Option<&str>, lang: Option<Lang>) -> Snapshot {
        Snapshot {
            version,
            error: error.map(str::to_string),
            lang,
            ..Snapshot::default()
        }
    }

    fn overlay(error: &str, lang: Option<Lang>) -> String {
        String::from_utf8(inject(b"<body></body>", &snap(2, Some(error), lang))).unwrap()
    }

    /// What the `<mark>` holds, and the characters of the quoted line just before it.
    fn marked(html: &str) -> (&str, &str) {
        let open = html.find("<mark>").expect("no marked character");
        let close = open + html[open..].find("</mark>").unwrap();
        let before = &html[html[..open].rfind("| ").unwrap() + 2..open];
        (&html[open + "<mark>".len()..close], before)
    }

    /// A Tera parse error as pest prints it, for a line and a 1-based column.
    fn pest_error(line: &str, column: usize) -> String {
        let pad: String = line
            .chars()
            .take(column - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        format!(
            "template error in templates/index.html:3:{column}: Failed to parse 'index.html':  \
--> 3:{column}\n  |\n3 | {line}\n  | {pad}^---\n  |\n  = expected an expression"
        )
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, &snap(7, None, None))).unwrap();
        let script = out.find("<script src=\"/__annales/client.js\"").unwrap();
        assert!(script < out.find("</BODY>").unwrap());
        assert!(out.contains("data-version=\"7\""));
        assert!(out.contains(EVENTS_PATH));
        // Nothing inline: the page's Content-Security-Policy allows no inline script or style.
        assert!(!out.contains("<script>") && !out.contains("style=") && !out.contains("onclick"));
        assert!(!out.contains(&format!("<div id=\"{OVERLAY_ID}\"")));
    }

    #[test]
    fn a_page_without_body_gets_the_script_at_the_end() {
        let out = String::from_utf8(inject(b"<p>fragment", &snap(1, None, None))).unwrap();
        assert!(out.starts_with("<p>fragment"));
        assert!(out.trim_end().ends_with("</script>"));
    }

    #[test]
    fn the_overlay_escapes_the_message() {
        let out = overlay("templates/x.html:1:4: <script>alert(1)</script>", None);
        assert!(out.contains(&format!("<div id=\"{OVERLAY_ID}\"")));
        assert!(out.contains("templates/x.html:1:4: &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!out.contains("<script>alert(1)"));
    }

    #[test]
    fn the_overlay_speaks_the_site_language_and_english_otherwise() {
        let fr = overlay(
            "content/a.md:3:8: TOML front matter: invalid string",
            Some(Lang::Fr),
        );
        assert!(
            fr.contains(&escape(&Locale::of(Lang::Fr).serve.heading)),
            "{fr}"
        );
        assert!(fr.contains("aria-label=\"Masquer\""), "{fr}");
        // The message itself is left as the build wrote it.
        assert!(fr.contains("content/a.md:3:8: TOML front matter: invalid string"));
        let unknown = overlay("x", None);
        assert!(unknown.contains("last good version"), "{unknown}");
        assert!(unknown.contains("aria-label=\"Hide\""), "{unknown}");
    }

    #[test]
    fn the_mark_is_on_the_character_at_the_column_despite_tabs_and_accents() {
        let line = "<p>\tÉté à Noël\t{{ broken </p>";
        let column = line.chars().position(|c| c == '/').unwrap() + 1;
        let out = overlay(&pest_error(line, column), Some(Lang::Fr));
        let (mark, before) = marked(&out);
        assert_eq!(mark, "/");
        // Tabs expanded to the same stops, everything escaped, the caret line gone.
        assert!(
            before.ends_with("&lt;p&gt; Été à Noël  {{ broken &lt;"),
            "{before}"
        );
        assert!(!out.contains("^---"), "{out}");
        assert!(out.contains("<pre class=\"annales-src\">3 | "), "{out}");
        assert!(out.contains("= expected an expression"), "{out}");
    }

    #[test]
    fn the_mark_is_right_on_a_line_longer_than_200_characters() {
        let line = format!("{}{{{{ x ! }}}}{}", "é".repeat(210), "z".repeat(40));
        let column = line.chars().position(|c| c == '!').unwrap() + 1;
        let out = overlay(&pest_error(&line, column), None);
        let (mark, before) = marked(&out);
        assert_eq!(mark, "!");
        assert_eq!(before, format!("{}{{{{ x ", "é".repeat(210)));
        // It scrolls instead of wrapping, so that it stays one line.
        assert!(STYLE.contains("pre.annales-src{white-space:pre;overflow-x:auto"));
    }

    #[test]
    fn a_caret_past_the_end_marks_a_blank_and_odd_text_is_left_as_prose() {
        let out = overlay(&pest_error("{{ x", 5), None);
        assert_eq!(marked(&out).0, " ");
        // Not a quote: no number before the bar, or a caret line that does not line up.
        for text in [
            "a | b\n  | ^",
            "1 | b\n\u{e9} | ^",
            "1 | b\n  |  x",
            "1 | b",
        ] {
            let out = overlay(text, None);
            assert!(!out.contains("<mark>"), "{text}: {out}");
            assert!(out.contains(&escape(text)), "{text}: {out}");
        }
    }

    #[test]
    fn the_fallback_pages_have_the_site_language() {
        let fr = snap(1, None, Some(Lang::Fr));
        let page = String::from_utf8(plain_page(
            &fr,
            &words(&fr).not_found_title,
            &words(&fr).not_found_text,
        ))
        .unwrap();
        assert!(page.contains("<html lang=\"fr\">"), "{page}");
        assert!(page.contains("<h1>Page introuvable</h1>"), "{page}");
    }
}
