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

/// Measures tag and bracket nesting on the raw text, in one pass, so that templates the parser
/// would recurse too deeply on are refused before it sees them.
pub fn nesting(text: &str) -> Result<(), Problem> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let at = |pos: usize, message: String| {
        let (line, column) = crate::text::line_col(text, pos);
        Problem {
            line,
            column,
            message,
        }
    };
    while let Some(off) = text[i..].find('{') {
        let start = i + off;
        let close = match bytes.get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let Some(len) = text[inner_start..].find(close) else {
            break; // Tera reports the unclosed tag.
        };
        let inner = &text[inner_start..inner_start + len];
        i = inner_start + len + 2;
        if close == "#}" {
            continue;
        }
        let mut brackets = 0usize;
        let mut operators = 0usize;
        let mut quote = None;
        let mut word = String::new();
        for (k, c) in inner.char_indices() {
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
                    return Err(at(
                        inner_start + k,
                        format!(
                            "more than {MAX_OPERATORS} operators in one tag; split the \
expression with `set`"
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
                        return Err(at(
                            inner_start + k,
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
        if close != "%}" {
            continue;
        }
        let word = inner
            .trim_start_matches(['-', ' ', '\t', '\r', '\n'])
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        match word {
            "if" | "for" | "block" | "macro" | "filter" => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(at(
                        start,
                        format!(
                            "tags nested more than {MAX_NESTING} deep; move the inner part \
into a macro or an included template"
                        ),
                    ));
                }
            }
            "endif" | "endfor" | "endblock" | "endmacro" | "endfilter" => {
                depth = depth.saturating_sub(1)
            }
            "raw" => match text[i..].find("endraw") {
                // Nothing inside raw is parsed.
                Some(end) => i += end,
                None => break,
            },
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
