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

/// Runs `args` repeatedly, killing it at random moments, and checks after
/// each kill that `landed(export)` is all-or-nothing and `check` passes.
fn kill_repeatedly(
    dir: &std::path::Path,
    db: &std::path::Path,
    args: &[&str],
    rounds: usize,
    check_all_or_nothing: &dyn Fn(&str) -> bool,
) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D ^ std::process::id() as u64;
    for round in 0..rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % 400_000);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prosopo"))
            .current_dir(dir)
            .arg("--db")
            .arg(db)
            .arg("-q")
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let (ok, export, err) = run(dir, db, &["-q", "export", "--format", "jsonl", "-o", "-"]);
        assert!(ok, "round {round}: unreadable after a kill: {err}");
        assert!(
            check_all_or_nothing(&export),
            "round {round} ({args:?}, kill after {delay:?}): partial write"
        );
        let (ok, _, err) = run(dir, db, &["check"]);
        assert!(ok, "round {round}: check fails after a kill: {err}");
    }
}

#[test]
fn add_merge_and_write_queries_killed_at_any_moment_land_whole_or_not_at_all() {
    let (dir, db) = bundled_db();
    let d = dir.path();
    // add: the event, its two participations and the derived accusation come together.
    kill_repeatedly(
        d,
        &db,
        &[
            "add",
            "accusation",
            "--id",
            "acc-k",
            "--accuser",
            "izak",
            "--accused",
            "altaparmakov",
            "--date",
            "1933",
            "--source",
            "halfin2009:301-335",
        ],
        8,
        &|e| {
            let parts = [
                e.contains("\"id\":\"acc-k\""),
                e.contains("acc-k/accuser/izak"),
                e.contains("acc-k/accused/altaparmakov"),
                e.contains("acc-k/izak>altaparmakov"),
            ];
            parts.iter().all(|p| *p) || parts.iter().all(|p| !*p)
        },
    );
    // A write query creating a node and a relationship.
    kill_repeatedly(d, &db, &["query", "MERGE (p:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']}) WITH p MATCH (l:Institution {id: 'lcu'}) MERGE (p)-[:MEMBER_OF {sources: ['halfin2009:174-228']}]->(l)"], 8, &|e| {
        e.contains("\"id\":\"novikov\"") == e.contains("member_of/novikov/lcu")
    });
    // merge: the old node goes and its relationships move, together.
    assert!(
        run(
            d,
            &db,
            &[
                "-q",
                "add",
                "person",
                "--id",
                "pantyukhin",
                "--name",
                "Pantyukhin",
                "--source",
                "halfin2009:301-335"
            ]
        )
        .0
    );
    assert!(
        run(
            d,
            &db,
            &[
                "-q",
                "add",
                "membership",
                "--person",
                "pantyukhin",
                "--of",
                "lcu",
                "--role",
                "student",
                "--source",
                "halfin2009:301-335"
            ]
        )
        .0
    );
    kill_repeatedly(
        d,
        &db,
        &["merge", "pantyukhin", "--into", "pantiukhin"],
        8,
        &|e| {
            let gone = !e.contains("\"id\":\"pantyukhin\"");
            let moved = e.contains("\"start\":{\"id\":\"pantiukhin\"},\"end\":{\"id\":\"lcu\"},\"properties\":{\"role\":\"student\"");
            gone == moved
        },
    );
}

#[test]
fn a_torn_or_corrupt_tail_is_refused_or_read_consistently() {
    let (dir, db) = bundled_db();
    let d = dir.path();
    let extra = d.join("extra.toml");
    let mut toml = String::new();
    for i in 0..20 {
        toml += &format!("[[person]]\nid = \"late-{i}\"\nname = \"Late {i}\"\nsources = [\"halfin2009:1-23\"]\n\n");
    }
    std::fs::write(&extra, toml).unwrap();
    assert!(run(d, &db, &["-q", "import", extra.to_str().unwrap()]).0);
    let pristine = d.join("pristine.db");
    std::fs::create_dir_all(&pristine).unwrap();
    for e in std::fs::read_dir(&db).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), pristine.join(e.file_name())).unwrap();
        }
    }
    let size = std::fs::metadata(pristine.join("db")).unwrap().len();
    let mut outcomes = Vec::new();
    for (i, cut) in [1u64, 7, 64, 512, 4096, size / 3].into_iter().enumerate() {
        for corrupt in [false, true] {
            let case = d.join(format!("torn-{i}-{corrupt}.db"));
            std::fs::create_dir_all(&case).unwrap();
            for e in std::fs::read_dir(&pristine).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), case.join(e.file_name())).unwrap();
            }
            let file = case.join("db");
            let mut bytes = std::fs::read(&file).unwrap();
            let at = bytes.len().saturating_sub(cut as usize);
            if corrupt {
                for b in &mut bytes[at..] {
                    *b ^= 0x5A;
                }
            } else {
                bytes.truncate(at);
            }
            std::fs::write(&file, bytes).unwrap();
            let (ok, export, err) =
                run(d, &case, &["-q", "export", "--format", "jsonl", "-o", "-"]);
            assert!(
                !err.contains("panicked"),
                "cut {cut} corrupt {corrupt}: {err}"
            );
            if ok {
                // What opens must be a consistent state: the bundled data whole, the late import whole or absent.
                let late = export
                    .lines()
                    .filter(|l| l.contains("\"id\":\"late-"))
                    .count();
                assert!(
                    late == 0 || late == 20,
                    "cut {cut} corrupt {corrupt}: {late} of 20 late people"
                );
                if export.contains("\"id\":\"izak\"") {
                    let (ok, _, err) = run(d, &case, &["check"]);
                    assert!(
                        ok,
                        "cut {cut} corrupt {corrupt}: opened but inconsistent: {err}"
                    );
                }
                outcomes.push(format!(
                    "{cut}{}: read, {late} late",
                    if corrupt { " corrupt" } else { "" }
                ));
            } else {
                assert!(
                    err.starts_with("error: "),
                    "cut {cut} corrupt {corrupt}: {err}"
                );
                outcomes.push(format!(
                    "{cut}{}: refused",
                    if corrupt { " corrupt" } else { "" }
                ));
            }
        }
    }
    eprintln!("torn writes: {}", outcomes.join("; "));
}

#[test]
fn a_csv_import_killed_at_any_moment_lands_whole_or_not_at_all() {
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/giaveno-1335");
    if !shared.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "../shared is missing on CI"
        );
        println!("skipped: ../shared not found");
        return;
    }
    let mapping =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/mappings/giaveno-1335.toml");
    let nodes = shared.join("nodes.csv");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "import",
        nodes.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ];
    // The whole import, timed, on a reference database.
    let reference = d.join("ref.db");
    let t = Instant::now();
    let mut full_args = vec!["-q"];
    full_args.extend(args);
    assert!(run(d, &reference, &full_args).0);
    let full = t.elapsed();
    let count = |export: &str| {
        export
            .lines()
            .filter(|l| l.starts_with("{\"type\":\"node\""))
            .count()
    };
    let whole = count(
        &run(
            d,
            &reference,
            &["-q", "export", "--format", "jsonl", "-o", "-"],
        )
        .1,
    );
    let db = d.join("t.db");
    let mut seed: u64 = 0x9E37_79B9 ^ std::process::id() as u64;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full.as_micros() as u64 + 1));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prosopo"))
            .current_dir(d)
            .arg("--db")
            .arg(&db)
            .arg("-q")
            .args(args)
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let (ok, export, err) = run(d, &db, &["-q", "export", "--format", "jsonl", "-o", "-"]);
        assert!(ok, "round {round}: unreadable: {err}");
        let n = count(&export);
        assert!(
            n == 0 || n == whole,
            "round {round}: {n} of {whole} nodes after a kill at {delay:?}"
        );
        assert!(run(d, &db, &["check"]).0, "round {round}: check fails");
        if n == whole {
            std::fs::remove_dir_all(&db).unwrap();
        }
    }
}

/// The states a crash can leave between the store's commit and the read
/// file's replacement: each reads as the committed store, and the next open
/// repairs the read file.
#[test]
fn a_crash_between_commit_and_read_file_reads_the_commit() {
    use prosopo::store::snapshot::files;
    let (dir, db) = bundled_db();
    let file = dir.path().join("few.jsonl");
    std::fs::write(&file, big_import(5)).unwrap();
    let old_read = std::fs::read(files::path(&db)).unwrap();
    assert!(run(dir.path(), &db, &["-q", "import", file.to_str().unwrap()]).0);
    let new_read = std::fs::read(files::path(&db)).unwrap();
    assert_ne!(old_read, new_read);
    // Killed after the commit, before the new read file was renamed in:
    // the mark is there and the old file is in place.
    files::mark_stale(&db).unwrap();
    std::fs::write(files::path(&db), &old_read).unwrap();
    assert_eq!(generated_people(dir.path(), &db), 5);
    assert!(!files::is_stale(&db));
    assert!(
        std::fs::read(files::path(&db)).unwrap() == new_read,
        "the read file differs from the one the import wrote"
    );
    // Killed after the rename, before the mark was removed.
    files::mark_stale(&db).unwrap();
    assert_eq!(generated_people(dir.path(), &db), 5);
    assert!(!files::is_stale(&db));
    // The read file is gone or damaged: rebuilt from the store.
    std::fs::remove_file(files::path(&db)).unwrap();
    assert_eq!(generated_people(dir.path(), &db), 5);
    std::fs::write(files::path(&db), &new_read[..100]).unwrap();
    assert_eq!(generated_people(dir.path(), &db), 5);
    // A whole file of another layout (an older prosopo's): rebuilt too.
    use prosopo::store::snapshot::layout::{field, VERSION};
    let mut older = new_read.clone();
    older[field::VERSION..field::VERSION + 4].copy_from_slice(&(VERSION - 1).to_le_bytes());
    let crc = crc32fast::hash(&older[..field::HEADER_CRC]);
    older[field::HEADER_CRC..field::HEADER_CRC + 4].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(files::path(&db), &older).unwrap();
    assert_eq!(generated_people(dir.path(), &db), 5);
    assert!(
        std::fs::read(files::path(&db)).unwrap() == new_read,
        "an older layout's file is rebuilt in the current one"
    );
    let (ok, _, err) = run(dir.path(), &db, &["check"]);
    assert!(ok, "{err}");
    // A damaged body that still opens is found by check and repaired.
    let mut bad = new_read.clone();
    let at = bad.len() - 3;
    bad[at] ^= 0xff;
    std::fs::write(files::path(&db), &bad).unwrap();
    let (ok, out, err) = run(dir.path(), &db, &["check"]);
    assert!(!ok && out.contains("read file"), "{out}{err}");
    assert!(run(dir.path(), &db, &["-q", "check", "--repair"]).0);
    assert!(
        std::fs::read(files::path(&db)).unwrap() == new_read,
        "the read file differs from the one the import wrote"
    );
}
