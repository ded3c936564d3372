//! Lexer for the Cypher subset: turns source text into [`Token`]s carrying
//! their byte span and 1-based line and column.
//!
//! Keywords are not distinguished from identifiers here; the parser compares
//! [`TokenKind::Ident`] text case-insensitively. Comments (`//` and `/* */`)
//! and whitespace are skipped.

use crate::query::error::SyntaxError;

/// The kind (and payload) of a token.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// A bare identifier or keyword, as written.
    Ident(String),
    /// A backtick-quoted identifier, unescaped (never a keyword).
    QuotedIdent(String),
    /// An unsigned integer literal (decimal, `0x` hex or `0o` octal).
    Integer(u64),
    /// A float literal such as `1.5`, `1e3` or `.5`.
    Float(f64),
    /// A string literal, unescaped.
    Str(String),
    /// A parameter `$name` or `$0`, without the `$`.
    Param(String),
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `,`
    Comma,
    /// `.`
    Dot,
    /// `..`
    DotDot,
    /// `:`
    Colon,
    /// `;`
    Semicolon,
    /// `|`
    Pipe,
    /// `+`
    Plus,
    /// `+=`
    PlusEq,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `^`
    Caret,
    /// `=`
    Eq,
    /// `<>`
    Neq,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `=~`
    RegexMatch,
    /// End of input (always the last token).
    Eof,
}

/// Where a token sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column (in characters) of the first character.
    pub column: usize,
}

/// A token with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Words that cannot be used as unquoted variable or function names
/// (they may still be used as labels, relationship types and property keys).
pub const RESERVED: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "ASCENDING",
    "BY",
    "CASE",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "ELSE",
    "END",
    "ENDS",
    "FALSE",
    "IN",
    "IS",
    "LIMIT",
    "MATCH",
    "MERGE",
    "NOT",
    "NULL",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "REMOVE",
    "RETURN",
    "SET",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNWIND",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
];

/// Whether `word` is a reserved keyword (case-insensitive).
pub fn is_reserved(word: &str) -> bool {
    RESERVED.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Whether `c` may start a bare identifier.
pub fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Whether `c` may continue a bare identifier.
pub fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `name` can be written without backticks (ignoring keywords).
pub fn is_plain_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if is_ident_start(c)) && chars.all(is_ident_continue)
}

/// Splits `source` into tokens, ending with [`TokenKind::Eof`].
pub fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut lexer = Lexer::new(source);
    let mut tokens = Vec::new();
    loop {
        let mut token = lexer.next_token()?;
        let done = token.kind == TokenKind::Eof;
        if done {
            token.span = eof_span(source, tokens.last());
        }
        tokens.push(token);
        if done {
            return Ok(tokens);
        }
    }
}

/// Where end of input is reported: just after the last token (not after
/// trailing blank lines), or at line 1, column 1 when there is none.
fn eof_span(source: &str, last: Option<&Token>) -> Span {
    let Some(t) = last else {
        return Span {
            start: source.len(),
            end: source.len(),
            line: 1,
            column: 1,
        };
    };
    let text = &source[t.span.start..t.span.end];
    let (line, column) = match text.rfind('\n') {
        Some(i) => (
            t.span.line + text.matches('\n').count(),
            text[i + 1..].chars().count() + 1,
        ),
        None => (t.span.line, t.span.column + text.chars().count()),
    };
    Span {
        start: t.span.end,
        end: t.span.end,
        line,
        column,
    }
}

/// Width in characters of the first token of `text` (used to underline it in
/// error messages); 1 if `text` does not start with a valid token.
pub fn token_width(text: &str) -> usize {
    let mut lexer = Lexer::new(text);
    match lexer.next_token() {
        Ok(t) if t.kind != TokenKind::Eof && t.span.start == 0 => text[..t.span.end]
            .split('\n')
            .next()
            .map_or(1, |s| s.chars().count()),
        _ => 1,
    }
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn error(&self, message: impl Into<String>, line: usize, column: usize) -> SyntaxError {
        SyntaxError::new(message, line, column)
    }

    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let (line, column) = (self.line, self.column);
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            None => {
                                return Err(self.error(
                                    "unterminated comment starting",
                                    line,
                                    column,
                                ))
                            }
                            Some('*') if self.peek() == Some('/') => {
                                self.bump();
                                break;
                            }
                            Some(_) => {}
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn next_token(&mut self) -> Result<Token, SyntaxError> {
        self.skip_trivia()?;
        let (start, line, column) = (self.pos, self.line, self.column);
        let kind = self.scan(line, column)?;
        Ok(Token {
            kind,
            span: Span {
                start,
                end: self.pos,
                line,
                column,
            },
        })
    }

    fn scan(&mut self, line: usize, column: usize) -> Result<TokenKind, SyntaxError> {
        use TokenKind::*;
        let Some(c) = self.peek() else {
            return Ok(Eof);
        };
        if is_ident_start(c) {
            let start = self.pos;
            while self.peek().is_some_and(is_ident_continue) {
                self.bump();
            }
            return Ok(Ident(self.src[start..self.pos].to_string()));
        }
        if c.is_ascii_digit() || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) {
            return self.number(line, column);
        }
        match c {
            '\'' | '"' => return self.string(c, line, column).map(Str),
            '`' => return self.quoted_ident(line, column).map(QuotedIdent),
            '$' => {
                self.bump();
                return match self.peek() {
                    Some('`') => {
                        let (l, c) = (self.line, self.column);
                        self.quoted_ident(l, c).map(Param)
                    }
                    Some(c) if is_ident_continue(c) => {
                        let start = self.pos;
                        while self.peek().is_some_and(is_ident_continue) {
                            self.bump();
                        }
                        Ok(Param(self.src[start..self.pos].to_string()))
                    }
                    _ => Err(self.error("expected a parameter name after '$'", line, column)),
                };
            }
            _ => {}
        }
        self.bump();
        let next = self.peek();
        let two = |lexer: &mut Self, kind: TokenKind| {
            lexer.bump();
            Ok(kind)
        };
        match (c, next) {
            ('.', Some('.')) => two(self, DotDot),
            ('+', Some('=')) => two(self, PlusEq),
            ('=', Some('~')) => two(self, RegexMatch),
            ('<', Some('>')) => two(self, Neq),
            ('<', Some('=')) => two(self, Le),
            ('>', Some('=')) => two(self, Ge),
            ('(', _) => Ok(LParen),
            (')', _) => Ok(RParen),
            ('[', _) => Ok(LBracket),
            (']', _) => Ok(RBracket),
            ('{', _) => Ok(LBrace),
            ('}', _) => Ok(RBrace),
            (',', _) => Ok(Comma),
            ('.', _) => Ok(Dot),
            (':', _) => Ok(Colon),
            (';', _) => Ok(Semicolon),
            ('|', _) => Ok(Pipe),
            ('+', _) => Ok(Plus),
            ('-', _) => Ok(Minus),
            ('*', _) => Ok(Star),
            ('/', _) => Ok(Slash),
            ('%', _) => Ok(Percent),
            ('^', _) => Ok(Caret),
            ('=', _) => Ok(Eq),
            ('<', _) => Ok(Lt),
            ('>', _) => Ok(Gt),
            ('!', Some('=')) => Err(self.error("'!=' is not an operator; use '<>'", line, column)),
            _ => Err(self.error(format!("unexpected character '{c}'"), line, column)),
        }
    }

    fn digits(&mut self, radix: u32) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_digit(radix)) {
            self.bump();
        }
        &self.src[start..self.pos]
    }

    fn number(&mut self, line: usize, column: usize) -> Result<TokenKind, SyntaxError> {
        let start = self.pos;
        let too_large = || SyntaxError::new("integer literal is too large", line, column);
        let radix = match (self.peek(), self.peek_at(1)) {
            (Some('0'), Some('x' | 'X')) => 16,
            (Some('0'), Some('o' | 'O')) => 8,
            _ => 10,
        };
        let kind = if radix != 10 {
            self.bump();
            self.bump();
            let digits = self.digits(radix);
            if digits.is_empty() {
                return Err(self.error("invalid number literal", line, column));
            }
            TokenKind::Integer(u64::from_str_radix(digits, radix).map_err(|_| too_large())?)
        } else {
            let mut float = false;
            self.digits(10);
            if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
                float = true;
                self.bump();
                self.digits(10);
            }
            if matches!(self.peek(), Some('e' | 'E')) {
                let sign = matches!(self.peek_at(1), Some('+' | '-'));
                let digit_at = if sign { 2 } else { 1 };
                if self.peek_at(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                    float = true;
                    for _ in 0..digit_at {
                        self.bump();
                    }
                    self.digits(10);
                }
            }
            let text = &self.src[start..self.pos];
            if float {
                let value: f64 = text
                    .parse()
                    .map_err(|_| self.error("invalid number literal", line, column))?;
                if !value.is_finite() {
                    return Err(self.error("float literal is too large", line, column));
                }
                TokenKind::Float(value)
            } else {
                TokenKind::Integer(text.parse().map_err(|_| too_large())?)
            }
        };
        if self.peek().is_some_and(is_ident_continue) {
            return Err(self.error("invalid number literal", line, column));
        }
        Ok(kind)
    }

    fn string(&mut self, quote: char, line: usize, column: usize) -> Result<String, SyntaxError> {
        self.bump();
        let mut out = String::new();
        loop {
            let (esc_line, esc_column) = (self.line, self.column);
            match self.bump() {
                None => return Err(self.error("unterminated string starting", line, column)),
                Some(c) if c == quote => return Ok(out),
                Some('\\') => {
                    let c = self
                        .bump()
                        .ok_or_else(|| self.error("unterminated string starting", line, column))?;
                    let simple = match c {
                        '\'' => Some('\''),
                        '"' => Some('"'),
                        '\\' => Some('\\'),
                        '/' => Some('/'),
                        'n' => Some('\n'),
                        't' => Some('\t'),
                        'r' => Some('\r'),
                        'b' => Some('\u{8}'),
                        'f' => Some('\u{c}'),
                        _ => None,
                    };
                    if let Some(s) = simple {
                        out.push(s);
                        continue;
                    }
                    let len = match c {
                        'u' => 4,
                        'U' => 8,
                        _ => {
                            return Err(self.error(
                                format!("invalid escape sequence '\\{c}'"),
                                esc_line,
                                esc_column,
                            ))
                        }
                    };
                    let hex: String = (0..len).filter_map(|i| self.peek_at(i)).collect();
                    let ch = (hex.len() == len && hex.chars().all(|h| h.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(&hex, 16).ok())
                        .flatten()
                        .and_then(char::from_u32);
                    match ch {
                        Some(ch) => {
                            out.push(ch);
                            for _ in 0..len {
                                self.bump();
                            }
                        }
                        None => {
                            return Err(self.error(
                                format!("invalid unicode escape '\\{c}{hex}'"),
                                esc_line,
                                esc_column,
                            ))
                        }
                    }
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn quoted_ident(&mut self, line: usize, column: usize) -> Result<String, SyntaxError> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(self.error("unterminated quoted identifier starting", line, column))
                }
                Some('`') if self.peek() == Some('`') => {
                    self.bump();
                    out.push('`');
                }
                Some('`') if out.is_empty() => {
                    return Err(self.error("empty quoted identifier", line, column))
                }
                Some('`') => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TokenKind::*;
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokenize(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    fn err(src: &str) -> String {
        tokenize(src).unwrap_err().to_string()
    }

    #[test]
    fn punctuation_and_operators() {
        assert_eq!(
            kinds("( ) [ ] { } , . .. : ; | + += - * / % ^ = <> < > <= >= =~"),
            vec![
                LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Dot, DotDot, Colon,
                Semicolon, Pipe, Plus, PlusEq, Minus, Star, Slash, Percent, Caret, Eq, Neq, Lt, Gt,
                Le, Ge, RegexMatch, Eof
            ]
        );
        assert_eq!(
            kinds("<-->"),
            vec![Lt, Minus, Minus, Gt, Eof],
            "arrows are split into single-character tokens"
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("42 0x1F 0o17 1.5 1e3 1E-3 .5 2.5e+2"),
            vec![
                Integer(42),
                Integer(31),
                Integer(15),
                Float(1.5),
                Float(1000.0),
                Float(0.001),
                Float(0.5),
                Float(250.0),
                Eof
            ]
        );
        assert_eq!(
            kinds("1..3 x.y"),
            vec![
                Integer(1),
                DotDot,
                Integer(3),
                Ident("x".into()),
                Dot,
                Ident("y".into()),
                Eof
            ]
        );
        assert_eq!(kinds("18446744073709551615"), vec![Integer(u64::MAX), Eof]);
        assert_eq!(
            err("RETURN 18446744073709551616"),
            "integer literal is too large at line 1, column 8"
        );
        assert_eq!(
            err("RETURN 12abc"),
            "invalid number literal at line 1, column 8"
        );
        assert_eq!(
            err("RETURN 0x"),
            "invalid number literal at line 1, column 8"
        );
        assert_eq!(
            err("RETURN 1e999"),
            "float literal is too large at line 1, column 8"
        );
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            kinds(r#"'a\'b' "c\"d" '\\\n\t\r\b\f\u00e9\U0001F600' "it's""#),
            vec![
                Str("a'b".into()),
                Str("c\"d".into()),
                Str("\\\n\t\r\u{8}\u{c}é😀".into()),
                Str("it's".into()),
                Eof
            ]
        );
        assert_eq!(
            err("RETURN 'abc"),
            "unterminated string starting at line 1, column 8"
        );
        assert_eq!(
            err("RETURN 'a\\qb'"),
            "invalid escape sequence '\\q' at line 1, column 10"
        );
        assert_eq!(
            err("RETURN '\\uD800'"),
            "invalid unicode escape '\\uD800' at line 1, column 9"
        );
    }

    #[test]
    fn identifiers_params_and_keywords() {
        assert_eq!(
            kinds("match n `odd key` `a``b` $name $0 $`x y` größe"),
            vec![
                Ident("match".into()),
                Ident("n".into()),
                QuotedIdent("odd key".into()),
                QuotedIdent("a`b".into()),
                Param("name".into()),
                Param("0".into()),
                Param("x y".into()),
                Ident("größe".into()),
                Eof
            ]
        );
        assert!(is_reserved("where") && is_reserved("WHERE") && !is_reserved("count"));
        assert!(is_plain_ident("_a1") && !is_plain_ident("1a") && !is_plain_ident("a b"));
        assert_eq!(
            err("RETURN `abc"),
            "unterminated quoted identifier starting at line 1, column 8"
        );
        assert_eq!(
            err("RETURN ``"),
            "empty quoted identifier at line 1, column 8"
        );
        assert_eq!(
            err("RETURN $"),
            "expected a parameter name after '$' at line 1, column 8"
        );
    }

    #[test]
    fn comments_and_positions() {
        let toks = tokenize("MATCH // comment\n  /* multi\nline */ (n)").unwrap();
        let pos: Vec<(usize, usize)> = toks.iter().map(|t| (t.span.line, t.span.column)).collect();
        assert_eq!(pos, vec![(1, 1), (3, 9), (3, 10), (3, 11), (3, 12)]);
        assert_eq!(toks[2].span.start, 37);
        assert_eq!(
            err("RETURN 1 /* x"),
            "unterminated comment starting at line 1, column 10"
        );
        assert_eq!(
            err("RETURN a # b"),
            "unexpected character '#' at line 1, column 10"
        );
        assert_eq!(
            err("RETURN a != b"),
            "'!=' is not an operator; use '<>' at line 1, column 10"
        );
    }

    #[test]
    fn columns_count_characters() {
        let toks = tokenize("'ééé' x").unwrap();
        assert_eq!(toks[1].span.column, 7);
        assert_eq!(toks[1].span.start, 9);
    }

    #[test]
    fn width_of_first_token() {
        assert_eq!(token_width("RETURN a"), 6);
        assert_eq!(token_width("'unterminated"), 1);
        assert_eq!(token_width(""), 1);
        assert_eq!(token_width("<= 3"), 2);
    }
}
