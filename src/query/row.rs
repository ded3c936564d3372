//! The variable bindings of one row: a handful of names, kept as one
//! vector sorted by name. A MATCH copies its partial row for every
//! candidate it tries, and a row of three bindings copied as a vector is
//! one allocation of their size; as a B-tree it was a node with room for
//! eleven. Iteration is in name order, as before (`RETURN *` relies on it).

use super::value::Val;
use std::rc::Rc;

/// Variable bindings of one row, in name order.
#[derive(Debug, Default, PartialEq)]
pub struct Row(Vec<(Rc<str>, Val)>);

impl Clone for Row {
    /// A copy with room for two more bindings: a copy is made to be
    /// extended (a step binds a relationship and a node).
    fn clone(&self) -> Row {
        let mut v = Vec::with_capacity(self.0.len() + 2);
        v.extend(self.0.iter().cloned());
        Row(v)
    }
}

impl Row {
    /// No bindings.
    pub fn new() -> Row {
        Row(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(name))
    }

    /// The value bound to `name`.
    pub fn get(&self, name: &str) -> Option<&Val> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether `name` is bound.
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Binds `name` to `value`; returns the value it was bound to.
    pub fn insert(&mut self, name: Rc<str>, value: Val) -> Option<Val> {
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// Binds `name` to `value` unless it is bound.
    pub fn insert_if_absent(&mut self, name: Rc<str>, value: Val) {
        if let Err(i) = self.find(&name) {
            self.0.insert(i, (name, value));
        }
    }

    /// Unbinds `name`; returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Val> {
        self.find(name).ok().map(|i| self.0.remove(i).1)
    }

    /// Number of bindings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is bound.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names in order.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The bindings in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Val)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Extend<(Rc<str>, Val)> for Row {
    fn extend<I: IntoIterator<Item = (Rc<str>, Val)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(Rc<str>, Val)> for Row {
    fn from_iter<I: IntoIterator<Item = (Rc<str>, Val)>>(iter: I) -> Row {
        let mut row = Row::new();
        row.extend(iter);
        row
    }
}

impl IntoIterator for Row {
    type Item = (Rc<str>, Val);
    type IntoIter = std::vec::IntoIter<(Rc<str>, Val)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Row {
    type Item = (&'a Rc<str>, &'a Val);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Rc<str>, Val)>,
        fn(&'a (Rc<str>, Val)) -> (&'a Rc<str>, &'a Val),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Any sequence of inserts and removes leaves what a B-tree map
    /// would hold, in the same order.
    #[test]
    fn behaves_as_an_ordered_map() {
        let names = ["p", "a", "r1", "anon_1", "b", "a", "zz", "p"];
        let mut row = Row::new();
        let mut map: BTreeMap<Rc<str>, Val> = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            let v = Val::Int(i as i64);
            assert_eq!(
                row.insert((*n).into(), v.clone()),
                map.insert((*n).into(), v)
            );
            if i % 3 == 2 {
                assert_eq!(row.remove("a"), map.remove("a"));
            }
            assert!(row.iter().eq(map.iter()));
        }
        row.insert_if_absent("b".into(), Val::Null);
        row.insert_if_absent("c".into(), Val::Null);
        map.entry("b".into()).or_insert(Val::Null);
        map.entry("c".into()).or_insert(Val::Null);
        assert!(row.iter().eq(map.iter()));
        assert_eq!(row.len(), map.len());
        assert_eq!(row.get("zz"), map.get("zz"));
        assert!(row.contains_key("p") && !row.contains_key("q"));
        let collected: Row = map.clone().into_iter().rev().collect();
        assert_eq!(collected, row);
    }
}
