//! The graph store: node and relationship records with their indices, over
//! any `Kv`, with format checks on open and atomic commits.

use super::changes::ChangeSet;
use super::codec::{decode, encode, FORMAT_VERSION};
use super::commit::{self, Prior, Write};
use super::error::{Result, StoreError};
use super::index::{node_entries, rel_entries};
use super::keys::{self, key, prefix};
use super::kv::{Kv, MemKv};
use super::read::{Adjacent, Direction, GraphRead};
use super::sled_kv::SledKv;
use crate::model::{Node, Rel, Schema};
use std::collections::BTreeMap;
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
                    return Err(StoreError::Version {
                        path: path.into(),
                        found: found.unwrap_or(0),
                        expected: FORMAT_VERSION,
                        hint: "export it with the prosopo that wrote it and import the JSONL here"
                            .into(),
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

    /// Commits a change set atomically and durably, keeping indices in step.
    /// `progress` is told how many low-level writes are done.
    pub fn commit(
        &self,
        changes: &ChangeSet,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        self.commit_with_meta(changes, &[], progress)
    }

    /// Commits a change set together with meta counters.
    pub fn commit_with_meta(
        &self,
        changes: &ChangeSet,
        meta: &[(&str, u64)],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        let mut writes = self.writes_for(changes)?;
        for (name, value) in meta {
            writes.push(Write::unknown((
                key(keys::META, &["u", name]),
                Some(encode(value)),
            )));
        }
        let total = writes.len();
        commit::commit(self.kv.as_ref(), &writes, &mut |done| progress(done, total))
    }

    /// The low-level writes of a change set: records plus index entries, the
    /// stale index entries of the old versions removed. Each write carries
    /// the value its key held (from the old record and its index entries),
    /// so the commit's undo log needs no further reads.
    ///
    /// Cost: one read per element written.
    fn writes_for(&self, changes: &ChangeSet) -> Result<Vec<Write>> {
        let mut ops: BTreeMap<Vec<u8>, (Option<Vec<u8>>, Prior)> = BTreeMap::new();
        let put = |ops: &mut BTreeMap<Vec<u8>, (Option<Vec<u8>>, Prior)>,
                   k: Vec<u8>,
                   v: Option<Vec<u8>>| {
            ops.entry(k)
                .and_modify(|e| e.0 = v.clone())
                .or_insert((v, Prior::Known(None)));
        };
        for (id, new) in &changes.nodes {
            let record = key(keys::NODE, &[id]);
            let old = self.kv.get(&record)?;
            if let Some(bytes) = &old {
                for (k, v) in node_entries(&decode::<Node>(bytes)?) {
                    ops.insert(k, (None, Prior::Known(Some(v))));
                }
            }
            if let Some(node) = new {
                for (k, v) in node_entries(node) {
                    put(&mut ops, k, Some(v));
                }
            }
            ops.insert(record, (new.as_ref().map(encode), Prior::Known(old)));
        }
        for (id, new) in &changes.rels {
            let record = key(keys::REL, &[id]);
            let old = self.kv.get(&record)?;
            if let Some(bytes) = &old {
                for (k, v) in rel_entries(&decode::<Rel>(bytes)?) {
                    ops.insert(k, (None, Prior::Known(Some(v))));
                }
            }
            if let Some(rel) = new {
                for (k, v) in rel_entries(rel) {
                    put(&mut ops, k, Some(v));
                }
            }
            ops.insert(record, (new.as_ref().map(encode), Prior::Known(old)));
        }
        Ok(ops
            .into_iter()
            .map(|(key, (value, prior))| Write { key, value, prior })
            .collect())
    }

    /// Every node and relationship record, as a change set writing them all
    /// (to rebuild the read file from).
    pub fn all_records(&self) -> Result<ChangeSet> {
        let mut all = ChangeSet::default();
        for (k, v) in self.kv.scan_prefix(&[keys::NODE])? {
            let node: Node = decode(&v)?;
            debug_assert_eq!(node.id.as_bytes(), &k[1..]);
            all.nodes.insert(node.id.clone(), Some(node));
        }
        for (_, v) in self.kv.scan_prefix(&[keys::REL])? {
            let rel: Rel = decode(&v)?;
            all.rels.insert(rel.id.clone(), Some(rel));
        }
        Ok(all)
    }

    /// Every stored key/value pair under a prefix byte (for integrity checks).
    pub fn raw_keys(&self, prefix_byte: u8) -> Result<Vec<Vec<u8>>> {
        self.kv.keys_with_prefix(&[prefix_byte])
    }

    /// The expected index keys of every element, for `check`.
    pub fn expected_index_keys(&self) -> Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        for id in self.node_ids()? {
            if let Some(n) = self.node(&id)? {
                out.extend(node_entries(&n).into_iter().map(|(k, _)| k));
            }
        }
        for id in self.rel_ids()? {
            if let Some(r) = self.rel(&id)? {
                out.extend(rel_entries(&r).into_iter().map(|(k, _)| k));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Rewrites every index entry from the primary records (`check --repair`).
    pub fn rebuild_indices(&self) -> Result<usize> {
        let mut ops: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
        for p in [keys::LABEL, keys::NAME, keys::TYPE, keys::OUT, keys::IN] {
            for k in self.kv.keys_with_prefix(&[p])? {
                ops.insert(k, None);
            }
        }
        for id in self.node_ids()? {
            if let Some(n) = self.node(&id)? {
                for (k, v) in node_entries(&n) {
                    ops.insert(k, Some(v));
                }
            }
        }
        for id in self.rel_ids()? {
            if let Some(r) = self.rel(&id)? {
                for (k, v) in rel_entries(&r) {
                    ops.insert(k, Some(v));
                }
            }
        }
        let writes: Vec<Write> = ops.into_iter().map(Write::unknown).collect();
        let n = writes.len();
        commit::commit(self.kv.as_ref(), &writes, &mut |_| {})?;
        Ok(n)
    }

    fn ids_under(&self, p: Vec<u8>) -> Result<Vec<String>> {
        Ok(self
            .kv
            .keys_with_prefix(&p)?
            .iter()
            .map(|k| keys::last_field(k))
            .collect())
    }
}

fn decode_version(bytes: &[u8]) -> Option<u32> {
    decode::<u32>(bytes).ok()
}

impl GraphRead for Store {
    fn node(&self, id: &str) -> Result<Option<Node>> {
        match self.kv.get(&key(keys::NODE, &[id]))? {
            Some(b) => Ok(Some(decode(&b)?)),
            None => Ok(None),
        }
    }

    fn rel(&self, id: &str) -> Result<Option<Rel>> {
        match self.kv.get(&key(keys::REL, &[id]))? {
            Some(b) => Ok(Some(decode(&b)?)),
            None => Ok(None),
        }
    }

    fn node_ids(&self) -> Result<Vec<String>> {
        self.ids_under(vec![keys::NODE])
    }

    fn rel_ids(&self) -> Result<Vec<String>> {
        Ok(self
            .kv
            .keys_with_prefix(&[keys::REL])?
            .iter()
            .map(|k| String::from_utf8_lossy(&k[1..]).into_owned())
            .collect())
    }

    fn node_ids_with_label(&self, label: &str) -> Result<Vec<String>> {
        self.ids_under(prefix(keys::LABEL, &[label]))
    }

    fn rel_ids_with_type(&self, rel_type: &str) -> Result<Vec<String>> {
        self.ids_under(prefix(keys::TYPE, &[rel_type]))
    }

    fn node_ids_with_name_key(&self, name_key: &str) -> Result<Vec<String>> {
        self.ids_under(prefix(keys::NAME, &[name_key]))
    }

    fn adjacent(
        &self,
        node: &str,
        dir: Direction,
        rel_type: Option<&str>,
    ) -> Result<Vec<Adjacent>> {
        let p = match (dir, rel_type) {
            (Direction::Out, Some(t)) => prefix(keys::OUT, &[node, t]),
            (Direction::Out, None) => prefix(keys::OUT, &[node]),
            (Direction::In, Some(t)) => prefix(keys::IN, &[node, t]),
            (Direction::In, None) => prefix(keys::IN, &[node]),
        };
        let mut out = Vec::new();
        for (k, v) in self.kv.scan_prefix(&p)? {
            let f = keys::fields(&k);
            if f.len() != 3 {
                return Err(StoreError::Corrupt(format!("bad adjacency key for {node}")));
            }
            out.push(Adjacent {
                rel: f[2].clone(),
                rel_type: f[1].clone(),
                other: String::from_utf8_lossy(&v).into_owned(),
            });
        }
        Ok(out)
    }
}
