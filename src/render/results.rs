//! Query results as a table (for people), JSON (DESIGN §4), CSV and DOT.

use super::json::{date_json, node_json, rel_json, Dates};
use crate::query::{QueryResult, Val};
use serde_json::{json, Value as Json};

/// A value in the JSON shapes of DESIGN §4.
pub fn val_json(v: &Val) -> Json {
    match v {
        Val::Null => Json::Null,
        Val::Bool(b) => Json::Bool(*b),
        Val::Int(i) => Json::from(*i),
        Val::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Val::Str(s) => Json::String(s.to_string()),
        Val::Date(d) => date_json(d),
        Val::List(items) => Json::Array(items.iter().map(val_json).collect()),
        Val::Map(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), val_json(v))).collect()),
        Val::Node(n) => node_json(n, Dates::Object),
        Val::Rel(r) => rel_json(r, Dates::Object),
        Val::Path(p) => json!({
            "nodes": p.nodes.iter().map(|n| node_json(n, Dates::Object)).collect::<Vec<_>>(),
            "relationships": p.rels.iter().map(|r| rel_json(r, Dates::Object)).collect::<Vec<_>>(),
        }),
    }
}

/// `{"columns": [...], "rows": [[...], ...]}`.
pub fn to_json(r: &QueryResult) -> String {
    json!({"columns": r.columns, "rows": r.rows.iter().map(|row| row.iter().map(val_json).collect::<Vec<_>>()).collect::<Vec<_>>()}).to_string()
}

/// A value as text for tables and CSV: strings bare, dates as EDTF, nodes
/// as `(id:Label)`, relationships as `[:TYPE start→end]`.
pub fn val_text(v: &Val) -> String {
    match v {
        Val::Null => String::new(),
        Val::Str(s) => s.to_string(),
        Val::Float(f) => crate::query::functions::to_string(&Val::Float(*f)),
        Val::Int(_) | Val::Bool(_) | Val::Date(_) => crate::query::functions::to_string(v),
        Val::List(items) => format!(
            "[{}]",
            items.iter().map(quoted).collect::<Vec<_>>().join(", ")
        ),
        Val::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{k}: {}", quoted(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Node(n) => format!("({}:{})", n.id, n.labels.join(":")),
        Val::Rel(r) => format!("[:{} {}→{}]", r.rel_type, r.start, r.end),
        Val::Path(p) => {
            let mut s = format!("({})", p.nodes.first().map(|n| n.id.as_str()).unwrap_or(""));
            let mut cur = p.nodes.first().map(|n| n.id.clone()).unwrap_or_default();
            for (r, n) in p.rels.iter().zip(p.nodes.iter().skip(1)) {
                if r.start == cur {
                    s.push_str(&format!("-[:{}]->({})", r.rel_type, n.id));
                } else {
                    s.push_str(&format!("<-[:{}]-({})", r.rel_type, n.id));
                }
                cur = n.id.clone();
            }
            s
        }
    }
}

fn quoted(v: &Val) -> String {
    match v {
        Val::Str(s) => format!("{s:?}"),
        Val::Null => "null".into(),
        other => val_text(other),
    }
}

/// An aligned table with a row count.
pub fn to_table(r: &QueryResult) -> String {
    if r.columns.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| row.iter().map(val_text).collect())
        .collect();
    let n = rows.len();
    format!(
        "{}\n{n} row{}\n",
        super::table::render(&r.columns, &rows),
        if n == 1 { "" } else { "s" }
    )
}

/// CSV with a header row.
pub fn to_csv(r: &QueryResult) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    if !r.columns.is_empty() {
        w.write_record(&r.columns)?;
    }
    for row in &r.rows {
        w.write_record(row.iter().map(|v| match v {
            Val::List(_) | Val::Map(_) | Val::Path(_) => val_json(v).to_string(),
            other => val_text(other),
        }))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// DOT of the nodes, relationships and paths a result holds (each once).
pub fn to_dot(r: &QueryResult) -> String {
    let mut nodes: Vec<crate::model::Node> = Vec::new();
    let mut rels: Vec<crate::model::Rel> = Vec::new();
    fn collect(v: &Val, nodes: &mut Vec<crate::model::Node>, rels: &mut Vec<crate::model::Rel>) {
        match v {
            Val::Node(n) if !nodes.iter().any(|x| x.id == n.id) => nodes.push((**n).clone()),
            Val::Rel(x) if !rels.iter().any(|y| y.id == x.id) => rels.push((**x).clone()),
            Val::Path(p) => {
                p.nodes
                    .iter()
                    .for_each(|n| collect(&Val::Node(n.clone()), nodes, rels));
                p.rels
                    .iter()
                    .for_each(|x| collect(&Val::Rel(x.clone()), nodes, rels));
            }
            Val::List(items) => items.iter().for_each(|i| collect(i, nodes, rels)),
            Val::Map(m) => m.values().for_each(|i| collect(i, nodes, rels)),
            _ => {}
        }
    }
    for row in &r.rows {
        for v in row {
            collect(v, &mut nodes, &mut rels);
        }
    }
    super::result_graph::result_graph(&nodes, &rels)
}
