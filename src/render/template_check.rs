//! Checks of the templates before anything renders, for what would otherwise overflow the
//! stack and abort the process: nesting too deep for the parser (checked on the text, before
//! Tera parses it), and recursion — a template including itself, an include or macro cycle —
//! found by walking the parsed templates' include and macro-call graph.

use std::collections::HashMap;

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

/// Deepest nesting of `{% if %}`, `{% for %}`, `{% block %}`, `{% macro %}` and `{% filter %}`
/// tags in one template.
pub const MAX_NESTING: usize = 64;
/// Deepest nesting of brackets and parentheses in one expression.
pub const MAX_BRACKETS: usize = 32;
/// Most operators (`+`, `~`, `and`, `|`…) in one tag: Tera nests its expression tree one level
/// per operator.
pub const MAX_OPERATORS: usize = 256;
/// Deepest nesting of `{% for %}` loops in one template or macro.
pub const MAX_LOOPS: usize = 6;
/// Deepest chain of includes and macro calls, counting the nesting inside each.
pub const MAX_DEPTH: usize = 512;

/// A problem at a 1-based line and column of one template.
#[derive(Debug, PartialEq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// A `{{ }}` or `{% %}` tag of a template, as found on the raw text.
pub(crate) struct Tag<'t> {
    /// Byte offset of the opening `{`.
    pub start: usize,
    /// Byte offset of the text between the delimiters.
    pub inner_start: usize,
    /// The text between the delimiters.
    pub inner: &'t str,
    /// A `{% %}` statement rather than a `{{ }}` expression.
    pub statement: bool,
}

impl<'t> Tag<'t> {
    /// The statement's keyword (`if`, `endfor`), whitespace control and spaces left out.
    pub fn keyword(&self) -> &'t str {
        self.inner
            .trim_start_matches(['-', ' ', '\t', '\r', '\n'])
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("")
    }
}

/// The tags of a template in order, without comments and without what raw blocks hold (Tera
/// parses neither). Stops at a tag that is never closed, which Tera reports.
pub(crate) struct Tags<'t> {
    text: &'t str,
    i: usize,
    /// Set when the text ended inside a tag or a raw block.
    pub cut_short: bool,
}

impl<'t> Tags<'t> {
    pub fn new(text: &'t str) -> Tags<'t> {
        Tags {
            text,
            i: 0,
            cut_short: false,
        }
    }
}

impl<'t> Iterator for Tags<'t> {
    type Item = Tag<'t>;

    fn next(&mut self) -> Option<Tag<'t>> {
        let text = self.text;
        while let Some(off) = text.get(self.i..)?.find('{') {
            let start = self.i + off;
            let close = match text.as_bytes().get(start + 1) {
                Some(b'{') => "}}",
                Some(b'%') => "%}",
                Some(b'#') => "#}",
                _ => {
                    self.i = start + 1;
                    continue;
                }
            };
            let inner_start = start + 2;
            let Some(len) = text[inner_start..].find(close) else {
                self.cut_short = true;
                return None;
            };
            self.i = inner_start + len + 2;
            let tag = Tag {
                start,
                inner_start,
                inner: &text[inner_start..inner_start + len],
                statement: close == "%}",
            };
            match close {
                "#}" => continue,
                "%}" if tag.keyword() == "raw" => match text[self.i..].find("endraw") {
                    // Nothing inside raw is parsed.
                    Some(end) => self.i += end,
                    None => {
                        self.cut_short = true;
                        return None;
                    }
                },
                _ => return Some(tag),
            }
        }
        None
    }
}

/// A name a render error says is unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Unknown<'n> {
    /// A variable, by the path Tera names (`config.x`, `a[0]`).
    Variable(&'n str),
    /// A filter.
    Filter(&'n str),
}

/// Byte offset of the first use of `what` in a tag of `text`: not in a comment, a raw block or
/// a string literal. Tera's render errors name what is unknown but not where it is.
pub(crate) fn first_use(text: &str, what: Unknown) -> Option<usize> {
    Tags::new(text).find_map(|tag| use_in(&tag, what).map(|k| tag.inner_start + k))
}

/// Byte offset in the tag's text of the first use of `what` outside string literals.
fn use_in(tag: &Tag, what: Unknown) -> Option<usize> {
    let inner = tag.inner;
    let mut quote = None;
    // The last character outside quotes and words that is not a space, and the last word.
    let mut before = ' ';
    let mut last_word = "";
    let mut word_start = None;
    let ends = inner
        .char_indices()
        .chain(std::iter::once((inner.len(), ' ')));
    for (k, c) in ends {
        if let Some(q) = quote {
            if c == q {
                quote = None;
                before = c;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '.' {
            word_start.get_or_insert(k);
            continue;
        }
        if let Some(s) = word_start.take() {
            let word = &inner[s..k];
            let place = WordPlace {
                before,
                after: inner[k..].trim_start(),
                last_word,
            };
            if is_use(word, &place, tag, what) {
                return Some(s);
            }
            last_word = word;
            before = ' ';
        }
        if matches!(c, '"' | '\'' | '`') {
            quote = Some(c);
        }
        if !c.is_whitespace() {
            before = c;
        }
    }
    None
}

/// What surrounds a word of a tag.
struct WordPlace<'t> {
    /// The character before it that is neither a space nor part of a word (`' '` if none).
    before: char,
    /// The tag's text after it, spaces skipped.
    after: &'t str,
    /// The word before it.
    last_word: &'t str,
}

/// Whether `word` at `place` in `tag` is a use of `what`.
fn is_use(word: &str, place: &WordPlace, tag: &Tag, what: Unknown) -> bool {
    match what {
        Unknown::Variable(path) => {
            // Tera names an indexed path whole (`a[i]`): the word is its start.
            let name = path.split('[').next().unwrap_or(path);
            let named = word == name || word.strip_prefix(name).is_some_and(|r| r.starts_with('.'));
            // Not a filter, a macro of a namespace, an argument's name or a `set` target.
            let argument = place.after.starts_with('=') && !place.after.starts_with("==");
            named && !matches!(place.before, '|' | ':') && !argument
        }
        Unknown::Filter(name) => {
            let section = tag.statement && place.last_word == "filter" && tag.keyword() == "filter";
            word == name && (place.before == '|' || section)
        }
    }
}

/// The tags that open a body, and the tag that closes each.
const BODY_TAGS: [(&str, &str); 5] = [
    ("if", "endif"),
    ("for", "endfor"),
    ("block", "endblock"),
    ("macro", "endmacro"),
    ("filter", "endfilter"),
];

/// A tag that opened a body not closed yet: its keyword and byte offset.
struct Open<'t> {
    keyword: &'t str,
    start: usize,
}

/// What a tag does to the nesting of bodies.
enum Body {
    Opens,
    Closes,
    Neither,
}

fn body(tag: &Tag) -> Body {
    let keyword = tag.keyword();
    if !tag.statement {
        Body::Neither
    } else if BODY_TAGS.iter().any(|(o, _)| *o == keyword) {
        Body::Opens
    } else if BODY_TAGS.iter().any(|(_, c)| *c == keyword) {
        Body::Closes
    } else {
        Body::Neither
    }
}

/// Measures tag and bracket nesting on the raw text, in one pass, so that templates the parser
/// would recurse too deeply on are refused before it sees them.
pub fn nesting(text: &str) -> Result<(), Problem> {
    let at = |pos: usize, message: String| {
        let (line, column) = crate::text::line_col(text, pos);
        Problem {
            line,
            column,
            message,
        }
    };
    let mut depth = 0usize;
    for tag in Tags::new(text) {
        expression(&tag).map_err(|(pos, message)| at(pos, message))?;
        match body(&tag) {
            Body::Opens => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(at(
                        tag.start,
                        format!(
                            "tags nested more than {MAX_NESTING} deep; move the inner part \
into a macro or an included template"
                        ),
                    ));
                }
            }
            Body::Closes => depth = depth.saturating_sub(1),
            Body::Neither => {}
        }
    }
    Ok(())
}

/// The opening tag never closed that made Tera's parse fail at `noticed` (its line and column,
/// `None` if it gave none), at its own place: Tera notices it only at a later closing tag or at
/// the end. `None` when Tera's error comes before (a broken tag is said better by Tera).
pub fn unclosed(text: &str, noticed: Option<(usize, usize)>) -> Option<Problem> {
    let (open, seen_at, place) = first_unclosed(text)?;
    if noticed.is_some_and(|n| n < crate::text::line_col(text, seen_at)) {
        return None;
    }
    Some(never_closed(text, &open, &place))
}

/// The first opening tag a closing tag does not match (or left open at the end), the offset
/// where that shows, and where its closing tag belongs.
fn first_unclosed(text: &str) -> Option<(Open<'_>, usize, String)> {
    let mut open: Vec<Open> = Vec::new();
    let mut tags = Tags::new(text);
    let mut last_end = 0;
    for tag in tags.by_ref() {
        last_end = tag.inner_start + tag.inner.len() + 2;
        match body(&tag) {
            Body::Opens => open.push(Open {
                keyword: tag.keyword(),
                start: tag.start,
            }),
            Body::Closes => match open.pop() {
                Some(o) if closer(o.keyword) != tag.keyword() => {
                    let (line, _) = crate::text::line_col(text, tag.start);
                    let place = format!("before `{{% {} %}}` at line {line}", tag.keyword());
                    return Some((o, tag.start, place));
                }
                // A closing tag with nothing open is Tera's to report.
                _ => {}
            },
            Body::Neither => {}
        }
    }
    if tags.cut_short {
        return None;
    }
    let place = "where its body ends, before the end of the template".to_string();
    open.pop().map(|o| (o, last_end, place))
}

/// The closing tag of an opening keyword.
fn closer(keyword: &str) -> &'static str {
    BODY_TAGS
        .iter()
        .find(|(o, _)| *o == keyword)
        .map_or("", |(_, c)| c)
}

/// An opening tag that is never closed, at its own place; `place` says where its closing tag
/// belongs.
fn never_closed(text: &str, open: &Open, place: &str) -> Problem {
    let (line, column) = crate::text::line_col(text, open.start);
    Problem {
        line,
        column,
        message: format!(
            "`{{% {} %}}` opened at line {line}, column {column} is never closed: add `{{% {} %}}` \
{place}",
            open.keyword,
            closer(open.keyword)
        ),
    }
}

/// Refuses a tag whose expression Tera would nest too deeply: too many brackets or operators.
/// The error is at a byte offset of the template.
fn expression(tag: &Tag) -> Result<(), (usize, String)> {
    let mut brackets = 0usize;
    let mut operators = 0usize;
    let mut quote = None;
    let mut word = String::new();
    for (k, c) in tag.inner.char_indices() {
        // Tera builds one tree level per operator, so a long chain is as deep as nesting.
        let operator = quote.is_none()
            && (matches!(
                c,
                '+' | '-' | '*' | '/' | '%' | '~' | '<' | '>' | '=' | '!' | '|'
            ) || (!c.is_alphanumeric()
                && matches!(word.as_str(), "and" | "or" | "not" | "in" | "is")));
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            word.clear();
        }
        if operator {
            operators += 1;
            if operators > MAX_OPERATORS {
                return Err((
                    tag.inner_start + k,
                    format!(
                        "more than {MAX_OPERATORS} operators in one tag; split the expression \
with `set`"
                    ),
                ));
            }
        }
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[') => {
                brackets += 1;
                if brackets > MAX_BRACKETS {
                    return Err((
                        tag.inner_start + k,
                        format!(
                            "brackets nested more than {MAX_BRACKETS} deep; split the \
expression with `set`"
                        ),
                    ));
                }
            }
            (None, ')' | ']') => brackets = brackets.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a cycle of `extends` before Tera builds the inheritance chains: Tera detects only
/// chains coming back to their first template, and recurses forever on `index.html → a.html →
/// b.html → a.html`.
pub fn extends_cycles(tera: &Tera) -> Result<(), GraphProblem> {
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    for start in names {
        let mut chain: Vec<&str> = vec![start];
        let mut current = start.as_str();
        while let Some(parent) = tera
            .templates
            .get(current)
            .and_then(|t| t.parent.as_deref())
        {
            if let Some(at) = chain.iter().position(|n| *n == parent) {
                let mut path: Vec<&str> = chain[at..].to_vec();
                path.push(parent);
                return Err(GraphProblem {
                    needle: Some(format!("\"{parent}\"")),
                    template: current.to_string(),
                    message: format!(
                        "`extends` goes round in a cycle: {}; a template's chain of parents must \
end at a layout that extends nothing",
                        path.join(" → ")
                    ),
                });
            }
            chain.push(parent);
            current = parent;
        }
    }
    Ok(())
}

/// A template or a macro (file, name): what can be entered again while rendering.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro(String, String),
}

impl Unit {
    fn describe(&self) -> String {
        match self {
            Unit::Template(t) => t.clone(),
            Unit::Macro(f, m) => format!("macro `{m}` of {f}"),
        }
    }
}

/// What a unit enters: (the nesting depth at which it does, the unit entered).
type Edges = Vec<(usize, Unit)>;

/// A problem found in the graph, with the template it is in.
#[derive(Debug)]
pub struct GraphProblem {
    /// The template's name.
    pub template: String,
    /// What is wrong and what to do.
    pub message: String,
    /// Text to look for in the template to point at the line (Tera keeps no positions).
    pub needle: Option<String>,
}

impl GraphProblem {
    /// `:line:column` of the first occurrence of the needle in `text`, or nothing.
    pub fn position(&self, text: &str) -> String {
        let Some(at) = self.needle.as_deref().and_then(|n| text.find(n)) else {
            return String::new();
        };
        let (line, column) = crate::text::line_col(text, at);
        format!(":{line}:{column}")
    }
}

/// Refuses recursion (include, macro and inheritance cycles), loops nested more than
/// [`MAX_LOOPS`] deep and chains deeper than [`MAX_DEPTH`].
pub fn graph(tera: &Tera) -> Result<(), GraphProblem> {
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    let mut edges: HashMap<Unit, Edges> = HashMap::new();
    for name in &names {
        let t = &tera.templates[*name];
        let mut walk = Walk {
            tera,
            file: name,
            edges: Vec::new(),
            loops: 0,
            problem: None,
        };
        if let Some(parent) = &t.parent {
            walk.edges.push((0, Unit::Template(parent.clone())));
        }
        let top: Vec<&Node> = t
            .ast
            .iter()
            .filter(|n| !matches!(n, Node::MacroDefinition(..)))
            .collect();
        for n in top {
            walk.node(n, 0);
        }
        if let Some((message, needle)) = walk.problem.take() {
            return Err(GraphProblem {
                template: name.to_string(),
                message,
                needle: Some(needle),
            });
        }
        edges.insert(
            Unit::Template(name.to_string()),
            std::mem::take(&mut walk.edges),
        );
        let mut macros: Vec<_> = t.macros.values().collect();
        macros.sort_by(|a, b| a.name.cmp(&b.name));
        for m in macros {
            walk.loops = 0;
            for n in &m.body {
                walk.node(n, 0);
            }
            if let Some((message, needle)) = walk.problem.take() {
                return Err(GraphProblem {
                    template: name.to_string(),
                    message: format!("in macro `{}`: {message}", m.name),
                    needle: Some(needle),
                });
            }
            edges.insert(
                Unit::Macro(name.to_string(), m.name.clone()),
                std::mem::take(&mut walk.edges),
            );
        }
    }
    depths(&edges)
}

/// Longest weighted path from every unit, iteratively (a deep graph must not overflow this
/// check either), failing on the first cycle.
fn depths(edges: &HashMap<Unit, Edges>) -> Result<(), GraphProblem> {
    let mut roots: Vec<&Unit> = edges.keys().collect();
    roots.sort();
    // None: being visited (on the current path); Some(d): done, deepest chain below is d.
    let mut state: HashMap<&Unit, Option<usize>> = HashMap::new();
    let none = Vec::new();
    for root in roots {
        if state.contains_key(root) {
            continue;
        }
        // (unit, index of the next edge to follow)
        let mut stack: Vec<(&Unit, usize)> = vec![(root, 0)];
        state.insert(root, None);
        while let Some(&mut (unit, ref mut next)) = stack.last_mut() {
            let out = edges.get(unit).unwrap_or(&none);
            if let Some((_, target)) = out.get(*next) {
                *next += 1;
                match state.get(target) {
                    Some(None) => return Err(cycle(&stack, target)),
                    Some(Some(_)) => {}
                    None => {
                        state.insert(target, None);
                        stack.push((target, 0));
                    }
                }
                continue;
            }
            let deepest = out
                .iter()
                .map(|(d, t)| d + 1 + state.get(t).copied().flatten().unwrap_or(0))
                .max()
                .unwrap_or(0);
            if deepest > MAX_DEPTH {
                return Err(GraphProblem {
                    needle: None,
                    template: file_of(unit),
                    message: format!(
                        "{} starts a chain of includes and macro calls nested more than \
{MAX_DEPTH} deep; flatten it",
                        unit.describe()
                    ),
                });
            }
            state.insert(unit, Some(deepest));
            stack.pop();
        }
    }
    Ok(())
}

fn file_of(u: &Unit) -> String {
    match u {
        Unit::Template(t) | Unit::Macro(t, _) => t.clone(),
    }
}

fn cycle(stack: &[(&Unit, usize)], back_to: &Unit) -> GraphProblem {
    let from = stack.iter().position(|(u, _)| *u == back_to).unwrap_or(0);
    let path: Vec<String> = stack[from..]
        .iter()
        .map(|(u, _)| u.describe())
        .chain(std::iter::once(back_to.describe()))
        .collect();
    let what = match back_to {
        Unit::Template(_) if path.len() == 2 => {
            format!("{} includes, imports or extends itself", path[0])
        }
        Unit::Macro(..) if path.len() == 2 => format!("{} calls itself", path[0]),
        _ => format!("a cycle: {}", path.join(" → ")),
    };
    // The call or include that closes the cycle is in the last unit of the path.
    let closing = stack.last().map_or(back_to, |(u, _)| *u);
    let needle = match back_to {
        Unit::Template(t) => format!("\"{t}\""),
        Unit::Macro(_, m) => format!("::{m}("),
    };
    GraphProblem {
        needle: Some(needle),
        template: file_of(closing),
        message: format!(
            "{what}. Rendering it would never end, so recursion is not allowed in Annales \
templates (includes, macros and `extends` must not come back to themselves); unroll it to \
the depth your data needs"
        ),
    }
}

struct Walk<'a> {
    tera: &'a Tera,
    file: &'a str,
    edges: Edges,
    loops: usize,
    /// The first problem, and text to find its line by.
    problem: Option<(String, String)>,
}

impl Walk<'_> {
    fn node(&mut self, n: &Node, depth: usize) {
        let d = depth + 1;
        match n {
            Node::VariableBlock(_, e) => self.expr(e, depth),
            Node::Set(_, s) => self.expr(&s.value, depth),
            // Tera loads an imported file's own imports (recursively) before rendering, so an
            // import cycle recurses forever even if no macro is called.
            Node::ImportMacro(_, file, _) if self.tera.templates.contains_key(file) => {
                self.edges.push((depth, Unit::Template(file.clone())));
            }
            Node::Include(_, names, _) => {
                // Tera renders the first that exists.
                if let Some(t) = names.iter().find(|t| self.tera.templates.contains_key(*t)) {
                    self.edges.push((depth, Unit::Template(t.clone())));
                }
            }
            Node::Block(_, b, _) => self.nodes(&b.body, d),
            Node::FilterSection(_, f, _) => {
                for e in f.filter.args.values() {
                    self.expr(e, depth);
                }
                self.nodes(&f.body, d);
            }
            Node::Forloop(_, f, _) => {
                self.expr(&f.container, depth);
                self.loops += 1;
                if self.loops > MAX_LOOPS && self.problem.is_none() {
                    self.problem = Some((
                        format!(
                            "`for` loops nested more than {MAX_LOOPS} deep (in loop `{}`); the \
work multiplies with each level",
                            f.value
                        ),
                        format!("for {} in", f.value),
                    ));
                }
                self.nodes(&f.body, d);
                self.loops -= 1;
                if let Some(e) = &f.empty_body {
                    self.nodes(e, d);
                }
            }
            Node::If(i, _) => {
                for (_, e, body) in &i.conditions {
                    self.expr(e, depth);
                    self.nodes(body, d);
                }
                if let Some((_, body)) = &i.otherwise {
                    self.nodes(body, d);
                }
            }
            _ => {}
        }
    }

    fn nodes(&mut self, ns: &[Node], depth: usize) {
        for n in ns {
            self.node(n, depth);
        }
    }

    fn expr(&mut self, e: &Expr, depth: usize) {
        for f in &e.filters {
            for a in f.args.values() {
                self.expr(a, depth);
            }
        }
        self.val(&e.val, depth);
    }

    fn val(&mut self, v: &ExprVal, depth: usize) {
        match v {
            ExprVal::MacroCall(c) => {
                if let Some(file) = self.macro_file(&c.namespace) {
                    self.edges.push((depth, Unit::Macro(file, c.name.clone())));
                }
                c.args.values().for_each(|a| self.expr(a, depth));
            }
            ExprVal::FunctionCall(c) => c.args.values().for_each(|a| self.expr(a, depth)),
            ExprVal::Math(m) => {
                self.expr(&m.lhs, depth);
                self.expr(&m.rhs, depth);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, depth);
                self.expr(&l.rhs, depth);
            }
            ExprVal::Test(t) => t.args.iter().for_each(|a| self.expr(a, depth)),
            ExprVal::Array(a) => a.iter().for_each(|a| self.expr(a, depth)),
            ExprVal::In(i) => {
                self.expr(&i.lhs, depth);
                self.expr(&i.rhs, depth);
            }
            ExprVal::StringConcat(s) => s.values.iter().for_each(|v| self.val(v, depth)),
            _ => {}
        }
    }

    /// The file a macro namespace names from this file, as Tera resolves it: `self`, the
    /// file's imports, the namespaces those files see in turn, then the parents' (with a guard:
    /// cycles are reported by the graph, not followed here).
    fn macro_file(&self, namespace: &str) -> Option<String> {
        if namespace == "self" {
            return Some(self.file.to_string());
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: std::collections::VecDeque<&str> = [self.file].into();
        while let Some(name) = todo.pop_front() {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let Some(t) = self.tera.templates.get(name) else {
                continue;
            };
            if let Some((file, _)) = t
                .imported_macro_files
                .iter()
                .find(|(_, ns)| ns == namespace)
            {
                return Some(file.clone());
            }
            todo.extend(t.imported_macro_files.iter().map(|(f, _)| f.as_str()));
            todo.extend(t.parent.as_deref());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(line, column)` of the first use, or `None`.
    fn used(text: &str, what: Unknown) -> Option<(usize, usize)> {
        first_use(text, what).map(|at| crate::text::line_col(text, at))
    }

    #[test]
    fn a_variable_is_found_where_it_is_read_not_where_it_is_named() {
        let v = Unknown::Variable("x");
        // A string, a comment, a raw block, an argument's name, a filter and a macro are not it.
        let text = "{{ \"x\" }}{# x #}{% raw %}{{ x }}{% endraw %}\n{{ m::f(x=1) | x }}{{ m::x() }}\n{{ a.x }} {% if y and x.z %}";
        assert_eq!(used(text, v), Some((3, 23)));
        assert_eq!(used("{{ xy }}{{ x_ }}", v), None);
        assert_eq!(used("{{ a[0] }}", Unknown::Variable("a[0]")), Some((1, 4)));
        assert_eq!(used("{{ x == 1 }}", v), Some((1, 4)));
    }

    #[test]
    fn a_filter_is_found_after_a_bar_or_in_a_filter_section() {
        let f = Unknown::Filter("shout");
        assert_eq!(used("{{ shout }}{{ a | shout(n=1) }}", f), Some((1, 19)));
        assert_eq!(
            used("x\n  {% filter shout %}y{% endfilter %}", f),
            Some((2, 13))
        );
        assert_eq!(used("{{ \"a | shout\" }}", f), None);
    }

    #[test]
    fn an_unclosed_tag_is_named_where_it_opens() {
        let p = unclosed("{% block b %}\n  {% for a in b %}\n{% endblock b %}", None).unwrap();
        assert_eq!((p.line, p.column), (2, 3));
        assert_eq!(
            p.message,
            "`{% for %}` opened at line 2, column 3 is never closed: add `{% endfor %}` before \
             `{% endblock %}` at line 3"
        );
        let p = unclosed("{% if a %}{% if b %}{% endif %}\n", Some((2, 1))).unwrap();
        assert_eq!((p.line, p.column), (1, 1));
        let end = "before the end of the template";
        assert!(p.message.contains(end), "{}", p.message);
        // What Tera reports itself is left to it: a tag never closed, a stray closing tag, an
        // error before the place the unclosed tag shows.
        assert!(unclosed("{% if a %}{{ x", None).is_none());
        assert!(unclosed("{% endif %}", None).is_none());
        assert!(unclosed("{% for x in %}\n", Some((1, 13))).is_none());
        let fine = "{%- if a -%}{%- else -%}{%- endif -%}{% raw %}{% if %}{% endraw %}";
        assert!(unclosed(fine, None).is_none());
    }

    #[test]
    fn deep_tags_are_refused_with_their_line() {
        let deep = format!(
            "a\n{}x{}",
            "{% if true %}".repeat(100),
            "{% endif %}".repeat(100)
        );
        let p = nesting(&deep).unwrap_err();
        assert_eq!((p.line, p.column), (2, 13 * 64 + 1));
        assert!(p.message.contains("nested more than 64"), "{}", p.message);
        let fine = format!(
            "{}x{}",
            "{% if true %}".repeat(60),
            "{% endif %}".repeat(60)
        );
        assert!(nesting(&fine).is_ok());
        assert!(
            nesting("{{ ((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))) }}")
                .is_err()
        );
        // Brackets inside strings, comments and raw blocks are not expressions.
        assert!(
            nesting(&format!(
                "{{{{ \"{}\" }}}}{{# {} #}}",
                "(".repeat(99),
                "[".repeat(99)
            ))
            .is_ok()
        );
        let raw = format!("{{% raw %}}{}{{% endraw %}}", "{% if x %}".repeat(99));
        assert!(nesting(&raw).is_ok());
        let chain = format!("{{{{ {} }}}}", vec!["1"; 300].join(" + "));
        let p = nesting(&chain).unwrap_err();
        assert!(
            p.message.contains("more than 256 operators"),
            "{}",
            p.message
        );
        let ands = format!("{{% if {} %}}{{% endif %}}", vec!["a"; 300].join(" and "));
        assert!(nesting(&ands).is_err());
        assert!(
            nesting("{{ a + b ~ \"+-*/\" | upper }}{% if a and not b or c in d %}{% endif %}")
                .is_ok()
        );
    }
}
