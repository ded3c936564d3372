//! The index entries of an element: every key besides its record that must
//! exist while the element does.

use super::keys::{self, key};
use crate::model::{Node, Rel};

/// Index keys of a node (label and name index), each with its value.
pub fn node_entries(node: &Node) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    for label in &node.labels {
        out.push((key(keys::LABEL, &[label, &node.id]), Vec::new()));
    }
    let mut name_keys: Vec<String> = node.name_keys();
    name_keys.sort();
    name_keys.dedup();
    for k in name_keys {
        out.push((key(keys::NAME, &[&k, &node.id]), Vec::new()));
    }
    out
}

/// Index keys of a relationship (type index and both adjacency lists).
pub fn rel_entries(rel: &Rel) -> Vec<(Vec<u8>, Vec<u8>)> {
    vec![
        (key(keys::TYPE, &[&rel.rel_type, &rel.id]), Vec::new()),
        (
            key(keys::OUT, &[&rel.start, &rel.rel_type, &rel.id]),
            rel.end.as_bytes().to_vec(),
        ),
        (
            key(keys::IN, &[&rel.end, &rel.rel_type, &rel.id]),
            rel.start.as_bytes().to_vec(),
        ),
    ]
}
