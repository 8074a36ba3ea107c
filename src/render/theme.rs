//! Themes: templates and static files from `themes/<name>/` (the default theme is also built
//! into the binary), overridden file by file by the site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use include_dir::{Dir, include_dir};

use super::OutputFile;

/// The default theme, embedded so that `annales init` sites build without copying it.
static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A resolved theme: every template and static file, overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (where it came from, text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Static file path → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Resolves theme `name` for the site at `root`.
    pub fn load(root: &Path, name: &str) -> anyhow::Result<Theme> {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
        };
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            theme.read_dir(
                &dir.join("templates"),
                &format!("themes/{name}/templates"),
                true,
            )?;
            theme.read_dir(&dir.join("static"), &format!("themes/{name}/static"), false)?;
        } else if name == "default" {
            theme.read_embedded();
        } else {
            anyhow::bail!(
                "site.toml: theme `{name}` not found: expected a folder {}, or use theme = \"default\"",
                dir.display()
            );
        }
        theme.read_dir(&root.join("templates"), "templates", true)?;
        theme.read_dir(&root.join("static"), "static", false)?;
        Ok(theme)
    }

    fn read_embedded(&mut self) {
        fn walk(dir: &Dir<'_>, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for f in dir.files() {
                out.push((f.path().to_path_buf(), f.contents().to_vec()));
            }
            for d in dir.dirs() {
                walk(d, out);
            }
        }
        let mut files = Vec::new();
        walk(&DEFAULT_THEME, &mut files);
        for (path, bytes) in files {
            let rel = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>();
            match rel.split_first() {
                Some((first, rest)) if first == "templates" && !rest.is_empty() => {
                    let name = rest.join("/");
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    self.templates.insert(
                        name.clone(),
                        (format!("(built-in default theme) templates/{name}"), text),
                    );
                }
                Some((first, rest)) if first == "static" && !rest.is_empty() => {
                    self.statics.insert(rest.join("/"), bytes);
                }
                _ => {}
            }
        }
    }

    fn read_dir(&mut self, dir: &Path, label: &str, templates: bool) -> anyhow::Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::content::rel_path(dir, entry.path());
            if rel.split('/').any(|c| c.starts_with('.')) {
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            if templates {
                let text = String::from_utf8(bytes)
                    .map_err(|_| anyhow::anyhow!("{label}/{rel}: template is not valid UTF-8"))?;
                self.templates
                    .insert(rel.clone(), (format!("{label}/{rel}"), text));
            } else {
                self.statics.insert(rel, bytes);
            }
        }
        Ok(())
    }

    /// Compiles every template; a syntax error names the template file, line and reason.
    pub fn tera(&self, env: &super::context::Env) -> anyhow::Result<tera::Tera> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        super::filters::register(&mut tera, env);
        tera.add_raw_templates(
            self.templates
                .iter()
                .map(|(n, (_, t))| (n.as_str(), t.as_str())),
        )
        .map_err(|e| {
            let msg = describe_tera_error(&e);
            // Tera names templates by their logical name; point the user at the file.
            let origin = self
                .templates
                .iter()
                .find(|(n, _)| msg.contains(&format!("'{n}'")))
                .map(|(_, (o, _))| format!(" in {o}{}", tera_position(&msg)))
                .unwrap_or_default();
            anyhow::anyhow!("template error{origin}: {msg}")
        })?;
        Ok(tera)
    }

    /// Where a template came from (`templates/index.html`, or the theme's file), for messages.
    pub fn origin(&self, name: &str) -> String {
        self.templates
            .get(name)
            .map(|(o, _)| o.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// Static files as output files.
    pub fn static_files(&self) -> anyhow::Result<Vec<OutputFile>> {
        Ok(self
            .statics
            .iter()
            .map(|(p, b)| OutputFile {
                path: p.clone(),
                bytes: b.clone(),
            })
            .collect())
    }
}

/// `:line:column` from a Tera parse error (`--> 3:9`), so that editors can jump to it.
fn tera_position(msg: &str) -> String {
    let re = regex::Regex::new(r"--> (\d+):(\d+)").expect("valid regex");
    re.captures(msg)
        .map(|c| format!(":{}:{}", &c[1], &c[2]))
        .unwrap_or_default()
}

/// Flattens a Tera error and its causes into one message (Tera puts the line and the reason in
/// the causes).
pub fn describe_tera_error(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}
