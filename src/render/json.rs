//! JSON shapes of DESIGN §4: values, dates, nodes, relationships, paths.

use crate::date::Edtf;
use crate::model::{Node, Props, Rel, Value};
use serde_json::{json, Map, Value as Json};

/// How dates are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dates {
    /// `{"edtf", "earliest", "latest"}` (query output).
    Object,
    /// The EDTF string (the JSONL interchange).
    Edtf,
}

/// A date as `{"edtf": "1931-11~", "earliest": "1931-11-01", "latest": "1931-11-30"}`.
pub fn date_json(d: &Edtf) -> Json {
    json!({
        "edtf": d.to_string(),
        "earliest": d.earliest().map(|x| x.to_string()),
        "latest": d.latest().map(|x| x.to_string()),
    })
}

/// A property value as JSON.
pub fn value_json(v: &Value, dates: Dates) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Date(d) => match dates {
            Dates::Object => date_json(d),
            Dates::Edtf => Json::String(d.to_string()),
        },
        Value::List(items) => Json::Array(items.iter().map(|i| value_json(i, dates)).collect()),
        Value::Map(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.to_string(), value_json(v, dates)))
                .collect(),
        ),
    }
}

/// Properties as a JSON object (keys in order).
pub fn props_json(props: &Props, dates: Dates) -> Json {
    Json::Object(
        props
            .iter()
            .map(|(k, v)| (k.to_string(), value_json(v, dates)))
            .collect::<Map<_, _>>(),
    )
}

/// A node as `{"id", "labels", "properties"}`.
pub fn node_json(n: &Node, dates: Dates) -> Json {
    json!({"id": n.id, "labels": n.labels, "properties": props_json(&n.props, dates)})
}

/// A relationship as `{"id", "type", "start", "end", "properties"}`.
pub fn rel_json(r: &Rel, dates: Dates) -> Json {
    json!({"id": r.id, "type": r.rel_type, "start": r.start, "end": r.end, "properties": props_json(&r.props, dates)})
}
