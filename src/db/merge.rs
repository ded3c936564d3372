//! Merging two nodes that are the same entity: every relationship and
//! event role of one moves to the other, names become variants, sources
//! are united, conflicting values are kept beside the surviving ones, and
//! the merged id is recorded so that it still resolves.

use super::{Draft, Item, Origin, Problem};
use crate::model::{Node, Props, Value};
use crate::store::{Direction, GraphRead};
use std::collections::BTreeSet;

/// Property that records the ids merged into a node.
pub const MERGED_FROM: &str = "merged_from";

fn push_unique(list: &mut Vec<Value>, v: Value) {
    if !list.contains(&v) {
        list.push(v);
    }
}

fn list_of(props: &Props, key: &str) -> Vec<Value> {
    match props.get(key) {
        Some(Value::List(items)) => items.clone(),
        Some(v @ Value::Str(_)) => vec![v.clone()],
        _ => Vec::new(),
    }
}

/// The merged node: `into` with `from`'s names, sources and the values it lacked.
pub fn merged_node(from: &Node, into: &Node) -> Node {
    let mut out = into.clone();
    let mut names = list_of(&out.props, "names");
    for n in from.all_names() {
        if into.prop("name").and_then(Value::as_str) != Some(n) {
            push_unique(&mut names, Value::Str(n.into()));
        }
    }
    for key in ["sources", MERGED_FROM] {
        let mut all = list_of(&out.props, key);
        for v in list_of(&from.props, key) {
            push_unique(&mut all, v);
        }
        if key == MERGED_FROM {
            push_unique(&mut all, Value::Str(from.id.clone()));
        }
        if !all.is_empty() {
            out.props.insert(key.into(), Value::List(all));
        }
    }
    if !names.is_empty() {
        out.props.insert("names".into(), Value::List(names));
    }
    let mut conflicts = Props::new();
    for (k, v) in &from.props {
        if matches!(k, "name" | "names" | "sources" | "title") || k == MERGED_FROM {
            continue;
        }
        match out.props.get(k) {
            None => {
                out.props.insert(k.to_string(), v.clone());
            }
            Some(existing) if existing != v => {
                conflicts.insert(k.to_string(), v.clone());
            }
            Some(_) => {}
        }
    }
    if !conflicts.is_empty() {
        out.props.insert(
            format!("merged_{}", from.id),
            Value::Map(conflicts.into_iter().collect()),
        );
    }
    out
}

/// The writes that merge node `from` into node `into`.
pub fn plan(g: &dyn GraphRead, from: &str, into: &str) -> Result<Draft, Problem> {
    let store_err = |e: crate::store::StoreError| Problem::new(e.to_string());
    let origin = Origin::of("merge");
    if from == into {
        return Err(Problem::new("cannot merge a node into itself"));
    }
    let a = g
        .node(from)
        .map_err(store_err)?
        .ok_or_else(|| Problem::new(format!("no node with id '{from}'")).field("ID"))?;
    let b = g
        .node(into)
        .map_err(store_err)?
        .ok_or_else(|| Problem::new(format!("no node with id '{into}'")).field("--into"))?;
    if a.labels != b.labels {
        return Err(Problem::new(format!(
            "'{from}' is a {} and '{into}' a {}: only nodes of the same kind merge",
            a.labels.join(":"),
            b.labels.join(":")
        )));
    }
    let mut draft = Draft::default();
    let mut seen = BTreeSet::new();
    for dir in [Direction::Out, Direction::In] {
        for adj in g.adjacent(from, dir, None).map_err(store_err)? {
            if !seen.insert(adj.rel.clone()) {
                continue;
            }
            let Some(mut rel) = g.rel(&adj.rel).map_err(store_err)? else {
                continue;
            };
            if super::derive::is_derived(&rel) {
                continue; // re-derived from the moved participations
            }
            if rel.start == from {
                rel.start = into.into();
            }
            if rel.end == from {
                rel.end = into.into();
            }
            draft.items.push((Item::Rel(rel), origin.clone()));
        }
    }
    draft
        .items
        .push((Item::Node(merged_node(&a, &b)), origin.clone()));
    draft.items.push((
        Item::DeleteNode {
            id: from.to_string(),
            detach: false,
        },
        origin,
    ));
    Ok(draft)
}
