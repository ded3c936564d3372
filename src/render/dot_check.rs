//! Test support for the diagrams: test graphs (the bundled dataset, or a
//! small TOML text) and DOT read back with graphviz-rust's parser into
//! plain lists of nodes, edges and subgraphs with their attributes
//! unescaped.

use super::dot_escape::unescape;
use crate::db::{Database, Draft};
use crate::model::Schema;
use graphviz_rust::dot_structures::{EdgeTy, Graph, Id, Stmt, Vertex};
use std::collections::BTreeMap;

/// The bundled dataset in memory.
pub fn bundled() -> Database {
    from_toml(
        "data/communist-university.toml",
        include_str!("../../data/communist-university.toml"),
    )
}

/// A database from TOML text (panics on invalid data).
pub fn from_toml(file: &str, text: &str) -> Database {
    let db = Database::memory(Schema::Prosopography);
    let mut draft = Draft::default();
    let mut problems = vec![];
    crate::ingest::files::read_text(file, text, db.schema(), &mut draft, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    db.apply(draft, false, &mut |_, _| {}).unwrap();
    db
}

/// Attributes by key, values unescaped.
pub type Attrs = BTreeMap<String, String>;

/// A subgraph read back: its name, attributes and the ids of the nodes
/// declared in it (not in nested subgraphs).
#[derive(Debug, Default)]
pub struct Sub {
    /// Subgraph name.
    pub name: String,
    /// `key=value` statements.
    pub attrs: Attrs,
    /// Node ids declared directly inside.
    pub nodes: Vec<String>,
}

/// A DOT graph read back.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Nodes in declaration order (subgraphs included).
    pub nodes: Vec<(String, Attrs)>,
    /// Edges: from, to, attributes.
    pub edges: Vec<(String, String, Attrs)>,
    /// Subgraphs in declaration order, depth first.
    pub subs: Vec<Sub>,
}

impl Parsed {
    /// Parses DOT (panics with the text if it does not parse).
    pub fn new(dot: &str) -> Parsed {
        let g = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
        let stmts = match g {
            Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. } => stmts,
        };
        let mut p = Parsed::default();
        p.walk(&stmts, None);
        p
    }

    fn walk(&mut self, stmts: &[Stmt], sub: Option<usize>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => {
                    let id = text(&n.id.0);
                    if let Some(i) = sub {
                        self.subs[i].nodes.push(id.clone());
                    }
                    self.nodes.push((id, attrs(&n.attributes)));
                }
                Stmt::Edge(e) => {
                    if let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty {
                        self.edges
                            .push((text(&a.0), text(&b.0), attrs(&e.attributes)));
                    }
                }
                Stmt::Attribute(a) => {
                    if let Some(i) = sub {
                        self.subs[i].attrs.insert(text(&a.0), text(&a.1));
                    }
                }
                Stmt::Subgraph(sg) => {
                    self.subs.push(Sub {
                        name: text(&sg.id),
                        ..Sub::default()
                    });
                    let i = self.subs.len() - 1;
                    self.walk(&sg.stmts, Some(i));
                }
                Stmt::GAttribute(_) => {}
            }
        }
    }

    /// The label of node `id`.
    pub fn label(&self, id: &str) -> String {
        self.nodes
            .iter()
            .filter(|(n, _)| n == id)
            .find_map(|(_, a)| a.get("label").cloned())
            .unwrap_or_default()
    }

    /// Nodes whose `class` is `class`.
    pub fn nodes_of(&self, class: &str) -> Vec<&(String, Attrs)> {
        self.nodes
            .iter()
            .filter(|(_, a)| a.get("class").map(String::as_str) == Some(class))
            .collect()
    }

    /// Edges whose `class` is `class`.
    pub fn edges_of(&self, class: &str) -> Vec<&(String, String, Attrs)> {
        self.edges
            .iter()
            .filter(|(_, _, a)| a.get("class").map(String::as_str) == Some(class))
            .collect()
    }

    /// The node whose label's first line is `name`.
    pub fn node_named(&self, name: &str) -> Option<&(String, Attrs)> {
        self.nodes.iter().find(|(_, a)| {
            a.get("label")
                .is_some_and(|l| l.lines().next() == Some(name))
        })
    }
}

fn text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => unescape(s),
        Id::Html(s) | Id::Plain(s) => s.clone(),
        Id::Anonymous(_) => String::new(),
    }
}

fn attrs(list: &[graphviz_rust::dot_structures::Attribute]) -> Attrs {
    list.iter().map(|a| (text(&a.0), text(&a.1))).collect()
}
