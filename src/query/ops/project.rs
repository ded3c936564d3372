//! RETURN and WITH: projection of each row (streaming) or grouping into
//! per-group accumulators (holding one entry per group, not the rows),
//! followed by DISTINCT, ORDER BY, SKIP and LIMIT (see [`super::sort`]).

use super::one_hop::{self, Counted, OneHop};
use super::sort::{Distinct, SkipLimit, Sort, Strip};
use super::{Peeked, Rows, Source, Values};
use crate::query::aggregate::{contains_aggregate, is_aggregate, Accumulator};
use crate::query::ast::{Expr, Match, Projection};
use crate::query::context::Ctx;
use crate::query::eval::{eval, Row};
use crate::query::failure::{QResult, QueryError};
use crate::query::group_key::{group_key, key_by_pos, Key};
use crate::query::value::Val;
use foldhash::HashMap;
use std::rc::Rc;

/// A projected row with the environment ORDER BY evaluates in.
pub type Projected = (Vec<Val>, Row);

/// The items of a projection, worked out once.
struct Items {
    /// Column names and expressions.
    items: Vec<(String, Expr)>,
    /// Items with aggregate calls replaced by placeholder variables.
    rewritten: Vec<Expr>,
    /// The aggregate calls.
    aggs: Vec<Expr>,
    /// Whether ORDER BY needs an environment.
    keep_env: bool,
    /// The column names and the aggregates' placeholder names, as row keys
    /// (made once, not per row or group).
    names: Vec<Rc<str>>,
    agg_names: Vec<Rc<str>>,
}

impl Items {
    fn columns(&self) -> Vec<String> {
        self.items.iter().map(|(c, _)| c.clone()).collect()
    }
}

/// The column name of a projection item.
fn column(expr: &Expr, alias: &Option<String>) -> String {
    match (alias, expr) {
        (Some(a), _) => a.clone(),
        (None, Expr::Var(v)) => v.clone(),
        (None, e) => e.to_string(),
    }
}

/// Replaces aggregate calls in `e` by placeholder variables, collecting them.
fn extract(e: &Expr, aggs: &mut Vec<Expr>) -> Expr {
    let is_agg = matches!(e, Expr::CountStar)
        || matches!(e, Expr::FnCall { name, .. } if is_aggregate(&name.to_lowercase()));
    if is_agg {
        let i = aggs.iter().position(|a| a == e).unwrap_or_else(|| {
            aggs.push(e.clone());
            aggs.len() - 1
        });
        return Expr::Var(format!("  agg{i}"));
    }
    let mut e = e.clone();
    let rec = |x: &mut Box<Expr>, aggs: &mut Vec<Expr>| **x = extract(x, aggs);
    match &mut e {
        Expr::Property(x, _) | Expr::Unary(_, x) => rec(x, aggs),
        Expr::IsNull { expr, .. } | Expr::HasLabels { expr, .. } => rec(expr, aggs),
        Expr::Binary(_, a, b) => {
            rec(a, aggs);
            rec(b, aggs);
        }
        Expr::FnCall { args, .. } | Expr::List(args) => {
            args.iter_mut().for_each(|a| *a = extract(a, aggs))
        }
        Expr::Map(entries) => entries.iter_mut().for_each(|(_, a)| *a = extract(a, aggs)),
        Expr::Index { expr, index } => {
            rec(expr, aggs);
            rec(index, aggs);
        }
        Expr::Slice { expr, from, to } => {
            rec(expr, aggs);
            from.iter_mut()
                .chain(to.iter_mut())
                .for_each(|x| rec(x, aggs));
        }
        // Only the list of a comprehension can hold an aggregate (check.rs).
        Expr::ListComprehension { list, .. } => rec(list, aggs),
        Expr::Case {
            subject,
            whens,
            otherwise,
        } => {
            subject
                .iter_mut()
                .chain(otherwise.iter_mut())
                .for_each(|x| rec(x, aggs));
            whens.iter_mut().for_each(|(w, t)| {
                *w = extract(w, aggs);
                *t = extract(t, aggs);
            });
        }
        _ => {}
    }
    e
}

/// A SKIP or LIMIT count.
fn count_arg(ctx: &mut Ctx, e: &Expr) -> QResult<usize> {
    match eval(e, &Row::new(), ctx)? {
        Val::Int(i) if i >= 0 => Ok(i as usize),
        Val::Float(f) if f >= 0.0 && f.fract() == 0.0 => Ok(f as usize),
        v => Err(QueryError::Type(format!(
            "SKIP and LIMIT need a non-negative integer, not {}",
            crate::query::functions::to_string(&v)
        ))),
    }
}

/// Projects the rows of `input` through RETURN/WITH items: grouping,
/// DISTINCT, ORDER BY, SKIP, LIMIT. Returns the columns and the stream of
/// projected values.
///
/// `source`: the MATCH that is the only clause before, whose counts the
/// adjacency may answer (see [`super::one_hop`]).
pub fn project<'q>(
    ctx: &mut Ctx,
    p: &'q Projection,
    mut input: Rows<'q>,
    source: Option<&'q Match>,
) -> QResult<(Vec<String>, Values<'q>)> {
    let mut items: Vec<(String, Expr)> = Vec::new();
    if p.star {
        // `*` names the variables of the first row.
        let first = input.next(ctx)?;
        let mut names: Vec<String> = first
            .as_ref()
            .map(|r| {
                r.keys()
                    .filter(|k| !k.starts_with(' '))
                    .map(|k| k.to_string())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        items.extend(names.into_iter().map(|n| (n.clone(), Expr::Var(n))));
        input = Box::new(Peeked::new(first, input));
    }
    items.extend(
        p.items
            .iter()
            .map(|i| (column(&i.expr, &i.alias), i.expr.clone())),
    );
    let aggregating = items.iter().any(|(_, e)| contains_aggregate(e));
    let mut aggs = Vec::new();
    let rewritten: Vec<Expr> = items.iter().map(|(_, e)| extract(e, &mut aggs)).collect();
    // An ORDER BY expression that is a projected item sorts by its column.
    let sort_keys: Vec<Expr> = p
        .order_by
        .iter()
        .map(|s| match items.iter().position(|(_, e)| e == &s.expr) {
            Some(i) => Expr::Var(items[i].0.clone()),
            None => extract(&s.expr, &mut aggs.clone()),
        })
        .collect();
    let plan = Rc::new(Items {
        names: items.iter().map(|(c, _)| Rc::from(c.as_str())).collect(),
        agg_names: (0..aggs.len())
            .map(|i| format!("  agg{i}").into())
            .collect(),
        items,
        rewritten,
        aggs,
        keep_env: !p.order_by.is_empty(),
    });
    let columns = plan.columns();
    let mut staged: Box<dyn Source<Projected> + 'q> = if aggregating {
        let keys: Vec<&Expr> = (plan.items.iter())
            .map(|(_, e)| e)
            .filter(|e| !contains_aggregate(e))
            .collect();
        let one_hop = source.and_then(|m| one_hop::shape(m, &keys, &plan.aggs));
        Box::new(Grouped::new(input, plan.clone(), ctx.by_pos, one_hop))
    } else {
        Box::new(Each { input, plan })
    };
    if p.distinct {
        staged = Box::new(Distinct::new(staged));
    }
    let skip = match &p.skip {
        Some(e) => count_arg(ctx, e)?,
        None => 0,
    };
    let limit = match &p.limit {
        Some(e) => Some(count_arg(ctx, e)?),
        None => None,
    };
    let values: Values<'q> = if p.order_by.is_empty() {
        Box::new(Strip(staged))
    } else {
        let descending = p.order_by.iter().map(|s| s.descending).collect();
        let keep = limit.map(|l| l.saturating_add(skip));
        Box::new(Sort::new(staged, sort_keys, descending, keep))
    };
    Ok((columns, Box::new(SkipLimit::new(values, skip, limit))))
}

/// Projection without aggregates: one output per input row.
struct Each<'q> {
    input: Rows<'q>,
    plan: Rc<Items>,
}

impl Source<Projected> for Each<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Projected>> {
        let Some(row) = self.input.next(ctx)? else {
            return Ok(None);
        };
        ctx.tick()?;
        let mut vals = Vec::with_capacity(self.plan.items.len());
        for (_, e) in &self.plan.items {
            vals.push(eval(e, &row, ctx)?);
        }
        let env = if self.plan.keep_env {
            let mut env = row;
            env.extend(self.plan.names.iter().cloned().zip(vals.iter().cloned()));
            env
        } else {
            Row::new()
        };
        Ok(Some((vals, env)))
    }
}

/// One group: its first row (for the grouping keys) and its accumulators.
type Group = (Row, Vec<Accumulator>);

/// How one grouping item is keyed.
enum KeyBy {
    /// By the value of item `.0`.
    Value(usize),
    /// Item `.0` is `v.id` of node variable `.1`: by the node's position
    /// while its id is its own (see [`Ctx::id_is_own`]), one id per node.
    OwnId(usize, Rc<str>),
}

/// Groups by key. A key of one item is kept in place, so that a lookup
/// compares it without following a pointer.
#[derive(Default)]
struct Index {
    one: HashMap<Key, usize>,
    many: HashMap<Vec<Key>, usize>,
}

impl Index {
    fn get(&self, key: &[Key]) -> Option<usize> {
        match key {
            [k] => self.one.get(k),
            _ => self.many.get(key),
        }
        .copied()
    }

    /// Adds `key` (taken, or copied when it has several items).
    fn insert(&mut self, key: &mut Vec<Key>, g: usize) {
        match key.as_mut_slice() {
            [k] => self.one.insert(std::mem::replace(k, Key::Null), g),
            _ => self.many.insert(key.clone(), g),
        };
    }
}

/// Projection with aggregates: consumes every input row into per-group
/// accumulators, then yields one output per group in order of first sight.
struct Grouped<'q> {
    input: Option<Rows<'q>>,
    plan: Rc<Items>,
    /// Each group's first row and aggregate values.
    groups: std::vec::IntoIter<Counted>,
    /// Counts the adjacency can answer without the input.
    one_hop: Option<OneHop<'q>>,
    /// The accumulators of a new group, copied for each.
    empty: Vec<Accumulator>,
    /// The grouping items.
    keys: Vec<KeyBy>,
    /// Elements keyed by position (see [`key_by_pos`]).
    by_pos: bool,
}

impl<'q> Grouped<'q> {
    fn new(
        input: Rows<'q>,
        plan: Rc<Items>,
        by_pos: bool,
        one_hop: Option<OneHop<'q>>,
    ) -> Grouped<'q> {
        let empty = (plan.aggs.iter())
            .map(|a| match a {
                Expr::FnCall { name, distinct, .. } => {
                    Accumulator::new(&name.to_lowercase(), *distinct, by_pos)
                }
                _ => Accumulator::new("count", false, by_pos),
            })
            .collect();
        let keys = (plan.items.iter().enumerate())
            .filter(|(_, (_, e))| !contains_aggregate(e))
            .map(|(i, (_, e))| match e {
                Expr::Property(v, key) if by_pos && key == "id" => match &**v {
                    Expr::Var(v) => KeyBy::OwnId(i, Rc::from(v.as_str())),
                    _ => KeyBy::Value(i),
                },
                _ => KeyBy::Value(i),
            })
            .collect();
        Grouped {
            input: Some(input),
            plan,
            groups: Vec::new().into_iter(),
            one_hop,
            empty,
            keys,
            by_pos,
        }
    }

    /// The grouping key of `row` into `key`; with `own_ids`, `v.id` by
    /// position. False when an `own_ids` key cannot be made that way.
    fn key(&self, ctx: &mut Ctx, row: &Row, own_ids: bool, key: &mut Vec<Key>) -> QResult<bool> {
        key.clear();
        for k in &self.keys {
            let i = match k {
                KeyBy::OwnId(_, var) if own_ids => match row.get(var) {
                    Some(Val::Node(n)) if n.pos.is_some() && ctx.id_is_own(n)? => {
                        key.extend(n.pos.map(Key::NodeAt));
                        continue;
                    }
                    _ => return Ok(false),
                },
                KeyBy::Value(i) | KeyBy::OwnId(i, _) => *i,
            };
            let v = eval(&self.plan.items[i].1, row, ctx)?;
            key.push(if self.by_pos {
                key_by_pos(&v)
            } else {
                group_key(&v)
            });
        }
        Ok(true)
    }

    /// Reads all input into groups.
    fn consume(&self, ctx: &mut Ctx, mut input: Rows<'q>) -> QResult<Vec<Group>> {
        let mut index = Index::default();
        let mut groups: Vec<Group> = Vec::new();
        let mut any = false;
        let mut own_ids = self.keys.iter().any(|k| matches!(k, KeyBy::OwnId(..)));
        let mut key = Vec::with_capacity(self.keys.len());
        while let Some(row) = input.next(ctx)? {
            ctx.tick()?;
            any = true;
            if !self.key(ctx, &row, own_ids, &mut key)? {
                // A `v.id` that is not its node's own id (or not a node's):
                // every group is keyed by value from here on.
                own_ids = false;
                index = Index::default();
                for (g, (first, _)) in groups.iter().enumerate() {
                    self.key(ctx, first, false, &mut key)?;
                    index.insert(&mut key, g);
                }
                self.key(ctx, &row, false, &mut key)?;
            }
            let g = match index.get(&key) {
                Some(g) => g,
                None => {
                    index.insert(&mut key, groups.len());
                    groups.push((row.clone(), self.empty.clone()));
                    ctx.check_rows(groups.len())?;
                    groups.len() - 1
                }
            };
            for (i, a) in self.plan.aggs.iter().enumerate() {
                let v = match a {
                    Expr::CountStar => Val::Bool(true),
                    Expr::FnCall { args, name, .. } => match args.as_slice() {
                        [arg] => eval(arg, &row, ctx)?,
                        _ => {
                            return Err(QueryError::Semantic(format!(
                                "{name}() takes one argument"
                            )))
                        }
                    },
                    _ => Val::Null,
                };
                groups[g].1[i].add(v)?;
            }
        }
        if !any && self.keys.is_empty() {
            groups.push((Row::new(), self.empty.clone()));
        }
        Ok(groups)
    }
}

impl Source<Projected> for Grouped<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Projected>> {
        if let Some(input) = self.input.take() {
            let counted = match &self.one_hop {
                Some(one_hop) => one_hop.groups(ctx)?,
                None => None,
            };
            let groups = match counted {
                Some(groups) => groups,
                None => (self.consume(ctx, input)?.into_iter())
                    .map(|(row, accs)| (row, accs.into_iter().map(Accumulator::finish).collect()))
                    .collect(),
            };
            self.groups = groups.into_iter();
        }
        let Some((mut env, aggs)) = self.groups.next() else {
            return Ok(None);
        };
        ctx.tick()?;
        for (name, v) in self.plan.agg_names.iter().zip(aggs) {
            env.insert(name.clone(), v);
        }
        let mut vals = Vec::with_capacity(self.plan.rewritten.len());
        for e in &self.plan.rewritten {
            vals.push(eval(e, &env, ctx)?);
        }
        if !self.plan.keep_env {
            return Ok(Some((vals, Row::new())));
        }
        // After aggregation ORDER BY sees the projected columns (and the aggregates).
        let mut sort_env: Row = env
            .into_iter()
            .filter(|(k, _)| k.starts_with(' '))
            .collect();
        sort_env.extend(self.plan.names.iter().cloned().zip(vals.iter().cloned()));
        Ok(Some((vals, sort_env)))
    }
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;
