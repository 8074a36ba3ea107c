//! The snippet the server adds to HTML pages while serving (never to `annales build` output):
//! the reload client, and the error overlay when the latest rebuild failed.

use super::reload::EVENTS_PATH;

/// Id of the overlay element, shared by the server-side markup and the client script.
pub const OVERLAY_ID: &str = "annales-error-overlay";

/// The reload client, served as a same-origin file so that the page needs no inline script
/// (the Content-Security-Policy allows none).
pub const CLIENT_PATH: &str = "/__annales/client.js";
/// The overlay's look, a same-origin stylesheet (no inline `style` attribute either).
pub const STYLE_PATH: &str = "/__annales/overlay.css";

const HEADING: &str = "annales serve: the last change broke the build. \
Still showing the last good version; fix the file and save to recover.";

/// The preview's own files under `/__annales/`: content type and bytes.
pub fn asset(path: &str) -> Option<(&'static str, Vec<u8>)> {
    match path {
        CLIENT_PATH => Some((
            "text/javascript; charset=utf-8",
            CLIENT
                .replace("__ID__", OVERLAY_ID)
                .replace("__HEADING__", HEADING)
                .into_bytes(),
        )),
        STYLE_PATH => Some((
            "text/css; charset=utf-8",
            STYLE.replace("__ID__", OVERLAY_ID).into_bytes(),
        )),
        _ => None,
    }
}

/// Inserts the client script (and the overlay for `error`) before the last `</body>`, or at
/// the end of a page that has none.
pub fn inject(html: &[u8], version: u64, error: Option<&str>) -> Vec<u8> {
    let snippet = snippet(version, error);
    let at = rfind_ci(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A minimal page for when there is nothing to show yet (the first build failed) or nothing
/// at the path and the site has no 404.html.
pub fn plain_page(title: &str, text: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{0}</title></head>\
<body><h1>{0}</h1><p>{1}</p></body></html>\n",
        escape(title),
        escape(text)
    )
    .into_bytes()
}

fn snippet(version: u64, error: Option<&str>) -> String {
    let mut s = String::from("\n<!-- added by annales serve -->\n");
    s.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n"
    ));
    if let Some(message) = error {
        s.push_str(&format!(
            "<div id=\"{OVERLAY_ID}\" role=\"alert\">\
<button type=\"button\" aria-label=\"Hide\">\u{d7}</button><strong>{}</strong>\
<pre>{}</pre></div>\n",
            escape(HEADING),
            escape(message)
        ));
    }
    s.push_str(&format!(
        "<script src=\"{CLIENT_PATH}\" data-version=\"{version}\" data-events=\"{EVENTS_PATH}\"></script>\n"
    ));
    s
}

const STYLE: &str = "#__ID__{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
z-index:2147483647;margin:0;padding:1em 1.5em;background:#2b0b0e;color:#ffe9e9;\
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;\
border-top:4px solid #e5484d;box-shadow:0 -4px 24px rgba(0,0,0,.4)}\n\
#__ID__ button{float:right;margin:0 0 .5em 1em;padding:0 .45em;font:inherit;\
font-size:18px;line-height:1.3;color:inherit;background:transparent;\
border:1px solid currentColor;border-radius:3px;cursor:pointer}\n\
#__ID__ pre{white-space:pre-wrap;margin:.6em 0 0;font:inherit}\n";

// The message arrives as JSON and is shown through textContent, so it needs no escaping here.
// The version and the stream's path come from the script element's data attributes.
const CLIENT: &str = r#"(function () {
  var me = document.currentScript;
  if (!me) return;
  var version = Number(me.getAttribute("data-version"));
  function wire(el) {
    var close = el.querySelector("button");
    if (close) close.onclick = function () { el.remove(); };
  }
  function show(message) {
    var el = document.getElementById("__ID__");
    if (!el) {
      el = document.createElement("div");
      el.id = "__ID__";
      el.setAttribute("role", "alert");
      document.body.appendChild(el);
    }
    el.textContent = "";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Hide");
    close.textContent = "\u00d7";
    el.appendChild(close);
    var h = document.createElement("strong");
    h.textContent = "__HEADING__";
    var pre = document.createElement("pre");
    pre.textContent = message;
    el.appendChild(h);
    el.appendChild(pre);
    wire(el);
  }
  var shown = document.getElementById("__ID__");
  if (shown) wire(shown);
  if (!window.EventSource) return;
  var es = new EventSource(me.getAttribute("data-events"));
  es.addEventListener("hello", function (e) { if (Number(e.data) !== version) location.reload(); });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
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

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, 7, None)).unwrap();
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
        let out = String::from_utf8(inject(b"<p>fragment", 1, None)).unwrap();
        assert!(out.starts_with("<p>fragment"));
        assert!(out.trim_end().ends_with("</script>"));
    }

    #[test]
    fn the_overlay_escapes_the_message() {
        let out = String::from_utf8(inject(
            b"<body></body>",
            2,
            Some("templates/x.html:1:4: <script>alert(1)</script>"),
        ))
        .unwrap();
        assert!(out.contains(&format!("<div id=\"{OVERLAY_ID}\"")));
        assert!(out.contains("templates/x.html:1:4: &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!out.contains("<script>alert(1)"));
    }
}
