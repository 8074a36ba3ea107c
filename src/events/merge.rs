//! Merging mentions across sources: block by date, cluster by feature similarity inside a block,
//! then join the clusters of neighbouring days that tell the same happening (a date conflict).
//!
//! Each block is clustered greedily against cluster centroids found through an inverted index,
//! so the cost grows with the number of mentions, not its square.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::similarity::{Vector, centroid, cosine};

/// A mention ready to merge.
#[derive(Debug, Clone)]
pub struct Item {
    /// Index of the source article.
    pub source: usize,
    /// Source id (for deterministic order and for "distinct sources").
    pub source_id: String,
    /// Block key: the day (`2023-09-20`) or, for coarser dates, the value itself.
    pub block: String,
    /// The day, when the mention is at day precision or finer.
    pub day: Option<NaiveDate>,
    /// Position of the mention in its article, for a stable order.
    pub start: usize,
    /// Its feature vector.
    pub vector: Vector,
}

/// Minimum similarity to join a cluster of the same day.
pub const SAME_DAY: f32 = 0.28;
/// Minimum similarity to join clusters of different days (a date conflict): higher, since
/// follow-ups of a happening on the next day share many words with it.
pub const CROSS_DAY: f32 = 0.45;
/// How many days apart two reports of one happening may be.
pub const CROSS_DAY_WINDOW: i64 = 2;
/// Features of an item used to look up candidate clusters.
const PROBES: usize = 8;

/// Groups items into happenings; returns groups of item indices, each sorted, in a
/// deterministic order.
pub fn cluster(items: &[Item]) -> Vec<Vec<usize>> {
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        blocks.entry(it.block.as_str()).or_default().push(i);
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for members in blocks.values_mut() {
        members.sort_by(|&a, &b| {
            (&items[a].source_id, items[a].start).cmp(&(&items[b].source_id, items[b].start))
        });
        clusters.extend(cluster_block(items, members));
    }
    join_days(items, clusters)
}

fn probes(v: &Vector) -> Vec<u32> {
    let mut top: Vec<&(u32, f32)> = v.iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.iter().take(PROBES).map(|x| x.0).collect()
}

fn cluster_block(items: &[Item], members: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut sums: Vec<BTreeMap<u32, f32>> = Vec::new();
    let mut cents: Vec<Vector> = Vec::new();
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for &i in members {
        let v = &items[i].vector;
        let mut cands: Vec<usize> = probes(v)
            .iter()
            .filter_map(|f| index.get(f))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let best = cands
            .iter()
            .map(|&c| (c, cosine(v, &cents[c])))
            .filter(|&(_, s)| s >= SAME_DAY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let c = match best {
            Some((c, _)) => c,
            None => {
                groups.push(Vec::new());
                sums.push(BTreeMap::new());
                cents.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[c].push(i);
        for (id, w) in v {
            *sums[c].entry(*id).or_default() += w;
        }
        let mut cv: Vector = sums[c].iter().map(|(k, w)| (*k, *w)).collect();
        super::similarity::normalise(&mut cv);
        cents[c] = cv;
        for f in probes(&cents[c]) {
            let e = index.entry(f).or_default();
            if !e.contains(&c) {
                e.push(c);
            }
        }
    }
    groups
}

/// Joins clusters of nearby days that are each other's best match and share no source.
fn join_days(items: &[Item], clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let cents: Vec<Vector> = clusters
        .iter()
        .map(|c| centroid(c.iter().map(|&i| &items[i].vector)))
        .collect();
    let days: Vec<Option<NaiveDate>> = clusters.iter().map(|c| items[c[0]].day).collect();
    let sources: Vec<BTreeSet<usize>> = clusters
        .iter()
        .map(|c| c.iter().map(|&i| items[i].source).collect())
        .collect();
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (c, v) in cents.iter().enumerate() {
        if days[c].is_some() {
            for f in probes(v) {
                index.entry(f).or_default().push(c);
            }
        }
    }
    let best_other_day = |c: usize| -> Option<(usize, f32)> {
        let d = days[c]?;
        let mut cands: Vec<usize> = probes(&cents[c])
            .iter()
            .filter_map(|f| index.get(f))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        cands
            .into_iter()
            .filter(|&o| {
                days[o].is_some_and(|od| od != d && (od - d).num_days().abs() <= CROSS_DAY_WINDOW)
                    && sources[o].is_disjoint(&sources[c])
            })
            .map(|o| (o, cosine(&cents[c], &cents[o])))
            .filter(|&(_, s)| s >= CROSS_DAY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    };
    let best: Vec<Option<(usize, f32)>> = (0..clusters.len()).map(best_other_day).collect();
    let mut merged_into: Vec<Option<usize>> = vec![None; clusters.len()];
    for c in 0..clusters.len() {
        if let Some((o, _)) = best[c]
            && c < o
            && best[o].is_some_and(|(b, _)| b == c)
        {
            merged_into[o] = Some(c);
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; clusters.len()];
    for c in 0..clusters.len() {
        if merged_into[c].is_none() {
            slot[c] = Some(out.len());
            out.push(clusters[c].clone());
        }
    }
    for c in 0..clusters.len() {
        if let Some(into) = merged_into[c]
            && let Some(s) = slot[into]
        {
            out[s].extend(clusters[c].iter().copied());
        }
    }
    for g in &mut out {
        g.sort_unstable();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(source: usize, day: &str, v: &[(u32, f32)]) -> Item {
        let mut vector: Vector = v.to_vec();
        super::super::similarity::normalise(&mut vector);
        Item {
            source,
            source_id: format!("s{source}"),
            block: day.to_string(),
            day: NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
            start: 0,
            vector,
        }
    }

    #[test]
    fn same_day_same_words_merge_and_other_happenings_stay_apart() {
        let items = vec![
            item(0, "2023-09-20", &[(1, 1.0), (2, 1.0)]),
            item(1, "2023-09-20", &[(1, 1.0), (2, 0.8), (3, 0.2)]),
            item(2, "2023-09-20", &[(7, 1.0), (8, 1.0)]),
            item(1, "2023-09-21", &[(1, 1.0), (2, 1.0)]),
        ];
        let g = cluster(&items);
        assert!(g.contains(&vec![0, 1]), "{g:?}");
        assert!(g.contains(&vec![2]), "{g:?}");
        assert!(g.contains(&vec![3]), "{g:?}");
    }

    #[test]
    fn one_happening_on_two_days_from_different_sources_is_joined() {
        let items = vec![
            item(0, "2023-09-20", &[(1, 1.0), (2, 1.0), (9, 0.3)]),
            item(1, "2023-09-21", &[(1, 1.0), (2, 1.0)]),
        ];
        assert_eq!(cluster(&items), vec![vec![0, 1]]);
    }
}
