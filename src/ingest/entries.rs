//! Turning entries into elements: node entries (with the relationships they
//! imply: participants, `at`, `part_of`, `located_in`), memberships and plain
//! relationships. Dates are parsed here; everything else is checked by the
//! database in the graph as a whole.

use super::entry::{Entry, Field};
use crate::date::Edtf;
use crate::db::{Draft, Item, Origin, Problem};
use crate::model::schema::is_date_prop;
use crate::model::{id, Node, Props, Rel, Schema, Value};
use std::collections::BTreeMap;

/// Entry kinds that make nodes, with their label.
const NODE_KINDS: [(&str, &str); 7] = [
    ("person", "Person"),
    ("institution", "Institution"),
    ("organization", "Organization"),
    ("place", "Place"),
    ("event", "Event"),
    ("accusation", "Event"),
    ("source", "Source"),
];

/// Fields of node entries that make relationships, not properties.
const LINK_FIELDS: [&str; 6] = [
    "at",
    "part_of",
    "located_in",
    "participants",
    "accusers",
    "accused",
];

/// Converts entries of one file into draft items; problems are collected.
pub struct Converter {
    /// The file's name, shared by every origin.
    file: std::sync::Arc<str>,
    schema: Schema,
    /// How many times each generated relationship id was used, for suffixes.
    used: BTreeMap<String, usize>,
}

impl Converter {
    /// A converter for `file`.
    pub fn new(file: &str, schema: Schema) -> Converter {
        Converter {
            file: file.into(),
            schema,
            used: BTreeMap::new(),
        }
    }

    fn origin(&self, line: usize) -> Origin {
        Origin::at(self.file.clone(), line)
    }

    /// Adds the items of `entry` to `draft`, or problems to `problems`.
    pub fn convert(&mut self, entry: Entry, draft: &mut Draft, problems: &mut Vec<Problem>) {
        let kind = entry.kind.as_str();
        if let Some((_, label)) = NODE_KINDS.iter().find(|(k, _)| *k == kind) {
            self.node_entry(entry.clone(), vec![label.to_string()], draft, problems);
        } else if kind == "node" {
            let labels = match entry.fields.get("labels").map(|f| &f.value) {
                Some(v @ Value::List(_)) => v.strings().iter().map(|s| s.to_string()).collect(),
                Some(Value::Str(s)) => vec![s.to_string()],
                _ => Vec::new(),
            };
            let mut entry = entry;
            entry.fields.remove("labels");
            self.node_entry(entry, labels, draft, problems);
        } else if kind == "membership" {
            self.link_entry(entry, "MEMBER_OF", "person", "of", draft, problems);
        } else if kind == "relationship" {
            let rel_type = match entry.fields.get("type").map(|f| &f.value) {
                Some(Value::Str(t)) => t.clone(),
                _ => {
                    problems.push(
                        Problem::new("a relationship needs a type, e.g. type = \"PART_OF\"")
                            .origin(Some(&self.origin(entry.line)))
                            .field("type"),
                    );
                    return;
                }
            };
            let mut entry = entry;
            entry.fields.remove("type");
            self.link_entry(entry, &rel_type, "from", "to", draft, problems);
        } else {
            let kinds: Vec<&str> = NODE_KINDS
                .iter()
                .map(|k| k.0)
                .chain(["membership", "relationship", "node"])
                .collect();
            problems.push(
                Problem::new(format!(
                    "unknown entry kind '{kind}'; use one of {}",
                    kinds.join(", ")
                ))
                .origin(Some(&self.origin(entry.line))),
            );
        }
    }

    /// Properties from fields: dates parsed, `sources`/`names` as lists, nulls dropped.
    fn props(
        &self,
        fields: &BTreeMap<String, Field>,
        skip: &[&str],
        id: &str,
        problems: &mut Vec<Problem>,
    ) -> Props {
        let mut props = Props::new();
        for (key, field) in fields {
            if skip.contains(&key.as_str()) || key == "id" {
                continue;
            }
            let value = match &field.value {
                Value::Null => continue,
                Value::Str(s) if matches!(key.as_str(), "sources" | "names") => {
                    Value::List(vec![Value::Str(s.clone())])
                }
                v if self.schema == Schema::Prosopography && is_date_prop(key) => {
                    match date_value(v) {
                        Ok(d) => d,
                        Err(e) => {
                            problems.push(
                                Problem::new(e)
                                    .origin(Some(&self.origin(field.line)))
                                    .element(id)
                                    .field(key),
                            );
                            continue;
                        }
                    }
                }
                v => v.clone(),
            };
            props.insert(key.clone(), value);
        }
        props
    }

    fn node_entry(
        &mut self,
        entry: Entry,
        labels: Vec<String>,
        draft: &mut Draft,
        problems: &mut Vec<Problem>,
    ) {
        let origin = self.origin(entry.line);
        let id = match entry.fields.get("id").map(|f| &f.value) {
            Some(Value::Str(s)) => s.to_string(),
            Some(v) => {
                problems.push(
                    Problem::new(format!("id must be a string, not a {}", v.type_name()))
                        .origin(Some(&origin))
                        .field("id"),
                );
                return;
            }
            None if self.schema == Schema::Open => String::new(),
            None => {
                let slug = generated_id(&entry);
                if slug.is_empty() {
                    problems.push(
                        Problem::new("no id and no name to make one from: add id = \"...\"")
                            .origin(Some(&origin))
                            .field("id"),
                    );
                    return;
                }
                slug
            }
        };
        let is_event = labels.iter().any(|l| l == "Event");
        let mut props = self.props(&entry.fields, &LINK_FIELDS, &id, problems);
        if entry.kind == "accusation" {
            props.insert_if_absent("kind".into(), Value::Str("accusation".into()));
        }
        let rel_props = inherited(&props);
        let mut rels = Vec::new();
        for (field, rel_type, outgoing) in [
            ("at", "AT", true),
            ("part_of", "PART_OF", true),
            ("located_in", "LOCATED_IN", true),
        ] {
            if let Some(f) = entry.fields.get(field) {
                for target in self.targets(f, &id, field, problems) {
                    rels.push((
                        f.line,
                        format!("{id}/{field}/{target}"),
                        rel_type,
                        if outgoing {
                            (id.clone(), target)
                        } else {
                            (target, id.clone())
                        },
                        rel_props.clone(),
                    ));
                }
            }
        }
        for (field, role) in [("accusers", "accuser"), ("accused", "accused")] {
            if let Some(f) = entry.fields.get(field) {
                if !is_event {
                    problems.push(
                        Problem::new("only events have accusers and accused")
                            .origin(Some(&self.origin(f.line)))
                            .element(&id)
                            .field(field),
                    );
                    continue;
                }
                for person in self.targets(f, &id, field, problems) {
                    let mut p = rel_props.clone();
                    p.insert("role".into(), Value::Str(role.into()));
                    rels.push((
                        f.line,
                        format!("{id}/{role}/{person}"),
                        "PARTICIPATED_IN",
                        (person, id.clone()),
                        p,
                    ));
                }
            }
        }
        if let Some(f) = entry.fields.get("participants") {
            let Value::List(items) = &f.value else {
                problems.push(
                    Problem::new(
                        "participants must be a list of {person = \"...\", role = \"...\"}",
                    )
                    .origin(Some(&self.origin(f.line)))
                    .element(&id)
                    .field("participants"),
                );
                return;
            };
            for item in items {
                let Value::Map(map) = item else {
                    problems.push(
                        Problem::new(
                            "each participant is a table {person = \"...\", role = \"...\"}",
                        )
                        .origin(Some(&self.origin(f.line)))
                        .element(&id)
                        .field("participants"),
                    );
                    continue;
                };
                let (Some(person), Some(role)) = (
                    map.get("person").and_then(Value::as_str),
                    map.get("role").and_then(Value::as_str),
                ) else {
                    problems.push(
                        Problem::new("a participant needs person and role")
                            .origin(Some(&self.origin(f.line)))
                            .element(&id)
                            .field("participants"),
                    );
                    continue;
                };
                let fields: BTreeMap<String, Field> = map
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            Field {
                                value: v.clone(),
                                line: f.line,
                            },
                        )
                    })
                    .collect();
                let mut p = rel_props.clone();
                p.extend(self.props(&fields, &["person"], &id, problems));
                rels.push((
                    f.line,
                    format!("{id}/{role}/{person}"),
                    "PARTICIPATED_IN",
                    (person.to_string(), id.clone()),
                    p,
                ));
            }
        }
        draft.items.push((
            Item::Node(Node {
                pos: None,
                id: id.as_str().into(),
                labels: labels.into_iter().map(Into::into).collect(),
                props,
            }),
            origin,
        ));
        if !id.is_empty() {
            draft.owners.push(id.clone());
        }
        for (line, rid, rel_type, (start, end), props) in rels {
            draft.items.push((
                Item::Rel(Rel {
                    pos: None,
                    id: rid.into(),
                    rel_type: rel_type.into(),
                    start: start.into(),
                    end: end.into(),
                    props,
                }),
                self.origin(line),
            ));
        }
    }

    /// The node ids a link field refers to (a string or a list of strings).
    fn targets(
        &self,
        f: &Field,
        id: &str,
        field: &str,
        problems: &mut Vec<Problem>,
    ) -> Vec<String> {
        match &f.value {
            Value::Str(s) => vec![s.to_string()],
            Value::List(items) if items.iter().all(|i| matches!(i, Value::Str(_))) => {
                f.value.strings().iter().map(|s| s.to_string()).collect()
            }
            v => {
                problems.push(
                    Problem::new(format!(
                        "must be an id or a list of ids, not a {}",
                        v.type_name()
                    ))
                    .origin(Some(&self.origin(f.line)))
                    .element(id)
                    .field(field),
                );
                Vec::new()
            }
        }
    }

    fn link_entry(
        &mut self,
        entry: Entry,
        rel_type: &str,
        from: &str,
        to: &str,
        draft: &mut Draft,
        problems: &mut Vec<Problem>,
    ) {
        let origin = self.origin(entry.line);
        let mut ends = Vec::new();
        for field in [from, to] {
            match entry.fields.get(field).map(|f| &f.value) {
                Some(Value::Str(s)) => ends.push(s.clone()),
                _ => {
                    problems.push(
                        Problem::new(format!("a {} entry needs {field} = \"ID\"", entry.kind))
                            .origin(Some(&origin))
                            .field(field),
                    );
                    return;
                }
            }
        }
        let id = match entry.fields.get("id").map(|f| &f.value) {
            Some(Value::Str(s)) => s.to_string(),
            _ if self.schema == Schema::Open => String::new(),
            _ => {
                let mut base = format!("{}/{}/{}", rel_type.to_lowercase(), ends[0], ends[1]);
                if let Some(role) = entry.fields.get("role").and_then(|f| f.value.as_str()) {
                    base = format!("{base}/{}", id::slug(role));
                }
                let n = self.used.entry(base.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    format!("{base}/{n}")
                } else {
                    base
                }
            }
        };
        let props = self.props(&entry.fields, &[from, to], &id, problems);
        draft.items.push((
            Item::Rel(Rel {
                pos: None,
                id: id.into(),
                rel_type: rel_type.into(),
                start: ends[0].as_str().into(),
                end: ends[1].as_str().into(),
                props,
            }),
            origin,
        ));
    }
}

/// An id for a node entry without one: from its name or title, else (for
/// events) from its kind, date and people, so that adding the same entry
/// twice gives the same id.
fn generated_id(entry: &Entry) -> String {
    let text = |k: &str| {
        entry
            .fields
            .get(k)
            .map(|f| f.value.strings().join(" "))
            .unwrap_or_default()
    };
    for key in ["name", "title"] {
        let slug = id::slug(&text(key));
        if !slug.is_empty() {
            return slug;
        }
    }
    if !matches!(entry.kind.as_str(), "event" | "accusation") {
        return String::new();
    }
    let kind = match entry.kind.as_str() {
        "accusation" => "accusation".to_string(),
        _ => text("kind"),
    };
    let mut people: Vec<String> = ["accusers", "accused"].iter().map(|k| text(k)).collect();
    if let Some(Value::List(items)) = entry.fields.get("participants").map(|f| &f.value) {
        for item in items {
            if let Value::Map(m) = item {
                people.extend(m.get("person").and_then(Value::as_str).map(str::to_string));
            }
        }
    }
    id::slug(&format!("{kind} {} {}", text("date"), people.join(" ")))
}

/// Properties a node entry's generated relationships inherit from it.
fn inherited(props: &Props) -> Props {
    ["sources", "certainty"]
        .iter()
        .filter_map(|k| props.get(k).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// A date property from a string (or a bare year).
pub fn date_value(v: &Value) -> Result<Value, String> {
    let text = match v {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Date(d) => return Ok(Value::Date(d.clone())),
        other => {
            return Err(format!(
                "must be an EDTF date string such as \"1931-11~\", not a {}",
                other.type_name()
            ))
        }
    };
    date_from_text(&text)
}

/// A date property from its text. Parsed dates are remembered by their
/// text (an archive repeats its dates: a year, a month, a day shared by
/// many events).
pub fn date_from_text(text: &str) -> Result<Value, String> {
    Edtf::parse_remembered(text)
        .map(Value::date)
        .map_err(|e| format!("invalid date '{text}': {e}"))
}
