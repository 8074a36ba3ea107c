//! Ranking events: distinct sources first, then extra mentions, then how early the sources
//! mention it (leads carry the news).

/// Salience of an event cited by `sources` distinct sources through `mentions` mentions, the
/// earliest of which sits at `earliest` (0 = top of its article, 1 = bottom).
///
/// The secondary signals add less than one, so that one more source always outranks them.
pub fn salience(sources: usize, mentions: usize, earliest: f32) -> f64 {
    let extra = mentions.saturating_sub(sources) as f64;
    let repeat = 0.4 * (1.0 - 1.0 / (1.0 + extra));
    let lead = 0.5 * (1.0 - f64::from(earliest.clamp(0.0, 1.0)));
    let s = sources as f64 + repeat + lead;
    (s * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_more_always_ranks_higher() {
        assert!(salience(2, 2, 1.0) > salience(1, 9, 0.0));
        assert!(salience(2, 3, 0.5) > salience(2, 2, 0.5));
        assert!(salience(2, 2, 0.1) > salience(2, 2, 0.8));
    }
}
