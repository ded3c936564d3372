//! Errors of the storage layer.

use std::path::PathBuf;

/// What can go wrong reading or writing the store.
#[derive(thiserror::Error, Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the database.
    #[error("database {} is in use by another process; close it (or wait for it) and retry", .0.display())]
    InUse(PathBuf),
    /// The database was written by another format version.
    #[error("database {} has format version {found}, this prosopo reads version {expected}; {hint}", path.display())]
    Version {
        /// Database path.
        path: PathBuf,
        /// The version on disk.
        found: u32,
        /// The version this build reads.
        expected: u32,
        /// What to do about it.
        hint: String,
    },
    /// Stored bytes could not be decoded.
    #[error("corrupt record in the store ({0}); run `prosopo check` and restore from an export if it persists")]
    Corrupt(String),
    /// An error of the underlying sled database.
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    /// An I/O error.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of a storage operation.
pub type Result<T> = std::result::Result<T, StoreError>;
