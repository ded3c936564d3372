//! Rendering: JSON values of query results, the JSONL interchange,
//! human-readable tables and dossiers.

pub mod dossier;
pub mod json;
pub mod jsonl;
pub mod table;
