//! The read interface of a graph: what the query engine, the validator and
//! the renderers use. It names no storage engine.

use super::error::Result;
use super::snapshot::Snapshot;
use crate::model::{Node, Rel};
use compact_str::CompactString;

/// Which way a relationship is followed from a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From start to end.
    Out,
    /// From end to start.
    In,
}

impl Direction {
    /// The other way.
    pub fn reverse(self) -> Direction {
        match self {
            Direction::Out => Direction::In,
            Direction::In => Direction::Out,
        }
    }
}

/// A relationship seen from one of its endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjacent {
    /// Relationship id.
    pub rel: CompactString,
    /// Relationship type.
    pub rel_type: CompactString,
    /// The node at the other end.
    pub other: CompactString,
}

/// Primitive reads of a property graph. Each reads only what it returns
/// (through the indices), never the whole store, except the `*_ids` scans.
pub trait GraphRead {
    /// A node by id.
    fn node(&self, id: &str) -> Result<Option<Node>>;
    /// A relationship by id.
    fn rel(&self, id: &str) -> Result<Option<Rel>>;
    /// Every node id, in id order.
    fn node_ids(&self) -> Result<Vec<String>>;
    /// Every relationship id, in id order.
    fn rel_ids(&self) -> Result<Vec<String>>;
    /// Ids of the nodes with a label.
    fn node_ids_with_label(&self, label: &str) -> Result<Vec<String>>;
    /// Ids of the relationships of a type.
    fn rel_ids_with_type(&self, rel_type: &str) -> Result<Vec<String>>;
    /// Ids of the nodes indexed under a folded name key (see [`crate::model::name::fold`]).
    fn node_ids_with_name_key(&self, key: &str) -> Result<Vec<String>>;
    /// The relationships at a node in one direction, optionally of one type.
    fn adjacent(&self, node: &str, dir: Direction, rel_type: Option<&str>)
        -> Result<Vec<Adjacent>>;
    /// The labels of a node (without reading the rest of it where the
    /// implementation can), `None` when there is no such node.
    fn node_labels(&self, id: &str) -> Result<Option<Vec<CompactString>>> {
        Ok(self.node(id)?.map(|n| n.labels))
    }
    /// A node with only the properties named in `keys` (id and labels
    /// whole), decoding no more than that where the implementation can.
    fn node_keys(&self, id: &str, keys: &[String]) -> Result<Option<Node>> {
        Ok(self.node(id)?.map(|mut n| {
            n.props.retain(|k, _| keys.iter().any(|x| x == k));
            n
        }))
    }
    /// A relationship with only the properties named in `keys`.
    fn rel_keys(&self, id: &str, keys: &[String]) -> Result<Option<Rel>> {
        Ok(self.rel(id)?.map(|mut r| {
            r.props.retain(|k, _| keys.iter().any(|x| x == k));
            r
        }))
    }
    /// The read file behind this graph, when it is read directly (no
    /// changes on top): elements and adjacency can then be read by
    /// position (see [`Snapshot::node_at`]).
    fn positions(&self) -> Option<&Snapshot> {
        None
    }
}

/// A shared graph reads as the graph it holds (a database hands out its
/// read image this way).
impl<T: GraphRead + ?Sized> GraphRead for std::sync::Arc<T> {
    fn node(&self, id: &str) -> Result<Option<Node>> {
        (**self).node(id)
    }
    fn rel(&self, id: &str) -> Result<Option<Rel>> {
        (**self).rel(id)
    }
    fn node_ids(&self) -> Result<Vec<String>> {
        (**self).node_ids()
    }
    fn rel_ids(&self) -> Result<Vec<String>> {
        (**self).rel_ids()
    }
    fn node_ids_with_label(&self, label: &str) -> Result<Vec<String>> {
        (**self).node_ids_with_label(label)
    }
    fn rel_ids_with_type(&self, rel_type: &str) -> Result<Vec<String>> {
        (**self).rel_ids_with_type(rel_type)
    }
    fn node_ids_with_name_key(&self, key: &str) -> Result<Vec<String>> {
        (**self).node_ids_with_name_key(key)
    }
    fn adjacent(
        &self,
        node: &str,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> Result<Vec<Adjacent>> {
        (**self).adjacent(node, dir, rel_type)
    }
    fn node_labels(&self, id: &str) -> Result<Option<Vec<CompactString>>> {
        (**self).node_labels(id)
    }
    fn node_keys(&self, id: &str, keys: &[String]) -> Result<Option<Node>> {
        (**self).node_keys(id, keys)
    }
    fn rel_keys(&self, id: &str, keys: &[String]) -> Result<Option<Rel>> {
        (**self).rel_keys(id, keys)
    }
    fn positions(&self) -> Option<&Snapshot> {
        (**self).positions()
    }
}
