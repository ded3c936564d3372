//! Graphs for the export and query tests: the bundled dataset, a generated
//! archive, and a small open-schema graph whose values have every type and
//! awkward characters.

use crate::date::Edtf;
use crate::db::{Database, Draft, Item, Origin};
use crate::model::{Node, Props, Rel, Schema, Value};
use crate::store::GraphRead;

/// The bundled dataset (`data/communist-university.toml`) in memory.
pub fn bundled() -> Database {
    let db = Database::memory(Schema::Prosopography);
    let mut draft = Draft::default();
    let mut problems = vec![];
    crate::ingest::files::read_text(
        "data/communist-university.toml",
        include_str!("../../data/communist-university.toml"),
        db.schema(),
        &mut draft,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    db.apply(draft, false, &mut |_, _| {}).unwrap();
    db
}

/// The generated archive of `persons` people (seed 1) in memory.
pub fn generated(persons: usize) -> Database {
    let mut jsonl = Vec::new();
    crate::generate::generate(persons, 1, &mut jsonl).unwrap();
    let db = Database::memory(Schema::Prosopography);
    let mut draft = Draft::default();
    let mut problems = vec![];
    let text = String::from_utf8(jsonl).unwrap();
    crate::ingest::files::read_text(
        "archive.jsonl",
        &text,
        db.schema(),
        &mut draft,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    db.apply(draft, false, &mut |_, _| {}).unwrap();
    db
}

/// The string with every character an XML or CSV writer must take care of.
pub const AWKWARD: &str = "<&>\"' a,b;c|d\ne\r\tf \u{0}\u{1b} Изак";

/// An open-schema graph: node `a` (labels `Person`, `Agent`) with values of
/// every type, node `b` with a conflicting `year`, node `c` without labels,
/// and two relationships (one with the fuzzy date `1931-09/1931-12`).
pub fn awkward() -> Database {
    let db = Database::memory(Schema::Open);
    let date = |s: &str| Value::date(Edtf::parse(s).unwrap());
    let props = |pairs: Vec<(&str, Value)>| -> Props {
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    };
    let s = |x: &str| Value::Str(x.into());
    let a = Node {
        pos: None,
        id: "a".into(),
        labels: vec!["Agent".into(), "Person".into()],
        props: props(vec![
            ("name", s(AWKWARD)),
            ("names", Value::List(vec![s("x;y"), s("z|w")])),
            ("year", Value::Int(1931)),
            ("weight", Value::Float(0.5)),
            ("alive", Value::Bool(false)),
            ("born", date("1898~")),
            (
                "extra",
                Value::Map([("k".to_string(), Value::Int(1))].into()),
            ),
            ("mixed", Value::List(vec![s("a"), Value::Int(2)])),
        ]),
    };
    let b = Node {
        pos: None,
        id: "b".into(),
        labels: vec!["Person".into()],
        props: props(vec![("year", s("1931?")), ("date", date("1931/.."))]),
    };
    let c = Node {
        pos: None,
        id: "c".into(),
        labels: vec![],
        props: props(vec![("title", s("Untitled"))]),
    };
    let ab = Rel {
        pos: None,
        id: "a>b".into(),
        rel_type: "ACCUSED".into(),
        start: "a".into(),
        end: "b".into(),
        props: props(vec![
            ("date", date("1931-09/1931-12")),
            ("note", s(AWKWARD)),
        ]),
    };
    let bc = Rel {
        pos: None,
        id: "b>c".into(),
        rel_type: "SAW IT".into(),
        start: "b".into(),
        end: "c".into(),
        props: props(vec![("n", Value::Int(-3))]),
    };
    let origin = Origin::at("test", 1);
    let mut draft = Draft::default();
    for item in [
        Item::Node(a),
        Item::Node(b),
        Item::Node(c),
        Item::Rel(ab),
        Item::Rel(bc),
    ] {
        draft.items.push((item, origin.clone()));
    }
    db.apply(draft, false, &mut |_, _| {}).unwrap();
    db
}

/// Numbers of nodes and relationships in a graph.
pub fn counts(g: &dyn GraphRead) -> (usize, usize) {
    (g.node_ids().unwrap().len(), g.rel_ids().unwrap().len())
}

/// Numbers of nodes and edges networkx reads from `path` with `reader`
/// (`read_graphml`, `read_gexf`); `None`, after printing
/// `skipped: networkx not found`, when python3 or networkx is missing.
/// A file networkx fails to read is a test failure.
pub fn networkx_counts(reader: &str, path: &std::path::Path) -> Option<(usize, usize)> {
    use std::process::Command;
    let probe = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("skipped: networkx not found");
        return None;
    }
    let script = format!(
        "import sys, networkx as nx; g = nx.{reader}(sys.argv[1]); \
         print(g.number_of_nodes(), g.number_of_edges())"
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "networkx {reader} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut it = stdout.split_whitespace().map(|x| x.parse().unwrap());
    Some((it.next().unwrap(), it.next().unwrap()))
}
