//! The planner: which node of a pattern to start from, and which WHERE
//! equalities (`n.id = ...`, `n.name = ...`, `id(n) = ...`) can narrow the
//! start to an index lookup.

use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::QResult;
use super::value::Val;
use crate::query::ast::{BinaryOp, Expr, NodePattern, Pattern, PatternElement};
use std::collections::BTreeMap;

/// Equalities from WHERE usable as starting points: variable → (key, value expression).
pub type Hints = BTreeMap<String, Vec<(String, Expr)>>;

/// Whether an expression reads no variables (literals, parameters, functions of them).
fn is_constant(e: &Expr) -> bool {
    let mut constant = true;
    super::aggregate::visit(e, &mut |x| {
        if matches!(
            x,
            Expr::Var(_)
                | Expr::PatternPredicate(_)
                | Expr::Exists { .. }
                | Expr::ListComprehension { .. }
        ) {
            constant = false;
        }
    });
    constant
}

/// The parts of `e` joined by AND, in order.
pub(super) fn conjuncts<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match e {
        Expr::Binary(BinaryOp::And, a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        other => out.push(other),
    }
}

/// The start hints in a WHERE clause.
pub fn hints(where_clause: Option<&Expr>) -> Hints {
    let mut out = Hints::new();
    let Some(w) = where_clause else { return out };
    let mut parts = Vec::new();
    conjuncts(w, &mut parts);
    for c in parts {
        let Expr::Binary(BinaryOp::Eq, a, b) = c else {
            continue;
        };
        for (lhs, rhs) in [(a, b), (b, a)] {
            if !is_constant(rhs) {
                continue;
            }
            match &**lhs {
                Expr::Property(inner, key) if key == "id" || key == "name" => {
                    if let Expr::Var(v) = &**inner {
                        out.entry(v.clone())
                            .or_default()
                            .push((key.clone(), (**rhs).clone()));
                    }
                }
                Expr::FnCall { name, args, .. }
                    if name.eq_ignore_ascii_case("id") && args.len() == 1 =>
                {
                    if let Expr::Var(v) = &args[0] {
                        // `id(v)` is the element's key in either schema.
                        out.entry(v.clone())
                            .or_default()
                            .push(("key".into(), (**rhs).clone()));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The `id` and `name` a pattern node must have (inline map or WHERE hints).
pub fn fixed_props(
    np: &NodePattern,
    row: &Row,
    hints: &Hints,
    ctx: &mut Ctx,
) -> QResult<BTreeMap<String, Val>> {
    let mut out = BTreeMap::new();
    if let Some(Expr::Map(entries)) = &np.properties {
        for (k, e) in entries {
            if (k == "id" || k == "name") && is_constant(e) {
                out.insert(k.clone(), eval(e, row, ctx)?);
            }
        }
    }
    if let Some(v) = &np.variable {
        for (k, e) in hints.get(v).into_iter().flatten() {
            if !out.contains_key(k) {
                out.insert(k.clone(), eval(e, row, ctx)?);
            }
        }
    }
    Ok(out)
}

/// How selective starting at `np` is (lower is better).
fn score(np: &NodePattern, bound: &dyn Fn(&str) -> bool, hints: &Hints) -> u8 {
    if np.variable.as_ref().is_some_and(|v| bound(v)) {
        return 0;
    }
    let inline = |key: &str| matches!(&np.properties, Some(Expr::Map(entries)) if entries.iter().any(|(k, e)| k == key && is_constant(e)));
    let hinted = |key: &str| {
        np.variable
            .as_ref()
            .and_then(|v| hints.get(v))
            .is_some_and(|h| h.iter().any(|(k, _)| k == key))
    };
    if inline("id") || hinted("id") || hinted("key") {
        1
    } else if inline("name") || hinted("name") {
        2
    } else if !np.labels.is_empty() {
        3
    } else {
        4
    }
}

/// The position in a chain to start matching from.
pub fn anchor(el: &PatternElement, row: &Row, hints: &Hints) -> usize {
    let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
    let mut best = (u8::MAX, 0);
    for (i, np) in nodes.enumerate() {
        let s = score(np, &|v| row.contains_key(v), hints);
        if s < best.0 {
            best = (s, i);
        }
    }
    best.1
}

/// The order to match a pattern's parts in: greedily the most selective
/// next, counting the variables of the row and of earlier parts as bound.
pub fn order_parts(pattern: &Pattern, row: &Row, hints: &Hints) -> Vec<usize> {
    if pattern.parts.len() == 1 {
        return vec![0];
    }
    // Variables earlier parts bind, beside those of the row.
    let mut bound: Vec<&str> = Vec::new();
    let mut left: Vec<usize> = (0..pattern.parts.len()).collect();
    let mut order = Vec::new();
    while !left.is_empty() {
        let is_bound = |v: &str| row.contains_key(v) || bound.contains(&v);
        let best = |i: usize| {
            let el = &pattern.parts[i].element;
            std::iter::once(&el.start)
                .chain(el.chain.iter().map(|(_, n)| n))
                .map(|np| score(np, &is_bound, hints))
                .min()
                .unwrap_or(4)
        };
        let pick = left
            .iter()
            .enumerate()
            .min_by_key(|(_, &i)| best(i))
            .map(|(k, _)| k)
            .unwrap_or(0);
        let i = left.remove(pick);
        let el = &pattern.parts[i].element;
        for np in std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n)) {
            if let Some(v) = &np.variable {
                bound.push(v);
            }
        }
        order.push(i);
    }
    order
}
