//! `prosopo check`: integrity of the read file (against a rebuild from the
//! store of record), references, sources and derived accusations;
//! `--repair` rebuilds what is derived from the primary data.

use super::args::Args;
use super::open;
use crate::db::{derive, validate, Database, Problem};
use crate::store::snapshot::Snapshot;
use crate::store::{ChangeSet, GraphRead};
use anyhow::Result;
use std::collections::BTreeSet;

/// Runs `check`.
pub fn run(args: &Args, repair: bool) -> Result<i32> {
    let db = open::open(args)?;
    if repair {
        db.store()?;
        let snap = db.rebuild_read()?;
        let n = snap.node_count() + snap.rel_count();
        let fix = derived_fixes(&db, &db.graph())?;
        let fixed = fix.len();
        db.commit(&fix, &[], &mut |_, _| {})?;
        if !args.quiet {
            eprintln!("rebuilt the read file ({n} elements); fixed {fixed} derived accusations");
        }
    }
    let problems = problems(&db)?;
    if problems.is_empty() {
        if !args.quiet {
            let g = db.graph();
            eprintln!(
                "ok: {} nodes, {} relationships, read file and derived accusations consistent",
                g.node_ids()?.len(),
                g.rel_ids()?.len()
            );
        }
        return Ok(0);
    }
    for p in &problems {
        println!("{p}");
    }
    anyhow::bail!(
        "{} problem{} found; `prosopo check --repair` rebuilds the read file and derived accusations",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )
}

/// Every integrity problem of the database.
/// The elements are checked as the store of record holds them (an image
/// rebuilt from it), whatever the read file says.
pub fn problems(db: &Database) -> Result<Vec<Problem>> {
    let image = Snapshot::from_vec(db.expected_read_file()?)?;
    let g: &dyn GraphRead = &image;
    let mut out = Vec::new();
    if db.path().is_dir() {
        let actual = std::fs::read(crate::store::snapshot::files::path(db.path())).ok();
        if actual.as_deref() != Some(image.bytes()) {
            out.push(Problem::new(format!(
                "the read file {} does not match the store",
                crate::store::snapshot::files::FILE
            )));
        }
    }
    for id in g.node_ids()? {
        match g.node(&id)? {
            Some(n) => validate::node(g, db.schema(), &n, &mut out)?,
            None => out.push(Problem::new("listed but unreadable").element(&id)),
        }
    }
    for id in g.rel_ids()? {
        match g.rel(&id)? {
            Some(r) => validate::rel(g, db.schema(), &r, &mut out)?,
            None => out.push(Problem::new("listed but unreadable").element(&id)),
        }
    }
    let fixes = derived_fixes(db, g)?;
    for (id, r) in &fixes.rels {
        out.push(
            Problem::new(if r.is_some() {
                "derived accusation is missing or out of date"
            } else {
                "derived accusation no longer matches its event"
            })
            .element(id),
        );
    }
    Ok(out)
}

/// The writes that would bring every derived accusation in step.
fn derived_fixes(db: &Database, g: &dyn GraphRead) -> Result<ChangeSet> {
    if db.schema() != crate::model::Schema::Prosopography {
        return Ok(ChangeSet::default());
    }
    let events: BTreeSet<compact_str::CompactString> = g
        .node_ids_with_label("Event")?
        .into_iter()
        .map(Into::into)
        .collect();
    let mut fixes = derive::derive(g, g, &events)?;
    // Derived relationships whose event is gone.
    for id in g.rel_ids_with_type("ACCUSED")? {
        if let Some(r) = g.rel(&id)? {
            if derive::is_derived(&r) {
                let event = r.prop("event").and_then(|v| v.as_str()).unwrap_or("");
                if !events.contains(event) {
                    fixes.delete_rel(&id);
                }
            }
        }
    }
    let mut same = Vec::new();
    for (id, r) in &fixes.rels {
        if g.rel(id)?.as_ref() == r.as_ref() {
            same.push(id.clone());
        }
    }
    for id in same {
        fixes.rels.remove(&id);
    }
    Ok(fixes)
}
