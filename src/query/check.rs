//! Static checks before a query runs: every variable is bound where it is
//! used, every function exists, aggregates stand where they may. Errors
//! point at the offending word in the source.

use super::aggregate::{is_aggregate, visit};
use super::failure::{at_word, QResult, QueryError};
use super::functions::NAMES;
use super::write::pattern_vars;
use crate::query::ast::{
    Clause, Expr, Pattern, PatternElement, Projection, Query, RemoveItem, SetItem,
};
use std::collections::BTreeSet;

type Scope = BTreeSet<String>;

/// Checks a parsed query against its source text.
pub fn check(q: &Query, source: &str) -> QResult<()> {
    if q.union_all.windows(2).any(|w| w[0] != w[1]) {
        return Err(QueryError::Semantic(
            "a query cannot mix UNION and UNION ALL".into(),
        ));
    }
    for part in &q.parts {
        let mut scope = Scope::new();
        for clause in &part.clauses {
            clause_check(clause, &mut scope, source)?;
        }
    }
    Ok(())
}

fn clause_check(c: &Clause, scope: &mut Scope, src: &str) -> QResult<()> {
    match c {
        Clause::Match(m) => {
            bind_pattern(&m.pattern, scope);
            pattern_exprs(&m.pattern, scope, src)?;
            if let Some(w) = &m.where_clause {
                expr(w, scope, src, false)?;
            }
        }
        Clause::Unwind(u) => {
            expr(&u.expr, scope, src, false)?;
            scope.insert(u.variable.clone());
        }
        Clause::With(w) => {
            if let Some(item) = w
                .projection
                .items
                .iter()
                .find(|i| i.alias.is_none() && !matches!(i.expr, Expr::Var(_)))
            {
                let text = item.expr.to_string();
                return Err(QueryError::Semantic(format!(
                    "expression in WITH must be aliased (use AS): {text} AS ..."
                )));
            }
            *scope = projection(&w.projection, scope, src)?;
            if let Some(cond) = &w.where_clause {
                expr(cond, scope, src, false)?;
            }
        }
        Clause::Return(p) => {
            projection(p, scope, src)?;
        }
        Clause::Create(p) => {
            bind_pattern(p, scope);
            pattern_exprs(p, scope, src)?;
        }
        Clause::Merge(m) => {
            let p = Pattern {
                parts: vec![m.pattern.clone()],
            };
            bind_pattern(&p, scope);
            pattern_exprs(&p, scope, src)?;
            for a in &m.actions {
                for item in &a.items {
                    set_item(item, scope, src)?;
                }
            }
        }
        Clause::Set(items) => {
            for item in items {
                set_item(item, scope, src)?;
            }
        }
        Clause::Remove(items) => {
            for item in items {
                match item {
                    RemoveItem::Property { entity, .. } => expr(entity, scope, src, false)?,
                    RemoveItem::Labels { variable, .. } => var(variable, scope, src)?,
                }
            }
        }
        Clause::Delete(d) => {
            for e in &d.exprs {
                expr(e, scope, src, false)?;
            }
        }
    }
    Ok(())
}

fn set_item(item: &SetItem, scope: &Scope, src: &str) -> QResult<()> {
    match item {
        SetItem::Property { entity, value, .. } => {
            expr(entity, scope, src, false)?;
            expr(value, scope, src, false)
        }
        SetItem::Replace { variable, value } | SetItem::Extend { variable, value } => {
            var(variable, scope, src)?;
            expr(value, scope, src, false)
        }
        SetItem::Labels { variable, .. } => var(variable, scope, src),
    }
}

fn projection(p: &Projection, scope: &Scope, src: &str) -> QResult<Scope> {
    let mut next = if p.star { scope.clone() } else { Scope::new() };
    let mut columns = Scope::new();
    for item in &p.items {
        expr(&item.expr, scope, src, true)?;
        let column = match (&item.alias, &item.expr) {
            (Some(a), _) => a.clone(),
            (None, Expr::Var(v)) => v.clone(),
            (None, e) => e.to_string(),
        };
        if !columns.insert(column.clone()) {
            return Err(QueryError::Semantic(format!(
                "two columns have the same name `{column}`: give one another alias with AS"
            )));
        }
        next.insert(column);
    }
    let mut order_scope = scope.clone();
    order_scope.extend(next.iter().cloned());
    for s in &p.order_by {
        expr(&s.expr, &order_scope, src, true)?;
    }
    for e in p.skip.iter().chain(p.limit.iter()) {
        expr(e, &Scope::new(), src, false)?;
    }
    Ok(next)
}

fn bind_pattern(p: &Pattern, scope: &mut Scope) {
    scope.extend(pattern_vars(p));
}

fn pattern_exprs(p: &Pattern, scope: &Scope, src: &str) -> QResult<()> {
    for part in &p.parts {
        element_exprs(&part.element, scope, src)?;
    }
    Ok(())
}

fn element_exprs(el: &PatternElement, scope: &Scope, src: &str) -> QResult<()> {
    let mut inner = scope.clone();
    inner.extend(pattern_vars(&Pattern {
        parts: vec![crate::query::ast::PatternPart {
            variable: None,
            element: el.clone(),
            shortest: None,
        }],
    }));
    for e in el.start.properties.iter().chain(
        el.chain
            .iter()
            .flat_map(|(r, n)| r.properties.iter().chain(n.properties.iter())),
    ) {
        expr(e, &inner, src, false)?;
    }
    Ok(())
}

fn var(name: &str, scope: &Scope, src: &str) -> QResult<()> {
    if scope.contains(name) {
        Ok(())
    } else {
        Err(at_word(src, name, format!("unknown variable `{name}`")))
    }
}

fn expr(e: &Expr, scope: &Scope, src: &str, aggregates_ok: bool) -> QResult<()> {
    let mut err: Option<QueryError> = None;
    match e {
        Expr::ListComprehension {
            variable,
            list,
            predicate,
            projection,
        } => {
            expr(list, scope, src, aggregates_ok)?;
            let mut inner = scope.clone();
            inner.insert(variable.clone());
            for x in predicate.iter().chain(projection.iter()) {
                expr(x, &inner, src, false)?;
            }
            return Ok(());
        }
        Expr::PatternPredicate(el) => return element_exprs(el, scope, src),
        Expr::Exists {
            pattern,
            where_clause,
        } => {
            let mut inner = scope.clone();
            bind_pattern(pattern, &mut inner);
            pattern_exprs(pattern, &inner, src)?;
            if let Some(w) = where_clause {
                expr(w, &inner, src, false)?;
            }
            return Ok(());
        }
        _ => {}
    }
    // Check this node, then recurse into children through their own rules.
    match e {
        Expr::Var(v) => var(v, scope, src)?,
        Expr::FnCall { name, args, .. } => {
            let lower = name.to_lowercase();
            if is_aggregate(&lower) {
                if !aggregates_ok {
                    return Err(at_word(
                        src,
                        name,
                        format!("aggregate function {name}(...) is only allowed in RETURN or WITH"),
                    ));
                }
                for a in args {
                    expr(a, scope, src, false)?;
                }
                return Ok(());
            }
            if !NAMES.contains(&lower.as_str()) {
                return Err(at_word(src, name, format!("unknown function {name}()")));
            }
        }
        Expr::CountStar if !aggregates_ok => {
            return Err(QueryError::Semantic(
                "count(*) is only allowed in RETURN or WITH".into(),
            ))
        }
        _ => {}
    }
    let mut children: Vec<&Expr> = Vec::new();
    let mut first = true;
    visit(e, &mut |x| {
        if first {
            first = false;
        } else {
            children.push(x);
        }
    });
    // `visit` yields all descendants; check only direct structure via recursion on
    // the ones that need their own scope handling, and plain checks for the rest.
    for c in children {
        match c {
            // A variable introduced by an enclosing list comprehension is checked there.
            Expr::Var(v) if !scope.contains(v) && !in_comprehension(e, v) => {
                err.get_or_insert(at_word(src, v, format!("unknown variable `{v}`")));
            }
            Expr::FnCall { name, .. } => {
                let lower = name.to_lowercase();
                if is_aggregate(&lower) && !aggregates_ok {
                    err.get_or_insert(at_word(
                        src,
                        name,
                        format!("aggregate function {name}(...) is only allowed in RETURN or WITH"),
                    ));
                } else if !is_aggregate(&lower) && !NAMES.contains(&lower.as_str()) {
                    err.get_or_insert(at_word(src, name, format!("unknown function {name}()")));
                }
            }
            Expr::PatternPredicate(el) => element_exprs(el, scope, src)?,
            Expr::CountStar if !aggregates_ok => {
                err.get_or_insert(QueryError::Semantic(
                    "count(*) is only allowed in RETURN or WITH".into(),
                ));
            }
            _ => {}
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Whether `v` is the variable of a list comprehension inside `e`.
fn in_comprehension(e: &Expr, v: &str) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if let Expr::ListComprehension { variable, .. } = x {
            if variable == v {
                found = true;
            }
        }
    });
    found
}
