//! The database: a store plus the rules of the model. Every write (import,
//! `add`, a write query, a merge) goes through [`Database::apply`]: validated
//! as a whole in the graph as it will be, derived relationships brought in
//! step, then committed atomically or not at all.

pub mod derive;
pub mod merge;
pub mod overlay;
pub mod problem;
pub mod validate;

use crate::model::{Node, Rel, Schema};
use crate::store::{ChangeSet, GraphRead, Store};
use overlay::Overlay;
pub use problem::{DataError, Origin, Problem};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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

/// A set of writes to apply together.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// The writes, each with its origin.
    pub items: Vec<(Item, Origin)>,
    /// Entries whose generated relationships (ids `ENTRY/...`) this draft
    /// replaces: those it does not write again are deleted.
    pub owners: Vec<String>,
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

/// A prosopo database.
pub struct Database {
    store: Store,
}

impl Database {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path, schema: Option<Schema>) -> Result<Database, DbError> {
        let store = Store::open(path, schema)?;
        if let Some(wanted) = schema {
            if wanted != store.schema() {
                return Err(DataError(vec![Problem::new(format!(
                    "database {} was created with the {} schema, not {wanted}; drop --schema or use another --db",
                    path.display(),
                    store.schema()
                ))])
                .into());
            }
        }
        Ok(Database { store })
    }

    /// A new empty database in memory.
    pub fn memory(schema: Schema) -> Database {
        Database {
            store: Store::memory(schema),
        }
    }

    /// The underlying store (read access for queries, renderers, checks).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The schema.
    pub fn schema(&self) -> Schema {
        self.store.schema()
    }

    /// Validates a draft and, unless `dry_run`, commits it atomically.
    /// Problems are collected over the whole draft; on any, nothing is written.
    pub fn apply(
        &self,
        draft: Draft,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Report, DbError> {
        let schema = self.schema();
        let mut problems = Vec::new();
        let mut changes = ChangeSet::default();
        let mut origins: BTreeMap<String, Origin> = BTreeMap::new();
        let mut next_node = self.store.meta("next_node")?.unwrap_or(1);
        let mut next_rel = self.store.meta("next_rel")?.unwrap_or(1);
        let mut node_ids: BTreeMap<String, Origin> = BTreeMap::new();
        let mut rel_ids: BTreeMap<String, Origin> = BTreeMap::new();
        let mut detach = Vec::new();
        for (item, origin) in draft.items {
            match item {
                Item::Node(mut n) => {
                    if n.id.is_empty() && schema == Schema::Open {
                        n.id = format!("n{next_node}");
                        next_node += 1;
                    }
                    if let Some(first) = node_ids.insert(n.id.clone(), origin.clone()) {
                        problems.push(
                            Problem::new(format!("duplicate id: also given at {first}"))
                                .origin(Some(&origin))
                                .element(&n.id)
                                .field("id"),
                        );
                    }
                    origins.insert(format!("N{}", n.id), origin);
                    changes.put_node(n);
                }
                Item::Rel(mut r) => {
                    if r.id.is_empty() {
                        r.id = format!("r{next_rel}");
                        next_rel += 1;
                    }
                    if let Some(first) = rel_ids.insert(r.id.clone(), origin.clone()) {
                        problems.push(
                            Problem::new(format!("duplicate relationship: also given at {first}"))
                                .origin(Some(&origin))
                                .element(&r.id),
                        );
                    }
                    origins.insert(format!("R{}", r.id), origin);
                    changes.put_rel(r);
                }
                Item::DeleteNode { id, detach: d } => {
                    if d {
                        detach.push(id.clone());
                    }
                    origins.insert(format!("N{id}"), origin);
                    changes.delete_node(&id);
                }
                Item::DeleteRel(id) => {
                    origins.insert(format!("R{id}"), origin);
                    changes.delete_rel(&id);
                }
            }
        }
        // Relationships an entry generated before but no longer does.
        for owner in &draft.owners {
            let prefix = format!("{owner}/");
            for id in self.owned_rels(owner)? {
                if id.starts_with(&prefix) && !changes.rels.contains_key(&id) {
                    changes.delete_rel(&id);
                }
            }
        }
        for id in detach {
            for dir in [crate::store::Direction::Out, crate::store::Direction::In] {
                for adj in Overlay::new(&self.store, &changes).adjacent(&id, dir, None)? {
                    changes.delete_rel(&adj.rel);
                }
            }
        }
        if schema == Schema::Prosopography {
            let events = derive::affected_events(&self.store, &changes)?;
            let derived =
                derive::derive(&self.store, &Overlay::new(&self.store, &changes), &events)?;
            for (id, rel) in derived.rels {
                changes.rels.insert(id, rel);
            }
        }
        let after = Overlay::new(&self.store, &changes);
        for (id, node) in &changes.nodes {
            let origin = origins.get(&format!("N{id}"));
            match node {
                Some(n) => validate::node(&after, schema, n, origin, &mut problems)?,
                None => {
                    self.check_delete_node(&after, id, origin, &mut problems)?;
                }
            }
        }
        for rel in changes.rels.values().flatten() {
            validate::rel(
                &after,
                schema,
                rel,
                origins.get(&format!("R{}", rel.id)),
                &mut problems,
            )?;
        }
        if !problems.is_empty() {
            return Err(DataError(problems).into());
        }
        let report = self.report_and_prune(&mut changes)?;
        if !dry_run && !changes.is_empty() {
            self.store.commit_with_meta(
                &changes,
                &[("next_node", next_node), ("next_rel", next_rel)],
                progress,
            )?;
        }
        Ok(report)
    }

    fn owned_rels(&self, owner: &str) -> Result<Vec<String>, DbError> {
        let mut ids = BTreeSet::new();
        for dir in [crate::store::Direction::Out, crate::store::Direction::In] {
            for adj in self.store.adjacent(owner, dir, None)? {
                ids.insert(adj.rel);
            }
        }
        Ok(ids.into_iter().collect())
    }

    fn check_delete_node(
        &self,
        after: &Overlay,
        id: &str,
        origin: Option<&Origin>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), DbError> {
        let Some(old) = self.store.node(id)? else {
            problems.push(
                Problem::new("no such node to delete")
                    .origin(origin)
                    .element(id),
            );
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
                .origin(origin)
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
                        problems.push(
                            Problem::new(format!("is still cited by '{nid}'"))
                                .origin(origin)
                                .element(id),
                        );
                        return Ok(());
                    }
                }
            }
            for rid in after.rel_ids()? {
                if let Some(r) = after.rel(&rid)? {
                    if cites(&r.props) {
                        problems.push(
                            Problem::new(format!("is still cited by relationship '{rid}'"))
                                .origin(origin)
                                .element(id),
                        );
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }

    /// Counts what the change does and drops writes that change nothing.
    fn report_and_prune(&self, changes: &mut ChangeSet) -> Result<Report, DbError> {
        let mut report = Report::default();
        let mut same_nodes = Vec::new();
        for (id, new) in &changes.nodes {
            let old = self.store.node(id)?;
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
            let old = self.store.rel(id)?;
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
}
