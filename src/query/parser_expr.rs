//! Expression parsing by precedence climbing (see [`crate::query::ast::prec`]),
//! plus atoms: literals, lists, maps, calls, `CASE`, comprehensions, pattern
//! predicates and `EXISTS { ... }`.

use crate::query::ast::*;
use crate::query::lexer::{is_reserved, TokenKind};
use crate::query::parser::{PResult, Parser};

/// What follows an operand in [`Parser::binary`].
enum Step {
    /// `IS NULL` (`false`) or `IS NOT NULL` (`true`).
    IsNull(bool),
    /// A binary operator.
    Binary(BinaryOp),
}

impl Parser<'_> {
    /// A full expression.
    pub(super) fn parse_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let e = self.binary(0)?;
        self.leave(1);
        Ok(e)
    }

    /// The binary operator at the current position, with its token count.
    fn binary_op(&self) -> Option<(BinaryOp, usize)> {
        use BinaryOp::*;
        let op = match &self.peek().kind {
            TokenKind::Eq => Eq,
            TokenKind::Neq => Neq,
            TokenKind::Lt => Lt,
            TokenKind::Gt => Gt,
            TokenKind::Le => Le,
            TokenKind::Ge => Ge,
            TokenKind::RegexMatch => RegexMatch,
            TokenKind::Plus => Add,
            TokenKind::Minus => Sub,
            TokenKind::Star => Mul,
            TokenKind::Slash => Div,
            TokenKind::Percent => Mod,
            TokenKind::Caret => Pow,
            TokenKind::Ident(s) => {
                let (op, n) = match s.to_ascii_uppercase().as_str() {
                    "OR" => (Or, 1),
                    "XOR" => (Xor, 1),
                    "AND" => (And, 1),
                    "IN" => (In, 1),
                    "CONTAINS" => (Contains, 1),
                    "STARTS" => (StartsWith, 2),
                    "ENDS" => (EndsWith, 2),
                    _ => return None,
                };
                return Some((op, n));
            }
            _ => return None,
        };
        Some((op, 1))
    }

    /// Precedence climbing: parses operators binding at least as tightly as
    /// `min`. Kept small (helpers do the work) because it is on the
    /// recursion path and debug builds give every temporary its own slot.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut lhs = self.binary_operand(min)?;
        let mut nested = 0;
        while let Some(step) = self.binary_step(min)? {
            self.enter()?;
            nested += 1;
            lhs = match step {
                Step::IsNull(negated) => Expr::IsNull {
                    expr: Box::new(lhs),
                    negated,
                },
                Step::Binary(op) => {
                    let rhs = self.binary(op.precedence() + 1)?;
                    Expr::Binary(op, Box::new(lhs), Box::new(rhs))
                }
            };
        }
        self.leave(nested);
        Ok(lhs)
    }

    /// The first operand of [`Self::binary`]: `NOT ...` (when allowed) or a
    /// unary expression.
    fn binary_operand(&mut self, min: u8) -> PResult<Expr> {
        if min > prec::NOT || !self.at_kw("NOT") {
            return self.unary();
        }
        self.advance();
        self.enter()?;
        let operand = self.binary(prec::NOT)?;
        self.leave(1);
        Ok(Expr::Unary(UnaryOp::Not, Box::new(operand)))
    }

    /// Consumes the next postfix `IS [NOT] NULL` or binary operator binding
    /// at least as tightly as `min`.
    fn binary_step(&mut self, min: u8) -> PResult<Option<Step>> {
        if min <= prec::IS_NULL && self.at_kw("IS") {
            self.advance();
            let negated = self.eat_kw("NOT");
            let context = if negated {
                " after IS NOT"
            } else {
                " after IS"
            };
            self.expect_kw("NULL", context)?;
            return Ok(Some(Step::IsNull(negated)));
        }
        let Some((op, tokens)) = self.binary_op() else {
            return Ok(None);
        };
        if op.precedence() < min {
            return Ok(None);
        }
        self.advance();
        if tokens == 2 {
            let first = if op == BinaryOp::StartsWith {
                "STARTS"
            } else {
                "ENDS"
            };
            self.expect_kw("WITH", &format!(" after {first}"))?;
        }
        Ok(Some(Step::Binary(op)))
    }

    /// Prefix `-`/`+`, then an atom with postfix operators.
    fn unary(&mut self) -> PResult<Expr> {
        match self.peek().kind {
            TokenKind::Minus | TokenKind::Plus => self.prefixed(),
            _ => {
                let atom = self.atom()?;
                self.postfix(atom)
            }
        }
    }

    /// `-x` or `+x`; a `-` directly before a number literal is folded into
    /// the literal.
    fn prefixed(&mut self) -> PResult<Expr> {
        if let Some(lit) = self.negative_literal()? {
            return self.postfix(lit);
        }
        let op = if self.advance().kind == TokenKind::Minus {
            UnaryOp::Neg
        } else {
            UnaryOp::Pos
        };
        self.enter()?;
        let operand = self.unary()?;
        self.leave(1);
        Ok(Expr::Unary(op, Box::new(operand)))
    }

    /// Consumes `-` followed by a number literal, returning the negated
    /// literal.
    fn negative_literal(&mut self) -> PResult<Option<Expr>> {
        if self.peek().kind != TokenKind::Minus {
            return Ok(None);
        }
        let lit = match self.peek_at(1).kind {
            TokenKind::Integer(n) if n <= i64::MAX as u64 + 1 => {
                Literal::Integer((n as i64).wrapping_neg())
            }
            TokenKind::Integer(_) => {
                return Err(self.error_at(self.peek_at(1), "integer literal is too large"))
            }
            TokenKind::Float(f) => Literal::Float(-f),
            _ => return Ok(None),
        };
        self.advance();
        self.advance();
        Ok(Some(Expr::Literal(lit)))
    }

    /// Property access, indexing, slicing and label predicates.
    fn postfix(&mut self, mut expr: Expr) -> PResult<Expr> {
        let mut nested = 0;
        loop {
            expr = match self.peek().kind {
                TokenKind::Dot => {
                    self.advance();
                    let key = self
                        .symbolic_name()
                        .ok_or_else(|| self.unexpected("a property name after '.'"))?;
                    Expr::Property(Box::new(expr), key)
                }
                TokenKind::Colon => {
                    let labels = self.labels("a label")?;
                    Expr::HasLabels {
                        expr: Box::new(expr),
                        labels,
                    }
                }
                TokenKind::LBracket => {
                    self.advance();
                    let from = if self.at(&TokenKind::DotDot) {
                        None
                    } else {
                        Some(Box::new(self.parse_expr()?))
                    };
                    let e = if self.eat(&TokenKind::DotDot) {
                        let to = if self.at(&TokenKind::RBracket) {
                            None
                        } else {
                            Some(Box::new(self.parse_expr()?))
                        };
                        Expr::Slice {
                            expr: Box::new(expr),
                            from,
                            to,
                        }
                    } else {
                        Expr::Index {
                            expr: Box::new(expr),
                            index: from.unwrap_or_else(|| Box::new(Expr::Literal(Literal::Null))),
                        }
                    };
                    let what = if matches!(e, Expr::Slice { .. }) {
                        "']'"
                    } else {
                        "']' or '..'"
                    };
                    self.expect(&TokenKind::RBracket, what)?;
                    e
                }
                _ => break,
            };
            self.enter()?;
            nested += 1;
        }
        self.leave(nested);
        Ok(expr)
    }

    /// Literals, parameters, variables, calls, lists, maps, `CASE`,
    /// parenthesised expressions and pattern predicates.
    fn atom(&mut self) -> PResult<Expr> {
        match self.peek().kind {
            TokenKind::LBracket => self.list(),
            TokenKind::LBrace => self.map_literal(),
            TokenKind::LParen => self.parenthesized(),
            TokenKind::Ident(_) | TokenKind::QuotedIdent(_) => self.word(),
            _ => self.literal(),
        }
    }

    /// A number, string or parameter token.
    fn literal(&mut self) -> PResult<Expr> {
        let e = match &self.peek().kind {
            TokenKind::Integer(n) => match i64::try_from(*n) {
                Ok(n) => Expr::Literal(Literal::Integer(n)),
                Err(_) => return Err(self.error_at(self.peek(), "integer literal is too large")),
            },
            TokenKind::Float(f) => Expr::Literal(Literal::Float(*f)),
            TokenKind::Str(s) => Expr::Literal(Literal::String(s.clone())),
            TokenKind::Param(p) => Expr::Param(p.clone()),
            _ => return Err(self.unexpected("an expression")),
        };
        self.advance();
        Ok(e)
    }

    /// `( expr )` or a pattern predicate such as `(a)-->(b)`.
    fn parenthesized(&mut self) -> PResult<Expr> {
        if self.looks_like_pattern() {
            return self.pattern_predicate();
        }
        self.advance();
        let e = self.parse_expr()?;
        self.expect(&TokenKind::RParen, "')'")?;
        Ok(e)
    }

    fn pattern_predicate(&mut self) -> PResult<Expr> {
        self.enter()?;
        let element = self.pattern_element()?;
        self.leave(1);
        Ok(Expr::PatternPredicate(Box::new(element)))
    }

    /// An atom starting with a word: keyword literal, `CASE`, `EXISTS {`,
    /// `count(*)`, a function call or a variable.
    fn word(&mut self) -> PResult<Expr> {
        let next_is_paren = self.peek_at(1).kind == TokenKind::LParen;
        let (word, quoted) = match &self.peek().kind {
            TokenKind::Ident(w) => (w.clone(), false),
            TokenKind::QuotedIdent(w) => (w.clone(), true),
            _ => return Err(self.unexpected("an expression")),
        };
        if !quoted {
            let upper = word.to_ascii_uppercase();
            let lit = match upper.as_str() {
                "TRUE" => Some(Literal::Bool(true)),
                "FALSE" => Some(Literal::Bool(false)),
                "NULL" => Some(Literal::Null),
                _ => None,
            };
            if let Some(lit) = lit {
                self.advance();
                return Ok(Expr::Literal(lit));
            }
            match upper.as_str() {
                "CASE" => return self.case(),
                "EXISTS" if self.peek_at(1).kind == TokenKind::LBrace => return self.exists(),
                "COUNT" if next_is_paren && self.peek_at(2).kind == TokenKind::Star => {
                    self.advance();
                    self.advance();
                    self.advance();
                    self.expect(&TokenKind::RParen, "')' after count(*")?;
                    return Ok(Expr::CountStar);
                }
                _ => {}
            }
            if is_reserved(&word) {
                return Err(self.unexpected("an expression"));
            }
        }
        if next_is_paren {
            return self.call(word);
        }
        self.advance();
        Ok(Expr::Var(word))
    }

    /// `name([DISTINCT] args)`; the current token is the name.
    fn call(&mut self, name: String) -> PResult<Expr> {
        self.advance();
        self.advance();
        let distinct = self.eat_kw("DISTINCT");
        let mut args = Vec::new();
        if !self.eat(&TokenKind::RParen) {
            loop {
                args.push(self.parse_expr()?);
                if self.eat(&TokenKind::RParen) {
                    break;
                }
                self.expect(&TokenKind::Comma, "',' or ')'")?;
            }
        }
        Ok(Expr::FnCall {
            name,
            distinct,
            args,
        })
    }

    /// `[a, b]` or `[x IN list WHERE p | e]`.
    fn list(&mut self) -> PResult<Expr> {
        self.advance();
        if self.variable_at(0) && self.kw_at(1, "IN") {
            self.comprehension()
        } else {
            self.list_items()
        }
    }

    /// The rest of `[x IN list WHERE p | e]` after `[`.
    fn comprehension(&mut self) -> PResult<Expr> {
        {
            let variable = self.symbolic_name().unwrap_or_default();
            self.advance();
            let list = Box::new(self.parse_expr()?);
            let predicate = if self.eat_kw("WHERE") {
                Some(Box::new(self.parse_expr()?))
            } else {
                None
            };
            let projection = if self.eat(&TokenKind::Pipe) {
                Some(Box::new(self.parse_expr()?))
            } else {
                None
            };
            let what = match (&predicate, &projection) {
                (None, None) => "WHERE, '|' or ']' in list comprehension",
                (Some(_), None) => "'|' or ']' in list comprehension",
                _ => "']'",
            };
            self.expect(&TokenKind::RBracket, what)?;
            Ok(Expr::ListComprehension {
                variable,
                list,
                predicate,
                projection,
            })
        }
    }

    /// The rest of a list literal after `[`.
    fn list_items(&mut self) -> PResult<Expr> {
        let mut items = Vec::new();
        if !self.eat(&TokenKind::RBracket) {
            loop {
                items.push(self.parse_expr()?);
                if self.eat(&TokenKind::RBracket) {
                    break;
                }
                self.expect(&TokenKind::Comma, "',' or ']'")?;
            }
        }
        Ok(Expr::List(items))
    }

    /// `{key: value, ...}`.
    pub(super) fn map_literal(&mut self) -> PResult<Expr> {
        self.enter()?;
        self.expect(&TokenKind::LBrace, "'{'")?;
        let mut entries = Vec::new();
        if !self.eat(&TokenKind::RBrace) {
            loop {
                let key = self
                    .symbolic_name()
                    .ok_or_else(|| self.unexpected("a property key"))?;
                self.expect(&TokenKind::Colon, "':' after the property key")?;
                entries.push((key, self.parse_expr()?));
                if self.eat(&TokenKind::RBrace) {
                    break;
                }
                self.expect(&TokenKind::Comma, "',' or '}'")?;
            }
        }
        self.leave(1);
        Ok(Expr::Map(entries))
    }

    /// `CASE [subject] WHEN .. THEN .. [ELSE ..] END`.
    fn case(&mut self) -> PResult<Expr> {
        self.advance();
        let subject = if self.at_kw("WHEN") {
            None
        } else {
            Some(Box::new(self.parse_expr()?))
        };
        let mut whens = Vec::new();
        while self.eat_kw("WHEN") {
            let condition = self.parse_expr()?;
            self.expect_kw("THEN", " after the WHEN condition")?;
            whens.push((condition, self.parse_expr()?));
        }
        if whens.is_empty() {
            return Err(self.unexpected("WHEN"));
        }
        let otherwise = if self.eat_kw("ELSE") {
            Some(Box::new(self.parse_expr()?))
        } else {
            None
        };
        if !self.eat_kw("END") {
            let what = if otherwise.is_some() {
                "END"
            } else {
                "WHEN, ELSE or END"
            };
            return Err(self.unexpected(what));
        }
        Ok(Expr::Case {
            subject,
            whens,
            otherwise,
        })
    }

    /// `EXISTS { [MATCH] pattern [WHERE expr] }`.
    fn exists(&mut self) -> PResult<Expr> {
        self.advance();
        self.advance();
        self.enter()?;
        self.eat_kw("MATCH");
        let pattern = Box::new(self.pattern()?);
        let where_clause = if self.eat_kw("WHERE") {
            Some(Box::new(self.parse_expr()?))
        } else {
            None
        };
        self.expect(&TokenKind::RBrace, "'}'")?;
        self.leave(1);
        Ok(Expr::Exists {
            pattern,
            where_clause,
        })
    }
}
