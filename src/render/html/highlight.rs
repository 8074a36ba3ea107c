//! Quote highlighting on source pages: an article's blocks cut at the quotes events cite, each
//! quote an anchor.

use std::collections::BTreeSet;

use super::{BlockView, EventRef, Segment};
use crate::content::Article;
use crate::render::links::{Env, event_page};
use crate::text::CharIndex;
use crate::timeline::Event;

/// Splits an article's blocks at the boundaries of the quotes that events cite from it. Also
/// returns the anchors of quotes that fall outside every block, so that no citation link breaks.
pub fn source_blocks(
    article: &Article,
    events: &[&Event],
    env: &Env,
) -> (Vec<BlockView>, Vec<String>) {
    let idx = CharIndex::new(&article.body);
    // (start, end, event) of every quote from this article.
    let mut quotes: Vec<(usize, usize, &Event)> = events
        .iter()
        .flat_map(|&e| {
            e.citations
                .iter()
                .filter(|c| c.source == article.id)
                .map(move |c| (c.start, c.end.max(c.start), e))
        })
        .collect();
    quotes.sort_by(|a, b| (a.0, a.1, &a.2.id).cmp(&(b.0, b.1, &b.2.id)));
    let mut anchored: BTreeSet<usize> = BTreeSet::new();
    let blocks = article
        .blocks
        .iter()
        .map(|b| {
            let mut cuts = vec![b.start, b.end];
            for &(s, e, _) in &quotes {
                if s < b.end && e > b.start {
                    cuts.push(s.clamp(b.start, b.end));
                    cuts.push(e.clamp(b.start, b.end));
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            let segments = cuts
                .windows(2)
                .map(|w| {
                    let (s, e) = (w[0], w[1]);
                    let covering: Vec<&(usize, usize, &Event)> =
                        quotes.iter().filter(|q| q.0 <= s && q.1 >= e).collect();
                    let mut ids: Vec<String> = covering.iter().map(|q| q.2.id.clone()).collect();
                    ids.dedup();
                    // The first piece covering a quote's start carries its anchor.
                    let anchor = covering
                        .iter()
                        .map(|q| q.0)
                        .find(|start| !anchored.contains(start))
                        .inspect(|start| {
                            anchored.insert(*start);
                        })
                        .map(|start| format!("q-{start}"));
                    let mut ends: Vec<EventRef> = covering
                        .iter()
                        .filter(|q| q.1 == e || (e == b.end && q.1 > b.end))
                        .map(|q| EventRef {
                            id: q.2.id.clone(),
                            headline: q.2.headline.clone(),
                            href: env.link(&event_page(&q.2.id)),
                        })
                        .collect();
                    ends.dedup_by(|a, b| a.id == b.id);
                    Segment {
                        text: article.body[idx.byte_of(s)..idx.byte_of(e)].to_string(),
                        cited: !covering.is_empty(),
                        anchor,
                        events: ids,
                        ends,
                    }
                })
                .collect();
            BlockView {
                kind: b.kind,
                start: b.start,
                segments,
            }
        })
        .collect();
    let orphans = quotes
        .iter()
        .map(|q| q.0)
        .filter(|s| !anchored.contains(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|s| format!("q-{s}"))
        .collect();
    (blocks, orphans)
}
