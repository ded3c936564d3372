//! The archive generator: deterministic for a seed, and its output imports
//! cleanly into a prosopography database that then passes `check`.

use crate::common::{prosopo, run};

#[test]
fn a_generated_archive_is_deterministic_and_imports_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    for out in [&a, &b] {
        prosopo(dir.path())
            .args(["-q", "generate", "--persons", "400", "--seed", "9", "-o"])
            .arg(out)
            .assert()
            .success();
    }
    let text = std::fs::read(&a).unwrap();
    assert_eq!(text, std::fs::read(&b).unwrap(), "same seed, same bytes");
    assert!(String::from_utf8_lossy(&text).contains("\"kind\":\"accusation\""));
    let db = dir.path().join("gen.db");
    let (ok, _, err) = run(dir.path(), &db, &["import", a.to_str().unwrap()]);
    assert!(ok, "import failed: {err}");
    assert!(err.contains("derived accusations"), "{err}");
    let (ok, out, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "check failed: {out}{err}");
    let (ok, out, err) = run(
        dir.path(),
        &db,
        &[
            "query",
            "--format",
            "csv",
            "MATCH (:Person)-[r:ACCUSED]->(:Person) RETURN count(r) AS n",
        ],
    );
    assert!(ok, "{err}");
    let n: usize = out.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(n > 0, "the import derives ACCUSED relationships");
}
