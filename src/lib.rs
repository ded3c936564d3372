//! prosopo: an embedded graph database for archival prosopography.
//!
//! People, institutions, organizations, events, places and sources form a
//! typed property graph ([`model`]) with fuzzy archival dates ([`date`]) and
//! a source on every assertion. The [`store`] keeps it on sled behind a
//! key-value trait; [`db`] enforces the model on every write; [`ingest`]
//! reads data files; [`render`] writes results; [`cli`] is the command line.

pub mod bundled;
pub mod cli;
pub mod date;
pub mod db;
pub mod generate;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod parallel;
pub mod query;
pub mod render;
pub mod store;

pub use db::{Database, Draft, Item, Origin, Problem, Report};
pub use model::{Node, Rel, Schema, Value};
