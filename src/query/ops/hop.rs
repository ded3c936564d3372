//! A plain one-step pattern (`(a:L)-[r:T]->(b:M)`: no WHERE, property
//! map, path name, length or second type) seen from the node the matcher
//! starts at, for the operators that walk the read file's adjacency
//! instead of matching ([`super::one_hop`], [`super::best_hop`]).

use crate::query::ast::{Direction as Arrow, Match, NodePattern, RelPattern};
use crate::query::context::Ctx;
use crate::query::eval::Row;
use crate::query::failure::QResult;
use crate::query::plan::{anchor, Hints};
use crate::store::{Direction, Snapshot};

/// A plain hop, from the matcher's start node to the far node.
pub struct Hop<'q> {
    pub start: &'q NodePattern,
    pub rel: &'q RelPattern,
    pub far: &'q NodePattern,
    /// The direction of the walk from the start node.
    pub dir: Direction,
}

impl<'q> Hop<'q> {
    /// `m` as a plain hop, if it is one.
    pub fn of(m: &'q Match) -> Option<Hop<'q>> {
        let [part] = m.pattern.parts.as_slice() else {
            return None;
        };
        let el = &part.element;
        let [(rel, _)] = el.chain.as_slice() else {
            return None;
        };
        let plain = |np: &NodePattern| np.properties.is_none();
        if m.optional
            || m.where_clause.is_some()
            || part.variable.is_some()
            || part.shortest.is_some()
            || rel.length.is_some()
            || rel.properties.is_some()
            || rel.types.len() > 1
            || rel.direction == Arrow::Both
            || !plain(&el.start)
            || !plain(&el.chain[0].1)
        {
            return None;
        }
        let from_left = anchor(el, &Row::new(), &Hints::default()) == 0;
        let (start, far) = match from_left {
            true => (&el.start, &el.chain[0].1),
            false => (&el.chain[0].1, &el.start),
        };
        let dir = match (rel.direction == Arrow::Right) == from_left {
            true => Direction::Out,
            false => Direction::In,
        };
        Some(Hop {
            start,
            rel,
            far,
            dir,
        })
    }

    /// The variables of the start node, the relationship and the far node.
    pub fn vars(&self) -> [Option<&'q str>; 3] {
        [&self.start.variable, &self.rel.variable, &self.far.variable].map(|v| v.as_deref())
    }

    /// Whether a variable names two of the hop's elements.
    pub fn repeats_a_variable(&self) -> bool {
        let [s, r, f] = self.vars();
        s.is_some() && (s == f || s == r) || f.is_some() && f == r
    }

    /// The start nodes in the matcher's order (those with the first start
    /// label) and the relationship type's code, or `None` when the query
    /// does not read the read file directly. No starts when no
    /// relationship has the type.
    pub fn starts(&self, ctx: &Ctx) -> QResult<Option<(Vec<u32>, Option<u32>)>> {
        let Some(snap) = ctx.positions() else {
            return Ok(None);
        };
        let (code, known) = match self.rel.types.first() {
            Some(t) => match snap.type_code(t)? {
                Some(c) => (Some(c), true),
                None => (None, false),
            },
            None => (None, true),
        };
        let label = self.start.labels.first().map(String::as_str);
        let Some(mut starts) = ctx.node_positions(label, None)? else {
            return Ok(None);
        };
        if !known {
            starts.clear();
        }
        Ok(Some((starts, code)))
    }
}

/// Whether node `i` has every label in `labels`.
pub fn labelled(ctx: &Ctx, snap: &Snapshot, i: u32, labels: &[String]) -> QResult<bool> {
    for l in labels {
        if !ctx.has_label_at(snap, i, l)? {
            return Ok(false);
        }
    }
    Ok(true)
}
