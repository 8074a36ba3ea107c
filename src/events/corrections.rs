//! Editorial corrections (`content/_timeline.toml`): add, redate, retitle, hide or merge events
//! without touching the articles.

use std::path::Path;

use crate::content::ContentError;

/// The parsed corrections file; empty when the site has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrections {}

/// File name of the corrections file, under `content/`.
pub const FILE_NAME: &str = "_timeline.toml";

impl Corrections {
    /// Loads `root/content/_timeline.toml`, or nothing when the file does not exist.
    pub fn load(root: &Path) -> Result<Corrections, ContentError> {
        let _ = root;
        Ok(Corrections::default())
    }
}
