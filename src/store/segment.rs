//! Segments: many element records in one stored value, written by large
//! commits (an import) instead of one key per element, so that a bulk load
//! is a few large sequential writes.
//!
//! Layout of a segment: entries one after another, each
//! `kind (u8: 0 node, 1 relationship) · id length (u32 LE) · id ·
//! record length (u32 LE, u32::MAX for a deletion) · record`.

use super::error::{Result, StoreError};

/// Largest segment written (a single larger record gets a segment of its own).
pub const SEGMENT_BYTES: usize = 4 << 20;

/// Which kind of element an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A node record.
    Node,
    /// A relationship record.
    Rel,
}

/// Appends one entry.
pub fn push(out: &mut Vec<u8>, kind: Kind, id: &str, record: Option<&[u8]>) {
    out.push(match kind {
        Kind::Node => 0,
        Kind::Rel => 1,
    });
    out.extend_from_slice(&(id.len() as u32).to_le_bytes());
    out.extend_from_slice(id.as_bytes());
    match record {
        Some(r) => {
            out.extend_from_slice(&(r.len() as u32).to_le_bytes());
            out.extend_from_slice(r);
        }
        None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
    }
}

/// One entry read back.
pub type Entry<'a> = (Kind, &'a str, Option<&'a [u8]>);

fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = (b.get(..n)?, b.get(n..)?);
    *b = rest;
    Some(head)
}

fn len(b: &mut &[u8]) -> Option<u32> {
    take(b, 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Every entry of a segment, in order.
pub fn entries(mut bytes: &[u8]) -> Result<Vec<Entry<'_>>> {
    let bad = |what: &str| StoreError::Corrupt(format!("segment: {what}"));
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let kind = match take(&mut bytes, 1).ok_or_else(|| bad("truncated"))?[0] {
            0 => Kind::Node,
            1 => Kind::Rel,
            _ => return Err(bad("unknown entry kind")),
        };
        let n = len(&mut bytes).ok_or_else(|| bad("truncated"))? as usize;
        let id = take(&mut bytes, n).ok_or_else(|| bad("truncated id"))?;
        let id = std::str::from_utf8(id).map_err(|_| bad("id is not UTF-8"))?;
        let record = match len(&mut bytes).ok_or_else(|| bad("truncated"))? {
            u32::MAX => None,
            n => Some(take(&mut bytes, n as usize).ok_or_else(|| bad("truncated record"))?),
        };
        out.push((kind, id, record));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_and_damage_is_an_error() {
        let mut s = Vec::new();
        push(&mut s, Kind::Node, "izak", Some(b"abc"));
        push(&mut s, Kind::Rel, "r1", None);
        push(&mut s, Kind::Node, "", Some(b""));
        let e = entries(&s).unwrap();
        assert_eq!(
            e,
            vec![
                (Kind::Node, "izak", Some(&b"abc"[..])),
                (Kind::Rel, "r1", None),
                (Kind::Node, "", Some(&b""[..]))
            ]
        );
        for cut in 1..s.len() {
            let _ = entries(&s[..cut]);
        }
        assert!(entries(&s[..5]).is_err());
        let mut bad = s.clone();
        bad[0] = 9;
        assert!(entries(&bad).is_err());
    }
}
