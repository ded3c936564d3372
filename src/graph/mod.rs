//! Whole-graph analyses: the accusation network projected into petgraph
//! (components, chains, centrality) and likely duplicate people.

pub mod duplicates;
pub mod network;
