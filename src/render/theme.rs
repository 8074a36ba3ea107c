//! Themes: templates and static files from `themes/<name>/` (the default theme is also built
//! into the binary), overridden file by file by the site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use regex::Regex;

use super::OutputFile;

/// A template's tags and expressions (`{{ … }}`, `{% … %}`), for [`Theme::names_any`] and
/// [`Theme::reads_any`].
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("valid regex"));
/// A string literal in a tag, whose words name no variable.
static STRING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""[^"]*"|'[^']*'|`[^`]*`"#).expect("valid regex"));
/// A name that is not an attribute (`days`, not `day.days`).
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^.\w])([A-Za-z_]\w*)").expect("valid regex"));
use super::template_check::Unknown;

/// The default theme, embedded so that `annales init` sites build without copying it.
static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A resolved theme: every template and static file, overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (where it came from, text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Static file path → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Files skipped while loading, and why.
    pub warnings: Vec<String>,
}

/// What autoescaping does to a value: the five characters that can end a text or a quoted
/// attribute value, or start markup. Tera's own escaping also turns every `/` into `&#x2F;`,
/// which no HTML context needs and which made every link of a page 5 bytes longer per slash.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether paths stay inside the site once links are resolved.
struct Confined {
    root: Option<PathBuf>,
}

impl Confined {
    fn new(root: &Path) -> Confined {
        Confined {
            root: root.canonicalize().ok(),
        }
    }

    fn contains(&self, path: &Path) -> bool {
        match (&self.root, path.canonicalize()) {
            (Some(root), Ok(p)) => p.starts_with(root),
            _ => false,
        }
    }
}

/// Largest template file: far more than any theme needs, small enough to parse at once.
pub(crate) const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Largest static file (an image, a font, a script): the whole site is held in memory before
/// it is written, so one file must not be able to take all of it.
const MAX_STATIC_BYTES: u64 = 256 << 20;

/// The files of the built-in default theme, by path inside the theme with `/` separators
/// (`templates/index.html`, `static/style.css`), in path order: what `annales theme` writes into
/// a site for editing.
pub fn builtin_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            let rel = f
                .path()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_THEME, &mut files);
    files.sort();
    files
}

impl Theme {
    /// Resolves theme `name` for the site at `root`. A theme that leads outside the site is an
    /// error; files of `templates/` and `static/` that do are skipped with a warning (in
    /// [`Theme::warnings`]).
    pub fn load(root: &Path, name: &str) -> anyhow::Result<Theme> {
        Theme::scan(root, name, true)
    }

    /// The warnings loading theme `name` gives (files skipped because they lead outside the
    /// site or are not regular files), without reading the files; empty if it fails.
    pub fn warnings(root: &Path, name: &str) -> Vec<String> {
        Theme::scan(root, name, false)
            .map(|t| t.warnings)
            .unwrap_or_default()
    }

    fn scan(root: &Path, name: &str, read: bool) -> anyhow::Result<Theme> {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            statics: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let inside = Confined::new(root);
        if name.is_empty()
            || !Path::new(name)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            anyhow::bail!(
                "site.toml: `theme = \"{name}\"` is not a theme name: themes live in \
`themes/NAME` inside the site (a folder name, without `..` or an absolute path), or use the \
built-in theme = \"default\""
            );
        }
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            if !inside.contains(&dir) {
                anyhow::bail!(
                    "site.toml: `theme = \"{name}\"`: themes/{name} is a link to a folder \
outside the site, which Annales does not build from: copy the theme into themes/{name}, or use \
the built-in theme = \"default\""
                );
            }
            let label = format!("themes/{name}");
            theme.read_dir(
                &inside,
                &dir.join("templates"),
                &format!("{label}/templates"),
                true,
                read,
            )?;
            theme.read_dir(
                &inside,
                &dir.join("static"),
                &format!("{label}/static"),
                false,
                read,
            )?;
        } else if name == "default" {
            theme.read_embedded();
        } else {
            anyhow::bail!(
                "site.toml: theme `{name}` not found: expected a folder themes/{name} in the \
site, or use theme = \"default\""
            );
        }
        theme.read_dir(&inside, &root.join("templates"), "templates", true, read)?;
        theme.read_dir(&inside, &root.join("static"), "static", false, read)?;
        Ok(theme)
    }
    fn read_embedded(&mut self) {
        for (path, bytes) in builtin_files() {
            let rel: Vec<&str> = path.split('/').collect();
            let bytes = bytes.to_vec();
            match rel.split_first() {
                Some((&first, rest)) if first == "templates" && !rest.is_empty() => {
                    let name = rest.join("/");
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    self.templates.insert(
                        name.clone(),
                        (format!("(built-in default theme) templates/{name}"), text),
                    );
                }
                Some((&first, rest)) if first == "static" && !rest.is_empty() => {
                    self.statics.insert(rest.join("/"), bytes);
                }
                _ => {}
            }
        }
    }

    /// Reads the regular files under `dir`. Links are followed only while they stay inside the
    /// site; anything else is skipped with a warning naming it.
    fn read_dir(
        &mut self,
        inside: &Confined,
        dir: &Path,
        label: &str,
        templates: bool,
        read: bool,
    ) -> anyhow::Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        if !inside.contains(dir) {
            self.warnings.push(format!(
                "{label}/ is a link to a folder outside the site: ignored (Annales builds only \
files inside the site; copy them in)"
            ));
            return Ok(());
        }
        let mut walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let rel = e
                        .path()
                        .map(|p| crate::content::rel_path(dir, p))
                        .unwrap_or_default();
                    let broken = e
                        .io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                    if broken || e.loop_ancestor().is_some() {
                        let why = if broken {
                            "a broken link"
                        } else {
                            "a link back to a folder above it"
                        };
                        self.warnings.push(format!("{label}/{rel}: {why}: skipped"));
                        continue;
                    }
                    return Err(anyhow::anyhow!("reading {label}/{rel}: {e}"));
                }
            };
            let rel = crate::content::rel_path(dir, entry.path());
            // Hidden folders are skipped whole, so only the entry's own name can be hidden.
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.path_is_symlink() && !inside.contains(entry.path()) {
                let what = if entry.file_type().is_dir() {
                    "folder"
                } else {
                    "file"
                };
                self.warnings.push(format!(
                    "{label}/{rel} is a link to a {what} outside the site: skipped (Annales \
builds only files inside the site; copy it in)"
                ));
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                self.warnings.push(format!(
                    "{label}/{rel} is not a regular file (a pipe, socket or device): skipped"
                ));
                continue;
            }
            if !read {
                continue;
            }
            let path = entry.path();
            let cap = if templates {
                MAX_TEMPLATE_BYTES
            } else {
                MAX_STATIC_BYTES
            };
            // The checked reader: a file swapped for a pipe after the walk never blocks.
            let bytes = match crate::fsread::read_regular(path, cap) {
                Ok(b) => b,
                Err(crate::fsread::ReadError::TooLarge { .. }) if templates => {
                    let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    anyhow::bail!(
                        "{label}/{rel}: template is larger than {} KiB ({len} bytes): split it \
with includes and macros",
                        MAX_TEMPLATE_BYTES >> 10
                    );
                }
                Err(e) => anyhow::bail!("{label}/{rel}: {}", e.message()),
            };
            if templates {
                let text = String::from_utf8(bytes).map_err(|_| {
                    anyhow::anyhow!(
                        "{label}/{rel}: template is not valid UTF-8: re-save it as UTF-8"
                    )
                })?;
                self.templates
                    .insert(rel.clone(), (format!("{label}/{rel}"), text));
            } else {
                self.statics.insert(rel, bytes);
            }
        }
        Ok(())
    }

    /// Whether any template may read one of the top-level variables `names`: a tag or an
    /// expression that names one (not as an attribute, `day.events`), or dumps the whole
    /// context (`__tera_context`). It errs on the side of yes: a macro argument of that name
    /// counts too.
    pub fn names_any(&self, names: &[&str]) -> bool {
        self.templates.values().any(|(_, text)| {
            TAG.find_iter(text).any(|tag| {
                let code = STRING.replace_all(tag.as_str(), "\"\"");
                WORD.captures_iter(&code).any(|c| {
                    let word = &c[2];
                    word == "__tera_context" || names.contains(&word)
                })
            })
        })
    }

    /// Whether rendering `template` may read one of the top-level variables `names`: like
    /// [`Self::names_any`], but only in the templates its render can reach (the template, its
    /// parents, the templates it includes and the macro files it imports, and theirs: Tera's
    /// macros see the page's variables too), and not counting the names that cannot read the
    /// page's variable of that name: a keyword argument (`days=summary_days`), an assignment
    /// (`set days = …`), and inside a macro its own parameters, which shadow it. So a page
    /// builds a large value (the home page's whole chronology) only for a theme that shows it.
    /// A template that is not in the theme may read anything.
    pub fn reads_any(&self, template: &str, names: &[&str]) -> bool {
        static LINK: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\{%-?\s*(extends|include|import)\b").expect("valid regex")
        });
        static MACRO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?s)^\{%-?\s*macro\s+\w+\s*\((.*)\)\s*-?%\}$").expect("valid regex")
        });
        static END_MACRO: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\{%-?\s*endmacro\b").expect("valid regex"));
        let mut todo = vec![template.to_string()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some((_, text)) = self.templates.get(&name) else {
                return true;
            };
            // The parameters of the macro being defined, when inside one.
            let mut params: Option<Vec<String>> = None;
            for tag in TAG.find_iter(text).map(|t| t.as_str()) {
                if LINK.is_match(tag) {
                    // Every template named, whatever the tag's form (`include ["a", "b"]`).
                    for s in STRING.find_iter(tag) {
                        let s = s.as_str();
                        todo.push(s[1..s.len() - 1].to_string());
                    }
                }
                let code = STRING.replace_all(tag, "\"\"");
                if let Some(c) = MACRO.captures(&code) {
                    params = Some(
                        c[1].split(',')
                            .filter_map(|p| p.split('=').next())
                            .map(|p| p.trim().to_string())
                            .collect(),
                    );
                    continue;
                }
                if END_MACRO.is_match(&code) {
                    params = None;
                    continue;
                }
                let read = WORD.captures_iter(&code).any(|c| {
                    let word = &c[2];
                    // Given a value (`days=…`), not compared (`days == …`).
                    let rest = c.get(2).map_or("", |m| code[m.end()..].trim_start());
                    let given = rest.starts_with('=') && !rest.starts_with("==");
                    let shadowed = params.as_ref().is_some_and(|p| p.iter().any(|p| p == word));
                    word == "__tera_context" || (names.contains(&word) && !given && !shadowed)
                });
                if read {
                    return true;
                }
            }
        }
        false
    }

    /// Compiles every template; a syntax error names the template file, line and reason, and
    /// templates that would overflow the stack or recurse are refused before rendering (see
    /// `super::template_check`). Parsing runs on a large stack of its own.
    pub fn tera(&self, env: &super::links::Env) -> anyhow::Result<tera::Tera> {
        stacker::grow(super::budget::STACK, || self.compile(env))
    }

    fn compile(&self, env: &super::links::Env) -> anyhow::Result<tera::Tera> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        tera.set_escape_fn(escape_html);
        super::filters::register(&mut tera, env);
        super::sandbox::register(&mut tera);
        super::budget::register(&mut tera);
        for (name, (origin, text)) in &self.templates {
            super::template_check::nesting(text).map_err(|p| problem_error(origin, &p))?;
            let mut t = tera::Template::new(name, None, text).map_err(|e| {
                let msg = describe_tera_error(&tera::Error::chain(
                    format!("Failed to parse '{name}'"),
                    e,
                ));
                let noticed = tera_line_col(&msg);
                match super::template_check::unclosed(text, noticed) {
                    Some(p) => problem_error(origin, &p),
                    None => anyhow::anyhow!(
                        "template error in {origin}{}: {msg}",
                        noticed
                            .map(|(l, c)| format!(":{l}:{c}"))
                            .unwrap_or_default()
                    ),
                }
            })?;
            super::budget::instrument(&mut t);
            tera.templates.insert(name.clone(), t);
        }
        super::template_check::extends_cycles(&tera).map_err(|p| self.graph_error(&p))?;
        tera.build_inheritance_chains()
            .and_then(|()| tera.check_macro_files())
            .map_err(|e| {
                let msg = describe_tera_error(&e);
                // Tera names templates by their logical name; point the user at the file.
                let origin = self
                    .templates
                    .iter()
                    .find(|(n, _)| {
                        msg.contains(&format!("'{n}'")) || msg.contains(&format!("`{n}`"))
                    })
                    .map(|(_, (o, _))| format!(" in {o}"))
                    .unwrap_or_default();
                anyhow::anyhow!("template error{origin}: {msg}")
            })?;
        super::template_check::graph(&tera).map_err(|p| self.graph_error(&p))?;
        Ok(tera)
    }

    fn graph_error(&self, p: &super::template_check::GraphProblem) -> anyhow::Error {
        let at = self
            .templates
            .get(&p.template)
            .map(|(_, text)| p.position(text))
            .unwrap_or_default();
        anyhow::anyhow!(
            "template error in {}{at}: {}",
            self.origin(&p.template),
            p.message
        )
    }

    /// Where the unknown variable or filter a render error of template `rendered` names is
    /// first used: the file it is in, line and column. Tera names what is unknown, not where.
    pub(crate) fn locate(
        &self,
        tera: &tera::Tera,
        rendered: &str,
        msg: &str,
    ) -> Option<(String, usize, usize)> {
        let (what, active) = unknown_in(msg)?;
        render_candidates(tera, rendered, msg, active)
            .into_iter()
            .find_map(|name| {
                let (origin, text) = self.templates.get(name)?;
                let at = super::template_check::first_use(text, what)?;
                let (line, column) = crate::text::line_col(text, at);
                Some((origin.clone(), line, column))
            })
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

/// What a render error says is unknown, and the template Tera was in when it looked a
/// variable up.
fn unknown_in(msg: &str) -> Option<(Unknown<'_>, Option<&str>)> {
    // Compiled once: a broken template fails every page that uses it.
    static VARIABLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"Variable `([^`]+)` not found in context while rendering '([^']+)'")
            .expect("valid regex")
    });
    static FILTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"Filter '([^']+)' not found").expect("valid regex"));
    if let Some(c) = VARIABLE.captures(msg) {
        let (path, active) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        return Some((Unknown::Variable(path), Some(active)));
    }
    let c = FILTER.captures(msg)?;
    Some((Unknown::Filter(c.get(1)?.as_str()), None))
}

/// The templates a render error of `rendered` may have come from, most likely first: the
/// macro files when it was in a macro, the template the message names, then `rendered`, its
/// parents and the macro files they import.
fn render_candidates<'a>(
    tera: &'a tera::Tera,
    rendered: &'a str,
    msg: &'a str,
    active: Option<&'a str>,
) -> Vec<&'a str> {
    let in_macro = msg.contains("error while rendering macro");
    static HAPPENED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(error happened in '([^']+)'\)").expect("valid regex"));
    let happened = HAPPENED
        .captures(msg)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str());
    let parents = tera.templates.get(rendered).map(|t| t.parents.as_slice());
    let lineage: Vec<&str> = std::iter::once(rendered)
        .chain(parents.unwrap_or_default().iter().map(String::as_str))
        .collect();
    let macro_files: Vec<&str> = lineage
        .iter()
        .filter_map(|n| tera.templates.get(*n))
        .flat_map(|t| t.imported_macro_files.iter().map(|(f, _)| f.as_str()))
        .collect();
    let mut names: Vec<&str> = Vec::new();
    if in_macro {
        names.extend(active);
        names.extend(&macro_files);
    }
    names.extend(happened);
    names.extend(active);
    names.extend(lineage);
    names.extend(macro_files);
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(*n));
    names
}

/// Line and column from a Tera parse error (`--> 3:9`), so that editors can jump to it.
fn tera_line_col(msg: &str) -> Option<(usize, usize)> {
    static LINE_COL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"--> (\d+):(\d+)").expect("valid regex"));
    let c = LINE_COL.captures(msg)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?))
}

/// A problem the checks found in the template from `origin`, with its place.
fn problem_error(origin: &str, p: &super::template_check::Problem) -> anyhow::Error {
    anyhow::anyhow!(
        "template error in {origin}:{}:{}: {}",
        p.line,
        p.column,
        p.message
    )
}

/// Flattens a Tera error and its causes into one message (Tera puts the line and the reason in
/// the causes).
pub(crate) fn describe_tera_error(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn theme_of(text: &str) -> Theme {
        Theme {
            templates: BTreeMap::from([("a.html".into(), ("a.html".into(), text.into()))]),
            statics: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn autoescaping_escapes_what_can_start_markup_or_end_a_value_and_keeps_slashes() {
        assert_eq!(
            escape_html("<script>a & 'b' \"c\"</script> ../x/"),
            "&lt;script&gt;a &amp; &#x27;b&#x27; &quot;c&quot;&lt;/script&gt; ../x/"
        );
    }

    #[test]
    fn a_variable_is_named_only_where_a_tag_reads_it() {
        let names = ["events", "sources"];
        for used in [
            "{% for e in events %}{% endfor %}",
            "{{ sources | length }}",
            "{{- events[0].id -}}",
            "{% if x and events %}{% endif %}",
            "{{ __tera_context }}",
        ] {
            assert!(theme_of(used).names_any(&names), "{used}");
        }
        for unused in [
            "{% for e in day.events %}{% endfor %}",
            "<a href=\"events/\">events</a>",
            "{{ t.sources_label }}",
            "{{ \"events\" }}",
            "{# events #}",
        ] {
            assert!(!theme_of(unused).names_any(&names), "{unused}");
        }
    }

    fn theme_of_files(files: &[(&str, &str)]) -> Theme {
        Theme {
            templates: files
                .iter()
                .map(|(n, t)| (n.to_string(), (n.to_string(), t.to_string())))
                .collect(),
            statics: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn the_built_in_home_page_does_not_read_the_whole_chronology() {
        let theme = Theme::load(Path::new("/nonexistent-site"), "default").unwrap();
        // Its month pages read `days`; its home page only passes a `days=` to its macros.
        assert!(theme.reads_any("month.html", &["days"]));
        assert!(!theme.reads_any("index.html", &["days"]));
        assert!(!theme.reads_any("index.html", &["context_days"]));
        assert!(theme.reads_any("index.html", &["summary_days"]));
    }

    #[test]
    fn a_page_reads_what_its_parents_includes_and_macros_read() {
        let reads =
            |files: &[(&str, &str)]| theme_of_files(files).reads_any("index.html", &["days"]);
        let macros = "{% macro list(items) %}{% for d in days %}{% endfor %}{% endmacro list %}";
        for files in [
            &[("index.html", "{{ days | length }}")][..],
            &[("index.html", "{{ __tera_context }}")],
            &[
                ("index.html", "{% extends \"base.html\" %}"),
                ("base.html", "{{ days }}"),
            ],
            &[
                ("index.html", "{% include [\"x.html\", \"y.html\"] %}"),
                ("y.html", "{{ days }}"),
            ],
            // Tera's macros see the page's variables when no parameter hides them.
            &[
                ("index.html", "{% import \"m.html\" as m %}"),
                ("m.html", macros),
            ],
            &[(
                "index.html",
                "{% set x = days %}{% if days == 1 %}{% endif %}",
            )],
            // A template missing from the theme may read anything.
            &[("index.html", "{% include \"gone.html\" %}")],
        ] {
            assert!(reads(files), "{files:?}");
        }
        let shadowed =
            "{% macro list(days, t=\"\") %}{% for d in days %}{% endfor %}{% endmacro %}";
        for files in [
            &[("index.html", "{{ m::list(days=summary_days) }}")][..],
            &[
                ("index.html", "{% set days = 3 %}"),
                ("month.html", "{{ days }}"),
            ],
            &[
                ("index.html", "{% import \"m.html\" as m %}"),
                ("m.html", shadowed),
            ],
            &[("index.html", "{{ day.days }} {{ \"days\" }} {# days #}")],
        ] {
            assert!(!reads(files), "{files:?}");
        }
    }

    /// Pieces of hostile and broken templates, often unbalanced: any sequence of them must
    /// compile or fail, and render or fail, without a panic, an abort or a hang.
    const PIECES: &[&str] = &[
        "{% if true %}",
        "{% endif %}",
        "{% for i in range(end=5) %}",
        "{% endfor %}",
        "{% block b %}",
        "{% endblock b %}",
        "{% include \"a.html\" %}",
        "{% include \"b.html\" %}",
        "{% include \"index.html\" %}",
        "{% import \"a.html\" as a %}",
        "{% extends \"b.html\" %}",
        "{% macro m() %}",
        "{% endmacro m %}",
        "{{ self::m() }}",
        "{{ a::m() }}",
        "{% set_global s = s ~ s %}",
        "{% set s = \"xy\" %}",
        "{{ s }}",
        "{{ range(end=1000000000) | length }}",
        "{{ get_env(name=\"HOME\") }}",
        "{{ now() }}",
        "{{ ((((1)))) + 2 }}",
        "{{ [1, 2] | join(sep=s) }}",
        "{{ super() }}",
        "{% break %}",
        "text",
        "{{",
        "{%",
        "}}",
    ];

    fn template() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..24)
            .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
    }

    fn env() -> super::super::links::Env {
        super::super::links::Env {
            locale: super::super::locale::Locale::of(crate::lang::Lang::En),
            tz: chrono_tz::UTC,
            base_url: None,
        }
    }

    #[test]
    fn a_render_error_is_located_only_where_its_name_is_used() {
        let mut templates = BTreeMap::new();
        for (name, text) in [
            (
                "index.html",
                "{% extends \"base.html\" %}\n{% block b %}{% endblock b %}",
            ),
            (
                "base.html",
                "<p>\n  {{ gone }}</p>{% block b %}{% endblock b %}",
            ),
        ] {
            templates.insert(
                name.to_string(),
                (format!("templates/{name}"), text.to_string()),
            );
        }
        let theme = Theme {
            templates,
            statics: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let tera = theme.tera(&env()).unwrap();
        let msg = |v: &str| {
            format!(
                "Failed to render 'index.html' (error happened in a parent template): Variable \
                 `{v}` not found in context while rendering 'index.html'"
            )
        };
        assert_eq!(
            theme.locate(&tera, "index.html", &msg("gone")),
            Some(("templates/base.html".to_string(), 2, 6))
        );
        // Not in any template it could come from: the message keeps no made-up place.
        assert_eq!(theme.locate(&tera, "index.html", &msg("elsewhere")), None);
        assert_eq!(
            theme.locate(&tera, "index.html", "stopped: too many steps"),
            None
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
        #[test]
        fn random_templates_compile_and_render_or_fail_cleanly(
            a in template(),
            b in template(),
            index in template(),
        ) {
            let mut theme = Theme {
                templates: BTreeMap::new(),
                statics: BTreeMap::new(),
                warnings: Vec::new(),
            };
            for (name, text) in [("a.html", a), ("b.html", b), ("index.html", index)] {
                theme.templates.insert(name.to_string(), (format!("templates/{name}"), text));
            }
            if let Ok(tera) = theme.tera(&env()) {
                let shared = std::sync::Arc::default();
                for name in ["a.html", "b.html", "index.html"] {
                    let _ = super::super::budget::render(
                        &tera,
                        name,
                        &tera::Context::new(),
                        &shared,
                        |m| m.to_string(),
                    );
                }
            }
        }
    }
}
