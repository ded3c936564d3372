//! Reading the read file by position while a query has written nothing:
//! elements named by their index there ([`Ref::At`]) instead of their id,
//! adjacency as index pairs, decoded elements kept in slot arrays. Once
//! the query writes, the same calls read by id through its changes.

use super::{Ctx, CACHE_LIMIT};
use crate::model::{Node, Rel, Schema};
use crate::query::failure::{QResult, QueryError};
use crate::query::value::Val;
use crate::store::{Direction, Snapshot};
use std::rc::Rc;

/// Elements decoded by position: a slot per position of the read file
/// (zeroed memory: pages no query touches cost nothing) pointing into a
/// dense list of the elements read.
pub(super) struct PosCache<T> {
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
    pub(super) fn get(
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

/// The nodes with one label, as a query asks of them: a search of the
/// label's sorted row each, until the searches would have paid for a
/// bitmap of every node (one bit each), which answers from then on.
#[derive(Default)]
pub(super) struct LabelSet {
    asked: usize,
    bits: Option<Vec<u64>>,
}

impl LabelSet {
    /// Whether node `i` has `label`.
    fn contains(&mut self, snap: &Snapshot, label: &str, i: u32) -> crate::store::Result<bool> {
        if let Some(bits) = &self.bits {
            let i = i as usize;
            return Ok(bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1));
        }
        self.asked += 1;
        // A search reads ~17 scattered entries of a 100,000-node row; the
        // bitmap reads the row once, in order.
        if self.asked >= 256 && self.asked >= snap.node_count() / 256 {
            let mut bits = vec![0u64; snap.node_count().div_ceil(64)];
            for n in snap.label_positions(label)? {
                let n = n as usize;
                if let Some(w) = bits.get_mut(n / 64) {
                    *w |= 1 << (n % 64);
                }
            }
            self.bits = Some(bits);
            return self.contains(snap, label, i);
        }
        snap.has_label_at(i, label)
    }
}

impl<'a> Ctx<'a> {
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

    /// Node `i` of the read file known by its id and position only, for a
    /// variable bound without its record (see [`crate::query::unread`]).
    ///
    /// Made afresh each time, not kept: it is an id and a position, cheaper
    /// to copy from the read file than to find again among a million kept
    /// ones (a cache of them cost a fifth of `count(DISTINCT a)` over all
    /// persons at 1M, in misses and in starting over at its limit).
    pub fn node_unread(&self, snap: &Snapshot, i: u32) -> QResult<Rc<Node>> {
        Ok(Rc::new(Node {
            id: snap.node_id(i as usize)?.into(),
            pos: Some(i),
            ..Node::default()
        }))
    }

    /// `v` ready for `v.id`, which reads a property named `id` before the
    /// element's own id: a node bound without its record (see
    /// [`crate::query::unread`]) is read if the read file says it has one.
    pub fn with_id_prop(&self, v: Val) -> QResult<Val> {
        if let (Val::Node(n), Some(snap)) = (&v, self.positions()) {
            if let (Some(i), true) = (n.pos, n.props.is_empty()) {
                if snap.node_has_id_prop(i)? {
                    return Ok(Val::Node(self.node_at(snap, i)?));
                }
            }
        }
        Ok(v)
    }

    /// Whether `node.id` is the node's own id (prosopography schema, no
    /// property named `id`), so that it names the node alone.
    pub fn id_is_own(&self, node: &Node) -> QResult<bool> {
        if self.schema != Schema::Prosopography || node.props.get("id").is_some() {
            return Ok(false);
        }
        match (node.pos, self.positions()) {
            (Some(i), Some(snap)) => Ok(!snap.node_has_id_prop(i)?),
            _ => Ok(true),
        }
    }

    /// Whether `node` has `label`: its own labels, or for a node bound
    /// without its record (no labels, a position), the label index.
    pub fn has_label(&self, node: &Node, label: &str) -> QResult<bool> {
        match (node.pos, self.positions()) {
            (Some(i), Some(snap)) if node.labels.is_empty() => self.has_label_at(snap, i, label),
            _ => Ok(node.has_label(label)),
        }
    }

    /// Whether node `i` of the read file has `label`, by the label index.
    pub fn has_label_at(&self, snap: &Snapshot, i: u32, label: &str) -> QResult<bool> {
        let mut cache = self.cache.borrow_mut();
        let set = match cache.labels.get_mut(label) {
            Some(set) => set,
            None => cache.labels.entry(label.to_string()).or_default(),
        };
        Ok(set.contains(snap, label, i)?)
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
        Ok(Ref::Id(node.id.to_string()))
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
                .map(|a| (Ref::Id(a.rel.into()), Ref::Id(a.other.into())))
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
        Ok(snap.adjacent_at(n, dir, code, |r, o| (Ref::At(r), Ref::At(o)))?)
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
