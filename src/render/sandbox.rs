//! The template sandbox: the global functions templates may call. Tera registers `get_env`,
//! `now` and `get_random` by default; a published site must never carry the build machine's
//! environment (CI secrets), clock or randomness, so each is replaced by a function that fails
//! with what to use instead. `range` is replaced by one that refuses huge ranges instead of
//! allocating them (Tera's aborts the process on `range(end=1000000000)`), and the filters
//! whose result can be many times the size of their input (`join`, `replace`, `split`,
//! `indent`) first estimate it and refuse one over [`super::budget::MAX_BYTES`].

use std::collections::HashMap;

use tera::{Error, Result, Tera, Value, to_value};

/// Most elements `range` returns: enough for any page of a site, small enough that a nested
/// pair of them stays inside the render budget.
pub const MAX_RANGE: u64 = 100_000;

/// Installs the sandboxed functions and filter guards over Tera's defaults.
pub fn register(tera: &mut Tera) {
    guard(tera, "join", |v, args| {
        let items = v.as_array()?;
        let sep = str_arg(args, "sep").map_or(0, str::len);
        Some(items.iter().map(rough_len).sum::<usize>() + items.len() * sep)
    });
    guard(tera, "replace", |v, args| {
        let (s, from, to) = (v.as_str()?, str_arg(args, "from")?, str_arg(args, "to")?);
        let hits = if from.is_empty() {
            s.chars().count() + 1
        } else {
            s.matches(from).count()
        };
        Some(s.len() + hits * to.len())
    });
    guard(tera, "split", |v, args| {
        let (s, pat) = (v.as_str()?, str_arg(args, "pat")?);
        let pieces = if pat.is_empty() {
            s.chars().count() + 2
        } else {
            s.matches(pat).count() + 1
        };
        // Each piece is a value of its own, about 64 bytes before its text.
        Some(s.len() + pieces * 64)
    });
    guard(tera, "indent", |v, args| {
        let s = v.as_str()?;
        let prefix = str_arg(args, "prefix").map_or(4, str::len);
        Some(s.len() + (s.matches('\n').count() + 1) * prefix)
    });
    tera.register_function("range", range);
    tera.register_function("now", |_: &HashMap<String, Value>| -> Result<Value> {
        Err(Error::msg(
            "`now()` is not available: the same content must give the same site, whatever the \
build day. Show the timeline's own dates instead (an event's `date`, a source's `published`)",
        ))
    });
    tera.register_function(
        "get_random",
        |_: &HashMap<String, Value>| -> Result<Value> {
            Err(Error::msg(
                "`get_random()` is not available: the same content must give the same site. Derive \
variety from the data instead (`loop.index`, an event's `id`)",
            ))
        },
    );
    tera.register_function("get_env", |_: &HashMap<String, Value>| -> Result<Value> {
        Err(Error::msg(
            "`get_env()` is not available: environment variables never reach the site (they \
may hold secrets). Put the value in site.toml under [extra] and use `config.extra.NAME`",
        ))
    });
}

fn str_arg<'a>(args: &'a HashMap<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

/// Bytes a value takes rendered, roughly (exact for strings).
fn rough_len(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len(),
        Value::Array(a) => a.iter().map(rough_len).sum::<usize>() + a.len() * 2,
        Value::Object(o) => o.iter().map(|(k, v)| k.len() + rough_len(v) + 4).sum(),
        _ => 24,
    }
}

/// Replaces Tera's filter `name` by one that first estimates the size of its result with
/// `estimate` (None: not a case the estimate knows, left to the filter's own checks).
fn guard(
    tera: &mut Tera,
    name: &'static str,
    estimate: fn(&Value, &HashMap<String, Value>) -> Option<usize>,
) {
    let Some(inner) = tera.filters.get(name).cloned() else {
        return;
    };
    let limit = super::budget::MAX_BYTES;
    tera.register_filter(name, move |v: &Value, args: &HashMap<String, Value>| {
        if let Some(size) = estimate(v, args)
            && size > limit
        {
            return Err(Error::msg(format!(
                "filter `{name}` would make about {} MiB, more than the limit of {} MiB",
                size >> 20,
                limit >> 20
            )));
        }
        inner.filter(v, args)
    });
}

fn arg(args: &HashMap<String, Value>, name: &str, default: Option<u64>) -> Result<u64> {
    match args.get(name) {
        None => default.ok_or_else(|| Error::msg(format!("`range` needs an `{name}` argument"))),
        Some(v) => v.as_u64().ok_or_else(|| {
            Error::msg(format!(
                "`range` expects `{name}` to be a whole number of 0 or more, got {v}"
            ))
        }),
    }
}

/// `range(end, start=0, step_by=1)` as in Tera, counting its elements before making any.
fn range(args: &HashMap<String, Value>) -> Result<Value> {
    let start = arg(args, "start", Some(0))?;
    let end = arg(args, "end", None)?;
    let step = arg(args, "step_by", Some(1))?;
    if step == 0 {
        return Err(Error::msg("`range` needs `step_by` of at least 1"));
    }
    if start > end {
        return Err(Error::msg(format!(
            "`range` was called with start={start} greater than end={end}"
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(Error::msg(format!(
            "`range` would make {count} numbers, more than the limit of {MAX_RANGE}: loop over \
the site's data (`events`, `sources`) or a smaller range"
        )));
    }
    let values: Vec<u64> = (0..count).map(|i| start + i * step).collect();
    Ok(to_value(values)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[(&str, u64)]) -> Result<Value> {
        let args = args
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect();
        range(&args)
    }

    #[test]
    fn range_matches_tera_for_small_ranges() {
        assert_eq!(
            call(&[("end", 5)]).unwrap(),
            to_value([0, 1, 2, 3, 4]).unwrap()
        );
        assert_eq!(
            call(&[("start", 1), ("end", 10), ("step_by", 3)]).unwrap(),
            to_value([1, 4, 7]).unwrap()
        );
        assert_eq!(call(&[("end", 0)]).unwrap(), to_value([0u64; 0]).unwrap());
    }

    #[test]
    fn huge_range_is_an_error_not_an_allocation() {
        let e = call(&[("end", 1_000_000_000)]).unwrap_err().to_string();
        assert!(e.contains("more than the limit of 100000"), "{e}");
        assert!(call(&[("end", u64::MAX), ("step_by", 0)]).is_err());
        assert!(call(&[("end", MAX_RANGE)]).is_ok());
    }

    #[test]
    fn filters_that_multiply_their_input_are_refused_before_they_allocate() {
        let mut tera = Tera::default();
        register(&mut tera);
        let mut ctx = tera::Context::new();
        ctx.insert("big", &"x".repeat(1 << 20));
        ctx.insert("big5", &"x".repeat(5 << 20));
        ctx.insert("lines", &"\n".repeat(1 << 10));
        for (src, filter) in [
            ("{{ range(end=1000) | join(sep=big) }}", "join"),
            ("{{ big | replace(from=\"x\", to=big) }}", "replace"),
            ("{{ big | replace(from=\"\", to=big) }}", "replace"),
            ("{{ big5 | split(pat=\"\") | length }}", "split"),
            ("{{ lines | indent(prefix=big) }}", "indent"),
        ] {
            let Err(e) = tera.render_str(src, &ctx) else {
                panic!("{src} rendered");
            };
            let msg = super::super::theme::describe_tera_error(&e);
            assert!(
                msg.contains(&format!("filter `{filter}` would make about")),
                "{src}: {msg}"
            );
        }
        // Ordinary uses are unchanged.
        assert_eq!(
            tera.render_str("{{ [1, 2] | join(sep=\", \") }}|{{ \"a-b\" | replace(from=\"-\", to=\"+\") }}|{{ \"a,b\" | split(pat=\",\") | length }}", &ctx).unwrap(),
            "1, 2|a+b|2"
        );
    }
}
