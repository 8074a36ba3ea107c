//! How far a build is, for a progress line on a terminal: the pipeline bumps atomic counters
//! once per file, article or page (never per token, so that counting costs nothing
//! measurable), and whoever shows them reads them from another thread. Nothing here changes
//! what a build produces.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A stage of a build, in the order a build goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the content files.
    Reading,
    /// Finding the dated events of each article.
    Analysing,
    /// Merging the events of all articles into one timeline (one piece of work: no count).
    Merging,
    /// Rendering the pages.
    Rendering,
    /// Writing the files into the output folder.
    Writing,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Reading,
        Stage::Analysing,
        Stage::Merging,
        Stage::Rendering,
        Stage::Writing,
    ];

    fn verb(self) -> &'static str {
        match self {
            Stage::Reading => "Reading",
            Stage::Analysing => "Analysing",
            Stage::Merging => "Merging",
            Stage::Rendering => "Rendering",
            Stage::Writing => "Writing",
        }
    }

    /// The stage in a list of timings (`reading 1.2 s`).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Analysing => "analysing",
            Stage::Merging => "merging",
            Stage::Rendering => "rendering",
            Stage::Writing => "writing",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Stage::Reading | Stage::Analysing | Stage::Merging => "articles",
            Stage::Rendering => "pages",
            Stage::Writing => "files",
        }
    }
}

/// The counters of one build. `Default` is a build that has not started (and a sink for
/// callers that show nothing).
#[derive(Debug, Default)]
pub struct Progress {
    // 0: not started; otherwise 1 + the index of the stage in `Stage::ALL`.
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    /// When each stage began, in order (a handful of entries a build).
    began: Mutex<Vec<(Stage, Instant)>>,
}

/// What [`Progress::read`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// The current stage.
    pub stage: Stage,
    /// Items of the stage done so far.
    pub done: usize,
    /// Items the stage has (merging and writing count none of them one by one).
    pub total: usize,
}

impl Progress {
    /// Enters `stage`, which has `total` items.
    pub fn start(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        let index = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.stage.store(index as u8 + 1, Ordering::Relaxed);
        if let Ok(mut began) = self.began.lock() {
            began.push((stage, Instant::now()));
        }
    }

    /// How long each stage took so far, in the order they ran; the current one until now
    /// (for `build -v`, to see where a build's time goes).
    pub fn durations(&self) -> Vec<(Stage, Duration)> {
        let began = self.began.lock().map(|b| b.clone()).unwrap_or_default();
        let now = Instant::now();
        began
            .iter()
            .enumerate()
            .map(|(i, &(stage, at))| {
                let end = began.get(i + 1).map_or(now, |next| next.1);
                (stage, end.duration_since(at))
            })
            .collect()
    }

    /// One more item of the current stage is done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Where the build is; `None` before it starts. Read without locking, so the counts may
    /// be a moment apart, which a progress line does not mind.
    pub fn read(&self) -> Option<Seen> {
        let stage =
            *Stage::ALL.get(usize::from(self.stage.load(Ordering::Relaxed)).checked_sub(1)?)?;
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        Some(Seen {
            stage,
            done: if total > 0 { done.min(total) } else { done },
            total,
        })
    }
}

/// Where a build's time went, for `build -v`: `Time by stage: reading 0.41 s, analysing 3.20 s…`.
pub fn timings(durations: &[(Stage, Duration)]) -> String {
    let parts: Vec<String> = durations
        .iter()
        .map(|(stage, d)| format!("{} {:.2} s", stage.name(), d.as_secs_f64()))
        .collect();
    format!("Time by stage: {}", parts.join(", "))
}

/// Below this, a rate is mostly noise: it is not shown.
const RATE_AFTER: Duration = Duration::from_millis(500);

/// The progress line for what was seen, `in_stage` after the stage began:
/// `Analysing 380/1,000 articles (1,240/s)`, `Writing   2,310 files`. The rate is over the
/// whole stage, so it settles instead of jumping.
pub fn line(seen: Seen, in_stage: Duration) -> String {
    let verb = seen.stage.verb();
    let noun = seen.stage.noun();
    if seen.total == 0 || matches!(seen.stage, Stage::Merging | Stage::Writing) {
        return format!("{verb:<9} {} {noun}", thousands(seen.total.max(seen.done)));
    }
    let mut out = format!(
        "{verb:<9} {}/{} {noun}",
        thousands(seen.done),
        thousands(seen.total)
    );
    if in_stage >= RATE_AFTER && seen.done > 0 {
        let rate = seen.done as f64 / in_stage.as_secs_f64();
        out.push_str(&format!(" ({}/s)", thousands(rate.round() as usize)));
    }
    out
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_is_timed_until_the_next_begins() {
        let p = Progress::default();
        p.start(Stage::Reading, 3);
        std::thread::sleep(Duration::from_millis(20));
        p.start(Stage::Analysing, 3);
        let d = p.durations();
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].0, d[1].0), (Stage::Reading, Stage::Analysing));
        assert!(d[0].1 >= Duration::from_millis(20), "{d:?}");
        let line = timings(&d);
        assert!(line.starts_with("Time by stage: reading 0.0"), "{line}");
        assert!(line.contains(", analysing 0.0"), "{line}");
    }

    fn seen(stage: Stage, done: usize, total: usize) -> Seen {
        Seen { stage, done, total }
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn lines_say_the_stage_how_far_and_how_fast() {
        let second = Duration::from_secs(1);
        assert_eq!(
            line(seen(Stage::Reading, 412, 1000), Duration::ZERO),
            "Reading   412/1,000 articles"
        );
        assert_eq!(
            line(
                seen(Stage::Analysing, 380, 1000),
                Duration::from_millis(250)
            ),
            "Analysing 380/1,000 articles"
        );
        assert_eq!(
            line(seen(Stage::Analysing, 1240, 10000), second),
            "Analysing 1,240/10,000 articles (1,240/s)"
        );
        assert_eq!(
            line(seen(Stage::Rendering, 300, 2310), second * 2),
            "Rendering 300/2,310 pages (150/s)"
        );
        assert_eq!(
            line(seen(Stage::Merging, 0, 1000), second * 3),
            "Merging   1,000 articles"
        );
        assert_eq!(
            line(seen(Stage::Writing, 0, 2310), second),
            "Writing   2,310 files"
        );
    }

    #[test]
    fn the_counters_follow_the_stages() {
        let p = Progress::default();
        assert_eq!(p.read(), None);
        p.start(Stage::Reading, 2);
        p.step();
        assert_eq!(p.read(), Some(seen(Stage::Reading, 1, 2)));
        p.start(Stage::Analysing, 3);
        assert_eq!(p.read(), Some(seen(Stage::Analysing, 0, 3)));
        // A step too many is never shown as more than the whole.
        for _ in 0..4 {
            p.step();
        }
        assert_eq!(p.read(), Some(seen(Stage::Analysing, 3, 3)));
    }
}
