//! `prosopo generate`: write a synthetic purge archive as JSONL.

use super::args::{Args, GenerateArgs};
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};

/// Runs `generate`.
pub fn run(args: &Args, a: &GenerateArgs) -> Result<i32> {
    let start = std::time::Instant::now();
    let summary = if a.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        crate::generate::generate(a.persons, a.seed, BufWriter::new(stdout.lock()))?
    } else {
        let file = std::fs::File::create(&a.output)
            .with_context(|| format!("cannot create {}", a.output.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let s = crate::generate::generate(a.persons, a.seed, &mut out)
            .with_context(|| format!("cannot write {}", a.output.display()))?;
        out.flush()?;
        s
    };
    if !args.quiet {
        eprintln!(
            "generated {} persons: {} nodes, {} relationships, {} accusations (an import derives {} ACCUSED) in {:.2?}",
            a.persons,
            summary.nodes,
            summary.rels,
            summary.accusations,
            summary.derived,
            start.elapsed()
        );
    }
    Ok(0)
}
