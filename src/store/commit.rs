//! Atomic commits of any size over a `Kv` whose single `apply` is atomic.
//!
//! A small commit is one `apply`. A large one is written in chunks; each
//! chunk carries one undo record listing the old values of the keys it
//! overwrites (so the undo log costs one write per chunk, not per key). A
//! pending marker written first and removed last tells recovery, after a
//! crash, to roll the partial commit back from its undo records. Either all
//! of a commit survives a crash or none of it.
//!
//! Callers that know what a key held before (the graph store knows the old
//! record of every element it rewrites) say so with
//! [`Prior::Known`]; only keys of [`Prior::Unknown`] are read before writing.

use super::codec::{decode, encode};
use super::error::Result;
use super::keys;
use super::kv::{Kv, Op};

/// Writes per atomic chunk (and per undo record).
pub const CHUNK: usize = 4096;

/// Bytes (keys and values) per atomic chunk, at most (a chunk holds at
/// least one write).
pub const CHUNK_BYTES: usize = 32 << 20;

fn size(w: &Write) -> usize {
    w.key.len() + w.value.as_ref().map_or(0, Vec::len)
}

/// What a key held before a write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prior {
    /// Not known: read it before writing.
    Unknown,
    /// Known: the old value, or `None` when the key was absent.
    Known(Option<Vec<u8>>),
}

/// One write of a commit with its prior value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    /// The key.
    pub key: Vec<u8>,
    /// The new value, or `None` to delete the key.
    pub value: Option<Vec<u8>>,
    /// What the key held before.
    pub prior: Prior,
}

impl Write {
    /// A write whose prior value the commit reads itself.
    pub fn unknown((key, value): Op) -> Write {
        Write {
            key,
            value,
            prior: Prior::Unknown,
        }
    }
}

/// Key of the pending-commit marker.
fn pending_key() -> Vec<u8> {
    keys::key(keys::META, &["pending"])
}

fn undo_key(txn: u64, seq: u64) -> Vec<u8> {
    let mut k = vec![keys::UNDO];
    k.extend_from_slice(&txn.to_be_bytes());
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

/// Applies `writes` atomically and durably. `on_chunk` is told how many
/// writes are done so far (for progress bars).
///
/// Cost: one `apply` per [`CHUNK`] writes, one read per write of unknown
/// prior value, two flushes.
pub fn commit(
    kv: &dyn Kv,
    writes: impl IntoIterator<Item = Write>,
    on_chunk: &mut dyn FnMut(usize),
) -> Result<()> {
    let mut w = Writer::new(kv);
    for write in writes {
        let before = w.done();
        w.push(write)?;
        if w.done() != before {
            on_chunk(w.done());
        }
    }
    let total = w.done() + w.chunk.len();
    w.finish()?;
    on_chunk(total);
    Ok(())
}

/// A commit fed one write at a time, so that a large one never holds more
/// than a chunk of its writes: writes gather into a chunk of at most
/// [`CHUNK`] writes and [`CHUNK_BYTES`]; a full chunk is applied at once
/// (under the pending marker, with its undo record), and [`Writer::finish`]
/// ends the commit. A commit that fits one chunk is a single `apply`. A
/// writer dropped unfinished rolls its chunks back at once, as the next open
/// would after a crash (the pending marker stays until then).
pub struct Writer<'k> {
    kv: &'k dyn Kv,
    chunk: Vec<Write>,
    bytes: usize,
    txn: Option<u64>,
    seq: u64,
    done: usize,
    finished: bool,
}

impl<'k> Writer<'k> {
    /// A commit to `kv`, with nothing written yet.
    pub fn new(kv: &'k dyn Kv) -> Writer<'k> {
        Writer {
            kv,
            chunk: Vec::new(),
            bytes: 0,
            txn: None,
            seq: 0,
            done: 0,
            finished: false,
        }
    }

    /// Writes applied so far (in whole chunks).
    pub fn done(&self) -> usize {
        self.done
    }

    /// Adds one write; applies the chunk before it when it is full.
    pub fn push(&mut self, w: Write) -> Result<()> {
        if !self.chunk.is_empty()
            && (self.chunk.len() == CHUNK || self.bytes + size(&w) > CHUNK_BYTES)
        {
            self.apply_chunk()?;
        }
        self.bytes += size(&w);
        self.chunk.push(w);
        Ok(())
    }

    fn apply_chunk(&mut self) -> Result<()> {
        let kv = self.kv;
        let txn = match self.txn {
            Some(txn) => txn,
            None => {
                let txn = next_txn(kv)?;
                kv.apply(&[(pending_key(), Some(encode(&txn)))])?;
                self.txn = Some(txn);
                txn
            }
        };
        let chunk = std::mem::take(&mut self.chunk);
        let n = chunk.len();
        let mut undo: Vec<(&[u8], Option<Vec<u8>>)> = Vec::with_capacity(n);
        for w in &chunk {
            let old = match &w.prior {
                Prior::Known(old) => old.clone(),
                Prior::Unknown => kv.get(&w.key)?,
            };
            undo.push((&w.key, old));
        }
        let undo = encode(&undo);
        let mut batch: Vec<Op> = Vec::with_capacity(n + 1);
        batch.push((undo_key(txn, self.seq), Some(undo)));
        batch.extend(chunk.into_iter().map(|w| (w.key, w.value)));
        kv.apply(&batch)?;
        self.seq += 1;
        self.done += n;
        self.bytes = 0;
        Ok(())
    }

    /// Ends the commit: everything pushed is written and durable.
    pub fn finish(mut self) -> Result<()> {
        let kv = self.kv;
        self.finished = true;
        if self.txn.is_none() {
            let ops: Vec<Op> = std::mem::take(&mut self.chunk)
                .into_iter()
                .map(|w| (w.key, w.value))
                .collect();
            kv.apply(&ops)?;
            return kv.flush();
        }
        if !self.chunk.is_empty() {
            self.apply_chunk()?;
        }
        kv.flush()?;
        kv.apply(&[(pending_key(), None)])?;
        kv.flush()?;
        clear_undo(kv)
    }
}

impl Drop for Writer<'_> {
    /// A commit left unfinished (an error while its writes were made) is
    /// rolled back at once, as the next open would.
    fn drop(&mut self) {
        if !self.finished && self.txn.is_some() {
            let _ = recover(self.kv);
        }
    }
}

fn next_txn(kv: &dyn Kv) -> Result<u64> {
    let k = keys::key(keys::META, &["txn"]);
    let txn = match kv.get(&k)? {
        Some(bytes) => decode::<u64>(&bytes)? + 1,
        None => 1,
    };
    kv.apply(&[(k, Some(encode(&txn)))])?;
    Ok(txn)
}

/// Deletes undo records (left over after a finished commit).
fn clear_undo(kv: &dyn Kv) -> Result<()> {
    let undo = kv.keys_with_prefix(&[keys::UNDO])?;
    for chunk in undo.chunks(CHUNK) {
        let ops: Vec<Op> = chunk.iter().map(|k| (k.clone(), None)).collect();
        kv.apply(&ops)?;
    }
    Ok(())
}

/// Rolls back a commit a crash interrupted, if any. Returns whether it did.
pub fn recover(kv: &dyn Kv) -> Result<bool> {
    let Some(marker) = kv.get(&pending_key())? else {
        clear_undo(kv)?;
        return Ok(false);
    };
    let txn: u64 = decode(&marker)?;
    let mut prefix = vec![keys::UNDO];
    prefix.extend_from_slice(&txn.to_be_bytes());
    let mut undo = kv.scan_prefix(&prefix)?;
    undo.reverse();
    for (_, record) in undo {
        let ops: Vec<(Vec<u8>, Option<Vec<u8>>)> = decode(&record)?;
        kv.apply(&ops)?;
    }
    kv.flush()?;
    kv.apply(&[(pending_key(), None)])?;
    kv.flush()?;
    clear_undo(kv)?;
    kv.flush()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::kv::MemKv;

    fn op(k: &str, v: Option<&str>) -> Op {
        (k.as_bytes().to_vec(), v.map(|v| v.as_bytes().to_vec()))
    }

    #[test]
    fn large_commit_writes_everything_and_leaves_no_undo() {
        let kv = MemKv::new();
        let writes: Vec<Write> = (0..CHUNK * 2 + 500)
            .map(|i| Write::unknown(op(&format!("N{i}"), Some("x"))))
            .collect();
        let mut reported = Vec::new();
        commit(&kv, writes, &mut |done| reported.push(done)).unwrap();
        assert_eq!(reported, vec![CHUNK, CHUNK * 2, CHUNK * 2 + 500]);
        assert_eq!(kv.scan_prefix(b"N").unwrap().len(), CHUNK * 2 + 500);
        assert!(kv.scan_prefix(&[keys::UNDO]).unwrap().is_empty());
        assert!(!recover(&kv).unwrap());
    }

    #[test]
    fn interrupted_commit_rolls_back() {
        let kv = MemKv::new();
        kv.apply(&[op("Nkeep", Some("old")), op("Ngone", Some("old"))])
            .unwrap();
        // Simulate a crash after two chunks of a large commit.
        let txn = next_txn(&kv).unwrap();
        kv.apply(&[(pending_key(), Some(encode(&txn)))]).unwrap();
        let chunks = [
            vec![op("Nkeep", Some("new")), op("Ngone", None)],
            vec![op("Nnew", Some("v"))],
        ];
        for (seq, chunk) in chunks.iter().enumerate() {
            let undo: Vec<(Vec<u8>, Option<Vec<u8>>)> = chunk
                .iter()
                .map(|(k, _)| (k.clone(), kv.get(k).unwrap()))
                .collect();
            let mut batch = vec![(undo_key(txn, seq as u64), Some(encode(&undo)))];
            batch.extend(chunk.iter().cloned());
            kv.apply(&batch).unwrap();
        }
        assert!(recover(&kv).unwrap());
        assert_eq!(kv.get(b"Nkeep").unwrap().unwrap(), b"old");
        assert_eq!(kv.get(b"Ngone").unwrap().unwrap(), b"old");
        assert!(kv.get(b"Nnew").unwrap().is_none());
        assert!(kv.get(&pending_key()).unwrap().is_none());
    }

    #[test]
    fn a_writer_applies_full_chunks_and_rolls_back_when_dropped_unfinished() {
        let kv = MemKv::new();
        kv.apply(&[op("Nkeep", Some("old"))]).unwrap();
        let mut w = Writer::new(&kv);
        w.push(Write::unknown(op("Nkeep", Some("new")))).unwrap();
        for i in 0..CHUNK {
            w.push(Write::unknown(op(&format!("X{i}"), Some("x"))))
                .unwrap();
        }
        assert_eq!(w.done(), CHUNK, "a full chunk is written before the end");
        assert_eq!(kv.get(b"Nkeep").unwrap().unwrap(), b"new");
        drop(w);
        assert_eq!(kv.get(b"Nkeep").unwrap().unwrap(), b"old");
        assert!(kv.scan_prefix(b"X").unwrap().is_empty());
        assert!(kv.get(&pending_key()).unwrap().is_none());
        assert!(kv.scan_prefix(&[keys::UNDO]).unwrap().is_empty());
        // A small commit left unfinished wrote nothing.
        let mut w = Writer::new(&kv);
        w.push(Write::unknown(op("Nkeep", Some("lost")))).unwrap();
        drop(w);
        assert_eq!(kv.get(b"Nkeep").unwrap().unwrap(), b"old");
    }

    #[test]
    fn known_priors_are_not_read() {
        let kv = MemKv::new();
        let writes: Vec<Write> = (0..CHUNK + 10)
            .map(|i| Write {
                key: format!("N{i}").into_bytes(),
                value: Some(b"x".to_vec()),
                prior: Prior::Known(None),
            })
            .collect();
        let before = kv.reads();
        commit(&kv, writes, &mut |_| {}).unwrap();
        // Only the transaction counter and the undo cleanup scan are read.
        assert!(kv.reads() - before <= 3, "{} reads", kv.reads() - before);
    }
}
