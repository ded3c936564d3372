//! A set of element writes, committed together.

use crate::model::{Node, Rel};
use compact_str::CompactString;
use std::collections::BTreeMap;

/// Writes to commit atomically: for each id, the new element or `None` to
/// delete it. Each id appears at most once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeSet {
    /// Node writes by id.
    pub nodes: BTreeMap<CompactString, Option<Node>>,
    /// Relationship writes by id.
    pub rels: BTreeMap<CompactString, Option<Rel>>,
}

impl ChangeSet {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.rels.is_empty()
    }

    /// Number of writes.
    pub fn len(&self) -> usize {
        self.nodes.len() + self.rels.len()
    }

    /// Records a node write.
    pub fn put_node(&mut self, node: Node) {
        self.nodes.insert(node.id.clone(), Some(node));
    }

    /// Records a relationship write.
    pub fn put_rel(&mut self, rel: Rel) {
        self.rels.insert(rel.id.clone(), Some(rel));
    }

    /// Records a node deletion.
    pub fn delete_node(&mut self, id: &str) {
        self.nodes.insert(id.into(), None);
    }

    /// Records a relationship deletion.
    pub fn delete_rel(&mut self, id: &str) {
        self.rels.insert(id.into(), None);
    }
}
