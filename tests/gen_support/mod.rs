//! Shared by the tests, benchmarks and examples that generate collections: French month names, a
//! small deterministic random generator, so that every run builds the same site, and the
//! generated news collection of the build benchmark (`corpus`).

#![allow(dead_code)] // each user takes its own subset

pub mod corpus;

/// French month names, January first.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A linear congruential generator (Knuth's MMIX constants): deterministic, no dependency.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number in `0..n`.
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}
