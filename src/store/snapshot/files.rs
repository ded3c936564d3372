//! Where the read file lives and how it is replaced, so that it never
//! disagrees with the store after a crash.
//!
//! A writer (holding the store's lock) marks the file stale, commits to the
//! store, writes the new file beside the old one, renames it over the old
//! one and removes the mark. A reader that finds no mark uses the file
//! without opening the store: whatever file it maps is complete (renames
//! are atomic) and mirrors a committed state. A reader that finds the mark
//! (a write in progress, or one cut short) opens the store, which waits for
//! no one: it is refused at once while a writer holds it, and otherwise
//! rebuilds the file when its generation differs from the store's.

use super::build::{self, Meta, Plan};
use super::Snapshot;
use crate::store::error::Result;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// Name of the read file inside the database directory.
pub const FILE: &str = "prosopo-read.idx";
/// Name of the mark that says the read file may be stale.
pub const STALE: &str = "prosopo-read.stale";
const TMP: &str = "prosopo-read.tmp";

/// The read file of the database at `db`.
pub fn path(db: &Path) -> PathBuf {
    db.join(FILE)
}

/// Whether the read file is marked stale.
pub fn is_stale(db: &Path) -> bool {
    db.join(STALE).exists()
}

fn sync_dir(db: &Path) -> std::io::Result<()> {
    File::open(db)?.sync_all()
}

/// Marks the read file stale (durably) before a commit.
pub fn mark_stale(db: &Path) -> std::io::Result<()> {
    File::create(db.join(STALE))?.sync_all()?;
    sync_dir(db)
}

/// Removes the stale mark once the read file is current.
pub fn clear_stale(db: &Path) -> std::io::Result<()> {
    match fs::remove_file(db.join(STALE)) {
        Ok(()) => sync_dir(db),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The read file, when it is not marked stale and opens cleanly.
pub fn open_current(db: &Path) -> Option<Snapshot> {
    if is_stale(db) {
        return None;
    }
    Snapshot::open(&path(db)).ok()
}

/// Writes `plan` as the new read file (beside the old one, synced, then
/// renamed over it) and maps it.
pub fn replace(db: &Path, plan: Plan, meta: &Meta) -> Result<Snapshot> {
    install(db, prepare(db, plan, meta)?)
}

/// A new read file written and synced beside the old one, not yet in its
/// place ([`install`] puts it there).
#[must_use = "a prepared read file is only used once installed"]
pub struct Prepared(());

/// Writes `plan` beside the read file and syncs it; the read file itself
/// is untouched, so this may run before the store's commit stands.
pub fn prepare(db: &Path, plan: Plan, meta: &Meta) -> Result<Prepared> {
    let file = File::create(db.join(TMP))?;
    let w = build::write(plan, meta, BufWriter::with_capacity(1 << 20, file))?;
    let file = w.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(Prepared(()))
}

/// Renames the prepared file over the read file and maps it.
pub fn install(db: &Path, _prepared: Prepared) -> Result<Snapshot> {
    fs::rename(db.join(TMP), path(db))?;
    sync_dir(db)?;
    Snapshot::open(&path(db))
}
