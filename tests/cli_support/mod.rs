//! Shared by the tests that run the `annales` binary on sites made in temporary folders: make a
//! site, run a command with a deadline (a hang fails the test instead of stalling the suite),
//! read what it printed and the `timeline.json` it wrote.

#![allow(dead_code)] // each test file uses its own subset

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use annales::timeline::Timeline;

/// Longer than any of these commands takes on a loaded machine; a hang is killed after it.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// The `annales` binary, with no standard input.
pub fn annales() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annales"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Runs `cmd` to its end and returns what it printed; kills it and fails the test if it
/// outlives [`DEADLINE`].
pub fn finish(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annales runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!("{cmd:?} did not finish in {DEADLINE:?}: {}", text(&out));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

/// `annales ARGS --root ROOT`, to its end.
pub fn run(args: &[&str], root: &Path) -> Output {
    finish(annales().args(args).arg("--root").arg(root))
}

/// Standard output then standard error, as text.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A site in a temporary folder: a French `site.toml` and the given files (paths relative to
/// the site root, folders made as needed).
pub fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        "title = \"Test\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    dir
}

/// [`site`] with files given as text.
pub fn text_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    site(&bytes)
}

/// The `timeline.json` the last build wrote into `root/public`.
pub fn timeline(root: &Path) -> Timeline {
    let json = fs::read_to_string(root.join("public/timeline.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}
