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
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(ok && err.contains("at format 1, the current one"), "{err}");
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
    let (ok, out, _) = run(dir.path(), &db, &["show", "izak"]);
    assert!(ok && out.contains("accused by Fedchenko"), "{out}");
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
        !ok && err.contains("has format version 7, this prosopo reads version 1"),
        "{err}"
    );
    let (ok, _, err) = run(dir.path(), &db, &["upgrade"]);
    assert!(!ok && err.contains("newer than this prosopo"), "{err}");
}

#[test]
fn check_finds_damaged_indices_and_repair_rebuilds_them() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    {
        use prosopo::store::{keys, Kv, SledKv};
        let kv = SledKv::open(&db).unwrap();
        let mut ops: Vec<(Vec<u8>, Option<Vec<u8>>)> = kv
            .keys_with_prefix(&[keys::LABEL])
            .unwrap()
            .into_iter()
            .take(3)
            .map(|k| (k, None))
            .collect();
        ops.extend(
            kv.keys_with_prefix(&[keys::OUT])
                .unwrap()
                .into_iter()
                .take(2)
                .map(|k| (k, None)),
        );
        ops.push((
            keys::key(keys::NAME, &["stale", "nobody"]),
            Some(Vec::new()),
        ));
        kv.apply(&ops).unwrap();
        kv.flush().unwrap();
    }
    let (ok, out, _) = run(dir.path(), &db, &["check"]);
    assert!(
        !ok && out.contains("index entries are missing") && out.contains("point to nothing"),
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
