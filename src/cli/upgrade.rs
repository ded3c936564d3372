//! `prosopo upgrade`: bring a database written by an older prosopo to the
//! current store format, in place and atomically, or say why it cannot.
//!
//! Format history: 1 — the first released format (records tagged 1,
//! one tree, prefix-byte keys, index keys beside the records); 2 — records
//! and segments only, the indices in the read file beside the tree. Each
//! format adds one migration step to [`MIGRATIONS`] and a fixture database
//! under `tests/fixtures/`.

use super::args::Args;
use crate::store::codec::{decode, FORMAT_VERSION};
use crate::store::{keys, Kv, SledKv};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

/// A migration from format `from` to `from + 1`.
type Migration = fn(&dyn Kv) -> crate::store::Result<()>;

/// Migrations by source format.
const MIGRATIONS: &[(u32, Migration)] = &[(1, crate::store::migrate::format_1_to_2)];

/// The format version recorded in a database.
pub fn version_of(kv: &dyn Kv) -> Result<Option<u32>> {
    match kv.get(&keys::key(keys::META, &["format"]))? {
        None => Ok(None),
        Some(bytes) => Ok(Some(
            decode::<u32>(&bytes).context("the format record is unreadable")?,
        )),
    }
}

/// Runs `upgrade`.
pub fn run(args: &Args) -> Result<i32> {
    let path = args
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from(super::open::DEFAULT_DB));
    if !path.exists() {
        bail!("no database at {}", path.display());
    }
    let kv = SledKv::open(&path)?;
    let Some(mut version) = version_of(&kv)? else {
        bail!(
            "{} has no format record: it is not a prosopo database",
            path.display()
        );
    };
    if version > FORMAT_VERSION {
        bail!("{} has format {version}, newer than this prosopo (format {FORMAT_VERSION}): install a newer prosopo", path.display());
    }
    if version == FORMAT_VERSION {
        if !args.quiet {
            eprintln!(
                "{} is at format {FORMAT_VERSION}, the current one: nothing to do",
                path.display()
            );
        }
        return Ok(0);
    }
    while version < FORMAT_VERSION {
        let Some((_, step)) = MIGRATIONS.iter().find(|(from, _)| *from == version) else {
            bail!("no upgrade from format {version}: export the database with the prosopo that wrote it (`prosopo export --format jsonl`) and import the JSONL here");
        };
        step(&kv)?;
        version += 1;
        if !args.quiet {
            eprintln!("upgraded {} to format {version}", path.display());
        }
    }
    Ok(0)
}
