//! The `Kv` interface on sled: one tree, atomic batches, explicit flushes.

use super::error::{Result, StoreError};
use super::kv::{Kv, Op, Pairs};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// A sled database used as one ordered tree.
pub struct SledKv {
    db: sled::Db,
    reads: AtomicU64,
}

impl SledKv {
    /// Opens (or creates) the database directory at `path`. A database held
    /// by another process is reported as [`StoreError::InUse`] within
    /// [`LOCK_WAIT`]: sled's background threads may hold the lock of a
    /// database closed a moment ago (by this process too) a little longer.
    pub fn open(path: &Path) -> Result<SledKv> {
        let start = std::time::Instant::now();
        loop {
            let config = sled::Config::new()
                .path(path)
                .cache_capacity(256 * 1024 * 1024)
                .flush_every_ms(None);
            match config.open() {
                Ok(db) => {
                    return Ok(SledKv {
                        db,
                        reads: AtomicU64::new(0),
                    })
                }
                Err(sled::Error::Io(e)) if is_lock_error(&e) => {
                    if start.elapsed() >= LOCK_WAIT {
                        return Err(StoreError::InUse(path.into()));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// How long an open waits for a held lock before reporting it.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(400);

/// sled reports a held file lock as an I/O error ("could not acquire lock").
fn is_lock_error(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock
        || e.to_string().contains("lock")
        || e.raw_os_error() == Some(11)
}

impl Kv for SledKv {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        Ok(self.db.get(key)?.map(|v| v.to_vec()))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.db
            .scan_prefix(prefix)
            .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())).map_err(Into::into))
            .collect()
    }

    fn keys_with_prefix(&self, prefix: &[u8]) -> Result<Vec<Vec<u8>>> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.db
            .scan_prefix(prefix)
            .keys()
            .map(|r| r.map(|k| k.to_vec()).map_err(Into::into))
            .collect()
    }

    fn keys_with_prefix_up_to(&self, prefix: &[u8], limit: usize) -> Result<Option<Vec<Vec<u8>>>> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let keys = self
            .db
            .scan_prefix(prefix)
            .keys()
            .take(limit.saturating_add(1))
            .map(|r| r.map(|k| k.to_vec()).map_err(Into::into))
            .collect::<Result<Vec<_>>>()?;
        Ok((keys.len() <= limit).then_some(keys))
    }

    fn apply(&self, ops: &[Op]) -> Result<()> {
        let mut batch = sled::Batch::default();
        for (k, v) in ops {
            match v {
                Some(v) => batch.insert(k.as_slice(), v.as_slice()),
                None => batch.remove(k.as_slice()),
            }
        }
        self.db.apply_batch(batch)?;
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}
