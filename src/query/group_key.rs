//! Keys of grouping and DISTINCT: values with the equality those use
//! (null equals null, `1` equals `1.0`, elements by identity), hashed
//! as they are instead of formatted into strings. In a read-only query
//! elements can be keyed by their position in the read file
//! ([`key_by_pos`]), a number to hash instead of an id.

use super::value::{Path, Val};
use crate::date::Edtf;
use crate::model::{Node, Rel};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A value as a grouping key.
#[derive(Clone, Debug)]
pub enum Key {
    /// null
    Null,
    /// boolean
    Bool(bool),
    /// an integer, or a float with an integral value
    Int(i64),
    /// any other float, by its bits (every NaN the same)
    Float(u64),
    /// string
    Str(Rc<str>),
    /// date
    Date(Rc<Edtf>),
    /// list
    List(Vec<Key>),
    /// map, by key order
    Map(Vec<(String, Key)>),
    /// node, by id
    Node(Rc<Node>),
    /// relationship, by id
    Rel(Rc<Rel>),
    /// path, by its nodes' and relationships' ids
    Path(Rc<Path>),
    /// node, by its position in the read file
    NodeAt(u32),
    /// relationship, by its position in the read file
    RelAt(u32),
}

/// The key of one value.
pub fn group_key(v: &Val) -> Key {
    match v {
        Val::Null => Key::Null,
        Val::Bool(b) => Key::Bool(*b),
        Val::Int(i) => Key::Int(*i),
        Val::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Key::Int(*f as i64),
        Val::Float(f) if f.is_nan() => Key::Float(f64::NAN.to_bits()),
        Val::Float(f) => Key::Float(f.to_bits()),
        Val::Str(s) => Key::Str(s.clone()),
        Val::Date(d) => Key::Date(d.clone()),
        Val::List(items) => Key::List(items.iter().map(group_key).collect()),
        Val::Map(m) => Key::Map(m.iter().map(|(k, v)| (k.clone(), group_key(v))).collect()),
        Val::Node(n) => Key::Node(n.clone()),
        Val::Rel(r) => Key::Rel(r.clone()),
        Val::Path(p) => Key::Path(p.clone()),
    }
}

/// The key of one value, an element read from the read file by its
/// position. Only for a query in which every element of the read file is
/// bound with its position (a read-only one: see `Ctx::by_pos`), so that
/// one element never meets itself keyed by id.
pub fn key_by_pos(v: &Val) -> Key {
    match v {
        Val::Node(n) => n.pos.map_or_else(|| Key::Node(n.clone()), Key::NodeAt),
        Val::Rel(r) => r.pos.map_or_else(|| Key::Rel(r.clone()), Key::RelAt),
        _ => group_key(v),
    }
}

/// The key of a row of values.
pub fn key_of(vals: &[Val]) -> Vec<Key> {
    vals.iter().map(group_key).collect()
}

fn path_ids(p: &Path) -> impl Iterator<Item = &str> {
    let nodes = p.nodes.iter().map(|n| n.id.as_str());
    nodes.chain(p.rels.iter().map(|r| r.id.as_str()))
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Null, Key::Null) => true,
            (Key::Bool(a), Key::Bool(b)) => a == b,
            (Key::Int(a), Key::Int(b)) => a == b,
            (Key::Float(a), Key::Float(b)) => a == b,
            (Key::Str(a), Key::Str(b)) => a == b,
            (Key::Date(a), Key::Date(b)) => a == b,
            (Key::List(a), Key::List(b)) => a == b,
            (Key::Map(a), Key::Map(b)) => a == b,
            (Key::Node(a), Key::Node(b)) => a.id == b.id,
            (Key::Rel(a), Key::Rel(b)) => a.id == b.id,
            (Key::Path(a), Key::Path(b)) => {
                a.nodes.len() == b.nodes.len() && path_ids(a).eq(path_ids(b))
            }
            (Key::NodeAt(a), Key::NodeAt(b)) | (Key::RelAt(a), Key::RelAt(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Key::Null => {}
            Key::Bool(b) => b.hash(h),
            Key::Int(i) => i.hash(h),
            Key::Float(f) => f.hash(h),
            Key::Str(s) => s.hash(h),
            Key::Date(d) => d.hash(h),
            Key::List(items) => items.hash(h),
            Key::Map(m) => m.hash(h),
            Key::Node(n) => n.id.hash(h),
            Key::Rel(r) => r.id.hash(h),
            Key::Path(p) => {
                p.nodes.len().hash(h);
                path_ids(p).for_each(|id| id.hash(h));
            }
            Key::NodeAt(i) | Key::RelAt(i) => i.hash(h),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Props;
    use foldhash::HashSet;

    fn node(id: &str, name: &str) -> Val {
        let mut props = Props::default();
        props.insert("name".into(), crate::model::Value::Str(name.into()));
        Val::Node(Rc::new(Node {
            id: id.into(),
            props,
            ..Node::default()
        }))
    }

    fn distinct(vals: &[Val]) -> usize {
        vals.iter().map(group_key).collect::<HashSet<Key>>().len()
    }

    #[test]
    fn grouping_equality() {
        assert_eq!(distinct(&[Val::Int(1), Val::Float(1.0)]), 1);
        assert_eq!(distinct(&[Val::Int(1), Val::Float(1.5)]), 2);
        assert_eq!(distinct(&[Val::Float(f64::NAN), Val::Float(-f64::NAN)]), 1);
        assert_eq!(distinct(&[Val::Null, Val::Null]), 1);
        assert_eq!(distinct(&[Val::str("1"), Val::Int(1)]), 2);
        assert_eq!(distinct(&[Val::Bool(true), Val::Int(1)]), 2);
        let list = |v: Vec<Val>| Val::list(v);
        assert_eq!(
            distinct(&[list(vec![Val::Int(2)]), list(vec![Val::Float(2.0)])]),
            1
        );
        assert_eq!(distinct(&[list(vec![Val::Int(2)]), Val::Int(2)]), 2);
        // Elements by identity: the same node read with fewer properties
        // is the same node; another node with the same properties is not.
        assert_eq!(distinct(&[node("a", "Izak"), node("a", "")]), 1);
        assert_eq!(distinct(&[node("a", "Izak"), node("b", "Izak")]), 2);
        let date = |t: &str| Val::Date(Rc::new(Edtf::parse(t).unwrap()));
        assert_eq!(
            distinct(&[date("1931-11"), date("1931-11"), date("1931")]),
            2
        );
        assert_eq!(
            key_of(&[Val::Int(1), Val::Null]),
            key_of(&[Val::Float(1.0), Val::Null])
        );
        assert_ne!(
            key_of(&[Val::Int(1), Val::Null]),
            key_of(&[Val::Null, Val::Int(1)])
        );
    }
}
