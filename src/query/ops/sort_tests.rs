//! `ORDER BY x.date` of elements bound without their records (compared by
//! the read file's date ranks) sorts exactly as the general path, which
//! reads every record, does: for every kind of date, ties on bounds,
//! equal dates, dates as text or numbers, no date, descending, and the
//! partial sort of a LIMIT.

use crate::date::Edtf;
use crate::model::{Node, Props, Rel, Schema, Value};
use crate::query::value::Val;
use crate::query::{self, Options};
use crate::store::ChangeSet;
use crate::Database;

const DATES: [&str; 12] = [
    "1937",
    "1937?",
    "1937~",
    "1937-XX",
    "1936-05",
    "1938-01-02",
    "1930/1940",
    "../1935",
    "1932-03-12/..",
    "[1932,1934]",
    "1931-11?",
    "Y170000002",
];

/// The `date` of element `i`: mostly stored dates (each used by several
/// elements), some text, a number, or none.
fn date(i: usize) -> Option<Value> {
    match i % 17 {
        13 => Some(Value::Str("1931".into())),
        14 => Some(Value::Int(1935)),
        15 => None,
        _ => Some(Value::date(Edtf::parse(DATES[i % DATES.len()]).unwrap())),
    }
}

/// A prosopography database (where `e.id` is the element's id) of these
/// elements, committed as given.
fn database() -> Database {
    let db = Database::memory(Schema::Prosopography);
    let mut c = ChangeSet::default();
    for id in ["a", "b"] {
        c.put_node(Node {
            id: id.into(),
            labels: vec!["P".into()],
            ..Node::default()
        });
    }
    for i in 0..150 {
        let mut props = Props::new();
        props.insert("i".into(), Value::Int(i as i64));
        if let Some(d) = date(i) {
            props.insert("date".into(), d);
        }
        c.put_node(Node {
            id: format!("e{:03}", (i * 37) % 150).into(),
            // `D`: those with a stored date (sorted by ranks alone).
            labels: match props.get("date") {
                Some(Value::Date(_)) => vec!["E".into(), "D".into()],
                _ => vec!["E".into()],
            },
            props: props.clone(),
            pos: None,
        });
        // `earliest` refuses a number: the relationships have none.
        if matches!(props.get("date"), Some(Value::Int(_))) {
            props.remove("date");
        }
        c.put_rel(Rel {
            id: format!("r{:03}", (i * 53) % 150).into(),
            // `S`: those with a stored date.
            rel_type: match props.get("date") {
                Some(Value::Date(_)) => "S",
                _ => "R",
            }
            .into(),
            start: "a".into(),
            end: "b".into(),
            props,
            pos: None,
        });
    }
    db.commit(&c, &[], &mut |_, _| {}).unwrap();
    db
}

/// Rows and read calls of `q`.
fn run(db: &Database, q: &str) -> (Vec<Vec<Val>>, u64) {
    let before = db.reads();
    let rows = query::run(db, q, &Options::default()).unwrap().rows;
    (rows, db.reads() - before)
}

#[test]
fn nodes_sorted_by_date_ranks_come_in_the_general_paths_order() {
    let db = database();
    let cases = [
        ("", ""),
        (" DESC", ""),
        ("", " LIMIT 7"),
        (" DESC", " SKIP 3 LIMIT 40"),
    ];
    for ((dir, limit), label) in cases.iter().flat_map(|c| [(c, "E"), (c, "D")]) {
        let order = format!("ORDER BY e.date{dir}, e.id{limit}");
        let q = format!("MATCH (e:{label}) RETURN e.id {order}");
        assert!(query::unread::variables(&query::parse(&q).unwrap())
            .nodes
            .contains("e"));
        let (ranked, ranked_reads) = run(&db, &q);
        let (whole, whole_reads) = run(&db, &format!("MATCH (e:{label}) RETURN e.id, e.i {order}"));
        let ids: Vec<Vec<Val>> = whole.iter().map(|r| r[..1].to_vec()).collect();
        assert_eq!(ranked, ids, "{q}");
        assert!(ranked.iter().all(|r| matches!(r[0], Val::Str(_))), "{q}");
        assert!(
            ranked_reads < whole_reads,
            "{q}: {ranked_reads} vs {whole_reads}"
        );
    }
    // Dates first (by bounds, then text), then text, numbers, no date.
    let (rows, _) = run(&db, "MATCH (e:E) RETURN e.id ORDER BY e.date, e.id");
    let (dates, _) = run(&db, "MATCH (e:E) RETURN e.date ORDER BY e.date, e.id");
    assert_eq!(rows.len(), 150);
    assert_eq!(dates.last(), Some(&vec![Val::Null]));
    let d = |t: &str| Val::Date(std::rc::Rc::new(Edtf::parse(t).unwrap()));
    let firsts: Vec<&Val> = dates.iter().map(|r| &r[0]).collect();
    let at = |v: &Val| firsts.iter().position(|x| *x == v).unwrap();
    assert!(at(&d("1937")) < at(&d("1937?")), "ties on bounds by text");
    assert!(at(&d("1937?")) < at(&Val::str("1931")), "dates before text");
    assert!(at(&Val::str("1931")) < at(&Val::Int(1935)));
}

#[test]
fn relationships_sorted_by_date_ranks_come_in_the_general_paths_order() {
    let db = database();
    for (dir, t) in [("", "R|S"), (" DESC", "R|S"), ("", "S"), (" DESC", "S")] {
        let bounds = "earliest(r.date), latest(r.date)";
        let q = format!("MATCH (:P)-[r:{t}]->(:P) RETURN {bounds} ORDER BY r.date{dir}");
        assert!(query::unread::variables(&query::parse(&q).unwrap())
            .rels
            .contains("r"));
        let (ranked, ranked_reads) = run(&db, &q);
        let (whole, whole_reads) = run(
            &db,
            &format!("MATCH (:P)-[r:{t}]->(:P) RETURN {bounds}, r.i ORDER BY r.date{dir}"),
        );
        let cut: Vec<Vec<Val>> = whole.iter().map(|r| r[..2].to_vec()).collect();
        assert_eq!(ranked, cut, "{q}");
        let dated = (0..150).filter(|i| !(13..16).contains(&(i % 17))).count();
        assert_eq!(ranked.len(), if t == "S" { dated } else { 150 });
        assert!(
            ranked_reads < whole_reads,
            "{q}: {ranked_reads} vs {whole_reads}"
        );
    }
}

#[test]
fn only_a_whole_order_key_on_a_variable_is_ranked() {
    let unread = |q: &str| query::unread::variables(&query::parse(q).unwrap()).nodes;
    assert!(unread("MATCH (e:E) RETURN e.id ORDER BY e.date").contains("e"));
    for q in [
        "MATCH (e:E) RETURN e.id ORDER BY e.date.year",
        "MATCH (e:E) RETURN e.id ORDER BY toString(e.date)",
        "MATCH (e:E) RETURN e.id, e.date ORDER BY e.date",
        "MATCH (e:E) WHERE e.date > '1930' RETURN e.id ORDER BY e.date",
    ] {
        assert!(!unread(q).contains("e"), "{q}");
    }
}
