//! Reading data files into drafts: curated TOML and JSON entry files, the
//! JSONL interchange, directories of them, and CSV files through a mapping
//! file. Everything read is validated by the database as one draft, so an
//! import lands whole or not at all.

pub mod csv_file;
pub mod csv_map;
pub mod date_forms;
pub mod entries;
pub mod entry;
pub mod files;
pub mod json_file;
pub mod jsonl;
mod jsonl_line;
pub mod mapping;
pub mod template;
pub mod toml_file;

pub use files::{collect_files, read_path};
