//! The JSONL interchange: one element a line in the shape of Neo4j APOC's
//! JSON export, nodes then relationships, each in id order, so that a dump
//! of the same graph is always the same bytes.

use super::json::{props_json, Dates};
use crate::model::{Node, Rel};
use crate::store::{GraphRead, Result as StoreResult};
use serde_json::json;
use std::io::Write;

/// One node line.
pub fn node_line(n: &Node) -> String {
    json!({"type": "node", "id": n.id, "labels": n.labels, "properties": props_json(&n.props, Dates::Edtf)}).to_string()
}

/// One relationship line.
pub fn rel_line(r: &Rel) -> String {
    json!({
        "type": "relationship",
        "id": r.id,
        "label": r.rel_type,
        "start": {"id": r.start},
        "end": {"id": r.end},
        "properties": props_json(&r.props, Dates::Edtf),
    })
    .to_string()
}

pub use super::export_error::ExportError;

/// Writes the whole graph; `tick` is called once per element written.
pub fn export(
    g: &dyn GraphRead,
    out: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<usize, ExportError> {
    let mut n = 0;
    for id in g.node_ids()? {
        if let Some(node) = g.node(&id)? {
            writeln!(out, "{}", node_line(&node))?;
            n += 1;
            tick();
        }
    }
    for id in g.rel_ids()? {
        if let Some(rel) = g.rel(&id)? {
            writeln!(out, "{}", rel_line(&rel))?;
            n += 1;
            tick();
        }
    }
    Ok(n)
}

/// Number of elements an export will write (for progress bars).
pub fn count(g: &dyn GraphRead) -> StoreResult<usize> {
    Ok(g.node_ids()?.len() + g.rel_ids()?.len())
}
