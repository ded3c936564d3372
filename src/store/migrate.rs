//! Migrations between store formats, each one atomic (a commit).

use super::codec::encode;
use super::commit::{self, Write};
use super::error::Result;
use super::keys;
use super::kv::Kv;

/// Format 1 → 2: the index keys leave the store (the read file holds the
/// indices now); the records stay as they are.
pub fn format_1_to_2(kv: &dyn Kv) -> Result<()> {
    let mut writes = Vec::new();
    for p in [keys::LABEL, keys::NAME, keys::TYPE, keys::OUT, keys::IN] {
        for (k, v) in kv.scan_prefix(&[p])? {
            writes.push(Write {
                key: k,
                value: None,
                prior: commit::Prior::Known(Some(v)),
            });
        }
    }
    writes.push(Write::unknown((
        keys::key(keys::META, &["format"]),
        Some(encode(&2u32)),
    )));
    commit::commit(kv, writes, &mut |_| {})
}
