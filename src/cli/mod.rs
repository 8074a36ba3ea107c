//! The command line's own parts: argument structs (clap) and the `dates` command, kept out of
//! the library so that it exposes plain options only.

pub(crate) mod dates;

use std::path::PathBuf;
use std::time::Duration;

use annales::serve::ServeOptions;

/// Arguments of `annales serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Site root.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Interface to bind (only this machine by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include draft articles.
    #[arg(long)]
    pub drafts: bool,
    /// Milliseconds a client has to send a whole request head (tests shorten it).
    #[arg(long, hide = true, default_value_t = annales::serve::DEFAULT_HEAD_TIMEOUT.as_millis() as u64)]
    pub head_timeout_ms: u64,
}

impl ServeArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            root: self.root.clone(),
            interface: self.interface.clone(),
            port: self.port,
            open: self.open,
            drafts: self.drafts,
            head_timeout: Duration::from_millis(self.head_timeout_ms),
        }
    }
}
