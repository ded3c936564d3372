//! Runtime values of the query engine: property values plus nodes,
//! relationships and paths, with Cypher's equality, ordering and
//! three-valued comparison.

use crate::date::Edtf;
use crate::model::{Node, Rel, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A path: nodes and the relationships between them (`rels.len() + 1 == nodes.len()`).
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// Nodes in order.
    pub nodes: Vec<Rc<Node>>,
    /// Relationships in order.
    pub rels: Vec<Rc<Rel>>,
}

/// A value during query evaluation.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// null
    Null,
    /// boolean
    Bool(bool),
    /// integer
    Int(i64),
    /// float
    Float(f64),
    /// string
    Str(Rc<str>),
    /// EDTF date
    Date(Rc<Edtf>),
    /// list
    List(Rc<Vec<Val>>),
    /// map
    Map(Rc<BTreeMap<String, Val>>),
    /// node
    Node(Rc<Node>),
    /// relationship
    Rel(Rc<Rel>),
    /// path
    Path(Rc<Path>),
}

impl Val {
    /// A string value.
    pub fn str(s: &str) -> Val {
        Val::Str(Rc::from(s))
    }

    /// A list value.
    pub fn list(items: Vec<Val>) -> Val {
        Val::List(Rc::new(items))
    }

    /// Whether the value is null.
    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    /// Cypher's name of the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "boolean",
            Val::Int(_) => "integer",
            Val::Float(_) => "float",
            Val::Str(_) => "string",
            Val::Date(_) => "date",
            Val::List(_) => "list",
            Val::Map(_) => "map",
            Val::Node(_) => "node",
            Val::Rel(_) => "relationship",
            Val::Path(_) => "path",
        }
    }

    /// Converts a stored property value.
    pub fn from_value(v: &Value) -> Val {
        match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Int(i) => Val::Int(*i),
            Value::Float(f) => Val::Float(*f),
            Value::Str(s) => Val::str(s),
            Value::Date(d) => Val::Date(Rc::new((**d).clone())),
            Value::List(items) => Val::list(items.iter().map(Val::from_value).collect()),
            Value::Map(m) => Val::Map(Rc::new(
                m.iter()
                    .map(|(k, v)| (k.clone(), Val::from_value(v)))
                    .collect(),
            )),
        }
    }

    /// Converts to a storable property value; graph elements cannot be stored.
    pub fn to_value(&self) -> Result<Value, String> {
        Ok(match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(i) => Value::Int(*i),
            Val::Float(f) => Value::Float(*f),
            Val::Str(s) => Value::Str(s.as_ref().into()),
            Val::Date(d) => Value::date((**d).clone()),
            Val::List(items) => {
                Value::List(items.iter().map(Val::to_value).collect::<Result<_, _>>()?)
            }
            Val::Map(m) => Value::Map(
                m.iter()
                    .map(|(k, v)| Ok((k.clone(), v.to_value()?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => {
                return Err(format!(
                    "a {} cannot be stored as a property",
                    other.type_name()
                ))
            }
        })
    }

    /// Truth value for WHERE: only `true` passes.
    pub fn is_true(&self) -> bool {
        matches!(self, Val::Bool(true))
    }
}

/// Cypher equality: `None` when the answer is null (a null is involved).
pub fn equals(a: &Val, b: &Val) -> Option<bool> {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => None,
        (Val::Int(x), Val::Float(y)) | (Val::Float(y), Val::Int(x)) => Some((*x as f64) == *y),
        (Val::Date(d), Val::Str(s)) | (Val::Str(s), Val::Date(d)) => {
            Edtf::parse(s).ok().map(|e| e == **d)
        }
        (Val::List(x), Val::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut result = Some(true);
            for (p, q) in x.iter().zip(y.iter()) {
                match equals(p, q) {
                    Some(false) => return Some(false),
                    None => result = None,
                    Some(true) => {}
                }
            }
            result
        }
        (Val::Map(x), Val::Map(y)) => {
            if x.len() != y.len() || x.keys().ne(y.keys()) {
                return Some(false);
            }
            let mut result = Some(true);
            for (p, q) in x.values().zip(y.values()) {
                match equals(p, q) {
                    Some(false) => return Some(false),
                    None => result = None,
                    Some(true) => {}
                }
            }
            result
        }
        (Val::Node(x), Val::Node(y)) => Some(x.id == y.id),
        (Val::Rel(x), Val::Rel(y)) => Some(x.id == y.id),
        (Val::Path(x), Val::Path(y)) => Some(
            x.nodes
                .iter()
                .map(|n| &n.id)
                .eq(y.nodes.iter().map(|n| &n.id))
                && x.rels
                    .iter()
                    .map(|r| &r.id)
                    .eq(y.rels.iter().map(|r| &r.id)),
        ),
        (Val::Float(x), Val::Float(y)) => Some(x == y),
        _ => Some(std::mem::discriminant(a) == std::mem::discriminant(b) && a == b),
    }
}

/// Comparison for `<`, `>`, `<=`, `>=`: `None` when the values are not
/// comparable (different types, or a null), which makes the result null.
/// A string compared with a date is read as EDTF.
pub fn compare(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (Val::Int(x), Val::Float(y)) => (*x as f64).partial_cmp(y),
        (Val::Float(x), Val::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Val::Float(x), Val::Float(y)) => x.partial_cmp(y),
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        (Val::Date(x), Val::Str(s)) => Edtf::parse(s).ok().map(|y| (**x).cmp(&y)),
        (Val::Str(s), Val::Date(y)) => Edtf::parse(s).ok().map(|x| x.cmp(y)),
        (Val::List(x), Val::List(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                match compare(p, q)? {
                    Ordering::Equal => {}
                    other => return Some(other),
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => None,
    }
}

fn type_rank(v: &Val) -> u8 {
    match v {
        Val::Map(_) => 0,
        Val::Node(_) => 1,
        Val::Rel(_) => 2,
        Val::List(_) => 3,
        Val::Path(_) => 4,
        Val::Date(_) => 5,
        Val::Str(_) => 6,
        Val::Bool(_) => 7,
        Val::Int(_) | Val::Float(_) => 8,
        Val::Null => 9,
    }
}

/// The total order of ORDER BY and DISTINCT: by type (maps, nodes,
/// relationships, lists, paths, dates, strings, booleans, numbers, null
/// last), then within the type.
pub fn order(a: &Val, b: &Val) -> Ordering {
    let (ra, rb) = (type_rank(a), type_rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (Val::Float(x), Val::Float(y)) => x.total_cmp(y),
        (Val::Int(x), Val::Float(y)) => (*x as f64).total_cmp(y),
        (Val::Float(x), Val::Int(y)) => x.total_cmp(&(*y as f64)),
        (Val::List(x), Val::List(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                match order(p, q) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
            x.len().cmp(&y.len())
        }
        (Val::Map(x), Val::Map(y)) => {
            for ((k1, v1), (k2, v2)) in x.iter().zip(y.iter()) {
                match k1.cmp(k2).then_with(|| order(v1, v2)) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
            x.len().cmp(&y.len())
        }
        (Val::Node(x), Val::Node(y)) => x.id.cmp(&y.id),
        (Val::Rel(x), Val::Rel(y)) => x.id.cmp(&y.id),
        (Val::Path(x), Val::Path(y)) => {
            let ids = |p: &Path| {
                p.nodes
                    .iter()
                    .map(|n| n.id.clone())
                    .chain(p.rels.iter().map(|r| r.id.clone()))
                    .collect::<Vec<_>>()
            };
            ids(x).cmp(&ids(y))
        }
        _ => compare(a, b).unwrap_or(Ordering::Equal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_makes_comparisons_unknown() {
        assert_eq!(equals(&Val::Null, &Val::Int(1)), None);
        assert_eq!(compare(&Val::Null, &Val::Int(1)), None);
        assert_eq!(equals(&Val::Int(1), &Val::Float(1.0)), Some(true));
        assert_eq!(equals(&Val::Int(1), &Val::str("1")), Some(false));
    }

    #[test]
    fn strings_compare_with_dates_as_edtf() {
        let d = Val::Date(Rc::new(Edtf::parse("1931-11").unwrap()));
        assert_eq!(compare(&d, &Val::str("1932")), Some(Ordering::Less));
        assert_eq!(compare(&Val::str("1931"), &d), Some(Ordering::Less));
        assert_eq!(compare(&d, &Val::str("not a date")), None);
    }

    #[test]
    fn order_puts_null_last_and_groups_types() {
        let mut v = [Val::Null, Val::Int(2), Val::str("a"), Val::Float(1.5)];
        v.sort_by(order);
        assert_eq!(v, [Val::str("a"), Val::Float(1.5), Val::Int(2), Val::Null]);
    }
}
