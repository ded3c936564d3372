//! The ordered key-value interface the graph store is written against, and
//! its in-memory implementation.

use super::error::Result;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

/// One write: a key and its new value, or `None` to delete it.
pub type Op = (Vec<u8>, Option<Vec<u8>>);

/// Key/value pairs read by a prefix scan.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// An ordered byte-key store. `apply` is atomic: after a crash all of a
/// call's writes are there or none.
pub trait Kv: Send + Sync {
    /// The value of a key.
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>>;
    /// All pairs whose key starts with `prefix`, in key order.
    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs>;
    /// The keys (only) that start with `prefix`, in key order.
    fn keys_with_prefix(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>> {
        Ok(self
            .scan_prefix(prefix)?
            .into_iter()
            .map(|(k, _)| k)
            .collect())
    }
    /// The keys that start with `prefix`, in key order, when there are at
    /// most `limit` of them (`None` when there are more: reading stops at
    /// the first beyond the limit).
    fn keys_with_prefix_up_to(&self, prefix: &[u8], limit: usize) -> Result<Option<Vec<Vec<u8>>>> {
        let keys = self.keys_with_prefix(prefix)?;
        Ok((keys.len() <= limit).then_some(keys))
    }
    /// Applies writes atomically.
    fn apply(&self, ops: &[Op]) -> Result<()>;
    /// Makes every applied write durable.
    fn flush(&self) -> Result<()>;
    /// Number of read calls so far (for tests that prove a query reads little).
    fn reads(&self) -> u64;
}

/// A `Kv` in memory, for tests and for dry runs.
#[derive(Default)]
pub struct MemKv {
    map: RwLock<BTreeMap<Vec<u8>, Vec<u8>>>,
    reads: AtomicU64,
}

impl MemKv {
    /// An empty store.
    pub fn new() -> MemKv {
        MemKv::default()
    }
}

impl Kv for MemKv {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        Ok(self.map.read().expect("lock").get(key).cloned())
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let map = self.map.read().expect("lock");
        Ok(map
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn keys_with_prefix_up_to(&self, prefix: &[u8], limit: usize) -> Result<Option<Vec<Vec<u8>>>> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let map = self.map.read().expect("lock");
        let keys: Vec<Vec<u8>> = map
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .take(limit.saturating_add(1))
            .map(|(k, _)| k.clone())
            .collect();
        Ok((keys.len() <= limit).then_some(keys))
    }

    fn apply(&self, ops: &[Op]) -> Result<()> {
        let mut map = self.map.write().expect("lock");
        for (k, v) in ops {
            match v {
                Some(v) => map.insert(k.clone(), v.clone()),
                None => map.remove(k),
            };
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        Ok(())
    }

    fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}
