//! Runaway queries: a cartesian product or an unbounded `*` over a large
//! graph stops with a clear error (row guard, time limit, Ctrl-C) instead of
//! hanging or eating all memory, and damages nothing.

use crate::common::{dump, run};
use prosopo::model::{Node, Rel};
use prosopo::query::{self, Limits, Options, QueryError};
use prosopo::store::ChangeSet;
use prosopo::{Database, Schema};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An open-schema graph in memory: `n` nodes in a ring with chords.
fn big_graph(n: usize) -> Database {
    let db = Database::memory(Schema::Open);
    let mut c = ChangeSet::default();
    for i in 0..n {
        c.put_node(Node {
            pos: None,
            id: format!("n{i}").into(),
            labels: vec!["P".into()],
            props: Default::default(),
        });
        for (k, step) in [1usize, 7].iter().enumerate() {
            c.put_rel(Rel {
                pos: None,
                id: format!("r{i}-{k}").into(),
                rel_type: "ACCUSED".into(),
                start: format!("n{i}").into(),
                end: format!("n{}", (i + step) % n).into(),
                props: Default::default(),
            });
        }
    }
    db.commit(&c, &[], &mut |_, _| {}).unwrap();
    db
}

fn opts(timeout: u64) -> Options {
    // A lower row guard than the default keeps the test quick; the guard is what is tested.
    Options {
        limits: Limits {
            timeout: Duration::from_secs(timeout),
            max_rows: 200_000,
            ..Limits::default()
        },
        ..Options::default()
    }
}

#[test]
fn runaway_queries_on_100k_nodes_stop_with_a_clear_error() {
    let db = big_graph(100_000);
    let start = Instant::now();
    let err = query::run(&db, "MATCH (a), (b) RETURN count(*)", &opts(20)).unwrap_err();
    assert!(
        matches!(err, QueryError::TooManyRows(_) | QueryError::Timeout(_)),
        "{err}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );

    let start = Instant::now();
    let err = query::run(&db, "MATCH p = (a)-[*]->(b) RETURN count(p)", &opts(2)).unwrap_err();
    assert!(
        matches!(err, QueryError::TooManyRows(_) | QueryError::Timeout(_)),
        "{err}"
    );
    assert!(
        err.to_string().contains("LIMIT") || err.to_string().contains("--timeout"),
        "{err}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );

    // A bounded question from a known start still answers at once.
    let r = query::run(
        &db,
        "MATCH (a)-[:ACCUSED*1..2]->(b) WHERE id(a) = 'n5' RETURN count(DISTINCT b)",
        &opts(20),
    )
    .unwrap();
    assert_eq!(r.rows[0][0], prosopo::query::Val::Int(5));
}

#[test]
fn an_interrupt_stops_a_running_query() {
    let db = big_graph(20_000);
    let flag = Arc::new(AtomicBool::new(false));
    let mut o = opts(600);
    o.limits.interrupt = Some(flag.clone());
    let f = flag.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        f.store(true, Ordering::Relaxed);
    });
    let start = Instant::now();
    let err = query::run(&db, "MATCH p = (a)-[*]->(b) RETURN count(p)", &o).unwrap_err();
    t.join().unwrap();
    assert!(
        matches!(err, QueryError::Interrupted | QueryError::TooManyRows(_)),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn ctrl_c_and_timeout_stop_the_cli_and_leave_the_database_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut jsonl = String::new();
    for i in 0..300 {
        jsonl += &format!(
            "{{\"type\":\"node\",\"id\":\"n{i}\",\"labels\":[\"P\"],\"properties\":{{}}}}\n"
        );
        for step in [1, 3, 7] {
            jsonl += &format!(
                "{{\"type\":\"relationship\",\"id\":\"r{i}-{step}\",\"label\":\"KNOWS\",\"start\":{{\"id\":\"n{i}\"}},\"end\":{{\"id\":\"n{}\"}},\"properties\":{{}}}}\n",
                (i + step) % 300
            );
        }
    }
    let file = dir.path().join("g.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    assert!(
        run(
            dir.path(),
            &db,
            &["--schema", "open", "-q", "import", file.to_str().unwrap()]
        )
        .0
    );
    let before = dump(dir.path(), &db);

    let (ok, _, err) = run(
        dir.path(),
        &db,
        &[
            "query",
            "MATCH p = (a)-[*]->(b) RETURN count(p)",
            "--timeout",
            "1",
        ],
    );
    assert!(
        !ok && (err.contains("query stopped after 1 s") || err.contains("rows in flight")),
        "{err}"
    );

    let child = std::process::Command::new(env!("CARGO_BIN_EXE_prosopo"))
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args([
            "query",
            "MATCH (a), (b), (c) WHERE a.x = 1 RETURN count(*)",
            "--timeout",
            "600",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("query interrupted"),
        "{err}"
    );
    assert_eq!(before, dump(dir.path(), &db));
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
}

/// The row guard's limit can be raised for one query (a sort of a whole
/// large archive holds every row), and the error says how.
#[test]
fn max_rows_raises_the_row_guard_for_one_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let sorted = "UNWIND range(1, 50) AS x RETURN x ORDER BY x DESC";
    let (ok, _, err) = run(dir.path(), &db, &["query", sorted, "--max-rows", "20"]);
    assert!(!ok, "20 rows cannot hold a sort of 50");
    assert!(err.contains("more than 20 rows in flight"), "{err}");
    assert!(
        err.contains("--max-rows"),
        "the error says how to raise it: {err}"
    );
    let (ok, out, err) = run(
        dir.path(),
        &db,
        &["query", sorted, "--max-rows", "50", "--format", "csv"],
    );
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 51, "{out}");
    assert!(out.lines().nth(1) == Some("50"), "{out}");
    let (ok, _, err) = run(dir.path(), &db, &["query", "RETURN 1", "--max-rows", "0"]);
    assert!(
        !ok && err.contains("--max-rows must be at least 1"),
        "{err}"
    );
}
