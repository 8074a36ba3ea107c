//! Build errors go to the page (overlay and event stream) without absolute paths: the page may
//! be seen by others (a screen share, a device on the network), and the site-relative path is
//! what the user needs to find the file anyway. The terminal keeps the full message.

use std::path::Path;

/// `message` with every path under one of `roots` made relative to it, the home folder shown
/// as `~`, and any other absolute path cut to `…/` and its last part.
pub fn paths(message: &str, roots: &[&Path], home: Option<&Path>) -> String {
    let mut out = message.to_string();
    // Literal replacement first: a root may contain spaces, which the scan below stops at.
    let mut prefixes: Vec<(String, &str)> = Vec::new();
    for root in roots {
        if let Some(r) = usable(root) {
            prefixes.push((r, ""));
        }
    }
    if let Some(h) = home.and_then(usable) {
        prefixes.push((h, "~/"));
    }
    // Longest first, so that a root inside the home folder wins over the home folder.
    prefixes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    for (prefix, with) in &prefixes {
        for sep in ['/', '\\'] {
            out = out.replace(&format!("{prefix}{sep}"), with);
        }
        out = replace_whole(&out, prefix, if with.is_empty() { "." } else { "~" });
    }
    cut_other_absolute_paths(&out)
}

/// The path as text, without a trailing separator; `None` for `/` or an empty path, which
/// would match everywhere.
fn usable(path: &Path) -> Option<String> {
    let s = path.to_str()?.trim_end_matches(['/', '\\']);
    (s.len() > 1).then(|| s.to_string())
}

/// Replaces `needle` where it is not part of a longer name (`/site` but not `/site2`).
fn replace_whole(text: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(needle) {
        let after = &rest[i + needle.len()..];
        let ends = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || "-_.~".contains(c)));
        out.push_str(&rest[..i]);
        out.push_str(if ends { with } else { needle });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `/a/b/c.html` (or `C:\a\c.html`) standing alone becomes `…/c.html`.
fn cut_other_absolute_paths(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = i == 0 || chars[i - 1].is_whitespace() || "\"'`([<={,".contains(chars[i - 1]);
        let unix = chars[i] == '/' && chars.get(i + 1).is_some_and(|c| is_path_char(*c));
        let windows = chars[i].is_ascii_alphabetic()
            && chars.get(i + 1) == Some(&':')
            && chars.get(i + 2) == Some(&'\\');
        if starts && (unix || windows) {
            let mut end = i;
            while end < chars.len() && (is_path_char(chars[end]) || "/\\:".contains(chars[end])) {
                end += 1;
            }
            let token: String = chars[i..end].iter().collect();
            // `</p>` in a quoted template line is a closing tag, not a path: cutting it would
            // change the line the overlay shows and move its mark off the character at fault.
            let closing_tag = i > 0 && chars[i - 1] == '<' && chars.get(end) == Some(&'>');
            if closing_tag && !token[1..].contains(['/', '\\']) {
                out.push_str(&token);
                i = end;
                continue;
            }
            // Keep `file:line:col` after the last part.
            let last = token.rsplit(['/', '\\']).next().unwrap_or("");
            out.push('…');
            out.push('/');
            out.push_str(last);
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_path_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !"\"'`()[]<>{},;:/\\".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact(message: &str) -> String {
        paths(
            message,
            &[Path::new("/home/ann/my site"), Path::new("/private/tmp/s")],
            Some(Path::new("/home/ann")),
        )
    }

    #[test]
    fn paths_in_the_site_become_relative() {
        assert_eq!(
            redact("/home/ann/my site/templates/index.html:3:7: expected `%}`"),
            "templates/index.html:3:7: expected `%}`"
        );
        assert_eq!(
            redact("reading /private/tmp/s/site.toml: nope"),
            "reading site.toml: nope"
        );
        assert_eq!(redact("no theme in /home/ann/my site"), "no theme in .");
        assert_eq!(redact("in /private/tmp/s2/x"), "in …/x");
    }

    #[test]
    fn the_home_folder_and_other_absolute_paths_are_hidden() {
        assert_eq!(
            redact("theme \"/home/ann/themes/x\" not found"),
            "theme \"~/themes/x\" not found"
        );
        assert_eq!(
            redact("cannot read /etc/annales/secret.toml:2:1 (denied)"),
            "cannot read …/secret.toml:2:1 (denied)"
        );
        assert_eq!(redact(r"at C:\Users\ann\site\a.md"), "at …/a.md");
        assert_eq!(redact("in </etc/annales/x>"), "in <…/x>");
    }

    #[test]
    fn text_that_is_not_a_path_is_kept() {
        for text in [
            "expected `}}` / `%}` at 1:4",
            "see https://example.org/a/b",
            "2024/03/04 and/or 1/2",
            "a / b",
            "1 | {% block content %}<p>{{ x </p>{% endblock %}",
        ] {
            assert_eq!(redact(text), text);
        }
    }
}
