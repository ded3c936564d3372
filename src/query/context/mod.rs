//! The state a query runs in: the graph (with the query's own pending
//! writes on top), parameters, the time limit and the row guard.

mod positions;

use positions::PosCache;
pub use positions::Ref;

use super::failure::{QResult, QueryError};
use super::value::Val;
use crate::db::overlay::Overlay;
use crate::model::{Node, Rel, Schema};
use crate::store::{Adjacent, ChangeSet, Direction, GraphRead};
use foldhash::{HashMap, HashSet};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Limits of one query run.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Wall-clock limit.
    pub timeout: Duration,
    /// Most rows any clause may hold at once.
    pub max_rows: usize,
    /// Set from outside (Ctrl-C) to stop the query.
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 1_000_000,
            interrupt: None,
        }
    }
}

/// A query's view of the world.
pub struct Ctx<'a> {
    base: &'a (dyn GraphRead + Sync),
    /// Writes made so far by this query (committed at the end).
    pub pending: ChangeSet,
    /// Parameters.
    pub params: BTreeMap<String, Val>,
    /// The database schema.
    pub schema: Schema,
    /// Whether writes are allowed.
    pub writable: bool,
    /// Whether grouping and DISTINCT may know elements by their position in
    /// the read file: true for a query without writes, in which an element
    /// of the read file is always bound with its position (after a write,
    /// elements are read through the query's changes, without one).
    pub by_pos: bool,
    /// Next counter for generated node keys (open schema).
    pub next_node: u64,
    /// Next counter for generated relationship keys (open schema).
    pub next_rel: u64,
    limits: Limits,
    deadline: Instant,
    ticks: u32,
    cache: RefCell<Cache>,
    /// Searches of `shortestPath` by (pattern step, start), reused across rows.
    pub shortest_memo: HashMap<(usize, String), Rc<super::pattern::Search>>,
    /// Starts searched from once already (the next search is kept).
    pub shortest_seen: HashSet<(usize, String)>,
    /// The only properties the query can observe (see [`super::demand`]);
    /// `None`: whole elements.
    pub keys: Option<Rc<[String]>>,
    /// Variables bound without their records (see [`super::unread`]).
    pub unread: super::unread::Unread,
    /// Values of calls on constants, by the call's address (with the
    /// call, to tell a later expression at the same address apart).
    pub consts: HashMap<usize, (crate::query::ast::Expr, Val)>,
    /// Date values of days (`earliest()`, `latest()`), made once each.
    pub days: HashMap<i64, Val>,
}

/// Elements already decoded by this query while it reads the read file
/// directly (see [`Ctx::positions`]): a pattern meets the same node or
/// relationship many times.
#[derive(Default)]
struct Cache {
    nodes_at: PosCache<Node>,
    rels_at: PosCache<Rel>,
    /// Labels asked of nodes by position (see [`Ctx::has_label`]).
    labels: HashMap<String, positions::LabelSet>,
}

/// Most elements kept decoded at once; the cache starts over beyond it.
const CACHE_LIMIT: usize = 500_000;

impl<'a> Ctx<'a> {
    /// A context over `base`.
    pub fn new(
        base: &'a (dyn GraphRead + Sync),
        schema: Schema,
        params: BTreeMap<String, Val>,
        limits: Limits,
        writable: bool,
    ) -> Ctx<'a> {
        let deadline = Instant::now() + limits.timeout;
        Ctx {
            base,
            pending: ChangeSet::default(),
            params,
            schema,
            writable,
            by_pos: false,
            next_node: 1,
            next_rel: 1,
            limits,
            deadline,
            ticks: 0,
            cache: RefCell::default(),
            shortest_memo: HashMap::default(),
            shortest_seen: Default::default(),
            keys: None,
            unread: Default::default(),
            consts: HashMap::default(),
            days: HashMap::default(),
        }
    }

    /// Checks the time limit and the interrupt flag (cheaply: every 1024 calls).
    pub fn tick(&mut self) -> QResult<()> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(1024) {
            if Instant::now() > self.deadline {
                return Err(QueryError::Timeout(self.limits.timeout.as_secs_f64()));
            }
            if self
                .limits
                .interrupt
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Relaxed))
            {
                return Err(QueryError::Interrupted);
            }
        }
        Ok(())
    }

    /// Fails when a clause holds too many rows.
    pub fn check_rows(&self, n: usize) -> QResult<()> {
        if n > self.limits.max_rows {
            return Err(QueryError::TooManyRows(self.limits.max_rows));
        }
        Ok(())
    }

    fn with_graph<T>(
        &self,
        f: impl FnOnce(&dyn GraphRead) -> crate::store::Result<T>,
    ) -> QResult<T> {
        if self.pending.is_empty() {
            Ok(f(self.base)?)
        } else {
            Ok(f(&Overlay::new(self.base, &self.pending))?)
        }
    }

    /// A node by id (pending writes included).
    pub fn node(&self, id: &str) -> QResult<Option<Rc<Node>>> {
        match self.positions() {
            Some(snap) => snap
                .node_index(id)?
                .map(|i| self.node_at(snap, i as u32))
                .transpose(),
            // After a write: whole, through the query's changes.
            None => Ok(self.with_graph(|g| g.node(id))?.map(Rc::new)),
        }
    }

    /// A relationship by id (pending writes included).
    pub fn rel(&self, id: &str) -> QResult<Option<Rc<Rel>>> {
        match self.positions() {
            Some(snap) => snap
                .rel_index(id)?
                .map(|i| self.rel_at(snap, i as u32))
                .transpose(),
            None => Ok(self.with_graph(|g| g.rel(id))?.map(Rc::new)),
        }
    }

    /// Node ids: all, or with a label.
    pub fn node_ids(&self, label: Option<&str>) -> QResult<Vec<String>> {
        self.with_graph(|g| match label {
            Some(l) => g.node_ids_with_label(l),
            None => g.node_ids(),
        })
    }

    /// Node ids under a folded name key.
    pub fn node_ids_by_name(&self, key: &str) -> QResult<Vec<String>> {
        self.with_graph(|g| g.node_ids_with_name_key(key))
    }

    /// Relationship ids of a type.
    pub fn rel_ids(&self, rel_type: Option<&str>) -> QResult<Vec<String>> {
        self.with_graph(|g| match rel_type {
            Some(t) => g.rel_ids_with_type(t),
            None => g.rel_ids(),
        })
    }

    /// Relationships at a node.
    pub fn adjacent(
        &self,
        node: &str,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> QResult<Vec<Adjacent>> {
        self.with_graph(|g| g.adjacent(node, dir, rel_type))
    }

    /// Whether two relationships are the same one (by position when both
    /// were read from the read file, else by id).
    pub fn same_rel(a: &Rel, b: &Rel) -> bool {
        match (a.pos, b.pos) {
            (Some(x), Some(y)) => x == y,
            _ => a.id == b.id,
        }
    }

    /// The freshest version of a node value (after this query's writes).
    pub fn refresh(&self, v: &Val) -> QResult<Val> {
        if self.pending.is_empty() {
            return Ok(v.clone());
        }
        Ok(match v {
            Val::Node(n) => match self.pending.nodes.get(&n.id) {
                Some(Some(fresh)) => Val::Node(Rc::new(fresh.clone())),
                Some(None) => Val::Null,
                None => v.clone(),
            },
            Val::Rel(r) => match self.pending.rels.get(&r.id) {
                Some(Some(fresh)) => Val::Rel(Rc::new(fresh.clone())),
                Some(None) => Val::Null,
                None => v.clone(),
            },
            _ => v.clone(),
        })
    }
}
