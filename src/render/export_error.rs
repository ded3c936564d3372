//! The error type shared by the exports (JSONL, GraphML, GEXF, Neo4j CSV).

use std::io;
use std::path::PathBuf;

/// Errors of an export.
#[derive(thiserror::Error, Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Writing the output stream failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// Creating or writing a file of a multi-file export failed.
    #[error("cannot write {}: {source}", path.display())]
    File {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// Writing a CSV file failed.
    #[error("cannot write {}: {source}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: csv::Error,
    },
    /// Every candidate array delimiter of the Neo4j CSV export occurs in
    /// the data, so list values could not be split back apart.
    #[error("no array delimiter is free: each of {0} occurs in a label or list value")]
    NoArrayDelimiter(String),
}
