//! Segments: many element records in one stored value, written by large
//! commits (an import) instead of one key per element, so that a bulk load
//! is a few large sequential writes.
//!
//! Layout of a segment's entries: one after another, each
//! `kind (u8: 0 node, 1 relationship) · id length (u32 LE) · id ·
//! record length (u32 LE, u32::MAX for a deletion) · record`.
//!
//! As stored, a segment is its entries as one zstd frame ([`seal`]); one
//! written before segments were compressed is its entries as they are (its
//! first byte a kind, never the first of a frame's magic number), and
//! [`open`] reads both. Compressed because sled keeps a leaf's values in
//! the leaf and writes the whole leaf again every tenth change and at each
//! split (at 17 keys): an import's segments were written about two and a
//! half times over, and stayed on disk at that size.

use super::error::{Result, StoreError};
use std::borrow::Cow;

/// Largest segment written (a single larger record gets a segment of its own).
pub const SEGMENT_BYTES: usize = 4 << 20;

/// How a zstd frame begins (an entries' segment begins with a kind, 0 or 1).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// zstd's level for segments: its fastest regular level, which shrinks an
/// import's records about fourfold at ~400 MB/s on one core.
const LEVEL: i32 = 1;

/// A segment's entries as stored: one zstd frame, with the checksum of
/// its content (so that damage is found when it is opened).
pub fn seal(entries: &[u8]) -> Result<Vec<u8>> {
    let mut z = zstd::bulk::Compressor::new(LEVEL)?;
    z.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))?;
    Ok(z.compress(entries)?)
}

/// The entries of a stored segment: decompressed when it is a zstd frame,
/// as they are when it was written before segments were compressed.
pub fn open(stored: &[u8]) -> Result<Cow<'_, [u8]>> {
    if stored.starts_with(&ZSTD_MAGIC) {
        zstd::stream::decode_all(stored)
            .map(Cow::Owned)
            .map_err(|e| StoreError::Corrupt(format!("segment: {e}")))
    } else {
        Ok(Cow::Borrowed(stored))
    }
}

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

    fn many_entries(n: usize) -> Vec<u8> {
        let mut s = Vec::new();
        for i in 0..n {
            let record = format!("{{\"name\":\"Person {i}\",\"sources\":[\"memorial:{i}\"]}}");
            push(
                &mut s,
                Kind::Node,
                &format!("p{i}"),
                Some(record.as_bytes()),
            );
            push(
                &mut s,
                Kind::Rel,
                &format!("r{i}"),
                (i % 7 == 0).then_some(&b""[..]),
            );
        }
        s
    }

    #[test]
    fn sealed_segments_open_to_their_entries_and_plain_ones_as_they_are() {
        for n in [0, 1, 3000] {
            let plain = many_entries(n);
            let sealed = seal(&plain).unwrap();
            assert!(sealed.starts_with(&ZSTD_MAGIC));
            assert_eq!(open(&sealed).unwrap(), &plain[..], "{n} entries");
            if n > 0 {
                // A segment written before they were compressed is read
                // in place: its first byte is a kind, never the magic's.
                assert!(matches!(open(&plain).unwrap(), Cow::Borrowed(_)));
                assert_eq!(open(&plain).unwrap(), &plain[..]);
            }
        }
        let plain = many_entries(3000);
        let sealed = seal(&plain).unwrap();
        assert!(
            sealed.len() * 4 < plain.len(),
            "{} bytes sealed from {}",
            sealed.len(),
            plain.len()
        );
    }

    #[test]
    fn a_damaged_sealed_segment_is_an_error_not_a_panic() {
        let sealed = seal(&many_entries(200)).unwrap();
        for cut in (4..sealed.len()).step_by(7) {
            assert!(open(&sealed[..cut]).is_err(), "cut at {cut}");
        }
        // A changed byte anywhere after the magic: the frame's checksum
        // (or its structure) gives it away.
        for at in (4..sealed.len()).step_by(11) {
            let mut flipped = sealed.clone();
            flipped[at] ^= 0x5a;
            let err = open(&flipped).expect_err("damage must not pass");
            assert!(err.to_string().contains("segment"), "{err}");
        }
    }
}
