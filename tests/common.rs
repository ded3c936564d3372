//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The prosopo binary, run in `dir`, without PROSOPO_DB from the environment.
pub fn prosopo(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("prosopo").expect("binary builds");
    cmd.current_dir(dir).env_remove("PROSOPO_DB");
    cmd
}

/// Path of the repository's `data/` directory.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A temporary directory with a database built from the bundled data at `db`.
pub fn bundled_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    prosopo(dir.path())
        .args(["--db"])
        .arg(&db)
        .args(["import"])
        .arg(data_dir())
        .assert()
        .success();
    (dir, db)
}

/// The JSONL export of a database (to compare states byte for byte).
pub fn dump(dir: &Path, db: &Path) -> String {
    let out = prosopo(dir)
        .arg("--db")
        .arg(db)
        .args(["-q", "export", "--format", "jsonl", "-o", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs prosopo with `args` on `db`; returns (success, stdout, stderr).
pub fn run(dir: &Path, db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = prosopo(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
