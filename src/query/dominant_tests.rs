//! The thinning rule on query shapes, and thinned answers against the same
//! questions asked so that the rule leaves them alone.

use super::plan;
use crate::model::Schema;
use crate::query::parser::parse;
use crate::query::{run, Options, QueryError, Val};
use crate::render::test_graph::generated;
use crate::Database;

/// The key and direction planned for the first MATCH of `text`.
fn planned(text: &str) -> Option<(Vec<String>, bool)> {
    let q = parse(text).unwrap();
    plan(&q.parts[0].clauses, 0).map(|d| (d.key, d.least))
}

const Q4: &str = "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) \
                  WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)";

#[test]
fn rows_differing_only_in_a_compared_bound_are_thinned() {
    let keyed = |k: &[&str], least| Some((k.iter().map(|s| s.to_string()).collect(), least));
    assert_eq!(planned(Q4), keyed(&["p", "r2"], true));
    for (text, key, least) in [
        // Bound on the left, and the other direction.
        (
            "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r1.date) < earliest(r2.date) RETURN DISTINCT p",
            &["p", "r2"][..],
            true,
        ),
        (
            "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE latest(r1.date) >= latest(r2.date) RETURN DISTINCT p.id",
            &["p", "r2"],
            false,
        ),
        (
            "MATCH (p)-[r1]->() MATCH (p)<-[r2]-(q) WHERE date('1936') <= earliest(r1.date) AND q.x = 1 RETURN max(p.born)",
            &["p", "q", "r2"],
            false,
        ),
        // A named node nothing later reads is no part of the key.
        (
            "MATCH (p)-[r1]->(x) MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)",
            &["p", "r2"],
            true,
        ),
        (
            "MATCH (p)-[r1]->(x) MATCH ()-[r2 {k: x.k}]->(p) WHERE earliest(r2.date) > earliest(r1.date) WITH DISTINCT p RETURN p",
            &["p", "r2", "x"],
            true,
        ),
    ] {
        assert_eq!(planned(text), keyed(key, least), "{text}");
    }
    for no in [
        // The bound's variable read elsewhere after the MATCH.
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p, r1",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) AND r1.x = 1 RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2 {k: r1.k}]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p), ()-[r1]->() WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) + latest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p ORDER BY r1.x",
        // Not an order comparison, or not a date bound.
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) = earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE r2.n > r1.n RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE year(r2.date) > year(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE NOT earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) OR p.x RETURN DISTINCT p",
        // The answer counts repeated rows, or the next MATCH is optional.
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN count(p)",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN p",
        "MATCH (p)-[r1]->() OPTIONAL MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "OPTIONAL MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        // What the analysis does not look into.
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) AND (p)-->() RETURN DISTINCT p",
        "MATCH (p)-[r1]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) AND size([x IN [r1] WHERE x.k]) > 0 RETURN DISTINCT p",
        // No MATCH after it.
        "MATCH (p)-[r1]->() WHERE earliest(r1.date) > date('1930') RETURN DISTINCT p",
        "MATCH (p)-[r1]->() WITH p, r1 MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
    ] {
        assert_eq!(planned(no), None, "{no}");
    }
}

/// The answers of `text` followed by `tail`, and of the same with
/// `count(DISTINCT r1)` added (which reads `r1`, so the rule leaves it
/// alone), without that column.
fn both(db: &Database, text: &str, tail: &str) -> (Vec<Vec<Val>>, Vec<Vec<Val>>) {
    let ask = |t: &str| run(db, t, &Options::default()).unwrap().rows;
    let thinned = ask(&format!("{text} RETURN {tail}"));
    let mut all = ask(&format!("{text} RETURN {tail}, count(DISTINCT r1)"));
    all.iter_mut().for_each(|r| {
        r.pop();
    });
    (thinned, all)
}

#[test]
fn thinned_rows_answer_as_every_row() {
    let db = generated(300);
    let tails = "count(DISTINCT p), min(p.id), max(p.id), collect(DISTINCT p.id)";
    for text in [
        "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) WHERE earliest(r2.date) > earliest(r1.date)",
        "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) WHERE earliest(r1.date) <= earliest(r2.date)",
        "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) WHERE latest(r2.date) < latest(r1.date)",
        "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) WHERE latest(r1.date) > earliest(r2.date)",
        "MATCH (p:Person)-[r1]->() MATCH (p)-[r2:MEMBER_OF]->() WHERE earliest(r1.date) >= earliest(r2.date) AND r2.role <> 'student'",
        "MATCH (p:Person)-[r1]->(x) MATCH (p)-[r2]->() WHERE earliest(r1.date) > date('1937-03-01')",
        "MATCH (p:Person)-[r1:MEMBER_OF]->(i) MATCH (i)<-[r2:MEMBER_OF]-(q) WHERE latest(r1.date) < '1934' AND q <> p",
        // Walked on the adjacency: labels at the far end (relationships to
        // other nodes are no matches), the start reached from the far side.
        "MATCH (p:Person)-[r1]->(:Person) MATCH (p)-[r2:MEMBER_OF]->() WHERE earliest(r1.date) > earliest(r2.date)",
        "MATCH ()<-[r1:ACCUSED]-(p:Person) MATCH ()-[r2:ACCUSED]->(p) WHERE earliest(r2.date) > earliest(r1.date)",
    ] {
        assert!(planned(&format!("{text} RETURN count(DISTINCT p)")).is_some(), "{text}");
        let (thinned, all) = both(&db, text, tails);
        assert_eq!(thinned, all, "{text}");
        assert!(matches!(thinned[0][0], Val::Int(n) if n > 5), "{text}: {thinned:?}");
    }
    let distinct = "MATCH (p:Person)-[r1:ACCUSED]->(v) MATCH (v)-[r2:ACCUSED]->(p) \
                    WHERE earliest(r2.date) > earliest(r1.date)";
    let (thinned, all) = both(&db, distinct, "DISTINCT p.id AS id, v.id");
    assert_eq!(thinned, all);
}

/// Bounds that are null, dates written as text, and values that are no
/// date: a null bound never passes, the others are judged by the WHERE as
/// without the rule (here: the same error).
#[test]
fn null_text_and_wrong_bounds_answer_as_every_row() {
    let db = Database::memory(Schema::Open);
    let write = Options {
        write: true,
        ..Options::default()
    };
    let create = "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P {id: 'c'}), (d:P {id: 'd'}), \
                  (a)-[:A {date: date('1931-10')}]->(b), (a)-[:A]->(c), (a)-[:A {date: '1930?'}]->(d), \
                  (b)-[:A {date: date('1931-11')}]->(a), (c)-[:A]->(a), \
                  (b)-[:A]->(c), (d)-[:A {date: date('1935')}]->(b), \
                  (c)-[:A {date: '1933'}]->(d), (c)-[:A {date: date('1932')}]->(b)";
    run(&db, create, &write).unwrap();
    let text =
        "MATCH (p:P)-[r1:A]->() MATCH ()-[r2:A]->(p) WHERE earliest(r2.date) > earliest(r1.date)";
    let (thinned, all) = both(&db, text, "collect(DISTINCT p.id)");
    assert_eq!(thinned, all);
    let ids = Val::List(
        ["a", "b"]
            .iter()
            .map(|s| Val::str(s))
            .collect::<Vec<_>>()
            .into(),
    );
    assert_eq!(thinned, vec![vec![ids]]);
    run(
        &db,
        "MATCH (d {id: 'd'}) CREATE (d)-[:A {date: 1931}]->(:P)",
        &write,
    )
    .unwrap();
    let ask = |t: &str| run(&db, t, &Options::default()).map(|r| r.rows);
    let wrong = ask(&format!("{text} RETURN count(DISTINCT p)"));
    let wrong_all = ask(&format!(
        "{text} RETURN count(DISTINCT p), count(DISTINCT r1)"
    ));
    assert!(matches!(wrong, Err(QueryError::Type(_))), "{wrong:?}");
    assert!(
        matches!(wrong_all, Err(QueryError::Type(_))),
        "{wrong_all:?}"
    );
}

/// Whether the first MATCH of `text` is walked on the adjacency
/// ([`crate::query::ops::best_hop`]).
fn walked(text: &str) -> bool {
    use crate::query::ast::Clause;
    let q = parse(text).unwrap();
    let clauses = &q.parts[0].clauses;
    let Clause::Match(m) = &clauses[0] else {
        panic!("{text}");
    };
    let plan = plan(clauses, 0).unwrap();
    crate::query::ops::best_hop::best_of(m, &plan).is_some()
}

#[test]
fn a_plain_first_hop_whose_relationship_is_thinned_is_walked() {
    let tail = "MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p";
    for yes in [
        "MATCH (p:Person)-[r1:ACCUSED]->()",
        "MATCH (p:Person)-[r1]->(x)",
        "MATCH ()<-[r1:ACCUSED]-(p:Person)",
    ] {
        assert!(walked(&format!("{yes} {tail}")), "{yes}");
    }
    for no in [
        // The far node is read later (here the matcher would start at the
        // labelled `x`), the thinned variable is a node, the hop is not plain.
        "MATCH (p)-[r1]->(x:Event) MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->(x) MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p, x",
        "MATCH (p)-[r]->(r1) MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]-() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1:A|B]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1 {k: 1}]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->()-->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1]->(), (q) MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
        "MATCH (p)-[r1*1..2]->() MATCH ()-[r2]->(p) WHERE earliest(r2.date) > earliest(r1.date) RETURN DISTINCT p",
    ] {
        assert!(!walked(no), "{no}");
    }
}
