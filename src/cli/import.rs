//! `prosopo import`: read files and directories, validate all, write all or nothing.

use super::args::{Args, ImportArgs};
use super::open;
use super::progress::Progress;
use crate::db::{DataError, Draft};
use crate::ingest;
use anyhow::Result;

/// Runs `import`.
pub fn run(args: &Args, a: &ImportArgs) -> Result<i32> {
    let db = open::open(args)?;
    let mut draft = Draft::default();
    let mut problems = Vec::new();
    let files = match &a.mapping {
        // With a mapping, every path is a CSV file (or a directory of them) it reads.
        Some(mapping) => {
            let exists = |id: &str| {
                crate::store::GraphRead::node(&db.graph(), id)
                    .ok()
                    .flatten()
                    .is_some()
            };
            ingest::csv_map::read(mapping, &a.paths, &exists, &mut draft, &mut problems)
        }
        None => {
            if let Some(csv) = a.paths.iter().find(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            }) {
                return Err(DataError(vec![crate::db::Problem::new(format!(
                    "{}: a CSV file is imported through a mapping: pass --mapping FILE (see data/mappings/)",
                    csv.display()
                ))])
                .into());
            }
            let files = ingest::collect_files(&a.paths).map_err(|p| DataError(vec![p]))?;
            for f in &files {
                ingest::read_path(f, db.schema(), &mut draft, &mut problems);
            }
            files
        }
    };
    if !problems.is_empty() {
        // Report what the database would also refuse, not just the first layer's problems.
        if let Err(crate::db::DbError::Data(DataError(more))) =
            db.apply(draft, true, &mut |_, _| {})
        {
            for p in more {
                if !problems.contains(&p) {
                    problems.push(p);
                }
            }
        }
        problems.sort_by(|a, b| {
            let key = |p: &crate::db::Problem| p.origin.as_ref().map(|o| (o.file.clone(), o.line));
            key(a).cmp(&key(b))
        });
        return Err(DataError(problems).into());
    }
    let progress = Progress::new(args.quiet, "importing");
    let start = std::time::Instant::now();
    let n = draft.len();
    let report = db.apply(draft, a.dry_run, &mut progress.callback())?;
    progress.finish();
    if !args.quiet {
        let verb = if a.dry_run {
            "would import"
        } else {
            "imported"
        };
        eprintln!(
            "{verb} {n} elements from {} file{} in {:.2?}: {} created, {} updated, {} unchanged, {} deleted ({} derived accusations)",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            start.elapsed(),
            report.created,
            report.updated,
            report.unchanged,
            report.deleted,
            report.derived
        );
    }
    Ok(0)
}
