//! Reading and parsing a request head, strictly and within limits: a whole-head deadline (one
//! byte every few seconds must not keep a connection forever), a size cap, and no control
//! character anywhere, so nothing a client sends can end up splitting a response header.

use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The whole head (request line and headers), in bytes.
pub const MAX_HEAD: usize = 16 * 1024;
/// The request line alone, in bytes.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Header lines.
pub const MAX_HEADERS: usize = 100;
/// Time allowed for the whole head to arrive, unless `--head-timeout-ms` says otherwise.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// A request the server refuses, with the status and a short plain-text reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: u16,
    /// One line for the client.
    pub text: &'static str,
}

const fn refuse(status: u16, text: &'static str) -> Refusal {
    Refusal { status, text }
}

/// What reading a head gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// The head, without its closing blank line.
    Head(Vec<u8>),
    /// The peer went away before sending anything: nothing to answer.
    Closed,
    /// Refused before the head was complete (too large, too slow).
    Refused(Refusal),
}

/// Reads up to the blank line that ends the head, within `timeout` for the whole head.
pub fn read(stream: &mut TcpStream, timeout: Duration) -> std::io::Result<Incoming> {
    let deadline = Instant::now() + timeout;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Incoming::Refused(TOO_SLOW));
        }
        stream.set_read_timeout(Some(left))?;
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(Incoming::Refused(TOO_SLOW));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            // The peer closed early: answer what we have, if it is anything at all.
            return Ok(if buf.is_empty() {
                Incoming::Closed
            } else {
                Incoming::Head(buf)
            });
        }
        // Only the new bytes (and the three before them) can complete the terminator.
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&buf[from..]) {
            buf.truncate(from + end);
            if buf.len() > MAX_HEAD {
                return Ok(Incoming::Refused(HEAD_TOO_LARGE));
            }
            return Ok(Incoming::Head(buf));
        }
        if !buf.contains(&b'\n') && buf.len() > MAX_REQUEST_LINE {
            return Ok(Incoming::Refused(LINE_TOO_LONG));
        }
        if buf.len() > MAX_HEAD {
            return Ok(Incoming::Refused(HEAD_TOO_LARGE));
        }
    }
}

const LINE_TOO_LONG: Refusal = refuse(414, "the request line is longer than 8 KiB");
const HEAD_TOO_LARGE: Refusal = refuse(
    431,
    "the request head is larger than 16 KiB or has more than 100 header lines",
);

const TOO_SLOW: Refusal = refuse(
    408,
    "the request head did not arrive in time; the connection is closed",
);

/// Where the head ends in `buf`: before `\r\n\r\n` or `\n\n`.
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    /// `GET`, `HEAD`…
    pub method: String,
    /// As sent: `/sources/x/?q=1`.
    pub target: String,
    /// `1` for HTTP/1.1, `0` for HTTP/1.0.
    pub minor: u8,
    /// Header names (lower case) and values (trimmed), in order.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// Every value of a header (name in lower case).
    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

const MALFORMED: Refusal = refuse(400, "malformed request");
const CONTROL: Refusal = refuse(
    400,
    "the request head contains a control character (CR, LF, NUL…) where none is allowed",
);

/// Parses a head; the request line must be `METHOD SP target SP HTTP/1.x`, every line free of
/// control characters (a tab is allowed inside a header value), every header `name: value`.
pub fn parse(head: &[u8]) -> Result<Head, Refusal> {
    if head.len() > MAX_HEAD {
        return Err(HEAD_TOO_LARGE);
    }
    let text = std::str::from_utf8(head).map_err(|_| MALFORMED)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().ok_or(MALFORMED)?;
    if line.len() > MAX_REQUEST_LINE {
        return Err(LINE_TOO_LONG);
    }
    if line.chars().any(char::is_control) {
        return Err(CONTROL);
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(MALFORMED);
    };
    let minor = match version {
        "HTTP/1.1" => 1,
        "HTTP/1.0" => 0,
        _ => return Err(MALFORMED),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err(MALFORMED);
    }
    let mut headers = Vec::new();
    for line in lines {
        if headers.len() == MAX_HEADERS {
            return Err(HEAD_TOO_LARGE);
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Err(CONTROL);
        }
        let (name, value) = line.split_once(':').ok_or(MALFORMED)?;
        // No folded lines, no space before the colon (RFC 9112 §5.1): both are smuggling tools.
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(MALFORMED);
        }
        headers.push((
            name.to_ascii_lowercase(),
            value.trim_matches([' ', '\t']).to_string(),
        ));
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        minor,
        headers,
    })
}

fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_parse_strictly() {
        let head = parse(b"GET /a/b?c HTTP/1.1\r\nHost: x:1\r\nX-A:  b\t").unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/a/b?c");
        assert_eq!(head.minor, 1);
        assert_eq!(head.all("host").collect::<Vec<_>>(), ["x:1"]);
        assert_eq!(head.all("x-a").collect::<Vec<_>>(), ["b"]);
        for bad in [
            &b"GET /a b HTTP/1.1"[..],
            b"GET /a",
            b"get / HTTP/1.1",
            b"GET / SPDY/3",
            b"GET / HTTP/2.0",
            b"\xff\xfe",
            b"",
            b"GET / HTTP/1.1\r\n folded",
            b"GET / HTTP/1.1\r\nHost : x",
            b"GET / HTTP/1.1\r\nno colon",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn control_characters_are_refused_anywhere() {
        for bad in [
            &b"GET /a?x\ry HTTP/1.1"[..],
            b"GET /a?x\0y HTTP/1.1",
            b"GET /a?x\x1by HTTP/1.1",
            b"GET / HTTP/1.1\r\nX: a\rb",
            b"GET / HTTP/1.1\r\nX: a\x7fb",
        ] {
            assert_eq!(parse(bad).unwrap_err().status, 400);
        }
    }

    #[test]
    fn too_many_headers_are_refused() {
        let mut head = String::from("GET / HTTP/1.1");
        for i in 0..=MAX_HEADERS {
            head.push_str(&format!("\r\nX-{i}: v"));
        }
        assert_eq!(parse(head.as_bytes()).unwrap_err().status, 431);
        let big = format!("GET / HTTP/1.1\r\nX: {}", "b".repeat(MAX_HEAD));
        assert_eq!(parse(big.as_bytes()).unwrap_err().status, 431);
    }

    #[test]
    fn the_end_of_the_head_is_found() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nA: b\r\n\r\nbody"), Some(20));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n"), Some(14));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
