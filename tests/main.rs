//! Integration tests, compiled as one binary.

mod bad_input_corpus;
mod bad_inputs;
mod cli;
mod common;
mod conformance;
mod crash;
mod csv_import;
mod format;
mod generate;
mod merge;
mod runaway;
mod saved_queries;
mod shell;
