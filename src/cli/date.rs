//! `prosopo date EXPR...`: the normalized form and bounds of EDTF dates.

use super::args::TextOrJson;
use crate::date::Edtf;
use anyhow::{bail, Result};
use serde_json::json;

/// Runs `date`.
pub fn run(exprs: &[String], format: TextOrJson) -> Result<i32> {
    let mut errors = Vec::new();
    let width = exprs.iter().map(|e| e.chars().count()).max().unwrap_or(0);
    for e in exprs {
        match Edtf::parse(e) {
            Ok(d) => {
                let earliest = d.earliest().map(|x| x.to_string());
                let latest = d.latest().map(|x| x.to_string());
                match format {
                    TextOrJson::Json => println!(
                        "{}",
                        json!({"input": e, "edtf": d.to_string(), "earliest": earliest, "latest": latest,
                               "approximate": d.approximate(), "uncertain": d.uncertain()})
                    ),
                    TextOrJson::Text => {
                        let mut flags = Vec::new();
                        if d.approximate() {
                            flags.push("approximate");
                        }
                        if d.uncertain() {
                            flags.push("uncertain");
                        }
                        println!(
                            "{e:<width$}  {:<24} earliest {:<10}  latest {:<10}{}",
                            d.to_string(),
                            earliest.as_deref().unwrap_or("open/unknown"),
                            latest.as_deref().unwrap_or("open/unknown"),
                            if flags.is_empty() {
                                String::new()
                            } else {
                                format!("  ({})", flags.join(", "))
                            }
                        );
                    }
                }
            }
            Err(err) => errors.push(format!("'{e}': {err}")),
        }
    }
    if !errors.is_empty() {
        bail!(
            "invalid date{}:\n  {}",
            if errors.len() > 1 { "s" } else { "" },
            errors.join("\n  ")
        );
    }
    Ok(0)
}
