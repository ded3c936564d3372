//! Errors of running a query (syntax errors are in [`super::error`]).

use super::error::SyntaxError;

/// What stops a query.
#[derive(thiserror::Error, Debug)]
#[non_exhaustive]
pub enum QueryError {
    /// The text does not parse; `rendered` shows the line and a caret.
    #[error("{rendered}")]
    Syntax {
        /// The error.
        error: SyntaxError,
        /// The message with the source line and a caret.
        rendered: String,
    },
    /// A variable, function or construct the query cannot use, with a position when known.
    #[error("{0}")]
    Semantic(String),
    /// A value of the wrong type at run time.
    #[error("type error: {0}")]
    Type(String),
    /// The query ran past its time limit.
    #[error("query stopped after {0} s (--timeout): give it a start (an id, a name, a label) or bound its * patterns")]
    Timeout(f64),
    /// The query was interrupted (Ctrl-C).
    #[error("query interrupted")]
    Interrupted,
    /// Too many rows in flight.
    #[error("query stopped: more than {0} rows in flight; add LIMIT, a start node, or bound its * patterns (or raise the limit: prosopo query --max-rows N)")]
    TooManyRows(usize),
    /// A write in a read-only run.
    #[error("this query writes ({0}); saved queries run read-only: add --write to allow it")]
    ReadOnly(String),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The written data is invalid; nothing was written.
    #[error(transparent)]
    Data(#[from] crate::db::DataError),
}

impl From<crate::db::DbError> for QueryError {
    fn from(e: crate::db::DbError) -> QueryError {
        match e {
            crate::db::DbError::Data(d) => QueryError::Data(d),
            crate::db::DbError::Store(s) => QueryError::Store(s),
        }
    }
}

/// Result of query evaluation.
pub type QResult<T> = Result<T, QueryError>;

/// A semantic error that points at the first whole-word occurrence of
/// `word` in `source` (line, column and a caret), when there is one.
pub fn at_word(source: &str, word: &str, message: String) -> QueryError {
    for (i, line) in source.lines().enumerate() {
        let mut start = 0;
        while let Some(pos) = line[start..].find(word) {
            let at = start + pos;
            let before = line[..at].chars().next_back();
            let after = line[at + word.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !ident(before) && !ident(after) {
                let column = line[..at].chars().count() + 1;
                let caret = format!(
                    "{}{}",
                    " ".repeat(column - 1),
                    "^".repeat(word.chars().count().max(1))
                );
                return QueryError::Semantic(format!(
                    "{message} at line {}, column {column}\n  {line}\n  {caret}",
                    i + 1
                ));
            }
            start = at + word.len().max(1);
        }
    }
    QueryError::Semantic(message)
}
