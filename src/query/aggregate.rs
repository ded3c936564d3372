//! Aggregate functions (`count`, `collect`, `min`, `max`, `sum`, `avg`) and
//! the grouping of RETURN/WITH rows by their non-aggregate items.

use super::failure::{QResult, QueryError};
use super::group_key::{group_key, key_by_pos, Key};
use super::value::{compare, order, Val};
use crate::query::ast::Expr;
use foldhash::HashSet;
use std::cmp::Ordering;

/// Whether a function name (lower case) is an aggregate.
pub fn is_aggregate(lower: &str) -> bool {
    matches!(lower, "count" | "collect" | "min" | "max" | "sum" | "avg")
}

/// Whether an expression contains an aggregate (outside list comprehensions' own scope).
pub fn contains_aggregate(e: &Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if matches!(x, Expr::CountStar)
            || matches!(x, Expr::FnCall { name, .. } if is_aggregate(&name.to_lowercase()))
        {
            found = true;
        }
    });
    found
}

/// Calls `f` on `e` and every subexpression.
pub fn visit<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    f(e);
    match e {
        Expr::Property(x, _) | Expr::Unary(_, x) => visit(x, f),
        Expr::IsNull { expr, .. } | Expr::HasLabels { expr, .. } => visit(expr, f),
        Expr::Binary(_, a, b) => {
            visit(a, f);
            visit(b, f);
        }
        Expr::FnCall { args, .. } | Expr::List(args) => args.iter().for_each(|a| visit(a, f)),
        Expr::Map(entries) => entries.iter().for_each(|(_, a)| visit(a, f)),
        Expr::Index { expr, index } => {
            visit(expr, f);
            visit(index, f);
        }
        Expr::Slice { expr, from, to } => {
            visit(expr, f);
            from.iter().chain(to.iter()).for_each(|x| visit(x, f));
        }
        Expr::Case {
            subject,
            whens,
            otherwise,
        } => {
            subject
                .iter()
                .chain(otherwise.iter())
                .for_each(|x| visit(x, f));
            for (w, t) in whens {
                visit(w, f);
                visit(t, f);
            }
        }
        Expr::ListComprehension {
            list,
            predicate,
            projection,
            ..
        } => {
            visit(list, f);
            predicate
                .iter()
                .chain(projection.iter())
                .for_each(|x| visit(x, f));
        }
        _ => {}
    }
}

/// What an aggregate computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Count,
    Collect,
    Min,
    Max,
    Sum,
    Avg,
}

/// The running state of one aggregate over one group.
#[derive(Clone)]
pub struct Accumulator {
    kind: Kind,
    distinct: bool,
    /// Elements keyed by position (see [`key_by_pos`]).
    by_pos: bool,
    seen: HashSet<Key>,
    /// Elements seen, by position: nodes as `i`, relationships as `1 << 32 | i`.
    seen_at: HashSet<u64>,
    count: i64,
    items: Vec<Val>,
    best: Option<Val>,
    sum_int: Option<i64>,
    sum_float: f64,
    float: bool,
}

impl Accumulator {
    /// An accumulator for `name` (lower case); `count(*)` is `count` over
    /// non-null markers. `by_pos`: DISTINCT knows elements by position.
    pub fn new(name: &str, distinct: bool, by_pos: bool) -> Accumulator {
        let kind = match name {
            "collect" => Kind::Collect,
            "min" => Kind::Min,
            "max" => Kind::Max,
            "sum" => Kind::Sum,
            "avg" => Kind::Avg,
            _ => Kind::Count,
        };
        Accumulator {
            kind,
            distinct,
            by_pos,
            seen: HashSet::default(),
            seen_at: HashSet::default(),
            count: 0,
            items: Vec::new(),
            best: None,
            sum_int: Some(0),
            sum_float: 0.0,
            float: false,
        }
    }

    /// Adds one value (nulls are skipped, as in Cypher).
    pub fn add(&mut self, v: Val) -> QResult<()> {
        if v.is_null() {
            return Ok(());
        }
        if self.distinct && !self.first_sight(&v) {
            return Ok(());
        }
        self.count += 1;
        match self.kind {
            Kind::Count => {}
            Kind::Collect => self.items.push(v),
            Kind::Min | Kind::Max => {
                let better = match &self.best {
                    None => true,
                    Some(b) => {
                        let o = compare(&v, b).unwrap_or_else(|| order(&v, b));
                        if self.kind == Kind::Min {
                            o == Ordering::Less
                        } else {
                            o == Ordering::Greater
                        }
                    }
                };
                if better {
                    self.best = Some(v);
                }
            }
            Kind::Sum | Kind::Avg => match v {
                Val::Int(i) => {
                    self.sum_int = self.sum_int.and_then(|s| s.checked_add(i));
                    self.sum_float += i as f64;
                }
                Val::Float(f) => {
                    self.float = true;
                    self.sum_float += f;
                }
                v => {
                    return Err(QueryError::Type(format!(
                        "{}() needs numbers, not a {}",
                        if self.kind == Kind::Sum { "sum" } else { "avg" },
                        v.type_name()
                    )))
                }
            },
        }
        Ok(())
    }

    /// Whether DISTINCT sees `v` for the first time.
    fn first_sight(&mut self, v: &Val) -> bool {
        if !self.by_pos {
            return self.seen.insert(group_key(v));
        }
        match key_by_pos(v) {
            Key::NodeAt(i) => self.seen_at.insert(u64::from(i)),
            Key::RelAt(i) => self.seen_at.insert(1 << 32 | u64::from(i)),
            key => self.seen.insert(key),
        }
    }

    /// The aggregate's value.
    pub fn finish(self) -> Val {
        match self.kind {
            Kind::Count => Val::Int(self.count),
            Kind::Collect => Val::list(self.items),
            Kind::Min | Kind::Max => self.best.unwrap_or(Val::Null),
            Kind::Sum => match (self.float, self.sum_int) {
                (false, Some(i)) => Val::Int(i),
                _ => Val::Float(self.sum_float),
            },
            Kind::Avg => {
                if self.count == 0 {
                    Val::Null
                } else {
                    Val::Float(self.sum_float / self.count as f64)
                }
            }
        }
    }
}
