//! Expression evaluation with openCypher semantics: null propagation,
//! three-valued logic, numeric promotion, dates compared by EDTF order.

use super::context::Ctx;
use super::failure::{QResult, QueryError};
use super::functions;
use super::pattern;
use super::value::{compare, equals, Val};
use crate::model::Schema;
use crate::query::ast::{BinaryOp, Expr, Literal, UnaryOp};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

pub use super::row::Row;

/// Evaluates `expr` in `row`.
pub fn eval(expr: &Expr, row: &Row, ctx: &mut Ctx) -> QResult<Val> {
    Ok(match expr {
        Expr::Literal(l) => literal(l),
        Expr::Param(name) => ctx
            .params
            .get(name)
            .cloned()
            .ok_or_else(|| QueryError::Semantic(format!("missing parameter ${name}: give it with --param {name}=VALUE or --params '{{\"{name}\": ...}}'")))?,
        Expr::Var(name) => row.get(name.as_str()).cloned().ok_or_else(|| QueryError::Semantic(format!("unknown variable `{name}`")))?,
        Expr::Property(e, key) => {
            let v = eval(e, row, ctx)?;
            let v = ctx.refresh(&v)?;
            let v = if key == "id" { ctx.with_id_prop(v)? } else { v };
            property(&v, key, ctx.schema)?
        }
        Expr::Binary(op, a, b) => binary(*op, a, b, row, ctx)?,
        Expr::Unary(op, e) => {
            let v = eval(e, row, ctx)?;
            match (op, v) {
                (_, Val::Null) => Val::Null,
                (UnaryOp::Not, Val::Bool(b)) => Val::Bool(!b),
                (UnaryOp::Neg, Val::Int(i)) => Val::Int(i.checked_neg().ok_or_else(|| QueryError::Type("integer overflow".into()))?),
                (UnaryOp::Neg, Val::Float(f)) => Val::Float(-f),
                (UnaryOp::Pos, v @ (Val::Int(_) | Val::Float(_))) => v,
                (op, v) => return Err(QueryError::Type(format!("cannot apply {op:?} to a {}", v.type_name()))),
            }
        }
        Expr::IsNull { expr, negated } => Val::Bool(eval(expr, row, ctx)?.is_null() != *negated),
        Expr::HasLabels { expr, labels } => match refreshed(expr, row, ctx)? {
            Val::Null => Val::Null,
            Val::Node(n) => Val::Bool(labels.iter().all(|l| n.has_label(l))),
            Val::Rel(r) => Val::Bool(labels.iter().all(|l| r.rel_type == l)),
            v => return Err(QueryError::Type(format!("labels can be tested on nodes, not on a {}", v.type_name()))),
        },
        Expr::FnCall { name, distinct: _, args } => {
            // Names are usually written in lower case already.
            let lower: std::borrow::Cow<str> = if name.bytes().any(|b| b.is_ascii_uppercase()) || !name.is_ascii() {
                name.to_lowercase().into()
            } else {
                name.as_str().into()
            };
            let lower = lower.as_ref();
            if super::aggregate::is_aggregate(lower) {
                return Err(QueryError::Semantic(format!("aggregate function {name}(...) is only allowed in RETURN or WITH")));
            }
            if lower == "exists" && args.len() == 1 {
                if let Expr::PatternPredicate(p) = &args[0] {
                    return Ok(Val::Bool(pattern::exists(ctx, p, None, row)?));
                }
                return Ok(Val::Bool(!eval(&args[0], row, ctx)?.is_null()));
            }
            super::calls::call(expr, name, lower, args, row, ctx)?
        }
        Expr::CountStar => return Err(QueryError::Semantic("count(*) is only allowed in RETURN or WITH".into())),
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(eval(i, row, ctx)?);
            }
            Val::list(out)
        }
        Expr::Map(entries) => {
            let mut out = BTreeMap::new();
            for (k, e) in entries {
                out.insert(k.clone(), eval(e, row, ctx)?);
            }
            Val::Map(Rc::new(out))
        }
        Expr::Index { expr, index } => {
            let v = eval(expr, row, ctx)?;
            let v = ctx.refresh(&v)?;
            let i = eval(index, row, ctx)?;
            match (&v, &i) {
                (Val::Null, _) | (_, Val::Null) => Val::Null,
                (Val::List(items), Val::Int(i)) => {
                    let n = items.len() as i64;
                    let at = if *i < 0 { n + i } else { *i };
                    if (0..n).contains(&at) { items[at as usize].clone() } else { Val::Null }
                }
                (Val::Map(_) | Val::Node(_) | Val::Rel(_), Val::Str(k)) => property(&v, k, ctx.schema)?,
                _ => return Err(QueryError::Type(format!("cannot index a {} with a {}", v.type_name(), i.type_name()))),
            }
        }
        Expr::Slice { expr, from, to } => {
            let v = eval(expr, row, ctx)?;
            let bound = |e: &Option<Box<Expr>>, ctx: &mut Ctx| -> QResult<Option<Val>> { e.as_ref().map(|e| eval(e, row, ctx)).transpose() };
            let (f, t) = (bound(from, ctx)?, bound(to, ctx)?);
            match v {
                Val::Null => Val::Null,
                Val::List(items) => {
                    let n = items.len() as i64;
                    let norm = |b: Option<Val>, default: i64| -> QResult<Option<i64>> {
                        match b {
                            None => Ok(Some(default)),
                            Some(Val::Null) => Ok(None),
                            Some(Val::Int(i)) => Ok(Some(if i < 0 { (n + i).max(0) } else { i.min(n) })),
                            Some(v) => Err(QueryError::Type(format!("a slice bound must be an integer, not a {}", v.type_name()))),
                        }
                    };
                    match (norm(f, 0)?, norm(t, n)?) {
                        (Some(a), Some(b)) if a < b => Val::list(items[a as usize..b as usize].to_vec()),
                        (Some(_), Some(_)) => Val::list(Vec::new()),
                        _ => Val::Null,
                    }
                }
                v => return Err(QueryError::Type(format!("cannot slice a {}", v.type_name()))),
            }
        }
        Expr::Case { subject, whens, otherwise } => {
            let subject = subject.as_ref().map(|s| eval(s, row, ctx)).transpose()?;
            for (when, then) in whens {
                let w = eval(when, row, ctx)?;
                let hit = match &subject {
                    Some(s) => equals(s, &w) == Some(true),
                    None => w.is_true(),
                };
                if hit {
                    return eval(then, row, ctx);
                }
            }
            match otherwise {
                Some(e) => eval(e, row, ctx)?,
                None => Val::Null,
            }
        }
        Expr::ListComprehension { variable, list, predicate, projection } => {
            let items = match eval(list, row, ctx)? {
                Val::Null => return Ok(Val::Null),
                Val::List(items) => items,
                v => return Err(QueryError::Type(format!("IN needs a list, not a {}", v.type_name()))),
            };
            let mut inner = row.clone();
            let mut out = Vec::new();
            for item in items.iter() {
                inner.insert(variable.as_str().into(), item.clone());
                if let Some(p) = predicate {
                    if !eval(p, &inner, ctx)?.is_true() {
                        continue;
                    }
                }
                out.push(match projection {
                    Some(p) => eval(p, &inner, ctx)?,
                    None => item.clone(),
                });
            }
            Val::list(out)
        }
        Expr::PatternPredicate(p) => Val::Bool(pattern::exists(ctx, p, None, row)?),
        Expr::Exists { pattern: p, where_clause } => Val::Bool(pattern::exists_pattern(ctx, p, where_clause.as_deref(), row)?),
    })
}

/// Evaluates `expr` and takes the freshest version of an element value.
fn refreshed(expr: &Expr, row: &Row, ctx: &mut Ctx) -> QResult<Val> {
    let v = eval(expr, row, ctx)?;
    ctx.refresh(&v)
}

/// A literal's value.
pub fn literal(l: &Literal) -> Val {
    match l {
        Literal::Null => Val::Null,
        Literal::Bool(b) => Val::Bool(*b),
        Literal::Integer(i) => Val::Int(*i),
        Literal::Float(f) => Val::Float(*f),
        Literal::String(s) => Val::str(s),
    }
}

/// `v.key`: a property of a node, relationship or map (`id` of an element is its key).
pub fn property(v: &Val, key: &str, schema: Schema) -> QResult<Val> {
    Ok(match v {
        Val::Null => Val::Null,
        Val::Node(n) => match n.prop(key) {
            Some(p) => Val::from_value(p),
            None if key == "id" && schema == Schema::Prosopography => Val::str(&n.id),
            None => Val::Null,
        },
        Val::Rel(r) => match r.prop(key) {
            Some(p) => Val::from_value(p),
            None if key == "id" && schema == Schema::Prosopography => Val::str(&r.id),
            None => Val::Null,
        },
        Val::Map(m) => m.get(key).cloned().unwrap_or(Val::Null),
        Val::Date(d) => match key {
            "earliest" => d.earliest().map_or(Val::Null, functions::day_val),
            "latest" => d.latest().map_or(Val::Null, functions::day_val),
            "year" => d.year().map_or(Val::Null, Val::Int),
            _ => {
                return Err(QueryError::Type(format!(
                    "a date has no property '{key}' (use earliest, latest, year)"
                )))
            }
        },
        v => {
            return Err(QueryError::Type(format!(
                "cannot read property '{key}' of a {}",
                v.type_name()
            )))
        }
    })
}

fn logic(op: BinaryOp, a: Option<bool>, b: Option<bool>) -> Val {
    let r = match op {
        BinaryOp::And => match (a, b) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        BinaryOp::Or => match (a, b) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => match (a, b) {
            (Some(x), Some(y)) => Some(x != y),
            _ => None,
        },
    };
    r.map_or(Val::Null, Val::Bool)
}

fn truth(v: Val, op: BinaryOp) -> QResult<Option<bool>> {
    match v {
        Val::Null => Ok(None),
        Val::Bool(b) => Ok(Some(b)),
        v => Err(QueryError::Type(format!(
            "{} needs booleans, not a {}",
            op.as_str(),
            v.type_name()
        ))),
    }
}

fn binary(op: BinaryOp, a: &Expr, b: &Expr, row: &Row, ctx: &mut Ctx) -> QResult<Val> {
    use BinaryOp::*;
    if matches!(op, And | Or | Xor) {
        let x = truth(eval(a, row, ctx)?, op)?;
        if (op == And && x == Some(false)) || (op == Or && x == Some(true)) {
            return Ok(Val::Bool(x == Some(true)));
        }
        let y = truth(eval(b, row, ctx)?, op)?;
        return Ok(logic(op, x, y));
    }
    if matches!(op, Eq | Neq | Lt | Gt | Le | Ge) {
        // Two date bounds the read file's column answers compare as days.
        if let Some(x) = super::calls::column_day(a, row, ctx)? {
            if let Some(y) = super::calls::column_day(b, row, ctx)? {
                return Ok(super::calls::compare_days(op, x, y).map_or(Val::Null, Val::Bool));
            }
        }
    }
    let x = eval(a, row, ctx)?;
    let y = eval(b, row, ctx)?;
    Ok(match op {
        Eq => equals(&x, &y).map_or(Val::Null, Val::Bool),
        Neq => equals(&x, &y).map_or(Val::Null, |e| Val::Bool(!e)),
        Lt | Gt | Le | Ge => match compare(&x, &y) {
            None => Val::Null,
            Some(o) => Val::Bool(match op {
                Lt => o == Ordering::Less,
                Gt => o == Ordering::Greater,
                Le => o != Ordering::Greater,
                _ => o != Ordering::Less,
            }),
        },
        In => match y {
            Val::Null => Val::Null,
            Val::List(items) => {
                let mut result = Some(false);
                for item in items.iter() {
                    match equals(&x, item) {
                        Some(true) => return Ok(Val::Bool(true)),
                        None => result = None,
                        Some(false) => {}
                    }
                }
                result.map_or(Val::Null, Val::Bool)
            }
            v => {
                return Err(QueryError::Type(format!(
                    "IN needs a list on its right, not a {}",
                    v.type_name()
                )))
            }
        },
        StartsWith | EndsWith | Contains => match (&x, &y) {
            (Val::Str(s), Val::Str(t)) => Val::Bool(match op {
                StartsWith => s.starts_with(&**t),
                EndsWith => s.ends_with(&**t),
                _ => s.contains(&**t),
            }),
            _ => Val::Null,
        },
        RegexMatch => match (&x, &y) {
            (Val::Str(s), Val::Str(p)) => {
                let re = regex::Regex::new(&format!("^(?:{p})$")).map_err(|e| {
                    QueryError::Semantic(format!("invalid regular expression '{p}': {e}"))
                })?;
                Val::Bool(re.is_match(s))
            }
            _ => Val::Null,
        },
        Add | Sub | Mul | Div | Mod | Pow => arithmetic(op, x, y)?,
        And | Or | Xor => unreachable!("handled above"),
    })
}

fn arithmetic(op: BinaryOp, x: Val, y: Val) -> QResult<Val> {
    use BinaryOp::*;
    let overflow = || QueryError::Type(format!("integer overflow in {}", op.as_str()));
    Ok(match (op, x, y) {
        (_, Val::Null, _) | (_, _, Val::Null) => Val::Null,
        (Add, Val::List(a), Val::List(b)) => Val::list(a.iter().chain(b.iter()).cloned().collect()),
        (Add, Val::List(a), b) => Val::list(a.iter().cloned().chain(std::iter::once(b)).collect()),
        (Add, a, Val::List(b)) => Val::list(std::iter::once(a).chain(b.iter().cloned()).collect()),
        (Add, Val::Str(a), Val::Str(b)) => Val::str(&format!("{a}{b}")),
        (Add, Val::Str(a), b @ (Val::Int(_) | Val::Float(_))) => {
            Val::str(&format!("{a}{}", super::functions::to_string(&b)))
        }
        (Add, a @ (Val::Int(_) | Val::Float(_)), Val::Str(b)) => {
            Val::str(&format!("{}{b}", super::functions::to_string(&a)))
        }
        (op, Val::Int(a), Val::Int(b)) => match op {
            Add => Val::Int(a.checked_add(b).ok_or_else(overflow)?),
            Sub => Val::Int(a.checked_sub(b).ok_or_else(overflow)?),
            Mul => Val::Int(a.checked_mul(b).ok_or_else(overflow)?),
            Div if b == 0 => return Err(QueryError::Type("division by zero".into())),
            Div => Val::Int(a.checked_div(b).ok_or_else(overflow)?),
            Mod if b == 0 => return Err(QueryError::Type("modulo by zero".into())),
            Mod => Val::Int(a.checked_rem(b).ok_or_else(overflow)?),
            _ => Val::Float((a as f64).powf(b as f64)),
        },
        (op, a @ (Val::Int(_) | Val::Float(_)), b @ (Val::Int(_) | Val::Float(_))) => {
            let f = |v: &Val| match v {
                Val::Int(i) => *i as f64,
                Val::Float(x) => *x,
                _ => 0.0,
            };
            let (a, b) = (f(&a), f(&b));
            Val::Float(match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                Div => a / b,
                Mod => a % b,
                _ => a.powf(b),
            })
        }
        (op, a, b) => {
            return Err(QueryError::Type(format!(
                "cannot apply {} to a {} and a {}",
                op.as_str(),
                a.type_name(),
                b.type_name()
            )))
        }
    })
}
