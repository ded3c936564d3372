//! The SQLite side: a relational schema for the same archive, its bulk load
//! from the JSONL interchange (one transaction, then indices, then the
//! derived ACCUSED rows), and running one question.

use prosopo::date::Edtf;
use rusqlite::{params, Connection};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE nodes (
  nid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  label TEXT NOT NULL,
  name TEXT,
  kind TEXT,
  date TEXT,
  earliest TEXT,
  latest TEXT,
  props TEXT NOT NULL
);
CREATE TABLE names (name TEXT NOT NULL, nid INTEGER NOT NULL);
CREATE TABLE rels (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  role TEXT,
  date TEXT,
  earliest TEXT,
  latest TEXT,
  event INTEGER,
  props TEXT NOT NULL
);
";

const INDICES: &str = "
CREATE UNIQUE INDEX nodes_id ON nodes(id);
CREATE INDEX nodes_label ON nodes(label);
CREATE INDEX nodes_name ON nodes(name);
CREATE INDEX names_name ON names(name);
CREATE INDEX rels_start ON rels(start, type);
CREATE INDEX rels_end ON rels(end, type);
CREATE INDEX rels_type ON rels(type);
";

/// One derived ACCUSED row per accuser × accused pair of an accusation event.
const DERIVE: &str = "
INSERT INTO rels (id, type, start, end, date, earliest, latest, event, props)
SELECT e.id || '/' || pa.id || '>' || pb.id, 'ACCUSED', ra.start, rb.start,
       e.date, e.earliest, e.latest, e.nid, '{}'
FROM nodes e
JOIN rels ra ON ra.end = e.nid AND ra.type = 'PARTICIPATED_IN' AND ra.role = 'accuser'
JOIN rels rb ON rb.end = e.nid AND rb.type = 'PARTICIPATED_IN' AND rb.role = 'accused'
JOIN nodes pa ON pa.nid = ra.start
JOIN nodes pb ON pb.nid = rb.start
WHERE e.label = 'Event' AND e.kind = 'accusation' AND ra.start <> rb.start;
";

fn bounds(date: Option<&str>) -> (Option<String>, Option<String>) {
    match date.map(Edtf::parse) {
        Some(Ok(d)) => (
            d.earliest().map(|x| x.to_string()),
            d.latest().map(|x| x.to_string()),
        ),
        _ => (None, None),
    }
}

/// Loads a JSONL archive into a new SQLite database at `db`.
pub fn load(jsonl: &Path, db: &Path) -> rusqlite::Result<()> {
    let _ = std::fs::remove_file(db);
    let mut conn = Connection::open(db)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut node = tx.prepare(
            "INSERT INTO nodes (nid, id, label, name, kind, date, earliest, latest, props) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut name = tx.prepare("INSERT INTO names (name, nid) VALUES (?1, ?2)")?;
        let mut rel = tx.prepare(
            "INSERT INTO rels (id, type, start, end, role, date, earliest, latest, props) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut nids: HashMap<String, i64> = HashMap::new();
        let file = std::io::BufReader::new(std::fs::File::open(jsonl).expect("archive"));
        for line in file.lines() {
            let line = line.expect("readable archive");
            let v: Value = serde_json::from_str(&line).expect("valid JSON");
            let p = &v["properties"];
            let s = |k: &str| p.get(k).and_then(Value::as_str);
            let id = v["id"].as_str().expect("id").to_string();
            let (earliest, latest) = bounds(s("date"));
            if v["type"] == "node" {
                let nid = nids.len() as i64 + 1;
                nids.insert(id.clone(), nid);
                let label = v["labels"][0].as_str().unwrap_or("");
                node.execute(params![
                    nid,
                    id,
                    label,
                    s("name").or(s("title")),
                    s("kind"),
                    s("date"),
                    earliest,
                    latest,
                    p.to_string()
                ])?;
                for n in s("name").into_iter().chain(
                    p["names"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str),
                ) {
                    name.execute(params![n, nid])?;
                }
            } else {
                let end = |k: &str| nids[v[k]["id"].as_str().expect("endpoint")];
                rel.execute(params![
                    id,
                    v["label"].as_str(),
                    end("start"),
                    end("end"),
                    s("role"),
                    s("date"),
                    earliest,
                    latest,
                    p.to_string()
                ])?;
            }
        }
    }
    tx.execute_batch(INDICES)?;
    tx.execute_batch(DERIVE)?;
    tx.commit()?;
    conn.execute_batch("ANALYZE;")?;
    Ok(())
}

/// Runs one question on a fresh connection; rows as lists of strings.
pub fn query(
    db: &Path,
    sql: &str,
    params: &[(String, String)],
) -> rusqlite::Result<Vec<Vec<String>>> {
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut stmt = conn.prepare(sql)?;
    let named: Vec<(String, &dyn rusqlite::ToSql)> = params
        .iter()
        .filter(|(k, _)| sql.contains(&format!(":{k}")))
        .map(|(k, v)| (format!(":{k}"), v as &dyn rusqlite::ToSql))
        .collect();
    let refs: Vec<(&str, &dyn rusqlite::ToSql)> =
        named.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let n = stmt.column_count();
    let rows = stmt.query_map(refs.as_slice(), |row| {
        (0..n)
            .map(|i| {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(x) => x.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
                })
            })
            .collect()
    })?;
    rows.collect()
}

/// Parameters for the questions, chosen from the loaded data: a person's
/// exact name, an accused person and their first accuser, the person
/// farthest from that accuser within 6 undirected ACCUSED hops, and the
/// largest institution.
pub fn choose_params(db: &Path, persons: usize) -> rusqlite::Result<Vec<(String, String)>> {
    let conn = Connection::open(db)?;
    let name: String = conn.query_row(
        "SELECT name FROM nodes WHERE id = ?1",
        [format!("p{}", persons / 2)],
        |r| r.get(0),
    )?;
    let (a, x): (i64, i64) = conn.query_row(
        "SELECT start, end FROM rels WHERE type = 'ACCUSED' ORDER BY rid LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut adj: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT start, end FROM rels WHERE type = 'ACCUSED'")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (s, e) = row?;
        adj.entry(s).or_default().push(e);
        adj.entry(e).or_default().push(s);
    }
    let mut dist: HashMap<i64, usize> = HashMap::from([(a, 0)]);
    let mut frontier = vec![a];
    let mut far = a;
    for d in 1..=6 {
        let mut next = Vec::new();
        for n in frontier {
            for m in adj.get(&n).into_iter().flatten() {
                if !dist.contains_key(m) {
                    dist.insert(*m, d);
                    next.push(*m);
                }
            }
        }
        if let Some(m) = next.iter().min() {
            far = *m;
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    let id = |nid: i64| -> rusqlite::Result<String> {
        conn.query_row("SELECT id FROM nodes WHERE nid = ?1", [nid], |r| r.get(0))
    };
    Ok(vec![
        ("name".into(), name),
        ("x".into(), id(x)?),
        ("a".into(), id(a)?),
        ("b".into(), id(far)?),
        ("inst".into(), "inst0".into()),
    ])
}
