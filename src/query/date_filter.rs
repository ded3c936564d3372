//! Date conditions checked before an element is read: a WHERE conjunct
//! that looks at one pattern variable only through `earliest(v.date)` or
//! `latest(v.date)` (say `earliest(e.date) >= date('1936-01-01')`) is
//! answered from the read file's date column when the matcher reaches a
//! candidate for `v`, and a candidate it rules out is never decoded.
//!
//! This changes no answer: WHERE keeps a binding only when every conjunct
//! is true, so a candidate whose conjunct is false or null would be
//! dropped after matching anyway (and OPTIONAL MATCH only asks whether any
//! binding passed). A conjunct that fails to evaluate keeps the candidate,
//! for the full WHERE to report as before.

use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::QResult;
use super::value::Val;
use crate::model::{Node, Rel};
use crate::query::ast::Expr;
use std::rc::Rc;

/// The conjuncts of a WHERE that qualify, with their variable.
#[derive(Clone, Default)]
pub struct DateFilters(Rc<[(String, Expr)]>);

impl DateFilters {
    /// The qualifying conjuncts of `where_clause`.
    pub fn of(where_clause: Option<&Expr>) -> DateFilters {
        let mut parts = Vec::new();
        if let Some(w) = where_clause {
            super::plan::conjuncts(w, &mut parts);
        }
        let found: Vec<(String, Expr)> = parts
            .into_iter()
            .filter_map(|c| only_bounds_of(c).map(|v| (v, c.clone())))
            .collect();
        DateFilters(found.into())
    }

    /// Whether node `i` of the read file may be bound to `var`.
    pub fn node_may_bind(&self, ctx: &mut Ctx, var: Option<&String>, i: u32) -> QResult<bool> {
        self.may_bind(ctx, var, || {
            Val::Node(Rc::new(Node {
                pos: Some(i),
                ..Node::default()
            }))
        })
    }

    /// Whether relationship `i` of the read file may be bound to `var`.
    pub fn rel_may_bind(&self, ctx: &mut Ctx, var: Option<&String>, i: u32) -> QResult<bool> {
        self.may_bind(ctx, var, || {
            Val::Rel(Rc::new(Rel {
                pos: Some(i),
                ..Rel::default()
            }))
        })
    }

    /// Whether the element `element` makes may be bound to `var` (made
    /// only when a conjunct names `var`).
    fn may_bind(
        &self,
        ctx: &mut Ctx,
        var: Option<&String>,
        element: impl FnOnce() -> Val,
    ) -> QResult<bool> {
        match var.filter(|v| self.0.iter().any(|(w, _)| w == *v)) {
            Some(var) => self.passes(ctx, var, element()),
            None => Ok(true),
        }
    }

    /// Every conjunct on `var`, with `var` bound to an element known by
    /// its position (the date calls read the column, or the record when
    /// the column cannot answer).
    fn passes(&self, ctx: &mut Ctx, var: &str, element: Val) -> QResult<bool> {
        if ctx.positions().is_none() {
            return Ok(true);
        }
        let mut row = Row::new();
        row.insert(var.into(), element);
        for (v, c) in self.0.iter() {
            if v == var && matches!(eval(c, &row, ctx), Ok(x) if !x.is_true()) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The one variable `e` reads, if it reads it only as `x` in
/// `earliest(x.date)` / `latest(x.date)` and reads nothing else but
/// literals and parameters.
fn only_bounds_of(e: &Expr) -> Option<String> {
    let mut var: Option<String> = None;
    let mut ok = true;
    let mut allowed: Vec<*const Expr> = Vec::new();
    super::aggregate::visit(e, &mut |x| match x {
        Expr::FnCall { name, args, .. }
            if matches!(name.to_lowercase().as_str(), "earliest" | "latest") =>
        {
            if let [Expr::Property(base, key)] = args.as_slice() {
                if let (Expr::Var(v), "date") = (&**base, key.as_str()) {
                    allowed.push(&**base as *const Expr);
                    ok &= var.get_or_insert_with(|| v.clone()) == v;
                }
            }
        }
        Expr::Var(_) if allowed.contains(&(x as *const Expr)) => {}
        Expr::Var(_)
        | Expr::PatternPredicate(_)
        | Expr::Exists { .. }
        | Expr::ListComprehension { .. }
        | Expr::CountStar => ok = false,
        Expr::FnCall { name, .. } if super::aggregate::is_aggregate(&name.to_lowercase()) => {
            ok = false
        }
        _ => {}
    });
    var.filter(|_| ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse, Options};

    fn vars(q: &str) -> Vec<String> {
        let q = parse(q).unwrap();
        let crate::query::ast::Clause::Match(m) = &q.parts[0].clauses[0] else {
            panic!("a MATCH first")
        };
        let f = DateFilters::of(m.where_clause.as_ref());
        f.0.iter().map(|(v, _)| v.clone()).collect()
    }

    #[test]
    fn conjuncts_on_one_variables_date_bounds_qualify() {
        assert_eq!(
            vars("MATCH (e)-[r]->(i) WHERE earliest(e.date) >= date('1936') AND latest(e.date) <= date($to) AND i.id = 'x' AND earliest(r.date) < date('1937') RETURN 1"),
            ["e", "e", "r"]
        );
        for q in [
            "MATCH (e)-[r]->() WHERE earliest(e.date) < earliest(r.date) RETURN 1",
            "MATCH (e) WHERE earliest(e.date) < date('1936') OR e.x = 1 RETURN 1",
            "MATCH (e) WHERE year(e.date) = 1936 RETURN 1",
            "MATCH (e) WHERE earliest(e.date_text) = 1 RETURN 1",
            "MATCH (e) WHERE earliest(e.date) IN [x IN [1] | x] RETURN 1",
            "MATCH (e) WHERE exists((e)-->()) AND earliest(e.date) > date('1936') RETURN 1",
        ] {
            let expect: Vec<String> = if q.contains("exists") {
                vec!["e".into()]
            } else {
                vec![]
            };
            assert_eq!(vars(q), expect, "{q}");
        }
    }

    /// Candidates ruled out by the column are not read, and the answers are
    /// those of the same question asked so that nothing qualifies.
    #[test]
    fn a_date_condition_skips_reads_and_keeps_answers() {
        let db = crate::bundled::memory_database();
        let run = |q: &str| {
            let before = db.reads();
            let rows = crate::query::run(&db, q, &Options::default()).unwrap().rows;
            (rows, db.reads() - before)
        };
        let cond =
            "earliest(e.date) >= date('1931-10-01') AND latest(e.date) <= date('1932-12-31')";
        let (fast, fast_reads) = run(&format!(
            "MATCH (e:Event) WHERE {cond} RETURN e.id ORDER BY e.id"
        ));
        let (slow, slow_reads) = run(&format!(
            "MATCH (e:Event) WHERE ({cond}) OR e.nothing = 1 RETURN e.id ORDER BY e.id"
        ));
        assert_eq!(fast, slow);
        assert!(!fast.is_empty());
        assert!(fast_reads < slow_reads, "{fast_reads} against {slow_reads}");
        // Through a relationship, and in OPTIONAL MATCH, alike.
        for q in [
            "MATCH (p:Person)-[r]->(e:Event) WHERE {c} RETURN p.id, e.id ORDER BY p.id, e.id",
            "MATCH (p:Person) OPTIONAL MATCH (p)-[r]->(e:Event) WHERE {c} RETURN p.id, e.id ORDER BY p.id, e.id",
        ] {
            let (fast, _) = run(&q.replace("{c}", cond));
            let (slow, _) = run(&q.replace("{c}", &format!("({cond}) OR e.nothing = 1")));
            assert_eq!(fast, slow, "{q}");
            assert!(!fast.is_empty(), "{q}");
        }
        // A relationship's date, kept and ruled out (every accusation of
        // the bundled data is dated 1931-09/1931-12).
        for (cond, found) in [
            ("latest(r.date) <= date('1931-12-31')", 4),
            ("earliest(r.date) > date('1931-09-01')", 0),
        ] {
            let q = "MATCH (a)-[r:ACCUSED]->(b) WHERE {c} RETURN a.id, b.id ORDER BY a.id, b.id";
            let (fast, _) = run(&q.replace("{c}", cond));
            let (slow, _) = run(&q.replace("{c}", &format!("{cond} OR r.nothing = 1")));
            assert_eq!(fast, slow, "{cond}");
            assert_eq!(fast.len(), found, "{cond}");
        }
    }
}
