//! `annales dates`: run the tagger on a file, stdin, or a JSONL gold corpus.

use std::path::PathBuf;

/// Arguments of `annales dates`.
#[derive(Debug, Clone, clap::Args)]
pub struct DatesArgs {
    /// Language of the text.
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Document creation time (reference date), YYYY-MM-DD.
    #[arg(long)]
    pub dct: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Read documents `{id, lang, dct, text}` from this JSON Lines file and print one line of
    /// predictions per document.
    #[arg(long, value_name = "GOLD.jsonl")]
    pub jsonl: Option<PathBuf>,
    /// File to tag, or `-` for standard input.
    pub file: Option<PathBuf>,
}

/// Runs `annales dates`.
pub fn run(args: &DatesArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("annales dates: the temporal tagger is not built yet")
}
