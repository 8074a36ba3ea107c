//! The `annales` command line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use annales::progress::{Progress, Stage};
use annales::site::{self, BuildOptions};

// A build allocates and frees millions of small strings across threads: mimalloc does that in
// about half the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

/// Keeps mimalloc off transparent huge pages for the rest of the process. It asks the kernel for
/// them on its arenas (Linux, THP in `madvise` mode, the common default), and then a 2 MiB page
/// stays resident as long as one small string lives in it: the peak memory of a 1,000-article
/// build was about 135 MiB with them and 90 MiB without, in the same time.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Turn a folder of news articles into a sourced, dated event timeline.
#[derive(Debug, Parser)]
#[command(name = "annales", version, about)]
struct Cli {
    /// More output (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/.
    Build {
        /// Site root (holds site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: ROOT/public).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Absolute base URL, overriding site.toml (empty for relative links).
        #[arg(long)]
        base_url: Option<String>,
        /// Include draft articles.
        #[arg(long)]
        drafts: bool,
    },
    /// Load and extract everything, print sources, events and warnings; write nothing.
    Check {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include draft articles.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site in DIR.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
        /// Default language of the site's articles (the example article is written in it).
        #[arg(long, default_value = "fr", value_parser = parse_lang)]
        language: annales::lang::Lang,
    },
    /// Write the built-in theme's templates (all, or the ones named) and style sheet into the
    /// site's templates/ and static/, to edit them; never overwrites a file.
    Theme {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// List the files the built-in theme has, and write nothing.
        #[arg(long)]
        list: bool,
        /// Templates (`index.html`) or static files (`static/style.css`) to write; none: all.
        names: Vec<String>,
    },
    /// Find and resolve temporal expressions in a text or a JSONL corpus.
    Dates(cli::dates::DatesArgs),
    /// Build, serve and rebuild on change, reloading the browser.
    Serve(cli::ServeArgs),
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build(&cli, root, output.clone(), base_url.clone(), *drafts),
        Command::Check { root, drafts } => check(&cli, root, *drafts),
        Command::Init { dir, language } => annales::site::init::init(dir, *language).map(|()| {
            if !cli.quiet {
                println!(
                    "Created a new site in {0}. Build it with: annales build --root {0}",
                    dir.display()
                );
            }
            true
        }),
        Command::Theme { root, list, names } => theme(&cli, root, *list, names),
        Command::Dates(args) => cli::dates::run(args).map(|()| true),
        Command::Serve(args) => annales::serve::run(&args.options()).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{}", site::report::error_lines(&e));
            ExitCode::FAILURE
        }
    }
}

/// A language code for `--language`.
fn parse_lang(code: &str) -> Result<annales::lang::Lang, String> {
    annales::lang::Lang::from_code(code).ok_or_else(|| {
        format!(
            "unsupported language `{code}`: expected one of {}",
            annales::lang::Lang::codes()
        )
    })
}

/// `annales theme`: lists the built-in theme's files, or writes them into the site.
fn theme(cli: &Cli, root: &Path, list: bool, names: &[String]) -> anyhow::Result<bool> {
    if list {
        for (name, path) in annales::site::init::theme_files() {
            println!("{name:<24} -> {path}");
        }
        return Ok(true);
    }
    let written = annales::site::init::export_theme(root, names)?;
    if !cli.quiet {
        for p in &written {
            println!("wrote {}", root.join(p).display());
        }
        println!(
            "{} file(s) of the built-in theme written: edit them, they override the theme's for \
             this site (delete one to go back to the built-in version)",
            written.len()
        );
    }
    Ok(true)
}

fn build(
    cli: &Cli,
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
) -> anyhow::Result<bool> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output,
        base_url,
        drafts,
    };
    // Ctrl-C removes the half-written staging folder at once (a kill leaves it to the next
    // build), after any swap in progress has finished, so the output is never left missing.
    let shown = opts.output_dir();
    ctrlc::set_handler(move || {
        let replaced = annales::output::abandon();
        if replaced {
            eprintln!(
                "\ninterrupted: the new site was already in {}",
                shown.display()
            );
        } else {
            eprintln!("\ninterrupted: {} was left as it was", shown.display());
        }
        std::process::exit(130);
    })
    .context("installing the Ctrl-C handler")?;
    // Only a person at a terminal sees progress: a pipe or a CI log gets the plain lines.
    let show = !cli.quiet && std::io::stderr().is_terminal();
    let (summary, durations) = with_progress(show, |progress| {
        site::build_observed(&opts, progress).map(|s| (s, progress.durations()))
    })?;
    // The bar is cleared by now: the warnings and the summary never mix with it.
    if !cli.quiet {
        for w in &summary.warnings {
            eprintln!("warning: {w}");
        }
        if show && std::io::stdout().is_terminal() {
            println!("{}", summary.terminal_line());
        } else {
            println!("{summary}");
        }
        if cli.verbose > 0 {
            println!("{}", annales::progress::timings(&durations));
        }
    }
    Ok(true)
}

/// Runs `work`, showing on stderr (when `show`) the stage it is at and how far, from the
/// counters it updates; the line is cleared before returning.
fn with_progress<T>(show: bool, work: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::default();
    if !show {
        return work(&progress);
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message("Starting");
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let out = std::thread::scope(|scope| {
        let (shown, counters) = (&bar, &progress);
        scope.spawn(move || show_progress(shown, counters, &stopped));
        let out = work(&progress);
        drop(stop);
        out
    });
    bar.finish_and_clear();
    out
}

/// Redraws the progress line ten times a second until `stopped` is closed.
fn show_progress(bar: &indicatif::ProgressBar, progress: &Progress, stopped: &Receiver<()>) {
    // When the current stage was first seen, for its rate.
    let mut stage: Option<(Stage, Instant)> = None;
    loop {
        if let Some(seen) = progress.read() {
            let since = match stage {
                Some((s, at)) if s == seen.stage => at,
                _ => stage.insert((seen.stage, Instant::now())).1,
            };
            bar.set_message(annales::progress::line(seen, since.elapsed()));
        }
        bar.tick();
        if stopped.recv_timeout(Duration::from_millis(100)) != Err(RecvTimeoutError::Timeout) {
            return;
        }
    }
}

fn check(cli: &Cli, root: &Path, drafts: bool) -> anyhow::Result<bool> {
    let mut opts = BuildOptions::new(root);
    opts.drafts = drafts;
    let site = site::Pipeline::once().load(&opts)?;
    // Rendering into memory catches template errors without writing anything; what the
    // writing itself would fail on is looked for in the rendered paths, and the output folder
    // is checked as `build` would (a folder of someone else's files is refused).
    let mut errors: Vec<String> = match site.render() {
        Ok(files) => annales::site::report::output_problems(&files),
        Err(e) => vec![format!("{e:#}")],
    };
    if let Err(e) = annales::output::check(root, &opts.output_dir()) {
        errors.push(format!("{e:#}"));
    }
    print!(
        "{}",
        annales::site::report::check_report(&site, cli.verbose > 0)
    );
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(errors.is_empty())
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn the_process_runs_without_transparent_huge_pages() {
        super::no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE reads a flag of the process.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        assert!(status.contains("THP_enabled:\t0"), "{status}");
    }
}
