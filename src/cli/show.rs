//! `prosopo show ID|NAME`: find a node by id or by any spelling of its name
//! and print its dossier.

use super::args::Args;
use super::open;
use crate::model::name;
use crate::render::dossier::dossier;
use crate::store::GraphRead;
use anyhow::{bail, Result};

/// Runs `show`.
pub fn run(args: &Args, target: &str) -> Result<i32> {
    let db = open::open(args)?;
    let g = &db.graph();
    let node = match g.node(target)? {
        Some(n) => n,
        None => {
            let key = name::fold(target);
            let mut ids = g.node_ids_with_name_key(&key)?;
            if ids.len() > 1 {
                // Prefer nodes whose whole name (not one word of it) matches.
                let mut whole = Vec::new();
                for id in &ids {
                    if let Some(n) = g.node(id)? {
                        if n.all_names().iter().any(|nm| name::fold(nm) == key) {
                            whole.push(id.clone());
                        }
                    }
                }
                if !whole.is_empty() {
                    ids = whole;
                }
            }
            match ids.as_slice() {
                [] => bail!("nothing found for '{target}': try another spelling, or list people with `prosopo query \"MATCH (p:Person) RETURN p.id, p.name\"`"),
                [one] => g.node(one)?.ok_or_else(|| anyhow::anyhow!("index names missing node '{one}'; run `prosopo check --repair`"))?,
                many => {
                    let mut lines = Vec::new();
                    for id in many {
                        if let Some(n) = g.node(id)? {
                            lines.push(format!("  {}  {} ({})", n.id, n.display_name(), n.labels.join(":")));
                        }
                    }
                    bail!("'{target}' matches {} entries; show one by id:\n{}", many.len(), lines.join("\n"));
                }
            }
        }
    };
    let merged = node
        .prop("merged_from")
        .is_some_and(|m| m.strings().contains(&target));
    if merged {
        println!("('{target}' was merged into '{}')", node.id);
    }
    print!("{}", dossier(g, &node)?);
    Ok(0)
}
