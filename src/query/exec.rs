//! The executor: runs clauses in order over a table of rows, projects and
//! groups in RETURN/WITH, and joins UNION parts.

use super::aggregate::{contains_aggregate, is_aggregate, Accumulator};
use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::{QResult, QueryError};
use super::pattern::match_pattern;
use super::plan;
use super::value::{group_key, order, Val};
use super::write;
use crate::query::ast::{Clause, Expr, Projection, Query, SingleQuery};
use std::collections::{HashMap, HashSet};

/// Columns and rows of a result.
pub type Table = (Vec<String>, Vec<Vec<Val>>);

/// Runs a whole query (all UNION parts).
pub fn run(ctx: &mut Ctx, q: &Query) -> QResult<Table> {
    let mut result: Option<Table> = None;
    for (i, part) in q.parts.iter().enumerate() {
        let (cols, rows) = single(ctx, part)?;
        result = Some(match result {
            None => (cols, rows),
            Some((c0, mut r0)) => {
                if c0 != cols {
                    return Err(QueryError::Semantic(format!(
                        "all parts of a UNION must return the same columns: {c0:?} and {cols:?}"
                    )));
                }
                r0.extend(rows);
                if !q.union_all[i - 1] {
                    let mut seen = HashSet::new();
                    r0.retain(|r| {
                        seen.insert(r.iter().map(group_key).collect::<Vec<_>>().join("\u{0}"))
                    });
                }
                (c0, r0)
            }
        });
    }
    Ok(result.unwrap_or_default())
}

fn single(ctx: &mut Ctx, q: &SingleQuery) -> QResult<Table> {
    let mut rows: Vec<Row> = vec![Row::new()];
    for clause in &q.clauses {
        match clause {
            Clause::Match(m) => {
                let mut out = Vec::new();
                for row in &rows {
                    let hints = plan::hints(m.where_clause.as_ref(), row);
                    let mut any = false;
                    for r in match_pattern(ctx, &m.pattern, row, &hints)? {
                        if let Some(w) = &m.where_clause {
                            if !eval(w, &r, ctx)?.is_true() {
                                continue;
                            }
                        }
                        any = true;
                        out.push(r);
                        ctx.check_rows(out.len())?;
                    }
                    if m.optional && !any {
                        let mut r = row.clone();
                        for v in write::pattern_vars(&m.pattern) {
                            r.entry(v).or_insert(Val::Null);
                        }
                        out.push(r);
                    }
                }
                rows = out;
            }
            Clause::Unwind(u) => {
                let mut out = Vec::new();
                for row in &rows {
                    match eval(&u.expr, row, ctx)? {
                        Val::Null => {}
                        Val::List(items) => {
                            for item in items.iter() {
                                ctx.tick()?;
                                let mut r = row.clone();
                                r.insert(u.variable.clone(), item.clone());
                                out.push(r);
                            }
                        }
                        v => {
                            let mut r = row.clone();
                            r.insert(u.variable.clone(), v);
                            out.push(r);
                        }
                    }
                    ctx.check_rows(out.len())?;
                }
                rows = out;
            }
            Clause::With(w) => {
                let (cols, table) = project(ctx, &w.projection, rows)?;
                rows = table
                    .into_iter()
                    .map(|vals| cols.iter().cloned().zip(vals).collect())
                    .collect();
                if let Some(cond) = &w.where_clause {
                    let mut kept = Vec::new();
                    for r in rows {
                        ctx.tick()?;
                        if eval(cond, &r, ctx)?.is_true() {
                            kept.push(r);
                        }
                    }
                    rows = kept;
                }
            }
            Clause::Return(p) => return project(ctx, p, rows),
            write_clause => rows = write::apply(ctx, write_clause, rows)?,
        }
    }
    Ok((Vec::new(), Vec::new()))
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

fn count_arg(ctx: &mut Ctx, e: &Expr) -> QResult<usize> {
    match eval(e, &Row::new(), ctx)? {
        Val::Int(i) if i >= 0 => Ok(i as usize),
        Val::Float(f) if f >= 0.0 && f.fract() == 0.0 => Ok(f as usize),
        v => Err(QueryError::Type(format!(
            "SKIP and LIMIT need a non-negative integer, not {}",
            super::functions::to_string(&v)
        ))),
    }
}

/// Projects rows through RETURN/WITH items: grouping, DISTINCT, ORDER BY, SKIP, LIMIT.
fn project(ctx: &mut Ctx, p: &Projection, rows: Vec<Row>) -> QResult<Table> {
    let mut items: Vec<(String, Expr)> = Vec::new();
    if p.star {
        let mut names: Vec<String> = rows
            .first()
            .map(|r| r.keys().filter(|k| !k.starts_with(' ')).cloned().collect())
            .unwrap_or_default();
        names.sort();
        items.extend(names.into_iter().map(|n| (n.clone(), Expr::Var(n))));
    }
    items.extend(
        p.items
            .iter()
            .map(|i| (column(&i.expr, &i.alias), i.expr.clone())),
    );
    let columns: Vec<String> = items.iter().map(|(c, _)| c.clone()).collect();
    let aggregating = items.iter().any(|(_, e)| contains_aggregate(e));
    // Each output row with the environment ORDER BY evaluates in.
    let mut out: Vec<(Vec<Val>, Row)> = Vec::new();
    let mut aggs = Vec::new();
    let rewritten: Vec<Expr> = items.iter().map(|(_, e)| extract(e, &mut aggs)).collect();
    if aggregating {
        let keys: Vec<usize> = (0..items.len())
            .filter(|&i| !contains_aggregate(&items[i].1))
            .collect();
        let mut groups: HashMap<String, (Row, Vec<Accumulator>)> = HashMap::new();
        let mut group_order = Vec::new();
        for row in &rows {
            ctx.tick()?;
            let mut key_vals = Vec::new();
            for &k in &keys {
                key_vals.push(eval(&items[k].1, row, ctx)?);
            }
            let key = key_vals
                .iter()
                .map(group_key)
                .collect::<Vec<_>>()
                .join("\u{0}");
            if !groups.contains_key(&key) {
                let accs = aggs
                    .iter()
                    .map(|a| match a {
                        Expr::FnCall { name, distinct, .. } => {
                            Accumulator::new(&name.to_lowercase(), *distinct)
                        }
                        _ => Accumulator::new("count", false),
                    })
                    .collect();
                groups.insert(key.clone(), (row.clone(), accs));
                group_order.push(key.clone());
            }
            let accs = &mut groups.get_mut(&key).expect("inserted").1;
            for (i, a) in aggs.iter().enumerate() {
                let v = match a {
                    Expr::CountStar => Val::Bool(true),
                    Expr::FnCall { args, name, .. } => match args.as_slice() {
                        [arg] => eval(arg, row, ctx)?,
                        _ => {
                            return Err(QueryError::Semantic(format!(
                                "{name}() takes one argument"
                            )))
                        }
                    },
                    _ => Val::Null,
                };
                accs[i].add(v)?;
            }
        }
        if rows.is_empty() && keys.is_empty() {
            let accs = aggs
                .iter()
                .map(|a| match a {
                    Expr::FnCall { name, distinct, .. } => {
                        Accumulator::new(&name.to_lowercase(), *distinct)
                    }
                    _ => Accumulator::new("count", false),
                })
                .collect();
            groups.insert(String::new(), (Row::new(), accs));
            group_order.push(String::new());
        }
        for key in group_order {
            let (mut env, accs) = groups.remove(&key).expect("group");
            for (i, acc) in accs.into_iter().enumerate() {
                env.insert(format!("  agg{i}"), acc.finish());
            }
            let mut vals = Vec::new();
            for e in &rewritten {
                vals.push(eval(e, &env, ctx)?);
            }
            let projected: Row = columns.iter().cloned().zip(vals.iter().cloned()).collect();
            // After aggregation ORDER BY sees the projected columns (and the aggregates).
            let mut sort_env: Row = env
                .into_iter()
                .filter(|(k, _)| k.starts_with(' '))
                .collect();
            sort_env.extend(projected);
            out.push((vals, sort_env));
        }
    } else {
        for row in rows {
            ctx.tick()?;
            let mut vals = Vec::with_capacity(items.len());
            for (_, e) in &items {
                vals.push(eval(e, &row, ctx)?);
            }
            let mut env = row;
            env.extend(columns.iter().cloned().zip(vals.iter().cloned()));
            out.push((vals, env));
        }
    }
    if p.distinct {
        let mut seen = HashSet::new();
        out.retain(|(vals, _)| {
            seen.insert(vals.iter().map(group_key).collect::<Vec<_>>().join("\u{0}"))
        });
    }
    if !p.order_by.is_empty() {
        let mut keyed = Vec::with_capacity(out.len());
        for (vals, env) in out {
            let mut keys = Vec::new();
            for s in &p.order_by {
                // An ORDER BY expression that is a projected item sorts by its column.
                let e = match items.iter().position(|(_, e)| e == &s.expr) {
                    Some(i) => Expr::Var(columns[i].clone()),
                    None => extract(&s.expr, &mut aggs.clone()),
                };
                keys.push(eval(&e, &env, ctx)?);
            }
            keyed.push((keys, vals));
        }
        keyed.sort_by(|(a, _), (b, _)| {
            for (i, s) in p.order_by.iter().enumerate() {
                let o = order(&a[i], &b[i]);
                let o = if s.descending { o.reverse() } else { o };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
        out = keyed.into_iter().map(|(_, v)| (v, Row::new())).collect();
    }
    let skip = match &p.skip {
        Some(e) => count_arg(ctx, e)?,
        None => 0,
    };
    let limit = match &p.limit {
        Some(e) => Some(count_arg(ctx, e)?),
        None => None,
    };
    let rows: Vec<Vec<Val>> = out
        .into_iter()
        .map(|(v, _)| v)
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let mut fresh = Vec::with_capacity(rows.len());
    for r in rows {
        fresh.push(
            r.iter()
                .map(|v| ctx.refresh(v))
                .collect::<QResult<Vec<_>>>()?,
        );
    }
    Ok((columns, fresh))
}
