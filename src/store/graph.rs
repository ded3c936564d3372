//! The graph store: node and relationship records with their indices, over
//! any `Kv`, with format checks on open and atomic commits.

use super::changes::ChangeSet;
use super::codec::{decode, encode, FORMAT_VERSION};
use super::commit::{self, Prior, Write, Writer};
use super::error::{Result, StoreError};
use super::keys::{self, key};
use super::kv::{Kv, MemKv};
use super::segment;
use super::sled_kv::SledKv;
use crate::model::{Node, Rel, Schema};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A property graph in an ordered key-value store.
pub struct Store {
    kv: Box<dyn Kv>,
    path: PathBuf,
    schema: Schema,
}

impl Store {
    /// Opens the database at `path`, creating it with `schema` when it does
    /// not exist. An existing database keeps the schema it was created with;
    /// asking for the other one is an error.
    pub fn open(path: &Path, schema: Option<Schema>) -> Result<Store> {
        let kv = SledKv::open(path)?;
        Store::with_kv(Box::new(kv), path, schema)
    }

    /// A new empty store in memory.
    pub fn memory(schema: Schema) -> Store {
        Store::with_kv(Box::new(MemKv::new()), Path::new(":memory:"), Some(schema))
            .expect("a memory store opens")
    }

    /// A store over any `Kv` (checks the format, recovers an interrupted
    /// commit, initialises an empty store).
    pub fn with_kv(kv: Box<dyn Kv>, path: &Path, schema: Option<Schema>) -> Result<Store> {
        let format_key = key(keys::META, &["format"]);
        let schema_key = key(keys::META, &["schema"]);
        let stored_schema = match kv.get(&format_key)? {
            None => {
                if !kv.scan_prefix(&[])?.is_empty() {
                    return Err(StoreError::Corrupt(format!(
                        "{} holds data but no format record; it is not a prosopo database",
                        path.display()
                    )));
                }
                let schema = schema.unwrap_or(Schema::Prosopography);
                kv.apply(&[
                    (format_key, Some(encode(&FORMAT_VERSION))),
                    (schema_key, Some(encode(&schema))),
                ])?;
                kv.flush()?;
                schema
            }
            Some(bytes) => {
                let found = decode_version(&bytes);
                if found != Some(FORMAT_VERSION) {
                    let hint = if found.is_some_and(|v| v < FORMAT_VERSION) {
                        "run `prosopo upgrade` to bring it to the current format"
                    } else {
                        "export it with the prosopo that wrote it and import the JSONL here"
                    };
                    return Err(StoreError::Version {
                        path: path.into(),
                        found: found.unwrap_or(0),
                        expected: FORMAT_VERSION,
                        hint: hint.into(),
                    });
                }
                let bytes = kv
                    .get(&schema_key)?
                    .ok_or_else(|| StoreError::Corrupt("missing schema record".into()))?;
                decode(&bytes)?
            }
        };
        commit::recover(kv.as_ref())?;
        Ok(Store {
            kv,
            path: path.into(),
            schema: stored_schema,
        })
    }

    /// Where the store lives (`:memory:` for a memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema the store was created with.
    pub fn schema(&self) -> Schema {
        self.schema
    }

    /// Number of read calls made on the underlying store so far.
    pub fn reads(&self) -> u64 {
        self.kv.reads()
    }

    /// A meta value (counters and settings kept with the database).
    pub fn meta(&self, name: &str) -> Result<Option<u64>> {
        match self.kv.get(&key(keys::META, &["u", name]))? {
            Some(b) => Ok(Some(decode(&b)?)),
            None => Ok(None),
        }
    }

    /// Commits a change set atomically and durably. `progress` is told how
    /// many low-level writes are done.
    pub fn commit(
        &self,
        changes: &ChangeSet,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        self.commit_with_meta(changes, &[], progress)
    }

    /// Commits a change set together with meta counters. The writes are
    /// made as they are applied (a large commit holds one chunk of them at a
    /// time); `progress` is told how many elements are written.
    pub fn commit_with_meta(
        &self,
        changes: &ChangeSet,
        meta: &[(&str, u64)],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        let total = changes.len();
        let mut w = Writer::new(self.kv.as_ref());
        self.writes_for(changes, &mut |write, elements| {
            let before = w.done();
            w.push(write)?;
            if w.done() != before {
                progress(elements, total);
            }
            Ok(())
        })?;
        for (name, value) in meta {
            w.push(Write::unknown((
                key(keys::META, &["u", name]),
                Some(encode(value)),
            )))?;
        }
        w.finish()?;
        progress(total, total);
        Ok(())
    }

    /// The low-level writes of a change set, each given to `sink` with the
    /// number of elements before it. A small change set writes one key per
    /// element (an empty value marks a deletion); a large one
    /// ([`SEGMENT_MIN`] elements or more) writes its records in segments
    /// and removes the single keys of the elements it rewrites. An
    /// element's state is its single key when there is one, else its entry
    /// in the newest segment holding it.
    ///
    /// Cost: one read per element that may have a single key (the old
    /// value, for the undo log); a bulk commit first lists the single keys
    /// when there are few, and reads only those.
    fn writes_for(
        &self,
        changes: &ChangeSet,
        sink: &mut dyn FnMut(Write, usize) -> Result<()>,
    ) -> Result<()> {
        let single = |prefix: u8, id: &str| key(prefix, &[id]);
        let elements = changes
            .nodes
            .iter()
            .map(|(id, n)| (segment::Kind::Node, keys::NODE, id, n.as_ref().map(encode)))
            .chain(
                changes
                    .rels
                    .iter()
                    .map(|(id, r)| (segment::Kind::Rel, keys::REL, id, r.as_ref().map(encode))),
            )
            .enumerate();
        if changes.len() < SEGMENT_MIN {
            for (i, (_, prefix, id, record)) in elements {
                let k = single(prefix, id);
                let prior = self.kv.get(&k)?;
                let write = Write {
                    key: k,
                    value: Some(record.unwrap_or_default()),
                    prior: Prior::Known(prior),
                };
                sink(write, i)?;
            }
            return Ok(());
        }
        let batch = self.meta("segments")?.unwrap_or(0) + 1;
        let mut current = Vec::new();
        let mut seq = 0u32;
        let segment_key = |seq: u32| {
            let mut k = vec![keys::SEGMENT];
            k.extend_from_slice(&batch.to_be_bytes());
            k.extend_from_slice(&seq.to_be_bytes());
            k
        };
        // The single keys a bulk commit may replace: read in one scan when
        // there are few (none after bulk imports alone), else one read per
        // element.
        let limit = changes.len() / 8;
        let singles = match (
            self.kv.keys_with_prefix_up_to(&[keys::NODE], limit)?,
            self.kv.keys_with_prefix_up_to(&[keys::REL], limit)?,
        ) {
            (Some(nodes), Some(rels)) => {
                Some(nodes.into_iter().chain(rels).collect::<BTreeSet<Vec<u8>>>())
            }
            _ => None,
        };
        for (i, (kind, prefix, id, record)) in elements {
            let k = single(prefix, id);
            let held = match &singles {
                Some(singles) if !singles.contains(&k) => None,
                _ => self.kv.get(&k)?,
            };
            if let Some(old) = held {
                let write = Write {
                    key: k,
                    value: None,
                    prior: Prior::Known(Some(old)),
                };
                sink(write, i)?;
            }
            if !current.is_empty()
                && current.len() + record.as_ref().map_or(0, Vec::len) > segment::SEGMENT_BYTES
            {
                let write = Write {
                    key: segment_key(seq),
                    value: Some(segment::seal(&current)?),
                    prior: Prior::Known(None),
                };
                current.clear();
                sink(write, i)?;
                seq += 1;
            }
            segment::push(&mut current, kind, id, record.as_deref());
        }
        if !current.is_empty() {
            let write = Write {
                key: segment_key(seq),
                value: Some(segment::seal(&current)?),
                prior: Prior::Known(None),
            };
            sink(write, changes.len())?;
        }
        sink(
            Write::unknown((key(keys::META, &["u", "segments"]), Some(encode(&batch)))),
            changes.len(),
        )
    }

    /// Every node and relationship record, as a change set writing them all
    /// (to rebuild the read file from): the segments in order, then the
    /// single keys over them.
    pub fn all_records(&self) -> Result<ChangeSet> {
        let mut nodes: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
        let mut rels: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
        for (_, v) in self.kv.scan_prefix(&[keys::SEGMENT])? {
            let entries = segment::open(&v)?;
            for (kind, id, record) in segment::entries(&entries)? {
                let map = match kind {
                    segment::Kind::Node => &mut nodes,
                    segment::Kind::Rel => &mut rels,
                };
                map.insert(id.to_string(), record.map(<[u8]>::to_vec));
            }
        }
        for (prefix, map) in [(keys::NODE, &mut nodes), (keys::REL, &mut rels)] {
            for (k, v) in self.kv.scan_prefix(&[prefix])? {
                let id = String::from_utf8(k[1..].to_vec())
                    .map_err(|_| StoreError::Corrupt("a record key is not UTF-8".into()))?;
                map.insert(id, (!v.is_empty()).then_some(v));
            }
        }
        let mut all = ChangeSet::default();
        for (id, bytes) in nodes {
            if let Some(b) = bytes {
                let node: Node = decode(&b)?;
                if node.id != id {
                    return Err(StoreError::Corrupt(format!(
                        "record of '{id}' holds '{}'",
                        node.id
                    )));
                }
                all.nodes.insert(id.into(), Some(node));
            }
        }
        for (id, bytes) in rels {
            if let Some(b) = bytes {
                let rel: Rel = decode(&b)?;
                if rel.id != id {
                    return Err(StoreError::Corrupt(format!(
                        "record of '{id}' holds '{}'",
                        rel.id
                    )));
                }
                all.rels.insert(id.into(), Some(rel));
            }
        }
        Ok(all)
    }

    /// Every stored key under a prefix byte (for tests and checks).
    pub fn raw_keys(&self, prefix_byte: u8) -> Result<Vec<Vec<u8>>> {
        self.kv.keys_with_prefix(&[prefix_byte])
    }
}

/// Elements from which a commit writes segments instead of single keys.
pub const SEGMENT_MIN: usize = 2048;

fn decode_version(bytes: &[u8]) -> Option<u32> {
    decode::<u32>(bytes).ok()
}
