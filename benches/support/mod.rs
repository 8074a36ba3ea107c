//! What the build benchmarks share (included with `#[path]`; benches/*/mod.rs is not a bench).

use std::path::Path;
use std::time::Instant;

/// One whole build of the site at `root` into `root/public`: seconds, sources, events.
pub fn build_once(root: &Path) -> (f64, usize, usize) {
    let started = Instant::now();
    let summary = annales::site::build(&annales::site::BuildOptions {
        root: root.to_path_buf(),
        output: Some(root.join("public")),
        base_url: None,
        drafts: false,
    })
    .unwrap();
    (
        started.elapsed().as_secs_f64(),
        summary.sources,
        summary.events,
    )
}
