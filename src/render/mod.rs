//! Rendering: JSON values of query results, tables and dossiers; the
//! exchange formats (JSONL, GraphML, GEXF, Neo4j CSV); the diagrams
//! (accusation networks, timelines, query results) as Graphviz DOT, SVG, PNG.

pub mod columns;
pub mod cypher_script;
pub mod dossier;
pub mod dot_ast;
#[cfg(test)]
pub(crate) mod dot_check;
pub mod dot_escape;
pub mod error;
pub mod export_error;
pub mod fate;
pub mod gexf;
#[cfg(test)]
mod golden_tests;
pub mod graphml;
pub mod graphviz;
pub mod json;
pub mod jsonl;
pub mod neo4j_csv;
pub mod neo4j_script;
pub mod network;
pub mod periods;
pub mod result_graph;
pub mod results;
pub mod select;
pub mod table;
pub mod tables;
#[cfg(test)]
pub(crate) mod test_graph;
pub mod timeline;
pub mod timeline_items;
pub mod window;
pub mod xml;
