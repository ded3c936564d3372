//! The bad-input corpus: every case under `tests/bad-inputs/` is a command
//! (`args`, one argument a line, `@FILE` naming a file of the case) and the
//! message it must fail with (`expected`). Each must exit non-zero, print
//! that message, never panic, and leave the database byte-identical. A few
//! huge inputs (a 10 MB field, 100k-deep nesting) are generated here rather
//! than committed.

use crate::common::{bundled_db, dump, prosopo};
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Runs one case in its own copy of the bundled database; returns a failure description.
fn run_case(
    template: &Path,
    before: &str,
    work: &Path,
    name: &str,
    args: &[String],
    files: &Path,
    expected: &str,
) -> Option<String> {
    let db = work.join(format!("{name}.db"));
    copy_dir(template, &db);
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(f) => files.join(f).display().to_string(),
            None => a.replace("\\n", "\n"),
        })
        .collect();
    let out = prosopo(work)
        .arg("--db")
        .arg(&db)
        .args(&args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    if out.status.success() {
        problems.push("exited 0".to_string());
    }
    if err.contains("panicked") {
        problems.push("panicked".into());
    }
    if !err.contains(expected) {
        problems.push(format!("expected «{expected}»"));
    }
    if !err.starts_with("error: ") {
        problems.push("stderr does not start with 'error: '".into());
    }
    if dump(work, &db) != before {
        problems.push("the database changed".into());
    }
    let _ = std::fs::remove_dir_all(&db);
    if problems.is_empty() {
        None
    } else {
        let shown: String = err.chars().take(400).collect();
        Some(format!("{name}: {} — stderr: {shown}", problems.join(", ")))
    }
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

#[test]
fn every_bad_input_is_refused_cleanly() {
    let (dir, template) = bundled_db();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let before = dump(dir.path(), &template);
    let mut names: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    assert!(names.len() >= 80, "the corpus has {} cases", names.len());
    let mut failures = Vec::new();
    for case in &names {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let args: Vec<String> = std::fs::read_to_string(case.join("args"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        let expected = std::fs::read_to_string(case.join("expected"))
            .unwrap()
            .trim_end_matches('\n')
            .to_string();
        if let Some(f) = run_case(&template, &before, &work, &name, &args, case, &expected) {
            failures.push(f);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    eprintln!("bad-input corpus: {} cases refused cleanly", names.len());
}

#[test]
fn huge_and_deep_inputs_are_refused_cleanly() {
    let (dir, template) = bundled_db();
    let work = dir.path().join("work");
    let before = dump(dir.path(), &template);
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let big = "x".repeat(10 * 1024 * 1024);
    std::fs::write(
        files.join("big.toml"),
        format!("[[person]]\nid = \"n\"\nname = \"{big}\"\n"),
    )
    .unwrap();
    std::fs::write(
        files.join("deep.json"),
        format!(
            "{{\"person\": [{{\"id\": \"n\", \"x\": {}1{}}}]}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        files.join("deep.toml"),
        format!(
            "[[person]]\nid = \"n\"\nx = {}1{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(files.join("deep.jsonl"), format!("{{\"type\":\"node\",\"id\":\"n\",\"labels\":[\"Person\"],\"properties\":{{\"x\":{}1{}}}}}\n", "[".repeat(100_000), "]".repeat(100_000))).unwrap();
    std::fs::write(
        files.join("m.toml"),
        "[dataset]\nsources = [\"reg:{row}\"]\n[[source]]\nid = \"reg\"\ntitle = \"R\"\n[[table]]\nfile = \"wide.csv\"\n[[table.node]]\nlabel = \"Person\"\nid = \"p-{id}\"\nprops.name = \"{name}\"\n",
    )
    .unwrap();
    // A million-column CSV row.
    std::fs::write(
        files.join("wide.csv"),
        format!("id,name,born\n1{}\n", ",x".repeat(1_000_000)),
    )
    .unwrap();
    let wide = run_case(
        &template,
        &before,
        &work,
        "million-column-row",
        &[
            "import".into(),
            "@wide.csv".into(),
            "--mapping".into(),
            "@m.toml".into(),
        ],
        &files,
        "wide.csv:2: row 2",
    );
    let cases = [
        (
            "ten-megabyte-field",
            "big.toml",
            "an assertion without a source is rejected",
        ),
        ("deep-json", "deep.json", "invalid JSON"),
        ("deep-toml", "deep.toml", "invalid TOML"),
        ("deep-jsonl", "deep.jsonl", "invalid JSON"),
    ];
    let mut failures: Vec<String> = wide.into_iter().collect();
    for (name, file, expected) in cases {
        let args = vec!["import".to_string(), format!("@{file}")];
        if let Some(f) = run_case(&template, &before, &work, name, &args, &files, expected) {
            failures.push(f);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
