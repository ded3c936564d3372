//! The database: a store plus the rules of the model. Every write (import,
//! `add`, a write query, a merge) goes through [`Database::apply`]: validated
//! as a whole in the graph as it will be, derived relationships brought in
//! step, then committed atomically or not at all.

#[cfg(test)]
mod apply_tests;
pub mod derive;
mod draft;
mod gather;
pub mod merge;
mod origins;
pub mod overlay;
pub mod problem;
pub mod validate;

use crate::model::{Node, Rel, Schema};
use crate::store::snapshot::build::{self, Meta};
use crate::store::snapshot::{files, Snapshot};
use crate::store::{ChangeSet, GraphRead, Store};
pub use draft::Draft;
use overlay::Overlay;
pub use problem::{DataError, Origin, Problem};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

/// An element to write, with where it came from.
#[derive(Clone, Debug)]
pub enum Item {
    /// A node (an empty id asks for a generated one in the open schema).
    Node(Node),
    /// A relationship.
    Rel(Rel),
    /// Delete a node (with `detach`, its relationships too).
    DeleteNode {
        /// Node id.
        id: String,
        /// Also delete its relationships.
        detach: bool,
    },
    /// Delete a relationship.
    DeleteRel(String),
}

/// What a write did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Elements created.
    pub created: usize,
    /// Elements changed.
    pub updated: usize,
    /// Elements already present as given.
    pub unchanged: usize,
    /// Elements deleted.
    pub deleted: usize,
    /// Derived ACCUSED relationships among the above.
    pub derived: usize,
}

/// Errors of a database operation.
#[derive(thiserror::Error, Debug)]
#[non_exhaustive]
pub enum DbError {
    /// Invalid data; nothing was written.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A storage error.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// A prosopo database: the sled store of record and the read image beside
/// it (see [`crate::store::snapshot`]): a memory-mapped file for a database
/// on disk, bytes in memory for a memory database. Every read goes to the
/// read image; the store is opened only when needed (writes, checks, or a
/// read file to rebuild).
pub struct Database {
    path: PathBuf,
    schema: Schema,
    on_disk: bool,
    store: OnceLock<Store>,
    read: RwLock<Arc<Snapshot>>,
}

fn schema_mismatch(path: &Path, found: Schema, wanted: Schema) -> DbError {
    DataError(vec![Problem::new(format!(
        "database {} was created with the {found} schema, not {wanted}; drop --schema or use another --db",
        path.display()
    ))])
    .into()
}

fn empty_image(schema: Schema) -> Result<Snapshot, DbError> {
    let meta = Meta {
        schema,
        generation: 0,
        next_node: 1,
        next_rel: 1,
    };
    Ok(Snapshot::in_memory(None, &ChangeSet::default(), &meta)?)
}

impl Database {
    /// Opens (or creates) the database at `path` for reading and writing:
    /// the store is opened (and locked) at once.
    pub fn open(path: &Path, schema: Option<Schema>) -> Result<Database, DbError> {
        let db = Database::open_read(path, schema)?;
        db.store()?;
        Ok(db)
    }

    /// Opens (or creates) the database at `path`. When its read file is
    /// current, the store is not opened until something needs it (a write
    /// or a check), so other processes may read at the same time.
    pub fn open_read(path: &Path, schema: Option<Schema>) -> Result<Database, DbError> {
        if path.is_dir() {
            if let Some(snap) = files::open_current(path) {
                let found = snap.meta().schema;
                if let Some(wanted) = schema.filter(|w| *w != found) {
                    return Err(schema_mismatch(path, found, wanted));
                }
                return Ok(Database {
                    path: path.into(),
                    schema: found,
                    on_disk: true,
                    store: OnceLock::new(),
                    read: RwLock::new(Arc::new(snap)),
                });
            }
        }
        let store = Store::open(path, schema)?;
        if let Some(wanted) = schema.filter(|w| *w != store.schema()) {
            return Err(schema_mismatch(path, store.schema(), wanted));
        }
        let db = Database {
            path: path.into(),
            schema: store.schema(),
            on_disk: true,
            read: RwLock::new(Arc::new(empty_image(store.schema())?)),
            store: OnceLock::from(store),
        };
        db.sync_read(false)?;
        Ok(db)
    }

    /// A new empty database in memory.
    pub fn memory(schema: Schema) -> Database {
        let image = empty_image(schema).expect("an empty image is built in memory");
        Database {
            path: PathBuf::from(":memory:"),
            schema,
            on_disk: false,
            store: OnceLock::from(Store::memory(schema)),
            read: RwLock::new(Arc::new(image)),
        }
    }

    /// The store of record, opened (and locked against other processes) on
    /// first use.
    pub fn store(&self) -> Result<&Store, DbError> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        let store = Store::open(&self.path, Some(self.schema))?;
        let _ = self.store.set(store);
        self.sync_read(true)?;
        self.opened()
    }

    fn opened(&self) -> Result<&Store, DbError> {
        self.store
            .get()
            .ok_or_else(|| crate::store::StoreError::Corrupt("the store is not open".into()).into())
    }

    /// What reads go to: the read image as of now.
    pub fn graph(&self) -> Arc<Snapshot> {
        self.read_file()
    }

    /// Where the database lives (`:memory:` for a memory database).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema.
    pub fn schema(&self) -> Schema {
        self.schema
    }

    /// Read calls made so far on the read image and the store.
    pub fn reads(&self) -> u64 {
        self.read_file().reads() + self.store.get().map_or(0, Store::reads)
    }

    /// A counter kept with the database (`next_node`, `next_rel`).
    pub fn meta(&self, name: &str) -> Result<Option<u64>, DbError> {
        let m = self.read_file().meta();
        match name {
            "next_node" => Ok(Some(m.next_node)),
            "next_rel" => Ok(Some(m.next_rel)),
            _ => Ok(self.store()?.meta(name)?),
        }
    }

    /// The read image in use.
    pub fn read_file(&self) -> Arc<Snapshot> {
        match self.read.read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set_read(&self, snap: Snapshot) {
        match self.read.write() {
            Ok(mut r) => *r = Arc::new(snap),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snap),
        }
    }

    /// Brings the read image in step with the open store: keeps it when its
    /// generation is the store's, else rebuilds it (in memory when the file
    /// cannot be written, e.g. in a read-only directory).
    fn sync_read(&self, trust_held: bool) -> Result<(), DbError> {
        let store = self.opened()?;
        if !self.on_disk {
            return Ok(());
        }
        let generation = store.meta("generation")?.unwrap_or(0);
        let current =
            |s: &Snapshot| s.meta().generation == generation && s.meta().schema == self.schema;
        if !files::is_stale(&self.path) {
            if trust_held && current(&self.read_file()) {
                return Ok(());
            }
            if let Some(s) = files::open_current(&self.path).filter(|s| current(s)) {
                self.set_read(s);
                return Ok(());
            }
        }
        if self.rebuild_read().is_err() {
            let all = store.all_records()?;
            self.set_read(Snapshot::in_memory(None, &all, &self.read_meta(store)?)?);
        }
        Ok(())
    }

    /// Rewrites the read image (and file) from every record of the store,
    /// and reads from it from now on.
    pub fn rebuild_read(&self) -> Result<Arc<Snapshot>, DbError> {
        let store = self.opened()?;
        let all = store.all_records()?;
        let meta = self.read_meta(store)?;
        let snap = if self.on_disk {
            let plan = build::plan(None, &all)?;
            let snap = files::replace(&self.path, plan, &meta)?;
            files::clear_stale(&self.path).map_err(crate::store::StoreError::from)?;
            snap
        } else {
            Snapshot::in_memory(None, &all, &meta)?
        };
        self.set_read(snap);
        Ok(self.read_file())
    }

    /// The read file as a rebuild from the store would write it (for `check`).
    pub fn expected_read_file(&self) -> Result<Vec<u8>, DbError> {
        let store = self.store()?;
        let all = store.all_records()?;
        let plan = build::plan(None, &all)?;
        let meta = self.read_meta(store)?;
        let bytes = build::write(plan, &meta, std::io::Cursor::new(Vec::new()))
            .map_err(crate::store::StoreError::from)?;
        Ok(bytes.into_inner())
    }

    fn read_meta(&self, store: &Store) -> Result<Meta, DbError> {
        Ok(Meta {
            schema: self.schema,
            generation: store.meta("generation")?.unwrap_or(0),
            next_node: store.meta("next_node")?.unwrap_or(1),
            next_rel: store.meta("next_rel")?.unwrap_or(1),
        })
    }

    /// Commits a change set to the store and brings the read image in step.
    /// On disk the read file is marked stale first, so that a crash
    /// anywhere leaves either the old state with a good file or a mark that
    /// makes the next open rebuild it.
    pub fn commit(
        &self,
        changes: &ChangeSet,
        counters: &[(&str, u64)],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), DbError> {
        let store = self.store()?;
        if changes.is_empty() && counters.is_empty() {
            return Ok(());
        }
        let generation = store.meta("generation")?.unwrap_or(0) + 1;
        if self.on_disk {
            files::mark_stale(&self.path).map_err(crate::store::StoreError::from)?;
        }
        let mut meta = counters.to_vec();
        meta.push(("generation", generation));
        let old = self.read_file();
        // The read file's header as the store will hold it after the commit.
        let mut read_meta = self.read_meta(store)?;
        read_meta.generation = generation;
        for (name, value) in counters {
            match *name {
                "next_node" => read_meta.next_node = *value,
                "next_rel" => read_meta.next_rel = *value,
                _ => {}
            }
        }
        // The new read file is planned and written beside the old one on a
        // second core while the store writes; it replaces the old one only
        // once the store's commit stands.
        let (stored, prepared) = std::thread::scope(|scope| {
            let prepared = self.on_disk.then(|| {
                scope.spawn(|| {
                    build::plan(Some(&old), changes)
                        .and_then(|plan| files::prepare(&self.path, plan, &read_meta))
                })
            });
            let stored = store.commit_with_meta(changes, &meta, progress);
            (stored, prepared.and_then(|p| p.join().ok()))
        });
        stored?;
        let on_file = prepared.and_then(|prepared| {
            prepared
                .and_then(|p| files::install(&self.path, p))
                .and_then(|s| Ok(files::clear_stale(&self.path).map(|_| s)?))
                .ok()
        });
        // The commit stands either way; without a new read file, the image
        // is kept in memory and the next open rebuilds the file.
        let fresh = match on_file {
            Some(s) => s,
            None => match Snapshot::in_memory(Some(&old), changes, &read_meta) {
                Ok(s) => s,
                Err(_) => Snapshot::in_memory(None, &store.all_records()?, &read_meta)?,
            },
        };
        self.set_read(fresh);
        Ok(())
    }

    /// Validates a draft and, unless `dry_run`, commits it atomically.
    /// Problems are collected over the whole draft; on any, nothing is written.
    pub fn apply(
        &self,
        mut draft: Draft,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Report, DbError> {
        let schema = self.schema();
        self.store()?;
        let base = self.graph();
        let base: &(dyn GraphRead + Sync) = &base;
        let next_node = self.meta("next_node")?.unwrap_or(1);
        let next_rel = self.meta("next_rel")?.unwrap_or(1);
        let gather::Gathered {
            mut changes,
            node_origins,
            rel_origins,
            mut problems,
            detach,
            next_node,
            next_rel,
        } = gather::gather(draft.take_runs(), schema, next_node, next_rel);
        // Relationships an entry generated before but no longer does.
        for owner in &draft.owners {
            let prefix = format!("{owner}/");
            for id in owned_rels(base, owner)? {
                if id.starts_with(&prefix) && !changes.rels.contains_key(id.as_str()) {
                    changes.delete_rel(&id);
                }
            }
        }
        for id in detach {
            for dir in [crate::store::Direction::Out, crate::store::Direction::In] {
                for adj in Overlay::new(base, &changes).adjacent(&id, dir, None)? {
                    changes.delete_rel(&adj.rel);
                }
            }
        }
        if schema == Schema::Prosopography {
            let events = derive::affected_events(base, &changes)?;
            let after = Overlay::indexed(base, &changes);
            let derived = derive::derive_on_two_cores(base, &after, &events)?;
            for (id, rel) in derived.rels {
                changes.rels.insert(id, rel);
            }
        }
        let after = Overlay::indexed(base, &changes);
        // Where an element came from is looked up only for its problems.
        let check_nodes = |problems: &mut Vec<Problem>| -> Result<(), DbError> {
            for (id, node) in &changes.nodes {
                let before = problems.len();
                match node {
                    Some(n) => validate::node(&after, schema, n, problems)?,
                    None => check_delete_node(base, &after, id, problems)?,
                }
                node_origins.place(id, &mut problems[before..]);
            }
            Ok(())
        };
        let check_rels = |rels: &[&Rel], problems: &mut Vec<Problem>| -> Result<(), DbError> {
            for rel in rels {
                let before = problems.len();
                validate::rel(&after, schema, rel, problems)?;
                rel_origins.place(&rel.id, &mut problems[before..]);
            }
            Ok(())
        };
        let rels: Vec<&Rel> = changes.rels.values().flatten().collect();
        // A large draft is checked on two cores: the nodes and the first
        // relationships here, the rest beside, cut so that each side checks
        // about as many elements (a node costs about what a relationship
        // does); the problems come out in the same order either way.
        let here = ((changes.nodes.len() + rels.len()) / 2).saturating_sub(changes.nodes.len());
        let (first, second) = rels.split_at(here.min(rels.len()));
        if rels.len() < 50_000 {
            check_nodes(&mut problems)?;
            check_rels(&rels, &mut problems)?;
        } else {
            let check_second = || {
                let mut more = Vec::new();
                check_rels(second, &mut more).map(|()| more)
            };
            let rest = std::thread::scope(|s| {
                let rest = s.spawn(check_second);
                check_nodes(&mut problems)?;
                check_rels(first, &mut problems)?;
                rest.join().unwrap_or_else(|_| check_second())
            })?;
            problems.extend(rest);
        }
        if !problems.is_empty() {
            return Err(DataError(problems).into());
        }
        // Where each element came from is needed for problems only, and the
        // indices over the changes for checking them: free both before the
        // commit, the peak of a bulk import's memory.
        drop((node_origins, rel_origins, rels, after));
        let report = report_and_prune(base, &mut changes)?;
        if !dry_run && !changes.is_empty() {
            self.commit(
                &changes,
                &[("next_node", next_node), ("next_rel", next_rel)],
                progress,
            )?;
        }
        if changes.len() > 10_000 {
            // Freeing a large change set takes a while; the caller need not wait.
            std::thread::spawn(move || drop(changes));
        }
        Ok(report)
    }
}

fn owned_rels(base: &dyn GraphRead, owner: &str) -> Result<Vec<String>, DbError> {
    let mut ids = BTreeSet::new();
    for dir in [crate::store::Direction::Out, crate::store::Direction::In] {
        for adj in base.adjacent(owner, dir, None)? {
            ids.insert(adj.rel);
        }
    }
    Ok(ids.into_iter().map(String::from).collect())
}

fn check_delete_node(
    base: &dyn GraphRead,
    after: &Overlay,
    id: &str,
    problems: &mut Vec<Problem>,
) -> Result<(), DbError> {
    let Some(old) = base.node(id)? else {
        problems.push(Problem::new("no such node to delete").element(id));
        return Ok(());
    };
    let mut remaining = 0;
    for dir in [crate::store::Direction::Out, crate::store::Direction::In] {
        remaining += after.adjacent(id, dir, None)?.len();
    }
    if remaining > 0 {
        problems.push(
            Problem::new(format!(
                "still has {remaining} relationship(s); delete them first or use DETACH DELETE"
            ))
            .element(id),
        );
    }
    if old.has_label("Source") {
        let needle = format!("{id}:");
        let cites = |props: &crate::model::Props| {
            props
                .get("sources")
                .is_some_and(|s| s.strings().iter().any(|c| c.starts_with(&needle)))
        };
        for nid in after.node_ids()? {
            if let Some(n) = after.node(&nid)? {
                if cites(&n.props) {
                    problems.push(Problem::new(format!("is still cited by '{nid}'")).element(id));
                    return Ok(());
                }
            }
        }
        for rid in after.rel_ids()? {
            if let Some(r) = after.rel(&rid)? {
                if cites(&r.props) {
                    problems.push(
                        Problem::new(format!("is still cited by relationship '{rid}'")).element(id),
                    );
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

/// Counts what the change does and drops writes that change nothing.
fn report_and_prune(base: &dyn GraphRead, changes: &mut ChangeSet) -> Result<Report, DbError> {
    let mut report = Report::default();
    let mut same_nodes = Vec::new();
    for (id, new) in &changes.nodes {
        let old = base.node(id)?;
        match (old, new) {
            (None, Some(_)) => report.created += 1,
            (Some(o), Some(n)) if &o == n => {
                report.unchanged += 1;
                same_nodes.push(id.clone());
            }
            (Some(_), Some(_)) => report.updated += 1,
            (Some(_), None) => report.deleted += 1,
            (None, None) => same_nodes.push(id.clone()),
        }
    }
    let mut same_rels = Vec::new();
    for (id, new) in &changes.rels {
        let old = base.rel(id)?;
        if new.as_ref().is_some_and(derive::is_derived) && old.as_ref() != new.as_ref() {
            report.derived += 1;
        }
        match (old, new) {
            (None, Some(_)) => report.created += 1,
            (Some(o), Some(n)) if &o == n => {
                report.unchanged += 1;
                same_rels.push(id.clone());
            }
            (Some(_), Some(_)) => report.updated += 1,
            (Some(_), None) => report.deleted += 1,
            (None, None) => same_rels.push(id.clone()),
        }
    }
    for id in same_nodes {
        changes.nodes.remove(&id);
    }
    for id in same_rels {
        changes.rels.remove(&id);
    }
    Ok(report)
}
