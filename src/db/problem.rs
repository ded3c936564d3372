//! Problems found in data: where (file, line, element, field) and what.

use std::fmt;
use std::sync::Arc;

/// Where an element came from: a file (or `add`, `query`) and a line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// File path, or a word such as `add` for the command line (shared by
    /// every element of a file).
    pub file: Arc<str>,
    /// 1-based line, when known.
    pub line: Option<usize>,
}

impl Origin {
    /// An origin with a file and a line.
    pub fn at(file: impl Into<Arc<str>>, line: usize) -> Origin {
        Origin {
            file: file.into(),
            line: Some(line),
        }
    }

    /// An origin without a line.
    pub fn of(file: impl Into<Arc<str>>) -> Origin {
        Origin {
            file: file.into(),
            line: None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.file, line),
            None => f.write_str(&self.file),
        }
    }
}

/// One problem with the data: bad input never half-lands, so problems are
/// collected and reported together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the offending element came from.
    pub origin: Option<Origin>,
    /// The element's id, when it has one.
    pub element: Option<String>,
    /// The offending field or property.
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A problem with only a message.
    pub fn new(message: impl Into<String>) -> Problem {
        Problem {
            origin: None,
            element: None,
            field: None,
            message: message.into(),
        }
    }

    /// Sets the origin.
    pub fn origin(mut self, origin: Option<&Origin>) -> Problem {
        self.origin = origin.cloned();
        self
    }

    /// Sets the element id.
    pub fn element(mut self, id: &str) -> Problem {
        if !id.is_empty() {
            self.element = Some(id.to_string());
        }
        self
    }

    /// Sets the field.
    pub fn field(mut self, field: &str) -> Problem {
        self.field = Some(field.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(o) = &self.origin {
            write!(f, "{o}: ")?;
        }
        if let Some(e) = &self.element {
            write!(f, "'{e}': ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field '{field}': ")?;
        }
        f.write_str(&self.message)
    }
}

/// The problems that stopped a write; nothing was written.
#[derive(thiserror::Error, Debug)]
pub struct DataError(pub Vec<Problem>);

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "\n{n} problem{}; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}
