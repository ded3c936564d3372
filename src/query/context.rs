//! The state a query runs in: the graph (with the query's own pending
//! writes on top), parameters, the time limit and the row guard.

use super::failure::{QResult, QueryError};
use super::value::Val;
use crate::db::overlay::Overlay;
use crate::model::{Node, Rel, Schema};
use crate::store::{Adjacent, ChangeSet, Direction, GraphRead, Snapshot};
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
    base: &'a dyn GraphRead,
    /// Writes made so far by this query (committed at the end).
    pub pending: ChangeSet,
    /// Parameters.
    pub params: BTreeMap<String, Val>,
    /// The database schema.
    pub schema: Schema,
    /// Whether writes are allowed.
    pub writable: bool,
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
}

/// Elements already decoded by this query (while it has written nothing):
/// a pattern meets the same node or relationship many times. Read by
/// position while the query reads the read file directly, else by id.
#[derive(Default)]
struct Cache {
    nodes: HashMap<String, Rc<Node>>,
    rels: HashMap<String, Rc<Rel>>,
    nodes_at: PosCache<Node>,
    rels_at: PosCache<Rel>,
}

/// Elements decoded by position: a slot per position of the read file
/// (zeroed memory: pages no query touches cost nothing) pointing into a
/// dense list of the elements read.
struct PosCache<T> {
    slots: Vec<u32>,
    dense: Vec<(u32, Rc<T>)>,
}

impl<T> Default for PosCache<T> {
    fn default() -> PosCache<T> {
        PosCache {
            slots: Vec::new(),
            dense: Vec::new(),
        }
    }
}

impl<T> PosCache<T> {
    /// Element `i` of `len`, read and kept on a miss (the cache starts
    /// over beyond [`CACHE_LIMIT`] elements).
    fn get(
        &mut self,
        i: u32,
        len: usize,
        read: impl FnOnce() -> crate::store::Result<T>,
    ) -> QResult<Rc<T>> {
        if self.slots.len() != len {
            self.slots = vec![0; len];
            self.dense.clear();
        }
        let Some(&slot) = self.slots.get(i as usize) else {
            // Out of range: the read reports the damage.
            return Ok(Rc::new(read()?));
        };
        if slot != 0 {
            return Ok(self.dense[slot as usize - 1].1.clone());
        }
        let e = Rc::new(read()?);
        if self.dense.len() >= CACHE_LIMIT {
            for (p, _) in self.dense.drain(..) {
                self.slots[p as usize] = 0;
            }
        }
        self.dense.push((i, e.clone()));
        self.slots[i as usize] = self.dense.len() as u32;
        Ok(e)
    }
}

/// An element found through an index and not read yet: its position in
/// the read file (while the query reads the file directly) or its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    /// Index in the read file.
    At(u32),
    /// Id.
    Id(String),
}

/// Most elements kept decoded at once; the cache starts over beyond it.
const CACHE_LIMIT: usize = 500_000;

impl<'a> Ctx<'a> {
    /// A context over `base`.
    pub fn new(
        base: &'a dyn GraphRead,
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
            next_node: 1,
            next_rel: 1,
            limits,
            deadline,
            ticks: 0,
            cache: RefCell::default(),
            shortest_memo: HashMap::default(),
            shortest_seen: Default::default(),
            keys: None,
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

    /// The read file, while the query reads it directly (it has written
    /// nothing yet): elements can then be read by position.
    pub fn positions(&self) -> Option<&'a Snapshot> {
        if self.pending.is_empty() {
            self.base.positions()
        } else {
            None
        }
    }

    /// Node `i` of the read file (see [`Ctx::positions`]).
    pub fn node_at(&self, snap: &Snapshot, i: u32) -> QResult<Rc<Node>> {
        let keys = self.keys.as_deref();
        let len = snap.node_count();
        self.cache
            .borrow_mut()
            .nodes_at
            .get(i, len, || snap.node_at(i, keys))
    }

    /// Relationship `i` of the read file.
    pub fn rel_at(&self, snap: &Snapshot, i: u32) -> QResult<Rc<Rel>> {
        let keys = self.keys.as_deref();
        let len = snap.rel_count();
        self.cache
            .borrow_mut()
            .rels_at
            .get(i, len, || snap.rel_at(i, keys))
    }

    /// The node a reference names (`None`: it no longer exists).
    pub fn node_ref(&self, r: &Ref) -> QResult<Option<Rc<Node>>> {
        match (r, self.positions()) {
            (Ref::At(i), Some(snap)) => Ok(Some(self.node_at(snap, *i)?)),
            (Ref::Id(id), _) => self.node(id),
            (Ref::At(_), None) => self.node(&self.node_ref_id(r)?),
        }
    }

    /// The relationship a reference names.
    pub fn rel_ref(&self, r: &Ref) -> QResult<Option<Rc<Rel>>> {
        match (r, self.positions()) {
            (Ref::At(i), Some(snap)) => Ok(Some(self.rel_at(snap, *i)?)),
            (Ref::Id(id), _) => self.rel(id),
            (Ref::At(_), None) => self.rel(&self.rel_ref_id(r)?),
        }
    }

    /// The id of the node a reference names.
    pub fn node_ref_id(&self, r: &Ref) -> QResult<String> {
        self.ref_id(r, Snapshot::node_id)
    }

    /// The id of the relationship a reference names.
    pub fn rel_ref_id(&self, r: &Ref) -> QResult<String> {
        self.ref_id(r, Snapshot::rel_id)
    }

    fn ref_id(
        &self,
        r: &Ref,
        id_at: impl Fn(&Snapshot, usize) -> crate::store::Result<&str>,
    ) -> QResult<String> {
        match (r, self.base.positions()) {
            (Ref::Id(id), _) => Ok(id.clone()),
            // A position refers to the read file the query started on,
            // which stays its base even after it writes.
            (Ref::At(i), Some(snap)) => Ok(id_at(snap, *i as usize)?.to_string()),
            (Ref::At(_), None) => Err(QueryError::Semantic(format!(
                "{r:?} refers to a read file the query does not have"
            ))),
        }
    }

    /// How the query refers to a node it holds: by position while it
    /// reads the read file directly, else by id.
    pub fn node_ref_of(&self, node: &Node) -> QResult<Ref> {
        if let Some(snap) = self.positions() {
            if let Some(i) = node.pos {
                return Ok(Ref::At(i));
            }
            if let Some(i) = snap.node_index(&node.id)? {
                return Ok(Ref::At(i as u32));
            }
        }
        Ok(Ref::Id(node.id.clone()))
    }

    /// The relationships at `node` in one direction, optionally of one
    /// type, as (relationship, node at the other end), not read yet.
    pub fn adjacent_refs(
        &self,
        node: &Ref,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> QResult<Vec<(Ref, Ref)>> {
        let Some(snap) = self.positions() else {
            return Ok(self
                .adjacent(&self.node_ref_id(node)?, dir, rel_type)?
                .into_iter()
                .map(|a| (Ref::Id(a.rel), Ref::Id(a.other)))
                .collect());
        };
        let n = match node {
            Ref::At(n) => *n,
            Ref::Id(id) => match snap.node_index(id)? {
                Some(n) => n as u32,
                None => return Ok(Vec::new()),
            },
        };
        let code = match rel_type {
            Some(t) => match snap.type_code(t)? {
                Some(c) => Some(c),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        Ok(snap
            .adjacent_at(n, dir, code)?
            .into_iter()
            .map(|(r, o)| (Ref::At(r), Ref::At(o)))
            .collect())
    }

    /// A node by id (pending writes included).
    pub fn node(&self, id: &str) -> QResult<Option<Rc<Node>>> {
        if let Some(snap) = self.positions() {
            return match snap.node_index(id)? {
                Some(i) => Ok(Some(self.node_at(snap, i as u32)?)),
                None => Ok(None),
            };
        }
        self.cached(
            |c| &mut c.nodes,
            |g, keys| match keys {
                Some(keys) => g.node_keys(id, keys),
                None => g.node(id),
            },
            id,
        )
    }

    /// A relationship by id.
    pub fn rel(&self, id: &str) -> QResult<Option<Rc<Rel>>> {
        if let Some(snap) = self.positions() {
            return match snap.rel_index(id)? {
                Some(i) => Ok(Some(self.rel_at(snap, i as u32)?)),
                None => Ok(None),
            };
        }
        self.cached(
            |c| &mut c.rels,
            |g, keys| match keys {
                Some(keys) => g.rel_keys(id, keys),
                None => g.rel(id),
            },
            id,
        )
    }

    /// An element through the cache `pick` chooses: `read` gets the graph
    /// and the keys the query can observe (`None`: whole elements, as
    /// after a write, when the cache is dropped).
    fn cached<T>(
        &self,
        pick: impl Fn(&mut Cache) -> &mut HashMap<String, Rc<T>>,
        read: impl FnOnce(&dyn GraphRead, Option<&[String]>) -> crate::store::Result<Option<T>>,
        id: &str,
    ) -> QResult<Option<Rc<T>>> {
        if !self.pending.is_empty() {
            pick(&mut self.cache.borrow_mut()).clear();
            return Ok(self.with_graph(|g| read(g, None))?.map(Rc::new));
        }
        if let Some(e) = pick(&mut self.cache.borrow_mut()).get(id) {
            return Ok(Some(e.clone()));
        }
        let found = read(self.base, self.keys.as_deref())?.map(Rc::new);
        if let Some(e) = &found {
            let mut cache = self.cache.borrow_mut();
            let map = pick(&mut cache);
            if map.len() >= CACHE_LIMIT {
                map.clear();
            }
            map.insert(id.to_string(), e.clone());
        }
        Ok(found)
    }

    /// Candidate nodes by position: all, or with a label, or (with
    /// `name`) under a folded name key. `None` when the query does not
    /// read the read file directly.
    pub fn node_positions(
        &self,
        label: Option<&str>,
        name: Option<&str>,
    ) -> QResult<Option<Vec<u32>>> {
        let Some(snap) = self.positions() else {
            return Ok(None);
        };
        Ok(Some(match (name, label) {
            (Some(key), _) => snap.name_positions(key)?,
            (None, Some(l)) => snap.label_positions(l)?,
            (None, None) => (0..snap.node_count() as u32).collect(),
        }))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_position_cache_reads_each_element_once_and_starts_over_when_full() {
        let reads = Cell::new(0);
        let read = |v: u32| {
            reads.set(reads.get() + 1);
            Ok(v)
        };
        let mut cache = PosCache::<u32>::default();
        let a = cache.get(7, 10, || read(70)).unwrap();
        let b = cache.get(7, 10, || read(71)).unwrap();
        assert!(Rc::ptr_eq(&a, &b) && *b == 70 && reads.get() == 1);
        assert_eq!(*cache.get(3, 10, || read(30)).unwrap(), 30);
        // Out of range: read (the read reports damage), never kept.
        assert_eq!(*cache.get(99, 10, || read(990)).unwrap(), 990);
        assert_eq!(*cache.get(99, 10, || read(991)).unwrap(), 991);
        // Another read file (another length) starts over.
        assert_eq!(*cache.get(7, 11, || read(72)).unwrap(), 72);
        // Full: the cache empties and goes on.
        let n = CACHE_LIMIT as u32 + 5;
        let mut cache = PosCache::<u32>::default();
        for i in 0..n {
            assert_eq!(*cache.get(i, n as usize, || Ok(i)).unwrap(), i);
        }
        assert!(cache.dense.len() <= CACHE_LIMIT);
        assert_eq!(*cache.get(n - 1, n as usize, || Ok(0)).unwrap(), n - 1);
        assert_eq!(*cache.get(0, n as usize, || Ok(42)).unwrap(), 42);
    }
}
