//! TOML entry files: arrays of tables named by kind (`[[person]]`).

use super::entry::{from_toml, line_of, Entry, Field};
use crate::db::{Origin, Problem};
use std::collections::BTreeMap;
use toml::Spanned;

type Table = BTreeMap<String, Spanned<toml::Value>>;

/// Parses a TOML entry file into entries, or the problems that stop it.
pub fn parse(file: &str, text: &str) -> Result<Vec<Entry>, Vec<Problem>> {
    let invalid = |e: toml::de::Error| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        vec![
            Problem::new(format!("invalid TOML: {}", e.message().trim()))
                .origin(Some(&Origin::at(file, line))),
        ]
    };
    let shape: BTreeMap<String, Spanned<toml::Value>> = toml::from_str(text).map_err(invalid)?;
    let mut problems = Vec::new();
    for (kind, value) in &shape {
        let is_tables = matches!(value.get_ref(), toml::Value::Array(items) if items.iter().all(toml::Value::is_table));
        if !is_tables {
            let line = line_of(text, value.span().start);
            problems.push(
                Problem::new(format!(
                    "'{kind}' must be a list of entries, each written [[{kind}]]"
                ))
                .origin(Some(&Origin::at(file, line))),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let doc: BTreeMap<String, Vec<Spanned<Table>>> = toml::from_str(text).map_err(invalid)?;
    let mut entries = Vec::new();
    for (kind, tables) in doc {
        for table in tables {
            let line = line_of(text, table.span().start);
            let fields = table
                .into_inner()
                .into_iter()
                .map(|(k, v)| {
                    let line = line_of(text, v.span().start);
                    (
                        k,
                        Field {
                            value: from_toml(v.get_ref()),
                            line,
                        },
                    )
                })
                .collect();
            entries.push(Entry {
                kind: kind.clone(),
                line,
                fields,
            });
        }
    }
    entries.sort_by_key(|e| e.line);
    Ok(entries)
}
