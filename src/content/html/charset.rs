//! The text of a saved page: its bytes decoded as the page itself says, with `encoding_rs`.
//!
//! A byte-order mark decides; else the charset declared in the page's head (`<meta
//! charset="…">`, `<meta http-equiv="Content-Type" content="…; charset=…">`, or an XML
//! declaration); else UTF-8. Nothing is guessed: a page that is not valid in the charset it
//! declares (or in UTF-8 when it declares none) is an error saying what to do.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::fsread;
use crate::text::line_col;

/// How far into the file the declaration is looked for. Browsers look at the first 1,024 bytes;
/// saved pages often put a long `<title>` or inline scripts first, so this reads further, but
/// never past the start of the body.
const PRESCAN_BYTES: usize = 64 << 10;

/// A decoding failure: where (line and column, when known) and what to do.
pub(crate) type Failure = (Option<(usize, usize)>, String);

/// The page's text, without a byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Failure> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .ok_or_else(|| {
                (
                    None,
                    format!(
                        "starts with a {} byte-order mark but is not valid {} text: save the \
                         page again as UTF-8",
                        enc.name(),
                        enc.name()
                    ),
                )
            });
    }
    if let Some(enc) = fsread::utf16_encoding(bytes) {
        return Err((None, enc.message()));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err((
            None,
            format!(
                "this is a binary file (NUL byte at byte {at}), not a web page: move it out of \
                 content/"
            ),
        ));
    }
    let declared = declared_charset(bytes);
    let enc = match &declared {
        Some(label) => Encoding::for_label(label.as_bytes()).map(|e| {
            // A page whose head can be read as ASCII is not UTF-16, whatever it says (HTML
            // reads such a declaration as UTF-8); `x-user-defined` is windows-1252 to a reader.
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                UTF_8
            } else if e == encoding_rs::X_USER_DEFINED {
                WINDOWS_1252
            } else {
                e
            }
        }),
        None => None,
    };
    match enc {
        Some(enc) if enc != UTF_8 => enc
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| {
                (
                    None,
                    format!(
                        "declares the charset {} but is not valid {} text: save the page again \
                         (as UTF-8 if you can), or correct its <meta charset>",
                        enc.name(),
                        enc.name()
                    ),
                )
            }),
        _ => std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let at = e.valid_up_to();
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            let place = Some(line_col(before, at));
            let why = match (&declared, enc) {
                (Some(_), Some(_)) => "it declares UTF-8, but is not valid UTF-8".to_string(),
                (Some(label), None) => format!(
                    "it declares the charset `{}`, which is not a known encoding, and is not \
                     valid UTF-8",
                    label.chars().take(40).collect::<String>()
                ),
                (None, _) => "it declares no charset and is not valid UTF-8".to_string(),
            };
            (
                place,
                format!(
                    "{why} (byte {at}): save the page as UTF-8, or declare its real charset in \
                     its head (for example <meta charset=\"windows-1252\">)"
                ),
            )
        }),
    }
}

/// The charset label the page declares in its head, lowercased, when it declares one.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(at) = find(&lower[..end], b"encoding", 0) {
            return attr_value(&lower[at + b"encoding".len()..end]);
        }
    }
    let mut from = 0;
    while let Some(at) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", at).unwrap_or(lower.len());
        let tag = &lower[at..end];
        if let Some(c) = find(tag, b"charset", 0)
            && let Some(label) = attr_value(&tag[c + b"charset".len()..])
        {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value after `=` (quoted or not), at the start of `rest`.
fn attr_value(rest: &[u8]) -> Option<String> {
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| {
            matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..len]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_charset_is_found_in_meta_and_http_equiv_and_xml() {
        assert_eq!(
            declared_charset(b"<html><head><META CharSet=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding='koi8-r'?><html>").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(declared_charset(b"<meta name=description content=x>"), None);
        assert_eq!(declared_charset(b"<meta charset"), None);
    }

    #[test]
    fn a_latin1_page_is_read_as_it_declares() {
        let mut page = b"<meta charset=\"iso-8859-1\"><p>Le caf".to_vec();
        page.extend([0xE9, b' ', 0xE0, b' ', b'2', 0xA0, b'0', b'0', b'0']);
        assert!(decode(&page).unwrap().ends_with("Le café à 2\u{a0}000"));
    }

    #[test]
    fn undecodable_pages_say_why_and_where() {
        let (place, msg) = decode(b"<p>ligne\ncaf\xe9</p>").unwrap_err();
        assert_eq!(place, Some((2, 4)));
        assert!(msg.contains("declares no charset"), "{msg}");
        let (_, msg) = decode(b"<meta charset=klingon><p>caf\xe9</p>").unwrap_err();
        assert!(msg.contains("`klingon`"), "{msg}");
        let (_, msg) = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(msg.contains("binary"), "{msg}");
        let (_, msg) = decode(b"<meta charset=shift_jis><p>\x82</p>").unwrap_err();
        assert!(msg.contains("Shift_JIS"), "{msg}");
    }

    #[test]
    fn a_byte_order_mark_decides() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1><p>été</p>".as_bytes());
        assert_eq!(decode(&page).unwrap(), "<meta charset=latin1><p>été</p>");
    }
}
