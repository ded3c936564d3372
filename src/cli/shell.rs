//! `prosopo shell`: an interactive query session.
//!
//! On a terminal, lines are read with `rustyline` (line editing, persistent
//! history in `$XDG_STATE_HOME/prosopo/history` or `~/.prosopo_history`);
//! otherwise statements are read from stdin without prompts, so
//! `echo 'MATCH (n) RETURN count(*);' | prosopo shell` works. Statements end
//! with `;` (found by the query lexer, so a `;` inside a string or comment
//! does not end one) and may span lines; lines starting with `:` are shell
//! commands. An error is printed and the session goes on; a failed statement
//! changes nothing, since a write commits at its end or not at all.

use super::args::{Args, QueryFormat};
use super::open;
use super::query::{interrupt_flag, render};
use crate::db::Database;
use crate::query::lexer::{self, TokenKind};
use crate::query::{self, params, Limits, Options, QueryError, Val};
use crate::render::results::val_json;
use anyhow::{bail, Result};
use clap::ValueEnum;
use rustyline::error::ReadlineError;
use rustyline::{Config, DefaultEditor};
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const HELP: &str = "\
Statements are Cypher and end with ';' (they may span lines).
Commands:
  :help                          this text
  :format [table|json|csv|dot]   show or set the output format
  :params                        show the parameters (as JSON)
  :param NAME=VALUE              set $NAME (a number when it parses as one, else a string)
  :params {\"name\": value, ...}   set several parameters with JSON types
  :params clear                  remove all parameters
  :timeout [S]                   show or set the time limit of a statement, in seconds
  :quit, :exit, Ctrl-D           end the session
Ctrl-C stops a running statement, or clears the current input at the prompt.
A statement that fails changes nothing.";

const PROMPT: &str = "prosopo> ";
const CONTINUE: &str = "      -> ";

/// Runs `shell` until `:quit` or the end of input. Interactive sessions
/// exit 0; with piped input the exit code is 1 when a statement failed and
/// 130 when one was interrupted (which ends the run).
pub fn run(args: &Args) -> Result<i32> {
    let db = open::open(args)?;
    let mut input = Lines::open();
    let mut session = Session {
        db: &db,
        quiet: args.quiet,
        format: QueryFormat::Table,
        params: BTreeMap::new(),
        timeout: 30.0,
        interrupt: interrupt_flag(),
        failed: false,
    };
    if input.interactive() {
        eprintln!("prosopo shell: statements end with ';', :help for commands, Ctrl-D to quit");
    }
    let mut buffer = String::new();
    let mut entry: Vec<String> = Vec::new();
    loop {
        let prompt = if buffer.is_empty() { PROMPT } else { CONTINUE };
        let line = match input.read(prompt)? {
            Input::Line(line) => line,
            Input::Interrupted => {
                buffer.clear();
                entry.clear();
                continue;
            }
            Input::Eof => break,
        };
        if buffer.is_empty() && line.trim_start().starts_with(':') {
            input.remember(&[line.trim().to_string()]);
            match session.command(line.trim()) {
                Ok(Flow::Go) => continue,
                Ok(Flow::Quit) => return Ok(0),
                Err(e) => {
                    eprintln!("error: {e:#}");
                    continue;
                }
            }
        }
        if buffer.is_empty() && blank(&line) {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        entry.push(line);
        let statements = take_statements(&mut buffer);
        if buffer.is_empty() {
            input.remember(&std::mem::take(&mut entry));
        }
        for text in statements {
            match session.statement(&text) {
                Flow::Go => {}
                Flow::Quit => return Ok(0),
            }
            if session.interrupted() && !input.interactive() {
                return Ok(130);
            }
        }
    }
    if !blank(&buffer) {
        input.remember(&entry);
        if session.statement(&buffer) == Flow::Quit {
            return Ok(0);
        }
    }
    if input.interactive() {
        eprintln!();
    }
    Ok(if session.interrupted() && !input.interactive() {
        130
    } else if session.failed && !input.interactive() {
        1
    } else {
        0
    })
}

/// Takes the complete statements (each up to its `;`) off the front of
/// `buffer`, leaving an unfinished one there. Text the lexer cannot read
/// yet (an open string or comment) is a statement once a line ends with `;`,
/// so its error is reported.
fn take_statements(buffer: &mut String) -> Vec<String> {
    let Ok(tokens) = lexer::tokenize(buffer) else {
        return if buffer.trim_end().ends_with(';') {
            vec![std::mem::take(buffer)]
        } else {
            Vec::new()
        };
    };
    let mut statements = Vec::new();
    let mut start = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Semicolon) {
        statements.push(buffer[start..t.span.end].to_string());
        start = t.span.end;
    }
    let rest = &buffer[start..];
    *buffer = if blank(rest) {
        String::new()
    } else {
        rest.to_string()
    };
    statements
}

/// Whether `text` holds nothing but whitespace and comments.
fn blank(text: &str) -> bool {
    text.trim().is_empty()
        || lexer::tokenize(text).is_ok_and(|t| t.iter().all(|t| t.kind == TokenKind::Eof))
}

/// Whether the session goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Go,
    Quit,
}

/// The settings and state of a session.
struct Session<'a> {
    db: &'a Database,
    quiet: bool,
    format: QueryFormat,
    params: BTreeMap<String, Val>,
    timeout: f64,
    interrupt: Arc<AtomicBool>,
    failed: bool,
}

impl Session<'_> {
    /// Runs a `:command`.
    fn command(&mut self, line: &str) -> Result<Flow> {
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        match (name, rest) {
            (":quit" | ":exit" | ":q", _) => return Ok(Flow::Quit),
            (":help" | ":h" | ":?", _) => println!("{HELP}"),
            (":format", "") => println!("{}", format_name(self.format)),
            (":format", f) => {
                self.format = QueryFormat::from_str(f, true).map_err(|_| {
                    anyhow::anyhow!("unknown format '{f}': use table, json, csv or dot")
                })?;
            }
            (":params" | ":param", "") => println!("{}", self.params_json()),
            (":params", "clear") => self.params.clear(),
            (":params", json) if json.starts_with('{') => {
                let more = params::parse_params(json).map_err(anyhow::Error::msg)?;
                self.params.extend(more);
            }
            (":param" | ":params", p) => {
                let (k, v) = params::parse_param(p).map_err(anyhow::Error::msg)?;
                self.params.insert(k, v);
            }
            (":timeout", "") => println!("{} s", self.timeout),
            (":timeout", s) => match s.trim_end_matches('s').trim().parse::<f64>() {
                Ok(t) if t > 0.0 && t.is_finite() => self.timeout = t,
                _ => bail!("':timeout {s}': give a positive number of seconds"),
            },
            _ => bail!("unknown command '{name}': :help lists the commands"),
        }
        Ok(Flow::Go)
    }

    /// The parameters as one JSON object (what `:params {...}` takes).
    fn params_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.params
                .iter()
                .map(|(k, v)| (k.clone(), val_json(v)))
                .collect(),
        )
    }

    /// Whether the last statement was stopped by Ctrl-C.
    fn interrupted(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed)
    }

    /// Runs one statement and prints its result or its error. Quits only
    /// when stdout is closed.
    fn statement(&mut self, text: &str) -> Flow {
        self.interrupt.store(false, Ordering::Relaxed);
        let opts = Options {
            params: self.params.clone(),
            limits: Limits {
                timeout: Duration::from_secs_f64(self.timeout),
                interrupt: Some(self.interrupt.clone()),
                ..Limits::default()
            },
            write: true,
            exit_after: false,
        };
        let result = match query::run(self.db, text, &opts) {
            Ok(r) => r,
            Err(e) => {
                self.failed = true;
                if !matches!(e, QueryError::Interrupted) {
                    self.interrupt.store(false, Ordering::Relaxed);
                }
                eprintln!("error: {e}");
                return Flow::Go;
            }
        };
        let shown = render(&result, self.format).and_then(|s| {
            let mut out = std::io::stdout().lock();
            out.write_all(s.as_bytes())?;
            Ok(out.flush()?)
        });
        if let Err(e) = shown {
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return Flow::Quit;
            }
            self.failed = true;
            eprintln!("error: {e:#}");
        }
        if let (Some(r), false) = (result.report, self.quiet) {
            eprintln!(
                "wrote: {} created, {} updated, {} deleted, {} unchanged ({} derived accusations)",
                r.created, r.updated, r.deleted, r.unchanged, r.derived
            );
        }
        Flow::Go
    }
}

/// The name of a format, as `:format` takes it.
fn format_name(f: QueryFormat) -> String {
    f.to_possible_value()
        .map_or_else(|| format!("{f:?}"), |v| v.get_name().to_string())
}

/// What reading a line gave.
enum Input {
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    Eof,
}

/// Where lines come from: a terminal with line editing, or a pipe.
enum Lines {
    Terminal {
        editor: Box<DefaultEditor>,
        history: Option<PathBuf>,
    },
    Pipe(std::io::StdinLock<'static>),
}

impl Lines {
    /// A line editor when stdin is a terminal (and one can be set up).
    fn open() -> Lines {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            let config = Config::builder()
                .max_history_size(10_000)
                .map(|b| b.auto_add_history(false).build());
            if let Ok(mut editor) = config.and_then(DefaultEditor::with_config) {
                let history = history_file();
                if let Some(path) = &history {
                    let _ = editor.load_history(path);
                }
                return Lines::Terminal {
                    editor: Box::new(editor),
                    history,
                };
            }
        }
        Lines::Pipe(stdin.lock())
    }

    fn interactive(&self) -> bool {
        matches!(self, Lines::Terminal { .. })
    }

    /// Reads a line (without its line break).
    fn read(&mut self, prompt: &str) -> Result<Input> {
        match self {
            Lines::Terminal { editor, .. } => match editor.readline(prompt) {
                Ok(line) => Ok(Input::Line(line)),
                Err(ReadlineError::Interrupted) => Ok(Input::Interrupted),
                Err(ReadlineError::Eof) => Ok(Input::Eof),
                Err(e) => Err(e.into()),
            },
            Lines::Pipe(stdin) => {
                let mut line = String::new();
                if stdin.read_line(&mut line)? == 0 {
                    return Ok(Input::Eof);
                }
                let line = line.strip_suffix('\n').unwrap_or(&line);
                Ok(Input::Line(line.strip_suffix('\r').unwrap_or(line).into()))
            }
        }
    }

    /// Adds an entry (the lines of one statement or a command) to the
    /// history and saves it; a history that cannot be written is ignored.
    fn remember(&mut self, lines: &[String]) {
        let Lines::Terminal { editor, history } = self else {
            return;
        };
        if lines.is_empty() {
            return;
        }
        if lines.iter().any(|l| l.contains("//")) {
            for l in lines {
                let _ = editor.add_history_entry(l.as_str());
            }
        } else {
            let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
            let _ = editor.add_history_entry(joined.join(" "));
        }
        if let Some(path) = history {
            let _ = editor.save_history(path);
        }
    }
}

/// `$XDG_STATE_HOME/prosopo/history` (its directory created as needed), or
/// `~/.prosopo_history`; `None` when neither can be used.
fn history_file() -> Option<PathBuf> {
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(state) = nonempty("XDG_STATE_HOME") {
        let dir = PathBuf::from(state).join("prosopo");
        if std::fs::create_dir_all(&dir).is_ok() {
            return Some(dir.join("history"));
        }
    }
    nonempty("HOME").map(|home| PathBuf::from(home).join(".prosopo_history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(text: &str) -> (Vec<String>, String) {
        let mut buffer = text.to_string();
        let s = take_statements(&mut buffer);
        (s, buffer)
    }

    #[test]
    fn statements_end_at_semicolons_outside_strings_and_comments() {
        assert_eq!(
            take("RETURN 1; RETURN 'a;b';\n"),
            (
                vec!["RETURN 1;".into(), " RETURN 'a;b';".into()],
                String::new()
            )
        );
        assert_eq!(
            take("MATCH (n) // not the end;\n"),
            (vec![], "MATCH (n) // not the end;\n".into())
        );
        assert_eq!(
            take("RETURN 1; MATCH (n)\n"),
            (vec!["RETURN 1;".into()], " MATCH (n)\n".into())
        );
    }

    #[test]
    fn unreadable_text_is_a_statement_once_a_line_ends_with_semicolon() {
        assert_eq!(take("RETURN 'open\n"), (vec![], "RETURN 'open\n".into()));
        assert_eq!(
            take("RETURN 'open;\n"),
            (vec!["RETURN 'open;\n".into()], String::new())
        );
    }

    #[test]
    fn comments_alone_are_blank() {
        assert!(blank("  // a comment\n/* and another */ "));
        assert!(!blank("RETURN 1"));
    }
}
