//! Validation of elements against the prosopography schema, in the graph as
//! it will be after a write (so references within one import resolve).

use super::problem::Problem;
use crate::model::schema::{self, CERTAINTIES, EVENT_KINDS, LABELS, ROLES};
use crate::model::{id, Citation, Node, Rel, Schema, Value};
use crate::store::{GraphRead, Result};

/// Checks one node; problems are appended to `out` (the caller says where
/// the node came from).
pub fn node(g: &dyn GraphRead, schema: Schema, n: &Node, out: &mut Vec<Problem>) -> Result<()> {
    let p = |msg: String| Problem::new(msg).element(&n.id);
    if let Err(e) = id::check_node_id(&n.id) {
        out.push(p(e).field("id"));
    }
    for l in &n.labels {
        if l.is_empty() || l.chars().any(char::is_control) {
            out.push(p(format!(
                "label '{}' is empty or holds control characters",
                l.escape_debug()
            )));
        }
    }
    if schema == Schema::Open {
        return Ok(());
    }
    let label = match n.labels.as_slice() {
        [one] if LABELS.contains(&one.as_str()) => one.as_str(),
        [one] => {
            let hint = schema::suggest(one, &LABELS)
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            out.push(p(format!(
                "unknown kind '{one}'{hint}; use one of {}",
                LABELS.join(", ")
            )));
            return Ok(());
        }
        _ => {
            out.push(p(format!(
                "a node has exactly one label of {}, not {:?}",
                LABELS.join(", "),
                n.labels
            )));
            return Ok(());
        }
    };
    match label {
        "Source" => require_str(n, "title", out),
        "Event" => match n.prop("kind").and_then(Value::as_str) {
            Some(k) if EVENT_KINDS.contains(&k) => {}
            Some(k) => {
                let hint = schema::suggest(k, &EVENT_KINDS)
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                out.push(
                    p(format!(
                        "unknown event kind '{k}'{hint}; use one of {}",
                        EVENT_KINDS.join(", ")
                    ))
                    .field("kind"),
                );
            }
            None => out
                .push(p("an event needs a kind, e.g. kind = \"accusation\"".into()).field("kind")),
        },
        _ => require_str(n, "name", out),
    }
    if let Some(v) = n.prop("names") {
        if !matches!(v, Value::List(items) if items.iter().all(|i| matches!(i, Value::Str(_)))) {
            out.push(
                p(format!(
                    "names must be a list of strings, not a {}",
                    v.type_name()
                ))
                .field("names"),
            );
        }
    }
    common(g, &n.props, label != "Source", p, out)
}

/// Checks one relationship; problems are appended to `out` (the caller
/// says where the relationship came from).
pub fn rel(g: &dyn GraphRead, schema: Schema, r: &Rel, out: &mut Vec<Problem>) -> Result<()> {
    let p = |msg: String| Problem::new(msg).element(&r.id);
    if let Err(e) = id::check_rel_id(&r.id) {
        out.push(p(e).field("id"));
    }
    if r.rel_type.is_empty() || r.rel_type.chars().any(char::is_control) {
        out.push(p("relationship type is empty or holds control characters".into()).field("type"));
        return Ok(());
    }
    let start = g.node_labels(&r.start)?;
    let end = g.node_labels(&r.end)?;
    for (field, id, node) in [("from", &r.start, &start), ("to", &r.end, &end)] {
        if node.is_none() {
            out.push(
                p(format!(
                    "no node with id '{id}': add it first or fix the reference"
                ))
                .field(field),
            );
        }
    }
    if schema == Schema::Open {
        return Ok(());
    }
    let Some((from_labels, to_labels)) = schema::endpoint_rule(&r.rel_type) else {
        let types: Vec<&str> = schema::REL_TYPES.iter().map(|t| t.0).collect();
        out.push(
            p(format!(
                "unknown relationship type '{}'; use one of {}",
                r.rel_type,
                types.join(", ")
            ))
            .field("type"),
        );
        return Ok(());
    };
    for (field, node, allowed) in [("from", &start, from_labels), ("to", &end, to_labels)] {
        if let Some(labels) = node {
            if !labels.iter().any(|l| allowed.contains(&l.as_str())) {
                out.push(
                    p(format!(
                        "{} must {} a {}, but '{}' is a {}",
                        r.rel_type,
                        if field == "from" {
                            "start at"
                        } else {
                            "end at"
                        },
                        allowed.join(" or "),
                        if field == "from" { &r.start } else { &r.end },
                        labels.join(":")
                    ))
                    .field(field),
                );
            }
        }
    }
    if r.rel_type == "PARTICIPATED_IN" {
        match r.prop("role").and_then(Value::as_str) {
            Some(role) if ROLES.contains(&role) => {}
            Some(role) => {
                let hint = schema::suggest(role, &ROLES)
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                out.push(
                    p(format!(
                        "unknown role '{role}'{hint}; use one of {}",
                        ROLES.join(", ")
                    ))
                    .field("role"),
                );
            }
            None => out.push(
                p("a participation needs a role, e.g. role = \"accuser\"".into()).field("role"),
            ),
        }
    }
    common(g, &r.props, true, p, out)
}

fn require_str(n: &Node, key: &str, out: &mut Vec<Problem>) {
    match n.prop(key) {
        Some(Value::Str(s)) if !s.trim().is_empty() => {}
        Some(v) => out.push(
            Problem::new(format!(
                "must be a non-empty string, not a {}",
                v.type_name()
            ))
            .element(&n.id)
            .field(key),
        ),
        None => out.push(
            Problem::new(format!("a {} needs a {key}", n.labels.join(":")))
                .element(&n.id)
                .field(key),
        ),
    }
}

/// Checks shared by nodes and relationships: sources, certainty, dates.
fn common(
    g: &dyn GraphRead,
    props: &crate::model::Props,
    needs_source: bool,
    p: impl Fn(String) -> Problem,
    out: &mut Vec<Problem>,
) -> Result<()> {
    match props.get("sources") {
        None | Some(Value::Null) => {
            if needs_source {
                out.push(p("an assertion without a source is rejected: add sources = [\"SOURCE:PAGES\"]".into()).field("sources"));
            }
        }
        Some(Value::List(items)) if !items.is_empty() => {
            for item in items {
                let Value::Str(text) = item else {
                    out.push(
                        p(format!(
                            "a citation must be a string SOURCE:LOCATOR, not a {}",
                            item.type_name()
                        ))
                        .field("sources"),
                    );
                    continue;
                };
                match Citation::parse(text) {
                    Err(e) => out.push(p(e).field("sources")),
                    Ok(c) => match g.node_labels(&c.source)? {
                        Some(labels) if labels.iter().any(|l| l == "Source") => {}
                        Some(labels) => out.push(
                            p(format!(
                                "'{}' is a {}, not a Source",
                                c.source,
                                labels.join(":")
                            ))
                            .field("sources"),
                        ),
                        None => out.push(
                            p(format!(
                                "unknown source '{}': add a source entry with this id first",
                                c.source
                            ))
                            .field("sources"),
                        ),
                    },
                }
            }
        }
        Some(v) => out.push(
            p(format!(
                "sources must be a non-empty list of citations, not {}",
                short(v)
            ))
            .field("sources"),
        ),
    }
    if let Some(v) = props.get("certainty") {
        if !matches!(v.as_str(), Some(c) if CERTAINTIES.contains(&c)) {
            out.push(
                p(format!(
                    "certainty must be one of {}, not {}",
                    CERTAINTIES.join(", "),
                    short(v)
                ))
                .field("certainty"),
            );
        }
    }
    for key in schema::DATE_PROPS {
        if let Some(v) = props.get(key) {
            if !matches!(v, Value::Date(_) | Value::Null) {
                out.push(p(format!("must be an EDTF date, not a {}", v.type_name())).field(key));
            }
        }
    }
    if let Some(v) = props.get("date_text") {
        if !matches!(v, Value::Str(_)) {
            out.push(p(format!("must be a string, not a {}", v.type_name())).field("date_text"));
        }
    }
    Ok(())
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::Str(s) => format!("'{s}'"),
        other => format!("a {}", other.type_name()),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}
