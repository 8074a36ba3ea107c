//! No request reaches outside the served site: traversal in every spelling, absolute paths and
//! symlinks get 400 or 404, never a file from the disk. And the preview holds against a hostile
//! page or client: only loopback Host and Origin, no header injection, bounded connections, a
//! deadline for slow heads, strict security headers, no absolute path shown in the page.

mod serve_support;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serve_support::{WAIT, site, start, start_with};

/// The server's connection cap (`http::MAX_CONNECTIONS`).
const MAX_CONNECTIONS: usize = 64;

const SECRET: &str = "SECRET-7d1f9c";

#[test]
fn traversal_requests_get_400_or_404_and_no_file() {
    let site = site();
    // Beside the site root, and inside it but outside what is served.
    std::fs::write(site.dir.path().join("secret.txt"), SECRET).unwrap();
    site.write("notes/secret.txt", SECRET);
    let server = start(&site.root);
    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/sources/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/notes/secret.txt",
        "/site.toml",
        "/content/first.md",
        "//etc/passwd",
        "/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/secret.txt%00.html",
        "/%zz",
        "etc/passwd",
        "http://localhost/../secret.txt",
        "*",
    ] {
        let (status, response) = server.raw("GET", target);
        assert!(
            status == 400 || status == 404,
            "{target}: status {status}\n{response}"
        );
        assert!(!response.contains(SECRET), "{target} leaked the secret");
        assert!(
            !response.contains("root:x:0"),
            "{target} leaked /etc/passwd"
        );
        assert!(
            !response.contains("Preview test\"\n"),
            "{target} leaked site.toml"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_served() {
    let site = site();
    let outside = site.dir.path().join("secret.txt");
    std::fs::write(&outside, SECRET).unwrap();
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("static/link.txt")).unwrap();
    std::os::unix::fs::symlink(site.dir.path(), site.root.join("static/up")).unwrap();
    let server = start(&site.root);
    for target in ["/link.txt", "/up/secret.txt"] {
        let (status, response) = server.raw("GET", target);
        assert_eq!(status, 404, "{target}");
        assert!(!response.contains(SECRET), "{target} leaked the secret");
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let site = site();
    let server = start(&site.root);
    let (status, head) = server.raw("HEAD", "/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html"));
    assert!(!head.contains("<html"), "HEAD sent a body");
    let (status, response) = server.raw("POST", "/");
    assert_eq!(status, 405);
    assert!(response.contains("Allow: GET, HEAD"));
}

#[test]
fn responses_are_not_sniffed_or_cached() {
    let site = site();
    let server = start(&site.root);
    let (_, response) = server.raw("GET", "/timeline.json");
    assert!(response.contains("Content-Type: application/json"));
    assert!(response.contains("X-Content-Type-Options: nosniff"));
    assert!(response.contains("Cache-Control: no-store"));
}

fn port(server: &serve_support::Server) -> String {
    server.addr().rsplit(':').next().unwrap().to_string()
}

#[test]
fn only_loopback_hosts_are_answered() {
    let site = site();
    let server = start(&site.root);
    let port = port(&server);
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("192.168.1.20:{port}"),
    ] {
        let (status, text) = server
            .get_with("/", &[&format!("Host: {host}")])
            .expect("no answer");
        assert!(
            status == 421 || status == 403,
            "Host {host}: {status}\n{text}"
        );
        assert!(
            !text.contains("Preview test"),
            "the site was served to {host}"
        );
    }
    let (status, _) = server.get_with("/", &[]).expect("no answer");
    assert_eq!(status, 400, "an HTTP/1.1 request without Host");
    for host in [
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
        format!("[::1]:{port}"),
        format!("127.8.9.10:{port}"),
    ] {
        let (status, text) = server
            .get_with("/", &[&format!("Host: {host}")])
            .expect("no answer");
        assert_eq!(status, 200, "Host {host}\n{text}");
        assert!(text.contains("Preview test"));
    }
}

fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    serve_support::read_bounded(stream, Some(needle))
}

#[test]
fn the_reload_stream_and_pages_refuse_other_origins() {
    let site = site();
    let server = start(&site.root);
    let host = format!("Host: {}", server.addr());
    let port = port(&server);
    for headers in [
        vec![host.clone(), "Origin: http://evil.example".into()],
        vec![host.clone(), format!("Origin: http://evil.example:{port}")],
        vec![host.clone(), "Origin: null".into()],
        vec![host.clone(), format!("Origin: https://127.0.0.1:{port}")],
        vec![
            host.clone(),
            "Sec-Fetch-Site: cross-site".into(),
            "Sec-Fetch-Mode: no-cors".into(),
        ],
        vec![format!("Host: evil.example:{port}")],
    ] {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        for target in ["/__annales/events", "/", "/timeline.json"] {
            let (status, text) = server.get_with(target, &headers).expect("no answer");
            assert!(
                status == 403 || status == 421,
                "{target} {headers:?}: {status}\n{text}"
            );
            assert!(!text.contains("event: hello"), "{headers:?} got the stream");
        }
    }
    // The preview's own origin gets the stream.
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "GET /__annales/events HTTP/1.1\r\n{host}\r\nOrigin: http://{}\r\n\r\n",
        server.addr()
    )
    .unwrap();
    let text = read_until(&mut stream, "event: hello");
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("event: hello"), "{text}");
    assert!(text.contains("X-Frame-Options: DENY"), "{text}");
}

#[test]
fn control_characters_in_a_query_never_reach_a_header() {
    let site = site();
    let server = start(&site.root);
    for target in [
        "/sources/first?a\rSet-Cookie: injected=1",
        "/sources/first?a\r\nSet-Cookie: injected=1",
        "/sources/first?a%0d%0aSet-Cookie:%20injected=1",
        "/sources/first?a%0D%0ASet-Cookie: injected=1",
        "/sources/first?a\0Set-Cookie: injected=1",
        "/sources/first?a\x0bb",
        "/sources/first?\u{e9}t\u{e9}",
    ] {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr()
        );
        let (status, text) = server.send(request.as_bytes()).expect("no answer");
        assert!(
            status == 301 || status == 400,
            "{target:?}: {status}\n{text}"
        );
        let head = text.split("\r\n\r\n").next().unwrap();
        for line in head.split("\r\n") {
            assert!(
                !line.contains(['\r', '\n', '\0']),
                "{target:?}: a control character in a header line: {line:?}"
            );
            assert!(
                !line.to_ascii_lowercase().starts_with("set-cookie"),
                "{target:?}: an injected header\n{head}"
            );
            if let Some(location) = line.strip_prefix("Location: ") {
                assert!(
                    location.bytes().all(|b| b.is_ascii_graphic()),
                    "{target:?}: {location:?}"
                );
                assert!(location.starts_with("/sources/first/?"), "{location}");
            }
        }
    }
}

/// Threads of a process, from /proc.
#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn the_connection_cap_holds_and_the_server_recovers() {
    let site = site();
    // A long head deadline: the idle sockets below must not be cut while the test runs.
    let server = start_with(&site.root, &["--head-timeout-ms", "120000"]);
    let host = format!("Host: {}", server.addr());
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS + 100)
        .map(|_| TcpStream::connect(server.addr()).unwrap())
        .collect();
    // Over the cap: a 503, or the connection closed without an answer; never a hang.
    let probe = server.get_with("/", &[&host]);
    assert!(
        matches!(probe, None | Some((503, _))),
        "over the cap: {probe:?}"
    );
    #[cfg(target_os = "linux")]
    {
        let n = threads(server.pid());
        assert!(
            n < MAX_CONNECTIONS + 40,
            "{n} threads for {} sockets",
            idle.len()
        );
    }
    drop(idle);
    let deadline = Instant::now() + WAIT;
    loop {
        match server.get_with("/", &[&host]) {
            Some((200, text)) => {
                assert!(text.contains("Preview test"));
                break;
            }
            other => {
                assert!(Instant::now() < deadline, "never answered again: {other:?}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

#[test]
fn a_slow_head_is_cut_at_the_deadline() {
    let site = site();
    let server = start_with(&site.root, &["--head-timeout-ms", "1000"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\n", server.addr()).unwrap();
    // One header line every 200 ms, for at most a minute: each read is quick, the head never
    // ends. Only a deadline for the whole head stops it before the read below gives up.
    let mut trickle = stream.try_clone().unwrap();
    std::thread::spawn(move || {
        for _ in 0..300 {
            std::thread::sleep(Duration::from_millis(200));
            if trickle.write_all(b"X-Slow: a\r\n").is_err() {
                break;
            }
        }
    });
    let text = read_until(&mut stream, "\r\n\r\n");
    assert!(text.starts_with("HTTP/1.1 408"), "{text:?}");
    // The server is still there for everyone else.
    let (status, _) = server
        .get_with("/", &[&format!("Host: {}", server.addr())])
        .expect("no answer");
    assert_eq!(status, 200);
}

#[test]
fn oversized_heads_are_refused() {
    let site = site();
    let server = start(&site.root);
    let long_target = format!("/{}", "a".repeat(9 * 1024));
    let (status, _) = server
        .get_with(&long_target, &[&format!("Host: {}", server.addr())])
        .expect("no answer");
    assert_eq!(status, 414);
    let big = format!("X-Big: {}", "b".repeat(17 * 1024));
    let (status, _) = server
        .get_with("/", &[&format!("Host: {}", server.addr()), &big])
        .expect("no answer");
    assert_eq!(status, 431);
}

fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.split("\r\n").find_map(|l| {
        let (n, v) = l.split_once(": ")?;
        n.eq_ignore_ascii_case(name).then_some(v)
    })
}

#[test]
fn pages_carry_a_strict_policy_and_no_inline_script() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let site = site();
    let server = start(&site.root);
    for target in [
        "/",
        "/sources/first/",
        "/no/such/page",
        "/timeline.json",
        "/%zz",
    ] {
        let (_, response) = server.raw("GET", target);
        let csp = header(&response, "Content-Security-Policy")
            .unwrap_or_else(|| panic!("{target}: no CSP\n{response}"));
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(csp.contains("script-src 'self';"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(
            header(&response, "X-Frame-Options"),
            Some("DENY"),
            "{target}"
        );
        assert_eq!(header(&response, "X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(header(&response, "Referrer-Policy"), Some("no-referrer"));
    }
    for target in ["/", "/no/such/page"] {
        let (_, page) = server.raw("GET", target);
        let body = page.split("\r\n\r\n").nth(1).unwrap();
        // Every script is a file (the policy runs no inline one), and no inline handler.
        for (i, _) in body.match_indices("<script") {
            let tag = &body[i..i + body[i..].find('>').unwrap()];
            assert!(tag.contains("src="), "{target}: inline script {tag}");
        }
        assert!(!body.contains("onclick="), "{target}");
        // Each inline <style> (the theme's 404 page has one) is allowed by its hash.
        let csp = header(&page, "Content-Security-Policy").unwrap();
        let mut rest = body;
        while let Some(i) = rest.find("<style>") {
            let text = &rest[i + 7..];
            let end = text.find("</style>").unwrap();
            let hash = base64::engine::general_purpose::STANDARD
                .encode(sha2::Sha256::digest(&text.as_bytes()[..end]));
            assert!(csp.contains(&format!("'sha256-{hash}'")), "{target}: {csp}");
            rest = &text[end..];
        }
    }
    let client = server.get("/__annales/client.js");
    assert_eq!(client.status, 200);
    assert_eq!(client.content_type, "text/javascript");
    assert!(client.body.contains("EventSource"));
    let style = server.get("/__annales/overlay.css");
    assert_eq!(style.content_type, "text/css");
}

#[test]
fn build_errors_in_the_page_show_no_absolute_path() {
    let site = site();
    let server = start(&site.root);
    let events = server.events();
    let tmp = site.dir.path().to_str().unwrap().to_string();
    let real = site.dir.path().canonicalize().unwrap();
    let real = real.to_str().unwrap().to_string();
    let hidden = |text: &str, what: &str| {
        assert!(!text.contains(&tmp), "{what} shows {tmp}: {text}");
        assert!(!text.contains(&real), "{what} shows {real}: {text}");
    };
    // Both errors name the file by its absolute path in the terminal.
    for (file, text, shown) in [
        (
            "site.toml",
            "title = \"Preview test\"\nlanguage = = \"en\"\n",
            "site.toml:2",
        ),
        (
            "site.toml",
            "title = \"Preview test\"\ntheme = \"nope\"\n",
            "themes/nope",
        ),
    ] {
        site.write(file, text);
        let (event, data) = events.next();
        assert_eq!(event, "build-error", "{data}");
        assert!(data.contains(shown), "{data}");
        hidden(&data, "the build-error event");
        let home = server.get("/").body;
        assert!(home.contains("<div id=\"annales-error-overlay\""));
        hidden(&home, "the overlay");
    }
}

/// The server's cap on reload streams (`http::MAX_STREAMS`).
const MAX_STREAMS: usize = 32;

#[test]
fn reload_streams_have_their_own_cap_and_leave_pages_served() {
    let site = site();
    let server = start(&site.root);
    let host = format!("Host: {}", server.addr());
    let request = format!("GET /__annales/events HTTP/1.1\r\n{host}\r\n\r\n");
    // More open pages than connection slots: streams do not take them.
    let mut open = Vec::new();
    for _ in 0..MAX_STREAMS {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let text = read_until(&mut stream, "event: hello");
        assert!(text.contains("event: hello"), "{text}");
        open.push(stream);
    }
    let (status, text) = server.send(request.as_bytes()).expect("no answer");
    assert_eq!(status, 503, "{text}");
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS - 1)
        .map(|_| TcpStream::connect(server.addr()).unwrap())
        .collect();
    let (status, _) = server.get_with("/", &[&host]).expect("no answer");
    assert_eq!(
        status, 200,
        "the streams and idle sockets left no slot for a page"
    );
    drop(idle);
    // The open pages still hear about changes.
    site.write("static/extra.css", "p { color: teal }\n");
    let text = read_until(&mut open[0], "event: reload");
    assert!(text.contains("event: reload"), "{text}");
}
