//! Readings of one article as if it were published on a given day, kept for the next load.
//!
//! Dating an undated article reads it as if written on each day of a week, and re-reads it
//! once placed (see [`super::dating::place_all`]): eight taggings of its whole text, on every
//! load. Each reading is a function of the article and the day alone, so the preview server,
//! which loads the same unchanged articles again after every edit, keeps them beside the
//! article's analysis (and drops them with it when the article changes). A one-shot build does
//! not keep them: it reads each article on each day once anyway, and holding the readings
//! would only add to its peak memory.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::mentions::Mention;
use crate::time::Timex;

/// One article's readings, by the day it was read as published on.
#[derive(Debug, Default)]
pub struct Rereads {
    timexes: Mutex<HashMap<NaiveDate, Vec<Timex>>>,
    mentions: Mutex<HashMap<NaiveDate, Vec<Mention>>>,
}

/// The temporal expressions of the reading on `day`: `read` once, then the copy `kept` holds;
/// `read` every time when nothing is kept.
pub fn timexes(
    kept: Option<&Rereads>,
    day: NaiveDate,
    read: impl FnOnce() -> Vec<Timex>,
) -> Vec<Timex> {
    memo(kept.map(|r| &r.timexes), day, read)
}

/// The mentions of the reading on `day`, as [`timexes`].
pub fn mentions(
    kept: Option<&Rereads>,
    day: NaiveDate,
    read: impl FnOnce() -> Vec<Mention>,
) -> Vec<Mention> {
    memo(kept.map(|r| &r.mentions), day, read)
}

/// The value kept for `day`, or `read`'s, kept. The lock is not held while reading; a poisoned
/// lock only loses the memo.
fn memo<T: Clone>(
    map: Option<&Mutex<HashMap<NaiveDate, T>>>,
    day: NaiveDate,
    read: impl FnOnce() -> T,
) -> T {
    let Some(map) = map else {
        return read();
    };
    if let Some(v) = map.lock().ok().and_then(|m| m.get(&day).cloned()) {
        return v;
    }
    let v = read();
    if let Ok(mut m) = map.lock() {
        m.insert(day, v.clone());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_once_and_each_day_apart() {
        let r = Rereads::default();
        let d1 = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2024, 5, 7).unwrap();
        let calls = std::cell::Cell::new(0);
        let read = |d: NaiveDate| {
            calls.set(calls.get() + 1);
            crate::time::tag("Le conseil a voté mardi.", crate::lang::Lang::Fr, Some(d))
        };
        let first = timexes(Some(&r), d1, || read(d1));
        assert_eq!(timexes(Some(&r), d1, || read(d1)), first);
        assert_eq!(calls.get(), 1);
        let other = timexes(Some(&r), d2, || read(d2));
        assert_eq!(calls.get(), 2);
        // Read on another day, `mardi` names another day: the readings are kept apart.
        assert_ne!(first[0].value, other[0].value, "{first:?} {other:?}");
    }
}
