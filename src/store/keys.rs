//! The key layout of the one ordered tree: a prefix byte per kind of record,
//! then its fields separated by a 0 byte (ids never hold one).

/// Meta records (format version, schema, counters).
pub const META: u8 = b'M';
/// Node records by id.
pub const NODE: u8 = b'N';
/// Relationship records by id.
pub const REL: u8 = b'R';
/// Segments of records written by large commits: batch, sequence (both big-endian).
pub const SEGMENT: u8 = b'S';
/// Label index of format 1 (removed by the upgrade to format 2): label, node id.
pub const LABEL: u8 = b'L';
/// Relationship type index of format 1, relationship id.
pub const TYPE: u8 = b'T';
/// Name index of format 1: folded name key, node id.
pub const NAME: u8 = b'K';
/// Outgoing adjacency of format 1: start, type, relationship id → end.
pub const OUT: u8 = b'O';
/// Incoming adjacency of format 1: end, type, relationship id → start.
pub const IN: u8 = b'I';
/// Undo log of an unfinished large commit: txn, sequence → (key, old value).
pub const UNDO: u8 = b'U';

/// Separator between key fields.
pub const SEP: u8 = 0;

/// A key from a prefix byte and fields joined by [`SEP`].
pub fn key(prefix: u8, fields: &[&str]) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + fields.iter().map(|f| f.len() + 1).sum::<usize>());
    k.push(prefix);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            k.push(SEP);
        }
        k.extend_from_slice(f.as_bytes());
    }
    k
}

/// A prefix matching every key whose leading fields are `fields`.
pub fn prefix(prefix: u8, fields: &[&str]) -> Vec<u8> {
    let mut k = key(prefix, fields);
    if !fields.is_empty() {
        k.push(SEP);
    }
    k
}

/// The fields of a key after its prefix byte.
pub fn fields(key: &[u8]) -> Vec<String> {
    key[1.min(key.len())..]
        .split(|b| *b == SEP)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

/// The last field of a key.
pub fn last_field(key: &[u8]) -> String {
    let start = key
        .iter()
        .rposition(|b| *b == SEP)
        .map_or(1.min(key.len()), |p| p + 1);
    String::from_utf8_lossy(&key[start..]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_back_into_fields() {
        let k = key(OUT, &["izak", "ACCUSED", "r1"]);
        assert_eq!(fields(&k), vec!["izak", "ACCUSED", "r1"]);
        assert_eq!(last_field(&k), "r1");
        assert!(k.starts_with(&prefix(OUT, &["izak"])));
        assert!(!key(OUT, &["izak2", "X", "r"]).starts_with(&prefix(OUT, &["izak"])));
    }
}
