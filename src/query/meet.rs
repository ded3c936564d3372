//! `shortestPath` between two given nodes, searched from both ends at once
//! (breadth-first, always widening the smaller frontier by one level): the
//! two searches meet halfway, so a route of `d` hops looks at the nodes
//! within about `d / 2` hops of either end instead of every node within
//! `d - 1` hops of the start. Over an archive whose neighbourhoods grow
//! quickly with distance, and whose nodes lie scattered over a large read
//! file, that is most of the work (and of the pages read) of such a
//! question.
//!
//! A level is widened in full before the searches are compared, and of the
//! routes met in it the shortest is taken (the first found among equals),
//! so the route has the fewest hops. The answer is the same
//! [`Search`] shape as the one-ended search: the end's depth and one chain
//! of parents from it back to the start.

use super::context::{Ctx, Ref};
use super::failure::QResult;
use super::pattern::{hop_ids, Search, State};
use crate::query::ast::RelPattern;
use crate::store::Direction;
use foldhash::HashMap;

/// Where a search reached a node from: its depth and the relationship and
/// node one hop nearer that search's end (`None` at the end itself).
type Seen = HashMap<Ref, (u64, Option<(Ref, Ref)>)>;

/// One route from `start` to `end` of the fewest hops, at most `max`, over
/// `rp` in `dirs` (as seen from the start), as a [`Search`]; an empty
/// search when there is none.
pub(super) fn search(
    ctx: &mut Ctx,
    (start, end): (&Ref, &Ref),
    rp: &RelPattern,
    dirs: &[Direction],
    s0: &State,
    max: u64,
) -> QResult<Search> {
    let back: Vec<Direction> = dirs.iter().map(|d| d.reverse()).collect();
    let mut seen: [Seen; 2] = [
        HashMap::from_iter([(start.clone(), (0, None))]),
        HashMap::from_iter([(end.clone(), (0, None))]),
    ];
    let mut frontier = [vec![start.clone()], vec![end.clone()]];
    let mut depth = [0u64, 0];
    let mut met: Option<(u64, Ref)> = (start == end).then(|| (0, start.clone()));
    while met.is_none() && depth[0] + depth[1] < max {
        // Widen the smaller frontier (the start's on a tie).
        let side = usize::from(frontier[1].len() < frontier[0].len());
        if frontier[side].is_empty() {
            break;
        }
        let ways = if side == 0 { dirs } else { &back };
        let mut next = Vec::new();
        for cur in std::mem::take(&mut frontier[side]) {
            for (rel, other) in hop_ids(ctx, &cur, rp, ways, s0)? {
                ctx.tick()?;
                if seen[side].contains_key(&other) {
                    continue;
                }
                seen[side].insert(other.clone(), (depth[side] + 1, Some((rel, cur.clone()))));
                if let Some((d, _)) = seen[1 - side].get(&other) {
                    let total = depth[side] + 1 + d;
                    if total <= max && met.as_ref().is_none_or(|(best, _)| total < *best) {
                        met = Some((total, other.clone()));
                    }
                }
                next.push(other);
            }
        }
        frontier[side] = next;
        depth[side] += 1;
    }
    let mut found: Search = Default::default();
    let Some((total, middle)) = met else {
        return Ok(found);
    };
    found.0.insert(end.clone(), total);
    // The start's half: each node's parent towards the start.
    let mut at = middle.clone();
    while let Some((_, Some((rel, prev)))) = seen[0].get(&at) {
        found
            .1
            .insert(at.clone(), vec![(rel.clone(), prev.clone())]);
        at = prev.clone();
    }
    // The end's half, turned round: each node is the parent of the one
    // after it.
    let mut at = middle;
    while let Some((_, Some((rel, next)))) = seen[1].get(&at) {
        found
            .1
            .insert(next.clone(), vec![(rel.clone(), at.clone())]);
        at = next.clone();
    }
    Ok(found)
}

#[cfg(test)]
#[path = "meet_tests.rs"]
mod tests;
