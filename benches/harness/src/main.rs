//! Benchmark harness: prosopo against SQLite on a synthetic purge archive.
//!
//! ```text
//! cargo build --release
//! cargo run --release --manifest-path benches/harness/Cargo.toml -- --persons 100k
//! ```
//!
//! At the chosen scale it generates the archive (`prosopo generate`), loads
//! it into prosopo (`prosopo import`, a fresh process) and into SQLite (a
//! child process: one transaction, then indices, then the derived ACCUSED
//! rows), then asks the seven questions of `queries/` in fresh processes on
//! both sides (each once untimed first, so that both read from the page
//! cache), checks that the answers agree, and prints medians, ratios, peak
//! memory and size on disk as a Markdown table.

mod measure;
mod saved;
mod sqlite;

use measure::{disk_size, median, ms, run, Run};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const QUESTIONS: [(&str, &str); 7] = [
    ("q1", "Q1 lookup by exact name"),
    ("q2", "Q2 who accused X, by date"),
    ("q3", "Q3 reachable from A over 1..3 ACCUSED"),
    ("q4", "Q4 accusers accused later (count)"),
    ("q5", "Q5 events at an institution, 1936-1938"),
    ("q6", "Q6 top 10 accused by distinct accusers"),
    ("q7", "Q7 shortest undirected ACCUSED path (<= 6)"),
];

struct Options {
    persons: usize,
    seed: u64,
    runs: usize,
    dir: PathBuf,
    reuse: bool,
    /// Measure the plain `cargo build --release` binary, not the static one.
    dynamic: bool,
    /// Leave out the saved queries' table (long at 1M persons).
    no_saved: bool,
    /// Loads per side (alternating, each into a fresh database; the median
    /// is reported).
    load_runs: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sqlite-load") => {
            sqlite::load(Path::new(&args[1]), Path::new(&args[2])).expect("SQLite load");
        }
        Some("sqlite-query") => {
            let sql = std::fs::read_to_string(&args[2]).expect("SQL file");
            let params: Vec<(String, String)> = args[3..]
                .iter()
                .filter_map(|a| a.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            for row in sqlite::query(Path::new(&args[1]), &sql, &params).expect("SQL query") {
                println!("{}", row.join(","));
            }
        }
        Some("noop") => {}
        Some("saved") => saved_on_bundled(&args[1..]),
        _ => bench(&options(&args)),
    }
}

/// `saved [--runs N]`: the saved queries on the bundled dataset, imported
/// into a fresh database.
fn saved_on_bundled(args: &[String]) {
    let runs = match args {
        [flag, n] if flag == "--runs" => n.parse().expect("--runs N"),
        _ => 7,
    };
    let bin = prosopo_bin(false);
    let dir = std::env::temp_dir().join(format!("prosopo-saved-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    let db = dir.join("bundled.db");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    run(Command::new(&bin)
        .arg("--db")
        .arg(&db)
        .args(["-q", "import"])
        .arg(data));
    saved::table(
        &bin,
        &db,
        "fedchenko",
        runs,
        "bundled dataset, $person = fedchenko",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn options(args: &[String]) -> Options {
    let mut o = Options {
        persons: 10_000,
        seed: 1,
        runs: 7,
        dir: std::env::temp_dir().join("prosopo-bench"),
        reuse: false,
        dynamic: false,
        no_saved: false,
        load_runs: 3,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--persons" => {
                o.persons = prosopo::generate::parse_count(&val()).unwrap_or_else(|e| panic!("{e}"))
            }
            "--seed" => o.seed = val().parse().expect("--seed N"),
            "--runs" => o.runs = val().parse().expect("--runs N"),
            "--dir" => o.dir = PathBuf::from(val()),
            "--reuse" => o.reuse = true,
            "--dynamic" => o.dynamic = true,
            "--no-saved" => o.no_saved = true,
            "--load-runs" => o.load_runs = val().parse().expect("--load-runs N"),
            "-h" | "--help" => {
                println!(
                    "usage: harness [--persons 10k|100k|1m] [--seed N] [--runs 7] [--dir DIR] [--reuse] [--dynamic] [--no-saved] [--load-runs 3]\n       harness saved [--runs 7]   (saved queries on the bundled data)"
                );
                std::process::exit(0);
            }
            other => panic!("unknown argument {other}; try --help"),
        }
    }
    o
}

/// The release `prosopo` binary: `$PROSOPO_BIN`, else built by cargo —
/// on x86-64 Linux linked statically (`cargo build-static`, the build a
/// user installs for the fastest start) unless `dynamic`.
fn prosopo_bin(dynamic: bool) -> PathBuf {
    if let Some(p) = std::env::var_os("PROSOPO_BIN") {
        return p.into();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let native = cfg!(all(
        target_os = "linux",
        target_arch = "x86_64",
        target_env = "gnu"
    ));
    let (args, bin): (&[&str], PathBuf) = if native && !dynamic {
        // The alias lives in the repository's .cargo/config.toml, which
        // cargo finds from the working directory.
        let triple = "x86_64-unknown-linux-gnu";
        (&["build-static"], target.join(triple).join("release"))
    } else {
        (
            &["build", "--release", "--bin", "prosopo"],
            target.join("release"),
        )
    };
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(&root)
        .status()
        .expect("cargo");
    assert!(status.success(), "cannot build prosopo");
    bin.join("prosopo")
}

struct Row {
    what: String,
    prosopo: f64,
    sqlite: f64,
    unit: &'static str,
    note: String,
}

fn bench(o: &Options) {
    let bin = prosopo_bin(o.dynamic);
    let me = std::env::current_exe().expect("own path");
    std::fs::create_dir_all(&o.dir).expect("work directory");
    let jsonl = o
        .dir
        .join(format!("archive-{}-{}.jsonl", o.persons, o.seed));
    let db = o.dir.join(format!("prosopo-{}.db", o.persons));
    let sql_db = o.dir.join(format!("sqlite-{}.db", o.persons));
    let mut rows = Vec::new();
    let loaded = o.reuse && jsonl.exists() && db.exists() && sql_db.exists();
    if !loaded {
        let gen = run(Command::new(&bin)
            .args([
                "-q",
                "generate",
                "--persons",
                &o.persons.to_string(),
                "--seed",
                &o.seed.to_string(),
                "-o",
            ])
            .arg(&jsonl));
        eprintln!(
            "generated {} ({:.1} MiB) in {:.2?}",
            jsonl.display(),
            disk_size(&jsonl) as f64 / 1048576.0,
            gen.wall
        );

        // Each side loads into a fresh database, alternating, so that both
        // meet the same state of the machine (page cache, writeback of the
        // file just generated); the last loads are the ones asked.
        let (mut imp, mut load) = (Vec::new(), Vec::new());
        for _ in 0..o.load_runs.max(1) {
            let _ = std::fs::remove_dir_all(&db);
            imp.push(run(Command::new(&bin)
                .arg("--db")
                .arg(&db)
                .args(["-q", "import"])
                .arg(&jsonl)));
            for end in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{end}", sql_db.display()));
            }
            load.push(run(Command::new(&me)
                .arg("sqlite-load")
                .arg(&jsonl)
                .arg(&sql_db)));
        }
        let walls = |r: &[Run]| -> Vec<Duration> { r.iter().map(|r| r.wall).collect() };
        let peak = |r: &[Run]| r.iter().map(|r| r.peak).max().unwrap_or(0);
        eprintln!(
            "loads: prosopo {:.2?}, SQLite {:.2?}",
            walls(&imp),
            walls(&load)
        );
        let imp = Run {
            wall: median(walls(&imp)),
            peak: peak(&imp),
            stdout: String::new(),
        };
        let load = Run {
            wall: median(walls(&load)),
            peak: peak(&load),
            stdout: String::new(),
        };
        eprintln!("loaded: prosopo {:.2?}, SQLite {:.2?}", imp.wall, load.wall);
        rows.push(Row {
            what: format!("bulk load (s, median of {})", o.load_runs.max(1)),
            prosopo: imp.wall.as_secs_f64(),
            sqlite: load.wall.as_secs_f64(),
            unit: "s",
            note: String::new(),
        });
        rows.push(Row {
            what: "peak memory of the load (MiB)".into(),
            prosopo: imp.peak as f64 / 1048576.0,
            sqlite: load.peak as f64 / 1048576.0,
            unit: "MiB",
            note: String::new(),
        });
        rows.push(Row {
            what: "size on disk (MiB)".into(),
            prosopo: disk_size(&db) as f64 / 1048576.0,
            sqlite: disk_size(&sql_db) as f64 / 1048576.0,
            unit: "MiB",
            note: String::new(),
        });
    }
    // Each command runs once untimed before its timed runs, on both sides:
    // a question is timed with its data in the page cache, not after a
    // load or the other side's questions pushed it out (this machine also
    // reclaims pages left untouched for a while), where the first run of a
    // question read its pages from disk and came out up to ten times slower.
    let times = |cmd: &mut dyn FnMut() -> Command| -> (Duration, u64, String) {
        let mut walls = Vec::new();
        let mut peak = 0;
        let mut out = String::new();
        run(&mut cmd());
        for _ in 0..o.runs {
            let r = run(&mut cmd());
            walls.push(r.wall);
            peak = peak.max(r.peak);
            out = r.stdout;
        }
        (median(walls), peak, out)
    };
    let (p_start, _, _) = times(&mut || {
        let mut c = Command::new(&bin);
        c.arg("--version");
        c
    });
    let (s_start, _, _) = times(&mut || {
        let mut c = Command::new(&me);
        c.arg("noop");
        c
    });
    rows.push(Row {
        what: "process start only (ms)".into(),
        prosopo: ms(p_start),
        sqlite: ms(s_start),
        unit: "ms",
        note: "`prosopo --version` / harness no-op".into(),
    });
    let (p_open, _, _) = times(&mut || {
        let mut c = Command::new(&bin);
        c.arg("--db").arg(&db).args(["-q", "query", "RETURN 1"]);
        c
    });
    let select1 = o.dir.join("select1.sql");
    std::fs::write(&select1, "SELECT 1").expect("write");
    let (s_open, _, _) = times(&mut || {
        let mut c = Command::new(&me);
        c.arg("sqlite-query").arg(&sql_db).arg(&select1);
        c
    });
    rows.push(Row {
        what: "open + trivial query (ms)".into(),
        prosopo: ms(p_open),
        sqlite: ms(s_open),
        unit: "ms",
        note: "fresh process".into(),
    });

    let params = sqlite::choose_params(&sql_db, o.persons).expect("parameters");
    eprintln!("parameters: {params:?}");
    let qdir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut disagreements = 0;
    for (file, title) in QUESTIONS {
        let cypher = qdir.join(format!("{file}.cypher"));
        let sql = qdir.join(format!("{file}.sql"));
        let ctext = std::fs::read_to_string(&cypher).expect("query");
        let (p_time, p_peak, p_out) = times(&mut || {
            let mut c = Command::new(&bin);
            c.arg("--db")
                .arg(&db)
                .args(["-q", "query", "--timeout", "3600", "--format", "csv", "-f"])
                .arg(&cypher);
            for (k, v) in &params {
                if ctext.contains(&format!("${k}")) {
                    c.arg("--param").arg(format!("{k}={v}"));
                }
            }
            c
        });
        let (s_time, s_peak, s_out) = times(&mut || {
            let mut c = Command::new(&me);
            c.arg("sqlite-query").arg(&sql_db).arg(&sql);
            for (k, v) in &params {
                c.arg(format!("{k}={v}"));
            }
            c
        });
        let p_rows: Vec<&str> = p_out.lines().skip(1).collect();
        let s_rows: Vec<&str> = s_out.lines().collect();
        let same = p_rows == s_rows;
        if !same {
            disagreements += 1;
            eprintln!("{title}: answers differ\n  prosopo: {p_rows:?}\n  SQLite:  {s_rows:?}");
        }
        rows.push(Row {
            what: format!("{title} (ms)"),
            prosopo: ms(p_time),
            sqlite: ms(s_time),
            unit: "ms",
            note: format!(
                "{} rows{}; peak {:.0} / {:.0} MiB",
                p_rows.len(),
                if same {
                    ", same answers"
                } else {
                    ", ANSWERS DIFFER"
                },
                p_peak as f64 / 1048576.0,
                s_peak as f64 / 1048576.0
            ),
        });
    }
    print_table(o, &rows);
    let person = params
        .iter()
        .find(|(k, _)| k == "a")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    if o.no_saved {
        return;
    }
    saved::table(
        &bin,
        &db,
        &person,
        o.runs,
        &format!("{} persons, $person = {person}", o.persons),
    );
    if disagreements > 0 {
        eprintln!("{disagreements} question(s) gave different answers");
        std::process::exit(1);
    }
}

fn print_table(o: &Options, rows: &[Row]) {
    println!(
        "\n### {} persons (seed {}, medians of {} runs)\n",
        o.persons, o.seed, o.runs
    );
    println!("| measure | prosopo | SQLite | prosopo / SQLite | notes |");
    println!("|---|---:|---:|---:|---|");
    for r in rows {
        let fmt = |x: f64| match r.unit {
            "s" => format!("{x:.2}"),
            "MiB" => format!("{x:.0}"),
            _ => format!("{x:.1}"),
        };
        println!(
            "| {} | {} | {} | {:.2} | {} |",
            r.what,
            fmt(r.prosopo),
            fmt(r.sqlite),
            r.prosopo / r.sqlite,
            r.note
        );
    }
}
