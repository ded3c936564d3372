//! Reads by position: elements and adjacency addressed by their index in
//! the read file instead of their id. The query engine uses these while a
//! query reads the file directly, so that following a relationship costs
//! no id lookup (a binary search over the id table) and no id copies.

use super::layout::{Sect, U32s};
use super::Snapshot;
use crate::model::{Node, Rel};
use crate::store::codec::decode;
use crate::store::error::Result;
use crate::store::partial;
use crate::store::read::Direction;

impl Snapshot {
    /// Node `i`, whole or (with `keys`) with only those properties.
    pub fn node_at(&self, i: u32, keys: Option<&[String]>) -> Result<Node> {
        self.count();
        let rec = self.node_rec(i as usize)?;
        let mut n: Node = match keys {
            Some(keys) => partial::node(rec, keys)?,
            None => decode(rec)?,
        };
        n.pos = Some(i);
        Ok(n)
    }

    /// Relationship `i`, whole or (with `keys`) with only those properties.
    pub fn rel_at(&self, i: u32, keys: Option<&[String]>) -> Result<Rel> {
        self.count();
        let rec = self.rel_rec(i as usize)?;
        let mut r: Rel = match keys {
            Some(keys) => partial::rel(rec, keys)?,
            None => decode(rec)?,
        };
        r.pos = Some(i);
        Ok(r)
    }

    /// The index of the relationship with this id.
    pub fn rel_index(&self, id: &str) -> Result<Option<usize>> {
        self.table(Sect::RelIdOff, Sect::RelIds).find(id.as_bytes())
    }

    /// The nodes with a label, ascending.
    pub fn label_positions(&self, label: &str) -> Result<Vec<u32>> {
        self.count();
        Ok(match self.row_of(self.labels(), label)? {
            Some(row) => row.iter().collect(),
            None => Vec::new(),
        })
    }

    /// Whether node `i` has `label` (a search of the label's sorted row).
    pub fn has_label_at(&self, i: u32, label: &str) -> Result<bool> {
        let Some(row) = self.row_of(self.labels(), label)? else {
            return Ok(false);
        };
        let (mut lo, mut hi) = (0, row.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match row.get(mid)?.cmp(&i) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(true),
            }
        }
        Ok(false)
    }

    /// The nodes under a folded name key, ascending.
    pub fn name_positions(&self, key: &str) -> Result<Vec<u32>> {
        self.count();
        Ok(match self.row_of(self.names(), key)? {
            Some(row) => row.iter().collect(),
            None => Vec::new(),
        })
    }

    /// The code of a relationship type (`None`: no relationship has it).
    pub fn type_code(&self, rel_type: &str) -> Result<Option<u32>> {
        Ok(self.types().0.find(rel_type.as_bytes())?.map(|c| c as u32))
    }

    /// The relationships at node `n` in one direction, optionally only
    /// those of one type code, as `f(relationship, node at the other end)`,
    /// in (type, id) order.
    pub fn adjacent_at<T>(
        &self,
        n: u32,
        dir: Direction,
        code: Option<u32>,
        f: impl Fn(u32, u32) -> T,
    ) -> Result<Vec<T>> {
        self.count();
        let row = self.adjacency_row(n as usize, dir, code)?;
        let ends = U32s(self.s(match dir {
            Direction::Out => Sect::RelEnd,
            Direction::In => Sect::RelStart,
        }));
        row.iter()
            .map(|r| Ok(f(r, ends.get(r as usize)?)))
            .collect()
    }

    /// The relationship indices at node `n` in one direction, narrowed to
    /// one type code (a binary search: each row is sorted by type).
    pub(super) fn adjacency_row(
        &self,
        n: usize,
        dir: Direction,
        code: Option<u32>,
    ) -> Result<U32s<'_>> {
        let row = match dir {
            Direction::Out => self.csr(Sect::OutOff, Sect::OutRels).row(n)?,
            Direction::In => self.csr(Sect::InOff, Sect::InRels).row(n)?,
        };
        let Some(code) = code else {
            return Ok(row);
        };
        let codes = U32s(self.s(Sect::RelType));
        let first = |pred: &dyn Fn(u32) -> bool| -> Result<usize> {
            let (mut lo, mut hi) = (0, row.len());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if pred(codes.get(row.get(mid)? as usize)?) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Ok(lo)
        };
        row.slice(first(&|c| c >= code)?, first(&|c| c > code)?)
    }
}
