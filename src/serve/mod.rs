//! `annales serve`: build, serve over HTTP from memory, watch the site, rebuild what a change
//! needs, and reload the browser; on a failed rebuild keep serving the last good site and show
//! the error in the page.

pub(crate) mod csp;
pub(crate) mod head;
pub(crate) mod hosts;
pub(crate) mod http;
pub(crate) mod overlay;
pub mod rebuild;
pub(crate) mod redact;
pub(crate) mod reload;
pub(crate) mod route;
pub(crate) mod slots;
pub mod state;
pub mod watch;

use std::collections::BTreeSet;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use crate::config::Config;
use crate::lang::Lang;
use crate::site::BuildOptions;
use rebuild::{Rebuilder, Rebuilt};
use state::State;
use watch::Change;

/// How long a client has to send a whole request head, unless told otherwise.
pub const DEFAULT_HEAD_TIMEOUT: Duration = head::HEAD_TIMEOUT;

/// How `annales serve` runs (the command line's options; the binary parses them).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Interface to bind.
    pub interface: String,
    /// Port to listen on (0: any free port; the address is printed).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Include draft articles.
    pub drafts: bool,
    /// How long a client has to send a whole request head.
    pub head_timeout: Duration,
}

impl ServeOptions {
    /// The defaults of the command line: this machine only, port 1111.
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            interface: "127.0.0.1".into(),
            port: 1111,
            open: false,
            drafts: false,
            head_timeout: DEFAULT_HEAD_TIMEOUT,
        }
    }
}

/// Runs `annales serve` until Ctrl-C.
pub fn run(args: &ServeOptions) -> anyhow::Result<()> {
    let root = args.root.canonicalize().with_context(|| {
        format!(
            "--root {}: no such folder; pass the folder that holds site.toml",
            args.root.display()
        )
    })?;
    if !root.join("site.toml").is_file() {
        anyhow::bail!(
            "{}: there is no site.toml here; pass the site folder with --root, or create a site with `annales init DIR`",
            root.display()
        );
    }
    let listener = bind(&args.interface, args.port)?;
    let addr = listener.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!("warning: serving on {addr}: other machines on the network can see this preview");
    }

    let state = Arc::new(State::default());
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        // Relative links, so the preview never points at the published site.
        base_url: Some(String::new()),
        drafts: args.drafts,
    };
    let mut rebuilder = Rebuilder::new(opts.clone());
    let mut publisher = Publisher::new(state.clone(), &args.root, &root);
    say(&format!("Building {}…", root.display()));
    let result = guarded(&mut rebuilder, &opts, Change::Config);
    publisher.apply(result, "Built", || guarded_data(&rebuilder));

    // Watch before announcing the address, so that no save after it goes unnoticed.
    let site_watch = match watch::SiteWatch::new(&root) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "error: cannot watch {}: {e:#}; still serving, but changes need a restart",
                root.display()
            );
            None
        }
    };
    // Installed before the address is printed: whoever reads it may press Ctrl-C at once.
    let (stop_tx, stop_rx) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .context("installing the Ctrl-C handler")?;
    let url = local_url(addr);
    say(&format!(
        "Serving {} at {url} (Ctrl-C to stop)",
        root.display()
    ));
    let http_state = state.clone();
    let http_options = http::Options {
        head_timeout: args.head_timeout.max(Duration::from_millis(1)),
        allowed: hosts::Allowed::new(&args.interface),
    };
    std::thread::Builder::new()
        .name("annales-http".into())
        .spawn(move || http::serve(listener, http_state, http_options))?;
    if let Some(site_watch) = site_watch {
        std::thread::Builder::new()
            .name("annales-watch".into())
            .spawn(move || {
                site_watch.run(|change| {
                    let result = guarded(&mut rebuilder, &opts, change);
                    publisher.apply(result, "Rebuilt", || guarded_data(&rebuilder));
                })
            })?;
    }

    if args.open {
        open_browser(&url);
    }
    let _ = stop_rx.recv();
    say("Stopped.");
    Ok(())
}

/// Rebuilds, turning a panic (a bug) into an error shown like any other, so that the watch
/// thread survives it; the rebuilder starts afresh, since its caches may be half updated.
fn guarded(
    rebuilder: &mut Rebuilder,
    opts: &BuildOptions,
    change: Change,
) -> anyhow::Result<Rebuilt> {
    let attempt =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rebuilder.rebuild(change)));
    attempt.unwrap_or_else(|panic| {
        *rebuilder = Rebuilder::new(opts.clone());
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(anyhow::anyhow!(
            "internal error while rebuilding ({what}); this is a bug in Annales, please report \
it with the file you changed; save again to retry"
        ))
    })
}

/// The data files of the last rebuild, a panic turned into an error as in [`guarded`].
fn guarded_data(rebuilder: &Rebuilder) -> anyhow::Result<state::Files> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rebuilder.data_files()))
        .unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "internal error while writing the data files; this is a bug in Annales, please \
report it with the file you changed; save again to retry"
            ))
        })
}

/// Turns rebuild results into published snapshots and console lines.
struct Publisher {
    state: Arc<State>,
    warnings: BTreeSet<String>,
    /// The site root as given and as resolved: removed from messages shown in the page.
    roots: [PathBuf; 2],
    home: Option<PathBuf>,
    /// Whether the inline-script warning was given for the current output.
    warned_inline: bool,
}

impl Publisher {
    fn new(state: Arc<State>, given: &Path, root: &Path) -> Publisher {
        let given = std::path::absolute(given).unwrap_or_else(|_| given.to_path_buf());
        Publisher {
            state,
            warnings: BTreeSet::new(),
            roots: [given, root.to_path_buf()],
            home: std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(PathBuf::from),
            warned_inline: false,
        }
    }

    /// Says once, until it is fixed, that the preview blocks inline scripts.
    fn warn_inline_scripts(&mut self, files: &state::Files) {
        let mut pages: Vec<&str> = files
            .iter()
            .filter(|(k, v)| {
                route::content_type(k).starts_with("text/html") && csp::has_inline_script(v)
            })
            .map(|(k, _)| k.as_str())
            .collect();
        pages.sort_unstable();
        if let Some(first) = pages.first() {
            if !self.warned_inline {
                eprintln!(
                    "warning: {} page{} ({first}{}) ha{} an inline <script>, which the preview's \
Content-Security-Policy blocks: move it to a .js file in static/ (what `annales build` writes is \
not changed)",
                    pages.len(),
                    if pages.len() == 1 { "" } else { "s" },
                    if pages.len() > 1 { ", …" } else { "" },
                    if pages.len() == 1 { "s" } else { "ve" },
                );
            }
            self.warned_inline = true;
        } else {
            self.warned_inline = false;
        }
    }

    /// The language of the site's own words in the page after a failed rebuild, read afresh:
    /// site.toml may be what changed (a successful rebuild says its own).
    fn site_lang(&self) -> Option<Lang> {
        Config::language_at(&self.roots[1].join("site.toml"))
    }

    /// Publishes a rebuild: its pages first, with the reload signal, then the data files that
    /// `data` makes (the edit shows as soon as its pages are ready; a request for a data file
    /// meanwhile waits for the new one).
    fn apply(
        &mut self,
        result: anyhow::Result<Rebuilt>,
        verb: &str,
        data: impl Fn() -> anyhow::Result<state::Files>,
    ) {
        match result {
            Ok(rebuilt) => {
                if rebuilt.reloaded {
                    // Only new warnings: a long list repeated on every save hides what changed.
                    let now: BTreeSet<String> = rebuilt.warnings.iter().cloned().collect();
                    for w in now.difference(&self.warnings) {
                        eprintln!("warning: {w}");
                    }
                    self.warnings = now;
                }
                let snap = self.state.snapshot();
                // Same pages: whether anything changed is the data files' to tell, so they are
                // made first.
                let mut made = None;
                if snap.error.is_none() && snap.version > 0 && *snap.files == rebuilt.files {
                    match data() {
                        Ok(d) if *snap.data == d => {
                            say(&format!("{verb}: {rebuilt}; the output did not change"));
                            return;
                        }
                        Ok(d) => made = Some(d),
                        Err(e) => return self.fail(e),
                    }
                }
                say(&format!("{verb}: {rebuilt}"));
                self.warn_inline_scripts(&rebuilt.files);
                let coming = crate::render::data_paths().map(str::to_string).collect();
                self.state
                    .publish_pages(rebuilt.files, Some(rebuilt.lang), coming);
                match made.map_or_else(&data, Ok) {
                    Ok(d) => self.state.publish_data(d),
                    Err(e) => self.fail(e),
                }
            }
            Err(e) => self.fail(e),
        }
    }

    /// Shows a failed rebuild, keeping the last good files.
    fn fail(&mut self, e: anyhow::Error) {
        let message = format!("{e:#}");
        eprintln!("{}", crate::site::report::error_lines(&e));
        eprintln!("  (still serving the last good version; fix the file and save)");
        let roots = [self.roots[0].as_path(), self.roots[1].as_path()];
        self.state.publish_error(
            redact::paths(&message, &roots, self.home.as_deref()),
            self.site_lang(),
        );
    }
}

/// Prints a line on stdout; a closed stdout is no reason to stop serving.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn bind(interface: &str, port: u16) -> anyhow::Result<TcpListener> {
    let addrs: Vec<SocketAddr> = (interface, port)
        .to_socket_addrs()
        .with_context(|| {
            format!("--interface {interface}: not an address of this machine (try 127.0.0.1)")
        })?
        .collect();
    TcpListener::bind(&addrs[..]).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "{interface}:{port} is already in use (another `annales serve`?): choose another port \
with --port, for example --port {}, or --port 0 for any free one",
            port.checked_add(1).unwrap_or(1111)
        ),
        std::io::ErrorKind::PermissionDenied => anyhow::anyhow!(
            "{interface}:{port}: permission denied (ports below 1024 need privileges): \
use --port 1111"
        ),
        std::io::ErrorKind::AddrNotAvailable => anyhow::anyhow!(
            "--interface {interface}: not an address of this machine (try 127.0.0.1)"
        ),
        _ => anyhow::Error::new(e).context(format!("listening on {interface}:{port}")),
    })
}

/// The URL to print and open: an unspecified address (0.0.0.0) is reached through loopback.
fn local_url(addr: SocketAddr) -> String {
    let mut shown = addr;
    if addr.ip().is_unspecified() {
        shown.set_ip(if addr.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    format!("http://{shown}/")
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_in_use_suggests_another() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = bind("127.0.0.1", port).unwrap_err().to_string();
        assert!(err.contains("already in use"), "{err}");
        assert!(err.contains("--port"), "{err}");
    }

    #[test]
    fn the_printed_url_is_reachable() {
        assert_eq!(
            local_url("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(local_url("[::1]:80".parse().unwrap()), "http://[::1]:80/");
    }
}
