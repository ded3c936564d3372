//! Canonical Cypher printing of the AST via `Display`.
//!
//! The output re-parses to the same tree: `parse(&q.to_string()) == Ok(q)`
//! for every query the parser produces. Keywords are upper-case, names are
//! backtick-quoted only when needed, and parentheses are added only where
//! precedence requires them.

use std::fmt::{self, Display, Formatter, Write};

use crate::query::ast::*;
use crate::query::lexer::{is_ident_continue, is_plain_ident, is_reserved};

/// Writes a name usable where keywords are allowed (labels, keys, aliases).
fn name(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    if is_plain_ident(name) {
        f.write_str(name)
    } else {
        quoted(f, name)
    }
}

/// Writes a variable or function name (reserved words get quoted).
fn var(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    if is_plain_ident(name) && !is_reserved(name) {
        f.write_str(name)
    } else {
        quoted(f, name)
    }
}

fn quoted(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    write!(f, "`{}`", name.replace('`', "``"))
}

fn comma_sep<T>(
    f: &mut Formatter<'_>,
    items: &[T],
    mut each: impl FnMut(&mut Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        each(f, item)?;
    }
    Ok(())
}

/// Writes a string literal in single quotes with escapes.
fn string_literal(f: &mut Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c.is_control() => write!(f, "\\u{:04X}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Integer(n) => write!(f, "{n}"),
            // `{:?}` is the shortest text that reads back to the same f64
            // and always contains '.', 'e', "inf" or "NaN".
            Literal::Float(x) => write!(f, "{x:?}"),
            Literal::String(s) => string_literal(f, s),
        }
    }
}

/// Whether printed text starts with `variable IN`, which would be read back
/// as a list comprehension when it opens a list literal.
fn starts_with_var_in(text: &str) -> bool {
    let rest = if let Some(quoted) = text.strip_prefix('`') {
        let mut chars = quoted.char_indices().peekable();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '`' {
                if chars.peek().map(|&(_, c)| c) == Some('`') {
                    chars.next();
                } else {
                    end = Some(i + 1);
                    break;
                }
            }
        }
        match end {
            Some(e) => &quoted[e..],
            None => return false,
        }
    } else {
        text.trim_start_matches(is_ident_continue)
    };
    rest.len() < text.len() && rest.starts_with(" IN ")
}

/// Writes `e`, parenthesised if it binds less tightly than `min`.
fn expr(f: &mut Formatter<'_>, e: &Expr, min: u8) -> fmt::Result {
    // A pattern predicate may only be followed by keyword operators, or a
    // following `-`/`<` could be read as part of the pattern.
    let needs_parens = match e {
        Expr::PatternPredicate(_) => min > prec::NOT,
        _ => e.precedence() < min,
    };
    if needs_parens {
        f.write_char('(')?;
        expr(f, e, 0)?;
        return f.write_char(')');
    }
    match e {
        Expr::Literal(l) => write!(f, "{l}"),
        Expr::Param(p) => {
            f.write_char('$')?;
            if !p.is_empty() && p.chars().all(is_ident_continue) {
                f.write_str(p)
            } else {
                quoted(f, p)
            }
        }
        Expr::Var(v) => var(f, v),
        Expr::Property(base, key) => {
            expr(f, base, prec::POSTFIX)?;
            f.write_char('.')?;
            name(f, key)
        }
        Expr::Binary(op, l, r) => {
            let p = op.precedence();
            expr(f, l, p)?;
            write!(f, " {} ", op.as_str())?;
            expr(f, r, p + 1)
        }
        Expr::Unary(UnaryOp::Not, operand) => {
            f.write_str("NOT ")?;
            expr(f, operand, prec::NOT)
        }
        Expr::Unary(op, operand) => {
            f.write_str(if *op == UnaryOp::Neg { "-" } else { "+" })?;
            let text = ExprAt(operand, prec::UNARY).to_string();
            // Keep `-(5)` from becoming the literal `-5`, and avoid `--`.
            if text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+')) {
                write!(f, "({text})")
            } else {
                f.write_str(&text)
            }
        }
        Expr::IsNull {
            expr: inner,
            negated,
        } => {
            expr(f, inner, prec::IS_NULL)?;
            f.write_str(if *negated { " IS NOT NULL" } else { " IS NULL" })
        }
        Expr::HasLabels {
            expr: inner,
            labels,
        } => {
            if matches!(**inner, Expr::HasLabels { .. }) {
                write!(f, "({inner})")?;
            } else {
                expr(f, inner, prec::POSTFIX)?;
            }
            for l in labels {
                f.write_char(':')?;
                name(f, l)?;
            }
            Ok(())
        }
        Expr::FnCall {
            name: fn_name,
            distinct,
            args,
        } => {
            var(f, fn_name)?;
            f.write_char('(')?;
            if *distinct {
                f.write_str("DISTINCT ")?;
            }
            comma_sep(f, args, |f, a| expr(f, a, 0))?;
            f.write_char(')')
        }
        Expr::CountStar => f.write_str("count(*)"),
        Expr::List(items) => {
            f.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                let text = item.to_string();
                if i == 0 && starts_with_var_in(&text) {
                    write!(f, "({text})")?;
                } else {
                    f.write_str(&text)?;
                }
            }
            f.write_char(']')
        }
        Expr::Map(entries) => map(f, entries),
        Expr::Index { expr: base, index } => {
            expr(f, base, prec::POSTFIX)?;
            write!(f, "[{index}]")
        }
        Expr::Slice {
            expr: base,
            from,
            to,
        } => {
            expr(f, base, prec::POSTFIX)?;
            f.write_char('[')?;
            if let Some(from) = from {
                write!(f, "{from}")?;
            }
            f.write_str("..")?;
            if let Some(to) = to {
                write!(f, "{to}")?;
            }
            f.write_char(']')
        }
        Expr::Case {
            subject,
            whens,
            otherwise,
        } => {
            f.write_str("CASE")?;
            if let Some(s) = subject {
                write!(f, " {s}")?;
            }
            for (w, t) in whens {
                write!(f, " WHEN {w} THEN {t}")?;
            }
            if let Some(o) = otherwise {
                write!(f, " ELSE {o}")?;
            }
            f.write_str(" END")
        }
        Expr::ListComprehension {
            variable,
            list,
            predicate,
            projection,
        } => {
            f.write_char('[')?;
            var(f, variable)?;
            write!(f, " IN {list}")?;
            if let Some(p) = predicate {
                write!(f, " WHERE {p}")?;
            }
            if let Some(p) = projection {
                write!(f, " | {p}")?;
            }
            f.write_char(']')
        }
        Expr::PatternPredicate(element) => write!(f, "{element}"),
        Expr::Exists {
            pattern,
            where_clause,
        } => {
            write!(f, "EXISTS {{ MATCH {pattern}")?;
            if let Some(w) = where_clause {
                write!(f, " WHERE {w}")?;
            }
            f.write_str(" }")
        }
    }
}

fn map(f: &mut Formatter<'_>, entries: &[(String, Expr)]) -> fmt::Result {
    f.write_char('{')?;
    comma_sep(f, entries, |f, (k, v)| {
        name(f, k)?;
        write!(f, ": {v}")
    })?;
    f.write_char('}')
}

/// An expression printed in a context requiring precedence at least `.1`.
struct ExprAt<'a>(&'a Expr, u8);

impl Display for ExprAt<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        expr(f, self.0, self.1)
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        expr(f, self, 0)
    }
}

fn properties(f: &mut Formatter<'_>, props: &Option<Expr>, space: bool) -> fmt::Result {
    match props {
        None => Ok(()),
        Some(p) => {
            if space {
                f.write_char(' ')?;
            }
            match p {
                Expr::Map(entries) => map(f, entries),
                other => write!(f, "{}", ExprAt(other, prec::ATOM)),
            }
        }
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('(')?;
        if let Some(v) = &self.variable {
            var(f, v)?;
        }
        for l in &self.labels {
            f.write_char(':')?;
            name(f, l)?;
        }
        let space = self.variable.is_some() || !self.labels.is_empty();
        properties(f, &self.properties, space)?;
        f.write_char(')')
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == Direction::Left {
            "<-"
        } else {
            "-"
        })?;
        let bare = self.variable.is_none()
            && self.types.is_empty()
            && self.length.is_none()
            && self.properties.is_none();
        if !bare {
            f.write_char('[')?;
            if let Some(v) = &self.variable {
                var(f, v)?;
            }
            for (i, t) in self.types.iter().enumerate() {
                f.write_char(if i == 0 { ':' } else { '|' })?;
                name(f, t)?;
            }
            if let Some((min, max)) = self.length {
                f.write_char('*')?;
                match (min, max) {
                    (None, None) => {}
                    (Some(a), Some(b)) if a == b => write!(f, "{a}")?,
                    _ => {
                        if let Some(a) = min {
                            write!(f, "{a}")?;
                        }
                        f.write_str("..")?;
                        if let Some(b) = max {
                            write!(f, "{b}")?;
                        }
                    }
                }
            }
            let space = self.variable.is_some() || !self.types.is_empty() || self.length.is_some();
            properties(f, &self.properties, space)?;
            f.write_char(']')?;
        }
        f.write_str(if self.direction == Direction::Right {
            "->"
        } else {
            "-"
        })
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (rel, node) in &self.chain {
            write!(f, "{rel}{node}")?;
        }
        Ok(())
    }
}

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.variable {
            var(f, v)?;
            f.write_str(" = ")?;
        }
        match self.shortest {
            None => write!(f, "{}", self.element),
            Some(Shortest::Shortest) => write!(f, "shortestPath({})", self.element),
            Some(Shortest::All) => write!(f, "allShortestPaths({})", self.element),
        }
    }
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        comma_sep(f, &self.parts, |f, p| write!(f, "{p}"))
    }
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_char('*')?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        comma_sep(f, &self.items, |f, item| {
            write!(f, "{}", item.expr)?;
            if let Some(a) = &item.alias {
                f.write_str(" AS ")?;
                name(f, a)?;
            }
            Ok(())
        })?;
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            comma_sep(f, &self.order_by, |f, s| {
                write!(f, "{}{}", s.expr, if s.descending { " DESC" } else { "" })
            })?;
        }
        if let Some(s) = &self.skip {
            write!(f, " SKIP {s}")?;
        }
        if let Some(l) = &self.limit {
            write!(f, " LIMIT {l}")?;
        }
        Ok(())
    }
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { entity, key, value } => {
                write!(f, "{}.", ExprAt(entity, prec::POSTFIX))?;
                name(f, key)?;
                write!(f, " = {value}")
            }
            SetItem::Replace { variable, value } => {
                var(f, variable)?;
                write!(f, " = {value}")
            }
            SetItem::Extend { variable, value } => {
                var(f, variable)?;
                write!(f, " += {value}")
            }
            SetItem::Labels { variable, labels } => labels_item(f, variable, labels),
        }
    }
}

fn labels_item(f: &mut Formatter<'_>, variable: &str, labels: &[String]) -> fmt::Result {
    var(f, variable)?;
    for l in labels {
        f.write_char(':')?;
        name(f, l)?;
    }
    Ok(())
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Property { entity, key } => {
                write!(f, "{}.", ExprAt(entity, prec::POSTFIX))?;
                name(f, key)
            }
            RemoveItem::Labels { variable, labels } => labels_item(f, variable, labels),
        }
    }
}

fn where_clause(f: &mut Formatter<'_>, w: &Option<Expr>) -> fmt::Result {
    match w {
        Some(w) => write!(f, " WHERE {w}"),
        None => Ok(()),
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match(m) => {
                let optional = if m.optional { "OPTIONAL " } else { "" };
                write!(f, "{optional}MATCH {}", m.pattern)?;
                where_clause(f, &m.where_clause)
            }
            Clause::Unwind(u) => {
                write!(f, "UNWIND {} AS ", u.expr)?;
                var(f, &u.variable)
            }
            Clause::With(w) => {
                write!(f, "WITH {}", w.projection)?;
                where_clause(f, &w.where_clause)
            }
            Clause::Return(p) => write!(f, "RETURN {p}"),
            Clause::Create(p) => write!(f, "CREATE {p}"),
            Clause::Merge(m) => {
                write!(f, "MERGE {}", m.pattern)?;
                for a in &m.actions {
                    let on = if a.on == MergeOn::Create {
                        "CREATE"
                    } else {
                        "MATCH"
                    };
                    write!(f, " ON {on} SET ")?;
                    comma_sep(f, &a.items, |f, i| write!(f, "{i}"))?;
                }
                Ok(())
            }
            Clause::Set(items) => {
                f.write_str("SET ")?;
                comma_sep(f, items, |f, i| write!(f, "{i}"))
            }
            Clause::Remove(items) => {
                f.write_str("REMOVE ")?;
                comma_sep(f, items, |f, i| write!(f, "{i}"))
            }
            Clause::Delete(d) => {
                f.write_str(if d.detach {
                    "DETACH DELETE "
                } else {
                    "DELETE "
                })?;
                comma_sep(f, &d.exprs, |f, e| write!(f, "{e}"))
            }
        }
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, c) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_char(' ')?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                let all = self.union_all.get(i - 1).copied().unwrap_or(false);
                f.write_str(if all { " UNION ALL " } else { " UNION " })?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "printer_tests.rs"]
mod tests;
