//! Query results as a diagram (`query --format dot`): whatever nodes,
//! relationships and paths a query returned, drawn in the house style of
//! the network. Nothing else is read from the graph, so a person's fate is
//! not shown here; ACCUSED edges carry date and charge as in the network.

use super::dot_ast::{self, attr, attr_lines, Ids};
use super::network::accusation_line;
use super::window::full_date;
use crate::model::{Node, Rel, Value};
use graphviz_rust::dot_structures::Attribute;
use std::collections::BTreeSet;

/// Draws `nodes` and `rels` as DOT. Repeated elements are drawn once; an
/// endpoint of a relationship that is not among `nodes` is drawn as a
/// dashed box with its id.
///
/// Cost: linear in the number of elements.
pub fn result_graph(nodes: &[Node], rels: &[Rel]) -> String {
    let mut stmts = dot_ast::house_style("Query result");
    stmts.push(dot_ast::defaults(
        "graph",
        vec![
            attr("rankdir", "TB"),
            attr("nodesep", "0.6"),
            attr("ranksep", "0.8"),
        ],
    ));
    stmts.push(dot_ast::defaults("node", vec![attr("margin", "0.2,0.1")]));
    let mut ids = Ids::new("n");
    let mut drawn = BTreeSet::new();
    for n in nodes {
        if drawn.insert(n.id.clone()) {
            stmts.push(dot_ast::node(&ids.get(&n.id), node_attrs(n)));
        }
    }
    let mut seen = BTreeSet::new();
    for r in rels {
        if !seen.insert(r.id.clone()) {
            continue;
        }
        for end in [&r.start, &r.end] {
            if drawn.insert(end.clone()) {
                stmts.push(dot_ast::node(
                    &ids.get(end),
                    vec![
                        attr("label", end),
                        attr("shape", "box"),
                        attr("style", "dashed"),
                        attr("color", "#777777"),
                        attr("class", "endpoint"),
                    ],
                ));
            }
        }
        stmts.push(dot_ast::edge(
            &ids.get(&r.start),
            &ids.get(&r.end),
            rel_attrs(r),
        ));
    }
    if drawn.is_empty() {
        stmts.push(dot_ast::node(
            "empty",
            vec![
                attr("shape", "plaintext"),
                attr("label", "No nodes or relationships returned."),
            ],
        ));
    }
    dot_ast::print(&dot_ast::digraph(stmts))
}

/// A node's look by its label: people as ellipses, events as rounded
/// boxes with their date, institutions and organizations as tabs, places
/// as houses, sources as notes.
fn node_attrs(n: &Node) -> Vec<Attribute> {
    let mut lines = dot_ast::wrap(n.display_name(), 30);
    let (shape, style, class) = if n.has_label("Person") {
        ("ellipse", "solid", "person")
    } else if n.has_label("Event") {
        if let Some(k) = n.prop("kind").and_then(Value::as_str) {
            lines.insert(0, k.to_uppercase());
        }
        lines.extend(dot_ast::wrap(&full_date(&n.props), 34));
        ("box", "rounded", "event")
    } else if n.has_label("Institution") || n.has_label("Organization") {
        ("tab", "solid", "institution")
    } else if n.has_label("Place") {
        ("house", "solid", "place")
    } else if n.has_label("Source") {
        ("note", "solid", "source")
    } else {
        ("box", "solid", "node")
    };
    vec![
        attr_lines("label", &lines),
        attr("shape", shape),
        attr("style", style),
        attr("color", "#555555"),
        attr("tooltip", &n.id),
        attr("class", class),
    ]
}

/// A relationship's look: ACCUSED heavy with date and charge; others thin
/// and grey with their type (and role).
fn rel_attrs(r: &Rel) -> Vec<Attribute> {
    if r.rel_type == "ACCUSED" {
        return vec![
            attr("label", &accusation_line(&r.props)),
            attr("penwidth", "1.5"),
            attr("color", "#333333"),
            attr("class", "accusation"),
        ];
    }
    let mut label = r.rel_type.to_lowercase().replace('_', " ");
    if let Some(role) = r.prop("role").and_then(Value::as_str) {
        label.push_str(&format!(" ({role})"));
    }
    vec![
        attr("label", &label),
        attr("color", "#888888"),
        attr("fontcolor", "#555555"),
        attr("class", "relationship"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::dot_check::{bundled, Parsed};
    use crate::store::GraphRead;

    #[test]
    fn draws_nodes_rels_and_missing_endpoints() {
        let db = bundled();
        let g = &db.graph();
        let izak = g.node("izak").unwrap().unwrap();
        let rel = g
            .rel("accusation-1931-izak-dmitriev/fedchenko>izak")
            .unwrap()
            .expect("the derived accusation");
        let event = g.node("lcu-dissolution").unwrap().unwrap();
        let dot = result_graph(&[izak.clone(), izak, event], &[rel.clone(), rel]);
        let p = Parsed::new(&dot);
        assert_eq!(p.nodes_of("person").len(), 1);
        assert_eq!(p.nodes_of("endpoint").len(), 1);
        assert_eq!(p.label(&p.nodes_of("endpoint")[0].0), "fedchenko");
        assert!(p.nodes_of("event")[0].1["label"].ends_with("undated"));
        let e = p.edges_of("accusation");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].2["label"], "Late in 1931 · Trotskyism");
        assert!(result_graph(&[], &[]).contains("No nodes"));
    }
}
