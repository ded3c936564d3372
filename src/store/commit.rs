//! Atomic commits of any size over a `Kv` whose single `apply` is atomic.
//!
//! A small commit is one `apply`. A large one is written in chunks, each
//! chunk carrying the undo records (old values) of the keys it overwrites;
//! a pending marker written first and removed last tells recovery, after a
//! crash, to roll the partial commit back from its undo records. Either all
//! of a commit survives a crash or none of it.

use super::codec::{decode, encode};
use super::error::Result;
use super::keys;
use super::kv::{Kv, Op};

/// Writes per atomic chunk (sled handles ~1k-entry batches well).
pub const CHUNK: usize = 1000;

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

/// Applies `ops` atomically and durably. `on_chunk` is told how many ops
/// have been written so far (for progress bars).
pub fn commit(kv: &dyn Kv, ops: &[Op], on_chunk: &mut dyn FnMut(usize)) -> Result<()> {
    if ops.len() <= CHUNK {
        kv.apply(ops)?;
        kv.flush()?;
        on_chunk(ops.len());
        return Ok(());
    }
    let txn = next_txn(kv)?;
    kv.apply(&[(pending_key(), Some(encode(&txn)))])?;
    let mut seq = 0u64;
    for (done, chunk) in ops.chunks(CHUNK).enumerate() {
        let mut batch: Vec<Op> = Vec::with_capacity(chunk.len() * 2);
        for (k, v) in chunk {
            let old = kv.get(k)?;
            batch.push((undo_key(txn, seq), Some(encode(&(k.clone(), old)))));
            batch.push((k.clone(), v.clone()));
            seq += 1;
        }
        kv.apply(&batch)?;
        on_chunk(done * CHUNK + chunk.len());
    }
    kv.flush()?;
    kv.apply(&[(pending_key(), None)])?;
    kv.flush()?;
    clear_undo(kv)?;
    Ok(())
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
    for chunk in undo.chunks(CHUNK) {
        let mut ops: Vec<Op> = Vec::with_capacity(chunk.len());
        for (_, record) in chunk {
            let (k, old): (Vec<u8>, Option<Vec<u8>>) = decode(record)?;
            ops.push((k, old));
        }
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
        let ops: Vec<Op> = (0..2500).map(|i| op(&format!("N{i}"), Some("x"))).collect();
        commit(&kv, &ops, &mut |_| {}).unwrap();
        assert_eq!(kv.scan_prefix(b"N").unwrap().len(), 2500);
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
        let writes = [
            op("Nkeep", Some("new")),
            op("Ngone", None),
            op("Nnew", Some("v")),
        ];
        for (seq, (k, v)) in writes.iter().enumerate() {
            let old = kv.get(k).unwrap();
            kv.apply(&[
                (undo_key(txn, seq as u64), Some(encode(&(k.clone(), old)))),
                (k.clone(), v.clone()),
            ])
            .unwrap();
        }
        assert!(recover(&kv).unwrap());
        assert_eq!(kv.get(b"Nkeep").unwrap().unwrap(), b"old");
        assert_eq!(kv.get(b"Ngone").unwrap().unwrap(), b"old");
        assert!(kv.get(b"Nnew").unwrap().is_none());
        assert!(kv.get(&pending_key()).unwrap().is_none());
    }
}
