//! A small HTTP/1.1 server over std sockets: one request per connection, GET and HEAD only,
//! nothing that touches the disk. Built to survive a hostile page or client: a bounded number
//! of connection threads (the excess is told 503 by one helper thread), a deadline for the head
//! and for the response, Host and Origin checks, and strict security headers on every answer.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use super::csp;
use super::head::{self, Incoming, Refusal};
use super::hosts::Allowed;
use super::overlay;
use super::reload::Signal;
use super::route::{self, Route};
use super::slots::{Slot, Slots};
use super::state::State;

/// Connections handled at once (each has a thread); the next ones get 503 until one ends.
pub const MAX_CONNECTIONS: usize = 64;
/// Open reload streams (one per open page), counted apart so that pages keep reloading
/// whatever else is going on.
pub const MAX_STREAMS: usize = 32;
/// One write may take this long (a client that stopped reading).
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole response may take this long (a client that reads a byte at a time).
const RESPONSE_DEADLINE: Duration = Duration::from_secs(60);
/// How long a closing connection waits for the client's last bytes.
const LINGER: Duration = Duration::from_millis(200);
const KEEPALIVE: Duration = Duration::from_secs(15);
/// How long a request for a data file of a new version waits for it to be made (after that it
/// gets what is there: the file of the version before, or nothing).
const DATA_WAIT: Duration = Duration::from_secs(30);

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time for a request head to arrive.
    pub head_timeout: Duration,
    /// Who may make requests.
    pub allowed: Allowed,
}

const BUSY: Refusal = Refusal {
    status: 503,
    text: "annales serve is busy (64 connections open); try again in a moment",
};
const TOO_MANY_STREAMS: Refusal = Refusal {
    status: 503,
    text: "too many pages are listening for reloads (32); close some tabs and reload",
};

/// Accepts connections until the process ends.
pub fn serve(listener: TcpListener, state: Arc<State>, options: Options) {
    let options = Arc::new(options);
    let connections = Slots::new(MAX_CONNECTIONS);
    let streams = Slots::new(MAX_STREAMS);
    let busy = busy_helper();
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors or similar: wait instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let Some(slot) = connections.take() else {
            // A full queue means a flood: those are closed without an answer.
            let _ = busy.try_send(stream);
            continue;
        };
        let (state, options, streams) = (state.clone(), options.clone(), streams.clone());
        // If the thread cannot start, the closure is dropped: the socket closes, the slot frees.
        let _ = std::thread::Builder::new()
            .name("annales-conn".into())
            .spawn(move || {
                handle(stream, slot, &state, &options, &streams);
            });
    }
}

/// One thread that answers 503 to connections beyond the cap, so that the accept loop never
/// waits on a client.
fn busy_helper() -> SyncSender<TcpStream> {
    let (tx, rx) = sync_channel::<TcpStream>(MAX_CONNECTIONS);
    let _ = std::thread::Builder::new()
        .name("annales-busy".into())
        .spawn(move || {
            for mut stream in rx {
                let _ = refuse_busy(&mut stream);
            }
        });
    tx
}

fn refuse_busy(stream: &mut TcpStream) -> std::io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_millis(500)))?;
    refuse(stream, BUSY, false, &[("Retry-After", "1")])?;
    // Short: this one thread answers every connection over the cap.
    close_gracefully(stream, Duration::from_millis(20));
    Ok(())
}

/// Ends a connection after its answer: says so (FIN), then reads what the client still sends,
/// briefly and boundedly. Closing with unread bytes would reset the connection, and a client
/// may then lose the answer before reading it.
fn close_gracefully(stream: &mut TcpStream, linger: Duration) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + linger;
    let mut sink = [0u8; 4096];
    for _ in 0..16 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Answers one request, then closes the connection.
fn handle(
    mut stream: TcpStream,
    slot: Slot,
    state: &State,
    options: &Options,
    streams: &Arc<Slots>,
) {
    // Held until the socket is closed, so that lingering connections count too.
    let mut slot = Some(slot);
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_ok() {
        // An error here is the client's going away or being too slow: nothing to tell it.
        let _ = answer(&mut stream, &mut slot, state, options, streams);
    }
    close_gracefully(&mut stream, LINGER);
}

fn answer(
    stream: &mut TcpStream,
    slot: &mut Option<Slot>,
    state: &State,
    options: &Options,
    streams: &Arc<Slots>,
) -> std::io::Result<()> {
    let head = match head::read(stream, options.head_timeout)? {
        Incoming::Head(h) => h,
        Incoming::Closed => return Ok(()),
        Incoming::Refused(r) => return refuse(stream, r, false, &[]),
    };
    let req = match head::parse(&head) {
        Ok(r) => r,
        Err(r) => return refuse(stream, r, false, &[]),
    };
    let head_only = req.method == "HEAD";
    let local = stream.local_addr().ok().map(|a| a.ip());
    if let Err(r) = options.allowed.check(&req, local) {
        return refuse(stream, r, head_only, &[]);
    }
    if req.method != "GET" && !head_only {
        return respond(
            stream,
            405,
            "text/plain; charset=utf-8",
            &[("Allow", "GET, HEAD")],
            b"method not allowed\n",
            head_only,
        );
    }
    // A data file of the new version not made yet (they follow the pages): wait for it, within
    // the same bound as a slow client's request.
    if let Some(key) = route::file_key(&req.target) {
        state.wait_for(&key, DATA_WAIT);
    }
    let snap = state.snapshot();
    match route::resolve(&req.target, &*snap) {
        Route::Events => {
            let Some(stream_slot) = streams.take() else {
                return refuse(stream, TOO_MANY_STREAMS, head_only, &[]);
            };
            // A page's stream stays open as long as the page: it counts among the streams only.
            drop(slot.take());
            event_stream(stream, state, stream_slot)
        }
        Route::Asset(ctype, bytes) => respond(stream, 200, ctype, &[], &bytes, head_only),
        Route::File(key) => {
            let bytes = snap.file(&key).unwrap_or_default();
            let ctype = route::content_type(&key);
            let body = if ctype.starts_with("text/html") {
                overlay::inject(bytes, &snap)
            } else {
                bytes.to_vec()
            };
            respond(stream, 200, ctype, &[], &body, head_only)
        }
        Route::Redirect(location) => respond(
            stream,
            301,
            "text/plain; charset=utf-8",
            &[("Location", &location)],
            b"moved\n",
            head_only,
        ),
        Route::NotFound => {
            let words = overlay::words(&snap);
            let page = match snap.file("404.html") {
                Some(p) => p.to_vec(),
                None if snap.is_empty() => {
                    overlay::plain_page(&snap, &words.no_site_title, &words.no_site_text)
                }
                None => overlay::plain_page(&snap, &words.not_found_title, &words.not_found_text),
            };
            let body = overlay::inject(&page, &snap);
            respond(
                stream,
                404,
                "text/html; charset=utf-8",
                &[],
                &body,
                head_only,
            )
        }
        Route::BadRequest(why) => refuse(
            stream,
            Refusal {
                status: 400,
                text: why,
            },
            head_only,
            &[],
        ),
    }
}

fn refuse(
    stream: &mut TcpStream,
    refusal: Refusal,
    head_only: bool,
    extra: &[(&str, &str)],
) -> std::io::Result<()> {
    let body = format!("{}\n", refusal.text);
    respond(
        stream,
        refusal.status,
        "text/plain; charset=utf-8",
        extra,
        body.as_bytes(),
        head_only,
    )
}

/// The status line and the headers every response carries; `html` selects the page's policy.
fn head_lines(status: u16, content_type: &str, html: Option<&[u8]>) -> String {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nCache-Control: no-store\r\n\
Content-Security-Policy: {}\r\n",
        reason(status),
        csp::policy(html)
    );
    for (k, v) in csp::COMMON {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    extra: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let html = content_type.starts_with("text/html").then_some(body);
    let mut head = head_lines(status, content_type, html);
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    ));
    for (k, v) in extra {
        head.push_str(&format!("{k}: {}\r\n", header_value(v)));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        write_within(stream, body, Instant::now() + RESPONSE_DEADLINE)?;
    }
    stream.flush()
}

/// Writes `body` in pieces, giving up at `deadline` (a client reading a byte at a time must
/// not hold a connection slot for ever).
fn write_within(stream: &mut TcpStream, body: &[u8], deadline: Instant) -> std::io::Result<()> {
    for piece in body.chunks(64 * 1024) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left.min(WRITE_TIMEOUT)))?;
        stream.write_all(piece)?;
    }
    Ok(())
}

/// A header value without control characters (CR and LF would start a new header): the last
/// guard, whatever a route builds.
fn header_value(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Holds the connection open and forwards reload signals until the page goes away.
fn event_stream(stream: &mut TcpStream, state: &State, _slot: Slot) -> std::io::Result<()> {
    let rx = state.reload.subscribe();
    let version = state.snapshot().version;
    let mut head = head_lines(200, "text/event-stream", None);
    head.push_str("Connection: keep-alive\r\n\r\nretry: 500\n\n");
    stream.write_all(head.as_bytes())?;
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
    fn header_values_lose_control_characters() {
        assert_eq!(
            header_value("/a/?x\r\nSet-Cookie: y\0"),
            "/a/?xSet-Cookie: y"
        );
    }

    #[test]
    fn every_response_head_has_the_security_headers() {
        let head = head_lines(404, "text/html; charset=utf-8", Some(b"<p>x</p>"));
        for needle in [
            "Content-Security-Policy: default-src 'self'",
            "frame-ancestors 'none'",
            "X-Frame-Options: DENY",
            "X-Content-Type-Options: nosniff",
            "Referrer-Policy: no-referrer",
        ] {
            assert!(head.contains(needle), "{needle} missing from\n{head}");
        }
    }
}
