//! The Neo4j bulk-import export: a directory of CSV files for
//! `neo4j-admin database import full`, with `import.sh` and
//! `constraints.cypher` (see [`super::neo4j_script`]).
//!
//! Nodes go to one file per label set (`nodes-Person.csv`; a node with
//! several labels to `nodes-Agent-Person.csv`, one without to `nodes.csv`)
//! with the header `id:ID,<properties>,:LABEL`; relationships to one file
//! per type (`rels-ACCUSED.csv`) with `:START_ID,:END_ID,:TYPE,id,<properties>`.
//! Property columns are typed (`:long`, `:double`, `:boolean`; lists of one
//! scalar type as `:string[]`, `:long[]`, ...); strings, dates (as EDTF),
//! mixed-type properties, maps and mixed lists (as JSON) are untyped
//! strings. A date property also gets `<prop>_earliest:date` and
//! `<prop>_latest:date` columns. The array delimiter is `;` unless that
//! occurs in a label or list item (see [`super::neo4j_script::DELIMITERS`]).

use super::columns::{fresh_name, text, Cell, Columns, Field, Item, Kind, Part};
use super::export_error::ExportError;
use super::neo4j_script::{self as script, Plan};
use crate::model::{Props, Value};
use crate::store::GraphRead;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The elements of one file.
#[derive(Default)]
struct Group {
    file: String,
    ids: Vec<String>,
    cols: Columns,
}

/// Writes the whole graph into `dir` (created if missing) as Neo4j import
/// CSV files plus `import.sh` and `constraints.cypher`; `tick` is called once
/// per element written. Returns the number of elements written.
///
/// Cost: reads every element twice (once to type the columns).
pub fn export(g: &dyn GraphRead, dir: &Path, tick: &mut dyn FnMut()) -> Result<usize, ExportError> {
    let file_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::File { path, source }
    };
    std::fs::create_dir_all(dir).map_err(file_err(dir))?;

    let mut node_groups: BTreeMap<Vec<String>, Group> = BTreeMap::new();
    let mut rel_groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut used = BTreeSet::new();
    for id in g.node_ids()? {
        let Some(n) = g.node(&id)? else { continue };
        used.extend(n.labels.iter().flat_map(|l| l.chars()));
        note_list_chars(&n.props, &mut used);
        let labels = n.labels.iter().map(|l| l.to_string()).collect();
        let group = node_groups.entry(labels).or_default();
        group.cols.add(&n.props);
        group.ids.push(n.id.into());
    }
    for id in g.rel_ids()? {
        let Some(r) = g.rel(&id)? else { continue };
        note_list_chars(&r.props, &mut used);
        let group = rel_groups.entry(r.rel_type.into()).or_default();
        group.cols.add(&r.props);
        group.ids.push(r.id.into());
    }
    let delimiter = script::choose_delimiter(|c| used.contains(&c)).ok_or_else(|| {
        ExportError::NoArrayDelimiter(
            script::DELIMITERS
                .iter()
                .map(|c| c.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;

    let mut names = BTreeSet::new();
    for (labels, group) in &mut node_groups {
        let stem = script::file_stem(&labels.join("-"));
        let base = if stem.is_empty() {
            "nodes".into()
        } else {
            format!("nodes-{stem}")
        };
        group.file = unique_file(&base, &mut names);
    }
    for (rel_type, group) in &mut rel_groups {
        let base = format!("rels-{}", script::file_stem(rel_type));
        group.file = unique_file(&base, &mut names);
    }
    let node_key = fresh_name("id", |n| node_groups.values().any(|gr| gr.cols.contains(n)));
    let rel_key = fresh_name("id", |n| rel_groups.values().any(|gr| gr.cols.contains(n)));
    let d = delimiter.to_string();

    let (mut nodes, mut rels) = (0, 0);
    for (labels, group) in &node_groups {
        let fields = group.cols.fields();
        let mut header = vec![format!("{node_key}:ID")];
        header.extend(fields.iter().map(header_of));
        header.push(":LABEL".into());
        let label_cell = labels.join(&d);
        nodes += write_file(dir, group, header, tick, |id| {
            let Some(n) = g.node(id)? else {
                return Ok(None);
            };
            let mut row = vec![n.id.to_string()];
            row.extend(fields.iter().map(|f| cell(f, &n.props, &d)));
            row.push(label_cell.clone());
            Ok(Some(row))
        })?;
    }
    for (rel_type, group) in &rel_groups {
        let fields = group.cols.fields();
        let mut header: Vec<String> = [":START_ID", ":END_ID", ":TYPE"].map(String::from).into();
        header.push(rel_key.clone());
        header.extend(fields.iter().map(header_of));
        rels += write_file(dir, group, header, tick, |id| {
            let Some(r) = g.rel(id)? else { return Ok(None) };
            let mut row = vec![
                r.start.to_string(),
                r.end.to_string(),
                rel_type.clone(),
                r.id.to_string(),
            ];
            row.extend(fields.iter().map(|f| cell(f, &r.props, &d)));
            Ok(Some(row))
        })?;
    }

    let plan = Plan {
        node_files: node_groups.values().map(|gr| gr.file.clone()).collect(),
        rel_files: rel_groups.values().map(|gr| gr.file.clone()).collect(),
        delimiter,
        counts: (nodes, rels),
    };
    let labels: BTreeSet<String> = node_groups.keys().flatten().cloned().collect();
    for (name, content) in [
        ("import.sh", script::import_sh(&plan)),
        (
            "constraints.cypher",
            script::constraints_cypher(&labels, &node_key),
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).map_err(file_err(&path))?;
    }
    Ok(nodes + rels)
}

/// Writes one group's file: the header, then a row per element that still
/// exists. Returns the number of rows.
fn write_file(
    dir: &Path,
    group: &Group,
    header: Vec<String>,
    tick: &mut dyn FnMut(),
    mut row: impl FnMut(&str) -> Result<Option<Vec<String>>, ExportError>,
) -> Result<usize, ExportError> {
    let path: PathBuf = dir.join(&group.file);
    let csv_err = |source| ExportError::Csv {
        path: path.clone(),
        source,
    };
    let mut w = csv::Writer::from_path(&path).map_err(csv_err)?;
    w.write_record(&header).map_err(csv_err)?;
    let mut n = 0;
    for id in &group.ids {
        if let Some(r) = row(id)? {
            w.write_record(&r).map_err(csv_err)?;
            n += 1;
            tick();
        }
    }
    w.flush().map_err(|source| ExportError::File {
        path: path.clone(),
        source,
    })?;
    Ok(n)
}

/// `base.csv`, or `base_2.csv`, ... if taken (names that differ only in
/// characters the file stem replaced).
fn unique_file(base: &str, taken: &mut BTreeSet<String>) -> String {
    let stem = fresh_name(base, |n| taken.contains(&n.to_lowercase()));
    taken.insert(stem.to_lowercase());
    format!("{stem}.csv")
}

/// Records the characters of the string items of list values.
fn note_list_chars(props: &Props, used: &mut BTreeSet<char>) {
    for v in props.values() {
        if let Value::List(items) = v {
            for i in items {
                match i {
                    Value::Str(s) => used.extend(s.chars()),
                    Value::Date(d) => used.extend(d.to_string().chars()),
                    _ => {}
                }
            }
        }
    }
}

/// The header entry of a field: its name (a `:` in it becomes `_`) and type.
fn header_of(f: &Field) -> String {
    let name = f.name.replace(':', "_");
    let ty = match (f.part, f.kind) {
        (Part::Earliest | Part::Latest, _) => ":date",
        (_, Kind::Boolean) => ":boolean",
        (_, Kind::Long) => ":long",
        (_, Kind::Double) => ":double",
        (_, Kind::Array(None | Some(Item::Text))) => ":string[]",
        (_, Kind::Array(Some(Item::Long))) => ":long[]",
        (_, Kind::Array(Some(Item::Double))) => ":double[]",
        (_, Kind::Array(Some(Item::Boolean))) => ":boolean[]",
        (_, Kind::Text | Kind::Date | Kind::Json) => "",
    };
    format!("{name}{ty}")
}

/// The CSV cell of a field: arrays joined by the delimiter, other values as
/// [`text`], days as ISO dates, missing values empty.
fn cell(f: &Field, props: &Props, delimiter: &str) -> String {
    match f.cell(props) {
        None => String::new(),
        Some(Cell::Day(d)) => d.to_string(),
        Some(Cell::Value(Value::List(items))) if matches!(f.kind, Kind::Array(_)) => {
            items.iter().map(text).collect::<Vec<_>>().join(delimiter)
        }
        Some(Cell::Value(v)) => text(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_graph::{self, AWKWARD};

    /// Each CSV file of an export: (header, rows).
    type Files = BTreeMap<String, (Vec<String>, Vec<Vec<String>>)>;

    fn export_to(g: &dyn GraphRead, dir: &Path) -> Files {
        let mut ticks = 0;
        let n = export(g, dir, &mut || ticks += 1).unwrap();
        assert_eq!(n, ticks);
        let mut files = Files::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "csv") {
                let mut r = csv::Reader::from_path(&path).unwrap();
                let header = r.headers().unwrap().iter().map(String::from).collect();
                let rows = r
                    .records()
                    .map(|rec| rec.unwrap().iter().map(String::from).collect())
                    .collect();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.insert(name, (header, rows));
            }
        }
        files
    }

    fn row<'a>(files: &'a Files, file: &str, id: &str) -> BTreeMap<&'a str, &'a str> {
        let (header, rows) = &files[file];
        let at = header
            .iter()
            .position(|h| h.ends_with(":ID") || h == "id")
            .unwrap();
        let r = rows.iter().find(|r| r[at] == id).unwrap();
        header
            .iter()
            .map(String::as_str)
            .zip(r.iter().map(String::as_str))
            .collect()
    }

    #[test]
    fn bundled_dataset_one_file_per_label_and_type() {
        let db = test_graph::bundled();
        let g = &db.graph();
        let dir = tempfile::tempdir().unwrap();
        let files = export_to(g, dir.path());
        for label in crate::model::schema::LABELS {
            let n = g.node_ids_with_label(label).unwrap().len();
            assert_eq!(files[&format!("nodes-{label}.csv")].1.len(), n, "{label}");
        }
        for (t, _, _) in crate::model::schema::REL_TYPES {
            let n = g.rel_ids_with_type(t).unwrap().len();
            let got = files.get(&format!("rels-{t}.csv")).map_or(0, |f| f.1.len());
            assert_eq!(got, n, "{t}");
        }
        let total: usize = files.values().map(|f| f.1.len()).sum();
        let (nodes, rels) = test_graph::counts(g);
        assert_eq!(total, nodes + rels);
        assert_eq!(
            files["nodes-Person.csv"].0.join(","),
            "id:ID,name,names:string[],note,sources:string[],:LABEL"
        );
        assert_eq!(
            files["rels-ACCUSED.csv"].0.join(","),
            ":START_ID,:END_ID,:TYPE,id,charge,date,date_earliest:date,\
             date_latest:date,date_text,event,sources:string[]"
        );
        assert!(files["nodes-Source.csv"]
            .0
            .contains(&"year:long".to_string()));
        let izak = row(&files, "nodes-Person.csv", "izak");
        assert_eq!(izak["names:string[]"], "Изак");
        assert_eq!(izak[":LABEL"], "Person");
        let lcu = row(&files, "nodes-Institution.csv", "lcu");
        assert_eq!(
            lcu["sources:string[]"],
            "halfin2009:description;halfin2009:301-335"
        );
        let acc = row(
            &files,
            "rels-ACCUSED.csv",
            "accusation-1931-izak-dmitriev/fedchenko>izak",
        );
        assert_eq!((acc[":START_ID"], acc[":END_ID"]), ("fedchenko", "izak"));
        assert_eq!(acc["date"], "1931-09/1931-12");
        assert_eq!(acc["date_earliest:date"], "1931-09-01");
        assert_eq!(acc["date_latest:date"], "1931-12-31");

        let cypher = std::fs::read_to_string(dir.path().join("constraints.cypher")).unwrap();
        assert_eq!(cypher.matches("CREATE CONSTRAINT").count(), 6);
        assert!(cypher.contains("FOR (n:`Person`) REQUIRE n.`id` IS UNIQUE;"));
        let sh = std::fs::read_to_string(dir.path().join("import.sh")).unwrap();
        for f in files.keys() {
            assert!(sh.contains(&format!("/{f}\"")), "{f} not in import.sh");
        }
        assert!(sh.contains("--array-delimiter=';'"));
    }

    #[test]
    fn types_delimiter_and_special_characters() {
        let db = test_graph::awkward();
        let dir = tempfile::tempdir().unwrap();
        let files = export_to(&db.graph(), dir.path());
        let names: Vec<_> = files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "nodes-Agent-Person.csv",
                "nodes-Person.csv",
                "nodes.csv",
                "rels-ACCUSED.csv",
                "rels-SAW_IT.csv"
            ]
        );
        assert_eq!(
            files["nodes-Agent-Person.csv"].0.join(","),
            "id:ID,alive:boolean,born,born_earliest:date,born_latest:date,extra,mixed,\
             name,names:string[],weight:double,year:long,:LABEL"
        );
        // `;` and `|` occur in list items, so the delimiter is the next free one.
        let a = row(&files, "nodes-Agent-Person.csv", "a");
        assert_eq!(a["names:string[]"], "x;y¦z|w");
        assert_eq!(a[":LABEL"], "Agent¦Person");
        assert_eq!(a["name"], AWKWARD, "CSV keeps every character");
        assert_eq!(a["extra"], r#"{"k":1}"#);
        assert_eq!(a["mixed"], r#"["a",2]"#);
        assert_eq!(a["alive:boolean"], "false");
        let b = row(&files, "nodes-Person.csv", "b");
        assert_eq!(
            (b["date_earliest:date"], b["date_latest:date"]),
            ("1931-01-01", "")
        );
        assert_eq!(files["nodes.csv"].0.last().unwrap(), ":LABEL");
        assert_eq!(row(&files, "rels-SAW_IT.csv", "b>c")[":TYPE"], "SAW IT");
        assert_eq!(row(&files, "rels-ACCUSED.csv", "a>b")["note"], AWKWARD);
        let sh = std::fs::read_to_string(dir.path().join("import.sh")).unwrap();
        assert!(sh.contains("--array-delimiter='¦'"));
    }
}
