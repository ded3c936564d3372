//! An element's properties: a map from keys to values kept as one sorted
//! vector. Elements hold a handful of properties each; a vector of exactly
//! that many pairs takes a fraction of the memory of a B-tree node (which
//! reserves room for eleven) and is read by binary search. The encoding is
//! that of an ordered map, so stored records are unchanged.

use super::value::Value;
use compact_str::CompactString;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A property key: kept in place (no allocation) up to 24 bytes, which
/// every key of the vocabulary is; an import holds millions of them.
type Key = CompactString;

/// Properties ordered by key (unique keys), so that encodings are canonical.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props(Vec<(Key, Value)>);

impl Props {
    /// No properties.
    pub fn new() -> Props {
        Props(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// The value under `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Whether there is a value under `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (Key::from(key), value));
                None
            }
        }
    }

    /// Sets `key` to `value` unless it has a value already.
    pub fn insert_if_absent(&mut self, key: String, value: Value) {
        if let Err(i) = self.find(&key) {
            self.0.insert(i, (Key::from(key), value));
        }
    }

    /// Removes every property.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Number of properties.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &Value)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// Keeps the pairs for which `f` is true.
    pub fn retain(&mut self, mut f: impl FnMut(&str, &mut Value) -> bool) {
        self.0.retain_mut(|(k, v)| f(k, v));
    }

    /// Builds from pairs already sorted by key without duplicates (as
    /// decoded records are); anything else is sorted, the last of equal
    /// keys winning as in a map.
    fn from_pairs(mut pairs: Vec<(Key, Value)>) -> Props {
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return Props(pairs);
        }
        // A stable sort keeps equal keys in order of arrival; keep the last.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(Key, Value)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        Props(out)
    }
}

impl FromIterator<(Key, Value)> for Props {
    /// Pairs whose keys are made in place (no `String` per key).
    fn from_iter<I: IntoIterator<Item = (Key, Value)>>(iter: I) -> Props {
        Props::from_pairs(iter.into_iter().collect())
    }
}

impl FromIterator<(String, Value)> for Props {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Props {
        Props::from_pairs(iter.into_iter().map(|(k, v)| (Key::from(k), v)).collect())
    }
}

impl Extend<(String, Value)> for Props {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl IntoIterator for Props {
    type Item = (String, Value);
    type IntoIter =
        std::iter::Map<std::vec::IntoIter<(Key, Value)>, fn((Key, Value)) -> (String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().map(|(k, v)| (k.into_string(), v))
    }
}

impl<'a> IntoIterator for &'a Props {
    type Item = (&'a str, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Key, Value)>,
        fn(&'a (Key, Value)) -> (&'a str, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl Serialize for Props {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

struct PropsVisitor;

impl<'de> Visitor<'de> for PropsVisitor {
    type Value = Props;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Props, A::Error> {
        // Sizes come from the input: cap the reservation.
        let mut pairs = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
        while let Some((k, v)) = access.next_entry::<Key, Value>()? {
            pairs.push((k, v));
        }
        Ok(Props::from_pairs(pairs))
    }
}

impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Props, D::Error> {
        deserializer.deserialize_map(PropsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn sample() -> Vec<(String, Value)> {
        vec![
            ("name".into(), Value::Str("Izak".into())),
            ("born".into(), Value::Int(1905)),
            ("a".into(), Value::Bool(true)),
            ("name".into(), Value::Str("Izák".into())),
            ("z".into(), Value::Null),
        ]
    }

    #[test]
    fn behaves_as_an_ordered_map() {
        let props: Props = sample().into_iter().collect();
        let map: BTreeMap<String, Value> = sample().into_iter().collect();
        assert_eq!(props.len(), map.len());
        assert!(props.iter().eq(map.iter().map(|(k, v)| (k.as_str(), v))));
        assert_eq!(props.get("name"), map.get("name"));
        let mut p = props.clone();
        assert_eq!(p.insert("b".into(), Value::Int(1)), None);
        assert_eq!(p.insert("b".into(), Value::Int(2)), Some(Value::Int(1)));
        assert_eq!(p.remove("a"), Some(Value::Bool(true)));
        assert_eq!(p.remove("a"), None);
        assert!(!p.contains_key("a") && p.contains_key("b"));
        let keys: Vec<&str> = p.keys().collect();
        assert_eq!(keys, ["b", "born", "name", "z"]);
        p.retain(|k, _| k != "z");
        assert_eq!(p.len(), 3);
        *p.get_mut("born").unwrap() = Value::Int(1906);
        assert_eq!(p.get("born"), Some(&Value::Int(1906)));
        p.insert_if_absent("born".into(), Value::Null);
        p.insert_if_absent("c".into(), Value::Int(3));
        assert_eq!(p.get("born"), Some(&Value::Int(1906)));
        assert_eq!(p.get("c"), Some(&Value::Int(3)));
        p.extend([
            ("a".to_string(), Value::Int(0)),
            ("a".to_string(), Value::Int(1)),
        ]);
        assert_eq!(p.get("a"), Some(&Value::Int(1)));
        assert!(p.keys().is_sorted());
        p.clear();
        assert!(p.is_empty());
    }

    #[test]
    fn encodes_as_the_map_it_replaces() {
        let props: Props = sample().into_iter().collect();
        let map: BTreeMap<String, Value> = sample().into_iter().collect();
        let config = bincode::config::standard();
        let a = bincode::serde::encode_to_vec(&props, config).unwrap();
        let b = bincode::serde::encode_to_vec(&map, config).unwrap();
        assert_eq!(a, b);
        let (back, _): (Props, usize) = bincode::serde::decode_from_slice(&b, config).unwrap();
        assert_eq!(back, props);
        assert_eq!(
            serde_json::to_string(&props).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
    }
}
