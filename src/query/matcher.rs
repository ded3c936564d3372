//! Lazy pattern matching: the bindings of a MATCH pattern for one input row,
//! produced one at a time by a depth-first search with an explicit stack, so
//! that a consumer that stops early (LIMIT, `exists`) stops the reads too.
//!
//! The order of the bindings is the order of the eager search it replaces:
//! parts in [`plan::order_parts`] order, each part's candidates in index
//! order, each step's relationships in adjacency order.

use super::context::{Ctx, Ref};
use super::date_filter::{Candidate, DateFilters};
use super::eval::Row;
use super::failure::QResult;
use super::pattern::{
    bind_node, bind_rel, build_path, candidate_source, directions, hop_ids, hop_rel, node_at,
    shortest, walk, Bound, Candidates, State, Used, MAX_HOPS,
};
use super::plan::{self, Hints};
use crate::model::{Node, Rel};
use crate::query::ast::Pattern;
use compact_str::CompactString;
use std::rc::Rc;

/// What is left to try at one level of the search.
enum Choices {
    /// Nodes for the anchor of a chain.
    Anchor(Candidates),
    /// Single relationships of a step, with their far ends (not read yet).
    Hops(std::vec::IntoIter<(Ref, Ref)>),
    /// Routes of a variable-length step, with their far ends.
    Walks(std::vec::IntoIter<(Vec<Rc<Rel>>, Ref)>),
    /// Complete matches of a `shortestPath` part.
    Done(std::vec::IntoIter<(Row, Used)>),
}

/// One level of the search: a partial match and the ways to extend it.
struct Frame {
    /// Position of the part in the matching order.
    part: usize,
    /// The chain position the part is matched from.
    anchor: usize,
    /// Steps the extended states have completed.
    done: usize,
    /// The relationship position this level binds (steps only).
    j: usize,
    /// Whether the step runs left to right along the chain.
    rightward: bool,
    /// The partial match being extended.
    state: State,
    /// The extensions not yet tried.
    choices: Choices,
}

/// The bindings of a pattern extending one row, pulled one at a time.
pub struct Matcher<'q> {
    pattern: &'q Pattern,
    /// WHERE's start hints (shared by the matchers of every input row).
    hints: Rc<Hints>,
    /// Date conditions of the WHERE checked before reading candidates.
    filters: DateFilters,
    /// The input row, until the search starts.
    row: Option<Row>,
    /// Parts in matching order.
    order: Vec<usize>,
    stack: Vec<Frame>,
}

/// The `k`-th step of a chain of `n` relationships matched from `anchor`:
/// rightward to the end, then leftward back to the start.
fn step_at(n: usize, anchor: usize, k: usize) -> (usize, bool) {
    if k < n - anchor {
        (anchor + k, true)
    } else {
        (anchor - 1 - (k - (n - anchor)), false)
    }
}

impl<'q> Matcher<'q> {
    /// A matcher of `pattern` extending `row`.
    pub fn new(pattern: &'q Pattern, row: Row, hints: Rc<Hints>) -> Matcher<'q> {
        Matcher {
            pattern,
            hints,
            filters: DateFilters::default(),
            row: Some(row),
            order: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Checks the date conditions of the WHERE that will filter the
    /// bindings on each candidate before reading it.
    pub fn with_filters(mut self, filters: DateFilters) -> Matcher<'q> {
        self.filters = filters;
        self
    }

    /// The next binding, or `None` when there are no more.
    pub fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        if let Some(row) = self.row.take() {
            self.order = plan::order_parts(self.pattern, &row, &self.hints);
            if self.order.is_empty() {
                return Ok(Some(row));
            }
            self.push_part(ctx, 0, row, Used::new())?;
        }
        let pattern = self.pattern;
        while let Some(top) = self.stack.last_mut() {
            let idx = self.order[top.part];
            let Some(s) = advance(ctx, pattern, idx, &self.filters, top)? else {
                self.stack.pop();
                continue;
            };
            let complete = matches!(top.choices, Choices::Done(_));
            let (part, anchor, done) = (top.part, top.anchor, top.done);
            if let Some(row) = self.after(ctx, part, anchor, done, complete, s)? {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    /// Starts matching the part at position `k` of the order.
    fn push_part(&mut self, ctx: &mut Ctx, k: usize, row: Row, used: Used) -> QResult<()> {
        let part = &self.pattern.parts[self.order[k]];
        if let Some(kind) = part.shortest {
            let mut out = Vec::new();
            shortest(ctx, part, kind, row, used, &self.hints, &mut out)?;
            self.stack.push(Frame {
                part: k,
                anchor: 0,
                done: 0,
                j: 0,
                rightward: true,
                state: State {
                    row: Row::new(),
                    used: Used::new(),
                    nodes: Vec::new(),
                    rels: Vec::new(),
                },
                choices: Choices::Done(out.into_iter()),
            });
            return Ok(());
        }
        let el = &part.element;
        let n = el.chain.len();
        let anchor = plan::anchor(el, &row, &self.hints);
        let source = candidate_source(ctx, node_at(el, anchor), &row, &self.hints)?;
        self.stack.push(Frame {
            part: k,
            anchor,
            done: 0,
            j: 0,
            rightward: true,
            state: State {
                row,
                used,
                nodes: vec![None; n + 1],
                rels: vec![None; n],
            },
            choices: Choices::Anchor(source),
        });
        Ok(())
    }

    /// Takes a state that completed `done` steps of part `k` on: the next
    /// step, the next part, or a finished binding.
    fn after(
        &mut self,
        ctx: &mut Ctx,
        k: usize,
        anchor: usize,
        done: usize,
        complete: bool,
        mut s: State,
    ) -> QResult<Option<Row>> {
        let part = &self.pattern.parts[self.order[k]];
        let n = part.element.chain.len();
        if !complete && done < n {
            let (j, rightward) = step_at(n, anchor, done);
            let rp = &part.element.chain[j].0;
            let from_pos = if rightward { j } else { j + 1 };
            let from = s.nodes[from_pos].clone().expect("anchored");
            let dirs = directions(rp.direction, rightward);
            let from = ctx.node_ref_of(&from)?;
            let choices = match rp.length {
                None => Choices::Hops(hop_ids(ctx, &from, rp, &dirs, &s)?.into_iter()),
                Some((min, max)) => {
                    let mut found = Vec::new();
                    walk(
                        ctx,
                        &from,
                        rp,
                        &dirs,
                        &s,
                        min.unwrap_or(1),
                        max.unwrap_or(MAX_HOPS),
                        &mut Vec::new(),
                        &mut found,
                    )?;
                    Choices::Walks(found.into_iter())
                }
            };
            self.stack.push(Frame {
                part: k,
                anchor,
                done: done + 1,
                j,
                rightward,
                state: s,
                choices,
            });
            return Ok(None);
        }
        if !complete {
            if let Some(p) = &part.variable {
                let path = build_path(ctx, &s)?;
                s.row
                    .insert(p.as_str().into(), super::value::Val::Path(Rc::new(path)));
            }
        }
        if k + 1 < self.order.len() {
            self.push_part(ctx, k + 1, s.row, s.used)?;
            return Ok(None);
        }
        Ok(Some(s.row))
    }
}

/// The next extension of the frame's state, or `None` when it has no more.
fn advance(
    ctx: &mut Ctx,
    pattern: &Pattern,
    idx: usize,
    filters: &DateFilters,
    f: &mut Frame,
) -> QResult<Option<State>> {
    let el = &pattern.parts[idx].element;
    let to_pos = if f.rightward { f.j + 1 } else { f.j };
    match &mut f.choices {
        Choices::Anchor(source) => {
            let var = node_at(el, f.anchor).variable.as_ref();
            let row = &f.state.row;
            let may_bind = |ctx: &mut Ctx, i| filters.may_bind(ctx, var, Candidate::Node(i), row);
            let unread = pattern.parts[idx].variable.is_none()
                && var.is_some_and(|v| ctx.unread.nodes.contains(v));
            while let Some(node) = source.next_where(ctx, &may_bind, unread)? {
                ctx.tick()?;
                let mut s = f.state.clone();
                if bind_node(ctx, &mut s, el, f.anchor, node)? {
                    return Ok(Some(s));
                }
            }
        }
        Choices::Hops(hops) => {
            let rp = &el.chain[f.j].0;
            // What nothing can look at is not read: a relationship with no
            // variable and no property map, a far node with no variable,
            // label or property map (unless the path is named, or the query
            // has written, which the store would not show yet).
            // So is a relationship whose variable is only ever read through
            // its date's bounds, which the read file's column answers.
            let plain = pattern.parts[idx].variable.is_none() && ctx.pending.is_empty();
            let rel_unread = plain
                && rp.properties.is_none()
                && rp
                    .variable
                    .as_ref()
                    .is_none_or(|v| ctx.unread.rels.contains(v) && ctx.positions().is_some());
            let np = node_at(el, to_pos);
            let node_unread =
                plain && np.variable.is_none() && np.labels.is_empty() && np.properties.is_none();
            // A node variable only counted, dated or asked its id is bound
            // by id and position (see `unread`).
            let node_counted = plain
                && np
                    .variable
                    .as_ref()
                    .is_some_and(|v| ctx.unread.nodes.contains(v));
            // Elements not read at all are known by their position alone
            // while the query reads the read file (nothing asks their ids).
            for (r, other) in hops.by_ref() {
                ctx.tick()?;
                // The relationship first, then the node at its other end.
                let candidates = [
                    (rp.variable.as_ref(), position(&r).map(Candidate::Rel)),
                    (np.variable.as_ref(), position(&other).map(Candidate::Node)),
                ];
                let mut ruled_out = false;
                for (var, c) in candidates {
                    if let Some(c) = c {
                        if !filters.may_bind(ctx, var, c, &f.state.row)? {
                            ruled_out = true;
                            break;
                        }
                    }
                }
                if ruled_out {
                    continue;
                }
                let rel = if rel_unread {
                    Rc::new(Rel {
                        id: unread_id(&r),
                        pos: position(&r),
                        ..Rel::default()
                    })
                } else {
                    let Some(rel) = hop_rel(ctx, &r, rp, &f.state)? else {
                        continue;
                    };
                    rel
                };
                let node = if node_unread {
                    Rc::new(Node {
                        id: unread_id(&other),
                        pos: position(&other),
                        ..Node::default()
                    })
                } else if let (true, Ref::At(i), Some(snap)) =
                    (node_counted, &other, ctx.positions())
                {
                    ctx.node_unread(snap, *i)?
                } else {
                    let Some(node) = ctx.node_ref(&other)? else {
                        continue;
                    };
                    node
                };
                let mut t = f.state.clone();
                if !bind_rel(ctx, &mut t, rp, f.j, Bound::One(rel.clone()))? {
                    continue;
                }
                t.used.push(rel.clone());
                if bind_node(ctx, &mut t, el, to_pos, node)? {
                    return Ok(Some(t));
                }
            }
        }
        Choices::Walks(walks) => {
            let rp = &el.chain[f.j].0;
            for (rels, end) in walks.by_ref() {
                ctx.tick()?;
                let Some(node) = ctx.node_ref(&end)? else {
                    continue;
                };
                let mut t = f.state.clone();
                let mut ordered = rels.clone();
                if !f.rightward {
                    ordered.reverse();
                }
                if !bind_rel(ctx, &mut t, rp, f.j, Bound::Many(ordered))? {
                    continue;
                }
                t.used.extend(rels.iter().cloned());
                if bind_node(ctx, &mut t, el, to_pos, node)? {
                    return Ok(Some(t));
                }
            }
        }
        Choices::Done(done) => {
            return Ok(done.next().map(|(row, used)| State {
                row,
                used,
                nodes: Vec::new(),
                rels: Vec::new(),
            }))
        }
    }
    Ok(None)
}

/// The id an element not read keeps: none when its position names it.
fn unread_id(r: &Ref) -> CompactString {
    match r {
        Ref::At(_) => CompactString::default(),
        Ref::Id(id) => id.into(),
    }
}

/// The read-file position a reference holds, if it holds one.
fn position(r: &Ref) -> Option<u32> {
    match r {
        Ref::At(i) => Some(*i),
        Ref::Id(_) => None,
    }
}
