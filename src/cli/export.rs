//! `prosopo export`: the whole database to a file or standard output.

use super::args::{Args, ExportFormat};
use super::open;
use super::progress::Progress;
use crate::render::jsonl;
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Runs `export`.
pub fn run(args: &Args, format: ExportFormat, output: &Path) -> Result<i32> {
    let db = open::open(args)?;
    let g = db.store();
    match format {
        ExportFormat::Jsonl => {
            let to_stdout = output == Path::new("-");
            let progress = Progress::new(args.quiet || to_stdout, "exporting");
            progress.set_total(jsonl::count(g)?);
            let n = if to_stdout {
                let mut out = BufWriter::new(std::io::stdout().lock());
                let n = jsonl::export(g, &mut out, &mut || progress.tick())?;
                out.flush()?;
                n
            } else {
                let tmp = output.with_extension("jsonl.partial");
                let file = std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                let mut out = BufWriter::new(file);
                let n = jsonl::export(g, &mut out, &mut || progress.tick())?;
                out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&tmp, output)
                    .with_context(|| format!("cannot write {}", output.display()))?;
                n
            };
            progress.finish();
            if !args.quiet && !to_stdout {
                eprintln!("exported {n} elements to {}", output.display());
            }
        }
    }
    Ok(0)
}
