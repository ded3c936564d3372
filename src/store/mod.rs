//! Storage: an ordered key-value interface with a sled and an in-memory
//! implementation, and the graph store written once above it (records,
//! indices, atomic commits).

pub mod changes;
pub mod codec;
mod commit;
pub mod error;
mod graph;
pub mod keys;
pub mod kv;
pub mod migrate;
pub mod partial;
pub mod read;
pub mod segment;
pub mod sled_kv;
pub mod snapshot;

#[cfg(test)]
mod tests;

pub use changes::ChangeSet;
pub use error::{Result, StoreError};
pub use graph::Store;
pub use kv::{Kv, MemKv};
pub use read::{Adjacent, Direction, GraphRead};
pub use sled_kv::SledKv;
pub use snapshot::{Bounds, Snapshot};
