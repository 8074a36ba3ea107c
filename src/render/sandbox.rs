//! The template sandbox: the global functions templates may call. Tera registers `get_env`,
//! `now` and `get_random` by default; a published site must never carry the build machine's
//! environment (CI secrets), clock or randomness, so each is replaced by a function that fails
//! with what to use instead. `range` is replaced by one that refuses huge ranges instead of
//! allocating them (Tera's aborts the process on `range(end=1000000000)`).

use std::collections::HashMap;

use tera::{Error, Result, Tera, Value, to_value};

/// Most elements `range` returns: enough for any page of a site, small enough that a nested
/// pair of them stays inside the render budget.
pub const MAX_RANGE: u64 = 100_000;

/// Installs the sandboxed functions over Tera's defaults.
pub fn register(tera: &mut Tera) {
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
}
