//! The read file: a compact, memory-mapped copy of every record with its
//! indices (ids, labels, types, names, adjacency as sorted arrays), kept
//! beside the sled store and rewritten after each commit. A fresh process
//! answers questions from it without opening sled (whose open replays its
//! log); sled stays the store of record, and the file is rebuilt from it
//! whenever it is missing, stale or damaged (see [`files`] for the protocol
//! that keeps the two in step across crashes).

pub mod build;
mod facts;
pub use facts::Bounds;
pub mod files;
pub mod layout;
mod positions;
#[cfg(test)]
mod tests;

use crate::model::{Node, Rel, Schema};
use crate::store::codec::FORMAT_VERSION;
use crate::store::error::{Result, StoreError};
use crate::store::read::{Adjacent, Direction, GraphRead};
use compact_str::CompactString;
use layout::{field, u32_at, u64_at, Csr, Sect, Table, U32s, HEADER_LEN, MAGIC, SECTIONS, VERSION};
use memmap2::Mmap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The bytes of a read image: a mapped file, or memory (a database in
/// memory, or one whose directory cannot be written).
enum Bytes {
    Map(Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Map(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// An open read file (or read image in memory).
pub struct Snapshot {
    map: Bytes,
    sect: [(usize, usize); SECTIONS],
    meta: build::Meta,
    reads: AtomicU64,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("read file: {what}"))
}

impl Snapshot {
    /// Maps the file at `path` and checks its header (cheap: the body is
    /// checked by [`Snapshot::body_ok`]).
    pub fn open(path: &Path) -> Result<Snapshot> {
        let file = File::open(path)?;
        if file.metadata()?.len() < HEADER_LEN as u64 {
            return Err(corrupt("shorter than its header"));
        }
        // SAFETY: the file is never written in place: a new version is
        // written beside it and renamed over it, so the mapped bytes do not
        // change while mapped (a process that edits the file by hand breaks
        // this, as it would for any database file).
        let map = unsafe { Mmap::map(&file)? };
        Snapshot::from_bytes(Bytes::Map(map))
    }

    /// A read image held in memory.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Snapshot> {
        Snapshot::from_bytes(Bytes::Owned(bytes))
    }

    /// A read image in memory of `old` (if any) with `changes` applied.
    pub fn in_memory(
        old: Option<&Snapshot>,
        changes: &crate::store::ChangeSet,
        meta: &build::Meta,
    ) -> Result<Snapshot> {
        let plan = build::plan(old, changes)?;
        let bytes = build::write(plan, meta, std::io::Cursor::new(Vec::new()))?.into_inner();
        Snapshot::from_vec(bytes)
    }

    fn from_bytes(map: Bytes) -> Result<Snapshot> {
        let len = map.len() as u64;
        if len < HEADER_LEN as u64 {
            return Err(corrupt("shorter than its header"));
        }
        let h = &map[..HEADER_LEN];
        if &h[..8] != MAGIC {
            return Err(corrupt("not a prosopo read file"));
        }
        let crc = u32_at(h, field::HEADER_CRC)?;
        if crc != crc32fast::hash(&h[..field::HEADER_CRC]) {
            return Err(corrupt("header checksum mismatch"));
        }
        if u32_at(h, field::VERSION)? != VERSION {
            return Err(corrupt("another layout version"));
        }
        if u32_at(h, field::STORE_FORMAT)? != FORMAT_VERSION {
            return Err(corrupt("mirrors another store format"));
        }
        if u64_at(h, field::FILE_LEN)? != len {
            return Err(corrupt("length differs from its header"));
        }
        let schema = match u32_at(h, field::SCHEMA)? {
            0 => Schema::Prosopography,
            1 => Schema::Open,
            _ => return Err(corrupt("unknown schema")),
        };
        let mut sect = [(0, 0); SECTIONS];
        for (i, s) in sect.iter_mut().enumerate() {
            let start = u64_at(h, field::SECTIONS + i * 16)?;
            let n = u64_at(h, field::SECTIONS + i * 16 + 8)?;
            match start.checked_add(n) {
                Some(end) if start >= HEADER_LEN as u64 && end <= len => {
                    *s = (start as usize, end as usize);
                }
                _ => return Err(corrupt("section out of bounds")),
            }
        }
        let snap = Snapshot {
            meta: build::Meta {
                schema,
                generation: u64_at(h, field::GENERATION)?,
                next_node: u64_at(h, field::NEXT_NODE)?,
                next_rel: u64_at(h, field::NEXT_REL)?,
            },
            map,
            sect,
            reads: AtomicU64::new(0),
        };
        let nodes = snap.node_count();
        let rels = snap.rel_count();
        let sized = [
            (Sect::NodeRecOff, 8 * (nodes + 1)),
            (Sect::RelRecOff, 8 * (rels + 1)),
            (Sect::RelType, 4 * rels),
            (Sect::RelStart, 4 * rels),
            (Sect::RelEnd, 4 * rels),
            (Sect::OutOff, 8 * (nodes + 1)),
            (Sect::InOff, 8 * (nodes + 1)),
            (Sect::Facts, 4 * facts::WIDTH * (nodes + rels)),
        ];
        if sized.iter().any(|(s, n)| snap.s(*s).len() != *n) {
            return Err(corrupt("section sizes disagree"));
        }
        Ok(snap)
    }

    /// Whether the body matches the checksum in the header.
    pub fn body_ok(&self) -> bool {
        let want = u32_at(&self.map, field::BODY_CRC).ok();
        want == Some(crc32fast::hash(&self.map[HEADER_LEN..]))
    }

    /// The whole file.
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// Schema, generation and counters.
    pub fn meta(&self) -> build::Meta {
        self.meta
    }

    /// Number of read calls answered so far.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    fn s(&self, s: Sect) -> &[u8] {
        let (from, to) = self.sect[s as usize];
        &self.map[from..to]
    }

    fn table(&self, off: Sect, blob: Sect) -> Table<'_> {
        Table {
            off: self.s(off),
            blob: self.s(blob),
        }
    }

    fn csr(&self, off: Sect, items: Sect) -> Csr<'_> {
        Csr {
            off: self.s(off),
            items: U32s(self.s(items)),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.table(Sect::NodeIdOff, Sect::NodeIds).len()
    }

    /// Number of relationships.
    pub fn rel_count(&self) -> usize {
        self.table(Sect::RelIdOff, Sect::RelIds).len()
    }

    /// The id of node `i`.
    pub fn node_id(&self, i: usize) -> Result<&str> {
        self.table(Sect::NodeIdOff, Sect::NodeIds).str(i)
    }

    /// The encoded record of node `i`.
    pub fn node_rec(&self, i: usize) -> Result<&[u8]> {
        self.table(Sect::NodeRecOff, Sect::NodeRecs).get(i)
    }

    /// The id of relationship `i`.
    pub fn rel_id(&self, i: usize) -> Result<&str> {
        self.table(Sect::RelIdOff, Sect::RelIds).str(i)
    }

    /// The encoded record of relationship `i`.
    pub fn rel_rec(&self, i: usize) -> Result<&[u8]> {
        self.table(Sect::RelRecOff, Sect::RelRecs).get(i)
    }

    /// The start node index of relationship `i`.
    pub fn rel_start(&self, i: usize) -> Result<u32> {
        U32s(self.s(Sect::RelStart)).get(i)
    }

    /// The end node index of relationship `i`.
    pub fn rel_end(&self, i: usize) -> Result<u32> {
        U32s(self.s(Sect::RelEnd)).get(i)
    }

    /// The type of relationship `i`.
    pub fn rel_type_name(&self, i: usize) -> Result<&str> {
        let code = U32s(self.s(Sect::RelType)).get(i)?;
        self.types().0.str(code as usize)
    }

    /// Label names and the nodes under each.
    pub fn labels(&self) -> (Table<'_>, Csr<'_>) {
        (
            self.table(Sect::LabelNameOff, Sect::LabelNames),
            self.csr(Sect::LabelNodeOff, Sect::LabelNodes),
        )
    }

    /// Type names and the relationships of each.
    pub fn types(&self) -> (Table<'_>, Csr<'_>) {
        (
            self.table(Sect::TypeNameOff, Sect::TypeNames),
            self.csr(Sect::TypeRelOff, Sect::TypeRels),
        )
    }

    /// Name keys and the nodes under each.
    pub fn names(&self) -> (Table<'_>, Csr<'_>) {
        (
            self.table(Sect::NameKeyOff, Sect::NameKeys),
            self.csr(Sect::NameNodeOff, Sect::NameNodes),
        )
    }

    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Result<Option<usize>> {
        self.table(Sect::NodeIdOff, Sect::NodeIds)
            .find(id.as_bytes())
    }

    fn count(&self) {
        self.reads.fetch_add(1, Ordering::Relaxed);
    }

    fn node_ids_of(&self, nodes: U32s) -> Result<Vec<String>> {
        nodes
            .iter()
            .map(|n| self.node_id(n as usize).map(str::to_string))
            .collect()
    }

    fn row_of<'a>(
        &'a self,
        (keys, rows): (Table<'a>, Csr<'a>),
        key: &str,
    ) -> Result<Option<U32s<'a>>> {
        Ok(match keys.find(key.as_bytes())? {
            Some(k) => Some(U32s(rows.row(k)?.0)),
            None => None,
        })
    }
}

impl GraphRead for Snapshot {
    fn node_labels(&self, id: &str) -> Result<Option<Vec<CompactString>>> {
        self.count();
        let Some(n) = self.node_index(id)? else {
            return Ok(None);
        };
        let n = n as u32;
        let (names, rows) = self.labels();
        let mut out = Vec::new();
        for l in 0..names.len() {
            let row = rows.row(l)?;
            let (mut lo, mut hi) = (0, row.len());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if row.get(mid)? < n {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if lo < row.len() && row.get(lo)? == n {
                out.push(names.str(l)?.into());
            }
        }
        Ok(Some(out))
    }

    fn node(&self, id: &str) -> Result<Option<Node>> {
        match self.node_index(id)? {
            Some(i) => Ok(Some(self.node_at(i as u32, None)?)),
            None => Ok(None),
        }
    }

    fn rel(&self, id: &str) -> Result<Option<Rel>> {
        match self.rel_index(id)? {
            Some(i) => Ok(Some(self.rel_at(i as u32, None)?)),
            None => Ok(None),
        }
    }

    fn node_keys(&self, id: &str, keys: &[String]) -> Result<Option<Node>> {
        match self.node_index(id)? {
            Some(i) => Ok(Some(self.node_at(i as u32, Some(keys))?)),
            None => Ok(None),
        }
    }

    fn rel_keys(&self, id: &str, keys: &[String]) -> Result<Option<Rel>> {
        match self.rel_index(id)? {
            Some(i) => Ok(Some(self.rel_at(i as u32, Some(keys))?)),
            None => Ok(None),
        }
    }

    fn positions(&self) -> Option<&Snapshot> {
        Some(self)
    }

    fn node_ids(&self) -> Result<Vec<String>> {
        self.count();
        (0..self.node_count())
            .map(|i| self.node_id(i).map(str::to_string))
            .collect()
    }

    fn rel_ids(&self) -> Result<Vec<String>> {
        self.count();
        (0..self.rel_count())
            .map(|i| self.rel_id(i).map(str::to_string))
            .collect()
    }

    fn node_ids_with_label(&self, label: &str) -> Result<Vec<String>> {
        self.count();
        match self.row_of(self.labels(), label)? {
            Some(row) => self.node_ids_of(row),
            None => Ok(Vec::new()),
        }
    }

    fn rel_ids_with_type(&self, rel_type: &str) -> Result<Vec<String>> {
        self.count();
        match self.row_of(self.types(), rel_type)? {
            Some(row) => row
                .iter()
                .map(|r| self.rel_id(r as usize).map(str::to_string))
                .collect(),
            None => Ok(Vec::new()),
        }
    }

    fn node_ids_with_name_key(&self, key: &str) -> Result<Vec<String>> {
        self.count();
        match self.row_of(self.names(), key)? {
            Some(row) => self.node_ids_of(row),
            None => Ok(Vec::new()),
        }
    }

    fn adjacent(
        &self,
        node: &str,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> Result<Vec<Adjacent>> {
        self.count();
        let Some(n) = self.node_index(node)? else {
            return Ok(Vec::new());
        };
        let code = match rel_type {
            None => None,
            Some(t) => match self.type_code(t)? {
                Some(code) => Some(code),
                None => return Ok(Vec::new()),
            },
        };
        let row = self.adjacency_row(n, dir, code)?;
        let mut out = Vec::with_capacity(row.len());
        for r in row.iter() {
            let r = r as usize;
            let other = match dir {
                Direction::Out => self.rel_end(r)?,
                Direction::In => self.rel_start(r)?,
            };
            out.push(Adjacent {
                rel: self.rel_id(r)?.into(),
                rel_type: self.rel_type_name(r)?.into(),
                other: self.node_id(other as usize)?.into(),
            });
        }
        Ok(out)
    }
}
