//! Syntax errors reported by the lexer and the parser, with a renderer that
//! shows the offending source line and a caret under the offending token.

use crate::query::lexer;

/// A syntax error at a 1-based line and column (columns count characters,
/// not bytes).
///
/// `Display` gives `"<message> at line L, column C"`; [`SyntaxError::render`]
/// adds the source line and a caret marker.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
#[error("{message} at line {line}, column {column}")]
pub struct SyntaxError {
    /// What went wrong, e.g. `expected ')' but found 'RETURN'`.
    pub message: String,
    /// 1-based line of the offending token.
    pub line: usize,
    /// 1-based column (in characters) of the offending token.
    pub column: usize,
}

impl SyntaxError {
    /// Creates an error at the given 1-based position.
    pub fn new(message: impl Into<String>, line: usize, column: usize) -> Self {
        SyntaxError {
            message: message.into(),
            line,
            column,
        }
    }

    /// Renders the error together with the offending source line and a caret
    /// marker under the offending token, e.g.
    ///
    /// ```text
    /// expected ')' but found 'RETURN' at line 1, column 17
    ///   MATCH (a:Person RETURN a
    ///                   ^^^^^^
    /// ```
    ///
    /// If the position lies outside `source` only the first line is returned.
    pub fn render(&self, source: &str) -> String {
        let header = self.to_string();
        let Some(text) = source.split('\n').nth(self.line.saturating_sub(1)) else {
            return header;
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        let col = self.column.max(1);
        let prefix: String = text
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let rest: String = text.chars().skip(col - 1).collect();
        let width = lexer::token_width(&rest).max(1);
        format!("{header}\n  {text}\n  {prefix}{}", "^".repeat(width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_render() {
        let src = "MATCH (a:Person RETURN a";
        let e = SyntaxError::new("expected ')' but found 'RETURN'", 1, 17);
        assert_eq!(
            e.to_string(),
            "expected ')' but found 'RETURN' at line 1, column 17"
        );
        assert_eq!(
            e.render(src),
            "expected ')' but found 'RETURN' at line 1, column 17\n  MATCH (a:Person RETURN a\n                  ^^^^^^"
        );
    }

    #[test]
    fn render_at_end_of_input_and_second_line() {
        let src = "MATCH (a)\nRETURN";
        let e = SyntaxError::new("expected an expression but found end of input", 2, 7);
        assert_eq!(
            e.render(src),
            "expected an expression but found end of input at line 2, column 7\n  RETURN\n        ^"
        );
        let outside = SyntaxError::new("x", 9, 1);
        assert_eq!(outside.render(src), "x at line 9, column 1");
    }

    #[test]
    fn render_keeps_tabs_aligned() {
        let e = SyntaxError::new("bad", 1, 3);
        assert_eq!(
            e.render("\t\t'abc"),
            "bad at line 1, column 3\n  \t\t'abc\n  \t\t^"
        );
    }
}
