//! Tests of the streaming executor: early stop (counted in store reads),
//! bounded buffers under the row guard, top-k ORDER BY, UNION.

use crate::model::{Node, Props, Rel, Schema, Value};
use crate::query::{self, Limits, Options, QueryError, Val};
use crate::store::ChangeSet;
use crate::Database;

/// An open-schema chain of `n` nodes `:P {i}` linked by `ACCUSED`.
fn chain(n: usize) -> Database {
    let db = Database::memory(Schema::Open);
    let mut c = ChangeSet::default();
    for i in 0..n {
        let mut props = Props::new();
        props.insert("i".into(), Value::Int(i as i64));
        c.put_node(Node {
            pos: None,
            id: format!("n{i:05}").into(),
            labels: vec!["P".into()],
            props,
        });
        if i > 0 {
            c.put_rel(Rel {
                pos: None,
                id: format!("r{i}").into(),
                rel_type: "ACCUSED".into(),
                start: format!("n{:05}", i - 1).into(),
                end: format!("n{i:05}").into(),
                props: Default::default(),
            });
        }
    }
    db.commit(&c, &[], &mut |_, _| {}).unwrap();
    db
}

/// An open-schema star: node `hub` accusing `n` nodes `:P {i}`.
fn star(n: usize) -> Database {
    star_labelled(n, |_| vec!["P".into()])
}

/// A star whose node `i` has `labels(i)`.
fn star_labelled(n: usize, labels: impl Fn(usize) -> Vec<String>) -> Database {
    let db = Database::memory(Schema::Open);
    let mut c = ChangeSet::default();
    c.put_node(Node {
        pos: None,
        id: "hub".into(),
        labels: vec!["Hub".into()],
        props: Props::new(),
    });
    for i in 0..n {
        let mut props = Props::new();
        props.insert("i".into(), Value::Int(i as i64));
        c.put_node(Node {
            pos: None,
            id: format!("n{i:05}").into(),
            labels: labels(i).into_iter().map(Into::into).collect(),
            props,
        });
        c.put_rel(Rel {
            pos: None,
            id: format!("r{i:05}").into(),
            rel_type: "ACCUSED".into(),
            start: "hub".into(),
            end: format!("n{i:05}").into(),
            props: Default::default(),
        });
    }
    db.commit(&c, &[], &mut |_, _| {}).unwrap();
    db
}

fn opts(max_rows: usize) -> Options {
    Options {
        limits: Limits {
            max_rows,
            ..Limits::default()
        },
        ..Options::default()
    }
}

/// The rows of `text` and the store reads it made.
fn rows_and_reads(db: &Database, text: &str) -> (Vec<Vec<Val>>, u64) {
    let before = db.reads();
    let r = query::run(db, text, &Options::default()).unwrap();
    (r.rows, db.reads() - before)
}

fn ints(rows: &[Vec<Val>]) -> Vec<i64> {
    rows.iter()
        .map(|r| match r[0] {
            Val::Int(i) => i,
            ref v => panic!("not an int: {v:?}"),
        })
        .collect()
}

#[test]
fn limit_stops_the_scan_and_the_expansion_early() {
    let db = chain(3000);
    // (`count(n.i)`: a node only counted is not read at all.)
    let (all, scan_reads) = rows_and_reads(&db, "MATCH (n) RETURN count(n.i)");
    assert_eq!(all, vec![vec![Val::Int(3000)]]);
    assert!(scan_reads >= 3000, "a full scan made {scan_reads} reads");

    let (one, one_reads) = rows_and_reads(&db, "MATCH (n) RETURN n LIMIT 1");
    assert_eq!(one.len(), 1);
    assert!(one_reads < 50, "LIMIT 1 made {one_reads} reads");

    let (three, hop_reads) =
        rows_and_reads(&db, "MATCH (a)-[:ACCUSED]->(b) RETURN a.i, b.i LIMIT 3");
    assert_eq!(three.len(), 3);
    assert!(hop_reads < 100, "LIMIT 3 over a hop made {hop_reads} reads");

    let (labelled, label_reads) =
        rows_and_reads(&db, "MATCH (n:P) WHERE n.i >= 10 RETURN n.i LIMIT 2");
    assert_eq!(ints(&labelled), vec![10, 11]);
    assert!(
        label_reads < 100,
        "a filtered LIMIT made {label_reads} reads"
    );

    eprintln!("store reads: full scan {scan_reads}, LIMIT 1 {one_reads}, hop LIMIT 3 {hop_reads}, filtered LIMIT 2 {label_reads}");
    let (_, exists_reads) = rows_and_reads(&db, "RETURN exists((:P)-[:ACCUSED]->())");
    assert!(exists_reads < 50, "exists() made {exists_reads} reads");
}

#[test]
fn limit_stops_expanding_a_node_with_many_relationships() {
    let db = star(3000);
    let (all, all_reads) = rows_and_reads(&db, "MATCH (h:Hub)-[:ACCUSED]->(b) RETURN count(b.i)");
    assert_eq!(all, vec![vec![Val::Int(3000)]]);
    let (two, two_reads) = rows_and_reads(&db, "MATCH (h:Hub)-[:ACCUSED]->(b) RETURN b.i LIMIT 2");
    assert_eq!(ints(&two), vec![0, 1]);
    eprintln!("store reads: all {all_reads}, LIMIT 2 {two_reads}");
    // The anonymous relationships are not read, the 3000 far nodes are.
    assert!(all_reads > 3000, "expanding the hub made {all_reads} reads");
    assert!(two_reads < 50, "LIMIT 2 made {two_reads} reads");
}

#[test]
fn the_row_guard_counts_rows_held_not_rows_streamed() {
    let db = chain(3000);
    let small = opts(100);
    // Streaming and grouping hold few rows.
    let r = query::run(&db, "MATCH (n) RETURN n.i LIMIT 5", &small).unwrap();
    assert_eq!(ints(&r.rows), vec![0, 1, 2, 3, 4]);
    let r = query::run(&db, "MATCH (n) RETURN count(*)", &small).unwrap();
    assert_eq!(r.rows, vec![vec![Val::Int(3000)]]);
    let r = query::run(
        &db,
        "MATCH (n) WITH n.i % 7 AS k, count(*) AS c RETURN sum(c)",
        &small,
    )
    .unwrap();
    assert_eq!(r.rows, vec![vec![Val::Int(3000)]]);
    // ORDER BY with LIMIT keeps only the best rows.
    let r = query::run(
        &db,
        "MATCH (n) RETURN n.i ORDER BY n.i DESC SKIP 2 LIMIT 3",
        &small,
    )
    .unwrap();
    assert_eq!(ints(&r.rows), vec![2997, 2996, 2995]);
    // A full sort, a large DISTINCT and a large result must hold every row.
    for text in [
        "MATCH (n) RETURN n.i ORDER BY n.i",
        "MATCH (n) WITH DISTINCT n.i AS i RETURN count(i)",
        "MATCH (n) RETURN n.i",
    ] {
        let err = query::run(&db, text, &small).unwrap_err();
        assert!(matches!(err, QueryError::TooManyRows(100)), "{text}: {err}");
    }
}

#[test]
fn top_k_order_by_equals_a_full_sort_with_ties_in_input_order() {
    let db = chain(500);
    let full = query::run(
        &db,
        "MATCH (n) RETURN n.i % 10 AS k, n.i ORDER BY k DESC",
        &Options::default(),
    )
    .unwrap();
    for (skip, limit) in [(0, 1), (0, 7), (3, 40), (95, 10), (490, 30)] {
        let r = query::run(
            &db,
            &format!(
                "MATCH (n) RETURN n.i % 10 AS k, n.i ORDER BY k DESC SKIP {skip} LIMIT {limit}"
            ),
            &Options::default(),
        )
        .unwrap();
        let want: Vec<_> = full.rows.iter().skip(skip).take(limit).cloned().collect();
        assert_eq!(r.rows, want, "SKIP {skip} LIMIT {limit}");
    }
}

#[test]
fn union_parts_stream_and_deduplicate_like_a_table() {
    let db = chain(1);
    let run = |text: &str| ints(&query::run(&db, text, &Options::default()).unwrap().rows);
    let a = "UNWIND [1, 1, 2] AS x RETURN x";
    let b = "UNWIND [2, 3, 3] AS x RETURN x";
    let c = "UNWIND [3, 4, 4] AS x RETURN x";
    assert_eq!(run(&format!("{a} UNION ALL {b}")), vec![1, 1, 2, 2, 3, 3]);
    assert_eq!(run(&format!("{a} UNION {b}")), vec![1, 2, 3]);
    assert_eq!(run(&format!("{a} UNION ALL {b} UNION ALL {c}")).len(), 9);
    assert_eq!(run(&format!("{a} UNION {b} UNION {c}")), vec![1, 2, 3, 4]);
}

#[test]
fn for_each_hands_rows_over_one_at_a_time() {
    let db = chain(10);
    let q = query::parse("MATCH (n) RETURN n.i AS i ORDER BY i DESC LIMIT 3").unwrap();
    let graph = db.graph();
    let mut ctx = query::context::Ctx::new(
        &graph,
        db.schema(),
        Default::default(),
        Limits::default(),
        false,
    );
    let mut seen = Vec::new();
    let columns = super::for_each(&mut ctx, &q, &mut |_, cols, row| {
        assert_eq!(cols, ["i"]);
        seen.push(row);
        Ok(())
    })
    .unwrap();
    assert_eq!(columns, ["i"]);
    assert_eq!(ints(&seen), vec![9, 8, 7]);
}

#[test]
fn run_each_streams_and_commits_writes() {
    let db = chain(5);
    let mut seen = Vec::new();
    let (columns, report) = query::run_each(
        &db,
        "MATCH (n) RETURN n.i AS i",
        &Options::default(),
        &mut |_, _, row| {
            seen.push(row);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(columns, ["i"]);
    assert_eq!(ints(&seen), vec![0, 1, 2, 3, 4]);
    assert!(report.is_none());

    // A sink that fails stops the query.
    let mut calls = 0;
    let err = query::run_each(
        &db,
        "MATCH (n) RETURN n",
        &Options::default(),
        &mut |_, _, _| {
            calls += 1;
            Err(QueryError::Interrupted)
        },
    )
    .unwrap_err();
    assert!(matches!(err, QueryError::Interrupted));
    assert_eq!(calls, 1);

    let write = Options {
        write: true,
        ..Options::default()
    };
    let mut seen = Vec::new();
    let (_, report) = query::run_each(
        &db,
        "CREATE (n:P {i: 99}) RETURN n.i",
        &write,
        &mut |_, _, row| {
            seen.push(row);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(ints(&seen), vec![99]);
    assert!(report.is_some());
    let r = query::run(
        &db,
        "MATCH (n:P {i: 99}) RETURN count(*)",
        &Options::default(),
    )
    .unwrap();
    assert_eq!(r.rows, vec![vec![Val::Int(1)]]);
}

#[test]
fn a_one_shot_query_answers_as_any_other() {
    let db = star(50);
    let text = "MATCH (h:Hub)-[r:ACCUSED]->(b) RETURN count(r), collect(b.i)[0..3]";
    let kept = crate::query::run(&db, text, &Options::default()).unwrap();
    let one_shot = Options {
        exit_after: true,
        ..Options::default()
    };
    let left = crate::query::run(&db, text, &one_shot).unwrap();
    assert_eq!(kept.rows, left.rows);
    assert_eq!(kept.rows[0][0], Val::Int(50));
    // Writes are never skipped: a one-shot write still commits.
    let write = Options {
        exit_after: true,
        write: true,
        ..Options::default()
    };
    let r = crate::query::run(&db, "MATCH (h:Hub) SET h.seen = true", &write).unwrap();
    assert_eq!(r.report.map(|r| r.updated), Some(1));
}

/// While a query has written nothing it reads the read file by position;
/// once it writes, by id (writes wait for all their input rows, so one
/// MATCH reads one way). Both ways give the same answers, also to nodes
/// read by position before the write and matched from after it.
#[test]
fn a_match_answers_alike_before_and_after_its_query_writes() {
    let ask = |text: &str| {
        let db = chain(12);
        let write = Options {
            write: true,
            ..Options::default()
        };
        let mut rows: Vec<(i64, i64)> = query::run(&db, text, &write)
            .unwrap()
            .rows
            .iter()
            .map(|r| match (&r[0], &r[1]) {
                (Val::Int(a), Val::Int(c)) => (*a, *c),
                other => panic!("{other:?}"),
            })
            .collect();
        rows.sort();
        rows
    };
    for pattern in [
        "(a:P)-[r1:ACCUSED]-(b)-[r2:ACCUSED]-(c)",
        "(a:P)-[r1:ACCUSED]-(b)-[:ACCUSED]-(c)",
        "(a:P)-[:ACCUSED*1..3]-(c)",
        "(a:P), (c:P) WHERE a.i + 2 = c.i",
        "p = shortestPath((a:P {i: 2})-[:ACCUSED*..4]-(c:P))",
    ] {
        let read = ask(&format!("MATCH {pattern} RETURN a.i, c.i"));
        let written = ask(&format!(
            "CREATE (:Q) WITH count(*) AS w MATCH {pattern} RETURN a.i, c.i"
        ));
        assert!(!read.is_empty(), "{pattern}");
        assert_eq!(read, written, "{pattern}");
    }
    // A relationship is used once per MATCH, also when the MATCH starts
    // from a node read by position before the write.
    for text in [
        "MATCH (a:P {i: 3})-[r1:ACCUSED]-(b)-[r2:ACCUSED]-(c) RETURN a.i, c.i",
        "CREATE (:Q) WITH count(*) AS w \
         MATCH (a:P {i: 3})-[r1:ACCUSED]-(b)-[r2:ACCUSED]-(c) RETURN a.i, c.i",
        "MATCH (a:P {i: 3}) CREATE (:Q) WITH a \
         MATCH (a)-[r1:ACCUSED]-(b)-[r2:ACCUSED]-(c) RETURN a.i, c.i",
    ] {
        assert_eq!(ask(text), vec![(3, 1), (3, 5)], "{text}");
    }
}

/// Labels of nodes bound without their records are asked of the label
/// index: by a search at first, then of a bitmap; both answer alike.
#[test]
fn labels_of_unread_nodes_answer_alike_by_search_and_by_bitmap() {
    let labels = |i: usize| match i % 3 {
        0 => vec!["P".to_string()],
        1 => vec!["P".to_string(), "Q".to_string()],
        _ => vec!["Q".to_string()],
    };
    let db = star_labelled(1000, labels);
    for label in ["P", "Q", "Hub", "Nothing"] {
        let expect = (0..1000)
            .filter(|&i| labels(i).iter().any(|l| l == label))
            .count() as i64;
        // `count(b)` leaves b unread; `count(b.i)` reads every b.
        let unread = format!("MATCH (:Hub)-[:ACCUSED]->(b:{label}) RETURN count(b)");
        let read = format!("MATCH (:Hub)-[:ACCUSED]->(b:{label}) RETURN count(b.i)");
        let (rows, reads) = rows_and_reads(&db, &unread);
        assert_eq!(ints(&rows), [expect], "{label}");
        // (The hub is read as the start; none of the thousand ends.)
        assert!(reads < 10, "{label}: {reads}");
        assert_eq!(ints(&rows_and_reads(&db, &read).0), [expect], "{label}");
    }
}
