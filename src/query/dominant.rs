//! MATCH rows that differ only in a variable the next MATCH compares by one
//! date bound: of such rows only the one with the least (or greatest)
//! bound can matter. In
//! `MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p)
//! WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)`
//! nothing after the first MATCH reads `r1` but `earliest(r1.date)`, on
//! the right of `>`, and the answer ignores repeated rows ([`exists`]): a
//! `p` passes with some `r1` exactly when it passes with the `r1` whose
//! earliest day is least, so one row per `p` goes on instead of one per
//! accusation ([`super::ops::dominant`]).
//!
//! The rule: the MATCH at `i` is followed by a MATCH that may stop at its
//! first match ([`exists::one_row_enough`]) and then its projection; one
//! conjunct of the second MATCH's WHERE compares (`<`, `<=`, `>`, `>=`)
//! `earliest(v.date)` or `latest(v.date)` with an expression free of `v`,
//! and `v` appears nowhere else in that MATCH (its pattern, property maps,
//! other conjuncts) nor in the projection. Rows are told apart by every
//! other variable those read. Bounds are date values or null, and dates
//! are totally ordered, so for `x > bound` the least bound passes whenever
//! any does; a null bound never passes. Conservative: a pattern predicate,
//! `EXISTS` or list comprehension in the second MATCH turns it off.
//!
//! [`exists`]: super::exists

use super::ast::{BinaryOp, Clause, Expr, Pattern};
use super::calls::bound_call;
use super::exists::{one_row_enough, reads, vars};
use super::plan::conjuncts;
use super::write::pattern_vars;
use std::collections::BTreeSet;

/// How rows of one MATCH are thinned before the next.
#[derive(Debug, PartialEq)]
pub struct Dominance<'q> {
    /// The variables that tell rows apart, in name order.
    pub key: Vec<String>,
    /// `earliest(v.date)` or `latest(v.date)`.
    pub bound: &'q Expr,
    /// Keep the row whose bound is least (else greatest).
    pub least: bool,
}

/// How the rows of the MATCH at `clauses[i]` may be thinned, if they may.
pub fn plan(clauses: &[Clause], i: usize) -> Option<Dominance<'_>> {
    let (Some(Clause::Match(m)), Some(Clause::Match(next))) = (clauses.get(i), clauses.get(i + 1))
    else {
        return None;
    };
    if m.optional || !one_row_enough(clauses, i + 1) {
        return None;
    }
    let projection = match clauses.get(i + 2)? {
        Clause::Return(p) => p,
        Clause::With(w) => &w.projection,
        _ => return None,
    };
    let mut later = reads(projection)?;
    later.extend(pattern_vars(&next.pattern));
    later.extend(property_reads(&next.pattern)?);
    let mut parts = Vec::new();
    conjuncts(next.where_clause.as_ref()?, &mut parts);
    for (j, part) in parts.iter().enumerate() {
        for (bound, other, least) in sides(part) {
            let Some((v, _)) = bound_call(bound) else {
                continue;
            };
            let mut key = later.clone();
            for (k, e) in parts.iter().enumerate() {
                key.extend(vars(if k == j { other } else { e })?);
            }
            if !key.contains(v) {
                return Some(Dominance {
                    key: key.into_iter().collect(),
                    bound,
                    least,
                });
            }
        }
    }
    None
}

/// `e` as a comparison seen from either side (the right first): that side,
/// the other, and whether the least value of that side passes whenever
/// any does. Empty for anything but `<`, `<=`, `>`, `>=`.
fn sides(e: &Expr) -> Vec<(&Expr, &Expr, bool)> {
    let Expr::Binary(op, a, b) = e else {
        return Vec::new();
    };
    // `a > b`: the least `b` passes whenever any does.
    let least_right = match op {
        BinaryOp::Gt | BinaryOp::Ge => true,
        BinaryOp::Lt | BinaryOp::Le => false,
        _ => return Vec::new(),
    };
    vec![(&**b, &**a, least_right), (&**a, &**b, !least_right)]
}

/// The variables read by the property maps of `p`.
fn property_reads(p: &Pattern) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for part in &p.parts {
        let element = &part.element;
        let maps = std::iter::once(&element.start.properties).chain(
            element
                .chain
                .iter()
                .flat_map(|(r, n)| [&r.properties, &n.properties]),
        );
        for map in maps.flatten() {
            out.extend(vars(map)?);
        }
    }
    Some(out)
}

#[cfg(test)]
#[path = "dominant_tests.rs"]
mod tests;
