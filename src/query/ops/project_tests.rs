//! Grouping by element position (a read-only query) against the same
//! grouping worked out here from the ungrouped rows.

use crate::model::Value;
use crate::query::{self, Options, Val};
use crate::render::test_graph::generated;
use crate::store::{ChangeSet, GraphRead};
use crate::Database;

/// The rows of a read-only query, as text.
fn rows(db: &Database, text: &str) -> Vec<Vec<String>> {
    let out = query::run(db, text, &Options::default()).unwrap();
    (out.rows.iter())
        .map(|r| r.iter().map(|v| format!("{v:?}")).collect())
        .collect()
}

/// Groups `pairs` (key, item) in order of first sight, counting the
/// distinct items of each key.
fn count_distinct(pairs: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for pair in pairs {
        let (key, item) = (pair[0].clone(), pair[1].clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, items)) if items.contains(&item) => {}
            Some((_, items)) => items.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    (groups.into_iter())
        .map(|(k, items)| vec![k, format!("{:?}", Val::Int(items.len() as i64))])
        .collect()
}

#[test]
fn grouping_by_id_and_distinct_elements_by_position_answer_as_by_value() {
    let db = generated(300);
    let pattern = "MATCH (a:Person)-[r:ACCUSED]->(b:Person)";
    for (key, item) in [("b.id", "a"), ("b", "a"), ("b.id", "r"), ("b.name", "a.id")] {
        let grouped = rows(
            &db,
            &format!("{pattern} RETURN {key}, count(DISTINCT {item})"),
        );
        let expect = count_distinct(rows(&db, &format!("{pattern} RETURN {key}, {item}")));
        assert!(expect.len() > 3, "{key}");
        assert_eq!(grouped, expect, "{key}, {item}");
    }
}

/// A property named `id` is what `n.id` gives: a node whose `id` property
/// names another node falls into that node's group, also when groups were
/// keyed by position before it was met, and also when the adjacency counts
/// (see [`super::one_hop`]).
#[test]
fn an_id_property_naming_another_node_joins_its_group() {
    let db = generated(300);
    let accused = "MATCH (:Person)-[:ACCUSED]->(n:Person)";
    let ids = format!("{accused} RETURN DISTINCT n.id");
    let ids = query::run(&db, &ids, &Options::default()).unwrap();
    let ids: Vec<String> = (ids.rows.iter())
        .map(|r| crate::query::functions::to_string(&r[0]))
        .collect();
    let (first, last) = (&ids[0], &ids[ids.len() - 1]);
    // (Queries cannot set `id`; a store written otherwise may hold one.)
    let mut node = db.graph().node(last).unwrap().unwrap();
    node.props.insert("id".into(), Value::Str(first.into()));
    let mut change = ChangeSet::default();
    change.put_node(node);
    db.commit(&change, &[], &mut |_, _| {}).unwrap();
    let pairs = rows(&db, "MATCH (n:Person) RETURN n.id, n");
    let grouped = rows(&db, "MATCH (n:Person) RETURN n.id, count(DISTINCT n)");
    assert_eq!(grouped, count_distinct(pairs));
    assert_eq!(
        grouped.len(),
        rows(&db, "MATCH (n:Person) RETURN n").len() - 1
    );
    let counted = rows(&db, &format!("{accused} RETURN n.id, count(*)"));
    let general = rows(&db, &format!("{accused} WHERE true RETURN n.id, count(*)"));
    assert_eq!(counted, general);
    assert_eq!(counted.len(), ids.len() - 1);
}
