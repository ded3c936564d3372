//! The value codec: bincode behind a one-byte format tag, with a size limit
//! so that corrupt bytes decode to an error, never a panic or a huge
//! allocation.

use super::error::{Result, StoreError};
use serde::{Deserialize, Serialize};

/// The on-disk format version of the key layout (1: records and index
/// keys; 2: records and segments, the indices in the read file).
pub const FORMAT_VERSION: u32 = 2;

/// First byte of every encoded record (the record encoding, unchanged
/// since format 1).
const TAG: u8 = 1;

/// Largest record the decoder accepts (64 MiB).
const LIMIT: usize = 64 * 1024 * 1024;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<LIMIT>()
}

/// The bincode bytes of a record after its format tag.
fn split_tag(bytes: &[u8]) -> Result<&[u8]> {
    match bytes.split_first() {
        Some((&TAG, rest)) => Ok(rest),
        Some((tag, _)) => Err(StoreError::Corrupt(format!("unknown record tag {tag}"))),
        None => Err(StoreError::Corrupt("empty record".into())),
    }
}

/// Encodes a record: the format tag, then bincode.
///
/// The bytes are written into a buffer kept by the thread and copied out
/// at their exact length: one allocation per record instead of a Vec
/// grown (and copied) several times over while it is written, and no
/// spare capacity kept in the records an import holds.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let write = |out: &mut Vec<u8>| encode_into(value, out);
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            write(&mut buf);
            let out = buf.to_vec();
            if buf.capacity() > 1 << 20 {
                *buf = Vec::new();
            }
            out
        }
        Err(_) => {
            let mut out = Vec::new();
            write(&mut out);
            out
        }
    })
}

/// Appends the record [`encode`] gives to `out`.
pub fn encode_into<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    out.push(TAG);
    bincode::serde::encode_into_std_write(value, out, config())
        .expect("encoding into a Vec cannot fail");
}

/// Decodes a record written by [`encode`]; any other bytes are an error.
/// The value may borrow from `bytes` (a partial read walks over what it
/// skips as borrowed slices); owned types decode as usual.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T> {
    let rest = split_tag(bytes)?;
    let (value, used) = bincode::serde::borrow_decode_from_slice(rest, config())
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if used != rest.len() {
        return Err(StoreError::Corrupt(format!(
            "{} trailing bytes after a record",
            rest.len() - used
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Value};
    use proptest::prelude::*;

    #[test]
    fn round_trips_a_node() {
        let mut node = Node {
            pos: None,
            id: "izak".into(),
            labels: vec!["Person".into()],
            props: Default::default(),
        };
        node.props.insert("name".into(), Value::Str("Izak".into()));
        node.props.insert("n".into(), Value::Int(3));
        let bytes = encode(&node);
        assert_eq!(bytes[0], TAG);
        assert_eq!(decode::<Node>(&bytes).unwrap(), node);
    }

    #[test]
    fn rejects_other_tags_and_truncation() {
        let bytes = encode(&"hello".to_string());
        let mut other = bytes.clone();
        other[0] = 99;
        assert!(decode::<String>(&other).is_err());
        assert!(decode::<String>(&bytes[..bytes.len() - 1]).is_err());
        assert!(decode::<String>(&[]).is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode::<Node>(&bytes);
        }
    }
}
