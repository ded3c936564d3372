//! Date conditions checked before an element is read: a WHERE conjunct
//! that looks at one pattern variable only through `earliest(v.date)` or
//! `latest(v.date)` (say `earliest(e.date) >= date('1936-01-01')`) is
//! answered from the read file's date column when the matcher reaches a
//! candidate for `v`, and a candidate it rules out is never decoded. So is
//! a comparison of two variables' bounds (`earliest(r2.date) >
//! earliest(r1.date)`) on a candidate for one of them once the other is
//! bound, the two days compared as integers; and so is a bound against a
//! constant that is one exact day (`date('1936-01-01')`).
//!
//! This changes no answer: WHERE keeps a binding only when every conjunct
//! is true, so a candidate whose conjunct is false or null would be
//! dropped after matching anyway (and OPTIONAL MATCH only asks whether any
//! binding passed). A conjunct that fails to evaluate keeps the candidate,
//! for the full WHERE to report as before.

use super::calls::{bound_call, column, compare_days, pick};
use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::QResult;
use super::functions;
use super::value::Val;
use crate::date::Day;
use crate::model::{Node, Rel};
use crate::query::ast::{BinaryOp, Expr};
use crate::store::Bounds;
use std::cell::OnceCell;
use std::rc::Rc;

/// `earliest|latest(a.date) op earliest|latest(b.date)` of two variables:
/// checked on a candidate for one of them once the other is bound.
struct Pair {
    op: BinaryOp,
    /// Each side's variable, and whether it asks the earliest day.
    sides: [(String, bool); 2],
}

/// `earliest|latest(v.date) op constant` (either way round): when the
/// constant is one exact day, decided by comparing the column's day with
/// it as integers, with no element or value made.
struct Constant {
    op: BinaryOp,
    /// Whether the call asks the earliest day.
    earliest: bool,
    /// Whether the call is the left operand.
    call_left: bool,
    value: Expr,
    /// The constant's day, once worked out (`None` inside: not one exact
    /// day, so the conjunct is evaluated).
    day: OnceCell<Option<Day>>,
}

/// The conjuncts of a WHERE that qualify: those on one variable, with
/// it (and its constant comparison's shape, when it has one), and
/// comparisons of two variables' bounds.
#[derive(Clone, Default)]
pub struct DateFilters {
    single: Rc<[(String, Expr, Option<Constant>)]>,
    pairs: Rc<[Pair]>,
}

/// A candidate for a variable, known by its read-file position.
#[derive(Clone, Copy)]
pub enum Candidate {
    /// Node `i`.
    Node(u32),
    /// Relationship `i`.
    Rel(u32),
}

impl DateFilters {
    /// The qualifying conjuncts of `where_clause`.
    pub fn of(where_clause: Option<&Expr>) -> DateFilters {
        let mut parts = Vec::new();
        if let Some(w) = where_clause {
            super::plan::conjuncts(w, &mut parts);
        }
        let single: Vec<(String, Expr, Option<Constant>)> = (parts.iter())
            .filter_map(|c| only_bounds_of(c).map(|v| (v, (*c).clone(), constant_of(c))))
            .collect();
        let pairs: Vec<Pair> = parts.iter().filter_map(|c| pair_of(c)).collect();
        DateFilters {
            single: single.into(),
            pairs: pairs.into(),
        }
    }

    /// Whether candidate `c` of the read file may be bound to `var`,
    /// extending the partial match `row`.
    pub fn may_bind(
        &self,
        ctx: &mut Ctx,
        var: Option<&String>,
        c: Candidate,
        row: &Row,
    ) -> QResult<bool> {
        let Some(var) = var else { return Ok(true) };
        if ctx.positions().is_none() {
            return Ok(true);
        }
        if self.single.iter().any(|(w, ..)| w == var) && !self.passes(ctx, var, c)? {
            return Ok(false);
        }
        Ok(self
            .pairs
            .iter()
            .all(|p| pair_may_hold(ctx, p, var, c, row)))
    }

    /// Every conjunct on `var` alone, with `var` bound to the candidate
    /// (the date calls read the column, or the record when the column
    /// cannot answer).
    fn passes(&self, ctx: &mut Ctx, var: &str, c: Candidate) -> QResult<bool> {
        let mut row: Option<Row> = None;
        for (v, cond, constant) in self.single.iter() {
            if v != var {
                continue;
            }
            if let Some(decided) = constant.as_ref().and_then(|k| k.decide(ctx, c)) {
                if !decided {
                    return Ok(false);
                }
                continue;
            }
            let row = row.get_or_insert_with(|| {
                let element = match c {
                    Candidate::Node(i) => Val::Node(Rc::new(Node {
                        pos: Some(i),
                        ..Node::default()
                    })),
                    Candidate::Rel(i) => Val::Rel(Rc::new(Rel {
                        pos: Some(i),
                        ..Rel::default()
                    })),
                };
                let mut row = Row::new();
                row.insert(var.into(), element);
                row
            });
            if matches!(eval(cond, row, ctx), Ok(x) if !x.is_true()) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl Constant {
    /// Whether the comparison holds for candidate `c`, when the column and
    /// the constant answer it (`None`: evaluate it).
    fn decide(&self, ctx: &mut Ctx, c: Candidate) -> Option<bool> {
        let day = match self.day.get() {
            Some(day) => *day,
            None => {
                let day = exact_day(&eval(&self.value, &Row::new(), ctx).ok()?);
                *self.day.get_or_init(|| day)
            }
        }?;
        let snap = ctx.positions()?;
        let bounds = match c {
            Candidate::Node(i) => snap.node_bounds(i),
            Candidate::Rel(i) => snap.rel_bounds(i),
        };
        // An open bound makes the call null, and the comparison with it.
        let mine = pick(bounds.ok()?, self.earliest)?;
        let (x, y) = if self.call_left {
            (mine, Some(day))
        } else {
            (Some(day), mine)
        };
        Some(compare_days(self.op, x, y) == Some(true))
    }
}

/// The day of `v` when it is one exact day, as `earliest()` and `latest()`
/// make days (a date of any other precision or with a qualifier is not).
fn exact_day(v: &Val) -> Option<Day> {
    let Val::Date(d) = v else {
        return None;
    };
    let day = d.earliest()?;
    (functions::day_val(day) == *v).then_some(day)
}

/// `earliest|latest(v.date) op e` or `e op earliest|latest(v.date)` where
/// `e` reads no variable.
fn constant_of(e: &Expr) -> Option<Constant> {
    let Expr::Binary(op, a, b) = e else {
        return None;
    };
    use BinaryOp::*;
    if !matches!(op, Eq | Neq | Lt | Gt | Le | Ge) {
        return None;
    }
    let (call_left, (_, earliest), value) = match (bound_call(a), bound_call(b)) {
        (Some(call), None) => (true, call, b),
        (None, Some(call)) => (false, call, a),
        _ => return None,
    };
    let mut constant = true;
    super::aggregate::visit(value, &mut |x| {
        if !matches!(x, Expr::Literal(_) | Expr::Param(_) | Expr::FnCall { .. }) {
            constant = false;
        }
    });
    constant.then(|| Constant {
        op: *op,
        earliest,
        call_left,
        value: (**value).clone(),
        day: OnceCell::new(),
    })
}

/// Whether the comparison `p` may hold with `var` bound to candidate `c`
/// and its other variable as `row` binds it: false only when the column
/// answers both sides and the comparison is false or null (anything it
/// cannot answer, a damaged file included, is left to WHERE).
fn pair_may_hold(ctx: &Ctx, p: &Pair, var: &str, c: Candidate, row: &Row) -> bool {
    let Some(k) = p.sides.iter().position(|(v, _)| v == var) else {
        return true;
    };
    let other = &p.sides[1 - k];
    let Some(bound) = row.get(other.0.as_str()) else {
        return true;
    };
    let Ok(Some(theirs)) = column(ctx, bound) else {
        return true;
    };
    let Some(snap) = ctx.positions() else {
        return true;
    };
    let mine = match c {
        Candidate::Node(i) => snap.node_bounds(i),
        Candidate::Rel(i) => snap.rel_bounds(i),
    }
    .unwrap_or(Bounds::Unknown);
    let (Some(mine), Some(theirs)) = (pick(mine, p.sides[k].1), pick(theirs, other.1)) else {
        return true;
    };
    let (x, y) = if k == 0 {
        (mine, theirs)
    } else {
        (theirs, mine)
    };
    compare_days(p.op, x, y) == Some(true)
}

/// A comparison of two different variables' date bounds.
fn pair_of(e: &Expr) -> Option<Pair> {
    let Expr::Binary(op, a, b) = e else {
        return None;
    };
    use BinaryOp::*;
    if !matches!(op, Eq | Neq | Lt | Gt | Le | Ge) {
        return None;
    }
    let side = |e| bound_call(e).map(|(v, earliest)| (v.to_string(), earliest));
    let sides = [side(a)?, side(b)?];
    (sides[0].0 != sides[1].0).then_some(Pair { op: *op, sides })
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

    impl std::fmt::Debug for Pair {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?} {:?}", self.op, self.sides)
        }
    }

    fn vars(q: &str) -> Vec<String> {
        let q = parse(q).unwrap();
        let crate::query::ast::Clause::Match(m) = &q.parts[0].clauses[0] else {
            panic!("a MATCH first")
        };
        let f = DateFilters::of(m.where_clause.as_ref());
        f.single.iter().map(|(v, ..)| v.clone()).collect()
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

    #[test]
    fn comparisons_of_two_variables_bounds_qualify_as_pairs() {
        let q = parse("MATCH (a)-[r]->(b) WHERE earliest(r.date) < latest(b.date) AND earliest(a.date) = earliest(a.date) AND earliest(r.date) + 1 > earliest(b.date) RETURN 1").unwrap();
        let crate::query::ast::Clause::Match(m) = &q.parts[0].clauses[0] else {
            panic!("a MATCH first")
        };
        let f = DateFilters::of(m.where_clause.as_ref());
        let pairs: Vec<_> = f.pairs.iter().map(|p| (p.op, p.sides.clone())).collect();
        assert_eq!(
            pairs,
            [(
                BinaryOp::Lt,
                [("r".to_string(), true), ("b".to_string(), false)]
            )]
        );
    }

    /// Comparisons of two elements' bounds answered from the column (in
    /// WHERE and before the read) give what the values compared give: a
    /// list index hides the calls from both shortcuts.
    /// A bound compared with a constant day as integers answers as the
    /// date values do; constants of other precisions, with qualifiers, or
    /// not dates at all are evaluated (a list index hides the call).
    #[test]
    fn bounds_compared_with_a_constant_day_agree_with_date_values() {
        let db = crate::render::test_graph::generated(300);
        let run = |q: &str| crate::query::run(&db, q, &Options::default()).unwrap().rows;
        let mut nonempty = 0;
        for op in ["<", "<=", ">", ">=", "=", "<>"] {
            for call in ["earliest", "latest"] {
                for constant in [
                    "date('1936-03-01')",
                    "date('1937-07-15')",
                    "date('1936-05')",
                    "date('1937')",
                    "date('1936-03-01?')",
                    "date('1936/1937')",
                    "'1936-03-01'",
                    "null",
                ] {
                    for (fast, slow) in [
                        (
                            format!("{call}(e.date) {op} {constant}"),
                            format!("[{call}(e.date)][0] {op} {constant}"),
                        ),
                        (
                            format!("{constant} {op} {call}(e.date)"),
                            format!("{constant} {op} [{call}(e.date)][0]"),
                        ),
                    ] {
                        let q = "MATCH (e:Event) WHERE {c} RETURN e.id ORDER BY e.id";
                        let a = run(&q.replace("{c}", &fast));
                        assert_eq!(a, run(&q.replace("{c}", &slow)), "{fast}");
                        nonempty += usize::from(!a.is_empty());
                    }
                }
            }
        }
        assert!(nonempty > 40, "{nonempty}");
    }

    #[test]
    fn bounds_compared_as_days_agree_with_date_values() {
        let db = crate::bundled::memory_database();
        let run = |q: &str| crate::query::run(&db, q, &Options::default()).unwrap().rows;
        let mut nonempty = 0;
        for op in ["<", "<=", ">", ">=", "=", "<>"] {
            for (x, y) in [
                ("earliest", "earliest"),
                ("latest", "earliest"),
                ("earliest", "latest"),
            ] {
                for q in [
                    "MATCH (a)-[r1:ACCUSED]->(b) MATCH (b)-[r2]->(e:Event) WHERE {c} RETURN a.id, b.id, e.id ORDER BY a.id, b.id, e.id",
                    "MATCH (e1:Event)<-[r1]-(p:Person)-[r2]->(e2:Event) WHERE {c} RETURN p.id, e1.id, e2.id ORDER BY p.id, e1.id, e2.id",
                ] {
                    let (l, r) = if q.contains("e1") { ("e1", "e2") } else { ("r1", "r2") };
                    let fast = run(&q.replace("{c}", &format!("{x}({l}.date) {op} {y}({r}.date)")));
                    let slow = run(&q.replace(
                        "{c}",
                        &format!("[{x}({l}.date)][0] {op} [{y}({r}.date)][0]"),
                    ));
                    assert_eq!(fast, slow, "{op} {x} {y}: {q}");
                    nonempty += usize::from(!fast.is_empty());
                }
            }
        }
        assert!(nonempty > 10, "{nonempty}");
        // A node the comparison rules out is not read (each person's
        // events, and the events of theirs that began after one ended).
        let reads = |c: &str| {
            let before = db.reads();
            let q = format!("MATCH (p:Person)-->(e1:Event) MATCH (p)-->(e2) WHERE {c} RETURN p.id, e1.id, e2.id, e2.kind ORDER BY p.id, e1.id, e2.id");
            let rows = run(&q);
            (rows, db.reads() - before)
        };
        let (fast, fast_reads) = reads("earliest(e2.date) > latest(e1.date)");
        let (slow, slow_reads) = reads("[earliest(e2.date)][0] > [latest(e1.date)][0]");
        assert_eq!(fast, slow);
        assert!(!fast.is_empty());
        assert!(fast_reads < slow_reads, "{fast_reads} against {slow_reads}");
    }
}
