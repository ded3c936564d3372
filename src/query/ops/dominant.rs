//! Thins a MATCH's rows as [`crate::query::dominant`] plans: of consecutive
//! rows with the same key only the one whose date bound is least (or
//! greatest) goes on. A row whose bound is null is dropped (the comparison
//! that reads it can never hold); one whose bound is not a date, or fails
//! to evaluate, goes on unchanged, for the comparison to judge.

use super::{Rows, Source};
use crate::date::Day;
use crate::query::calls::column_day;
use crate::query::context::Ctx;
use crate::query::dominant::Dominance;
use crate::query::eval::{eval, Row};
use crate::query::failure::QResult;
use crate::query::functions::day_val;
use crate::query::group_key::{group_key, Key};
use crate::query::value::{compare, Val};
use std::cmp::Ordering;

/// A row's bound: a day from the read file's column, or a date value.
enum Bound {
    Day(Day),
    Date(Val),
}

impl Bound {
    /// The order of two bounds (dates are totally ordered).
    fn cmp(&self, other: &Bound) -> Ordering {
        match (self, other) {
            (Bound::Day(a), Bound::Day(b)) => a.cmp(b),
            _ => compare(&self.val(), &other.val()).unwrap_or(Ordering::Equal),
        }
    }

    fn val(&self) -> Val {
        match self {
            Bound::Day(d) => day_val(*d),
            Bound::Date(v) => v.clone(),
        }
    }
}

/// The rows of a MATCH, thinned.
pub struct DominantOp<'q> {
    input: Rows<'q>,
    plan: Dominance<'q>,
    /// The best row so far of the current run of equal keys.
    held: Option<(Vec<Key>, Bound, Row)>,
}

impl<'q> DominantOp<'q> {
    /// The rows of `input` thinned by `plan`.
    pub fn new(input: Rows<'q>, plan: Dominance<'q>) -> DominantOp<'q> {
        DominantOp {
            input,
            plan,
            held: None,
        }
    }

    /// `row`'s bound: `Ok(None)` for null, `Err(())` for anything that
    /// is not a date (or does not evaluate).
    fn bound(&self, row: &Row, ctx: &mut Ctx) -> Result<Option<Bound>, ()> {
        match column_day(self.plan.bound, row, ctx) {
            Ok(Some(day)) => return Ok(day.map(Bound::Day)),
            Ok(None) => {}
            Err(_) => return Err(()),
        }
        match eval(self.plan.bound, row, ctx) {
            Ok(Val::Null) => Ok(None),
            Ok(d @ Val::Date(_)) => Ok(Some(Bound::Date(d))),
            _ => Err(()),
        }
    }

    fn key(&self, row: &Row) -> Vec<Key> {
        let names = self.plan.key.iter();
        names
            .map(|n| row.get(n).map_or(Key::Null, group_key))
            .collect()
    }
}

impl Source<Row> for DominantOp<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Row>> {
        while let Some(row) = self.input.next(ctx)? {
            ctx.tick()?;
            let bound = match self.bound(&row, ctx) {
                Ok(Some(b)) => b,
                Ok(None) => continue,
                Err(()) => return Ok(Some(row)),
            };
            let key = self.key(&row);
            let wanted = if self.plan.least {
                Ordering::Less
            } else {
                Ordering::Greater
            };
            match &mut self.held {
                Some((k, best, kept)) if *k == key => {
                    if bound.cmp(best) == wanted {
                        (*best, *kept) = (bound, row);
                    }
                }
                held => {
                    if let Some((_, _, done)) = held.replace((key, bound, row)) {
                        return Ok(Some(done));
                    }
                }
            }
        }
        Ok(self.held.take().map(|(_, _, row)| row))
    }
}
