//! A read view of the store with a change set applied on top: what the
//! graph will be after a commit, used to validate and derive before writing.

use crate::model::{Node, Rel};
use crate::store::{Adjacent, ChangeSet, Direction, GraphRead, Result};
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

/// The store as it will be once `changes` is committed.
pub struct Overlay<'a> {
    base: &'a (dyn GraphRead + Sync),
    changes: &'a ChangeSet,
    /// The changed nodes by id, when built ([`Overlay::indexed`]): a hash
    /// lookup per endpoint a validation reads instead of a search of the
    /// ordered change set.
    nodes: Option<HashMap<&'a str, Option<&'a Node>>>,
    out: HashMap<&'a str, Vec<&'a Rel>>,
    inc: HashMap<&'a str, Vec<&'a Rel>>,
}

impl<'a> Overlay<'a> {
    /// A view of `base` with `changes` applied. The outgoing and incoming
    /// lists of a large change set are built on two cores.
    pub fn new(base: &'a (dyn GraphRead + Sync), changes: &'a ChangeSet) -> Overlay<'a> {
        let lists = |outgoing: bool| {
            let mut by: HashMap<&str, Vec<&Rel>> = HashMap::new();
            for rel in changes.rels.values().flatten() {
                let node = if outgoing { &rel.start } else { &rel.end };
                by.entry(node.as_str()).or_default().push(rel);
            }
            by
        };
        let (out, inc) = if changes.rels.len() < 50_000 {
            (lists(true), lists(false))
        } else {
            std::thread::scope(|s| {
                let inc = s.spawn(|| lists(false));
                let out = lists(true);
                (out, inc.join().unwrap_or_else(|_| lists(false)))
            })
        };
        Overlay {
            base,
            changes,
            nodes: None,
            out,
            inc,
        }
    }

    /// [`Overlay::new`] with the changed nodes also found by hash: for a
    /// view read once per element of a large change set (derivation and
    /// validation of a write), not for one built per read (a query's reads
    /// after its writes), which would pay for the table each time.
    pub fn indexed(base: &'a (dyn GraphRead + Sync), changes: &'a ChangeSet) -> Overlay<'a> {
        let mut o = Overlay::new(base, changes);
        let mut nodes = HashMap::with_capacity(changes.nodes.len());
        for (id, n) in &changes.nodes {
            nodes.insert(id.as_str(), n.as_ref());
        }
        o.nodes = Some(nodes);
        o
    }

    /// A changed node: `Some(None)` when the change set deletes it, `None`
    /// when it leaves it alone.
    fn changed_node(&self, id: &str) -> Option<Option<&'a Node>> {
        match &self.nodes {
            Some(nodes) => nodes.get(id).copied(),
            None => self.changes.nodes.get(id).map(Option::as_ref),
        }
    }
}

/// An index lookup in the overlay: the base's ids whose elements the
/// change set leaves alone, plus the changed elements that now match.
fn indexed<T>(
    base: Vec<String>,
    changed: &BTreeMap<CompactString, Option<T>>,
    matches: impl Fn(&T) -> bool,
) -> Vec<String> {
    let kept = base
        .into_iter()
        .filter(|id| !changed.contains_key(id.as_str()))
        .collect();
    merge_ids(
        kept,
        changed
            .iter()
            .filter(|(_, e)| e.as_ref().is_some_and(&matches))
            .map(|(id, _)| (id.to_string(), true)),
    )
}

fn merge_ids(base: Vec<String>, changed: impl Iterator<Item = (String, bool)>) -> Vec<String> {
    let mut set: BTreeSet<String> = base.into_iter().collect();
    for (id, present) in changed {
        if present {
            set.insert(id);
        } else {
            set.remove(&id);
        }
    }
    set.into_iter().collect()
}

impl GraphRead for Overlay<'_> {
    fn node(&self, id: &str) -> Result<Option<Node>> {
        match self.changed_node(id) {
            Some(n) => Ok(n.cloned()),
            None => self.base.node(id),
        }
    }

    fn rel(&self, id: &str) -> Result<Option<Rel>> {
        match self.changes.rels.get(id) {
            Some(r) => Ok(r.clone()),
            None => self.base.rel(id),
        }
    }

    fn node_ids(&self) -> Result<Vec<String>> {
        Ok(merge_ids(
            self.base.node_ids()?,
            self.changes
                .nodes
                .iter()
                .map(|(id, n)| (id.to_string(), n.is_some())),
        ))
    }

    fn rel_ids(&self) -> Result<Vec<String>> {
        Ok(merge_ids(
            self.base.rel_ids()?,
            self.changes
                .rels
                .iter()
                .map(|(id, r)| (id.to_string(), r.is_some())),
        ))
    }

    fn node_ids_with_label(&self, label: &str) -> Result<Vec<String>> {
        Ok(indexed(
            self.base.node_ids_with_label(label)?,
            &self.changes.nodes,
            |n| n.has_label(label),
        ))
    }

    fn rel_ids_with_type(&self, rel_type: &str) -> Result<Vec<String>> {
        Ok(indexed(
            self.base.rel_ids_with_type(rel_type)?,
            &self.changes.rels,
            |r| r.rel_type == rel_type,
        ))
    }

    fn node_ids_with_name_key(&self, key: &str) -> Result<Vec<String>> {
        Ok(indexed(
            self.base.node_ids_with_name_key(key)?,
            &self.changes.nodes,
            |n| n.name_keys().iter().any(|k| k == key),
        ))
    }

    fn node_labels(&self, id: &str) -> Result<Option<Vec<CompactString>>> {
        match self.changed_node(id) {
            Some(n) => Ok(n.map(|n| n.labels.clone())),
            None => self.base.node_labels(id),
        }
    }

    fn adjacent(
        &self,
        node: &str,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> Result<Vec<Adjacent>> {
        let mut out: Vec<Adjacent> = self
            .base
            .adjacent(node, dir, rel_type)?
            .into_iter()
            .filter(|a| !self.changes.rels.contains_key(&a.rel))
            .collect();
        let pending = match dir {
            Direction::Out => self.out.get(node),
            Direction::In => self.inc.get(node),
        };
        for rel in pending.into_iter().flatten() {
            if rel_type.is_none_or(|t| t == rel.rel_type) {
                out.push(Adjacent {
                    rel: rel.id.clone(),
                    rel_type: rel.rel_type.clone(),
                    other: match dir {
                        Direction::Out => rel.end.clone(),
                        Direction::In => rel.start.clone(),
                    },
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indexed_view_reads_nodes_as_the_plain_one_does() {
        let db = crate::bundled::memory_database();
        let base = db.graph();
        let mut changes = ChangeSet::default();
        let mut izak = base.node("izak").unwrap().unwrap();
        izak.labels.push("Student".into());
        changes.put_node(izak);
        changes.put_node(Node {
            id: "newcomer".into(),
            labels: vec!["Person".into()],
            ..Node::default()
        });
        changes.delete_node("dmitriev");
        let base: &(dyn GraphRead + Sync) = &*base;
        let plain = Overlay::new(base, &changes);
        let indexed = Overlay::indexed(base, &changes);
        for id in ["izak", "newcomer", "dmitriev", "fedchenko", "nobody"] {
            assert_eq!(plain.node(id).unwrap(), indexed.node(id).unwrap(), "{id}");
            let labels = indexed.node_labels(id).unwrap();
            assert_eq!(plain.node_labels(id).unwrap(), labels, "{id}");
        }
        assert!(indexed.node("dmitriev").unwrap().is_none());
        assert!(indexed
            .node_labels("izak")
            .unwrap()
            .unwrap()
            .contains(&"Student".into()));
    }
}
