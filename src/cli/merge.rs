//! `prosopo merge ID --into ID` and `prosopo duplicates`.

use super::args::Args;
use super::open;
use crate::db::{merge, DataError};
use crate::graph::duplicates;
use crate::render::table;
use anyhow::Result;

/// Runs `merge`.
pub fn merge(args: &Args, from: &str, into: &str, dry_run: bool) -> Result<i32> {
    let db = open::open(args)?;
    let draft = merge::plan(&db.graph(), from, into).map_err(|p| DataError(vec![p]))?;
    let moved = draft.len().saturating_sub(2);
    let report = db.apply(draft, dry_run, &mut |_, _| {})?;
    if !args.quiet {
        let verb = if dry_run { "would merge" } else { "merged" };
        eprintln!(
            "{verb} {from} into {into}: {moved} relationships moved, {} derived accusations redone",
            report.derived
        );
    }
    Ok(0)
}

/// Runs `duplicates`.
pub fn duplicates(args: &Args, min: f64) -> Result<i32> {
    let db = open::open(args)?;
    let found = duplicates::find(&db.graph(), min)?;
    if found.is_empty() {
        if !args.quiet {
            eprintln!("no likely duplicates (score >= {min})");
        }
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|c| {
            vec![
                format!("{:.2}", c.score),
                c.a.clone(),
                c.b.clone(),
                c.reasons.join("; "),
            ]
        })
        .collect();
    println!(
        "{}",
        table::render(
            &[
                "score".into(),
                "person".into(),
                "possibly the same as".into(),
                "why".into()
            ],
            &rows
        )
    );
    if !args.quiet {
        eprintln!("merge one into the other with: prosopo merge ID --into ID");
    }
    Ok(0)
}
