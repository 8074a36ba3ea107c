//! Merging mentions across sources: block by date, cluster by feature similarity inside a block,
//! then join the clusters of neighbouring days that tell the same happening (a date conflict).
//! Sharing a kind of happening is not enough on its own: mentions that clash (other agents, or
//! an added happening of the same kind) are never put in one cluster.
//!
//! Each block is clustered greedily against cluster centroids found through an inverted index,
//! so the cost grows with the number of mentions, not its square.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::similarity::{Vector, cosine};

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
    /// The kind of happening (its main event-noun group), if any.
    pub kind: Option<u32>,
    /// Every event-word group its vector holds (`~cessez-le-feu`, `~greve`).
    pub groups: BTreeSet<u32>,
    /// Figures it reports (quantity, value).
    pub figures: Vec<(String, u64)>,
    /// The names it cites (canonical feature ids): who and where.
    pub names: BTreeSet<u32>,
    /// Whether it says it adds another happening of a kind already told (`aussi`).
    pub additive: bool,
    /// The names that act in it (written before its event word), folded.
    pub agents: BTreeSet<String>,
    /// Its clock time in minutes of the day, when its date says one (`…T15:25`).
    pub minute: Option<u32>,
}

/// A mention inside a block: its vector, its kinds of happening and its names.
struct Point {
    source: usize,
    additive: bool,
    agents: BTreeSet<String>,
    minute: Option<u32>,
    vector: Vector,
    kinds: BTreeSet<u32>,
    names: BTreeSet<u32>,
    groups: BTreeSet<u32>,
    /// The vector without its event-word groups: what the mention says beyond the kind.
    content: Vector,
}

/// Minimum similarity of two mentions' words beyond their event-word groups (names, places,
/// other content words) for them to be one happening without a shared name: two bombings of
/// one day in two towns share the kind and nothing else.
pub const CONTENT_MIN: f32 = 0.1;

/// Event-word groups two mentions must share to be one happening on that alone (`une grève
/// suivie d'une manifestation` / `les grévistes ont défilé`: a strike and a march).
const SHARED_GROUPS: usize = 2;

/// Whether two mentions (or clusters) have something in common beyond one kind of happening:
/// a name, content words, or several event words.
fn evidence(
    content: f32,
    a: (&BTreeSet<u32>, &BTreeSet<u32>),
    b: (&BTreeSet<u32>, &BTreeSet<u32>),
) -> bool {
    content >= CONTENT_MIN
        || !a.0.is_disjoint(b.0)
        || a.1.intersection(b.1).count() >= SHARED_GROUPS
}

/// Whether two mentions say enough in common beyond the kind of happening to be one.
fn related(a: &Point, b: &Point) -> bool {
    evidence(
        cosine(&a.content, &b.content),
        (&a.names, &a.groups),
        (&b.names, &b.groups),
    )
}

/// `v` without the features in `skip`, normalised.
fn without(v: &Vector, skip: &BTreeSet<u32>) -> Vector {
    let mut out: Vector = v.iter().filter(|x| !skip.contains(&x.0)).copied().collect();
    super::similarity::normalise(&mut out);
    out
}

/// Two sets of names are compatible unless both cite someone or somewhere and share nothing.
fn names_agree(a: &BTreeSet<u32>, b: &BTreeSet<u32>) -> bool {
    a.is_empty() || b.is_empty() || !a.is_disjoint(b)
}

/// Letters two spellings of one agent share at the start (`azerbaidjan`, `azerbaidjanaise`).
const AGENT_PREFIX: usize = 5;

/// Two sets of agents are compatible unless both are known and no name of one starts like a
/// name of the other (a country and its adjective, variant spellings).
fn agents_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let alike = |x: &str, y: &str| {
        let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
        common >= AGENT_PREFIX.min(x.chars().count()).min(y.chars().count())
    };
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.iter().any(|y| alike(x, y)))
}

/// Below this similarity of their content beyond the kind of happening, two mentions of one
/// article with different names are different happenings.
pub const CLASH_CONTENT: f32 = 0.5;

/// Two mentions that cannot be one happening, whatever their words share: the same kind of act
/// done by other agents (one minister accusing one country, local authorities another), or an
/// article that adds another happening of the same kind (`aussi`, `also`) with other names and
/// little else in common.
fn clash(a: &Point, b: &Point) -> bool {
    if !a.kinds.is_disjoint(&b.kinds) && !agents_agree(&a.agents, &b.agents) {
        return true;
    }
    if timed_apart(a, b) {
        return true;
    }
    a.source == b.source
        && (a.additive || b.additive)
        && !a.kinds.is_disjoint(&b.kinds)
        && !names_agree(&a.names, &b.names)
        && content_cosine(&a.vector, &b.vector, &a.kinds) < CLASH_CONTENT
}

/// The same kind of happening told with names that have nothing in common (two protests of
/// one day in two towns, two strikes by two unions): two happenings. `(kinds, names)` each.
fn named_apart(a: (&BTreeSet<u32>, &BTreeSet<u32>), b: (&BTreeSet<u32>, &BTreeSet<u32>)) -> bool {
    !a.0.is_disjoint(b.0) && !names_agree(a.1, b.1)
}

/// Minutes between two clock times of one article beyond which they are two moments: a live
/// blog's entries, the hours of a day's timeline. (An article tells a happening at one time.)
const TIMED_APART: u32 = 60;

/// Two mentions of one article at clock times at least [`TIMED_APART`] apart.
fn timed_apart(a: &Point, b: &Point) -> bool {
    a.source == b.source
        && matches!((a.minute, b.minute), (Some(x), Some(y)) if x.abs_diff(y) >= TIMED_APART)
}

/// Cosine of two vectors without the features in `skip` (the synonym groups they share): how
/// alike their content is beyond the kind of happening.
fn content_cosine(a: &Vector, b: &Vector, skip: &BTreeSet<u32>) -> f32 {
    cosine(&without(a, skip), &without(b, skip))
}

/// Whether any mention of `a` clashes with any of `b`. Only mentions with agents or a clock
/// time, or that add a happening, can clash, so only those are paired (big days have big
/// clusters).
fn groups_clash(points: &[Point], a: &[usize], b: &[usize]) -> bool {
    let can_clash = |g: &[usize]| -> Vec<usize> {
        g.iter()
            .copied()
            .filter(|&i| !points[i].agents.is_empty() || points[i].minute.is_some())
            .collect()
    };
    let (ca, cb) = (can_clash(a), can_clash(b));
    if ca
        .iter()
        .any(|&x| cb.iter().any(|&y| clash(&points[x], &points[y])))
    {
        return true;
    }
    let adds = |g: &[usize], other: &[usize]| {
        g.iter().filter(|&&x| points[x].additive).any(|&x| {
            other
                .iter()
                .any(|&y| points[y].source == points[x].source && clash(&points[x], &points[y]))
        })
    };
    adds(a, b) || adds(b, a)
}

/// Minimum similarity to join a cluster of the same day.
pub const SAME_DAY: f32 = 0.15;
/// Minimum similarity to join a cluster of the same day that reports the same kind of
/// happening (`cessez-le-feu` / `trêve`), in the greedy pass used for very large days.
pub const SAME_KIND: f32 = 0.1;
/// Added to the similarity of two mentions that report the same kind of happening.
pub const KIND_BONUS: f32 = 0.1;
/// Days with at most this many mentions are clustered exactly (average link); busier days
/// greedily, in time linear in their mentions.
pub const EXACT_LIMIT: usize = 200;
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
    // Blocks are clustered independently, in parallel; their clusters are gathered in block
    // order.
    let blocks: Vec<Vec<usize>> = blocks.into_values().collect();
    let clusters: Vec<Vec<usize>> = blocks
        .into_par_iter()
        .flat_map_iter(|mut members| {
            members.sort_by(|&a, &b| {
                (&items[a].source_id, items[a].start).cmp(&(&items[b].source_id, items[b].start))
            });
            cluster_block(items, &members)
        })
        .collect();
    join_days(items, clusters)
}

fn probes(v: &Vector) -> Vec<u32> {
    top_features(v, PROBES)
}

/// The `n` heaviest features of `v`.
fn top_features(v: &Vector, n: usize) -> Vec<u32> {
    let mut top: Vec<&(u32, f32)> = v.iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.iter().take(n).map(|x| x.0).collect()
}

fn cluster_block(items: &[Item], members: &[usize]) -> Vec<Vec<usize>> {
    let points: Vec<Point> = members
        .iter()
        .map(|&i| Point {
            source: items[i].source,
            additive: items[i].additive,
            agents: items[i].agents.clone(),
            minute: items[i].minute,
            vector: items[i].vector.clone(),
            kinds: items[i].kind.into_iter().collect(),
            names: items[i].names.clone(),
            groups: items[i].groups.clone(),
            content: without(&items[i].vector, &items[i].groups),
        })
        .collect();
    let groups = if points.len() <= EXACT_LIMIT {
        average_link(&points)
    } else {
        greedy(&points)
    };
    join_same_kind(&points, groups)
        .into_iter()
        .map(|g| g.into_iter().map(|k| members[k]).collect())
        .collect()
}

/// Content features of a cluster through which it meets the clusters it may join.
const JOIN_PROBES: usize = 16;
/// A content feature found in more clusters of one day than this (the story's main actor)
/// tells none of them apart: it proposes no pair, which keeps busy days near-linear.
const POSTING_LIMIT: usize = 64;
/// Clusters of one day and one main kind paired with each other, at most (a busy day's
/// hundreds of strikes are left to the similarity clustering).
const KIND_LIMIT: usize = 256;

/// Sum of vectors, by feature.
fn sum_of<'a>(vs: impl Iterator<Item = &'a Vector>) -> BTreeMap<u32, f32> {
    let mut acc: BTreeMap<u32, f32> = BTreeMap::new();
    for v in vs {
        for (id, w) in v {
            *acc.entry(*id).or_default() += w;
        }
    }
    acc
}

/// Cosine of two sums of vectors (two clusters' centroids).
fn sum_cosine(a: &BTreeMap<u32, f32>, b: &BTreeMap<u32, f32>) -> f32 {
    let norm = |m: &BTreeMap<u32, f32>| m.values().map(|w| w * w).sum::<f32>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(k, w)| big.get(k).map(|x| w * x))
        .sum();
    dot / (na * nb)
}

/// On one day, clusters that report the same kind of happening (an event word in both) and
/// say alike things beyond it are one happening told in different words, unless an article
/// tells them apart. Pairs are joined most alike first; a join is checked again on the
/// clusters as joined so far (no chaining through a loose middle), and refused when any two of
/// the joined mentions clash, so that an unnamed report cannot bridge two happenings.
fn join_same_kind(points: &[Point], groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let union = |f: &dyn Fn(&Point) -> &BTreeSet<u32>| -> Vec<BTreeSet<u32>> {
        groups
            .iter()
            .map(|g| {
                g.iter()
                    .flat_map(|&i| f(&points[i]).iter().copied())
                    .collect()
            })
            .collect()
    };
    let kinds = union(&|p| &p.kinds);
    let mut kind_of = kinds.clone();
    let mut all_groups = union(&|p| &p.groups);
    let mut names = union(&|p| &p.names);
    let mut sums: Vec<BTreeMap<u32, f32>> = groups
        .iter()
        .map(|g| sum_of(g.iter().map(|&i| &points[i].vector)))
        .collect();
    let mut content_sums: Vec<BTreeMap<u32, f32>> = groups
        .iter()
        .map(|g| sum_of(g.iter().map(|&i| &points[i].content)))
        .collect();
    // Candidate pairs: clusters of one main kind, and clusters that share a main content
    // feature and an event word. Lists longer than the limit propose nothing (bounded work).
    let mut index: BTreeMap<(bool, u32), Vec<usize>> = BTreeMap::new();
    for (g, cs) in content_sums.iter().enumerate() {
        let v: Vector = cs.iter().map(|(k, w)| (*k, *w)).collect();
        for f in top_features(&v, JOIN_PROBES) {
            index.entry((false, f)).or_default().push(g);
        }
        for k in &kinds[g] {
            index.entry((true, *k)).or_default().push(g);
        }
    }
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for ((by_kind, _), list) in &index {
        let limit = if *by_kind { KIND_LIMIT } else { POSTING_LIMIT };
        if list.len() > limit {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if *by_kind || !all_groups[a].is_disjoint(&all_groups[b]) {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let related_groups = |a: usize,
                          b: usize,
                          names: &[BTreeSet<u32>],
                          all: &[BTreeSet<u32>],
                          cs: &[BTreeMap<u32, f32>]| {
        evidence(
            sum_cosine(&cs[a], &cs[b]),
            (&names[a], &all[a]),
            (&names[b], &all[b]),
        )
    };
    let mut pairs: Vec<(f32, usize, usize)> = candidates
        .into_iter()
        .filter(|&(a, b)| related_groups(a, b, &names, &all_groups, &content_sums))
        .map(|(a, b)| (sum_cosine(&sums[a], &sums[b]), a, b))
        .filter(|x| x.0 >= SAME_KIND)
        .collect();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut members_of: Vec<Vec<usize>> = groups.clone();
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (_, a, b) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb
            || sum_cosine(&sums[ra], &sums[rb]) < SAME_KIND
            || !related_groups(ra, rb, &names, &all_groups, &content_sums)
            || named_apart((&kind_of[ra], &names[ra]), (&kind_of[rb], &names[rb]))
            || groups_clash(points, &members_of[ra], &members_of[rb])
        {
            continue;
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
        let moved = std::mem::take(&mut members_of[hi]);
        members_of[lo].extend(moved);
        for (k, w) in std::mem::take(&mut sums[hi]) {
            *sums[lo].entry(k).or_default() += w;
        }
        for (k, w) in std::mem::take(&mut content_sums[hi]) {
            *content_sums[lo].entry(k).or_default() += w;
        }
        let moved = std::mem::take(&mut names[hi]);
        names[lo].extend(moved);
        let moved = std::mem::take(&mut all_groups[hi]);
        all_groups[lo].extend(moved);
        let moved = std::mem::take(&mut kind_of[hi]);
        kind_of[lo].extend(moved);
    }
    let mut joined: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, members) in groups.into_iter().enumerate() {
        let r = find(&mut parent, g);
        joined.entry(r).or_default().extend(members);
    }
    joined
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect()
}

/// Similarity of two mentions: their cosine, plus a bonus when they report the same kind of
/// happening with compatible names.
fn pair_score(a: &Point, b: &Point) -> f32 {
    if !related(a, b) {
        return 0.0;
    }
    let s = cosine(&a.vector, &b.vector);
    if !a.kinds.is_disjoint(&b.kinds) && names_agree(&a.names, &b.names) {
        s + KIND_BONUS
    } else {
        s
    }
}

/// Average-link agglomerative clustering: repeatedly join the two clusters whose mentions are
/// most alike on average, while that average reaches [`SAME_DAY`].
fn average_link(points: &[Point]) -> Vec<Vec<usize>> {
    let n = points.len();
    let mut sim = vec![vec![0.0f32; n]; n];
    for a in 0..n {
        for b in a + 1..n {
            let s = pair_score(&points[a], &points[b]);
            sim[a][b] = s;
            sim[b][a] = s;
        }
    }
    let clashes: Vec<Vec<bool>> = (0..n)
        .map(|a| (0..n).map(|b| clash(&points[a], &points[b])).collect())
        .collect();
    let mut groups: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for (a, ga) in groups.iter().enumerate() {
            let Some(ga) = ga else { continue };
            for (b, gb) in groups.iter().enumerate().skip(a + 1) {
                let Some(gb) = gb else { continue };
                if ga.iter().any(|&x| gb.iter().any(|&y| clashes[x][y])) {
                    continue;
                }
                let total: f32 = ga
                    .iter()
                    .flat_map(|&x| gb.iter().map(move |&y| (x, y)))
                    .map(|(x, y)| sim[x][y])
                    .sum();
                let avg = total / (ga.len() * gb.len()) as f32;
                if avg >= SAME_DAY && best.is_none_or(|(_, _, s)| avg > s) {
                    best = Some((a, b, avg));
                }
            }
        }
        let Some((a, b, _)) = best else { break };
        let gb = groups[b].take().unwrap_or_default();
        if let Some(ga) = groups[a].as_mut() {
            ga.extend(gb);
            ga.sort_unstable();
        }
    }
    groups.into_iter().flatten().collect()
}

/// One greedy pass: each point joins the most similar cluster so far (through an inverted
/// index of the clusters' main features), or starts a new one.
fn greedy(points: &[Point]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut kinds: Vec<BTreeSet<u32>> = Vec::new();
    let mut names: Vec<BTreeSet<u32>> = Vec::new();
    let mut sums: Vec<BTreeMap<u32, f32>> = Vec::new();
    let mut cents: Vec<Vector> = Vec::new();
    let mut content_sums: Vec<BTreeMap<u32, f32>> = Vec::new();
    let mut all_groups: Vec<BTreeSet<u32>> = Vec::new();
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in points.iter().enumerate() {
        let (v, kind) = (&p.vector, &p.kinds);
        let mut cands: Vec<usize> = probes(v)
            .iter()
            .chain(kind.iter())
            .filter_map(|f| index.get(f))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        // Once per point, not per candidate.
        let own_content = sum_of(std::iter::once(&p.content));
        let best = cands
            .iter()
            // Cheap set tests first. Past `named_apart`, a shared kind always agrees on names.
            .filter(|&&c| !named_apart((kind, &p.names), (&kinds[c], &names[c])))
            .map(|&c| (c, cosine(v, &cents[c]), !kind.is_disjoint(&kinds[c])))
            .filter(|&(_, s, same_kind)| s >= SAME_DAY || (same_kind && s >= SAME_KIND))
            .filter(|&(c, _, _)| {
                let content = sum_cosine(&own_content, &content_sums[c]);
                evidence(content, (&p.names, &p.groups), (&names[c], &all_groups[c]))
            })
            .filter(|&(c, _, _)| !groups_clash(points, &[i], &groups[c]))
            .map(|(c, s, same_kind)| (c, if same_kind { s + SAME_DAY } else { s }))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let c = match best {
            Some((c, _)) => c,
            None => {
                groups.push(Vec::new());
                kinds.push(BTreeSet::new());
                names.push(BTreeSet::new());
                sums.push(BTreeMap::new());
                cents.push(Vec::new());
                content_sums.push(BTreeMap::new());
                all_groups.push(BTreeSet::new());
                groups.len() - 1
            }
        };
        groups[c].push(i);
        kinds[c].extend(kind.iter().copied());
        names[c].extend(p.names.iter().copied());
        all_groups[c].extend(p.groups.iter().copied());
        for (id, w) in &p.content {
            *content_sums[c].entry(*id).or_default() += w;
        }
        for (id, w) in v {
            *sums[c].entry(*id).or_default() += w;
        }
        let mut cv: Vector = sums[c].iter().map(|(k, w)| (*k, *w)).collect();
        super::similarity::normalise(&mut cv);
        cents[c] = cv;
        for f in probes(&cents[c]).into_iter().chain(kind.iter().copied()) {
            let e = index.entry(f).or_default();
            if !e.contains(&c) {
                e.push(c);
            }
        }
    }
    groups
}

/// A mention that another source tells almost word for word on a nearby day joins that
/// source's cluster: the same happening, put on different days (a date conflict). Only when it
/// is more like that mention than like anything of its own day.
fn join_days(items: &[Item], clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut cluster_of = vec![usize::MAX; items.len()];
    for (c, g) in clusters.iter().enumerate() {
        for &i in g {
            cluster_of[i] = c;
        }
    }
    let index = DayIndex::new(items);
    // Each mention's partner is found independently (in parallel, gathered in mention order).
    let moves: Vec<(usize, usize)> = (0..items.len())
        .into_par_iter()
        .filter_map(|i| {
            index
                .partner(items, i)
                .filter(|&(_, s)| {
                    // Only when it is more like that mention than like anything of its own day.
                    !clusters[cluster_of[i]]
                        .iter()
                        .any(|&o| o != i && cosine(&items[i].vector, &items[o].vector) >= s)
                })
                .map(|(j, _)| (i, j))
        })
        .collect();
    // A pair that points both ways moves the mention of the smaller cluster.
    let mut moved = vec![false; items.len()];
    let mut target = cluster_of.clone();
    let pairs: HashSet<(usize, usize)> = moves.iter().copied().collect();
    for &(i, j) in &moves {
        let mutual = pairs.contains(&(j, i));
        let (ci, cj) = (cluster_of[i], cluster_of[j]);
        if mutual && (clusters[ci].len(), ci) > (clusters[cj].len(), cj) {
            continue;
        }
        if moved[j] {
            continue;
        }
        moved[i] = true;
        target[i] = cj;
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); clusters.len()];
    for (i, &t) in target.iter().enumerate() {
        if t != usize::MAX {
            out[t].push(i);
        }
    }
    out.retain(|g| !g.is_empty());
    for g in &mut out {
        g.sort_unstable();
    }
    out
}

/// The day-dated mentions, for finding the partners of a mention on the days around its own.
/// Mentions of one day with the same vector (a wire story several outlets print) form one
/// group, weighed once; an inverted index leads from a day and one of a vector's main features
/// to the groups that have it.
struct DayIndex {
    /// Each group's vector (its first mention's) and its mentions, in order.
    groups: Vec<(usize, Vec<usize>)>,
    /// The main features of each mention.
    probes: Vec<Vec<u32>>,
    postings: HashMap<(NaiveDate, u32), Vec<usize>>,
}

impl DayIndex {
    fn new(items: &[Item]) -> DayIndex {
        let probes: Vec<Vec<u32>> = items
            .iter()
            .map(|it| match it.day {
                Some(_) => probes(&it.vector),
                None => Vec::new(),
            })
            .collect();
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<(NaiveDate, Vec<(u32, u32)>), usize> = HashMap::new();
        let mut postings: HashMap<(NaiveDate, u32), Vec<usize>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            let Some(d) = it.day else { continue };
            let key = (
                d,
                it.vector.iter().map(|&(f, w)| (f, w.to_bits())).collect(),
            );
            let next = groups.len();
            let g = *group_of.entry(key).or_insert(next);
            if g == next {
                groups.push((i, Vec::new()));
                for &f in &probes[i] {
                    postings.entry((d, f)).or_default().push(g);
                }
            }
            groups[g].1.push(i);
        }
        DayIndex {
            groups,
            probes,
            postings,
        }
    }

    /// The mention of another source on another day of the window that mention `i` is most
    /// like, at least `CROSS_DAY`, with its similarity; among equals, the first. A candidate
    /// shares one of its main features with `i`. Different figures for one quantity on
    /// different days are successive reports (`2000 évacués` on Wednesday, `5000` on
    /// Thursday), not one happening misdated.
    fn partner(&self, items: &[Item], i: usize) -> Option<(usize, f32)> {
        let it = &items[i];
        let d = it.day?;
        let mut cands: Vec<usize> = Vec::new();
        for k in (-CROSS_DAY_WINDOW..=CROSS_DAY_WINDOW).filter(|&k| k != 0) {
            let Some(od) = d.checked_add_signed(chrono::Duration::days(k)) else {
                continue;
            };
            for f in &self.probes[i] {
                if let Some(l) = self.postings.get(&(od, *f)) {
                    cands.extend_from_slice(l);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(usize, f32)> = None;
        for g in cands {
            let (first, members) = &self.groups[g];
            let s = cosine(&it.vector, &items[*first].vector);
            if s < CROSS_DAY || best.is_some_and(|(_, bs)| s < bs) {
                continue;
            }
            let Some(&j) = members.iter().find(|&&j| {
                items[j].source != it.source && !different_figures(&it.figures, &items[j].figures)
            }) else {
                continue;
            };
            if best.is_none_or(|(b, bs)| s > bs || j < b) {
                best = Some((j, s));
            }
        }
        best
    }
}

/// Do two mentions give different numbers for one quantity?
fn different_figures(a: &[(String, u64)], b: &[(String, u64)]) -> bool {
    a.iter()
        .any(|(q, v)| b.iter().any(|(q2, v2)| q == q2 && v != v2))
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
            kind: None,
            groups: BTreeSet::new(),
            figures: Vec::new(),
            names: BTreeSet::new(),
            additive: false,
            agents: BTreeSet::new(),
            minute: None,
        }
    }

    #[test]
    fn same_day_same_words_merge_and_other_happenings_stay_apart() {
        let items = vec![
            item(0, "2023-09-20", &[(1, 1.0), (2, 1.0)]),
            item(1, "2023-09-20", &[(1, 1.0), (2, 0.8), (3, 0.2)]),
            item(2, "2023-09-20", &[(7, 1.0), (8, 1.0)]),
            item(1, "2023-09-21", &[(1, 0.3), (5, 1.0)]),
        ];
        let g = cluster(&items);
        assert!(g.contains(&vec![0, 1]), "{g:?}");
        assert!(g.contains(&vec![2]), "{g:?}");
        assert!(g.contains(&vec![3]), "{g:?}");
    }

    #[test]
    fn entries_of_one_live_blog_at_different_hours_stay_apart() {
        let at = |source, minute| Item {
            minute: Some(minute),
            ..item(source, "2023-09-20", &[(1, 1.0), (2, 1.0)])
        };
        // One blog at 10:20 and 15:25 (two entries), another source at 10:30: the other
        // source joins one entry, the blog's two entries never join each other.
        let items = vec![at(0, 620), at(0, 925), at(1, 630)];
        let g = cluster(&items);
        assert!(!g.iter().any(|c| c.contains(&0) && c.contains(&1)), "{g:?}");
        assert_eq!(g.len(), 2, "{g:?}");
    }

    #[test]
    fn one_happening_on_two_days_from_different_sources_is_joined() {
        let items = vec![
            item(0, "2023-09-20", &[(1, 1.0), (2, 1.0), (9, 0.3)]),
            item(1, "2023-09-21", &[(1, 1.0), (2, 1.0)]),
            item(1, "2023-09-21", &[(1, 0.2), (5, 1.0)]),
        ];
        assert!(cluster(&items).contains(&vec![0, 1]));
    }

    #[test]
    fn a_wire_story_printed_by_its_own_outlet_too_still_joins_the_other_outlet() {
        // Outlet 0 dates the story the 20th; outlets 0 and 1 print it word for word the 21st.
        // Outlet 0's own copy is no partner for its first report, outlet 1's is.
        let story = [(1, 1.0), (2, 1.0), (3, 0.5)];
        let items = vec![
            item(0, "2023-09-20", &story),
            item(0, "2023-09-21", &story),
            item(1, "2023-09-21", &story),
        ];
        assert!(
            cluster(&items).contains(&vec![0, 1, 2]),
            "{:?}",
            cluster(&items)
        );
    }

    #[test]
    fn another_happening_of_the_same_kind_with_other_names_stays_apart() {
        // One article: dockers demonstrate in one town, farmers "also" demonstrate in another;
        // a second article tells the farmers' protest; an unnamed report could bridge them.
        let mut items = vec![
            item(0, "2023-09-20", &[(1, 1.0), (2, 1.0), (3, 0.5)]),
            item(0, "2023-09-20", &[(1, 1.0), (4, 1.0), (5, 0.5)]),
            item(1, "2023-09-20", &[(1, 1.0), (4, 1.0), (5, 0.6)]),
            item(2, "2023-09-20", &[(1, 1.0), (2, 0.5), (4, 0.5)]),
        ];
        for it in &mut items {
            it.kind = Some(1);
        }
        items[0].names = BTreeSet::from([10]);
        items[1].names = BTreeSet::from([11]);
        items[1].additive = true;
        items[2].names = BTreeSet::from([11]);
        let g = cluster(&items);
        assert!(g.contains(&vec![1, 2]), "{g:?}");
        assert!(g.iter().any(|c| c.contains(&0) && !c.contains(&1)), "{g:?}");
        // Without the additive cue, the same words make one happening.
        items[1].additive = false;
        assert_eq!(cluster(&items), vec![vec![0, 1, 2, 3]]);
    }

    #[test]
    fn sharing_only_the_kind_of_happening_is_not_one_happening() {
        // Two bombings of one day in two towns: only the event word (feature 1) in common.
        let mut items = vec![
            item(0, "2023-09-21", &[(1, 1.0), (2, 0.3)]),
            item(1, "2023-09-21", &[(1, 1.0), (3, 0.3)]),
        ];
        for it in &mut items {
            it.kind = Some(1);
            it.groups = BTreeSet::from([1]);
        }
        items[0].names = BTreeSet::from([10]);
        items[1].names = BTreeSet::from([11]);
        assert_eq!(cluster(&items).len(), 2);
        // A place in common makes them one.
        items[1].names = BTreeSet::from([10]);
        assert_eq!(cluster(&items), vec![vec![0, 1]]);
    }

    #[test]
    fn on_a_busy_day_one_kind_in_two_towns_stays_two_happenings() {
        // Many reports, alike in words, of protests in two towns (names 10 and 11).
        let mut items: Vec<Item> = (0..EXACT_LIMIT + 20)
            .map(|k| item(k, "2023-09-21", &[(1, 1.0), (2, 1.0), (3, 0.5)]))
            .collect();
        for (k, it) in items.iter_mut().enumerate() {
            it.kind = Some(1);
            it.groups = BTreeSet::from([1]);
            it.names = BTreeSet::from([10 + (k % 2) as u32]);
        }
        let g = cluster(&items);
        assert!(
            !g.iter().any(|c| c.contains(&0) && c.contains(&1)),
            "{} clusters",
            g.len()
        );
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn busy_days_keep_clashing_mentions_apart_too() {
        let mut items: Vec<Item> = (0..EXACT_LIMIT + 2)
            .map(|k| {
                item(
                    k,
                    "2023-09-21",
                    &[(1, 1.0), (2, 1.0), (100 + k as u32, 0.1)],
                )
            })
            .collect();
        for it in &mut items {
            it.kind = Some(1);
        }
        items[0].agents = BTreeSet::from(["pachinian".to_string()]);
        items[1].agents = BTreeSet::from(["karabakh".to_string()]);
        let g = cluster(&items);
        assert!(!g.iter().any(|c| c.contains(&0) && c.contains(&1)), "{g:?}");
    }

    #[test]
    fn the_same_kind_of_act_by_other_agents_is_another_happening() {
        let mut items = vec![
            item(0, "2023-09-21", &[(1, 1.0), (2, 1.0), (3, 0.4)]),
            item(1, "2023-09-21", &[(1, 1.0), (2, 0.8), (4, 0.4)]),
        ];
        for it in &mut items {
            it.kind = Some(1);
        }
        items[0].agents = BTreeSet::from(["pachinian".to_string()]);
        items[1].agents = BTreeSet::from(["karabakh".to_string()]);
        assert_eq!(cluster(&items).len(), 2);
        // Spellings of one agent (a country and its adjective) agree.
        items[1].agents = BTreeSet::from(["pachinyan".to_string()]);
        assert_eq!(cluster(&items), vec![vec![0, 1]]);
        items[1].agents = BTreeSet::new();
        assert_eq!(cluster(&items), vec![vec![0, 1]]);
    }
}
