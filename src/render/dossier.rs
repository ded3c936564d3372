//! The dossier `show` prints: a node's names and properties, then what the
//! graph says about it, each line with its date (in the source's wording
//! where there is one) and its sources. Conflicting claims are all shown.

use crate::model::{Node, Rel, Value};
use crate::store::{Direction, GraphRead, Result};
use std::fmt::Write;

/// The order of a dossier's sections.
const ORDER: [&str; 13] = [
    "Memberships",
    "Events",
    "Accusations made",
    "Accusations received",
    "Participants",
    "Where",
    "Part of",
    "Parts",
    "Members",
    "Events here",
    "Located in",
    "Located here",
    "Other relationships",
];

/// A dossier line with its date, for ordering.
type Line = (Option<crate::date::Edtf>, String);

/// Properties shown in the heading lines rather than in the list.
const HEADING: [&str; 5] = ["name", "title", "names", "sources", "kind"];

/// A date as a reader wants it: the source's wording, then the EDTF form.
pub fn when(props: &crate::model::Props) -> String {
    let date = props.get("date").map(|d| d.to_string());
    let text = props.get("date_text").and_then(Value::as_str);
    match (date, text) {
        (Some(d), Some(t)) => format!("{d} (\"{t}\")"),
        (Some(d), None) => d,
        (None, Some(t)) => format!("\"{t}\""),
        (None, None) => "undated".into(),
    }
}

fn cites(props: &crate::model::Props) -> String {
    let mut s = props
        .get("sources")
        .map(|v| v.strings().join("; "))
        .unwrap_or_default();
    if let Some(c) = props.get("certainty").and_then(Value::as_str) {
        if c != "certain" {
            s = format!("{s}; {c}");
        }
    }
    if s.is_empty() {
        String::new()
    } else {
        format!("  [{s}]")
    }
}

fn label_of(g: &dyn GraphRead, id: &str) -> Result<String> {
    Ok(match g.node(id)? {
        Some(n) => format!("{} ({})", n.display_name(), n.id),
        None => format!("? ({id}, missing)"),
    })
}

fn date_key(props: &crate::model::Props) -> Option<crate::date::Edtf> {
    props.get("date").and_then(Value::as_date).cloned()
}

/// Renders the dossier of `node`.
pub fn dossier(g: &dyn GraphRead, node: &Node) -> Result<String> {
    let mut out = String::new();
    let kind = node
        .prop("kind")
        .map(|k| format!(", {k}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}  ({}{kind}; id {})",
        node.display_name(),
        node.labels.join(":"),
        node.id
    );
    if let Some(names) = node.prop("names") {
        let _ = writeln!(out, "  also: {}", names.strings().join(", "));
    }
    for (k, v) in &node.props {
        if !HEADING.contains(&k) {
            let _ = writeln!(out, "  {k}: {v}");
        }
    }
    if let Some(s) = node.prop("sources") {
        let _ = writeln!(out, "  sources: {}", s.strings().join("; "));
    }
    let mut sections: Vec<(String, Vec<Line>)> = Vec::new();
    let mut push = |title: &str, key: Option<crate::date::Edtf>, line: String| match sections
        .iter_mut()
        .find(|(t, _)| t == title)
    {
        Some((_, lines)) => lines.push((key, line)),
        None => sections.push((title.to_string(), vec![(key, line)])),
    };
    for dir in [Direction::Out, Direction::In] {
        for adj in g.adjacent(&node.id, dir, None)? {
            let Some(rel) = g.rel(&adj.rel)? else {
                continue;
            };
            let other = label_of(g, &adj.other)?;
            let (title, line) = describe(g, &rel, dir, &other)?;
            push(title, date_key(&rel.props), line);
        }
    }
    sections.sort_by_key(|(title, _)| ORDER.iter().position(|t| t == title).unwrap_or(ORDER.len()));
    for (title, mut lines) in sections {
        lines.sort_by(|a, b| match (&a.0, &b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        let _ = writeln!(out, "\n{title}");
        for (_, line) in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(out)
}

fn describe(
    g: &dyn GraphRead,
    rel: &Rel,
    dir: Direction,
    other: &str,
) -> Result<(&'static str, String)> {
    let w = when(&rel.props);
    let c = cites(&rel.props);
    let charge = rel
        .prop("charge")
        .map(|c| format!(" of {c}"))
        .unwrap_or_default();
    let role = rel
        .prop("role")
        .and_then(Value::as_str)
        .unwrap_or("participant");
    Ok(match (rel.rel_type.as_str(), dir) {
        ("ACCUSED", Direction::Out) => (
            "Accusations made",
            format!("{w}: accused {other}{charge}{c}"),
        ),
        ("ACCUSED", Direction::In) => (
            "Accusations received",
            format!("{w}: accused by {other}{charge}{c}"),
        ),
        ("PARTICIPATED_IN", Direction::Out) => {
            let event = g.node(&rel.end)?;
            let ew = event.as_ref().map(|e| when(&e.props)).unwrap_or_default();
            let ekind = event
                .as_ref()
                .and_then(|e| e.prop("kind"))
                .map(|k| k.to_string())
                .unwrap_or_default();
            ("Events", format!("{ew}: {ekind} {other}, as {role}{c}"))
        }
        ("PARTICIPATED_IN", Direction::In) => ("Participants", format!("{role}: {other}{c}")),
        ("MEMBER_OF", Direction::Out) => (
            "Memberships",
            format!(
                "{w}: {} of {other}{c}",
                rel.prop("role")
                    .map(|r| r.to_string())
                    .unwrap_or("member".into())
            ),
        ),
        ("MEMBER_OF", Direction::In) => (
            "Members",
            format!(
                "{w}: {other}, {}{c}",
                rel.prop("role")
                    .map(|r| r.to_string())
                    .unwrap_or("member".into())
            ),
        ),
        ("AT", Direction::Out) => ("Where", format!("{other}{c}")),
        ("AT", Direction::In) => ("Events here", format!("{other}{c}")),
        ("PART_OF", Direction::Out) => ("Part of", format!("{other}{c}")),
        ("PART_OF", Direction::In) => ("Parts", format!("{other}{c}")),
        ("LOCATED_IN", Direction::Out) => ("Located in", format!("{other}{c}")),
        ("LOCATED_IN", Direction::In) => ("Located here", format!("{other}{c}")),
        (_, Direction::Out) => (
            "Other relationships",
            format!("-[{}]-> {other}{c}", rel.rel_type),
        ),
        (_, Direction::In) => (
            "Other relationships",
            format!("<-[{}]- {other}{c}", rel.rel_type),
        ),
    })
}
