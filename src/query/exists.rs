//! MATCHes whose own bindings nothing after them reads, where one match per
//! input row is as good as all of them: the MATCH only says whether a row
//! goes on. In
//! `MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p)
//! WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)`
//! the second MATCH's `r2` is seen by its WHERE only and the projection
//! ignores repeated rows, so the first `r2` that qualifies settles the row.
//!
//! Conservative: the MATCH follows only other (non-optional) MATCHes, the
//! clause after it is the projection, which either is `DISTINCT` without
//! aggregates or aggregates only with `count(DISTINCT x)`,
//! `collect(DISTINCT x)`, `min(x)` or `max(x)` (items that are exactly such
//! calls or free of aggregates), and nothing it reads is a variable the
//! MATCH binds first; no pattern predicate, `exists` or list comprehension
//! appears in it.

use super::aggregate::{contains_aggregate, visit};
use super::ast::{Clause, Expr, Projection};
use super::write::pattern_vars;
use std::collections::BTreeSet;

/// Whether the MATCH at `clauses[i]` may stop at one match per input row.
pub fn one_row_enough(clauses: &[Clause], i: usize) -> bool {
    let Some(Clause::Match(m)) = clauses.get(i) else {
        return false;
    };
    if m.optional {
        return false;
    }
    let mut before = BTreeSet::new();
    for c in &clauses[..i] {
        match c {
            Clause::Match(earlier) if !earlier.optional => {
                before.extend(pattern_vars(&earlier.pattern));
            }
            _ => return false,
        }
    }
    let p = match clauses.get(i + 1) {
        Some(Clause::Return(p)) => p,
        Some(Clause::With(w)) => &w.projection,
        _ => return false,
    };
    let Some(read) = reads(p) else {
        return false;
    };
    let new: BTreeSet<String> = (pattern_vars(&m.pattern).into_iter())
        .filter(|v| !before.contains(v))
        .collect();
    repeats_ignored(p) && read.is_disjoint(&new)
}

/// Whether `p`'s answer is the same when input rows repeat.
fn repeats_ignored(p: &Projection) -> bool {
    if p.star {
        return false;
    }
    let aggregating = p.items.iter().any(|i| contains_aggregate(&i.expr));
    if !aggregating {
        return p.distinct;
    }
    p.items.iter().all(|i| match &i.expr {
        Expr::FnCall {
            name,
            distinct,
            args,
        } if args.len() == 1 => match name.to_lowercase().as_str() {
            "count" | "collect" => *distinct,
            "min" | "max" => true,
            _ => false,
        },
        e => !contains_aggregate(e),
    })
}

/// The variables `p` reads; `None` when it holds what this analysis does
/// not look into.
pub(super) fn reads(p: &Projection) -> Option<BTreeSet<String>> {
    let exprs = (p.items.iter().map(|i| &i.expr))
        .chain(p.order_by.iter().map(|s| &s.expr))
        .chain(p.skip.iter())
        .chain(p.limit.iter());
    let mut out = BTreeSet::new();
    for e in exprs {
        out.extend(vars(e)?);
    }
    Some(out)
}

/// The variables `e` reads; `None` when it holds a pattern predicate,
/// `exists` or a list comprehension, which these analyses do not look
/// into.
pub(super) fn vars(e: &Expr) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut plain = true;
    visit(e, &mut |x| match x {
        Expr::Var(v) => {
            out.insert(v.clone());
        }
        Expr::PatternPredicate(_) | Expr::Exists { .. } | Expr::ListComprehension { .. } => {
            plain = false;
        }
        _ => {}
    });
    plain.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parser::parse;

    fn enough(text: &str, i: usize) -> bool {
        one_row_enough(&parse(text).unwrap().parts[0].clauses, i)
    }

    #[test]
    fn a_match_seen_only_by_its_where_under_a_distinct_projection_stops_early() {
        let q4 = "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) \
                  WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p)";
        assert!(enough(q4, 1));
        // The first MATCH's r1 is read by the second's WHERE.
        assert!(!enough(q4, 0));
        for yes in [
            "MATCH (a) MATCH (a)-[r]->(b) RETURN DISTINCT a.name",
            "MATCH (a) MATCH (a)-[r]->(b) WITH a, min(a.born) AS m, collect(DISTINCT a) AS c RETURN m",
            "MATCH (a)-[r]->(b) RETURN count(DISTINCT 1)",
        ] {
            assert!(enough(yes, if yes.matches("MATCH").count() == 2 { 1 } else { 0 }), "{yes}");
        }
        for no in [
            "MATCH (a) MATCH (a)-[r]->(b) RETURN count(a)",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN count(*)",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN count(DISTINCT b)",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN DISTINCT a, r",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN a.name",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN count(DISTINCT a) + 1",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN DISTINCT a ORDER BY b.name",
            "MATCH (a) OPTIONAL MATCH (a)-[r]->(b) RETURN DISTINCT a",
            "MATCH (a) MATCH p = (a)-[r]->(b) RETURN DISTINCT length(p)",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN DISTINCT [x IN [b] | x]",
            "MATCH (a) MATCH (a)-[r]->(b) RETURN DISTINCT *",
        ] {
            assert!(!enough(no, 1), "{no}");
        }
        assert!(!enough("UNWIND [1] AS x MATCH (a) RETURN DISTINCT x", 1));
    }

    /// The same questions answered by every match (a projection that also
    /// counts the second MATCH's rows reads all of them).
    #[test]
    fn stopping_at_the_first_match_answers_as_every_match() {
        use crate::query::{run, Options, Val};
        let db = crate::render::test_graph::generated(300);
        let ask = |text: &str| run(&db, text, &Options::default()).unwrap().rows;
        let first = "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) \
                     WHERE earliest(r2.date) > earliest(r1.date)";
        let once = ask(&format!(
            "{first} RETURN count(DISTINCT p), min(p.id), max(p.id)"
        ));
        let all = ask(&format!(
            "{first} RETURN count(DISTINCT p), min(p.id), max(p.id), count(r2)"
        ));
        assert_eq!(once[0][..], all[0][..3]);
        assert!(matches!(once[0][0], Val::Int(n) if n > 10), "{once:?}");
        let people = "MATCH (p:Person) MATCH (p)-[:MEMBER_OF]->(i) RETURN DISTINCT p.id";
        let mut distinct = ask(people);
        let mut every = ask(&format!("{people}, count(i) > 0 AS member"));
        every.iter_mut().for_each(|r| r.truncate(1));
        every.dedup();
        distinct.sort_by_key(|r| format!("{r:?}"));
        every.sort_by_key(|r| format!("{r:?}"));
        assert_eq!(distinct, every);
        assert!(distinct.len() > 10);
    }
}
