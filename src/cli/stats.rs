//! `prosopo stats`: counts by label and type, and the size on disk.

use super::args::Args;
use super::open;
use crate::render::table;
use crate::store::GraphRead;
use anyhow::Result;
use std::collections::BTreeMap;

/// Runs `stats`.
pub fn run(args: &Args) -> Result<i32> {
    let db = open::open(args)?;
    let g = &db.graph();
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    let node_ids = g.node_ids()?;
    for id in &node_ids {
        if let Some(n) = g.node(id)? {
            for l in n.labels {
                *labels.entry(l.into()).or_default() += 1;
            }
        }
    }
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    let rel_ids = g.rel_ids()?;
    for id in &rel_ids {
        if let Some(r) = g.rel(id)? {
            *types.entry(r.rel_type.into()).or_default() += 1;
        }
    }
    let mut rows: Vec<Vec<String>> = labels
        .iter()
        .map(|(l, n)| vec!["node".into(), l.clone(), n.to_string()])
        .collect();
    rows.extend(
        types
            .iter()
            .map(|(t, n)| vec!["relationship".into(), t.clone(), n.to_string()]),
    );
    rows.push(vec![
        "total".into(),
        "nodes".into(),
        node_ids.len().to_string(),
    ]);
    rows.push(vec![
        "total".into(),
        "relationships".into(),
        rel_ids.len().to_string(),
    ]);
    println!(
        "{}",
        table::render(
            &["element".into(), "label / type".into(), "count".into()],
            &rows
        )
    );
    println!(
        "schema: {}; size on disk: {}",
        db.schema(),
        human(dir_size(db.path()))
    );
    let net = crate::graph::network::Network::load(g)?;
    if net.graph.edge_count() > 0 {
        let list = |v: Vec<(String, usize)>| {
            v.iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "accusation network: {} people, {} accusations, {} connected group(s)",
            net.graph.node_count(),
            net.graph.edge_count(),
            net.components()
        );
        println!(
            "  most accused (distinct accusers): {}",
            list(net.most_accused(5))
        );
        println!("  most accusing: {}", list(net.most_accusing(5)));
        match net.longest_chain() {
            Some(chain) => println!("  longest chain of accusation: {}", chain.join(" → ")),
            None => println!(
                "  circles of accusation: {}",
                net.circles()
                    .iter()
                    .map(|c| c.join(" ↔ "))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
    Ok(0)
}

/// Total size of the files under a path.
pub fn dir_size(path: &std::path::Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|rd| rd.flatten().map(|e| dir_size(&e.path())).sum())
        .unwrap_or(0)
}

fn human(bytes: u64) -> String {
    let mut x = bytes as f64;
    for unit in ["B", "KiB", "MiB", "GiB"] {
        if x < 1024.0 {
            return format!("{x:.1} {unit}");
        }
        x /= 1024.0;
    }
    format!("{x:.1} TiB")
}
