//! Scalar functions: graph (`id`, `labels`, `type`, `nodes`, ...), lists,
//! strings, numbers, and dates (`date`, `earliest`, `latest`, `year`,
//! `certainly_before`, `possibly_before`, `overlaps`, `during`, ...).

use super::context::Ctx;
use super::failure::{QResult, QueryError};
use super::value::Val;
use crate::date::{Day, Edtf};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Names of the scalar functions (lower case).
pub const NAMES: &[&str] = &[
    "id",
    "elementid",
    "labels",
    "type",
    "properties",
    "keys",
    "size",
    "length",
    "nodes",
    "relationships",
    "startnode",
    "endnode",
    "coalesce",
    "head",
    "last",
    "tail",
    "range",
    "reverse",
    "tolower",
    "toupper",
    "trim",
    "ltrim",
    "rtrim",
    "tostring",
    "tointeger",
    "tofloat",
    "toboolean",
    "split",
    "substring",
    "replace",
    "left",
    "right",
    "abs",
    "sign",
    "round",
    "floor",
    "ceil",
    "sqrt",
    "date",
    "earliest",
    "latest",
    "year",
    "certainly_before",
    "possibly_before",
    "certainly_after",
    "possibly_after",
    "overlaps",
    "during",
    "exists",
];

/// A day as a date value.
pub fn day_val(d: Day) -> Val {
    Edtf::from_day(d).map_or(Val::Null, |e| Val::Date(Rc::new(e)))
}

/// A value as `toString` gives it.
pub fn to_string(v: &Val) -> String {
    match v {
        Val::Str(s) => s.to_string(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => {
            if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.1}")
            } else {
                f.to_string()
            }
        }
        Val::Bool(b) => b.to_string(),
        Val::Date(d) => d.to_string(),
        other => format!("{other:?}"),
    }
}

fn arity(name: &str, args: &[Val], n: std::ops::RangeInclusive<usize>) -> QResult<()> {
    if n.contains(&args.len()) {
        Ok(())
    } else {
        Err(QueryError::Semantic(format!(
            "{name}() takes {} argument{}, not {}",
            if n.start() == n.end() {
                n.start().to_string()
            } else {
                format!("{} to {}", n.start(), n.end())
            },
            if *n.end() == 1 { "" } else { "s" },
            args.len()
        )))
    }
}

fn type_err(name: &str, v: &Val) -> QueryError {
    QueryError::Type(format!("{name}() cannot take a {}", v.type_name()))
}

fn as_date(name: &str, v: &Val) -> QResult<Option<Rc<Edtf>>> {
    match v {
        Val::Null => Ok(None),
        Val::Date(d) => Ok(Some(d.clone())),
        Val::Str(s) => Edtf::parse(s)
            .map(|d| Some(Rc::new(d)))
            .map_err(|e| QueryError::Type(format!("{name}(): '{s}' is not an EDTF date: {e}"))),
        v => Err(type_err(name, v)),
    }
}

fn int_arg(name: &str, v: &Val) -> QResult<Option<i64>> {
    match v {
        Val::Null => Ok(None),
        Val::Int(i) => Ok(Some(*i)),
        Val::Float(f) => Ok(Some(*f as i64)),
        v => Err(type_err(name, v)),
    }
}

/// Calls the scalar function `lower` (as written: `name`).
pub fn call(lower: &str, name: &str, args: Vec<Val>, ctx: &mut Ctx) -> QResult<Val> {
    let a0 = args.first().cloned().unwrap_or(Val::Null);
    let one = |args: &[Val]| arity(name, args, 1..=1);
    Ok(match lower {
        "coalesce" => args.into_iter().find(|v| !v.is_null()).unwrap_or(Val::Null),
        "range" => {
            arity(name, &args, 2..=3)?;
            let (Some(a), Some(b)) = (int_arg(name, &args[0])?, int_arg(name, &args[1])?) else {
                return Ok(Val::Null);
            };
            let step = match args.get(2) {
                Some(v) => int_arg(name, v)?.unwrap_or(1),
                None => 1,
            };
            if step == 0 {
                return Err(QueryError::Type("range() step cannot be 0".into()));
            }
            let count = if step > 0 {
                (b - a) / step + 1
            } else {
                (a - b) / -step + 1
            };
            if count > 10_000_000 {
                return Err(QueryError::Type(
                    "range() would make more than 10 million items".into(),
                ));
            }
            let mut out = Vec::new();
            let mut i = a;
            while (step > 0 && i <= b) || (step < 0 && i >= b) {
                out.push(Val::Int(i));
                i += step;
            }
            Val::list(out)
        }
        "substring" => {
            arity(name, &args, 2..=3)?;
            let Val::Str(s) = &args[0] else {
                return if args[0].is_null() {
                    Ok(Val::Null)
                } else {
                    Err(type_err(name, &args[0]))
                };
            };
            let start = int_arg(name, &args[1])?.unwrap_or(0).max(0) as usize;
            let chars: Vec<char> = s.chars().collect();
            let len = match args.get(2) {
                Some(v) => int_arg(name, v)?.unwrap_or(i64::MAX).max(0) as usize,
                None => usize::MAX,
            };
            Val::str(&chars.iter().skip(start).take(len).collect::<String>())
        }
        "split" | "replace" | "left" | "right" => {
            arity(name, &args, if lower == "replace" { 3..=3 } else { 2..=2 })?;
            if args.iter().any(Val::is_null) {
                return Ok(Val::Null);
            }
            let Val::Str(s) = &args[0] else {
                return Err(type_err(name, &args[0]));
            };
            match (lower, &args[1]) {
                ("split", Val::Str(sep)) if sep.is_empty() => Val::list(
                    s.chars()
                        .map(|c| Val::str(c.encode_utf8(&mut [0; 4])))
                        .collect(),
                ),
                ("split", Val::Str(sep)) => Val::list(s.split(&**sep).map(Val::str).collect()),
                ("replace", Val::Str(from)) => match &args[2] {
                    Val::Str(to) => Val::str(&s.replace(&**from, to)),
                    v => return Err(type_err(name, v)),
                },
                ("left", Val::Int(n)) => {
                    Val::str(&s.chars().take((*n).max(0) as usize).collect::<String>())
                }
                ("right", Val::Int(n)) => {
                    let c: Vec<char> = s.chars().collect();
                    Val::str(
                        &c[c.len().saturating_sub((*n).max(0) as usize)..]
                            .iter()
                            .collect::<String>(),
                    )
                }
                (_, v) => return Err(type_err(name, v)),
            }
        }
        "certainly_before" | "possibly_before" | "certainly_after" | "possibly_after"
        | "overlaps" | "during" => {
            arity(name, &args, 2..=2)?;
            let (Some(a), Some(b)) = (as_date(name, &args[0])?, as_date(name, &args[1])?) else {
                return Ok(Val::Null);
            };
            Val::Bool(match lower {
                "certainly_before" => a.certainly_before(&b),
                "possibly_before" => a.possibly_before(&b),
                "certainly_after" => a.certainly_after(&b),
                "possibly_after" => a.possibly_after(&b),
                "overlaps" => a.overlaps(&b),
                _ => a.during(&b),
            })
        }
        _ => {
            one(&args)?;
            unary(lower, name, a0, ctx)?
        }
    })
}

fn unary(lower: &str, name: &str, v: Val, ctx: &mut Ctx) -> QResult<Val> {
    let v = ctx.refresh(&v)?;
    if v.is_null() && lower != "tostring" {
        return Ok(Val::Null);
    }
    Ok(match (lower, &v) {
        ("id" | "elementid", Val::Node(n)) => Val::str(&n.id),
        ("id" | "elementid", Val::Rel(r)) => Val::str(&r.id),
        ("labels", Val::Node(n)) => Val::list(n.labels.iter().map(|l| Val::str(l)).collect()),
        ("type", Val::Rel(r)) => Val::str(&r.rel_type),
        ("properties", Val::Node(_) | Val::Rel(_)) => {
            let props = match &v {
                Val::Node(n) => &n.props,
                Val::Rel(r) => &r.props,
                _ => unreachable!(),
            };
            Val::Map(Rc::new(
                props
                    .iter()
                    .map(|(k, p)| (k.to_string(), Val::from_value(p)))
                    .collect::<BTreeMap<_, _>>(),
            ))
        }
        ("properties", Val::Map(_)) => v.clone(),
        ("keys", Val::Node(n)) => Val::list(n.props.keys().map(Val::str).collect()),
        ("keys", Val::Rel(r)) => Val::list(r.props.keys().map(Val::str).collect()),
        ("keys", Val::Map(m)) => Val::list(m.keys().map(|k| Val::str(k)).collect()),
        ("size", Val::List(items)) => Val::Int(items.len() as i64),
        ("size" | "length", Val::Str(s)) => Val::Int(s.chars().count() as i64),
        ("length", Val::Path(p)) => Val::Int(p.rels.len() as i64),
        ("length", Val::List(items)) => Val::Int(items.len() as i64),
        ("nodes", Val::Path(p)) => {
            Val::list(p.nodes.iter().map(|n| Val::Node(n.clone())).collect())
        }
        ("relationships", Val::Path(p)) => {
            Val::list(p.rels.iter().map(|r| Val::Rel(r.clone())).collect())
        }
        ("startnode" | "endnode", Val::Rel(r)) => {
            let id = if lower == "startnode" {
                &r.start
            } else {
                &r.end
            };
            ctx.node(id)?.map_or(Val::Null, Val::Node)
        }
        ("head", Val::List(items)) => items.first().cloned().unwrap_or(Val::Null),
        ("last", Val::List(items)) => items.last().cloned().unwrap_or(Val::Null),
        ("tail", Val::List(items)) => Val::list(items.iter().skip(1).cloned().collect()),
        ("reverse", Val::List(items)) => Val::list(items.iter().rev().cloned().collect()),
        ("reverse", Val::Str(s)) => Val::str(&s.chars().rev().collect::<String>()),
        ("tolower", Val::Str(s)) => Val::str(&s.to_lowercase()),
        ("toupper", Val::Str(s)) => Val::str(&s.to_uppercase()),
        ("trim", Val::Str(s)) => Val::str(s.trim()),
        ("ltrim", Val::Str(s)) => Val::str(s.trim_start()),
        ("rtrim", Val::Str(s)) => Val::str(s.trim_end()),
        ("tostring", Val::Null) => Val::Null,
        ("tostring", Val::Str(_) | Val::Int(_) | Val::Float(_) | Val::Bool(_) | Val::Date(_)) => {
            Val::str(&to_string(&v))
        }
        ("tointeger", Val::Int(i)) => Val::Int(*i),
        ("tointeger", Val::Bool(b)) => Val::Int(i64::from(*b)),
        ("tointeger", Val::Float(f)) if f.is_finite() && f.abs() < 9.2e18 => {
            Val::Int(f.trunc() as i64)
        }
        ("tointeger", Val::Str(s)) => s
            .trim()
            .parse::<i64>()
            .map(Val::Int)
            .or_else(|_| {
                s.trim().parse::<f64>().map(|f| {
                    if f.is_finite() && f.abs() < 9.2e18 {
                        Val::Int(f.trunc() as i64)
                    } else {
                        Val::Null
                    }
                })
            })
            .unwrap_or(Val::Null),
        ("tofloat", Val::Int(i)) => Val::Float(*i as f64),
        ("tofloat", Val::Float(f)) => Val::Float(*f),
        ("tofloat", Val::Str(s)) => s.trim().parse::<f64>().map(Val::Float).unwrap_or(Val::Null),
        ("toboolean", Val::Bool(b)) => Val::Bool(*b),
        ("toboolean", Val::Str(s)) => match s.to_lowercase().as_str() {
            "true" => Val::Bool(true),
            "false" => Val::Bool(false),
            _ => Val::Null,
        },
        ("abs", Val::Int(i)) => Val::Int(
            i.checked_abs()
                .ok_or_else(|| QueryError::Type("integer overflow in abs()".into()))?,
        ),
        ("abs", Val::Float(f)) => Val::Float(f.abs()),
        ("sign", Val::Int(i)) => Val::Int(i.signum()),
        ("sign", Val::Float(f)) => Val::Int(if *f > 0.0 {
            1
        } else if *f < 0.0 {
            -1
        } else {
            0
        }),
        ("round" | "floor" | "ceil" | "sqrt", Val::Int(_) | Val::Float(_)) => {
            let f = match v {
                Val::Int(i) => i as f64,
                Val::Float(f) => f,
                _ => 0.0,
            };
            Val::Float(match lower {
                "round" => f.round(),
                "floor" => f.floor(),
                "ceil" => f.ceil(),
                _ => f.sqrt(),
            })
        }
        ("date", Val::Str(s)) => Val::Date(Rc::new(
            Edtf::parse_remembered(s).map_err(|e| QueryError::Type(format!("date('{s}'): {e}")))?,
        )),
        ("date", Val::Date(_)) => v.clone(),
        ("earliest" | "latest" | "year", _) => {
            let Some(d) = as_date(name, &v)? else {
                return Ok(Val::Null);
            };
            match lower {
                "earliest" => d.earliest().map_or(Val::Null, day_val),
                "latest" => d.latest().map_or(Val::Null, day_val),
                _ => d.year().map_or(Val::Null, Val::Int),
            }
        }
        _ if !NAMES.contains(&lower) => {
            return Err(QueryError::Semantic(format!("unknown function {name}()")))
        }
        _ => return Err(type_err(name, &v)),
    })
}
