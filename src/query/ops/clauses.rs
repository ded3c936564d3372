//! Operators of the reading clauses (MATCH, OPTIONAL MATCH, UNWIND, WHERE
//! after WITH), which stream, and of the write clauses, which hold the rows
//! they act on so that every write sees every row before later clauses run.

use super::{Rows, Source};
use crate::query::ast::{Clause, Expr, Match, Unwind};
use crate::query::context::Ctx;
use crate::query::date_filter::DateFilters;
use crate::query::eval::{eval, Row};
use crate::query::failure::QResult;
use crate::query::matcher::Matcher;
use crate::query::plan;
use crate::query::value::Val;
use crate::query::write;
use std::rc::Rc;

/// The matching of one input row in progress.
struct Current<'q> {
    row: Row,
    matcher: Matcher<'q>,
    any: bool,
}

/// `[OPTIONAL] MATCH pattern [WHERE ...]`: the bindings of each input row.
pub struct MatchOp<'q> {
    input: Rows<'q>,
    clause: &'q Match,
    current: Option<Current<'q>>,
    /// Worked out from the WHERE once, for every input row.
    hints: Rc<plan::Hints>,
    filters: DateFilters,
    /// One match per input row is enough (see [`crate::query::exists`]).
    once: bool,
}

impl<'q> MatchOp<'q> {
    /// Matches `clause` against each row of `input`; with `once`, stops
    /// at the first match of each.
    pub fn new(input: Rows<'q>, clause: &'q Match, once: bool) -> MatchOp<'q> {
        MatchOp {
            input,
            clause,
            current: None,
            hints: Rc::new(plan::hints(clause.where_clause.as_ref())),
            filters: DateFilters::of(clause.where_clause.as_ref()),
            once,
        }
    }
}

impl Source<Row> for MatchOp<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        loop {
            let Some(cur) = &mut self.current else {
                let Some(row) = self.input.next(ctx)? else {
                    return Ok(None);
                };
                let matcher = Matcher::new(&self.clause.pattern, row.clone(), self.hints.clone())
                    .with_filters(self.filters.clone());
                self.current = Some(Current {
                    row,
                    matcher,
                    any: false,
                });
                continue;
            };
            match cur.matcher.next(ctx)? {
                Some(r) => {
                    if let Some(w) = &self.clause.where_clause {
                        if !eval(w, &r, ctx)?.is_true() {
                            continue;
                        }
                    }
                    cur.any = true;
                    if self.once {
                        self.current = None;
                    }
                    return Ok(Some(r));
                }
                None => {
                    let Current { row, any, .. } = self.current.take().expect("current");
                    if self.clause.optional && !any {
                        let mut r = row;
                        for v in write::pattern_vars(&self.clause.pattern) {
                            r.insert_if_absent(v.into(), Val::Null);
                        }
                        return Ok(Some(r));
                    }
                }
            }
        }
    }
}

/// `UNWIND expr AS x`: one row per list item.
pub struct UnwindOp<'q> {
    input: Rows<'q>,
    clause: &'q Unwind,
    current: Option<(Row, Rc<Vec<Val>>, usize)>,
}

impl<'q> UnwindOp<'q> {
    /// Unwinds `clause` over each row of `input`.
    pub fn new(input: Rows<'q>, clause: &'q Unwind) -> UnwindOp<'q> {
        UnwindOp {
            input,
            clause,
            current: None,
        }
    }
}

impl Source<Row> for UnwindOp<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        loop {
            if let Some((row, items, i)) = &mut self.current {
                if let Some(item) = items.get(*i) {
                    ctx.tick()?;
                    *i += 1;
                    let mut r = row.clone();
                    r.insert(self.clause.variable.as_str().into(), item.clone());
                    return Ok(Some(r));
                }
                self.current = None;
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            match eval(&self.clause.expr, &row, ctx)? {
                Val::Null => {}
                Val::List(items) => self.current = Some((row, items, 0)),
                v => {
                    let mut r = row;
                    r.insert(self.clause.variable.as_str().into(), v);
                    return Ok(Some(r));
                }
            }
        }
    }
}

/// `WHERE` after `WITH`: the rows for which the condition is true.
pub struct FilterOp<'q> {
    input: Rows<'q>,
    condition: &'q Expr,
}

impl<'q> FilterOp<'q> {
    /// The rows of `input` that satisfy `condition`.
    pub fn new(input: Rows<'q>, condition: &'q Expr) -> FilterOp<'q> {
        FilterOp { input, condition }
    }
}

impl Source<Row> for FilterOp<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        while let Some(r) = self.input.next(ctx)? {
            ctx.tick()?;
            if eval(self.condition, &r, ctx)?.is_true() {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }
}

/// A write clause: takes every input row first, applies the clause to all
/// of them, then hands the rows on.
pub struct WriteOp<'q> {
    input: Option<Rows<'q>>,
    clause: &'q Clause,
    out: std::vec::IntoIter<Row>,
}

impl<'q> WriteOp<'q> {
    /// Applies the write `clause` to the rows of `input`.
    pub fn new(input: Rows<'q>, clause: &'q Clause) -> WriteOp<'q> {
        WriteOp {
            input: Some(input),
            clause,
            out: Vec::new().into_iter(),
        }
    }
}

impl Source<Row> for WriteOp<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        if let Some(mut input) = self.input.take() {
            let mut rows = Vec::new();
            while let Some(r) = input.next(ctx)? {
                rows.push(r);
                ctx.check_rows(rows.len())?;
            }
            let out = write::apply(ctx, self.clause, rows)?;
            ctx.check_rows(out.len())?;
            self.out = out.into_iter();
        }
        Ok(self.out.next())
    }
}

/// Projected values as rows keyed by their column names (after `WITH`).
pub struct ToRows<'q> {
    columns: Vec<Rc<str>>,
    input: super::Values<'q>,
}

impl<'q> ToRows<'q> {
    /// Rows of `input` named by `columns`.
    pub fn new(columns: Vec<String>, input: super::Values<'q>) -> ToRows<'q> {
        let columns = columns.iter().map(|c| Rc::from(c.as_str())).collect();
        ToRows { columns, input }
    }
}

impl Source<Row> for ToRows<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        Ok(self
            .input
            .next(ctx)?
            .map(|vals| self.columns.iter().cloned().zip(vals).collect()))
    }
}
