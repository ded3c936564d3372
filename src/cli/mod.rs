//! The command-line interface: argument definitions, one file per command,
//! and the mapping of errors to exit codes.

pub mod add;
pub mod args;
pub mod check;
pub mod date;
pub mod diagram;
pub mod export;
pub mod generate;
pub mod import;
pub mod merge;
pub mod open;
pub mod progress;
pub mod query;
pub mod shell;
pub mod show;
pub mod stats;
pub mod upgrade;

pub use args::Args;
use args::Command;
use clap::{CommandFactory, Parser};

/// Runs prosopo with the process arguments; returns the exit code.
pub fn main() -> i32 {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return 0;
            }
            eprintln!("error: {e:#}");
            1
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs one parsed command; returns the exit code.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    match &args.command {
        Command::Import(a) => import::run(args, a),
        Command::Add(a) => add::run(args, a),
        Command::Query(a) => query::run(args, a),
        Command::Graph(a) => diagram::graph(args, a),
        Command::Timeline(a) => diagram::timeline(args, a),
        Command::Show { target } => show::run(args, target),
        Command::Date { exprs, format } => date::run(exprs, *format),
        Command::Export { format, output } => export::run(args, *format, output),
        Command::Check { repair } => check::run(args, *repair),
        Command::Stats => stats::run(args),
        Command::Duplicates { min } => merge::duplicates(args, *min),
        Command::Merge {
            from,
            into,
            dry_run,
        } => merge::merge(args, from, into, *dry_run),
        Command::Shell => shell::run(args),
        Command::Upgrade => upgrade::run(args),
        Command::Generate(a) => generate::run(args, a),
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Args::command(),
                "prosopo",
                &mut std::io::stdout(),
            );
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definitions_are_consistent() {
        Args::command().debug_assert();
    }
}
