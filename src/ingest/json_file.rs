//! JSON entry files: the same content as TOML, `{"person": [{...}], ...}`.

use super::entry::{from_json, line_of, Entry, Field};
use crate::db::{Origin, Problem};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Parses a JSON entry file into entries, or the problems that stop it.
pub fn parse(file: &str, text: &str) -> Result<Vec<Entry>, Vec<Problem>> {
    let syntax = |e: serde_json::Error| {
        vec![Problem::new(format!("invalid JSON: {e}"))
            .origin(Some(&Origin::at(file, e.line().max(1))))]
    };
    let doc: BTreeMap<String, Vec<&RawValue>> = serde_json::from_str(text).map_err(syntax)?;
    let base = text.as_ptr() as usize;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (kind, items) in doc {
        for raw in items {
            let raw_text = raw.get();
            let offset = raw_text.as_ptr() as usize - base;
            let line = line_of(text, offset);
            let object = match serde_json::from_str::<serde_json::Value>(raw_text) {
                Ok(serde_json::Value::Object(o)) => o,
                Ok(_) => {
                    problems.push(
                        Problem::new(format!("each '{kind}' entry must be an object"))
                            .origin(Some(&Origin::at(file, line))),
                    );
                    continue;
                }
                Err(e) => {
                    problems.push(
                        Problem::new(format!("invalid JSON: {e}"))
                            .origin(Some(&Origin::at(file, line + e.line().saturating_sub(1)))),
                    );
                    continue;
                }
            };
            let mut fields = BTreeMap::new();
            for (k, v) in object {
                let field_line = raw_text
                    .find(&format!("\"{k}\""))
                    .map_or(line, |p| line + raw_text[..p].matches('\n').count());
                match from_json(&v) {
                    Ok(value) => {
                        fields.insert(
                            k,
                            Field {
                                value,
                                line: field_line,
                            },
                        );
                    }
                    Err(e) => problems.push(
                        Problem::new(e)
                            .origin(Some(&Origin::at(file, field_line)))
                            .field(&k),
                    ),
                }
            }
            entries.push(Entry {
                kind: kind.clone(),
                line,
                fields,
            });
        }
    }
    if problems.is_empty() {
        entries.sort_by_key(|e| e.line);
        Ok(entries)
    } else {
        Err(problems)
    }
}
