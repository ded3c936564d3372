//! One-hop counts from the adjacency against the general grouping (the
//! same query with `WHERE true`, which the adjacency leaves alone).

use super::shape;
use crate::query::aggregate::{contains_aggregate, is_aggregate, visit};
use crate::query::ast::{Clause, Expr};
use crate::query::parser::parse;
use crate::query::{self, Options};
use crate::render::test_graph::generated;
use crate::Database;

/// Whether the adjacency answers the counts of `text` (MATCH, RETURN).
fn answered(text: &str) -> bool {
    let q = parse(text).unwrap();
    let [Clause::Match(m), Clause::Return(p)] = q.parts[0].clauses.as_slice() else {
        panic!("{text}");
    };
    let items: Vec<Expr> = p.items.iter().map(|i| i.expr.clone()).collect();
    let keys: Vec<&Expr> = items.iter().filter(|e| !contains_aggregate(e)).collect();
    let mut aggs = Vec::new();
    for e in &items {
        visit(e, &mut |x| {
            let agg = matches!(x, Expr::CountStar)
                || matches!(x, Expr::FnCall { name, .. } if is_aggregate(&name.to_lowercase()));
            if agg {
                aggs.push(x.clone());
            }
        });
    }
    shape(m, &keys, &aggs).is_some()
}

fn table(db: &Database, text: &str) -> Vec<String> {
    let out = query::run(db, text, &Options::default()).unwrap();
    out.rows.iter().map(|r| format!("{r:?}")).collect()
}

/// `text` with `WHERE true` after its MATCH pattern.
fn general(text: &str) -> String {
    let (m, rest) = text.split_once(" RETURN ").unwrap();
    format!("{m} WHERE true RETURN {rest}")
}

const COUNTED: [&str; 9] = [
    "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b.id, count(DISTINCT a)",
    "MATCH (a:Person)-[r:ACCUSED]->(b) RETURN a, count(*), count(r), count(DISTINCT b), count(DISTINCT r), count(DISTINCT a)",
    "MATCH (b:Person)<-[:ACCUSED]-(a:Person) RETURN b.id AS id, count(DISTINCT a) AS n ORDER BY n DESC, id LIMIT 10",
    "MATCH (a)-[r]->(e:Event) RETURN count(*), count(DISTINCT a), count(DISTINCT e) + 1",
    "MATCH (p:Person)-[:PARTICIPATED_IN]->(e:Event) RETURN count(DISTINCT p), count(DISTINCT e), count(p)",
    "MATCH (e:Event)<-[:PARTICIPATED_IN]-(p:Person) RETURN e.id, e, COUNT(DISTINCT p) AS n ORDER BY n DESC LIMIT 5",
    "MATCH (a:Person)-[:NO_SUCH]->(b) RETURN count(*), count(DISTINCT b)",
    "MATCH (a:Person)-[:NO_SUCH]->(b) RETURN b, count(*)",
    "MATCH (x:Institution)<-[:MEMBER_OF]-(p:Person) RETURN x.id, count(DISTINCT p), count(*)",
];

#[test]
fn counts_from_the_adjacency_answer_as_the_general_grouping_in_its_order() {
    let db = generated(300);
    for text in COUNTED {
        assert!(answered(text), "{text}");
        let (fast, slow) = (table(&db, text), table(&db, &general(text)));
        assert_eq!(fast, slow, "{text}");
    }
    // Parallel relationships: more matches than distinct ends.
    let counts = table(&db, COUNTED[1]);
    assert!(counts.len() > 10);
    assert_eq!(table(&db, COUNTED[6]), ["[Int(0), Int(0)]"]);
    assert!(table(&db, COUNTED[7]).is_empty());
}

#[test]
fn other_shapes_are_left_to_the_general_grouping() {
    for text in [
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) WHERE a.id <> 'x' RETURN b.id, count(*)",
        "MATCH (a:Person)-[:ACCUSED]-(b:Person) RETURN b.id, count(*)",
        "MATCH (a:Person)-[:ACCUSED*1..2]->(b:Person) RETURN b.id, count(*)",
        "MATCH (a:Person)-[:ACCUSED|AT]->(b) RETURN b.id, count(*)",
        "MATCH (a:Person {name: 'x'})-[:ACCUSED]->(b) RETURN b.id, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b.name, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN a.id, b.id, count(*)",
        "MATCH (a:Person)-[r:ACCUSED]->(b:Person) RETURN r, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b, count(a.name)",
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b, collect(a)",
        "MATCH (a:Person)-[:ACCUSED]->(a) RETURN a, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b)-[:AT]->(e) RETURN b, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b), (c) RETURN b, count(*)",
        "MATCH p = (a:Person)-[:ACCUSED]->(b) RETURN b, count(*)",
        "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN 1, count(*)",
    ] {
        assert!(!answered(text), "{text}");
    }
}
