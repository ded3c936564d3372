//! CSV import through mapping files: the two committed mappings on the real
//! datasets (counts computed from the CSV files, rows checked field by
//! field), errors that name file, row and column, atomicity, dry runs.

use crate::common::{dump, run};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `../shared/datasets/NAME`, or `None` (and a note) when it is not there;
/// on CI (`CI=true`) a missing dataset is a failure.
fn dataset(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/datasets")
        .join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing on CI",
        dir.display()
    );
    println!("skipped: ../shared not found");
    None
}

fn mapping(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/mappings")
        .join(name)
        .display()
        .to_string()
}

/// The rows of a CSV file as maps from column to value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.trim_start_matches('\u{feff}').to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Runs a JSON query and returns its rows.
fn query(dir: &Path, db: &Path, text: &str) -> Vec<Vec<serde_json::Value>> {
    let (ok, out, err) = run(dir, db, &["query", "--format", "json", text]);
    assert!(ok, "{text}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    serde_json::from_value(v["rows"].clone()).unwrap()
}

/// Node counts by label and relationship counts by type.
fn counts(dir: &Path, db: &Path) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for row in query(dir, db, "MATCH (n) RETURN labels(n), count(*)") {
        out.insert(
            row[0][0].as_str().unwrap().to_string(),
            row[1].as_u64().unwrap(),
        );
    }
    for row in query(dir, db, "MATCH ()-[r]->() RETURN type(r), count(*)") {
        out.insert(
            row[0].as_str().unwrap().to_string(),
            row[1].as_u64().unwrap(),
        );
    }
    out
}

/// One node's properties, by id.
fn props(dir: &Path, db: &Path, id: &str) -> serde_json::Value {
    let rows = query(dir, db, &format!("MATCH (n {{id: '{id}'}}) RETURN n"));
    assert_eq!(rows.len(), 1, "{id}");
    rows[0][0]["properties"].clone()
}

#[test]
fn giaveno_imports_all_six_files_with_counts_from_the_csvs() {
    let Some(ds) = dataset("giaveno-1335") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let nodes_csv = ds.join("nodes.csv").display().to_string();
    let m = mapping("giaveno-1335.toml");
    // A dry run validates everything and writes nothing.
    let (ok, _, err) = run(
        dir.path(),
        &db,
        &["import", &nodes_csv, "--mapping", &m, "--dry-run"],
    );
    assert!(ok, "{err}");
    assert!(
        err.contains("would import") && err.contains("from 6 files"),
        "{err}"
    );
    assert!(counts(dir.path(), &db).is_empty());
    let (ok, _, err) = run(dir.path(), &db, &["import", &nodes_csv, "--mapping", &m]);
    assert!(ok, "{err}");

    let people = rows(&ds.join("nodes.csv"));
    let edges = rows(&ds.join("edges.csv"));
    let keyevents = rows(&ds.join("keyevents.csv"));
    let kinship = rows(&ds.join("kinship.csv"));
    let groups = rows(&ds.join("groups.csv"));
    let congregations = rows(&ds.join("congregations.csv"));
    let known: BTreeSet<String> = people
        .iter()
        .chain(&groups)
        .map(|r| r["id"].clone())
        .collect();
    let items = |v: &str| -> Vec<String> {
        v.split('#')
            .filter(|s| *s != "NA" && !s.is_empty())
            .map(|s| s.trim_matches(|c| c == '[' || c == ']').to_uppercase())
            .collect()
    };
    let mut unplaced = 0;
    let mut attended = 0;
    for c in &congregations {
        for id in items(&c["participants"])
            .into_iter()
            .chain(items(&c["ministers"]))
        {
            if known.contains(&id) {
                attended += 1;
            } else {
                unplaced += 1;
            }
        }
    }
    let named = edges.iter().filter(|e| e["target"] != "NA").count();
    let derived = edges
        .iter()
        .filter(|e| e["target"] != "NA" && e["target"] != e["source"])
        .count();
    let members: usize = groups.iter().map(|g| items(&g["members"]).len()).sum();
    let expected: BTreeMap<String, u64> = [
        ("Person", people.len()),
        ("Organization", groups.len()),
        ("Source", 1),
        ("Event", edges.len() + keyevents.len() + congregations.len()),
        (
            "PARTICIPATED_IN",
            // accuser + accused per denunciation, subject per key event,
            // informant + attendees per congregation
            edges.len() + named + keyevents.len() + congregations.len() + attended,
        ),
        ("ACCUSED", derived),
        ("MEMBER_OF", members),
        ("RELATED_TO", kinship.len()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v as u64))
    .collect();
    assert_eq!(counts(dir.path(), &db), expected);
    // Every congregation id that names nobody is in a note, not dropped.
    let noted = query(
        dir.path(),
        &db,
        "MATCH (e:Event) WHERE e.note IS NOT NULL RETURN e.note",
    );
    assert_eq!(noted.len(), unplaced, "{noted:?}");

    // Row 2 of nodes.csv, field by field.
    let p = props(dir.path(), &db, "giaveno-P0002");
    assert_eq!(p["name"], "Villelmus");
    assert_eq!(p["gender"], "male");
    assert_eq!(p["dead_at_trial"], false);
    assert_eq!(p["occupation"], "churchperson");
    assert_eq!(p["origin"], "Coazze");
    assert_eq!(p["waldensian_master"], false);
    assert_eq!(p["sources"], serde_json::json!(["giaveno1335:nodes.csv:2"]));
    // Row 2 of edges.csv: P0002 denounced P0003 on 1335-01-20.
    let e = props(dir.path(), &db, "giaveno-denunciation-2");
    assert_eq!(e["kind"], "accusation");
    assert_eq!(e["date"]["edtf"], "1335-01-20");
    assert_eq!(e["summoned"], false);
    let acc = query(
        dir.path(),
        &db,
        "MATCH (a)-[r:ACCUSED]->(b) WHERE r.event = 'giaveno-denunciation-2' RETURN a.id, b.id, r.date",
    );
    assert_eq!(acc.len(), 1);
    assert_eq!(acc[0][0], "giaveno-P0002");
    assert_eq!(acc[0][1], "giaveno-P0003");
    assert_eq!(acc[0][2]["edtf"], "1335-01-20");
    // Kinship: P0004 is P0003's son.
    let kin = query(
        dir.path(),
        &db,
        "MATCH (a {id: 'giaveno-P0003'})-[r:RELATED_TO]->(b) RETURN b.id, r.kind",
    );
    assert_eq!(
        kin,
        vec![vec![
            serde_json::json!("giaveno-P0004"),
            serde_json::json!("son")
        ]]
    );
    // A bracketed id in the register is an inference: probable.
    let sure = query(
        dir.path(),
        &db,
        "MATCH (p {id: 'giaveno-P0183'})-[r:PARTICIPATED_IN]->(e {id: 'giaveno-E0068'}) RETURN r.role, r.certainty",
    );
    assert_eq!(
        sure,
        vec![vec![
            serde_json::json!("speaker"),
            serde_json::json!("probable")
        ]]
    );

    // Importing again changes nothing.
    let before = dump(dir.path(), &db);
    let (ok, _, err) = run(
        dir.path(),
        &db,
        &["import", &ds.display().to_string(), "--mapping", &m],
    );
    assert!(ok, "{err}");
    assert!(err.contains(" 0 created, 0 updated"), "{err}");
    assert_eq!(dump(dir.path(), &db), before);
}

#[test]
fn memorial_rows_become_people_executions_and_burials() {
    let Some(ds) = dataset("memorial-moscow") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let csv = ds.join("shot-list.csv");
    let (ok, _, err) = run(
        dir.path(),
        &db,
        &[
            "import",
            &csv.display().to_string(),
            "--mapping",
            &mapping("memorial-moscow.toml"),
        ],
    );
    assert!(ok, "{err}");
    let rows = rows(&csv);
    let shot = regex::Regex::new(r"Рас+трелян[аы]? \d{1,2}\.\d{1,2}\.\d{4}").unwrap();
    let burial = regex::Regex::new(r"Место захоронения: (.+?)\.?$").unwrap();
    let executions = rows.iter().filter(|r| shot.is_match(&r["BIO"])).count();
    let places: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| burial.captures(&r["BIO"]).map(|c| c[1].to_string()))
        .collect();
    let burials = rows.iter().filter(|r| burial.is_match(&r["BIO"])).count();
    let expected: BTreeMap<String, u64> = [
        ("Person", rows.len()),
        ("Event", executions + burials),
        ("Place", places.len()),
        ("Source", 1),
        ("PARTICIPATED_IN", executions + burials),
        ("AT", burials),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v as u64))
    .collect();
    assert_eq!(counts(dir.path(), &db), expected);

    // The first row, field by field.
    let first = &rows[0];
    assert_eq!(first["NAME"], "Крон Арнольд Фрицевич");
    let id = "memorial-shot-1-s1-kron-arnold-fritsevich";
    let p = props(dir.path(), &db, id);
    assert_eq!(p["name"], "Крон Арнольд Фрицевич");
    assert_eq!(p["born"]["edtf"], "1884");
    assert_eq!(p["nationality"], "латыш");
    assert_eq!(p["party"], "б/п");
    assert_eq!(
        p["occupation"],
        "Кирижский лесохимкомбинат: начальник обследовательской партии"
    );
    assert_eq!(p["address"], "1-я Авиамоторная ул., д.1, кв. 1");
    assert_eq!(p["bio"], first["BIO"].as_str());
    assert_eq!(p["note"], "COUNT: 1");
    assert_eq!(
        p["sources"],
        serde_json::json!(["memorial-moscow:shot-1#s1"])
    );
    let ex = props(dir.path(), &db, &format!("{id}-execution"));
    assert_eq!(ex["kind"], "execution");
    assert_eq!(ex["date"]["edtf"], "1938-05-17");
    assert_eq!(ex["date_text"], "17.05.1938");
    let place = query(
        dir.path(),
        &db,
        &format!("MATCH (p {{id: '{id}'}})-[r:PARTICIPATED_IN]->(e)-[:AT]->(pl:Place) RETURN r.role, e.kind, pl.name"),
    );
    assert_eq!(
        place,
        vec![vec![
            serde_json::json!("subject"),
            serde_json::json!("burial"),
            serde_json::json!("Бутово")
        ]]
    );
    // A birth date written in full keeps its wording.
    let full = query(
        dir.path(),
        &db,
        "MATCH (p:Person) WHERE p.born_text = '11.02.1872' RETURN p.born",
    );
    assert_eq!(full[0][0]["edtf"], "1872-02-11");
}

/// A small dataset in a temporary directory: files by name.
fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const PEOPLE_MAPPING: &str = r#"
[dataset]
sources = ["reg:{file}:{row}"]

[[source]]
id = "reg"
title = "A register"

[[table]]
file = "people.csv"

[[table.node]]
label = "Person"
id = "p-{id}"
props.name = "{name}"
props.born = { column = "born" }
"#;

fn import(dir: &Path, args: &[&str]) -> (bool, String) {
    let db = dir.join("t.db");
    let mut all = vec!["import"];
    all.extend(args);
    let (ok, _, err) = run(dir, &db, &all);
    (ok, err)
}

#[test]
fn a_bad_row_anywhere_writes_nothing_and_is_named() {
    let dir = fixture(&[
        ("m.toml", PEOPLE_MAPPING),
        ("people.csv", "id,name,born\n1,Ivanov,17.05.1890\n2,Petrov,May 1891\n3,Sidorov,1930s\n4,Bad,31.02.1890\n"),
    ]);
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(!ok);
    assert!(
        err.contains("people.csv:5: row 5, column 'born': property 'born'"),
        "{err}"
    );
    let db = dir.path().join("t.db");
    assert_eq!(dump(dir.path(), &db), "", "nothing written");
    // Fixed, the rows land with converted dates and their wording.
    std::fs::write(
        dir.path().join("people.csv"),
        "id,name,born,extra\n1,Ivanov,17.05.1890,x\n2,Petrov,May 1891,\n3,Sidorov,1930s,\n",
    )
    .unwrap();
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(ok, "{err}");
    let p = props(dir.path(), &db, "p-1");
    assert_eq!(p["born"]["edtf"], "1890-05-17");
    assert_eq!(p["born_text"], "17.05.1890");
    assert_eq!(p["note"], "extra: x", "an unmapped column is noted");
    assert_eq!(props(dir.path(), &db, "p-3")["born"]["edtf"], "193X");
}

#[test]
fn bad_csv_files_name_file_row_and_column() {
    let dir = fixture(&[
        ("m.toml", PEOPLE_MAPPING),
        ("people.csv", "id,name,born\n1,Ivanov,1890\n2,Petrov\n"),
    ]);
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(!ok);
    assert!(
        err.contains(
            "people.csv:3: row 3, column 'born': has 2 fields but the header has 3 columns"
        ),
        "{err}"
    );
    std::fs::write(
        dir.path().join("people.csv"),
        b"id,name,born\n1,Iv\xe1nov,1890\n",
    )
    .unwrap();
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(
        !ok && err.contains("people.csv:2: the file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn bad_mappings_name_the_mapping_line_and_column() {
    let bad = PEOPLE_MAPPING.replace("{name}", "{nmae}");
    let dir = fixture(&[
        ("m.toml", &bad),
        ("people.csv", "id,name,born\n1,Ivanov,1890\n"),
    ]);
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(!ok);
    assert!(
        err.contains("m.toml:15: node Person: no column 'nmae' in"),
        "{err}"
    );
    let bad = PEOPLE_MAPPING.replace(
        "props.born = { column = \"born\" }",
        "props.born = { column = \"born\", typ = \"date\" }",
    );
    std::fs::write(dir.path().join("m.toml"), bad).unwrap();
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(
        !ok && err
            .contains("m.toml:16: people.csv, node Person, property 'born': unknown key 'typ'"),
        "{err}"
    );
    std::fs::write(dir.path().join("m.toml"), "[[table]]\nfile = 3\n").unwrap();
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(!ok && err.contains("m.toml:2: invalid mapping"), "{err}");
}

#[test]
fn a_csv_file_needs_a_mapping() {
    let dir = fixture(&[("people.csv", "id,name\n1,Ivanov\n")]);
    let (ok, err) = import(dir.path(), &["people.csv"]);
    assert!(!ok && err.contains("pass --mapping FILE"), "{err}");
}

#[test]
fn a_one_table_mapping_reads_any_file_given() {
    let dir = fixture(&[
        ("m.toml", PEOPLE_MAPPING),
        ("other-name.csv", "id,name,born\n7,Orlov,ca. 1900\n"),
    ]);
    let (ok, err) = import(dir.path(), &["other-name.csv", "--mapping", "m.toml"]);
    assert!(ok, "{err}");
    let p = props(dir.path(), &dir.path().join("t.db"), "p-7");
    assert_eq!(p["born"]["edtf"], "1900~");
    assert_eq!(p["sources"], serde_json::json!(["reg:other-name.csv:2"]));
}

#[test]
fn nodes_then_edges_across_files_with_list_columns() {
    let mapping = r##"
[dataset]
sources = ["reg:{file}:{row}"]
[[source]]
id = "reg"
title = "A register"
[[table]]
file = "edges.csv"
[[table.node]]
label = "Event"
id = "acc-{row}"
props = { kind = "accusation", date = { column = "when" } }
[[table.rel]]
type = "PARTICIPATED_IN"
from = "p-{by}"
to = "acc-{row}"
props.role = "accuser"
[[table.rel]]
type = "PARTICIPATED_IN"
each = { column = "against", split = "#", regex = '^(?P<n>\d+)$' }
from = "p-{n}"
to = "acc-{row}"
missing = "note"
props.role = "accused"
[[table]]
file = "people.csv"
[[table.node]]
label = "Person"
id = "p-{id}"
props.name = "{name}"
"##;
    let dir = fixture(&[
        ("m.toml", mapping),
        ("people.csv", "id,name\n1,A\n2,B\n3,C\n"),
        ("edges.csv", "by,against,when\n1,2#3#x#9,мая 1937\n"),
    ]);
    let (ok, err) = import(dir.path(), &["people.csv", "--mapping", "m.toml"]);
    assert!(ok, "{err}");
    let db = dir.path().join("t.db");
    let e = props(dir.path(), &db, "acc-2");
    assert_eq!(e["date"]["edtf"], "1937-05");
    assert_eq!(e["date_text"], "мая 1937");
    assert_eq!(
        e["note"],
        "against: 'x' not understood; against: '9' (no node 'p-9'; no PARTICIPATED_IN made)"
    );
    let acc = query(
        dir.path(),
        &db,
        "MATCH (a)-[:ACCUSED]->(b) RETURN a.id, b.id ORDER BY b.id",
    );
    assert_eq!(acc.len(), 2, "{acc:?}");
    // A file that is not one of the mapping's is refused.
    std::fs::write(dir.path().join("stray.csv"), "a\n1\n").unwrap();
    let (ok, err) = import(dir.path(), &["stray.csv", "--mapping", "m.toml"]);
    assert!(
        !ok && err.contains("stray.csv is not a file of the mapping"),
        "{err}"
    );
}
