//! Ranking events: distinct sources first, then extra mentions, then how early the sources
//! mention it (leads carry the news). Background facts (a year, a month) weigh half: the
//! articles recall them, they do not report them.

/// Salience of an event cited by `sources` distinct sources through `mentions` mentions, the
/// earliest of which sits at `earliest` (0 = top of its article, 1 = bottom).
///
/// The secondary signals add less than one, so that one more source always outranks them.
/// `dated_to_the_day` is false for background facts known to the month or year only.
pub fn salience(sources: usize, mentions: usize, earliest: f32, dated_to_the_day: bool) -> f64 {
    let extra = mentions.saturating_sub(sources) as f64;
    let repeat = 0.4 * (1.0 - 1.0 / (1.0 + extra));
    let lead = 0.5 * (1.0 - f64::from(earliest.clamp(0.0, 1.0)));
    let mut s = sources as f64 + repeat + lead;
    if !dated_to_the_day {
        s *= BACKGROUND;
    }
    (s * 1000.0).round() / 1000.0
}

/// Weight of background facts relative to reported happenings.
const BACKGROUND: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_more_always_ranks_higher() {
        assert!(salience(2, 2, 1.0, true) > salience(1, 9, 0.0, true));
        assert!(salience(2, 3, 0.5, true) > salience(2, 2, 0.5, true));
        assert!(salience(2, 2, 0.1, true) > salience(2, 2, 0.8, true));
        assert!(salience(1, 1, 0.9, true) > salience(1, 1, 0.0, false));
    }
}
