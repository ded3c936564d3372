//! `prosopo export`: the whole database as JSONL, GraphML, GEXF or Neo4j
//! bulk-import CSV. Files are written to a temporary name and renamed, so a
//! failed export never leaves a half file under the asked name.

use super::args::{Args, ExportFormat};
use super::open;
use super::progress::Progress;
use crate::render::{
    cypher_script, export_error::ExportError, gexf, graphml, jsonl, neo4j_csv, tables,
};
use crate::store::GraphRead;
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

type Writer = fn(&dyn GraphRead, &mut dyn Write, &mut dyn FnMut()) -> Result<usize, ExportError>;

/// Runs `export`.
pub fn run(args: &Args, format: ExportFormat, output: &Path) -> Result<i32> {
    let db = open::open(args)?;
    let g = &db.graph();
    let to_stdout = output == Path::new("-");
    let progress = Progress::new(args.quiet || to_stdout, "exporting");
    progress.set_total(jsonl::count(g)?);
    let writer: Writer = match format {
        ExportFormat::Jsonl => jsonl::export,
        ExportFormat::Graphml => graphml::export,
        ExportFormat::Gexf => gexf::export,
        ExportFormat::Cypher => cypher_script::export,
        ExportFormat::Neo4jCsv | ExportFormat::Csv => {
            anyhow::ensure!(
                !to_stdout,
                "this format writes several files: give a directory with -o DIR"
            );
            let csv = format == ExportFormat::Csv;
            let n = if csv {
                tables::export(g, output, &mut || progress.tick())?
            } else {
                neo4j_csv::export(g, output, &mut || progress.tick())?
            };
            progress.finish();
            if !args.quiet {
                let hint = if csv {
                    "nodes.csv, relationships.csv"
                } else {
                    "run its import.sh with neo4j-admin"
                };
                eprintln!("exported {n} elements to {}/ ({hint})", output.display());
            }
            return Ok(0);
        }
    };
    let n = if to_stdout {
        let mut out = BufWriter::new(std::io::stdout().lock());
        let n = writer(g, &mut out, &mut || progress.tick())?;
        out.flush()?;
        n
    } else {
        let mut tmp = output.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = std::path::PathBuf::from(tmp);
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut out = BufWriter::new(file);
        let n = writer(g, &mut out, &mut || progress.tick())?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, output)
            .with_context(|| format!("cannot write {}", output.display()))?;
        n
    };
    progress.finish();
    if !args.quiet && !to_stdout {
        eprintln!("exported {n} elements to {}", output.display());
    }
    Ok(0)
}
