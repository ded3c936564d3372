//! Plain CSV tables for Palladio-style tools: `nodes.csv` (id, label, name
//! and every property) and `relationships.csv` (id, type, source, target and
//! every property), dates as EDTF with their earliest and latest days, so
//! that sources and certainty travel with every row.

use super::columns::{cell_text, scan};
use super::export_error::ExportError;
use crate::store::GraphRead;
use std::path::Path;

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> ExportError + '_ {
    move |source| ExportError::Csv {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `nodes.csv` and `relationships.csv` into `dir` (created if missing).
pub fn export(g: &dyn GraphRead, dir: &Path, tick: &mut dyn FnMut()) -> Result<usize, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::File {
        path: dir.to_path_buf(),
        source,
    })?;
    let (node_cols, rel_cols) = scan(g)?;
    let mut n = 0;
    let path = dir.join("nodes.csv");
    let mut w = csv::Writer::from_path(&path).map_err(csv_err(&path))?;
    let fields = node_cols.fields();
    let mut header = vec!["id".to_string(), "label".into(), "display_name".into()];
    header.extend(fields.iter().map(|f| {
        if ["id", "label", "display_name"].contains(&f.name.as_str()) {
            format!("property_{}", f.name)
        } else {
            f.name.clone()
        }
    }));
    w.write_record(&header).map_err(csv_err(&path))?;
    for id in g.node_ids()? {
        if let Some(node) = g.node(&id)? {
            let mut row = vec![
                node.id.to_string(),
                node.labels.join(";"),
                node.display_name().to_string(),
            ];
            row.extend(
                fields
                    .iter()
                    .map(|f| f.cell(&node.props).map(cell_text).unwrap_or_default()),
            );
            w.write_record(&row).map_err(csv_err(&path))?;
            n += 1;
            tick();
        }
    }
    w.flush().map_err(|source| ExportError::File {
        path: path.clone(),
        source,
    })?;
    let path = dir.join("relationships.csv");
    let mut w = csv::Writer::from_path(&path).map_err(csv_err(&path))?;
    let fields = rel_cols.fields();
    let fixed = ["id", "type", "source", "target"];
    let mut header: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    header.extend(fields.iter().map(|f| {
        if fixed.contains(&f.name.as_str()) {
            format!("property_{}", f.name)
        } else {
            f.name.clone()
        }
    }));
    w.write_record(&header).map_err(csv_err(&path))?;
    for id in g.rel_ids()? {
        if let Some(r) = g.rel(&id)? {
            let mut row = vec![
                r.id.to_string(),
                r.rel_type.to_string(),
                r.start.to_string(),
                r.end.to_string(),
            ];
            row.extend(
                fields
                    .iter()
                    .map(|f| f.cell(&r.props).map(cell_text).unwrap_or_default()),
            );
            w.write_record(&row).map_err(csv_err(&path))?;
            n += 1;
            tick();
        }
    }
    w.flush()
        .map_err(|source| ExportError::File { path, source })?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_every_element_with_sources_and_date_bounds() {
        let db = crate::bundled::memory_database();
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(export(&db.graph(), dir.path(), &mut || {}).unwrap(), 58);
        let mut nodes = csv::Reader::from_path(dir.path().join("nodes.csv")).unwrap();
        let header = nodes.headers().unwrap().clone();
        assert_eq!(
            header.iter().take(3).collect::<Vec<_>>(),
            ["id", "label", "display_name"]
        );
        let rows: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 28);
        let col = |h: &csv::StringRecord, n: &str| h.iter().position(|x| x == n).unwrap();
        let izak = rows.iter().find(|r| &r[0] == "izak").unwrap();
        assert_eq!(&izak[col(&header, "sources")], "[\"halfin2009:301-335\"]");
        let mut rels = csv::Reader::from_path(dir.path().join("relationships.csv")).unwrap();
        let rh = rels.headers().unwrap().clone();
        let rrows: Vec<csv::StringRecord> = rels.records().map(Result::unwrap).collect();
        assert_eq!(rrows.len(), 30);
        let acc = rrows
            .iter()
            .find(|r| &r[0] == "accusation-1931-izak-dmitriev/fedchenko>izak")
            .unwrap();
        assert_eq!(
            (&acc[1], &acc[2], &acc[3]),
            ("ACCUSED", "fedchenko", "izak")
        );
        assert_eq!(&acc[col(&rh, "date_earliest")], "1931-09-01");
        assert_eq!(&acc[col(&rh, "date_latest")], "1931-12-31");
        let member = rrows.iter().find(|r| &r[1] == "MEMBER_OF").unwrap();
        assert_eq!(&member[col(&rh, "certainty")], "probable");
    }
}
