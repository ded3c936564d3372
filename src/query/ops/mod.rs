//! Streaming operators of the executor. Each clause is an operator that
//! pulls rows one at a time from the operator before it; only the clauses
//! that must see every row (writes, sorting, grouping) hold rows, and they
//! count what they hold against the row guard.

pub mod best_hop;
pub mod clauses;
pub mod dominant;
pub mod hop;
pub mod one_hop;
pub mod project;
pub mod sort;
pub mod tally;

use super::context::Ctx;
use super::eval::Row;
use super::failure::QResult;

/// A pull-based stream of items (rows, projected values).
pub trait Source<T> {
    /// The next item, or `None` when the stream is exhausted.
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<T>>;
}

/// A boxed stream of rows.
pub type Rows<'q> = Box<dyn Source<Row> + 'q>;

/// A boxed stream of projected values.
pub type Values<'q> = Box<dyn Source<Vec<Val>> + 'q>;

use super::value::Val;

/// A stream of the items of a vector.
pub struct FromVec<T>(pub std::vec::IntoIter<T>);

impl<T> FromVec<T> {
    /// A stream of `items`.
    pub fn new(items: Vec<T>) -> FromVec<T> {
        FromVec(items.into_iter())
    }
}

impl<T> Source<T> for FromVec<T> {
    fn next(&mut self, _ctx: &mut Ctx) -> QResult<Option<T>> {
        Ok(self.0.next())
    }
}

/// A stream with one item put back in front (after peeking at it).
pub struct Peeked<'q, T> {
    first: Option<T>,
    rest: Box<dyn Source<T> + 'q>,
}

impl<'q, T> Peeked<'q, T> {
    /// `first` (if any), then the rest of `rest`.
    pub fn new(first: Option<T>, rest: Box<dyn Source<T> + 'q>) -> Peeked<'q, T> {
        Peeked { first, rest }
    }
}

impl<T> Source<T> for Peeked<'_, T> {
    fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<T>> {
        match self.first.take() {
            Some(item) => Ok(Some(item)),
            None => self.rest.next(ctx),
        }
    }
}

#[cfg(test)]
mod sort_tests;
