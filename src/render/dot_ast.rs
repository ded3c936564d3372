//! Small builders over graphviz-rust's DOT AST, shared by the diagrams:
//! attributes whose values are always escaped, nodes, edges, subgraphs,
//! generated ASCII node ids and the house style (fonts and sizes).

use super::dot_escape::{quoted, quoted_lines};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::HashMap;

/// The font of every diagram: a sans-serif that Graphviz finds everywhere.
pub const FONT: &str = "Helvetica,Arial,sans-serif";

/// An attribute `key="value"`, the value escaped.
pub fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

/// An attribute whose value is several lines, each escaped.
pub fn attr_lines<S: AsRef<str>>(key: &str, lines: &[S]) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted_lines(lines))
}

/// A node statement; `id` must be a generated ASCII id (see [`Ids`]).
pub fn node(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(Id::Plain(id.to_string()), None), attrs))
}

/// An edge statement between two generated ids.
pub fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    let v = |id: &str| Vertex::N(NodeId(Id::Plain(id.to_string()), None));
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(v(from), v(to)),
        attributes: attrs,
    })
}

/// A subgraph named `name` (ASCII; a `cluster_` prefix draws a box).
pub fn subgraph(name: &str, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(name.to_string()),
        stmts,
    })
}

/// A graph-level attribute statement (`rank="same"` inside a subgraph).
pub fn graph_attr(key: &str, value: &str) -> Stmt {
    Stmt::Attribute(attr(key, value))
}

/// Default attributes: `graph [...]`, `node [...]` or `edge [...]`.
pub fn defaults(kind: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::GAttribute(GraphAttributes::new(kind, attrs))
}

/// The house style: fonts and sizes readable when a picture is shrunk
/// onto a slide or a page, and a title on top.
pub fn house_style(title: &str) -> Vec<Stmt> {
    vec![
        defaults(
            "graph",
            vec![
                attr("fontname", FONT),
                attr("fontsize", "20"),
                attr("label", title),
                attr("labelloc", "t"),
                attr("labeljust", "l"),
                attr("bgcolor", "white"),
                attr("pad", "0.3"),
            ],
        ),
        defaults("node", vec![attr("fontname", FONT), attr("fontsize", "14")]),
        defaults("edge", vec![attr("fontname", FONT), attr("fontsize", "12")]),
    ]
}

/// A directed graph of `stmts`.
pub fn digraph(stmts: Vec<Stmt>) -> Graph {
    Graph::DiGraph {
        id: Id::Plain("prosopo".to_string()),
        strict: false,
        stmts,
    }
}

/// The DOT text of a graph, ending with a newline.
pub fn print(graph: &Graph) -> String {
    let mut ctx = PrinterContext::default();
    let mut out = graph.print(&mut ctx);
    out.push('\n');
    out
}

/// Generated ASCII node ids (`n0`, `n1`, ...), one per element key, so no
/// element id ever reaches the DOT text as an identifier.
#[derive(Debug, Default)]
pub struct Ids {
    prefix: String,
    map: HashMap<String, String>,
}

impl Ids {
    /// An allocator whose ids start with `prefix` (ASCII letters).
    pub fn new(prefix: &str) -> Ids {
        Ids {
            prefix: prefix.to_string(),
            map: HashMap::new(),
        }
    }

    /// The generated id of `key`, allocating the next one on first use.
    pub fn get(&mut self, key: &str) -> String {
        let next = self.map.len();
        self.map
            .entry(key.to_string())
            .or_insert_with(|| format!("{}{next}", self.prefix))
            .clone()
    }

    /// Whether `key` already has an id.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// How many ids were given out.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no id was given out.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Word-wraps `text` into lines of at most about `width` characters (a
/// longer word stays whole), so long titles make tall boxes, not wide ones.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_ascii() {
        let mut ids = Ids::new("n");
        assert_eq!(ids.get("Федченко \"x\""), "n0");
        assert_eq!(ids.get("b"), "n1");
        assert_eq!(ids.get("Федченко \"x\""), "n0");
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn wraps_on_words() {
        assert_eq!(
            wrap("The rise to power of Izak", 12),
            ["The rise to", "power of", "Izak"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("Anti-Soviet-United x", 5), ["Anti-Soviet-United", "x"]);
    }
}
