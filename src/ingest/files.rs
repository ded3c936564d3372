//! Finding and reading data files: paths and directories, text checks
//! (UTF-8, byte-order mark), dispatch by extension.

use super::entries::Converter;
#[cfg(test)]
use crate::db::Item;
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
        not_utf8(file, at, line_ends(&e.as_bytes()[..at]) + 1)
    })
}

/// How many line ends `bytes` holds (counted by `memchr` with vector
/// instructions: a byte-at-a-time count took a tenth of parsing a JSONL file).
pub(super) fn line_ends(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// The problem of a file that is not UTF-8 from `byte` on, in `line`.
fn not_utf8(file: &str, byte: usize, line: usize) -> Problem {
    Problem::new(format!(
        "the file is not valid UTF-8 (byte {byte}); save it as UTF-8"
    ))
    .origin(Some(&Origin::at(file, line)))
}

/// The line (from 1) of the first NUL byte of `text`, if it has one.
pub(crate) fn nul_line(text: &str) -> Option<usize> {
    text.find('\0')
        .map(|at| line_ends(&text.as_bytes()[..at]) + 1)
}

/// The problem of a file holding a NUL byte in `line`.
pub(crate) fn nul_byte(file: &str, line: usize) -> Problem {
    Problem::new("the file contains a NUL byte; is it a binary file?")
        .origin(Some(&Origin::at(file, line)))
}

/// Reads one data file's text into `draft` by its extension.
pub fn read_text(
    file: &str,
    text: &str,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    if let Some(line) = nul_line(text) {
        problems.push(nul_byte(file, line));
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
    if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        read_jsonl(&file, path, schema, draft, problems);
        return;
    }
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

/// Bytes of a JSONL file read and parsed at a time.
const PART_BYTES: usize = 64 << 20;

/// Reads a JSONL file into `draft` a part of whole lines at a time, so that
/// a large file is never held whole (at a million people it was 1.4 GB
/// beside what it became). The file is refused as a whole, as a text read
/// at once would be: when it cannot be read, is not UTF-8 (that problem
/// first) or holds a NUL byte, its elements and problems are taken out
/// again and only that problem is given.
fn read_jsonl(
    file: &str,
    path: &Path,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    let (items_before, problems_before) = (draft.len(), problems.len());
    let refused = match read_jsonl_parts(file, path, PART_BYTES, schema, draft, problems) {
        Ok(refused) => refused,
        Err(e) => Some(Problem::new(format!("cannot read: {e}")).origin(Some(&Origin::of(file)))),
    };
    if let Some(p) = refused {
        draft.truncate(items_before);
        problems.truncate(problems_before);
        problems.push(p);
    }
}

/// The reading of [`read_jsonl`], `part_bytes` at a time: the problem
/// that refuses the file, if any.
fn read_jsonl_parts(
    file: &str,
    path: &Path,
    part_bytes: usize,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) -> std::io::Result<Option<Problem>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let size = f.metadata().map_or(0, |m| m.len() as usize);
    let name: std::sync::Arc<str> = file.into();
    let mut buf: Vec<u8> = Vec::with_capacity(part_bytes.min(size) + 1);
    let (mut offset, mut lines, mut first) = (0usize, 0usize, true);
    let mut nul: Option<usize> = None;
    loop {
        // Room for a part after what is left of the last; a line longer
        // than that doubles it.
        let want = part_bytes.max(buf.len());
        let got = (&mut f).take(want as u64).read_to_end(&mut buf)?;
        let end_of_file = got < want;
        if first {
            // A byte-order mark is dropped once the first three bytes are in.
            if buf.len() < 3 && !end_of_file {
                continue;
            }
            first = false;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
        }
        // Whole lines only, but the rest of the file at its end.
        let take = if end_of_file {
            buf.len()
        } else {
            match buf.iter().rposition(|b| *b == b'\n') {
                Some(at) => at + 1,
                None => continue,
            }
        };
        let part = &buf[..take];
        let text = match std::str::from_utf8(part) {
            Ok(t) => t,
            Err(e) => {
                let at = e.valid_up_to();
                let line = lines + line_ends(&part[..at]) + 1;
                return Ok(Some(not_utf8(file, offset + at, line)));
            }
        };
        if nul.is_none() {
            if let Some(line) = nul_line(text) {
                nul = Some(lines + line);
            } else {
                super::jsonl::parse_part(&name, text, lines, schema, draft, problems);
            }
        }
        lines += line_ends(part);
        offset += take;
        buf.drain(..take);
        if end_of_file {
            return Ok(nul.map(|line| nul_byte(file, line)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading the whole file at once gives: its elements and problems.
    fn at_once(path: &Path) -> String {
        let file = path.display().to_string();
        let (mut draft, mut problems) = (Draft::default(), Vec::new());
        match text_of(&file, std::fs::read(path).unwrap()) {
            Ok(text) => read_text(
                &file,
                &text,
                Schema::Prosopography,
                &mut draft,
                &mut problems,
            ),
            Err(p) => problems.push(p),
        }
        format!("{:?}\n{problems:?}", draft.writes().collect::<Vec<_>>())
    }

    fn in_parts(path: &Path, part_bytes: usize) -> String {
        let file = path.display().to_string();
        let (mut draft, mut problems) = (Draft::default(), Vec::new());
        draft
            .items
            .push((Item::DeleteRel("before".into()), Origin::of("x")));
        let refused = read_jsonl_parts(
            &file,
            path,
            part_bytes,
            Schema::Prosopography,
            &mut draft,
            &mut problems,
        )
        .unwrap();
        if let Some(p) = refused {
            draft.truncate(1);
            problems.clear();
            problems.push(p);
        }
        let mut writes = draft.writes();
        assert!(matches!(writes.next(), Some((Item::DeleteRel(_), _))));
        format!("{:?}\n{problems:?}", writes.collect::<Vec<_>>())
    }

    /// Read a part at a time (parts of every size down to a byte, lines
    /// longer than a part), a file gives what it gives read at once: its
    /// elements and problems with their lines, or the one problem that
    /// refuses it.
    #[test]
    fn a_file_read_in_parts_reads_as_at_once() {
        let good =
            r#"{"type":"node","id":"p1","labels":["Person"],"properties":{"name":"Пантюхин"}}"#;
        let rel = r#"{"type":"relationship","id":"r1","label":"KNEW","start":{"id":"p1"},"end":{"id":"p2"}}"#;
        let texts: Vec<Vec<u8>> = vec![
            format!("{good}\n{rel}\r\n\n{{bad\n{}\n", good.replace("p1", "p2")).into_bytes(),
            format!("\u{feff}{good}\n{rel}").into_bytes(),
            [
                format!("{good}\n{rel}\n").as_bytes(),
                b"{\"id\":\"\xff\"}\n",
                good.as_bytes(),
            ]
            .concat(),
            format!("{good}\n\0\n{rel}\n").into_bytes(),
            [format!("{good}\n\0\n").as_bytes(), b"\xc3\n"].concat(),
            format!("{good}\n{rel}\n").repeat(9).into_bytes(),
            Vec::new(),
            b"\n\n".to_vec(),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in texts.iter().enumerate() {
            let path = dir.path().join(format!("t{i}.jsonl"));
            std::fs::write(&path, bytes).unwrap();
            let want = at_once(&path);
            for part in [1, 2, 3, 7, 40, 100, 1000, PART_BYTES] {
                assert_eq!(in_parts(&path, part), want, "file {i}, parts of {part}");
            }
        }
    }
}
