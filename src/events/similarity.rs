//! Comparing mentions: IDF-weighted cosine over their features, with names canonicalised so that
//! spelling variants count as one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::mentions::Mention;
use super::names;
use super::terms::NAME_PREFIX;

/// A sparse, L2-normalised vector of interned features, sorted by feature id.
pub type Vector = Vec<(u32, f32)>;

/// Names count more than common words: they pin down who and where.
const NAME_BOOST: f32 = 1.5;
/// Features kept per mention.
const KEEP: usize = 16;
/// Event nouns and verbs (synonym groups) count most: they say what happened.
const EVENT_BOOST: f32 = 2.0;

/// Feature interning, name canonicalisation and IDF over a collection of mentions.
#[derive(Debug, Default)]
pub struct Matcher {
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Whether each interned feature is an event-word group (`~cessez-le-feu`).
    is_group: Vec<bool>,
    canon: HashMap<String, String>,
    default_idf: f32,
}

impl Matcher {
    /// Builds the matcher from every mention of the site.
    pub fn build<'a>(mentions: impl Iterator<Item = &'a Mention> + Clone) -> Matcher {
        let mut name_counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut n_docs = 0usize;
        for m in mentions.clone() {
            n_docs += 1;
            for (t, _) in &m.terms {
                if let Some(n) = t.strip_prefix(NAME_PREFIX) {
                    *name_counts.entry(n.to_string()).or_default() += 1;
                }
            }
        }
        let canon = names::canonical(&name_counts);
        let mut matcher = Matcher {
            canon,
            ..Matcher::default()
        };
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for m in mentions {
            let mut seen: Vec<std::borrow::Cow<'_, str>> = m
                .terms
                .iter()
                .map(|(t, _)| matcher.canonical_cow(t))
                .collect();
            seen.sort();
            seen.dedup();
            for t in seen {
                match df.get_mut(t.as_ref()) {
                    Some(d) => *d += 1,
                    None => {
                        df.insert(t.into_owned(), 1);
                    }
                }
            }
        }
        let n = n_docs.max(1) as f32;
        for (t, d) in df {
            let id = matcher.idf.len() as u32;
            matcher
                .is_group
                .push(t.starts_with(super::lexicon::GROUP_PREFIX));
            matcher.ids.insert(t, id);
            matcher.idf.push((1.0 + n / d as f32).ln());
        }
        matcher.default_idf = (1.0 + n).ln();
        matcher
    }

    fn canonical(&self, term: &str) -> String {
        self.canonical_cow(term).into_owned()
    }

    /// [`Self::canonical`], borrowing the term when it is its own canonical form (every term
    /// but a name spelt in a variant): no allocation for the look-ups of every mention's terms.
    fn canonical_cow<'t>(&self, term: &'t str) -> std::borrow::Cow<'t, str> {
        match term
            .strip_prefix(NAME_PREFIX)
            .and_then(|n| self.canon.get(n))
        {
            Some(c) => std::borrow::Cow::Owned(format!("{NAME_PREFIX}{c}")),
            None => std::borrow::Cow::Borrowed(term),
        }
    }

    /// The weighted vector of a mention; features never seen when building are dropped (they
    /// can match nothing).
    pub fn vector(&self, m: &Mention) -> Vector {
        let mut v: Vector = Vec::with_capacity(m.terms.len());
        for (t, w) in &m.terms {
            let c = self.canonical_cow(t);
            let Some(&id) = self.ids.get(c.as_ref()) else {
                continue;
            };
            let boost = if c.starts_with(NAME_PREFIX) {
                NAME_BOOST
            } else if c.starts_with(super::lexicon::GROUP_PREFIX) {
                EVENT_BOOST
            } else {
                1.0
            };
            v.push((id, w * self.idf[id as usize] * boost));
        }
        // The words that weigh most say what happened; the tail of a long sentence is noise.
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.dedup_by_key(|x| x.0);
        v.truncate(KEEP);
        v.sort_by_key(|x| x.0);
        v.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 = a.1.max(b.1);
                true
            } else {
                false
            }
        });
        normalise(&mut v);
        v
    }

    /// The event-word groups of a vector (what kinds of happening its words tell), as ids.
    pub fn groups(&self, v: &Vector) -> BTreeSet<u32> {
        v.iter()
            .map(|x| x.0)
            .filter(|&id| self.is_group.get(id as usize).copied().unwrap_or(false))
            .collect()
    }

    /// The canonical names a mention cites (who and where), as feature ids.
    pub fn names(&self, m: &Mention) -> BTreeSet<u32> {
        m.terms
            .iter()
            .filter(|(t, _)| t.starts_with(NAME_PREFIX))
            .filter_map(|(t, _)| self.ids.get(self.canonical_cow(t).as_ref()).copied())
            .collect()
    }

    /// The names that act in a mention's happening: those written before its event verb
    /// (`la ministre Dupont a accusé…`), canonical and folded. Empty when the
    /// mention has no kind, its event word is not a verb, or no name comes before it.
    pub fn agents(&self, m: &Mention, lex: &super::lexicon::Lexicon) -> BTreeSet<String> {
        // Agents are names of the mention: without any, none (and no tokenising to find out).
        if m.names.is_empty() {
            return BTreeSet::new();
        }
        let Some(kind) = super::mentions::main_kind(m) else {
            return BTreeSet::new();
        };
        let toks = crate::text::tokens(&m.quote);
        let Some(k) = toks.iter().position(|t| lex.feature(t.text) == kind) else {
            return BTreeSet::new();
        };
        // Only a verb has a subject that acts (`Dupont a accusé`): the event word must follow
        // an auxiliary, with at most one word between (`a notamment accusé`).
        let verb = (k.saturating_sub(2)..k)
            .any(|i| lex.auxiliaries.contains(&crate::text::fold(toks[i].text)));
        if !verb {
            return BTreeSet::new();
        }
        let at = toks[k].start;
        let head: String = m.quote.chars().take(at).collect();
        let mut out = BTreeSet::new();
        for name in m.names.iter().filter(|n| head.contains(n.as_str())) {
            let folded = crate::text::fold(name);
            let parts = folded.split('-').filter(|p| p.chars().count() >= 4);
            for f in std::iter::once(folded.as_str()).chain(parts) {
                let c = self.canonical(&format!("{NAME_PREFIX}{f}"));
                if self.ids.contains_key(&c) {
                    out.insert(c.trim_start_matches(NAME_PREFIX).to_string());
                }
            }
        }
        out
    }

    /// The kind of happening a mention reports: the event-noun group nearest its date, when
    /// one is near enough.
    pub fn kind(&self, m: &Mention) -> Option<u32> {
        super::mentions::main_kind(m).and_then(|t| self.ids.get(&t).copied())
    }

    /// How rare a word is across the site: the IDF of its feature, or of its name form.
    pub fn rarity(&self, feature: &str, folded: &str) -> f32 {
        let name = self.canonical(&format!("{NAME_PREFIX}{folded}"));
        let a = self.ids.get(feature).map(|&i| self.idf[i as usize]);
        let b = self.ids.get(&name).map(|&i| self.idf[i as usize]);
        a.into_iter().chain(b).fold(0.0, f32::max)
    }
}

/// Scales `v` to unit length.
pub fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
}

/// Cosine of two normalised vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Sum of vectors, normalised: a cluster's centroid.
pub fn centroid<'a>(vs: impl Iterator<Item = &'a Vector>) -> Vector {
    let mut acc: BTreeMap<u32, f32> = BTreeMap::new();
    for v in vs {
        for (id, w) in v {
            *acc.entry(*id).or_default() += w;
        }
    }
    let mut out: Vector = acc.into_iter().collect();
    normalise(&mut out);
    out
}
