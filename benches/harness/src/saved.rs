//! Latency of each saved query of `queries/` in a fresh process: the
//! figures issue 3 asks for, on the bundled data or on a generated archive.

use crate::measure::{median, ms, run, try_run};
use std::path::Path;
use std::process::Command;

/// Times every `queries/*.cypher` on `db` (`runs` fresh processes each)
/// and prints a Markdown table; `person` fills `$person`.
pub fn table(bin: &Path, db: &Path, person: &str, runs: usize, title: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    files.sort();
    let mut start = Vec::new();
    for _ in 0..runs {
        start.push(run(Command::new(bin).arg("--version")).wall);
    }
    println!("\n### Saved queries: {title} (medians of {runs} fresh processes)\n");
    println!("| query | median (ms) | min (ms) | rows | peak (MiB) |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| (process start: `prosopo --version`) | {:.1} | | | |",
        ms(median(start))
    );
    'files: for f in files {
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut walls = Vec::new();
        let mut peak = 0;
        let mut rows = 0;
        for _ in 0..runs {
            let r = try_run(
                Command::new(bin)
                    .arg("--db")
                    .arg(db)
                    .args(["-q", "query", "--timeout", "3600", "--format", "csv"])
                    // The saved queries that list the whole archive sort
                    // millions of rows at 1M persons.
                    .args(["--max-rows", "20000000", "-f"])
                    .arg(&f)
                    .arg("--param")
                    .arg(format!("person={person}")),
            );
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    // A query that fails (e.g. the row guard at a large
                    // scale) is reported and the table goes on.
                    let why = e
                        .lines()
                        .find(|l| l.starts_with("error"))
                        .unwrap_or("failed");
                    println!("| {name} | {} | | | |", why.replace('|', "/"));
                    continue 'files;
                }
            };
            walls.push(r.wall);
            peak = peak.max(r.peak);
            rows = r.stdout.lines().count().saturating_sub(1);
        }
        let min = *walls.iter().min().expect("runs > 0");
        println!(
            "| {name} | {:.1} | {:.1} | {} | {:.0} |",
            ms(median(walls)),
            ms(min),
            rows,
            peak as f64 / 1048576.0
        );
    }
}
