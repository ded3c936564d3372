//! The parse error type.

/// An EDTF parse error: a message and the 1-based character column in the
/// original input (leading whitespace counts) where the problem was found.
///
/// Displays as `"{message} at column {column}"`, e.g.
/// `invalid month 13 at column 6` for `1931-13`.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("{message} at column {column}")]
pub struct DateError {
    /// What is wrong.
    pub message: String,
    /// 1-based character (not byte) column.
    pub column: usize,
}

impl DateError {
    /// Creates an error.
    pub fn new(message: impl Into<String>, column: usize) -> DateError {
        DateError {
            message: message.into(),
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        assert_eq!(
            DateError::new("invalid month 13", 6).to_string(),
            "invalid month 13 at column 6"
        );
    }
}
