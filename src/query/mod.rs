//! The query language: a Cypher subset over the provenance graph.
//! Front end (lexer → parser → AST, and a printer back to Cypher); the
//! executor reaches the data only through [`crate::store::GraphRead`].

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;
mod parser_expr;
mod parser_pattern;
pub mod printer;

pub use ast::*;
pub use error::SyntaxError;
pub use parser::{parse, MAX_DEPTH, STACK_BUDGET};
