//! The command line on the bundled dataset: default database, dossiers,
//! name lookup, dates, import, add, export, check.

use crate::common::{bundled_db, data_dir, dump, prosopo, run};
use predicates::prelude::*;

#[test]
fn first_run_builds_the_default_database_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    prosopo(dir.path())
        .args(["show", "izak"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "created ./prosopo.db from the bundled dataset",
        ))
        .stdout(
            predicate::str::contains("Izak").and(predicate::str::contains("accused by Fedchenko")),
        );
    assert!(dir.path().join("prosopo.db").exists());
    // The second run uses it and says nothing.
    prosopo(dir.path())
        .args(["show", "izak"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn any_spelling_finds_pantiukhin() {
    let (dir, db) = bundled_db();
    for name in [
        "Пантюхин",
        "Pantiukhin",
        "Pantyukhin",
        "pantjuchin",
        "PANTIUKHIN",
    ] {
        let (ok, out, err) = run(dir.path(), &db, &["show", name]);
        assert!(ok, "{name}: {err}");
        assert!(out.starts_with("Pantiukhin  (Person"), "{name}: {out}");
    }
    let (ok, _, err) = run(dir.path(), &db, &["show", "Nobodyov"]);
    assert!(!ok && err.contains("nothing found for 'Nobodyov'"), "{err}");
}

#[test]
fn the_dossier_lists_accusations_made_and_received_with_sources() {
    let (dir, db) = bundled_db();
    let (_, out, _) = run(dir.path(), &db, &["show", "fedchenko"]);
    assert!(out.contains("Accusations made"), "{out}");
    assert!(
        out.contains("accused Izak (izak) of Trotskyism  [halfin2009:301-335]"),
        "{out}"
    );
    assert!(out.contains("\"a few weeks later\""), "{out}");
    assert!(out.contains("also: Федченко"), "{out}");
}

#[test]
fn an_accusation_without_named_accusers_derives_no_accused_relationship() {
    let (dir, db) = bundled_db();
    let export = dump(dir.path(), &db);
    let accused_fedchenko = export
        .lines()
        .filter(|l| {
            l.contains("\"label\":\"ACCUSED\"") && l.contains("\"end\":{\"id\":\"fedchenko\"}")
        })
        .count();
    assert_eq!(accused_fedchenko, 0);
    let derived = export
        .lines()
        .filter(|l| l.contains("\"label\":\"ACCUSED\""))
        .count();
    assert_eq!(derived, 4, "2 accusers x 2 accused");
}

#[test]
fn dates_print_normalized_form_and_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let out = prosopo(dir.path())
        .args(["date", "1931-23", "1936?/1938-03~", "[1667,1668]"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("earliest 1931-09-01  latest 1931-11-30"),
        "{text}"
    );
    assert!(
        text.contains("earliest 1936-01-01  latest 1938-03-31"),
        "{text}"
    );
    assert!(
        text.contains("earliest 1667-01-01  latest 1668-12-31"),
        "{text}"
    );
    assert!(
        !dir.path().join("prosopo.db").exists(),
        "date needs no database"
    );
    let out = prosopo(dir.path())
        .args(["date", "--format", "json", "1931-11~"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"input": "1931-11~", "edtf": "1931-11~", "earliest": "1931-11-01",
                           "latest": "1931-11-30", "approximate": true, "uncertain": false})
    );
    prosopo(dir.path())
        .args(["date", "1931-13"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "'1931-13': invalid month 13 at column 6",
        ));
}

#[test]
fn reimporting_the_same_files_changes_nothing() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    let (ok, _, err) = run(dir.path(), &db, &["import", data_dir().to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(err.contains("0 created, 0 updated, 58 unchanged"), "{err}");
    assert_eq!(before, dump(dir.path(), &db));
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let (dir, db) = bundled_db();
    let first = dump(dir.path(), &db);
    let file = dir.path().join("dump.jsonl");
    std::fs::write(&file, &first).unwrap();
    let copy = dir.path().join("copy.db");
    let (ok, _, err) = run(dir.path(), &copy, &["import", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(first, dump(dir.path(), &copy));
    let (ok, _, err) = run(
        dir.path(),
        &copy,
        &["export", "--format", "jsonl", "-o", "again.jsonl"],
    );
    assert!(ok, "{err}");
    assert_eq!(
        first,
        std::fs::read_to_string(dir.path().join("again.jsonl")).unwrap()
    );
}

#[test]
fn add_accusation_derives_one_accused_per_pair_and_is_idempotent() {
    let (dir, db) = bundled_db();
    let args = [
        "add",
        "accusation",
        "--accuser",
        "fedchenko",
        "--accuser",
        "altaparmakov",
        "--accused",
        "izak",
        "--date",
        "1931-09/1931-12",
        "--date-text",
        "late 1931",
        "--charge",
        "Trotskyism",
        "--source",
        "halfin2009:301-335",
    ];
    let (ok, out, err) = run(dir.path(), &db, &args);
    assert!(ok, "{err}");
    let id = out.trim().to_string();
    let export = dump(dir.path(), &db);
    for pair in ["fedchenko>izak", "altaparmakov>izak"] {
        assert!(
            export.contains(&format!("\"id\":\"{id}/{pair}\"")),
            "{pair} missing"
        );
    }
    let (ok, _, err) = run(dir.path(), &db, &args);
    assert!(ok && err.contains("0 created"), "{err}");
    assert_eq!(export, dump(dir.path(), &db));
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
}

#[test]
fn add_validates_like_import() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    let (ok, _, err) = run(dir.path(), &db, &["add", "person", "--name", "Novikov"]);
    assert!(!ok);
    assert!(
        err.contains("an assertion without a source is rejected"),
        "{err}"
    );
    let (ok, _, err) = run(
        dir.path(),
        &db,
        &[
            "add",
            "accusation",
            "--accuser",
            "ghost",
            "--accused",
            "izak",
            "--source",
            "halfin2009:1",
        ],
    );
    assert!(!ok);
    assert!(err.contains("no node with id 'ghost'"), "{err}");
    assert_eq!(before, dump(dir.path(), &db));
    let (ok, out, err) = run(
        dir.path(),
        &db,
        &[
            "add",
            "person",
            "--name",
            "Novikov",
            "--names",
            "Новиков",
            "--source",
            "halfin2009:174-228",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "novikov");
    let (_, out, _) = run(dir.path(), &db, &["show", "Новиков"]);
    assert!(out.starts_with("Novikov"), "{out}");
}

#[test]
fn conflicting_claims_are_both_kept_and_shown() {
    let (dir, db) = bundled_db();
    let file = dir.path().join("claims.toml");
    std::fs::write(
        &file,
        r#"
[[source]]
id = "other1990"
title = "Another account"

[[event]]
id = "izak-arrest-a"
kind = "arrest"
date = "1936-08"
participants = [{ person = "izak", role = "subject" }]
sources = ["halfin2009:112-173"]

[[event]]
id = "izak-arrest-b"
kind = "arrest"
date = "1936-09-01"
participants = [{ person = "izak", role = "subject" }]
sources = ["other1990:12"]
"#,
    )
    .unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["import", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (_, out, _) = run(dir.path(), &db, &["show", "izak"]);
    assert!(
        out.contains("1936-08: arrest") && out.contains("[halfin2009:112-173]"),
        "{out}"
    );
    assert!(
        out.contains("1936-09-01: arrest") && out.contains("[other1990:12]"),
        "{out}"
    );
}

#[test]
fn an_explicit_new_database_starts_empty_and_keeps_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let (ok, out, _) = run(dir.path(), &db, &["--schema", "open", "stats"]);
    assert!(ok);
    assert!(out.contains("schema: open"), "{out}");
    let nodes = out.lines().find(|l| l.contains("nodes")).unwrap();
    assert_eq!(
        nodes
            .split('┆')
            .next_back()
            .unwrap()
            .trim_matches(|c: char| c == '│' || c.is_whitespace()),
        "0",
        "{out}"
    );
    let (ok, _, err) = run(dir.path(), &db, &["--schema", "prosopography", "stats"]);
    assert!(!ok);
    assert!(err.contains("was created with the open schema"), "{err}");
}

#[test]
fn a_database_in_use_is_refused_at_once_to_writers_but_not_to_readers() {
    let (dir, db) = bundled_db();
    let held = prosopo::Database::open(&db, None).unwrap();
    let start = std::time::Instant::now();
    // Whatever needs the store of record (a check, a write) is refused at once.
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(!ok);
    assert!(err.contains("is in use by another process"), "{err}");
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    // Reads go to the read file, which needs no lock.
    let (ok, out, err) = run(dir.path(), &db, &["show", "izak"]);
    assert!(ok && out.contains("accused by Fedchenko"), "{out}{err}");
    // While a write is in progress (the read file is marked stale), a
    // reader needs the store too and is refused at once as well.
    prosopo::store::snapshot::files::mark_stale(&db).unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["show", "izak"]);
    assert!(!ok && err.contains("is in use by another process"), "{err}");
    drop(held);
    // The next open finds the mark, checks the generation and clears it.
    assert!(run(dir.path(), &db, &["show", "izak"]).0);
    assert!(!prosopo::store::snapshot::files::is_stale(&db));
    assert!(run(dir.path(), &db, &["check"]).0);
}

#[test]
fn check_and_stats_report_on_the_bundled_data() {
    let (dir, db) = bundled_db();
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(
        ok && err.contains("ok: 28 nodes, 30 relationships"),
        "{err}"
    );
    let (ok, out, _) = run(dir.path(), &db, &["stats"]);
    assert!(ok);
    assert!(out.contains("Person") && out.contains("ACCUSED"), "{out}");
}

#[test]
fn completions_and_help_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    prosopo(dir.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("prosopo"));
    prosopo(dir.path())
        .args(["add", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}
