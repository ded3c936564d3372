//! `prosopo query`: run a Cypher query (text or file) and print its result.

use super::args::{Args, QueryArgs, QueryFormat};
use super::open;
use crate::query::{self, params, Limits, Options};
use crate::render::results;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// The options a `query` or `shell` run uses.
pub fn options(
    params_list: &[String],
    params_json: Option<&str>,
    timeout: f64,
    max_rows: usize,
    write: bool,
) -> Result<Options> {
    let mut params = match params_json {
        Some(j) => params::parse_params(j).map_err(anyhow::Error::msg)?,
        None => Default::default(),
    };
    for p in params_list {
        let (k, v) = params::parse_param(p).map_err(anyhow::Error::msg)?;
        params.insert(k, v);
    }
    if !(timeout > 0.0 && timeout.is_finite()) {
        bail!("--timeout must be a positive number of seconds");
    }
    if max_rows == 0 {
        bail!("--max-rows must be at least 1");
    }
    Ok(Options {
        params,
        limits: Limits {
            timeout: Duration::from_secs_f64(timeout),
            max_rows,
            ..Limits::default()
        },
        write,
        // `prosopo query` ends when its statements are done.
        exit_after: true,
    })
}

/// An interrupt flag set by Ctrl-C.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    // The handler only sets the flag: no thread is started for it (a
    // fresh process per question would pay for one).
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag.clone());
    flag
}

/// Renders a result in a format.
pub fn render(r: &query::QueryResult, format: QueryFormat) -> Result<String> {
    Ok(match format {
        QueryFormat::Table => results::to_table(r),
        QueryFormat::Json => format!("{}\n", results::to_json(r)),
        QueryFormat::Csv => results::to_csv(r)?,
        QueryFormat::Dot => results::to_dot(r),
    })
}

/// Runs `query`.
pub fn run(args: &Args, a: &QueryArgs) -> Result<i32> {
    let (text, from_file) = match (&a.text, &a.file) {
        (Some(t), None) => (t.clone(), false),
        (None, Some(f)) if f.as_os_str() == "-" => {
            (std::io::read_to_string(std::io::stdin())?, true)
        }
        (None, Some(f)) => (
            std::fs::read_to_string(f)
                .with_context(|| format!("cannot read query file {}", f.display()))?,
            true,
        ),
        (Some(_), Some(_)) => bail!("give the query as TEXT or with -f FILE, not both"),
        (None, None) => {
            bail!("give a query: prosopo query \"MATCH (p:Person) RETURN p.name\" or -f FILE")
        }
    };
    let mut opts = options(
        &a.param,
        a.params.as_deref(),
        a.timeout,
        a.max_rows,
        a.write || !from_file,
    )?;
    opts.limits.interrupt = Some(interrupt_flag());
    let db = open::open(args)?;
    let result = query::run(&db, &text, &opts)?;
    let mut out = std::io::stdout().lock();
    out.write_all(render(&result, a.format)?.as_bytes())?;
    out.flush()?;
    if let Some(r) = result.report {
        if !args.quiet {
            eprintln!(
                "wrote: {} created, {} updated, {} deleted, {} unchanged ({} derived accusations)",
                r.created, r.updated, r.deleted, r.unchanged, r.derived
            );
        }
    }
    Ok(0)
}
