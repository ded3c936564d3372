//! Recursive-descent parser: token helpers, queries and clauses.
//!
//! Expressions live in `parser_expr.rs` and patterns in `parser_pattern.rs`
//! (both extend [`Parser`]). Nesting is bounded by [`MAX_DEPTH`] levels and by
//! [`STACK_BUDGET`] bytes of stack, so deeply nested input yields an error
//! ("expression nested too deeply") instead of overflowing the stack, even in
//! unoptimised builds on a 2 MiB thread.

use crate::query::ast::*;
use crate::query::error::SyntaxError;
use crate::query::lexer::{is_reserved, tokenize, Token, TokenKind};

/// Maximum nesting depth of expressions (and of operator chains) accepted.
pub const MAX_DEPTH: usize = 500;

/// Stack the parser may use below its entry point before reporting
/// "expression nested too deeply" (debug builds use several KiB per nesting
/// level, release builds far less).
pub const STACK_BUDGET: usize = 1 << 20;

/// Approximate current stack pointer (address of a local).
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Result type of the parser.
pub(super) type PResult<T> = Result<T, SyntaxError>;

/// Parses one query (optionally followed by `;`).
///
/// Never panics; any malformed input gives a [`SyntaxError`] with position.
pub fn parse(source: &str) -> Result<Query, SyntaxError> {
    let tokens = tokenize(source)?;
    let mut parser = Parser {
        src: source,
        tokens,
        pos: 0,
        depth: 0,
        stack_base: stack_position(),
    };
    parser.query()
}

/// Parser state over a token vector that always ends with `Eof`.
pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) tokens: Vec<Token>,
    pub(super) pos: usize,
    pub(super) depth: usize,
    /// [`stack_position`] when parsing started.
    pub(super) stack_base: usize,
}

const CLAUSE_KEYWORDS: &[&str] = &[
    "MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE",
    "DETACH",
];

impl Parser<'_> {
    // ----- token helpers -------------------------------------------------

    pub(super) fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    pub(super) fn peek_at(&self, n: usize) -> &Token {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.pos + n).min(last)]
    }

    pub(super) fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        if token.kind != TokenKind::Eof {
            self.pos += 1;
        }
        token
    }

    pub(super) fn at(&self, kind: &TokenKind) -> bool {
        &self.peek().kind == kind
    }

    pub(super) fn eat(&mut self, kind: &TokenKind) -> bool {
        let found = self.at(kind);
        if found {
            self.advance();
        }
        found
    }

    /// Consumes `kind` or fails with "expected {what} but found ...".
    pub(super) fn expect(&mut self, kind: &TokenKind, what: &str) -> PResult<Token> {
        if self.at(kind) {
            Ok(self.advance())
        } else {
            Err(self.unexpected(what))
        }
    }

    pub(super) fn kw_at(&self, n: usize, kw: &str) -> bool {
        matches!(&self.peek_at(n).kind, TokenKind::Ident(s) if s.eq_ignore_ascii_case(kw))
    }

    pub(super) fn at_kw(&self, kw: &str) -> bool {
        self.kw_at(0, kw)
    }

    pub(super) fn eat_kw(&mut self, kw: &str) -> bool {
        let found = self.at_kw(kw);
        if found {
            self.advance();
        }
        found
    }

    pub(super) fn expect_kw(&mut self, kw: &str, context: &str) -> PResult<()> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("{kw}{context}")))
        }
    }

    /// How a token is shown in messages: `'text'` or `end of input`.
    pub(super) fn describe(&self, token: &Token) -> String {
        if token.kind == TokenKind::Eof {
            return "end of input".to_string();
        }
        let text = self.src.get(token.span.start..token.span.end).unwrap_or("");
        let mut shown: String = text.chars().take(40).collect();
        if shown.len() < text.len() {
            shown.push_str("...");
        }
        format!("'{shown}'")
    }

    pub(super) fn error_at(&self, token: &Token, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(message, token.span.line, token.span.column)
    }

    /// "expected {what} but found {current token}".
    pub(super) fn unexpected(&self, what: &str) -> SyntaxError {
        let token = self.peek();
        self.error_at(
            token,
            format!("expected {what} but found {}", self.describe(token)),
        )
    }

    /// Enters one nesting level, failing beyond [`MAX_DEPTH`] levels or
    /// [`STACK_BUDGET`] bytes of stack.
    pub(super) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || self.stack_base.abs_diff(stack_position()) > STACK_BUDGET {
            return Err(self.error_at(self.peek(), "expression nested too deeply"));
        }
        Ok(())
    }

    /// Leaves `n` nesting levels.
    pub(super) fn leave(&mut self, n: usize) {
        self.depth = self.depth.saturating_sub(n);
    }

    /// A bare or quoted name in a position where keywords are allowed
    /// (labels, types, property keys, aliases).
    pub(super) fn symbolic_name(&mut self) -> Option<String> {
        match &self.peek().kind {
            TokenKind::Ident(s) | TokenKind::QuotedIdent(s) => {
                let s = s.clone();
                self.advance();
                Some(s)
            }
            _ => None,
        }
    }

    /// Whether the token `n` ahead can be a variable name.
    pub(super) fn variable_at(&self, n: usize) -> bool {
        match &self.peek_at(n).kind {
            TokenKind::Ident(s) => !is_reserved(s),
            TokenKind::QuotedIdent(_) => true,
            _ => false,
        }
    }

    /// A variable name (reserved words must be backtick-quoted).
    pub(super) fn variable(&mut self, what: &str) -> PResult<String> {
        if self.variable_at(0) {
            Ok(self.symbolic_name().unwrap_or_default())
        } else {
            Err(self.unexpected(what))
        }
    }

    /// A name after `AS`.
    fn alias(&mut self) -> PResult<String> {
        self.symbolic_name()
            .ok_or_else(|| self.unexpected("a name after AS"))
    }

    /// `:A:B` (at least one label), with `what` naming the thing expected.
    pub(super) fn labels(&mut self, what: &str) -> PResult<Vec<String>> {
        let mut labels = Vec::new();
        while self.eat(&TokenKind::Colon) {
            let label = self
                .symbolic_name()
                .ok_or_else(|| self.unexpected(&format!("{what} after ':'")))?;
            labels.push(label);
        }
        Ok(labels)
    }

    // ----- queries and clauses -------------------------------------------

    fn query(&mut self) -> PResult<Query> {
        if self.at(&TokenKind::Eof) || self.at(&TokenKind::Semicolon) {
            return Err(self.error_at(self.peek(), "empty query"));
        }
        let mut parts = vec![self.single_query()?];
        let mut union_all = Vec::new();
        while self.at_kw("UNION") {
            self.check_union_part(parts.last())?;
            self.advance();
            union_all.push(self.eat_kw("ALL"));
            parts.push(self.single_query()?);
            self.check_union_part(parts.last())?;
        }
        let semicolon = self.eat(&TokenKind::Semicolon);
        if !self.at(&TokenKind::Eof) {
            let after_return = matches!(
                parts.last().and_then(|p| p.clauses.last()),
                Some(Clause::Return(_))
            );
            return Err(if semicolon {
                self.unexpected("end of input after ';'")
            } else if after_return {
                self.unexpected("UNION or end of query after RETURN")
            } else {
                self.unexpected("end of query")
            });
        }
        Ok(Query { parts, union_all })
    }

    fn check_union_part(&self, part: Option<&SingleQuery>) -> PResult<()> {
        match part.and_then(|p| p.clauses.last()) {
            Some(Clause::Return(_)) => Ok(()),
            _ => Err(self.error_at(
                self.peek(),
                "a query combined with UNION must end with RETURN",
            )),
        }
    }

    fn at_query_end(&self) -> bool {
        self.at(&TokenKind::Eof) || self.at(&TokenKind::Semicolon) || self.at_kw("UNION")
    }

    fn single_query(&mut self) -> PResult<SingleQuery> {
        let mut clauses = Vec::new();
        // Name of the last updating clause since the last WITH.
        let mut updated: Option<String> = None;
        while !self.at_query_end() {
            let token = self.peek().clone();
            let word = match &token.kind {
                TokenKind::Ident(s) => s.to_ascii_uppercase(),
                _ => String::new(),
            };
            if !CLAUSE_KEYWORDS.contains(&word.as_str()) {
                return Err(if word.is_empty() {
                    self.unexpected("a clause (MATCH, RETURN, CREATE, ...)")
                } else {
                    self.error_at(&token, format!("unknown clause {}", self.describe(&token)))
                });
            }
            let reading = matches!(word.as_str(), "MATCH" | "OPTIONAL" | "UNWIND");
            if let (true, Some(prev)) = (reading, &updated) {
                let name = if word == "OPTIONAL" {
                    "OPTIONAL MATCH"
                } else {
                    &word
                };
                return Err(self.error_at(
                    &token,
                    format!("WITH is required between {prev} and {name}"),
                ));
            }
            let clause = self.clause(&word)?;
            match &clause {
                Clause::With(_) => updated = None,
                Clause::Create(_) | Clause::Merge(_) | Clause::Set(_) | Clause::Remove(_) => {
                    updated = Some(word.clone())
                }
                Clause::Delete(d) => {
                    updated = Some(if d.detach {
                        "DETACH DELETE".into()
                    } else {
                        word.clone()
                    })
                }
                _ => {}
            }
            let is_return = matches!(clause, Clause::Return(_));
            clauses.push(clause);
            if is_return {
                break;
            }
        }
        match clauses.last() {
            None => Err(self.unexpected("a clause (MATCH, RETURN, CREATE, ...)")),
            Some(Clause::Match(_) | Clause::Unwind(_) | Clause::With(_)) => {
                let last = match clauses.last() {
                    Some(Clause::Match(m)) if m.optional => "OPTIONAL MATCH",
                    Some(Clause::Match(_)) => "MATCH",
                    Some(Clause::Unwind(_)) => "UNWIND",
                    _ => "WITH",
                };
                Err(self.error_at(
                    self.peek(),
                    format!("query cannot end with {last}; add a RETURN clause"),
                ))
            }
            Some(_) => Ok(SingleQuery { clauses }),
        }
    }

    fn clause(&mut self, word: &str) -> PResult<Clause> {
        self.advance();
        Ok(match word {
            "MATCH" => Clause::Match(self.match_body(false)?),
            "OPTIONAL" => {
                self.expect_kw("MATCH", " after OPTIONAL")?;
                Clause::Match(self.match_body(true)?)
            }
            "UNWIND" => {
                let expr = self.parse_expr()?;
                self.expect_kw("AS", " after the UNWIND expression")?;
                let variable = self.variable("a variable after AS")?;
                Clause::Unwind(Unwind { expr, variable })
            }
            "WITH" => {
                let projection = self.projection()?;
                let where_clause = self.where_clause()?;
                Clause::With(With {
                    projection,
                    where_clause,
                })
            }
            "RETURN" => Clause::Return(self.projection()?),
            "CREATE" => Clause::Create(self.pattern()?),
            "MERGE" => self.merge()?,
            "SET" => Clause::Set(self.set_items()?),
            "REMOVE" => Clause::Remove(self.comma_list(Self::remove_item)?),
            "DELETE" => Clause::Delete(Delete {
                detach: false,
                exprs: self.comma_list(Self::parse_expr)?,
            }),
            _ => {
                self.expect_kw("DELETE", " after DETACH")?;
                Clause::Delete(Delete {
                    detach: true,
                    exprs: self.comma_list(Self::parse_expr)?,
                })
            }
        })
    }

    fn comma_list<T>(&mut self, mut item: impl FnMut(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut items = vec![item(self)?];
        while self.eat(&TokenKind::Comma) {
            items.push(item(self)?);
        }
        Ok(items)
    }

    fn where_clause(&mut self) -> PResult<Option<Expr>> {
        if self.eat_kw("WHERE") {
            Ok(Some(self.parse_expr()?))
        } else {
            Ok(None)
        }
    }

    fn match_body(&mut self, optional: bool) -> PResult<Match> {
        let pattern = self.pattern()?;
        let where_clause = self.where_clause()?;
        Ok(Match {
            optional,
            pattern,
            where_clause,
        })
    }

    fn projection(&mut self) -> PResult<Projection> {
        let distinct = self.eat_kw("DISTINCT");
        let star = self.eat(&TokenKind::Star);
        let mut items = Vec::new();
        if !star || self.eat(&TokenKind::Comma) {
            items = self.comma_list(|p| {
                let expr = p.parse_expr()?;
                let alias = if p.eat_kw("AS") {
                    Some(p.alias()?)
                } else {
                    None
                };
                Ok(ProjectionItem { expr, alias })
            })?;
        }
        let mut order_by = Vec::new();
        if self.eat_kw("ORDER") {
            self.expect_kw("BY", " after ORDER")?;
            order_by = self.comma_list(|p| {
                let expr = p.parse_expr()?;
                let descending = if p.eat_kw("DESC") || p.eat_kw("DESCENDING") {
                    true
                } else {
                    let _ = p.eat_kw("ASC") || p.eat_kw("ASCENDING");
                    false
                };
                Ok(SortItem { expr, descending })
            })?;
        }
        let skip = if self.eat_kw("SKIP") {
            Some(self.parse_expr()?)
        } else {
            None
        };
        let limit = if self.eat_kw("LIMIT") {
            Some(self.parse_expr()?)
        } else {
            None
        };
        Ok(Projection {
            distinct,
            star,
            items,
            order_by,
            skip,
            limit,
        })
    }

    fn merge(&mut self) -> PResult<Clause> {
        let pattern = self.pattern_part()?;
        let mut actions = Vec::new();
        while self.eat_kw("ON") {
            let on = if self.eat_kw("CREATE") {
                MergeOn::Create
            } else if self.eat_kw("MATCH") {
                MergeOn::Match
            } else {
                return Err(self.unexpected("CREATE or MATCH after ON"));
            };
            self.expect_kw("SET", &format!(" after ON {on:?}").to_ascii_uppercase())?;
            actions.push(MergeAction {
                on,
                items: self.set_items()?,
            });
        }
        Ok(Clause::Merge(Merge { pattern, actions }))
    }

    /// `var.a.b` after the variable has been read: returns (entity, last key).
    fn property_chain(&mut self, variable: String) -> PResult<(Expr, String)> {
        let mut entity = Expr::Var(variable);
        let mut key: Option<String> = None;
        let mut nested = 0;
        while self.eat(&TokenKind::Dot) {
            if let Some(k) = key.take() {
                self.enter()?;
                nested += 1;
                entity = Expr::Property(Box::new(entity), k);
            }
            key = Some(
                self.symbolic_name()
                    .ok_or_else(|| self.unexpected("a property name after '.'"))?,
            );
        }
        self.leave(nested);
        Ok((entity, key.unwrap_or_default()))
    }

    fn set_items(&mut self) -> PResult<Vec<SetItem>> {
        self.comma_list(|p| {
            let variable = p.variable("a variable to SET")?;
            if p.at(&TokenKind::Colon) {
                let labels = p.labels("a label")?;
                return Ok(SetItem::Labels { variable, labels });
            }
            if p.eat(&TokenKind::Eq) {
                let value = p.parse_expr()?;
                return Ok(SetItem::Replace { variable, value });
            }
            if p.eat(&TokenKind::PlusEq) {
                let value = p.parse_expr()?;
                return Ok(SetItem::Extend { variable, value });
            }
            if !p.at(&TokenKind::Dot) {
                return Err(p.unexpected("'.', '=', '+=' or ':' after the variable in SET"));
            }
            let (entity, key) = p.property_chain(variable)?;
            p.expect(&TokenKind::Eq, "'='")?;
            let value = p.parse_expr()?;
            Ok(SetItem::Property { entity, key, value })
        })
    }

    fn remove_item(&mut self) -> PResult<RemoveItem> {
        let variable = self.variable("a variable to REMOVE")?;
        if self.at(&TokenKind::Colon) {
            let labels = self.labels("a label")?;
            return Ok(RemoveItem::Labels { variable, labels });
        }
        if !self.at(&TokenKind::Dot) {
            return Err(self.unexpected("'.' or ':' after the variable in REMOVE"));
        }
        let (entity, key) = self.property_chain(variable)?;
        Ok(RemoveItem::Property { entity, key })
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
pub(crate) mod tests;
