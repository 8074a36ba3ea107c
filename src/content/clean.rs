//! Boilerplate detection: marks bylines, photo credits, widgets, repeated titles and subheads so
//! that they are shown on source pages but never become events.

use super::Article;

/// Re-classifies the blocks of a freshly loaded article.
pub fn classify(article: &mut Article) {
    // Placeholder until the cleaning rules land: keep the loader's classification.
    let _ = article;
}
