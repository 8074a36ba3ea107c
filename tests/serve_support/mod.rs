//! Shared by the `serve_*` integration tests: a temporary site, the real `annales serve` on a
//! free port (killed on drop), an HTTP client and a reader of the reload event stream. Every wait
//! is bounded.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Generous: debug builds on a busy machine; a passing run waits far less.
pub const WAIT: Duration = Duration::from_secs(60);

/// A small site in a temporary folder (`root` is `<tmp>/site`, so `<tmp>` is outside it).
pub struct TestSite {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub fn site() -> TestSite {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Preview test\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/first.md"),
        "+++\ntitle = \"First article\"\ndate = 2024-03-04\n+++\n\nOn Monday 4 March 2024, the council voted the new budget.\n",
    )
    .unwrap();
    TestSite { dir, root }
}

impl TestSite {
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The running server; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub output: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve_command(root: &Path, port: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annales"));
    cmd.args(["serve", "--port", port, "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Starts `annales serve` and waits for the address it prints.
pub fn start(root: &Path) -> Server {
    start_with(root, &[])
}

/// Like [`start`], with more arguments for `annales serve`.
pub fn start_with(root: &Path, args: &[&str]) -> Server {
    let mut child = serve_command(root, "0").args(args).spawn().unwrap();
    let (tx, rx) = channel();
    let outputs = [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ];
    // From here on the guard kills the child, whatever happens.
    let mut server = Server {
        child,
        base: String::new(),
        output: rx,
    };
    for stream in outputs {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = server.output.recv_timeout(left) else {
            panic!("serve printed no address; output so far: {seen:#?}");
        };
        if let Some(at) = line.find("http://") {
            server.base = line[at..]
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            return server;
        }
        seen.push(line);
    }
}

/// A response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: String,
}

impl Server {
    /// GET without following redirects.
    pub fn get(&self, path: &str) -> Reply {
        let agent = ureq::AgentBuilder::new()
            .redirects(0)
            .timeout(Duration::from_secs(30))
            .build();
        let resp = match agent.get(&format!("{}{path}", self.base)).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {path}: {e}"),
        };
        Reply {
            status: resp.status(),
            content_type: resp.content_type().to_string(),
            location: resp.header("location").map(str::to_string),
            body: resp.into_string().unwrap(),
        }
    }

    /// Sends a request line exactly as given (no client-side normalisation) and returns the
    /// status and the whole response.
    pub fn raw(&self, method: &str, target: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"));
        (status, text)
    }

    /// `127.0.0.1:port`.
    pub fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Sends `bytes` as they are and reads the whole answer (bounded); `None` when the server
    /// closed the connection without a status line.
    pub fn send(&self, bytes: &[u8]) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(self.addr()).unwrap();
        let _ = stream.write_all(bytes);
        let text = read_bounded(&mut stream, None);
        let status = text.split_whitespace().nth(1)?.parse().ok()?;
        Some((status, text))
    }

    /// A GET of `target` with these header lines (each without its CRLF).
    pub fn get_with(&self, target: &str, headers: &[&str]) -> Option<(u16, String)> {
        let mut head = format!("GET {target} HTTP/1.1\r\n");
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        head.push_str("Connection: close\r\n\r\n");
        self.send(head.as_bytes())
    }

    /// Subscribes to the reload stream; returns once the server has greeted it, so that any
    /// change made afterwards is reported on it.
    pub fn events(&self) -> Events {
        let addr = self.base.trim_start_matches("http://").to_string();
        let mut stream = TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "GET /__annales/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            let mut data = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(v) = line.strip_prefix("event: ") {
                    event = v.to_string();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = v.to_string();
                } else if line.is_empty()
                    && !event.is_empty()
                    && tx
                        .send((std::mem::take(&mut event), std::mem::take(&mut data)))
                        .is_err()
                {
                    break;
                }
            }
        });
        let events = Events { rx };
        events.wait_for("hello");
        events
    }
}

/// The reload stream, as (event, data) pairs.
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// Waits (bounded) for the next event named `name`, skipping others; returns its data.
    pub fn wait_for(&self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(_) => panic!("no `{name}` event within {WAIT:?}"),
            }
        }
    }

    /// Waits (bounded) for the next reload or build error, whichever comes first.
    pub fn next(&self) -> (String, String) {
        self.rx
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no event within {WAIT:?}"))
    }
}

impl Server {
    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits (bounded) for the process to exit by itself.
    pub fn wait_exit(mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Reads until the peer closes, `needle` shows up, or 30 s pass in all (an endless stream, such
/// as the reload stream with its keep-alives, cannot hold a test).
pub fn read_bounded(stream: &mut TcpStream, needle: Option<&str>) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut got = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if needle.is_some_and(|n| String::from_utf8_lossy(&got).contains(n)) {
            break;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}
