//! `annales init DIR`: a new site that builds with the default theme and is ready to override it.

use std::path::Path;

use anyhow::Context as _;

const SITE_TOML: &str = r#"# Annales site configuration. Every key is documented in the README.
title = "My timeline"
description = "A sourced chronology."
# base_url = "https://example.org/timeline"   # leave unset for relative links
language = "en"          # default language of articles: {LANGUAGES}
theme = "default"
timezone = "UTC"         # IANA name, used for times of day
key_events = 10          # how many events the key-events page shows

[extra]
# Free values, available to templates as config.extra.
"#;

const EXAMPLE_ARTICLE: &str = r#"+++
title = "Council approves the new bridge"
date = "2024-03-14"
outlet = "Example Gazette"
author = "A. Reporter"
lang = "en"
+++
The city council approved the new river bridge on Wednesday after a three-hour debate.

Construction will start on Monday, the mayor said.
"#;

const TEMPLATES_README: &str = "Put a file here with the same name as a theme template (for example \
`index.html`) to override it for this site. The theme's templates and every variable they can use \
are documented in the default theme's README.\n";

/// Creates a new site in `dir` (which must be empty or absent).
pub fn init(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "{} is not empty: choose a new folder name, or empty it first",
                dir.display()
            );
        }
    }
    for sub in ["content", "templates", "static"] {
        std::fs::create_dir_all(dir.join(sub))
            .with_context(|| format!("creating {}", dir.join(sub).display()))?;
    }
    let write = |rel: &str, text: &str| {
        std::fs::write(dir.join(rel), text)
            .with_context(|| format!("writing {}", dir.join(rel).display()))
    };
    // The comment lists the languages of this build's table, so it never goes stale.
    let codes = crate::lang::Lang::codes_quoted("\"");
    write("site.toml", &SITE_TOML.replace("{LANGUAGES}", &codes))?;
    write("content/example.md", EXAMPLE_ARTICLE)?;
    write("templates/README.md", TEMPLATES_README)?;
    write(".gitignore", "/public\n")?;
    Ok(())
}
