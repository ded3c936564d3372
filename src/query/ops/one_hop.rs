//! Counts over one hop, straight from the read file's adjacency. For
//! `MATCH (a:L)-[r:T]->(b:M) RETURN b.id, count(DISTINCT a)` and its kin
//! (grouped by one end or not at all; `count(*)`, `count(x)` and
//! `count(DISTINCT x)` of the pattern's variables) the groups are counted
//! while the adjacency is walked — from the node the matcher would start
//! at, in its order, so groups come out in the same order — without making
//! a row per match. Any other shape, or a read file the query does not
//! read directly, is left to the general grouping ([`super::project`]).

use super::hop::{labelled, Hop};
use super::tally::{walk_halves, Bits, GroupBy, Tally, Walk};
use crate::model::Schema;
use crate::query::ast::{Expr, Match};
use crate::query::context::Ctx;
use crate::query::eval::Row;
use crate::query::failure::QResult;
use crate::query::value::Val;
use crate::store::Snapshot;
use std::rc::Rc;

/// A group: its first row (the grouping variable bound) and its aggregates' values.
pub type Counted = (Row, Vec<Val>);

/// Start nodes from which the walk is split over two threads (fewer are
/// walked on one; the tests walk a few hundred both ways).
const PARALLEL_MIN: usize = if cfg!(test) { 64 } else { 20_000 };

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// What an aggregate counts in one group.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Count {
    /// Matches: `count(*)`, `count(x)`, `count(DISTINCT r)`.
    Rows,
    /// Distinct nodes at the start side (the side the walk starts from).
    Starts,
    /// Distinct nodes at the far side.
    Ends,
}

/// Which end of the hop a variable names.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Start,
    Far,
}

/// A one-hop count the adjacency can answer.
pub struct OneHop<'q> {
    hop: Hop<'q>,
    /// The variable the groups are keyed by, and its end; `None`: one group.
    group: Option<(Rc<str>, End)>,
    /// Whether a key is `g.id` (exact only while ids are the nodes' own).
    by_id: bool,
    counts: Vec<Count>,
}

/// The shape of `m` with grouping items `keys` and aggregates `aggs`, when
/// the adjacency can answer it.
pub fn shape<'q>(m: &'q Match, keys: &[&Expr], aggs: &[Expr]) -> Option<OneHop<'q>> {
    let hop = Hop::of(m)?;
    if hop.repeats_a_variable() {
        return None;
    }
    let [sv, rv, fv] = hop.vars();
    let end_of = |v: &str| match (Some(v) == sv, Some(v) == fv) {
        (true, _) => Some(End::Start),
        (_, true) => Some(End::Far),
        _ => None,
    };
    let mut group: Option<(&str, End)> = None;
    let mut by_id = false;
    for k in keys {
        let (v, id) = match k {
            Expr::Var(v) => (v.as_str(), false),
            Expr::Property(x, key) if key == "id" => match &**x {
                Expr::Var(v) => (v.as_str(), true),
                _ => return None,
            },
            _ => return None,
        };
        let end = end_of(v)?;
        if group.is_some_and(|(g, _)| g != v) {
            return None;
        }
        group = Some((v, end));
        by_id |= id;
    }
    let mut counts = Vec::new();
    for a in aggs {
        counts.push(match a {
            Expr::CountStar => Count::Rows,
            Expr::FnCall {
                name,
                args,
                distinct,
            } if name.eq_ignore_ascii_case("count") => {
                let [Expr::Var(x)] = args.as_slice() else {
                    return None;
                };
                match (end_of(x), *distinct) {
                    (None, _) if Some(x.as_str()) != rv => return None,
                    (None, _) | (_, false) => Count::Rows,
                    (Some(End::Start), true) => Count::Starts,
                    (Some(End::Far), true) => Count::Ends,
                }
            }
            _ => return None,
        });
    }
    Some(OneHop {
        hop,
        group: group.map(|(v, e)| (Rc::from(v), e)),
        by_id,
        counts,
    })
}

impl<'q> OneHop<'q> {
    /// The groups (first row, aggregate values) in order of first sight,
    /// or `None` when the general grouping must answer.
    pub fn groups(&self, ctx: &mut Ctx) -> QResult<Option<Vec<Counted>>> {
        let Some(snap) = ctx.positions().filter(|_| ctx.by_pos) else {
            return Ok(None);
        };
        if self.by_id && ctx.schema != Schema::Prosopography {
            // `v.id` is a property there, not the node's own id.
            return Ok(None);
        }
        let hop = &self.hop;
        let Some((starts, code)) = hop.starts(ctx)? else {
            return Ok(None);
        };
        let (dir, start_np, far_np) = (hop.dir, hop.start, hop.far);
        let by = match &self.group {
            None => GroupBy::All,
            Some((_, End::Start)) => GroupBy::Start,
            Some((_, End::Far)) => GroupBy::Far,
        };
        let count_ends = self.counts.contains(&Count::Ends);
        let new = || Walk::new(by, count_ends, snap.node_count());
        let walk = if starts.len() >= PARALLEL_MIN && cores() > 1 {
            // Labels as bitmaps the two threads share (the first start
            // label is every start's already).
            let bits = |labels: &[String]| -> QResult<Vec<Bits>> {
                Ok((labels.iter())
                    .map(|l| Bits::of(snap, l))
                    .collect::<Result<_, _>>()?)
            };
            let start_bits = bits(start_np.labels.get(1..).unwrap_or_default())?;
            let far_bits = bits(&far_np.labels)?;
            ctx.tick()?;
            walk_halves(snap, &starts, (dir, code), (&start_bits, &far_bits), new)?
        } else {
            let mut w = new();
            for s in starts {
                ctx.tick()?;
                if labelled(ctx, snap, s, &start_np.labels)? {
                    w.step(snap, s, (dir, code), |f| {
                        labelled(ctx, snap, f, &far_np.labels)
                    })?;
                    ctx.check_rows(w.tallies.len())?;
                }
            }
            w
        };
        ctx.check_rows(walk.tallies.len())?;
        let tallies = walk.tallies;
        self.finish(ctx, snap, tallies)
    }

    /// Each tally as a group: its node bound in the row, its counts.
    fn finish(
        &self,
        ctx: &Ctx,
        snap: &Snapshot,
        tallies: Vec<Tally>,
    ) -> QResult<Option<Vec<Counted>>> {
        let mut out = Vec::with_capacity(tallies.len());
        for t in tallies {
            let mut row = Row::new();
            if let Some((var, _)) = &self.group {
                let node = match ctx.unread.nodes.contains(&**var) {
                    true => ctx.node_unread(snap, t.node)?,
                    false => ctx.node_at(snap, t.node)?,
                };
                if self.by_id && !ctx.id_is_own(&node)? {
                    return Ok(None);
                }
                row.insert(var.clone(), Val::Node(node));
            }
            let vals = (self.counts.iter())
                .map(|c| {
                    Val::Int(i64::from(match c {
                        Count::Rows => t.rows,
                        Count::Starts => t.starts,
                        Count::Ends => t.ends,
                    }))
                })
                .collect();
            out.push((row, vals));
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
#[path = "one_hop_tests.rs"]
mod tests;
