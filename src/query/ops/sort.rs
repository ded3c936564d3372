//! The tail of a projection: DISTINCT (a seen-set of keys), ORDER BY (a
//! full sort, or only the best `SKIP + LIMIT` rows when there is a LIMIT),
//! SKIP and LIMIT (which stops pulling from upstream).

use super::project::Projected;
use super::{Source, Values};
use crate::query::ast::Expr;
use crate::query::context::Ctx;
use crate::query::eval::{eval, property};
use crate::query::failure::QResult;
use crate::query::group_key::key_of;
use crate::query::row::Row;
use crate::query::unread::date_key;
use crate::query::value::{order, Val};
use foldhash::HashSet;
use std::cmp::Ordering;
use std::rc::Rc;

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

/// A sort key: a value, or the rank of an element's stored date in the
/// read file (`ORDER BY x.date` of a variable bound without its record,
/// see [`crate::query::unread`]): ranks compare as the dates do, so the
/// sort needs no record.
enum Key {
    Val(Val),
    Rank(u32),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Rank(a), Key::Rank(b)) => a.cmp(b),
            (Key::Val(a), Key::Val(b)) => order(a, b),
            // Never compared: a column holding both is made all values
            // first (`Sort::settle`).
            (Key::Rank(_), Key::Val(_)) | (Key::Val(_), Key::Rank(_)) => Ordering::Equal,
        }
    }
}

/// A row being sorted: its keys, then its values.
type Keyed = (Vec<Key>, Vec<Val>);

/// ORDER BY: a stable sort of all rows, or, given `keep`, of only the
/// `keep` first rows in that order (a partial sort holding at most about
/// twice `keep` rows).
pub struct Sort<'q> {
    input: Option<Box<dyn Source<Projected> + 'q>>,
    keys: Vec<Expr>,
    descending: Vec<bool>,
    keep: Option<usize>,
    out: std::vec::IntoIter<Keyed>,
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

    fn compare(&self, a: &[Key], b: &[Key]) -> Ordering {
        for (i, desc) in self.descending.iter().enumerate() {
            let o = a[i].cmp(&b[i]);
            let o = if *desc { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }

    /// Sorts `buf` stably and cuts it to `keep` rows. A key column where
    /// ranks meet values (elements without a stored date, whose `date` is
    /// null or of another type) has its ranks made dates first.
    fn settle(&self, ctx: &Ctx, buf: &mut Vec<Keyed>) -> QResult<()> {
        for col in 0..self.keys.len() {
            let mixed = |rank: bool| {
                buf.iter()
                    .any(|(k, _)| matches!(k[col], Key::Rank(_)) == rank)
            };
            if mixed(true) && mixed(false) {
                let snap = ctx.positions().ok_or_else(lost)?;
                for (k, _) in buf.iter_mut() {
                    if let Key::Rank(r) = k[col] {
                        k[col] = Key::Val(Val::Date(Rc::new(snap.date_at_rank(r)?)));
                    }
                }
            }
        }
        buf.sort_by(|(a, _), (b, _)| self.compare(a, b));
        if let Some(k) = self.keep {
            buf.truncate(k);
        }
        Ok(())
    }

    fn fill(
        &self,
        ctx: &mut Ctx,
        mut input: Box<dyn Source<Projected> + 'q>,
    ) -> QResult<Vec<Keyed>> {
        // Rows kept in a stable order: settled rows stay ahead of later ties.
        let bound = self.keep.map(|k| k.max(32).saturating_mul(2));
        let mut buf = Vec::new();
        while let Some((vals, env)) = input.next(ctx)? {
            ctx.tick()?;
            let mut keys = Vec::with_capacity(self.keys.len());
            for e in &self.keys {
                keys.push(match ranked(e, &env, ctx)? {
                    Some(k) => k,
                    None => Key::Val(eval(e, &env, ctx)?),
                });
            }
            buf.push((keys, vals));
            if bound.is_some_and(|b| buf.len() >= b) {
                self.settle(ctx, &mut buf)?;
            }
            ctx.check_rows(buf.len())?;
        }
        self.settle(ctx, &mut buf)?;
        Ok(buf)
    }
}

fn lost() -> crate::query::failure::QueryError {
    crate::store::StoreError::Corrupt("the read file is gone during a read-only query".into())
        .into()
}

/// The key of `x.date` for an element bound without its record: its
/// date's rank, or, without a stored date, its `date` read from the
/// record. `None`: evaluate the expression as usual.
fn ranked(e: &Expr, env: &Row, ctx: &Ctx) -> QResult<Option<Key>> {
    let Some(var) = date_key(e) else {
        return Ok(None);
    };
    let Some(snap) = ctx.positions().filter(|_| ctx.pending.is_empty()) else {
        return Ok(None);
    };
    let read =
        |v: Val| -> QResult<Option<Key>> { Ok(Some(Key::Val(property(&v, "date", ctx.schema)?))) };
    match env.get(var) {
        Some(Val::Node(n)) if n.props.is_empty() && ctx.unread.nodes.contains(var) => {
            let Some(i) = n.pos else { return Ok(None) };
            match snap.node_date_rank(i)? {
                Some(r) => Ok(Some(Key::Rank(r))),
                None => read(Val::Node(ctx.node_at(snap, i)?)),
            }
        }
        Some(Val::Rel(r)) if r.props.is_empty() && ctx.unread.rels.contains(var) => {
            let Some(i) = r.pos else { return Ok(None) };
            match snap.rel_date_rank(i)? {
                Some(r) => Ok(Some(Key::Rank(r))),
                None => read(Val::Rel(ctx.rel_at(snap, i)?)),
            }
        }
        _ => Ok(None),
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
