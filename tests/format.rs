//! Store formats: a database of each released format opens, checks and
//! upgrades; a newer or foreign format is refused clearly; `check --repair`
//! rebuilds damaged indices.

use crate::common::{bundled_db, dump, run};
use std::path::Path;

fn copy_fixture(name: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::create_dir_all(to.join("blobs")).unwrap();
    for f in ["conf", "db"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
}

#[test]
fn a_format_1_database_opens_checks_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    copy_fixture("format-1.db", &db);
    let (ok, _, err) = run(dir.path(), &db, &["show", "izak"]);
    assert!(
        !ok && err.contains("format version 1") && err.contains("prosopo upgrade"),
        "{err}"
    );
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(ok && err.contains("to format 2"), "{err}");
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(ok && err.contains("at format 2, the current one"), "{err}");
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
    let (ok, out, _) = run(dir.path(), &db, &["show", "izak"]);
    assert!(ok && out.contains("accused by Fedchenko"), "{out}");
}

#[test]
fn a_format_2_database_opens_and_checks_and_its_read_file_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    copy_fixture("format-2.db", &db);
    let (ok, out, err) = run(dir.path(), &db, &["show", "izak"]);
    assert!(ok && out.contains("accused by Fedchenko"), "{out}{err}");
    assert!(prosopo::store::snapshot::files::path(&db).exists());
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(ok && err.contains("at format 2, the current one"), "{err}");
}

#[test]
fn a_newer_format_is_refused_without_damage() {
    let (dir, db) = bundled_db();
    {
        use prosopo::store::{codec, keys, Kv, SledKv};
        let kv = SledKv::open(&db).unwrap();
        kv.apply(&[(
            keys::key(keys::META, &["format"]),
            Some(codec::encode(&7u32)),
        )])
        .unwrap();
        kv.flush().unwrap();
    }
    // Like every writer, the newer prosopo marks the read file stale first.
    prosopo::store::snapshot::files::mark_stale(&db).unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["show", "izak"]);
    assert!(
        !ok && err.contains("has format version 7, this prosopo reads version 2"),
        "{err}"
    );
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(!ok && err.contains("newer than this prosopo"), "{err}");
}

#[test]
fn check_finds_damage_behind_its_back_and_repair_rebuilds() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    {
        // A derived accusation removed from the store of record by hand.
        use prosopo::store::{keys, Kv, SledKv};
        let kv = SledKv::open(&db).unwrap();
        let derived = kv
            .keys_with_prefix(&[keys::REL])
            .unwrap()
            .into_iter()
            .find(|k| k.contains(&b'>'))
            .expect("a derived accusation");
        kv.apply(&[(derived, None)]).unwrap();
        kv.flush().unwrap();
    }
    let (ok, out, _) = run(dir.path(), &db, &["check"]);
    assert!(
        !ok && out.contains("does not match the store")
            && out.contains("derived accusation is missing"),
        "{out}"
    );
    let (ok, _, err) = run(dir.path(), &db, &["check", "--repair"]);
    assert!(ok, "{err}");
    assert_eq!(before, dump(dir.path(), &db));
    let (ok, out, _) = run(
        dir.path(),
        &db,
        &[
            "query",
            "MATCH (p:Person) RETURN count(p)",
            "--format",
            "csv",
        ],
    );
    assert!(ok && out.contains("\n9\n"), "{out}");
}
