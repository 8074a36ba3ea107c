//! The render budget of one page: how many steps (loop iterations, macro calls, included
//! templates, blocks), how long, how many bytes of output and how large a variable may grow.
//!
//! Tera has no limits of its own and cannot be interrupted from outside, so the budget is
//! checked from inside the render: [`instrument`] adds a call to a hidden function at the start
//! of every loop body, macro, block and template, and after every `set`; the function counts
//! and fails the render once the page is over budget. Every repeated piece of template work
//! passes through one of these points, so no render thread is ever abandoned: an over-budget
//! page stops on its own thread with an error, `annales build` exits promptly and `serve` keeps
//! its last good site. Work between two points is bounded by the data's size and by the caps
//! of `range` (see [`super::sandbox`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tera::ast::{Block, Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Context, Error, Template, Tera, Value};

/// Most steps one page may take (a step is a loop iteration, a macro call, an included
/// template, a block or a `set`): the default theme's chronology takes about 6 per event, so
/// this is 30 times what a page of 10,000 events needs, and a few seconds of work.
pub const MAX_STEPS: u64 = 2_000_000;
/// Most steps all the pages of one site may take together, so that a template just under the
/// page budget cannot make a site of many pages render for hours.
pub const MAX_SITE_STEPS: u64 = 100 * MAX_STEPS;
/// Longest one page may render.
pub const MAX_TIME: Duration = Duration::from_secs(30);
/// Largest page, and largest value a `set` may make (in bytes of text, roughly).
pub const MAX_BYTES: usize = 256 << 20;
/// Stack given to parsing and to each page render: the deepest chain the checks allow
/// ([`super::template_check::MAX_DEPTH`] macro calls) needs about 8 MiB in a debug build, so
/// this leaves a wide margin. It is reserved address space, only touched as deep templates use
/// it.
pub const STACK: usize = 64 << 20;

/// The hidden function [`instrument`] calls.
const TICK: &str = "__annales_budget";

/// What the pages of one render share: the site-wide step count and, once a page has gone over
/// budget, its error, which stops the other pages at their next step (each would otherwise
/// run to its own limit).
#[derive(Debug, Default)]
pub struct Shared {
    steps: AtomicU64,
    cancelled: AtomicBool,
    first: OnceLock<String>,
}

/// Steps a page counts before adding them to the site-wide count.
const BATCH: u64 = 1024;

struct Budget {
    steps: u64,
    shared: Arc<Shared>,
    /// The site's pages stopped because another page went over budget.
    cancelled: bool,
    deadline: Instant,
    /// Why the page was stopped, reported instead of Tera's wrapping of it.
    exceeded: Option<String>,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

fn exceed(msg: String) -> Error {
    BUDGET.with(|b| {
        if let Some(b) = b.borrow_mut().as_mut() {
            b.exceeded.get_or_insert_with(|| msg.clone());
        }
    });
    Error::msg(msg)
}

/// Registers the hidden budget function.
pub fn register(tera: &mut Tera) {
    tera.register_function(TICK, |args: &HashMap<String, Value>| {
        let over = BUDGET.with(|b| {
            let mut b = b.borrow_mut();
            let b = b.as_mut()?;
            b.steps += 1;
            if b.shared.cancelled.load(Ordering::Relaxed) {
                b.cancelled = true;
                return Some("another page went over its budget".to_string());
            }
            if b.steps % BATCH == 0
                && b.shared.steps.fetch_add(BATCH, Ordering::Relaxed) + BATCH > MAX_SITE_STEPS
            {
                return Some(format!(
                    "the site's pages took more than {MAX_SITE_STEPS} steps in all (loop \
iterations, macro calls, includes); move work out of the templates' loops"
                ));
            }
            if b.steps > MAX_STEPS {
                return Some(format!(
                    "the page took more than {MAX_STEPS} steps (loop iterations, macro calls, \
includes): a loop inside a loop over large data or ranges? Loop over less, or move the work \
out of the inner loop"
                ));
            }
            if Instant::now() > b.deadline {
                return Some(format!(
                    "the page took longer than {} s to render; simplify its loops",
                    MAX_TIME.as_secs()
                ));
            }
            None
        });
        if let Some(msg) = over {
            return Err(exceed(msg));
        }
        if let Some(why) = args.get("v").and_then(|v| too_large(v, MAX_BYTES)) {
            return Err(exceed(why));
        }
        Ok(Value::String(String::new()))
    });
}

/// Deepest nesting of lists and maps a `set` may make (`set l = [l]` in a loop nests one level
/// per step, and copying or dropping such a value recurses once per level).
pub const MAX_VALUE_DEPTH: usize = 1000;

/// Why `v` is too large: more than `limit` bytes, roughly, or nested more than
/// [`MAX_VALUE_DEPTH`]; stops measuring as soon as it is.
fn too_large(v: &Value, limit: usize) -> Option<String> {
    let mut total = 0usize;
    let mut todo = vec![(v, 0usize)];
    while let Some((v, depth)) = todo.pop() {
        if depth > MAX_VALUE_DEPTH {
            return Some(format!(
                "a variable set by the template holds lists or maps nested more than \
{MAX_VALUE_DEPTH} deep (such as `set l = [l]` in a loop)"
            ));
        }
        total += match v {
            Value::String(s) => s.len(),
            Value::Array(a) => {
                todo.extend(a.iter().map(|v| (v, depth + 1)));
                8
            }
            Value::Object(o) => {
                for (k, v) in o {
                    total += k.len();
                    todo.push((v, depth + 1));
                }
                8
            }
            _ => 8,
        };
        if total > limit {
            return Some(format!(
                "a variable set by the template grew larger than {} MiB (a value built from \
itself more than once, such as `set s = s ~ s`, doubles at each step)",
                limit >> 20
            ));
        }
    }
    None
}

fn tick(v: Option<&str>) -> Node {
    let mut args = HashMap::new();
    if let Some(key) = v {
        args.insert("v".to_string(), Expr::new(ExprVal::Ident(key.to_string())));
    }
    Node::VariableBlock(
        WS::default(),
        Expr::new(ExprVal::FunctionCall(FunctionCall {
            name: TICK.to_string(),
            args,
        })),
    )
}

/// Adds the budget points to a parsed template (see the module comment), then recomputes the
/// blocks and macros Tera keeps beside the AST from the new AST.
pub fn instrument(t: &mut Template) {
    let extends = t.ast.iter().any(|n| matches!(n, Node::Extends(..)));
    let ast = std::mem::take(&mut t.ast);
    // A child template's own top level is never rendered: only its blocks are.
    t.ast = body(ast, !extends);
    t.blocks.clear();
    collect_blocks(&t.ast, &mut t.blocks);
    t.macros.clear();
    for n in &t.ast {
        if let Node::MacroDefinition(_, m, _) = n {
            t.macros.insert(m.name.clone(), m.clone());
        }
    }
}

fn collect_blocks(nodes: &[Node], out: &mut HashMap<String, Block>) {
    for n in nodes {
        if let Node::Block(_, b, _) = n {
            out.insert(b.name.clone(), b.clone());
            collect_blocks(&b.body, out);
        }
    }
}

fn body(nodes: Vec<Node>, counted: bool) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len() + 1);
    if counted {
        out.push(tick(None));
    }
    for n in nodes {
        match n {
            Node::Set(ws, set) => {
                let key = set.key.clone();
                out.push(Node::Set(ws, set));
                out.push(tick(Some(&key)));
            }
            other => out.push(node(other)),
        }
    }
    out
}

fn node(n: Node) -> Node {
    match n {
        Node::MacroDefinition(a, mut m, b) => {
            m.body = body(m.body, true);
            Node::MacroDefinition(a, m, b)
        }
        Node::Block(a, mut blk, b) => {
            blk.body = body(blk.body, true);
            Node::Block(a, blk, b)
        }
        Node::Forloop(a, mut f, b) => {
            f.body = body(f.body, true);
            f.empty_body = f.empty_body.map(|e| body(e, false));
            Node::Forloop(a, f, b)
        }
        Node::FilterSection(a, mut f, b) => {
            f.body = body(f.body, false);
            Node::FilterSection(a, f, b)
        }
        Node::If(mut i, ws) => {
            i.conditions = i
                .conditions
                .into_iter()
                .map(|(w, e, nodes)| (w, e, body(nodes, false)))
                .collect();
            i.otherwise = i.otherwise.map(|(w, nodes)| (w, body(nodes, false)));
            Node::If(i, ws)
        }
        other => other,
    }
}

/// Output that refuses to grow past [`MAX_BYTES`].
struct Capped(Vec<u8>);

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_BYTES {
            let msg = format!(
                "the page is larger than {} MiB; show less on one page",
                MAX_BYTES >> 20
            );
            exceed(msg.clone());
            return Err(std::io::Error::other(msg));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders `name` within the page budget, on a large stack of its own. The error is the
/// budget's reason when the budget stopped the page, else Tera's error flattened, in the words
/// of `describe` (which names the page). Once a page of the render sharing `shared` went over
/// budget, the others stop too and give that page's error.
pub fn render(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    shared: &Arc<Shared>,
    describe: impl FnOnce(&str) -> String,
) -> Result<String, String> {
    stacker::grow(STACK, || {
        BUDGET.with(|b| {
            *b.borrow_mut() = Some(Budget {
                steps: 0,
                shared: shared.clone(),
                cancelled: false,
                deadline: Instant::now() + MAX_TIME,
                exceeded: None,
            })
        });
        let mut out = Capped(Vec::with_capacity(16 << 10));
        let result = tera.render_to(name, ctx, &mut out);
        let budget = BUDGET.with(|b| b.borrow_mut().take());
        let (cancelled, exceeded) = budget.map_or((false, None), |b| (b.cancelled, b.exceeded));
        match (result, exceeded) {
            (Ok(()), _) => {
                String::from_utf8(out.0).map_err(|_| describe("the page is not valid UTF-8 text"))
            }
            (Err(_), Some(_)) if cancelled => Err(shared
                .first
                .get()
                .cloned()
                .unwrap_or_else(|| describe("stopped: another page went over its budget"))),
            (Err(_), Some(why)) => {
                let msg = describe(&format!("stopped: {why}"));
                let first = shared.first.get_or_init(|| msg.clone()).clone();
                shared.cancelled.store(true, Ordering::Relaxed);
                Err(first)
            }
            (Err(e), None) => Err(describe(&super::theme::describe_tera_error(&e))),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(src: &str) -> Tera {
        let mut tera = Tera::default();
        register(&mut tera);
        super::super::sandbox::register(&mut tera);
        let mut t = Template::new("t.html", None, src).unwrap();
        instrument(&mut t);
        tera.templates.insert("t.html".into(), t);
        tera.build_inheritance_chains().unwrap();
        tera
    }

    /// Renders one template alone, with a fresh site budget.
    fn render_alone(src: &str) -> Result<String, String> {
        render(
            &tera(src),
            "t.html",
            &Context::new(),
            &Arc::default(),
            |m| m.to_string(),
        )
    }

    #[test]
    fn instrumented_templates_render_the_same() {
        let src = "{% macro m(x) %}<{{ x }}>{% endmacro m %}{% set n = 2 %}\
{% for i in range(end=3) %}{% if i == 1 %}{{ self::m(x=i) }}{% else %}{{ i }}{% endif %}{% endfor %}{{ n }}";
        assert_eq!(render_alone(src).unwrap(), "0<1>22");
    }

    #[test]
    fn a_nested_loop_of_hours_stops_with_an_error() {
        let src = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}.{% endfor %}{% endfor %}{% endfor %}";
        let e = render_alone(src).unwrap_err();
        assert!(e.contains("more than 2000000 steps"), "{e}");
    }

    #[test]
    fn a_doubling_variable_stops_with_an_error() {
        let src = "{% set_global s = \"xxxxxxxx\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
        let e = render_alone(src).unwrap_err();
        assert!(e.contains("grew larger than 256 MiB"), "{e}");
    }

    #[test]
    fn the_site_wide_budget_stops_the_pages_after_it() {
        let shared = Arc::new(Shared::default());
        shared.steps.store(MAX_SITE_STEPS, Ordering::Relaxed);
        let src = "{% for i in range(end=5000) %}.{% endfor %}";
        let e = render(&tera(src), "t.html", &Context::new(), &shared, |m| {
            m.to_string()
        })
        .unwrap_err();
        assert!(e.contains("steps in all"), "{e}");
    }

    #[test]
    fn once_a_page_is_over_budget_the_others_stop_with_its_error() {
        let shared = Arc::new(Shared::default());
        let t = tera(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}.{% endfor %}{% endfor %}",
        );
        let first = render(&t, "t.html", &Context::new(), &shared, |m| {
            format!("page 1: {m}")
        })
        .unwrap_err();
        assert!(first.starts_with("page 1: stopped:"), "{first}");
        let second = render(&t, "t.html", &Context::new(), &shared, |m| {
            format!("page 2: {m}")
        })
        .unwrap_err();
        assert_eq!(second, first);
        // Even a page without loops stops: every template starts with a budget point.
        assert_eq!(
            render(&tera("ok"), "t.html", &Context::new(), &shared, |m| m
                .to_string()),
            Err(first)
        );
    }

    #[test]
    fn a_variable_nesting_itself_stops_with_an_error() {
        let src = "{% set_global l = [] %}{% for i in range(end=5000) %}{% set_global l = [l] %}{% endfor %}x";
        let e = render_alone(src).unwrap_err();
        assert!(e.contains("nested more than 1000 deep"), "{e}");
    }
}
