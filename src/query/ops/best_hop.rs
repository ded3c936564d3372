//! The first MATCH of a thinned pair ([`crate::query::dominant`]) walked
//! on the read file's adjacency. In
//! `MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p)
//! WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)`
//! only the least `earliest(r1.date)` of each `p` can matter: each start
//! node's relationships are compared on the read file's date column as the
//! adjacency is walked, and one row per start goes on, where the matcher
//! would make one per relationship for [`super::dominant::DominantOp`] to
//! drop. A relationship whose bound the column does not hold goes on in
//! its own row, for that operator to judge; a null bound is dropped, as
//! there. Rows are bound as the matcher binds them (the relationship by
//! position, the start node as its other readers need), in its order of
//! start nodes. Any other shape, or a read file the query does not read
//! directly, is matched as usual.

use super::hop::{labelled, Hop};
use super::Source;
use crate::date::Day;
use crate::model::Rel;
use crate::query::ast::Match;
use crate::query::calls::{bound_call, pick};
use crate::query::context::Ctx;
use crate::query::dominant::Dominance;
use crate::query::eval::Row;
use crate::query::failure::{QResult, QueryError};
use crate::query::value::Val;
use crate::store::Snapshot;
use std::rc::Rc;

/// What the walk needs of the MATCH and the plan.
pub struct BestOf<'q> {
    hop: Hop<'q>,
    /// The relationship variable and whether its earliest day is compared.
    rel: Rc<str>,
    earliest: bool,
    least: bool,
}

/// Whether the MATCH `m`, the query's first clause, thinned by `plan`, can
/// be walked: a plain hop whose relationship variable is the thinned one,
/// and whose far node nothing later reads.
pub fn best_of<'q>(m: &'q Match, plan: &Dominance) -> Option<BestOf<'q>> {
    let hop = Hop::of(m)?;
    let (v, earliest) = bound_call(plan.bound)?;
    let [_, rel, far] = hop.vars();
    let far_read = far.is_some_and(|f| plan.key.iter().any(|k| k == f));
    let walkable = !hop.repeats_a_variable() && rel == Some(v) && !far_read;
    walkable.then(|| BestOf {
        hop,
        rel: Rc::from(v),
        earliest,
        least: plan.least,
    })
}

/// The rows of the first MATCH, one per start node (see the module).
pub struct BestHop<'q> {
    best: BestOf<'q>,
    starts: std::vec::IntoIter<u32>,
    code: Option<u32>,
    /// Rows of the current start still to hand on, last first.
    ready: Vec<Row>,
}

impl<'q> BestHop<'q> {
    /// Walks the MATCH as `best` says, or `None` when the matcher must:
    /// the read file is not read directly, or the relationship is read
    /// from its record.
    pub fn new(ctx: &Ctx, best: BestOf<'q>) -> QResult<Option<BestHop<'q>>> {
        if !ctx.by_pos || !ctx.unread.rels.contains(&*best.rel) {
            return Ok(None);
        }
        let Some((starts, code)) = best.hop.starts(ctx)? else {
            return Ok(None);
        };
        Ok(Some(BestHop {
            best,
            starts: starts.into_iter(),
            code,
            ready: Vec::new(),
        }))
    }

    /// The rows of start `s`: its best relationship's, and those of the
    /// relationships the column has no bound for.
    fn visit(&self, ctx: &Ctx, snap: &Snapshot, s: u32) -> QResult<Vec<Row>> {
        let hop = &self.best.hop;
        let mut rows = Vec::new();
        if !labelled(ctx, snap, s, hop.start.labels.get(1..).unwrap_or_default())? {
            return Ok(rows);
        }
        let mut best: Option<(Day, u32)> = None;
        for (r, f) in snap.adjacent_at(s, hop.dir, self.code, |r, f| (r, f))? {
            if !labelled(ctx, snap, f, &hop.far.labels)? {
                continue;
            }
            match pick(snap.rel_bounds(r)?, self.best.earliest) {
                Some(Some(d)) => {
                    let better =
                        best.is_none_or(|(b, _)| if self.best.least { d < b } else { d > b });
                    if better {
                        best = Some((d, r));
                    }
                }
                Some(None) => {}
                None => rows.push(self.row(ctx, snap, s, r)?),
            }
        }
        if let Some((_, r)) = best {
            rows.push(self.row(ctx, snap, s, r)?);
        }
        Ok(rows)
    }

    /// The row binding start `s` and relationship `r` as the matcher does.
    fn row(&self, ctx: &Ctx, snap: &Snapshot, s: u32, r: u32) -> QResult<Row> {
        let mut row = Row::new();
        if let Some(v) = &self.best.hop.start.variable {
            let node = match ctx.unread.nodes.contains(v) {
                true => ctx.node_unread(snap, s)?,
                false => ctx.node_at(snap, s)?,
            };
            row.insert(v.as_str().into(), Val::Node(node));
        }
        let rel = Rel {
            pos: Some(r),
            ..Rel::default()
        };
        row.insert(self.best.rel.clone(), Val::Rel(Rc::new(rel)));
        Ok(row)
    }
}

impl Source<Row> for BestHop<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        // Read-only (see `new`): the read file stays readable.
        let Some(snap) = ctx.positions() else {
            let lost = "the read file became unreadable during a read-only query";
            return Err(QueryError::Semantic(lost.into()));
        };
        loop {
            if let Some(row) = self.ready.pop() {
                return Ok(Some(row));
            }
            let Some(s) = self.starts.next() else {
                return Ok(None);
            };
            ctx.tick()?;
            self.ready = self.visit(ctx, snap, s)?;
            self.ready.reverse();
        }
    }
}
