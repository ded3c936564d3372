//! The tail of a projection: DISTINCT (a seen-set of keys), ORDER BY (a
//! full sort, or only the best `SKIP + LIMIT` rows when there is a LIMIT),
//! SKIP and LIMIT (which stops pulling from upstream).

use super::project::Projected;
use super::{Source, Values};
use crate::query::ast::Expr;
use crate::query::context::Ctx;
use crate::query::eval::eval;
use crate::query::failure::QResult;
use crate::query::group_key::key_of;
use crate::query::value::{order, Val};
use foldhash::HashSet;
use std::cmp::Ordering;

/// Drops projected rows whose values were seen before.
pub struct Distinct<'q> {
    input: Box<dyn Source<Projected> + 'q>,
    seen: HashSet<Vec<crate::query::group_key::Key>>,
}

impl<'q> Distinct<'q> {
    /// The first occurrence of each distinct row of `input`.
    pub fn new(input: Box<dyn Source<Projected> + 'q>) -> Distinct<'q> {
        Distinct {
            input,
            seen: HashSet::default(),
        }
    }
}

impl Source<Projected> for Distinct<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Projected>> {
        while let Some((vals, env)) = self.input.next(ctx)? {
            ctx.tick()?;
            if self.seen.insert(key_of(&vals)) {
                ctx.check_rows(self.seen.len())?;
                return Ok(Some((vals, env)));
            }
        }
        Ok(None)
    }
}

/// Projected values without their ORDER BY environment.
pub struct Strip<'q>(pub Box<dyn Source<Projected> + 'q>);

impl Source<Vec<Val>> for Strip<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Vec<Val>>> {
        Ok(self.0.next(ctx)?.map(|(vals, _)| vals))
    }
}

/// ORDER BY: a stable sort of all rows, or, given `keep`, of only the
/// `keep` first rows in that order (a partial sort holding at most about
/// twice `keep` rows).
pub struct Sort<'q> {
    input: Option<Box<dyn Source<Projected> + 'q>>,
    keys: Vec<Expr>,
    descending: Vec<bool>,
    keep: Option<usize>,
    out: std::vec::IntoIter<(Vec<Val>, Vec<Val>)>,
}

impl<'q> Sort<'q> {
    /// Sorts `input` by `keys` (each descending or not), keeping `keep` rows at most.
    pub fn new(
        input: Box<dyn Source<Projected> + 'q>,
        keys: Vec<Expr>,
        descending: Vec<bool>,
        keep: Option<usize>,
    ) -> Sort<'q> {
        Sort {
            input: Some(input),
            keys,
            descending,
            keep,
            out: Vec::new().into_iter(),
        }
    }

    fn compare(&self, a: &[Val], b: &[Val]) -> Ordering {
        for (i, desc) in self.descending.iter().enumerate() {
            let o = order(&a[i], &b[i]);
            let o = if *desc { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }

    /// Sorts `buf` stably and cuts it to `keep` rows.
    fn settle(&self, buf: &mut Vec<(Vec<Val>, Vec<Val>)>) {
        buf.sort_by(|(a, _), (b, _)| self.compare(a, b));
        if let Some(k) = self.keep {
            buf.truncate(k);
        }
    }

    fn fill(
        &self,
        ctx: &mut Ctx,
        mut input: Box<dyn Source<Projected> + 'q>,
    ) -> QResult<Vec<(Vec<Val>, Vec<Val>)>> {
        // Rows kept in a stable order: settled rows stay ahead of later ties.
        let bound = self.keep.map(|k| k.max(32).saturating_mul(2));
        let mut buf = Vec::new();
        while let Some((vals, env)) = input.next(ctx)? {
            ctx.tick()?;
            let mut keys = Vec::with_capacity(self.keys.len());
            for e in &self.keys {
                keys.push(eval(e, &env, ctx)?);
            }
            buf.push((keys, vals));
            if bound.is_some_and(|b| buf.len() >= b) {
                self.settle(&mut buf);
            }
            ctx.check_rows(buf.len())?;
        }
        self.settle(&mut buf);
        Ok(buf)
    }
}

impl Source<Vec<Val>> for Sort<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Vec<Val>>> {
        if let Some(input) = self.input.take() {
            self.out = self.fill(ctx, input)?.into_iter();
        }
        Ok(self.out.next().map(|(_, vals)| vals))
    }
}

/// SKIP and LIMIT; also brings node and relationship values up to date
/// with the query's own writes.
pub struct SkipLimit<'q> {
    input: Values<'q>,
    skip: usize,
    left: Option<usize>,
}

impl<'q> SkipLimit<'q> {
    /// Skips `skip` rows of `input`, then passes at most `limit`.
    pub fn new(input: Values<'q>, skip: usize, limit: Option<usize>) -> SkipLimit<'q> {
        SkipLimit {
            input,
            skip,
            left: limit,
        }
    }
}

impl Source<Vec<Val>> for SkipLimit<'_> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Vec<Val>>> {
        if self.left == Some(0) {
            return Ok(None);
        }
        while self.skip > 0 {
            ctx.tick()?;
            if self.input.next(ctx)?.is_none() {
                self.skip = 0;
                self.left = Some(0);
                return Ok(None);
            }
            self.skip -= 1;
        }
        let Some(vals) = self.input.next(ctx)? else {
            self.left = Some(0);
            return Ok(None);
        };
        if let Some(l) = &mut self.left {
            *l -= 1;
        }
        let fresh = vals
            .iter()
            .map(|v| ctx.refresh(v))
            .collect::<QResult<Vec<_>>>()?;
        Ok(Some(fresh))
    }
}
