//! Finding and reading data files: paths and directories, text checks
//! (UTF-8, byte-order mark), dispatch by extension.

use super::entries::Converter;
use crate::db::{Draft, Origin, Problem};
use crate::model::Schema;
use std::path::{Path, PathBuf};

/// Extensions `import` reads from directories.
const EXTENSIONS: [&str; 3] = ["toml", "json", "jsonl"];

/// The data files under the given paths: files as given, directories walked
/// in name order (skipping `mappings/` folders and hidden entries).
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Problem> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out).map_err(|e| {
                Problem::new(format!("cannot read directory {}: {e}", path.display()))
            })?;
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Problem::new(format!(
                "{}: no such file or directory",
                path.display()
            )));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "mappings" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks that bytes are UTF-8 and strips a byte-order mark.
pub fn text_of(file: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Problem::new(format!(
            "the file is not valid UTF-8 (byte {at}); save it as UTF-8"
        ))
        .origin(Some(&Origin::at(file, line)))
    })
}

/// Reads one data file's text into `draft` by its extension.
pub fn read_text(
    file: &str,
    text: &str,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].matches('\n').count() + 1;
        problems.push(
            Problem::new("the file contains a NUL byte; is it a binary file?")
                .origin(Some(&Origin::at(file, line))),
        );
        return;
    }
    let ext = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let entries = match ext {
        "toml" => super::toml_file::parse(file, text),
        "json" => super::json_file::parse(file, text),
        "jsonl" => {
            super::jsonl::parse(file, text, schema, draft, problems);
            return;
        }
        _ => {
            problems.push(
                Problem::new(
                    "unknown file type: use .toml, .json or .jsonl (or .csv with --mapping)",
                )
                .origin(Some(&Origin::of(file))),
            );
            return;
        }
    };
    match entries {
        Ok(entries) => {
            let mut conv = Converter::new(file, schema);
            for entry in entries {
                conv.convert(entry, draft, problems);
            }
        }
        Err(mut p) => problems.append(&mut p),
    }
}

/// Reads one file from disk into `draft`.
pub fn read_path(path: &Path, schema: Schema, draft: &mut Draft, problems: &mut Vec<Problem>) {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(
                Problem::new(format!("cannot read: {e}")).origin(Some(&Origin::of(file.as_str()))),
            );
            return;
        }
    };
    match text_of(&file, bytes) {
        Ok(text) => read_text(&file, &text, schema, draft, problems),
        Err(p) => problems.push(p),
    }
}
