//! The executor: builds each query part into a pipeline of streaming
//! operators ([`super::ops`]), one per clause, and pulls result rows through
//! it; UNION parts run one after the other.

use super::context::Ctx;
use super::eval::Row;
use super::failure::{QResult, QueryError};
use super::group_key::key_of;
use super::ops::best_hop::{best_of, BestHop};
use super::ops::clauses::{FilterOp, MatchOp, ToRows, UnwindOp, WriteOp};
use super::ops::dominant::DominantOp;
use super::ops::project::project;
use super::ops::{FromVec, Rows, Values};
use super::value::Val;
use crate::query::ast::{Clause, Match, Query, SingleQuery};
use foldhash::HashSet;

/// Columns and rows of a result.
pub type Table = (Vec<String>, Vec<Vec<Val>>);

/// Receives each result row with the columns (see [`for_each`]).
pub type RowSink<'f> = dyn FnMut(&Ctx, &[String], Vec<Val>) -> QResult<()> + 'f;

/// Runs a whole query (all UNION parts) and collects its rows; the collected
/// table counts against the row guard.
pub fn run(ctx: &mut Ctx, q: &Query) -> QResult<Table> {
    let mut rows = Vec::new();
    let columns = for_each(ctx, q, &mut |ctx, _, row| {
        rows.push(row);
        ctx.check_rows(rows.len())
    })?;
    Ok((columns, rows))
}

/// Runs a whole query, handing each result row to `f` (with the columns)
/// as soon as it is made. Returns the columns.
pub fn for_each(ctx: &mut Ctx, q: &Query, f: &mut RowSink) -> QResult<Vec<String>> {
    // Rows of parts up to the last `UNION` (without ALL) are deduplicated
    // against every row before them; later parts pass unchanged.
    let last_distinct = (1..q.parts.len())
        .filter(|&i| !q.union_all[i - 1])
        .max()
        .unwrap_or(0);
    let mut seen: HashSet<Vec<super::group_key::Key>> = HashSet::default();
    let mut columns: Option<Vec<String>> = None;
    for (i, part) in q.parts.iter().enumerate() {
        let (cols, mut values) = single(ctx, part)?;
        match &columns {
            None => columns = Some(cols),
            Some(c0) if *c0 != cols => {
                return Err(QueryError::Semantic(format!(
                    "all parts of a UNION must return the same columns: {c0:?} and {cols:?}"
                )));
            }
            Some(_) => {}
        }
        let cols = columns.as_deref().unwrap_or_default();
        while let Some(row) = values.next(ctx)? {
            if i <= last_distinct && last_distinct > 0 {
                if !seen.insert(key_of(&row)) {
                    continue;
                }
                ctx.check_rows(seen.len())?;
            }
            f(ctx, cols, row)?;
        }
    }
    Ok(columns.unwrap_or_default())
}

/// Builds the pipeline of one query part: its columns and result stream.
fn single<'q>(ctx: &mut Ctx, q: &'q SingleQuery) -> QResult<(Vec<String>, Values<'q>)> {
    let mut rows: Rows<'q> = Box::new(FromVec::new(vec![Row::new()]));
    for (i, clause) in q.clauses.iter().enumerate() {
        // A MATCH that is the only clause before a projection.
        let source = match (i, q.clauses.first()) {
            (1, Some(Clause::Match(m))) => Some(m),
            _ => None,
        };
        rows = match clause {
            Clause::Match(m) => match_rows(ctx, &q.clauses, i, m, rows)?,
            Clause::Unwind(u) => Box::new(UnwindOp::new(rows, u)),
            Clause::With(w) => {
                let (cols, values) = project(ctx, &w.projection, rows, source)?;
                let named: Rows<'q> = Box::new(ToRows::new(cols, values));
                match &w.where_clause {
                    Some(cond) => Box::new(FilterOp::new(named, cond)),
                    None => named,
                }
            }
            Clause::Return(p) => return project(ctx, p, rows, source),
            write_clause => Box::new(WriteOp::new(rows, write_clause)),
        };
    }
    // No RETURN: run the clauses for their writes.
    while rows.next(ctx)?.is_some() {
        ctx.tick()?;
    }
    Ok((Vec::new(), Box::new(FromVec::new(Vec::new()))))
}

/// The rows of the MATCH `m` at `clauses[i]` for each row of `rows`:
/// stopping at the first match of each when that is enough
/// ([`super::exists`]), thinned when only one row per key can matter
/// ([`super::dominant`]), and then, as the query's first clause, walked on
/// the adjacency when it can be ([`super::ops::best_hop`]).
fn match_rows<'q>(
    ctx: &Ctx,
    clauses: &'q [Clause],
    i: usize,
    m: &'q Match,
    rows: Rows<'q>,
) -> QResult<Rows<'q>> {
    let once = super::exists::one_row_enough(clauses, i);
    let Some(plan) = super::dominant::plan(clauses, i) else {
        return Ok(Box::new(MatchOp::new(rows, m, once)));
    };
    let walk = match best_of(m, &plan) {
        Some(best) if i == 0 => BestHop::new(ctx, best)?,
        _ => None,
    };
    let matched: Rows<'q> = match walk {
        Some(walk) => Box::new(walk),
        None => Box::new(MatchOp::new(rows, m, once)),
    };
    Ok(Box::new(DominantOp::new(matched, plan)))
}

#[cfg(test)]
#[path = "exec_tests.rs"]
mod tests;
