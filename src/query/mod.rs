//! The query language: a Cypher subset over the provenance graph.
//!
//! Pipeline: [`lexer`] → [`parser`] → [`ast`] → [`check`] (scopes,
//! functions) → [`plan`] (start points) → [`exec`] (a pipeline of
//! streaming [`ops`], one per clause; lazy [`matcher`] over [`pattern`]
//! matching; [`eval`] of expressions) → writes committed through
//! [`crate::db::Database::apply`]. The engine reads the data only through
//! [`crate::store::GraphRead`]; it never names the storage engine.

pub mod aggregate;
pub mod ast;
mod calls;
pub mod check;
pub mod context;
mod date_filter;
pub mod demand;
mod dominant;
pub mod error;
pub mod eval;
pub mod exec;
mod exists;
pub mod failure;
pub mod functions;
pub mod group_key;
pub mod lexer;
pub mod matcher;
mod meet;
pub mod ops;
pub mod params;
pub mod parser;
mod parser_expr;
mod parser_pattern;
pub mod pattern;
pub mod plan;
pub mod printer;
pub mod row;
pub mod unread;
pub mod value;
pub mod write;

pub use ast::*;
pub use context::Limits;
pub use error::SyntaxError;
pub use failure::QueryError;
pub use parser::{parse, MAX_DEPTH, STACK_BUDGET};
pub use value::Val;

use crate::db::{Database, Draft, Item, Origin, Report};
use crate::store::GraphRead;
use std::collections::BTreeMap;
use std::rc::Rc;

/// How to run a query.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Parameters (`$name`).
    pub params: BTreeMap<String, Val>,
    /// Time and row limits, interruption.
    pub limits: Limits,
    /// Whether write clauses are allowed.
    pub write: bool,
    /// The process ends right after this query (a one-shot command): the
    /// elements it decoded are left to the operating system instead of
    /// being freed one by one (a third of a whole-graph question's time).
    pub exit_after: bool,
}

/// The result of a query.
#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows of values.
    pub rows: Vec<Vec<Val>>,
    /// What a write query changed.
    pub report: Option<Report>,
}

/// Whether a query holds write clauses.
pub fn writes(q: &Query) -> bool {
    q.parts.iter().flat_map(|p| &p.clauses).any(|c| {
        matches!(
            c,
            Clause::Create(_)
                | Clause::Merge(_)
                | Clause::Set(_)
                | Clause::Remove(_)
                | Clause::Delete(_)
        )
    })
}

/// Parses, checks and runs `text` on `db`; writes are validated and
/// committed atomically at the end (or not at all).
pub fn run(db: &Database, text: &str, opts: &Options) -> Result<QueryResult, QueryError> {
    let ((columns, rows), report) = execute(db, text, opts, exec::run)?;
    Ok(QueryResult {
        columns,
        rows,
        report,
    })
}

/// Like [`run`], but hands each result row (with the columns) to `on_row`
/// as soon as the executor makes it instead of collecting a table; returns
/// the columns and the write report. The rows of a write query are handed
/// over before its writes are committed: if the commit fails, its error
/// comes after the rows.
pub fn run_each(
    db: &Database,
    text: &str,
    opts: &Options,
    on_row: &mut exec::RowSink,
) -> Result<(Vec<String>, Option<Report>), QueryError> {
    execute(db, text, opts, |ctx, q| exec::for_each(ctx, q, on_row))
}

/// Parses, checks and runs `text` through `body`, then commits the writes.
fn execute<T>(
    db: &Database,
    text: &str,
    opts: &Options,
    body: impl FnOnce(&mut context::Ctx, &Query) -> Result<T, QueryError>,
) -> Result<(T, Option<Report>), QueryError> {
    let q = parse(text).map_err(|error| QueryError::Syntax {
        rendered: error.render(text),
        error,
    })?;
    check::check(&q, text)?;
    if writes(&q) && !opts.write {
        return Err(QueryError::ReadOnly("a write clause".into()));
    }
    if writes(&q) {
        // Take the store (and its lock) before reading what a write acts on.
        db.store()?;
    }
    let graph = db.graph();
    let mut ctx = context::Ctx::new(
        &graph,
        db.schema(),
        opts.params.clone(),
        opts.limits.clone(),
        opts.write,
    );
    // Without writes every element of the read file is bound with its position.
    ctx.by_pos = !writes(&q);
    ctx.keys = demand::keys(&q).map(Rc::from);
    if ctx.keys.is_some() {
        ctx.unread = unread::variables(&q);
    }
    ctx.next_node = db.meta("next_node")?.unwrap_or(1);
    ctx.next_rel = db.meta("next_rel")?.unwrap_or(1);
    let out = body(&mut ctx, &q);
    if opts.exit_after && ctx.pending.is_empty() {
        std::mem::forget(ctx);
        return Ok((out?, None));
    }
    let out = out?;
    let mut report = None;
    if !ctx.pending.is_empty() {
        let mut draft = Draft::default();
        let origin = Origin::of("query");
        let pending = std::mem::take(&mut ctx.pending);
        // An element created and deleted by this query never reaches the store.
        for (id, n) in pending.nodes {
            let item = match n {
                Some(n) => Item::Node(n),
                None if graph.node(&id)?.is_none() => continue,
                None => Item::DeleteNode {
                    id: id.into(),
                    detach: false,
                },
            };
            draft.items.push((item, origin.clone()));
        }
        for (id, r) in pending.rels {
            let item = match r {
                Some(r) => Item::Rel(r),
                None if graph.rel(&id)?.is_none() => continue,
                None => Item::DeleteRel(id.into()),
            };
            draft.items.push((item, origin.clone()));
        }
        report = Some(db.apply(draft, false, &mut |_, _| {})?);
    }
    Ok((out, report))
}
