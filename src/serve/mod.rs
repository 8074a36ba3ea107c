//! `annales serve`: build, serve over HTTP, watch and rebuild, reload the browser.

use std::path::PathBuf;

/// Arguments of `annales serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Site root.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Interface to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include draft articles.
    #[arg(long)]
    pub drafts: bool,
}

/// Runs `annales serve` until Ctrl-C.
pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("annales serve is not built yet: use `annales build` and any static server")
}
