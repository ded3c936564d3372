//! Finding what a diagram's filters name: a node by id or by any spelling
//! of its name, and the members of an institution.

use super::error::RenderError;
use crate::model::{name, Node};
use crate::store::{Direction, GraphRead};
use std::collections::BTreeSet;

/// The node `target` names: by id, else by a unique folded name among
/// nodes with one of `labels`. `what` names the filter in errors.
pub fn resolve(
    g: &dyn GraphRead,
    what: &'static str,
    target: &str,
    labels: &[&str],
) -> Result<Node, RenderError> {
    if let Some(n) = g.node(target)? {
        if labels.iter().any(|l| n.has_label(l)) {
            return Ok(n);
        }
    }
    let key = name::fold(target);
    let mut found = Vec::new();
    for id in g.node_ids_with_name_key(&key)? {
        if let Some(n) = g.node(&id)? {
            if labels.iter().any(|l| n.has_label(l)) {
                found.push(n);
            }
        }
    }
    if found.len() > 1 {
        let whole: Vec<Node> = found
            .iter()
            .filter(|n| n.all_names().iter().any(|nm| name::fold(nm) == key))
            .cloned()
            .collect();
        if !whole.is_empty() {
            found = whole;
        }
    }
    match found.len() {
        0 => Err(RenderError::NotFound {
            what,
            target: target.to_string(),
        }),
        1 => Ok(found.remove(0)),
        _ => Err(RenderError::Ambiguous {
            what,
            target: target.to_string(),
            candidates: found.into_iter().map(|n| n.id.into()).collect(),
        }),
    }
}

/// Ids of the people with a MEMBER_OF relationship to `institution`.
pub fn members(g: &dyn GraphRead, institution: &str) -> Result<BTreeSet<String>, RenderError> {
    Ok(g.adjacent(institution, Direction::In, Some("MEMBER_OF"))?
        .into_iter()
        .map(|a| a.other.into())
        .collect())
}
