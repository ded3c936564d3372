//! `prosopo shell`: an interactive query session.

use super::args::{Args, QueryFormat};
use super::open;
use super::query::{options, render};
use crate::query;
use anyhow::Result;
use std::io::{BufRead, Write};

/// Runs `shell`: statements end with `;`; errors do not end the session.
pub fn run(args: &Args) -> Result<i32> {
    let db = open::open(args)?;
    let opts = options(&[], None, 30.0, true)?;
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    for line in stdin.lock().lines() {
        let line = line?;
        buffer.push_str(&line);
        buffer.push('\n');
        if !line.trim_end().ends_with(';') {
            continue;
        }
        let text = std::mem::take(&mut buffer);
        match query::run(&db, text.trim().trim_end_matches(';'), &opts) {
            Ok(r) => print!("{}", render(&r, QueryFormat::Table)?),
            Err(e) => eprintln!("error: {e}"),
        }
        std::io::stdout().flush()?;
    }
    Ok(0)
}
