//! The saved queries in `queries/`, run through the CLI on the bundled data
//! with `--format json`, checked field by field; and `-f` files being
//! read-only unless `--write` is given.

use crate::common::{bundled_db, dump, run};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Path of a saved query.
fn saved(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries")
        .join(name)
}

/// Runs a saved query on a fresh bundled database; returns (columns, rows).
fn query(name: &str, params: &[&str]) -> (Vec<String>, Vec<Vec<Value>>) {
    let (dir, db) = bundled_db();
    let file = saved(name);
    let mut args = vec!["query", "-f", file.to_str().unwrap(), "--format", "json"];
    for p in params {
        args.extend(["--param", p]);
    }
    let (ok, out, err) = run(dir.path(), &db, &args);
    assert!(ok, "{name} failed: {err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}: {out}"));
    let columns = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let rows = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().clone())
        .collect();
    (columns, rows)
}

/// A row as a map from column name to value.
fn named(columns: &[String], row: &[Value]) -> serde_json::Map<String, Value> {
    columns.iter().cloned().zip(row.iter().cloned()).collect()
}

/// The JSON form of an EDTF date with its bounds.
fn date(edtf: &str, earliest: &str, latest: &str) -> Value {
    json!({"edtf": edtf, "earliest": earliest, "latest": latest})
}

const SOURCE: &str = "halfin2009:301-335";
const LATE_1931: (&str, &str, &str) = ("1931-09/1931-12", "1931-09-01", "1931-12-31");
const WEEKS_LATER: (&str, &str, &str) = ("1931-10/1932-02", "1931-10-01", "1932-02-29");
const RISE: (&str, &str, &str) = ("1932/1933", "1932-01-01", "1933-12-31");

fn d((e, a, b): (&str, &str, &str)) -> Value {
    date(e, a, b)
}

/// Every saved query opens with a `//` header saying what it answers.
#[test]
fn every_saved_query_has_a_header() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "cypher") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with("// "), "{} has no header", path.display());
            assert!(text.contains("Parameters:"), "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 7, "expected the seven saved queries, found {n}");
}

#[test]
fn who_accused_whom_returns_the_four_pairs() {
    let (columns, rows) = query("who-accused-whom.cypher", &[]);
    assert_eq!(
        columns,
        ["accuser", "accused", "date", "date_text", "charge", "event"]
    );
    let pairs = [
        ("Fedchenko", "Dmitriev"),
        ("Fedchenko", "Izak"),
        ("Pantiukhin", "Dmitriev"),
        ("Pantiukhin", "Izak"),
    ];
    assert_eq!(rows.len(), pairs.len());
    for (row, (accuser, accused)) in rows.iter().zip(pairs) {
        assert_eq!(row[0], accuser);
        assert_eq!(row[1], accused);
        assert_eq!(row[2], d(LATE_1931));
        assert_eq!(row[3], "Late in 1931");
        assert_eq!(row[4], "Trotskyism");
        assert_eq!(row[5], "accusation-1931-izak-dmitriev");
    }
}

#[test]
fn reachable_by_accusation_from_fedchenko() {
    let (columns, rows) = query("reachable-by-accusation.cypher", &["person=fedchenko"]);
    assert_eq!(columns, ["id", "name", "distance", "chain"]);
    assert_eq!(
        rows,
        [
            vec![
                json!("dmitriev"),
                json!("Dmitriev"),
                json!(1),
                json!(["Fedchenko", "Dmitriev"])
            ],
            vec![
                json!("izak"),
                json!("Izak"),
                json!(1),
                json!(["Fedchenko", "Izak"])
            ],
        ]
    );
}

/// Nobody is reachable from someone who accused no one (an empty result is a success).
#[test]
fn reachable_by_accusation_from_a_non_accuser_is_empty() {
    let (_, rows) = query("reachable-by-accusation.cypher", &["person=izak"]);
    assert!(rows.is_empty(), "{rows:?}");
}

/// The "revolution devours its children" pattern: exactly Fedchenko and
/// Pantiukhin, whose later accusation has no named accuser.
#[test]
fn accusers_later_accused_are_fedchenko_and_pantiukhin() {
    let (columns, rows) = query("accusers-later-accused.cypher", &[]);
    assert_eq!(
        columns,
        [
            "id",
            "name",
            "accuser_in",
            "accuser_date",
            "accuser_date_text",
            "accused_in",
            "accused_date",
            "accused_date_text"
        ]
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (row, (id, name)) in rows
        .iter()
        .zip([("fedchenko", "Fedchenko"), ("pantiukhin", "Pantiukhin")])
    {
        let r = named(&columns, row);
        assert_eq!(r["id"], id);
        assert_eq!(r["name"], name);
        assert_eq!(r["accuser_in"], "accusation-1931-izak-dmitriev");
        assert_eq!(r["accuser_date"], d(LATE_1931));
        assert_eq!(r["accuser_date_text"], "Late in 1931");
        assert_eq!(r["accused_in"], "accusation-1931-fedchenko-pantiukhin");
        assert_eq!(r["accused_date"], d(WEEKS_LATER));
        assert_eq!(r["accused_date_text"], "a few weeks later");
    }
}

#[test]
fn what_happened_to_izak_in_date_order() {
    let (columns, rows) = query("what-happened-to.cypher", &["person=izak"]);
    assert_eq!(
        columns,
        [
            "date",
            "date_text",
            "kind",
            "event",
            "role",
            "at",
            "event_id",
            "event_sources",
            "role_sources"
        ]
    );
    let expected = [
        (
            d(LATE_1931),
            "Late in 1931",
            "accusation",
            "accused",
            "accusation-1931-izak-dmitriev",
        ),
        (
            d(RISE),
            "1932–1933",
            "promotion",
            "subject",
            "rise-1932-1933",
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, (date, text, kind, role, id)) in rows.iter().zip(expected) {
        let r = named(&columns, row);
        assert_eq!(r["date"], date);
        assert_eq!(r["date_text"], text);
        assert_eq!(r["kind"], kind);
        assert_eq!(r["role"], role);
        assert_eq!(r["at"], "Leningrad Communist University");
        assert_eq!(r["event_id"], id);
        assert_eq!(r["event_sources"], json!([SOURCE]));
        assert_eq!(r["role_sources"], json!([SOURCE]));
    }
}

#[test]
fn what_happened_to_fedchenko_accuser_then_accused() {
    let (columns, rows) = query("what-happened-to.cypher", &["person=fedchenko"]);
    let got: Vec<(Value, Value, Value)> = rows
        .iter()
        .map(|row| {
            let r = named(&columns, row);
            (
                r["event_id"].clone(),
                r["role"].clone(),
                r["date_text"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                json!("accusation-1931-izak-dmitriev"),
                json!("accuser"),
                json!("Late in 1931")
            ),
            (
                json!("accusation-1931-fedchenko-pantiukhin"),
                json!("accused"),
                json!("a few weeks later")
            ),
        ]
    );
}

/// The undated events at the university (the instructors' arrest, the
/// dissolution) are left out; the three dated ones overlap 1931–1933.
#[test]
fn communist_university_timeline_1931_1933() {
    let (columns, rows) = query("communist-university-1931-1933.cypher", &[]);
    assert_eq!(
        columns,
        [
            "date",
            "date_text",
            "kind",
            "event",
            "participants",
            "event_id",
            "sources"
        ]
    );
    let expected = [
        (
            d(LATE_1931),
            "Late in 1931",
            "accusation",
            "accusation-1931-izak-dmitriev",
            vec![
                "Dmitriev (accused)",
                "Fedchenko (accuser)",
                "Izak (accused)",
                "Pantiukhin (accuser)",
            ],
        ),
        (
            d(WEEKS_LATER),
            "a few weeks later",
            "accusation",
            "accusation-1931-fedchenko-pantiukhin",
            vec!["Fedchenko (accused)", "Pantiukhin (accused)"],
        ),
        (
            d(RISE),
            "1932–1933",
            "promotion",
            "rise-1932-1933",
            vec![
                "Altaparmakov (subject)",
                "Dmitriev (subject)",
                "Izak (subject)",
            ],
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, (date, text, kind, id, people)) in rows.iter().zip(expected) {
        let r = named(&columns, row);
        assert_eq!(r["date"], date);
        assert_eq!(r["date_text"], text);
        assert_eq!(r["kind"], kind);
        assert_eq!(r["event_id"], id);
        let mut got: Vec<String> = r["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        got.sort();
        assert_eq!(got, people);
        assert_eq!(r["sources"], json!([SOURCE]));
    }
}

/// Nine parts in dated events in date order, then the five undated
/// memberships of the university (role not stated, probable).
#[test]
fn roles_over_time() {
    let (columns, rows) = query("roles-over-time.cypher", &[]);
    assert_eq!(
        columns,
        [
            "person",
            "relation",
            "role",
            "of",
            "date",
            "date_text",
            "certainty"
        ]
    );
    let got: Vec<(String, String, Value, Value)> = rows
        .iter()
        .map(|row| {
            let r = named(&columns, row);
            (
                r["person"].as_str().unwrap().to_string(),
                r["relation"].as_str().unwrap().to_string(),
                r["role"].clone(),
                r["date"].get("edtf").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    let p = |person: &str, role: &str, date: &str| {
        (
            person.to_string(),
            "PARTICIPATED_IN".to_string(),
            json!(role),
            json!(date),
        )
    };
    let m = |person: &str| {
        (
            person.to_string(),
            "MEMBER_OF".to_string(),
            Value::Null,
            Value::Null,
        )
    };
    assert_eq!(
        got,
        [
            p("Dmitriev", "accused", LATE_1931.0),
            p("Fedchenko", "accuser", LATE_1931.0),
            p("Izak", "accused", LATE_1931.0),
            p("Pantiukhin", "accuser", LATE_1931.0),
            p("Fedchenko", "accused", WEEKS_LATER.0),
            p("Pantiukhin", "accused", WEEKS_LATER.0),
            p("Altaparmakov", "subject", RISE.0),
            p("Dmitriev", "subject", RISE.0),
            p("Izak", "subject", RISE.0),
            m("Altaparmakov"),
            m("Dmitriev"),
            m("Fedchenko"),
            m("Izak"),
            m("Pantiukhin"),
        ]
    );
    for row in &rows {
        let r = named(&columns, row);
        match r["relation"].as_str().unwrap() {
            "MEMBER_OF" => {
                assert_eq!(r["of"], "Leningrad Communist University");
                assert_eq!(r["certainty"], "probable");
                assert_eq!(r["date_text"], Value::Null);
            }
            _ => assert_eq!(r["certainty"], "certain"),
        }
    }
}

/// Izak: the person record, the membership, two parts in events and the two
/// accusations received, all cited to the same chapter of Halfin.
#[test]
fn sources_for_izak() {
    let (columns, rows) = query("sources-for-person.cypher", &["person=izak"]);
    assert_eq!(columns, ["citation", "source", "supports", "role"]);
    let title =
        "Stalinist Confessions: Messianism and Terror at the Leningrad Communist University";
    let expected = [
        ("ACCUSED ← Fedchenko", Value::Null),
        ("ACCUSED ← Pantiukhin", Value::Null),
        ("MEMBER_OF → Leningrad Communist University", Value::Null),
        (
            "PARTICIPATED_IN → Fedchenko and Pantiukhin accuse Izak and Dmitriev of Trotskyism",
            json!("accused"),
        ),
        (
            "PARTICIPATED_IN → The rise to power of Izak, Dmitriev and Altaparmakov",
            json!("subject"),
        ),
        ("Person Izak", Value::Null),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, (supports, role)) in rows.iter().zip(expected) {
        let r = named(&columns, row);
        assert_eq!(r["citation"], SOURCE);
        assert_eq!(r["source"], title);
        assert_eq!(r["supports"], supports);
        assert_eq!(r["role"], role);
    }
}

/// Stalin's record cites two places in the book.
#[test]
fn sources_for_stalin_lists_both_citations() {
    let (_, rows) = query("sources-for-person.cypher", &["person=stalin"]);
    let got: Vec<(Value, Value)> = rows.iter().map(|r| (r[0].clone(), r[2].clone())).collect();
    assert_eq!(
        got,
        [
            (json!("halfin2009:352-370"), json!("Person Stalin")),
            (json!("halfin2009:description"), json!("Person Stalin")),
        ]
    );
}

/// A `-f` file is read-only unless `--write` is given: a CREATE in it fails
/// with the hint and changes nothing; with `--write` it is committed.
#[test]
fn query_files_are_read_only_without_write() {
    let (dir, db) = bundled_db();
    let file = dir.path().join("create.cypher");
    std::fs::write(
        &file,
        "// adds a person\nCREATE (:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']})\n",
    )
    .unwrap();
    let before = dump(dir.path(), &db);
    let (ok, _, err) = run(dir.path(), &db, &["query", "-f", file.to_str().unwrap()]);
    assert!(!ok, "a CREATE in a -f file ran without --write");
    assert!(err.contains("--write"), "no --write hint: {err}");
    assert_eq!(dump(dir.path(), &db), before);

    let (ok, _, err) = run(
        dir.path(),
        &db,
        &["query", "-f", file.to_str().unwrap(), "--write"],
    );
    assert!(ok, "--write: {err}");
    let after = dump(dir.path(), &db);
    assert_ne!(after, before);
    assert!(after.contains(r#""id":"novikov""#), "{after}");
}

/// The saved queries themselves never write, so they run without --write
/// (checked above) and cannot change data by accident.
#[test]
fn saved_queries_do_not_write() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let q = prosopo::query::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.render(&text)));
        assert!(!prosopo::query::writes(&q), "{} writes", path.display());
    }
}
