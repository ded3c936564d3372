//! A read view of the store with a change set applied on top: what the
//! graph will be after a commit, used to validate and derive before writing.

use crate::model::{Node, Rel};
use crate::store::{Adjacent, ChangeSet, Direction, GraphRead, Result};
use foldhash::{HashMap, HashMapExt};
use std::collections::{BTreeMap, BTreeSet};

/// The store as it will be once `changes` is committed.
pub struct Overlay<'a> {
    base: &'a (dyn GraphRead + Sync),
    changes: &'a ChangeSet,
    /// The changed nodes by id (a hash lookup per endpoint a validation
    /// reads, instead of a search of the ordered change set).
    nodes: HashMap<&'a str, Option<&'a Node>>,
    out: HashMap<&'a str, Vec<&'a Rel>>,
    inc: HashMap<&'a str, Vec<&'a Rel>>,
}

impl<'a> Overlay<'a> {
    /// A view of `base` with `changes` applied. The outgoing and incoming
    /// lists of a large change set are built on two cores.
    pub fn new(base: &'a (dyn GraphRead + Sync), changes: &'a ChangeSet) -> Overlay<'a> {
        let lists = |start: bool| {
            let mut by: HashMap<&str, Vec<&Rel>> = HashMap::new();
            for rel in changes.rels.values().flatten() {
                let end = if start { &rel.start } else { &rel.end };
                by.entry(end.as_str()).or_default().push(rel);
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
        let mut nodes = HashMap::with_capacity(changes.nodes.len());
        for (id, n) in &changes.nodes {
            nodes.insert(id.as_str(), n.as_ref());
        }
        Overlay {
            base,
            changes,
            nodes,
            out,
            inc,
        }
    }
}

/// An index lookup in the overlay: the base's ids whose elements the
/// change set leaves alone, plus the changed elements that now match.
fn indexed<T>(
    base: Vec<String>,
    changed: &BTreeMap<String, Option<T>>,
    matches: impl Fn(&T) -> bool,
) -> Vec<String> {
    let kept = base
        .into_iter()
        .filter(|id| !changed.contains_key(id))
        .collect();
    merge_ids(
        kept,
        changed
            .iter()
            .filter(|(_, e)| e.as_ref().is_some_and(&matches))
            .map(|(id, _)| (id.clone(), true)),
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
        match self.nodes.get(id) {
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
                .map(|(id, n)| (id.clone(), n.is_some())),
        ))
    }

    fn rel_ids(&self) -> Result<Vec<String>> {
        Ok(merge_ids(
            self.base.rel_ids()?,
            self.changes
                .rels
                .iter()
                .map(|(id, r)| (id.clone(), r.is_some())),
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

    fn node_labels(&self, id: &str) -> Result<Option<Vec<String>>> {
        match self.nodes.get(id) {
            Some(n) => Ok(n.as_ref().map(|n| n.labels.clone())),
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
