//! Fuzzy name matching without any list of names: transliteration variants (`Tchaïkovski` /
//! `Tchaikovsky`, `Yekaterinburg` / `Ekaterinbourg`) share a normalised key, and typos
//! within one edit of a frequent spelling join it.

use std::collections::{BTreeMap, HashMap};

/// A spelling-insensitive key for a folded name.
pub fn key(folded: &str) -> String {
    let mut s = folded
        .replace("sch", "ch")
        .replace("sh", "ch")
        .replace("tch", "ch");
    for (from, to) in [
        ("kh", "k"),
        ("gh", "g"),
        ("ph", "f"),
        ("dj", "j"),
        ("dzh", "j"),
        ("zh", "j"),
        ("ck", "k"),
        ("q", "k"),
        ("ou", "u"),
        ("w", "v"),
        ("y", "i"),
        ("ï", "i"),
        ("-", ""),
        ("'", ""),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    // A leading `i` before a vowel is a transliterated `y` (`Yekaterinburg` / `Ekaterinburg`).
    let mut chars = out.chars();
    if let (Some('i'), Some(v)) = (chars.next(), chars.next())
        && "aeiou".contains(v)
    {
        out.remove(0);
    }
    out
}

/// Maps each folded name to its canonical spelling: the most frequent spelling of its group.
/// `counts` are the number of mentions of each folded name.
pub fn canonical(counts: &BTreeMap<String, usize>) -> HashMap<String, String> {
    // Group by key, then join keys one edit apart (deletion neighbourhoods keep it linear).
    let mut by_key: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in counts.keys() {
        by_key.entry(key(name)).or_default().push(name);
    }
    let keys: Vec<&String> = by_key.keys().collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut deletes: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if k.chars().count() < 6 {
            continue;
        }
        let chars: Vec<char> = k.chars().collect();
        deletes.entry((*k).clone()).or_default().push(i);
        for d in 0..chars.len() {
            let v: String = chars[..d].iter().chain(&chars[d + 1..]).collect();
            deletes.entry(v).or_default().push(i);
        }
    }
    let mut groups: Vec<&Vec<usize>> = deletes.values().collect();
    groups.sort();
    for g in groups {
        for w in g.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            if a != b {
                let (lo, hi) = (a.min(b), a.max(b));
                parent[hi] = lo;
            }
        }
    }
    let mut members: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let r = find(&mut parent, i);
        members
            .entry(r)
            .or_default()
            .extend(by_key[*k].iter().copied());
    }
    let mut out = HashMap::new();
    for names in members.values() {
        let best = names
            .iter()
            .max_by(|a, b| counts[**a].cmp(&counts[**b]).then_with(|| b.cmp(a)))
            .map(|s| (*s).clone())
            .unwrap_or_default();
        for n in names {
            out.insert((*n).clone(), best.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        assert_eq!(key("pachinian"), key("pashinyan"));
        assert_eq!(key("tchaïkovski"), key("tchaikovsky"));
        assert_eq!(key("yekaterinburg"), key("ekaterinbourg"));
        assert_eq!(key("yevlakh"), key("evlakh"));
        assert_eq!(key("aliyev"), key("aliev"));
        assert_eq!(key("yerevan"), key("erevan"));
        assert_ne!(key("paris"), key("berlin"));
    }

    #[test]
    fn typos_join_the_frequent_spelling() {
        let counts: BTreeMap<String, usize> = [
            ("stepanakert", 5),
            ("stepanakrt", 1),
            ("pashinyan", 3),
            ("pachinian", 2),
            ("moscou", 2),
            ("macron", 2),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let c = canonical(&counts);
        assert_eq!(c["stepanakrt"], "stepanakert");
        assert_eq!(c["pachinian"], "pashinyan");
        assert_eq!(c["moscou"], "moscou");
        assert_ne!(c["macron"], c["moscou"]);
    }
}
