//! Integration tests, compiled as one binary.

mod bad_input_corpus;
mod bad_inputs;
mod cli;
mod common;
mod crash;
mod merge;
mod runaway;
