//! Building the read file: from the previous file plus a change set (after
//! each commit), or from a change set holding every record (a rebuild from
//! the store). The output depends only on the data, so a rebuild of an
//! unchanged store gives the same bytes (which `check` relies on).

use super::facts;
use super::layout::{field, HEADER_LEN, MAGIC, SECTIONS, VERSION};
use super::Snapshot;
use crate::date::{Day, Edtf};
use crate::model::{Node, Rel, Schema};
use crate::parallel;
use crate::store::changes::ChangeSet;
use crate::store::codec::{encode_into, FORMAT_VERSION};
use crate::store::error::{Result, StoreError};
use compact_str::CompactString;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Seek, SeekFrom, Write};

/// What the header says besides the sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The schema of the database.
    pub schema: Schema,
    /// Generation of the store the file mirrors.
    pub generation: u64,
    /// Next generated node key.
    pub next_node: u64,
    /// Next generated relationship key.
    pub next_rel: u64,
}

/// A record of the new file: the old file's bytes, or an element of the
/// change set, encoded only as it is written (a bulk import's plan would
/// otherwise hold a second, encoded copy of every record it writes).
enum Rec<'a, T> {
    /// Bytes of the old file.
    Kept(&'a [u8]),
    /// An element to encode.
    New(&'a T),
}

/// Every element of the new file, in id order, with what the indices need.
#[derive(Default)]
pub struct Plan<'a> {
    node_ids: Vec<Cow<'a, str>>,
    node_recs: Vec<Rec<'a, Node>>,
    labels: Vec<(Cow<'a, str>, u32)>,
    names: Vec<(Cow<'a, str>, u32)>,
    rel_ids: Vec<Cow<'a, str>>,
    rel_recs: Vec<Rec<'a, Rel>>,
    rel_types: Vec<Cow<'a, str>>,
    rel_ends: Vec<(u32, u32)>,
    node_facts: Vec<[u32; facts::WIDTH]>,
    rel_facts: Vec<[u32; facts::WIDTH]>,
    /// The stored dates of the written nodes and relationships, by index,
    /// to be ranked once every element is known.
    node_dates: Vec<(u32, &'a Edtf)>,
    rel_dates: Vec<(u32, &'a Edtf)>,
    /// The distinct dates of the new file, in date order.
    dates: Vec<Cow<'a, str>>,
}

/// What the indices need of a written node, worked out before the merge.
struct NodeWork<'a> {
    facts: [u32; facts::WIDTH],
    names: Vec<String>,
    date: Option<&'a Edtf>,
}

impl<'a> NodeWork<'a> {
    fn of(n: &'a Node) -> NodeWork<'a> {
        NodeWork {
            facts: facts::column(&n.props),
            names: n.name_keys(),
            date: facts::date_of(&n.props),
        }
    }
}

/// The work done before a merge does not match the elements it meets (a
/// bug, never expected: both walk the change set in order).
fn out_of_step() -> StoreError {
    StoreError::Corrupt("read file: the plan's work is out of step with its elements".into())
}

const GONE: u32 = u32::MAX;

fn idx(i: usize) -> Result<u32> {
    u32::try_from(i)
        .ok()
        .filter(|i| *i != GONE)
        .ok_or_else(|| StoreError::Corrupt("more than 4 billion elements".into()))
}

/// One step of walking the old file's ids and a change set's ids together,
/// in id order.
enum Step<'a, T> {
    /// Element `i` of the old file, not in the change set.
    Keep(usize),
    /// An id the change set writes: its new version (`None`: deleted), and
    /// the old element it replaces, if any.
    Write {
        id: &'a CompactString,
        new: Option<&'a T>,
        replaces: Option<usize>,
    },
}

/// Calls `f` for every id of the old file (`old_len` ids, by `old_id`) and
/// of `fresh`, merged in id order.
fn merge<'a, T>(
    old_len: usize,
    old_id: impl Fn(usize) -> Result<&'a str>,
    fresh: &'a BTreeMap<CompactString, Option<T>>,
    mut f: impl FnMut(Step<'a, T>) -> Result<()>,
) -> Result<()> {
    let mut fresh = fresh.iter().peekable();
    let mut i = 0;
    while i < old_len || fresh.peek().is_some() {
        let current = if i < old_len { Some(old_id(i)?) } else { None };
        match (current, fresh.peek()) {
            (Some(o), Some((id, _))) if id.as_str() > o => {
                f(Step::Keep(i))?;
                i += 1;
            }
            (Some(_), None) => {
                f(Step::Keep(i))?;
                i += 1;
            }
            (_, Some(&(id, new))) => {
                fresh.next();
                let replaces = (current == Some(id.as_str())).then_some(i);
                if replaces.is_some() {
                    i += 1;
                }
                f(Step::Write {
                    id,
                    new: new.as_ref(),
                    replaces,
                })?;
            }
            (None, None) => break,
        }
    }
    Ok(())
}

/// The elements of `old` (if any) with `changes` applied.
pub fn plan<'a>(old: Option<&'a Snapshot>, changes: &'a ChangeSet) -> Result<Plan<'a>> {
    let mut p = Plan::default();
    let no_file = || StoreError::Corrupt("read file: no old file to read".into());
    let old_nodes = old.map_or(0, Snapshot::node_count);
    // At most this many of each (room made once: a vector grown by
    // doubling holds up to three times its elements while it moves).
    let nodes = old_nodes + changes.nodes.len();
    let rels = old.map_or(0, Snapshot::rel_count) + changes.rels.len();
    p.node_ids.reserve_exact(nodes);
    p.node_recs.reserve_exact(nodes);
    p.node_facts.reserve_exact(nodes);
    p.rel_ids.reserve_exact(rels);
    p.rel_recs.reserve_exact(rels);
    p.rel_types.reserve_exact(rels);
    p.rel_ends.reserve_exact(rels);
    p.rel_facts.reserve_exact(rels);
    // Where each old node went (GONE when deleted), and whether it was rewritten.
    let mut remap = vec![GONE; old_nodes];
    let mut rewritten = vec![false; old_nodes];
    let node_id = |i| old.ok_or_else(no_file)?.node_id(i);
    // What the indices need of each written node, worked out on two cores
    // for a large change set (folding names is most of a bulk plan's work),
    // taken in the merge's order.
    let written: Vec<&Option<Node>> = changes.nodes.values().collect();
    let mut node_work = parallel::map(&written, parallel::TWO_CORES, |n| {
        n.as_ref().map(NodeWork::of)
    })
    .into_iter();
    merge(old_nodes, node_id, &changes.nodes, |step| {
        match step {
            Step::Keep(i) => {
                let s = old.ok_or_else(no_file)?;
                remap[i] = idx(p.node_ids.len())?;
                p.node_ids.push(Cow::Borrowed(s.node_id(i)?));
                p.node_recs.push(Rec::Kept(s.node_rec(i)?));
                p.node_facts.push(s.node_facts(i)?);
            }
            Step::Write { id, new, replaces } => {
                if let Some(r) = replaces {
                    rewritten[r] = true;
                }
                let worked = node_work.next().flatten();
                if new.is_some() && worked.is_none() {
                    return Err(out_of_step());
                }
                if let (Some(n), Some(w)) = (new, worked) {
                    let at = idx(p.node_ids.len())?;
                    if let Some(r) = replaces {
                        remap[r] = at;
                    }
                    p.node_ids.push(Cow::Borrowed(id));
                    p.node_recs.push(Rec::New(n));
                    p.node_facts.push(w.facts);
                    if let Some(d) = w.date {
                        p.node_dates.push((at, d));
                    }
                    // Its labels, sorted and distinct (one, mostly).
                    if n.labels.len() < 2 {
                        let one = n.labels.iter().map(|l| (Cow::Borrowed(l.as_str()), at));
                        p.labels.extend(one);
                    } else {
                        let mut labels: Vec<&str> =
                            n.labels.iter().map(CompactString::as_str).collect();
                        labels.sort_unstable();
                        labels.dedup();
                        p.labels
                            .extend(labels.into_iter().map(|l| (Cow::Borrowed(l), at)));
                    }
                    p.names
                        .extend(w.names.into_iter().map(|k| (Cow::Owned(k), at)));
                }
            }
        }
        Ok(())
    })?;
    if let Some(s) = old {
        for (table, csr, out) in [
            (s.labels().0, s.labels().1, &mut p.labels),
            (s.names().0, s.names().1, &mut p.names),
        ] {
            for k in 0..table.len() {
                let key = table.str(k)?;
                for n in csr.row(k)?.iter() {
                    let n = n as usize;
                    if n < old_nodes && !rewritten[n] && remap[n] != GONE {
                        out.push((Cow::Borrowed(key), remap[n]));
                    }
                }
            }
        }
    }
    // The ends of many written relationships are found by hash (a search
    // of the sorted ids costs a dozen string comparisons per end); of a
    // few, by that search (no table of every node for one new relationship).
    let node_index: Option<foldhash::HashMap<&str, u32>> = (changes.rels.len() >= 4096)
        .then(|| {
            (p.node_ids.iter())
                .enumerate()
                .map(|(i, id)| Ok((id.as_ref(), idx(i)?)))
                .collect::<Result<_>>()
        })
        .transpose()?;
    let node_ids = &p.node_ids;
    let node_at = |id: &str| -> Result<u32> {
        let found = match &node_index {
            Some(index) => index.get(id).copied(),
            None => match node_ids.binary_search_by(|x| x.as_ref().cmp(id)) {
                Ok(i) => Some(idx(i)?),
                Err(_) => None,
            },
        };
        found.ok_or_else(|| {
            StoreError::Corrupt(format!("a relationship points at missing node '{id}'"))
        })
    };
    let old_rels = old.map_or(0, Snapshot::rel_count);
    let rel_id = |i| old.ok_or_else(no_file)?.rel_id(i);
    // Each written relationship's ends (`None` when one is missing, found
    // again below for the error) and facts, on two cores when many.
    let written: Vec<&Option<Rel>> = changes.rels.values().collect();
    let mut rel_work = parallel::map(&written, parallel::TWO_CORES, |r| {
        r.as_ref().map(|r| {
            let ends = node_at(&r.start).ok().zip(node_at(&r.end).ok());
            (ends, facts::column(&r.props), facts::date_of(&r.props))
        })
    })
    .into_iter();
    merge(old_rels, rel_id, &changes.rels, |step| {
        match step {
            Step::Keep(i) => {
                let s = old.ok_or_else(no_file)?;
                let moved = |n: u32| -> Result<u32> {
                    match remap.get(n as usize) {
                        Some(&m) if m != GONE => Ok(m),
                        _ => Err(StoreError::Corrupt(format!(
                            "relationship '{}' is left without an endpoint",
                            s.rel_id(i).unwrap_or_default()
                        ))),
                    }
                };
                p.rel_ends
                    .push((moved(s.rel_start(i)?)?, moved(s.rel_end(i)?)?));
                p.rel_ids.push(Cow::Borrowed(s.rel_id(i)?));
                p.rel_recs.push(Rec::Kept(s.rel_rec(i)?));
                p.rel_types.push(Cow::Borrowed(s.rel_type_name(i)?));
                p.rel_facts.push(s.rel_facts(i)?);
            }
            Step::Write { id, new, .. } => {
                let worked = rel_work.next().flatten();
                if new.is_some() && worked.is_none() {
                    return Err(out_of_step());
                }
                if let (Some(r), Some((ends, facts, date))) = (new, worked) {
                    if let Some(d) = date {
                        p.rel_dates.push((idx(p.rel_ids.len())?, d));
                    }
                    p.rel_ids.push(Cow::Borrowed(id));
                    p.rel_recs.push(Rec::New(r));
                    p.rel_types.push(Cow::Borrowed(&r.rel_type));
                    let ends = match ends {
                        Some(ends) => ends,
                        None => (node_at(&r.start)?, node_at(&r.end)?),
                    };
                    p.rel_ends.push(ends);
                    p.rel_facts.push(facts);
                }
            }
        }
        Ok(())
    })?;
    rank_dates(&mut p, old)?;
    Ok(p)
}

/// Gives every element with a stored date its rank among the new file's
/// distinct dates (see [`facts`]): the old file's dates still in use
/// (their elements' ranks moved to the new places) merged with the
/// written elements' dates, found distinct by hash and sorted once. The
/// result depends only on the elements, so an update gives the ranks (and
/// bytes) of a full rebuild.
fn rank_dates<'a>(p: &mut Plan<'a>, old: Option<&'a Snapshot>) -> Result<()> {
    use facts::{NO_RANK, RANK};
    let bad_rank = || StoreError::Corrupt("read file: a date rank past the dates".into());
    // The old file's dates still held by a kept element (only those hold
    // a rank yet), parsed to be compared with the written ones.
    let old_dates = old.map_or(0, Snapshot::date_count);
    let mut used = vec![false; old_dates];
    for f in p.node_facts.iter().chain(&p.rel_facts) {
        if f[RANK] != NO_RANK {
            *used.get_mut(f[RANK] as usize).ok_or_else(bad_rank)? = true;
        }
    }
    let mut kept: Vec<(u32, &'a str, Edtf)> = Vec::new();
    if let Some(s) = old {
        for (r, _) in used.iter().enumerate().filter(|(_, u)| **u) {
            let r = idx(r)?;
            kept.push((r, s.date_text(r)?, s.date_at_rank(r)?));
        }
    }
    // The written dates, distinct, in date order. They are told apart
    // by their bounds first (two integers, cheap to hash), then among the
    // few with the same bounds (`1937`, `1937?`, `1937~`) one by one:
    // hashing a whole date cost more than the rest of the ranking.
    let mut by_bounds: foldhash::HashMap<(Option<Day>, Option<Day>), u32> = Default::default();
    let mut fresh: Vec<&'a Edtf> = Vec::new();
    // The next distinct date with the same bounds (NO_RANK: none).
    let mut same_bounds: Vec<u32> = Vec::new();
    let mut distinct = |d: &'a Edtf| -> u32 {
        let fresh_at = fresh.len() as u32;
        let head = by_bounds
            .entry((d.earliest(), d.latest()))
            .or_insert(fresh_at);
        let mut k = *head;
        while k != fresh_at {
            if fresh[k as usize] == d {
                return k;
            }
            if same_bounds[k as usize] == NO_RANK {
                same_bounds[k as usize] = fresh_at;
            }
            k = same_bounds[k as usize];
        }
        fresh.push(d);
        same_bounds.push(NO_RANK);
        fresh_at
    };
    let which: [Vec<u32>; 2] = [
        p.node_dates.iter().map(|(_, d)| distinct(d)).collect(),
        p.rel_dates.iter().map(|(_, d)| distinct(d)).collect(),
    ];
    let mut order: Vec<u32> = (0..fresh.len() as u32).collect();
    order.sort_unstable_by(|a, b| fresh[*a as usize].cmp(fresh[*b as usize]));
    // Both merged in date order, equal dates once.
    let mut old_to_new = vec![NO_RANK; old_dates];
    let mut fresh_to_new = vec![NO_RANK; fresh.len()];
    let mut last: Option<&Edtf> = None;
    let (mut k, mut j) = (0, 0);
    while k < kept.len() || j < order.len() {
        let from_old = match (kept.get(k), order.get(j)) {
            (Some((_, _, a)), Some(b)) => a <= fresh[*b as usize],
            (Some(_), None) => true,
            _ => false,
        };
        let (date, text) = if from_old {
            let (_, text, date) = &kept[k];
            (date, Cow::Borrowed(*text))
        } else {
            let d = fresh[order[j] as usize];
            (d, Cow::Owned(d.to_string()))
        };
        if last.is_none_or(|l| l.cmp(date).is_ne()) {
            p.dates.push(text);
        }
        let rank = idx(p.dates.len() - 1)?;
        if from_old {
            old_to_new[kept[k].0 as usize] = rank;
            k += 1;
        } else {
            fresh_to_new[order[j] as usize] = rank;
            j += 1;
        }
        last = Some(date);
    }
    for f in p.node_facts.iter_mut().chain(p.rel_facts.iter_mut()) {
        if f[RANK] != NO_RANK {
            f[RANK] = old_to_new[f[RANK] as usize];
        }
    }
    for (facts, dates, which) in [
        (&mut p.node_facts, &p.node_dates, &which[0]),
        (&mut p.rel_facts, &p.rel_dates, &which[1]),
    ] {
        for ((i, _), k) in dates.iter().zip(which.iter()) {
            let place = facts.get_mut(*i as usize).ok_or_else(out_of_step)?;
            place[RANK] = fresh_to_new[*k as usize];
        }
    }
    Ok(())
}

/// A writer that tracks its position and the CRC of what it wrote.
struct Out<W: Write> {
    w: W,
    pos: u64,
    crc: crc32fast::Hasher,
}

impl<W: Write + Seek> Out<W> {
    fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.w.write_all(b)?;
        self.crc.update(b);
        self.pos += b.len() as u64;
        Ok(())
    }

    fn u32s(&mut self, values: impl IntoIterator<Item = u32>) -> std::io::Result<()> {
        self.batched(values.into_iter().map(u32::to_le_bytes))
    }

    fn u64s(&mut self, values: impl IntoIterator<Item = u64>) -> std::io::Result<()> {
        self.batched(values.into_iter().map(u64::to_le_bytes))
    }

    /// Little integers written in runs of 64 KiB (one write and one
    /// checksum update per run rather than per integer).
    fn batched<const N: usize>(
        &mut self,
        values: impl Iterator<Item = [u8; N]>,
    ) -> std::io::Result<()> {
        let mut run = Vec::with_capacity(1 << 16);
        for v in values {
            run.extend_from_slice(&v);
            if run.len() + N > run.capacity() {
                self.bytes(&run)?;
                run.clear();
            }
        }
        self.bytes(&run)
    }

    /// A table: offsets, then the blob (two sections).
    fn table<S: AsBytes>(&mut self, items: &[S], sect: &mut Sections) -> std::io::Result<()> {
        let start = self.pos;
        let mut at = 0u64;
        self.u64s(std::iter::once(0).chain(items.iter().map(|s| {
            at += s.as_bytes().len() as u64;
            at
        })))?;
        sect.push(start, self.pos);
        let start = self.pos;
        for s in items {
            self.bytes(s.as_bytes())?;
        }
        sect.push(start, self.pos);
        Ok(())
    }

    /// Records as a table (offsets, then the records), each new one
    /// encoded as it is written: the records go first, after room for the
    /// offsets, which are written once their sizes are known. The running
    /// checksum is that of the bytes in file order all the same.
    fn records<T: serde::Serialize>(
        &mut self,
        items: &[Rec<T>],
        sect: &mut Sections,
    ) -> std::io::Result<()> {
        let start = self.pos;
        let body = start + (items.len() as u64 + 1) * 8;
        let before = std::mem::replace(&mut self.crc, crc32fast::Hasher::new());
        self.w.seek(SeekFrom::Start(body))?;
        self.pos = body;
        let mut ends = Vec::with_capacity(items.len() + 1);
        ends.push(0u64);
        let mut scratch = Vec::new();
        for item in items {
            let bytes = match item {
                Rec::Kept(b) => b,
                Rec::New(v) => {
                    scratch.clear();
                    encode_into(*v, &mut scratch);
                    scratch.as_slice()
                }
            };
            self.bytes(bytes)?;
            ends.push(self.pos - body);
        }
        let end = self.pos;
        let records = std::mem::replace(&mut self.crc, crc32fast::Hasher::new());
        self.w.seek(SeekFrom::Start(start))?;
        self.pos = start;
        self.u64s(ends)?;
        let offsets = std::mem::replace(&mut self.crc, before);
        self.crc.combine(&offsets);
        self.crc.combine(&records);
        self.w.seek(SeekFrom::Start(end))?;
        self.pos = end;
        sect.push(start, body);
        sect.push(body, end);
        Ok(())
    }

    /// Lists of values: offsets, then the values (two sections).
    fn csr(&mut self, rows: &[Vec<u32>], sect: &mut Sections) -> std::io::Result<()> {
        let start = self.pos;
        let mut at = 0u64;
        self.u64s(std::iter::once(0).chain(rows.iter().map(|r| {
            at += r.len() as u64;
            at
        })))?;
        sect.push(start, self.pos);
        let start = self.pos;
        for r in rows {
            self.u32s(r.iter().copied())?;
        }
        sect.push(start, self.pos);
        Ok(())
    }
}

/// Anything written as a byte string.
trait AsBytes {
    fn as_bytes(&self) -> &[u8];
}

impl AsBytes for Cow<'_, str> {
    fn as_bytes(&self) -> &[u8] {
        str::as_bytes(self)
    }
}

impl AsBytes for &str {
    fn as_bytes(&self) -> &[u8] {
        str::as_bytes(self)
    }
}

/// The section table as it is written.
#[derive(Default)]
struct Sections(Vec<(u64, u64)>);

impl Sections {
    fn push(&mut self, start: u64, end: u64) {
        self.0.push((start, end - start));
    }
}

/// Keys with the sorted, distinct node indices under each. Pairs are
/// gathered by key first and only the distinct keys sorted: an import has
/// hundreds of thousands of pairs under a handful of labels, and sorting
/// the pairs compared the same label text over and over.
fn grouped<'a>(pairs: Vec<(Cow<'a, str>, u32)>) -> (Vec<Cow<'a, str>>, Vec<Vec<u32>>) {
    let mut by_key: foldhash::HashMap<Cow<'a, str>, Vec<u32>> = Default::default();
    for (k, n) in pairs {
        by_key.entry(k).or_default().push(n);
    }
    let mut groups: Vec<(Cow<'a, str>, Vec<u32>)> = by_key.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|(k, mut row)| {
            // Mostly in order already (new nodes are pushed in index order).
            row.sort();
            row.dedup();
            (k, row)
        })
        .unzip()
}

/// The indices of a new file, worked out from its plan.
struct Indices<'a> {
    /// Relationship types, sorted, and each relationship's by its place there.
    types: Vec<&'a str>,
    rel_code: Vec<u32>,
    /// The relationships of each type.
    by_type: Vec<Vec<u32>>,
    /// Each node's outgoing and incoming relationships, by type and index.
    out_rows: Vec<Vec<u32>>,
    in_rows: Vec<Vec<u32>>,
    label_names: Vec<Cow<'a, str>>,
    label_rows: Vec<Vec<u32>>,
    name_keys: Vec<Cow<'a, str>>,
    name_rows: Vec<Vec<u32>>,
}

impl<'a> Indices<'a> {
    fn of(
        rel_types: &'a [Cow<'a, str>],
        rel_ends: &[(u32, u32)],
        nodes: usize,
        labels: Vec<(Cow<'a, str>, u32)>,
        names: Vec<(Cow<'a, str>, u32)>,
    ) -> Indices<'a> {
        let types: Vec<&str> = {
            let set: BTreeMap<&str, ()> = rel_types.iter().map(|t| (t.as_ref(), ())).collect();
            set.into_keys().collect()
        };
        let code: BTreeMap<&str, u32> = types
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, i as u32))
            .collect();
        let rel_code: Vec<u32> = rel_types.iter().map(|t| code[t.as_ref()]).collect();
        let mut by_type = vec![Vec::new(); types.len()];
        for (r, c) in rel_code.iter().enumerate() {
            by_type[*c as usize].push(r as u32);
        }
        let mut out_rows = vec![Vec::new(); nodes];
        let mut in_rows = vec![Vec::new(); nodes];
        for rels in &by_type {
            for &r in rels {
                let (s, e) = rel_ends[r as usize];
                out_rows[s as usize].push(r);
                in_rows[e as usize].push(r);
            }
        }
        let (label_names, label_rows) = grouped(labels);
        let (name_keys, name_rows) = grouped(names);
        Indices {
            types,
            rel_code,
            by_type,
            out_rows,
            in_rows,
            label_names,
            label_rows,
            name_keys,
            name_rows,
        }
    }
}

/// Writes the file for `plan` to `w` (positioned at its start).
pub fn write<W: Write + Seek>(plan: Plan, meta: &Meta, w: W) -> std::io::Result<W> {
    let Plan {
        node_ids,
        node_recs,
        labels,
        names,
        rel_ids,
        rel_recs,
        rel_types,
        rel_ends,
        node_facts,
        rel_facts,
        node_dates,
        rel_dates,
        dates,
    } = plan;
    drop((node_dates, rel_dates));
    // The indices are worked out on a second core while the ids and
    // records are written here (for a large file).
    let indices = || Indices::of(&rel_types, &rel_ends, node_ids.len(), labels, names);
    let records = || -> std::io::Result<(Out<W>, Sections)> {
        let mut o = Out {
            w,
            pos: 0,
            crc: crc32fast::Hasher::new(),
        };
        o.w.write_all(&[0; HEADER_LEN])?;
        o.pos = HEADER_LEN as u64;
        let mut s = Sections::default();
        o.table(&node_ids, &mut s)?;
        o.records(&node_recs, &mut s)?;
        o.table(&rel_ids, &mut s)?;
        o.records(&rel_recs, &mut s)?;
        Ok((o, s))
    };
    let (written, ix) = if node_ids.len() + rel_ids.len() >= parallel::TWO_CORES {
        parallel::join(records, indices)
    } else {
        let ix = indices();
        (records(), ix)
    };
    let (mut o, mut s) = written?;
    let Indices {
        types,
        rel_code,
        by_type,
        out_rows,
        in_rows,
        label_names,
        label_rows,
        name_keys,
        name_rows,
    } = ix;
    for values in [
        rel_code,
        rel_ends.iter().map(|e| e.0).collect(),
        rel_ends.iter().map(|e| e.1).collect(),
    ] {
        let start = o.pos;
        o.u32s(values)?;
        s.push(start, o.pos);
    }
    o.table(&label_names, &mut s)?;
    o.csr(&label_rows, &mut s)?;
    o.table(&types, &mut s)?;
    o.csr(&by_type, &mut s)?;
    o.table(&name_keys, &mut s)?;
    o.csr(&name_rows, &mut s)?;
    o.csr(&out_rows, &mut s)?;
    o.csr(&in_rows, &mut s)?;
    let start = o.pos;
    o.u32s(node_facts.iter().chain(&rel_facts).flatten().copied())?;
    s.push(start, o.pos);
    o.table(&dates, &mut s)?;
    debug_assert_eq!(s.0.len(), SECTIONS, "every section is written once");

    let mut h = vec![0u8; HEADER_LEN];
    h[..8].copy_from_slice(MAGIC);
    let mut put = |at: usize, b: &[u8]| h[at..at + b.len()].copy_from_slice(b);
    put(field::VERSION, &VERSION.to_le_bytes());
    put(field::SCHEMA, &schema_code(meta.schema).to_le_bytes());
    put(field::GENERATION, &meta.generation.to_le_bytes());
    put(field::NEXT_NODE, &meta.next_node.to_le_bytes());
    put(field::NEXT_REL, &meta.next_rel.to_le_bytes());
    put(field::FILE_LEN, &o.pos.to_le_bytes());
    put(field::BODY_CRC, &o.crc.clone().finalize().to_le_bytes());
    put(field::STORE_FORMAT, &FORMAT_VERSION.to_le_bytes());
    for (i, (start, len)) in s.0.iter().enumerate() {
        put(field::SECTIONS + i * 16, &start.to_le_bytes());
        put(field::SECTIONS + i * 16 + 8, &len.to_le_bytes());
    }
    let crc = crc32fast::hash(&h[..field::HEADER_CRC]);
    h[field::HEADER_CRC..].copy_from_slice(&crc.to_le_bytes());
    let mut w = o.w;
    w.seek(SeekFrom::Start(0))?;
    w.write_all(&h)?;
    w.seek(SeekFrom::End(0))?;
    Ok(w)
}

/// The header's code of a schema.
pub fn schema_code(s: Schema) -> u32 {
    match s {
        Schema::Prosopography => 0,
        Schema::Open => 1,
    }
}
