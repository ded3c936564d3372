//! Pattern parsing: pattern parts, node and relationship patterns, and the
//! lookahead that tells a pattern predicate from a parenthesised expression.

use crate::query::ast::*;
use crate::query::lexer::{is_reserved, TokenKind};
use crate::query::parser::{PResult, Parser};

impl Parser<'_> {
    /// Comma-separated pattern parts.
    pub(super) fn pattern(&mut self) -> PResult<Pattern> {
        let mut parts = vec![self.pattern_part()?];
        while self.eat(&TokenKind::Comma) {
            parts.push(self.pattern_part()?);
        }
        Ok(Pattern { parts })
    }

    /// `[var =] [shortestPath(|allShortestPaths(] element [)]`.
    pub(super) fn pattern_part(&mut self) -> PResult<PatternPart> {
        let variable = if self.variable_at(0) && self.peek_at(1).kind == TokenKind::Eq {
            let v = self.variable("a path variable")?;
            self.advance();
            Some(v)
        } else {
            None
        };
        let shortest = if self.peek_at(1).kind != TokenKind::LParen {
            None
        } else if self.at_kw("shortestPath") {
            Some(Shortest::Shortest)
        } else if self.at_kw("allShortestPaths") {
            Some(Shortest::All)
        } else {
            None
        };
        let element = if shortest.is_some() {
            let name = self.advance();
            self.advance();
            let element = self.pattern_element()?;
            if element.chain.is_empty() {
                return Err(self.error_at(
                    &name,
                    format!(
                        "{} needs a relationship pattern",
                        self.describe(&name).trim_matches('\'')
                    ),
                ));
            }
            self.expect(&TokenKind::RParen, "')'")?;
            element
        } else {
            self.pattern_element()?
        };
        Ok(PatternPart {
            variable,
            element,
            shortest,
        })
    }

    /// A node followed by any number of relationship-node steps.
    pub(super) fn pattern_element(&mut self) -> PResult<PatternElement> {
        let start = self.node_pattern()?;
        let mut chain = Vec::new();
        while self.rel_starts(0) {
            let rel = self.rel_pattern()?;
            let node = self.node_pattern()?;
            chain.push((rel, node));
        }
        Ok(PatternElement { start, chain })
    }

    /// Whether a relationship pattern starts `n` tokens ahead
    /// (`-[`, `--`, `<-[`, `<--`).
    pub(super) fn rel_starts(&self, n: usize) -> bool {
        let dash_then = |i: usize| {
            self.peek_at(i).kind == TokenKind::Minus
                && matches!(
                    self.peek_at(i + 1).kind,
                    TokenKind::LBracket | TokenKind::Minus
                )
        };
        dash_then(n) || (self.peek_at(n).kind == TokenKind::Lt && dash_then(n + 1))
    }

    /// Properties of a node or relationship: a map literal or a parameter.
    fn pattern_properties(&mut self) -> PResult<Option<Expr>> {
        match &self.peek().kind {
            TokenKind::LBrace => Ok(Some(self.map_literal()?)),
            TokenKind::Param(name) => {
                let e = Expr::Param(name.clone());
                self.advance();
                Ok(Some(e))
            }
            _ => Ok(None),
        }
    }

    /// `(var:Label {props})`.
    pub(super) fn node_pattern(&mut self) -> PResult<NodePattern> {
        self.expect(&TokenKind::LParen, "'(' to start a node pattern")?;
        let variable = if self.variable_at(0) {
            self.symbolic_name()
        } else {
            None
        };
        let labels = self.labels("a label")?;
        let properties = self.pattern_properties()?;
        self.expect(&TokenKind::RParen, "')'")?;
        Ok(NodePattern {
            variable,
            labels,
            properties,
        })
    }

    /// `-[...]->`, `<-[...]-`, `-[...]-`, `-->`, `<--`, `--`.
    fn rel_pattern(&mut self) -> PResult<RelPattern> {
        let left = self.eat(&TokenKind::Lt);
        self.expect(&TokenKind::Minus, "'-'")?;
        let mut rel = RelPattern {
            variable: None,
            types: Vec::new(),
            direction: Direction::Both,
            length: None,
            properties: None,
        };
        if self.eat(&TokenKind::LBracket) {
            if self.variable_at(0) {
                rel.variable = self.symbolic_name();
            }
            if self.eat(&TokenKind::Colon) {
                loop {
                    let t = self
                        .symbolic_name()
                        .ok_or_else(|| self.unexpected("a relationship type after ':'"))?;
                    rel.types.push(t);
                    if !self.eat(&TokenKind::Pipe) {
                        break;
                    }
                    self.eat(&TokenKind::Colon);
                    if !matches!(
                        self.peek().kind,
                        TokenKind::Ident(_) | TokenKind::QuotedIdent(_)
                    ) {
                        return Err(self.unexpected("a relationship type after '|'"));
                    }
                }
            }
            if self.eat(&TokenKind::Star) {
                rel.length = Some(self.range()?);
            }
            rel.properties = self.pattern_properties()?;
            self.expect(&TokenKind::RBracket, "']'")?;
        }
        self.expect(&TokenKind::Minus, "'-'")?;
        let right = self.eat(&TokenKind::Gt);
        rel.direction = match (left, right) {
            (true, false) => Direction::Left,
            (false, true) => Direction::Right,
            _ => Direction::Both,
        };
        Ok(rel)
    }

    /// The part after `*`: ``, `n`, `n..m`, `..m`, `n..`.
    fn range(&mut self) -> PResult<(Option<u64>, Option<u64>)> {
        let bound = |p: &mut Self| match p.peek().kind {
            TokenKind::Integer(n) => {
                p.advance();
                Some(n)
            }
            _ => None,
        };
        let min = bound(self);
        if self.eat(&TokenKind::DotDot) {
            let max = bound(self);
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    return Err(self.error_at(
                        &self.tokens[self.pos - 1].clone(),
                        format!("invalid length range *{lo}..{hi}: minimum exceeds maximum"),
                    ));
                }
            }
            Ok((min, max))
        } else if matches!(self.peek().kind, TokenKind::Float(_)) {
            Err(self.unexpected("an integer length"))
        } else {
            Ok((min, min))
        }
    }

    /// Whether the `(` at the current position starts a pattern predicate:
    /// a node pattern `( [var] [:L...] [{...}|$p] )` followed by the start of
    /// a relationship. Only scans tokens; never recurses.
    pub(super) fn looks_like_pattern(&self) -> bool {
        let kind = |i: usize| &self.peek_at(i).kind;
        let mut i = 1;
        match kind(i) {
            TokenKind::Ident(s) if !is_reserved(s) => i += 1,
            TokenKind::QuotedIdent(_) => i += 1,
            _ => {}
        }
        while *kind(i) == TokenKind::Colon
            && matches!(kind(i + 1), TokenKind::Ident(_) | TokenKind::QuotedIdent(_))
        {
            i += 2;
        }
        match kind(i) {
            TokenKind::Param(_) => i += 1,
            TokenKind::LBrace => {
                let mut depth = 0usize;
                loop {
                    match kind(i) {
                        TokenKind::LBrace => depth += 1,
                        TokenKind::RBrace => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        TokenKind::Eof => return false,
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        *kind(i) == TokenKind::RParen && self.rel_starts(i + 1)
    }
}
