//! Reading data files into drafts: curated TOML and JSON entry files, the
//! JSONL interchange, directories of them. Everything read is validated by
//! the database as one draft, so an import lands whole or not at all.

pub mod entries;
pub mod entry;
pub mod files;
pub mod json_file;
pub mod jsonl;
pub mod toml_file;

pub use files::{collect_files, read_path};
