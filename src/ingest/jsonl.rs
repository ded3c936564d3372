//! The JSONL interchange (the shape of Neo4j APOC's JSON export), read back
//! losslessly. Derived ACCUSED relationships are skipped: the database
//! derives them again from their events.

use super::entries::date_value;
use super::entry::from_json;
use crate::db::{Draft, Item, Origin, Problem};
use crate::model::schema::is_date_prop;
use crate::model::{Node, Props, Rel, Schema, Value};
use serde_json::Value as Json;

/// Parses JSONL text into `draft`; problems name the file and line.
pub fn parse(
    file: &str,
    text: &str,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    for (i, line) in text.lines().enumerate() {
        let origin = Origin::at(file, i + 1);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let p = |msg: String| Problem::new(msg).origin(Some(&origin));
        let obj: serde_json::Map<String, Json> = match serde_json::from_str(line) {
            Ok(o) => o,
            Err(e) => {
                problems.push(p(format!("invalid JSON: {e}")));
                continue;
            }
        };
        let id = match obj.get("id") {
            Some(Json::String(s)) => s.clone(),
            Some(Json::Number(n)) => n.to_string(),
            None if schema == Schema::Open => String::new(),
            _ => {
                problems.push(p("missing \"id\"".into()).field("id"));
                continue;
            }
        };
        let props = match obj.get("properties") {
            None | Some(Json::Null) => Props::new(),
            Some(Json::Object(map)) => {
                let mut props = Props::new();
                for (k, v) in map {
                    let value = match from_json(v) {
                        Ok(Value::Null) => continue,
                        Ok(v) if schema == Schema::Prosopography && is_date_prop(k) => {
                            match date_value(&v) {
                                Ok(d) => d,
                                Err(e) => {
                                    problems.push(p(e).element(&id).field(k));
                                    continue;
                                }
                            }
                        }
                        Ok(v) => v,
                        Err(e) => {
                            problems.push(p(e).element(&id).field(k));
                            continue;
                        }
                    };
                    props.insert(k.clone(), value);
                }
                props
            }
            Some(_) => {
                problems.push(
                    p("\"properties\" must be an object".into())
                        .element(&id)
                        .field("properties"),
                );
                continue;
            }
        };
        match obj.get("type").and_then(Json::as_str) {
            Some("node") => {
                let labels = match obj.get("labels") {
                    Some(Json::Array(items)) if items.iter().all(Json::is_string) => items
                        .iter()
                        .filter_map(|l| l.as_str().map(String::from))
                        .collect(),
                    None => Vec::new(),
                    _ => {
                        problems.push(
                            p("\"labels\" must be a list of strings".into())
                                .element(&id)
                                .field("labels"),
                        );
                        continue;
                    }
                };
                draft
                    .items
                    .push((Item::Node(Node { id, labels, props }), origin));
            }
            Some("relationship") => {
                let end_id = |key: &str| {
                    obj.get(key)
                        .and_then(|e| e.get("id"))
                        .and_then(|v| match v {
                            Json::String(s) => Some(s.clone()),
                            Json::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                };
                let (Some(start), Some(end)) = (end_id("start"), end_id("end")) else {
                    problems.push(p("a relationship needs \"start\": {\"id\": ...} and \"end\": {\"id\": ...}".into()).element(&id));
                    continue;
                };
                let Some(rel_type) = obj.get("label").and_then(Json::as_str) else {
                    problems.push(
                        p("a relationship needs a \"label\" (its type)".into())
                            .element(&id)
                            .field("label"),
                    );
                    continue;
                };
                let rel = Rel {
                    id,
                    rel_type: rel_type.into(),
                    start,
                    end,
                    props,
                };
                if schema == Schema::Prosopography && crate::db::derive::is_derived(&rel) {
                    continue;
                }
                draft.items.push((Item::Rel(rel), origin));
            }
            Some(other) => problems.push(
                p(format!(
                    "unknown element type '{other}'; use \"node\" or \"relationship\""
                ))
                .field("type"),
            ),
            None => problems
                .push(p("missing \"type\" (\"node\" or \"relationship\")".into()).field("type")),
        }
    }
}
