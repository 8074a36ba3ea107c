//! A small HTTP/1.1 server over std sockets: one thread per connection, one request per
//! connection, GET and HEAD only. Enough for a local preview, and nothing that touches the disk.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use super::overlay;
use super::reload::Signal;
use super::route::{self, Route};
use super::state::State;

const MAX_HEAD: usize = 16 * 1024;
const IO_TIMEOUT: Duration = Duration::from_secs(10);
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Accepts connections until the process ends.
pub fn serve(listener: TcpListener, state: Arc<State>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors or similar: wait instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let state = state.clone();
        let _ = std::thread::Builder::new()
            .name("annales-conn".into())
            .spawn(move || {
                let _ = handle(stream, &state);
            });
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq)]
struct Request {
    method: String,
    target: String,
}

fn handle(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let head = match read_head(&mut stream)? {
        Some(h) => h,
        None => return respond_text(&mut stream, 431, "request head too large", false),
    };
    let req = match parse_head(&head) {
        Some(r) => r,
        None => return respond_text(&mut stream, 400, "malformed request", false),
    };
    let head_only = req.method == "HEAD";
    if req.method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            &[("Allow", "GET, HEAD")],
            b"method not allowed\n",
            false,
        );
    }
    let snap = state.snapshot();
    match route::resolve(&req.target, &snap.files) {
        Route::Events => event_stream(stream, state),
        Route::File(key) => {
            let bytes = &snap.files[&key];
            let ctype = route::content_type(&key);
            let body = if ctype.starts_with("text/html") {
                overlay::inject(bytes, snap.version, snap.error.as_deref())
            } else {
                bytes.clone()
            };
            respond(&mut stream, 200, ctype, &[], &body, head_only)
        }
        Route::Redirect(location) => respond(
            &mut stream,
            301,
            "text/plain; charset=utf-8",
            &[("Location", &location)],
            b"moved\n",
            head_only,
        ),
        Route::NotFound => {
            let page = match snap.files.get("404.html") {
                Some(p) => p.clone(),
                None if snap.files.is_empty() => overlay::plain_page(
                    "No site yet",
                    "The site has not built successfully yet: fix the error shown below and save.",
                ),
                None => overlay::plain_page("Not found", "There is no page at this address."),
            };
            let body = overlay::inject(&page, snap.version, snap.error.as_deref());
            respond(
                &mut stream,
                404,
                "text/html; charset=utf-8",
                &[],
                &body,
                head_only,
            )
        }
        Route::BadRequest(why) => respond_text(&mut stream, 400, why, head_only),
    }
}

/// Reads up to the blank line that ends the head; `None` when it is too large.
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = find(&buf, b"\r\n\r\n").or_else(|| find(&buf, b"\n\n")) {
            buf.truncate(end);
            return Ok(Some(buf));
        }
        if buf.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            // The peer closed early: answer what we have, if it is a request line at all.
            return Ok(Some(buf));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn parse_head(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let line = text.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some()
        || !version.starts_with("HTTP/1.")
        || method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || target.is_empty()
    {
        return None;
    }
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn respond_text(
    stream: &mut TcpStream,
    status: u16,
    text: &str,
    head_only: bool,
) -> std::io::Result<()> {
    let body = format!("{text}\n");
    respond(
        stream,
        status,
        "text/plain; charset=utf-8",
        &[],
        body.as_bytes(),
        head_only,
    )
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    extra: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "",
    }
}

/// Holds the connection open and forwards reload signals until the page goes away.
fn event_stream(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    let rx = state.reload.subscribe();
    let version = state.snapshot().version;
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
Connection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    stream.write_all(Signal::Hello { version }.frame().as_bytes())?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(KEEPALIVE) {
            Ok(frame) => stream.write_all(frame.as_bytes())?,
            // A comment line keeps proxies and the browser from timing out, and finds dead peers.
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": keepalive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_parse_strictly() {
        assert_eq!(
            parse_head(b"GET /a/b?c HTTP/1.1\r\nHost: x"),
            Some(Request {
                method: "GET".into(),
                target: "/a/b?c".into()
            })
        );
        assert_eq!(parse_head(b"GET /a b HTTP/1.1"), None);
        assert_eq!(parse_head(b"GET /a"), None);
        assert_eq!(parse_head(b"get / HTTP/1.1"), None);
        assert_eq!(parse_head(b"GET / SPDY/3"), None);
        assert_eq!(parse_head(b"\xff\xfe"), None);
        assert_eq!(parse_head(b""), None);
    }
}
