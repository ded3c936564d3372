//! Crash safety: an import killed with SIGKILL at random moments leaves all
//! of it or none of it, and a database that passes `check`.

use crate::common::{bundled_db, prosopo, run};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A JSONL file of `n` people citing the bundled source, with memberships.
fn big_import(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(
            s,
            r#"{{"type":"node","id":"gen-{i}","labels":["Person"],"properties":{{"name":"Person {i}","sources":["halfin2009:1-23"]}}}}"#
        );
        let _ = writeln!(
            s,
            r#"{{"type":"relationship","id":"gen-m{i}","label":"MEMBER_OF","start":{{"id":"gen-{i}"}},"end":{{"id":"lcu"}},"properties":{{"sources":["halfin2009:1-23"]}}}}"#
        );
    }
    s
}

fn generated_people(dir: &std::path::Path, db: &std::path::Path) -> usize {
    let (ok, out, err) = run(dir, db, &["-q", "export", "--format", "jsonl", "-o", "-"]);
    assert!(ok, "database unreadable after a crash: {err}");
    out.lines()
        .filter(|l| l.starts_with("{\"type\":\"node\",\"id\":\"gen-"))
        .count()
}

#[test]
fn an_import_killed_at_any_moment_lands_whole_or_not_at_all() {
    const N: usize = 1500;
    let (dir, db) = bundled_db();
    let file = dir.path().join("big.jsonl");
    std::fs::write(&file, big_import(N)).unwrap();
    // How long does a whole import take? Measured on a copy.
    let copy = dir.path().join("timing.db");
    let (ok, _, err) = run(
        dir.path(),
        &copy,
        &["import", crate::common::data_dir().to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let t = Instant::now();
    let (ok, _, err) = run(dir.path(), &copy, &["import", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    let full = t.elapsed();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15 ^ std::process::id() as u64;
    let (mut whole, mut none) = (0, 0);
    for round in 0..24 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full.as_micros() as u64 + 1));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prosopo"))
            .current_dir(dir.path())
            .arg("--db")
            .arg(&db)
            .args(["-q", "import"])
            .arg(&file)
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let n = generated_people(dir.path(), &db);
        assert!(
            n == 0 || n == N,
            "round {round}: after a kill at {delay:?}, {n} of {N} people are there"
        );
        let (ok, _, err) = run(dir.path(), &db, &["check"]);
        assert!(ok, "round {round}: check fails after a crash: {err}");
        if n == N {
            whole += 1;
            // Start again from nothing for the next round.
            let out = prosopo(dir.path())
                .arg("--db")
                .arg(&db)
                .args(["-q", "export", "--format", "jsonl", "-o", "-"])
                .output()
                .unwrap();
            let kept: String = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .filter(|l| !l.contains("gen-"))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::remove_dir_all(&db).unwrap();
            let keep = dir.path().join("keep.jsonl");
            std::fs::write(&keep, kept).unwrap();
            assert!(run(dir.path(), &db, &["-q", "import", keep.to_str().unwrap()]).0);
        } else {
            none += 1;
        }
    }
    eprintln!(
        "crash test: {whole} imports landed whole, {none} left nothing (full import {full:?})"
    );
}
