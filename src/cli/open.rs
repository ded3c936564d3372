//! Which database a command uses, and the first-run build of the default
//! database from the bundled dataset.

use super::args::{Args, SchemaArg};
use super::progress::Progress;
use crate::db::{Database, Draft};
use crate::model::Schema;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The default database path.
pub const DEFAULT_DB: &str = "prosopo.db";

/// The schema asked for on the command line.
pub fn schema(args: &Args) -> Option<Schema> {
    args.schema.map(|s| match s {
        SchemaArg::Prosopography => Schema::Prosopography,
        SchemaArg::Open => Schema::Open,
    })
}

/// Opens the database the arguments name. Without `--db` and without
/// `./prosopo.db`, builds it from the bundled dataset and says so.
pub fn open(args: &Args) -> Result<Database> {
    let (path, explicit) = match &args.db {
        Some(p) => (p.clone(), true),
        None => (PathBuf::from(DEFAULT_DB), false),
    };
    let fresh = !path.exists();
    let db = Database::open_read(&path, schema(args))
        .with_context(|| format!("cannot open database {}", path.display()))?;
    if fresh && !explicit {
        if db.schema() != Schema::Prosopography {
            return Ok(db);
        }
        let n = load_bundled(&db, &Progress::new(args.quiet, "bundled data"))
            .with_context(|| format!("cannot build {} from the bundled dataset", path.display()))?;
        if !args.quiet {
            eprintln!(
                "prosopo: created {} from the bundled dataset ({n} elements); use --db PATH for another database",
                display(&path)
            );
        }
    }
    Ok(db)
}

fn display(p: &Path) -> String {
    if p.is_relative() {
        format!("./{}", p.display())
    } else {
        p.display().to_string()
    }
}

/// Imports the bundled dataset (compiled into the binary) into `db`.
pub fn load_bundled(db: &Database, progress: &Progress) -> Result<usize> {
    let mut draft = Draft::default();
    let mut problems = Vec::new();
    for (file, text) in crate::bundled::FILES {
        crate::ingest::files::read_text(file, text, db.schema(), &mut draft, &mut problems);
    }
    if !problems.is_empty() {
        return Err(crate::db::DataError(problems).into());
    }
    let n = draft.len();
    db.apply(draft, false, &mut progress.callback())?;
    progress.finish();
    Ok(n)
}
