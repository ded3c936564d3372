//! The byte layout of the read file: a fixed header, then sections of
//! little-endian integers and byte blobs. Every access is bounds-checked, so
//! damaged bytes give [`StoreError::Corrupt`], never a panic.

use crate::store::error::{Result, StoreError};

/// First bytes of the file.
pub const MAGIC: &[u8; 8] = b"PRSPREAD";
/// Version of this layout.
pub const VERSION: u32 = 4;
/// Length of the header.
pub const HEADER_LEN: usize = 1024;

/// The sections, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Sect {
    /// u64 offsets (nodes + 1) into `NodeIds`.
    NodeIdOff,
    /// Node ids, concatenated, in byte order.
    NodeIds,
    /// u64 offsets (nodes + 1) into `NodeRecs`.
    NodeRecOff,
    /// Encoded node records (the store's codec), in id order.
    NodeRecs,
    /// u64 offsets (rels + 1) into `RelIds`.
    RelIdOff,
    /// Relationship ids, in byte order.
    RelIds,
    /// u64 offsets (rels + 1) into `RelRecs`.
    RelRecOff,
    /// Encoded relationship records, in id order.
    RelRecs,
    /// u32 type code per relationship.
    RelType,
    /// u32 start node index per relationship.
    RelStart,
    /// u32 end node index per relationship.
    RelEnd,
    /// u64 offsets into `LabelNames`.
    LabelNameOff,
    /// Label names, sorted.
    LabelNames,
    /// u64 offsets into `LabelNodes`, per label.
    LabelNodeOff,
    /// u32 node indices per label, ascending.
    LabelNodes,
    /// u64 offsets into `TypeNames`.
    TypeNameOff,
    /// Relationship type names, sorted (a type's code is its position).
    TypeNames,
    /// u64 offsets into `TypeRels`, per type.
    TypeRelOff,
    /// u32 relationship indices per type, ascending.
    TypeRels,
    /// u64 offsets into `NameKeys`.
    NameKeyOff,
    /// Folded name keys, sorted.
    NameKeys,
    /// u64 offsets into `NameNodes`, per key.
    NameNodeOff,
    /// u32 node indices per name key, ascending.
    NameNodes,
    /// u64 offsets into `OutRels`, per node.
    OutOff,
    /// u32 relationship indices starting at each node, by (type, id).
    OutRels,
    /// u64 offsets into `InRels`, per node.
    InOff,
    /// u32 relationship indices ending at each node, by (type, id).
    InRels,
    /// What is known of every node, then every relationship, without its
    /// record: its date's bounds, flags and the date's rank (four u32
    /// each: see [`super::facts`]).
    Facts,
    /// u64 offsets into `Dates`.
    DateOff,
    /// The distinct stored dates as text, in date order (a date's rank is
    /// its position).
    Dates,
}

/// Number of sections.
pub const SECTIONS: usize = Sect::Dates as usize + 1;

/// Every section in file order.
pub const ALL: [Sect; SECTIONS] = [
    Sect::NodeIdOff,
    Sect::NodeIds,
    Sect::NodeRecOff,
    Sect::NodeRecs,
    Sect::RelIdOff,
    Sect::RelIds,
    Sect::RelRecOff,
    Sect::RelRecs,
    Sect::RelType,
    Sect::RelStart,
    Sect::RelEnd,
    Sect::LabelNameOff,
    Sect::LabelNames,
    Sect::LabelNodeOff,
    Sect::LabelNodes,
    Sect::TypeNameOff,
    Sect::TypeNames,
    Sect::TypeRelOff,
    Sect::TypeRels,
    Sect::NameKeyOff,
    Sect::NameKeys,
    Sect::NameNodeOff,
    Sect::NameNodes,
    Sect::OutOff,
    Sect::OutRels,
    Sect::InOff,
    Sect::InRels,
    Sect::Facts,
    Sect::DateOff,
    Sect::Dates,
];

/// Byte positions of the header fields.
pub mod field {
    /// Layout version (u32).
    pub const VERSION: usize = 8;
    /// Schema (u32: 0 prosopography, 1 open).
    pub const SCHEMA: usize = 12;
    /// Generation of the store this file mirrors (u64).
    pub const GENERATION: usize = 16;
    /// Next generated node key (u64).
    pub const NEXT_NODE: usize = 24;
    /// Next generated relationship key (u64).
    pub const NEXT_REL: usize = 32;
    /// Length of the whole file (u64).
    pub const FILE_LEN: usize = 40;
    /// CRC-32 of everything after the header (u32).
    pub const BODY_CRC: usize = 48;
    /// Format version of the store the file mirrors (u32).
    pub const STORE_FORMAT: usize = 52;
    /// Section table: (offset u64, length u64) per section.
    pub const SECTIONS: usize = 56;
    /// CRC-32 of the header bytes before it (u32).
    pub const HEADER_CRC: usize = super::HEADER_LEN - 4;
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("read file: {what}"))
}

/// A little-endian u32 at byte `pos`.
pub fn u32_at(b: &[u8], pos: usize) -> Result<u32> {
    b.get(pos..pos + 4)
        .map(|s| u32::from_le_bytes(s.try_into().expect("four bytes")))
        .ok_or_else(|| corrupt("u32 out of bounds"))
}

/// A little-endian u64 at byte `pos`.
pub fn u64_at(b: &[u8], pos: usize) -> Result<u64> {
    b.get(pos..pos + 8)
        .map(|s| u64::from_le_bytes(s.try_into().expect("eight bytes")))
        .ok_or_else(|| corrupt("u64 out of bounds"))
}

/// A list of u32 values.
#[derive(Clone, Copy)]
pub struct U32s<'a>(pub &'a [u8]);

impl<'a> U32s<'a> {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at `i`.
    pub fn get(&self, i: usize) -> Result<u32> {
        u32_at(self.0, i * 4)
    }

    /// The values `from..to`.
    pub fn slice(&self, from: usize, to: usize) -> Result<U32s<'a>> {
        self.0
            .get(from * 4..to * 4)
            .map(U32s)
            .ok_or_else(|| corrupt("list range out of bounds"))
    }

    /// Every value.
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.0
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("four bytes")))
    }
}

/// Byte strings addressed by u64 offsets (`len + 1` offsets).
#[derive(Clone, Copy)]
pub struct Table<'a> {
    /// The offsets.
    pub off: &'a [u8],
    /// The bytes.
    pub blob: &'a [u8],
}

impl<'a> Table<'a> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        (self.off.len() / 8).saturating_sub(1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn range(&self, i: usize) -> Result<(usize, usize)> {
        let from = usize::try_from(u64_at(self.off, i * 8)?).map_err(|_| corrupt("offset"))?;
        let to = usize::try_from(u64_at(self.off, i * 8 + 8)?).map_err(|_| corrupt("offset"))?;
        if from > to {
            return Err(corrupt("offsets out of order"));
        }
        Ok((from, to))
    }

    /// The bytes of entry `i`.
    pub fn get(&self, i: usize) -> Result<&'a [u8]> {
        let (from, to) = self.range(i)?;
        self.blob
            .get(from..to)
            .ok_or_else(|| corrupt("entry out of bounds"))
    }

    /// Entry `i` as text.
    pub fn str(&self, i: usize) -> Result<&'a str> {
        std::str::from_utf8(self.get(i)?).map_err(|_| corrupt("id is not UTF-8"))
    }

    /// The position of `key` in a sorted table.
    pub fn find(&self, key: &[u8]) -> Result<Option<usize>> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid)?.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(Some(mid)),
            }
        }
        Ok(None)
    }
}

/// Lists of u32 values addressed by u64 offsets counted in values.
#[derive(Clone, Copy)]
pub struct Csr<'a> {
    /// The offsets (`rows + 1`).
    pub off: &'a [u8],
    /// The values.
    pub items: U32s<'a>,
}

impl<'a> Csr<'a> {
    /// The values of row `i`.
    pub fn row(&self, i: usize) -> Result<U32s<'a>> {
        let from = usize::try_from(u64_at(self.off, i * 8)?).map_err(|_| corrupt("offset"))?;
        let to = usize::try_from(u64_at(self.off, i * 8 + 8)?).map_err(|_| corrupt("offset"))?;
        if from > to {
            return Err(corrupt("offsets out of order"));
        }
        self.items.slice(from, to)
    }
}

// The section table must fit in the header, before its checksum.
const _: () = assert!(field::SECTIONS + SECTIONS * 16 <= field::HEADER_CRC);
