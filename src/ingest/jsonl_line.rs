//! One JSONL line read in place: the fields the interchange uses are kept
//! as raw JSON borrowed from the line (everything else is checked as JSON
//! and skipped), and property values are made from their raw text, so a
//! line of a bulk import allocates only what its element keeps. Numbers
//! are read from their exact text, as `serde_json`'s arbitrary precision
//! gives them.

use super::entry::{from_json, number};
use crate::model::Value;
use compact_str::CompactString;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// The fields of one line (or of a relationship's `start`/`end` object)
/// that the interchange reads; a key given twice keeps its last value.
#[derive(Default)]
pub struct Line<'a> {
    /// `type`: `node` or `relationship`.
    pub kind: Option<&'a RawValue>,
    /// `id`.
    pub id: Option<&'a RawValue>,
    /// `labels` of a node.
    pub labels: Option<&'a RawValue>,
    /// `label`: a relationship's type.
    pub label: Option<&'a RawValue>,
    /// `properties`.
    pub properties: Option<&'a RawValue>,
    /// `start` of a relationship.
    pub start: Option<&'a RawValue>,
    /// `end` of a relationship.
    pub end: Option<&'a RawValue>,
}

impl<'a> Line<'a> {
    /// Reads a JSON object; any other JSON, or text that is not JSON, is
    /// an error.
    pub fn read(text: &'a str) -> serde_json::Result<Line<'a>> {
        serde_json::from_str(text)
    }
}

impl<'de> Deserialize<'de> for Line<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = Line<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line<'de>, A::Error> {
                let mut line = Line::default();
                while let Some(Text(key)) = map.next_key()? {
                    let slot = match key.as_ref() {
                        "type" => &mut line.kind,
                        "id" => &mut line.id,
                        "labels" => &mut line.labels,
                        "label" => &mut line.label,
                        "properties" => &mut line.properties,
                        "start" => &mut line.start,
                        "end" => &mut line.end,
                        _ => {
                            map.next_value::<&RawValue>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value()?);
                }
                Ok(line)
            }
        }
        d.deserialize_map(Fields)
    }
}

/// A JSON string, borrowed from the text when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Str;
        impl<'de> Visitor<'de> for Str {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(Str)
    }
}

/// The pairs of a JSON object, values raw, in the order given.
struct Pairs<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Pairs<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<'de>, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some((Text(k), v)) = map.next_entry()? {
                    pairs.push((k, v));
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(Object)
    }
}

/// The pairs of a raw JSON object, a key given twice keeping its last
/// value; `None` when it is no object.
pub fn pairs(raw: &RawValue) -> Option<Vec<(Cow<'_, str>, &RawValue)>> {
    let Pairs(mut pairs) = serde_json::from_str(raw.get()).ok()?;
    // Rare: a key given twice. Keep the last value (as a JSON map would):
    // a handful of pairs compared with each other, many through a set (an
    // object of many keys must not cost their square).
    let twice = if pairs.len() <= 16 {
        (1..pairs.len()).any(|i| pairs[..i].iter().any(|(k, _)| *k == pairs[i].0))
    } else {
        let keys: foldhash::HashSet<&str> = pairs.iter().map(|(k, _)| k.as_ref()).collect();
        keys.len() < pairs.len()
    };
    if twice {
        let mut seen = foldhash::HashSet::default();
        let mut last_first: Vec<_> = pairs.into_iter().rev().collect();
        last_first.retain(|(k, _)| seen.insert(k.clone()));
        last_first.reverse();
        pairs = last_first;
    }
    Some(pairs)
}

/// A raw JSON string's text; `None` when it is no string.
pub fn text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let t = raw.get();
    if !t.starts_with('"') {
        // No string (the parser would say so with an error made for it).
        return None;
    }
    // A raw value is JSON checked already (a string in it holds no control
    // character): one without a backslash is the text between its quotes,
    // taken without reading it through the parser a second time.
    if let Some(inner) = t.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
    }
    serde_json::from_str::<Text>(t).ok().map(|t| t.0)
}

/// A raw JSON string or number as an id: a string's text, a number's exact
/// digits; `None` for any other JSON.
pub fn id_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    match raw.get().as_bytes().first()? {
        b'"' => text(raw),
        b'-' | b'0'..=b'9' => Some(Cow::Borrowed(raw.get())),
        _ => None,
    }
}

/// Why a raw value could not become a property value.
pub enum BadValue {
    /// A value JSON cannot hold here (a number out of range); the message.
    Value(String),
    /// Nested deeper than JSON is read; the parser's error.
    Json(serde_json::Error),
}

/// A property value from raw JSON: strings and numbers from their text,
/// lists element by element, maps through `serde_json` (integers stay
/// integers).
pub fn value(raw: &RawValue) -> Result<Value, BadValue> {
    value_at(raw, 0)
}

/// Lists nested deeper than this go through `serde_json`, which refuses
/// what it cannot read without running out of stack.
const DEEPEST_LIST: usize = 32;

fn value_at(raw: &RawValue, depth: usize) -> Result<Value, BadValue> {
    let t = raw.get();
    match t.as_bytes().first() {
        Some(b'"') => Ok(Value::Str(
            text(raw).map(CompactString::from).unwrap_or_default(),
        )),
        Some(b'-' | b'0'..=b'9') => number(t).map_err(BadValue::Value),
        Some(b't') => Ok(Value::Bool(true)),
        Some(b'f') => Ok(Value::Bool(false)),
        Some(b'n') => Ok(Value::Null),
        Some(b'[') if depth < DEEPEST_LIST => {
            let items: Vec<&RawValue> = serde_json::from_str(t).map_err(BadValue::Json)?;
            let items = items.into_iter().map(|item| value_at(item, depth + 1));
            Ok(Value::List(items.collect::<Result<_, _>>()?))
        }
        _ => {
            let json: serde_json::Value = serde_json::from_str(t).map_err(BadValue::Json)?;
            from_json(&json).map_err(BadValue::Value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of JSON value becomes what `from_json` makes of it, and
    /// what it refuses is refused, quoting the text as written.
    #[test]
    fn values_from_raw_text_equal_those_through_serde_json() {
        let cases = [
            r#""plain""#,
            r#""esc\"aped \u0416""#,
            r#""""#,
            // Taken between the quotes when there is no backslash.
            r#""Ленинград · № 5 / 1937?""#,
            r#""a\\b""#,
            r#""line\nend\t\u0000""#,
            r#""\\""#,
            r#""ends in a quote \"""#,
            "0",
            "-0",
            "42",
            "-9223372036854775808",
            "9223372036854775807",
            "9223372036854775808",
            "123456789012345678901234567890",
            "1.5",
            "-2.5e3",
            "1E2",
            "1e400",
            "true",
            "false",
            "null",
            r#"[1, "a", [2.5, null]]"#,
            r#"["src:12", "src:14-15", {"k": [1]}, [[["deep"]]]]"#,
            r#"{"b": 1, "a": {"c": [true]}}"#,
            "[]",
            "{}",
        ];
        for case in cases {
            let raw: &RawValue = serde_json::from_str(case).unwrap();
            let json: serde_json::Value = serde_json::from_str(case).unwrap();
            let ours = match value(raw) {
                Ok(v) => Ok(v),
                Err(BadValue::Value(m)) => Err(m),
                Err(BadValue::Json(e)) => panic!("{case}: {e}"),
            };
            match (ours, from_json(&json)) {
                (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "{case}"),
                // The message quotes the number as written (serde_json
                // writes `1e400` as `1e+400`).
                (Err(ours), Err(_)) => assert!(ours.contains(case), "{ours}"),
                (ours, theirs) => panic!("{case}: {ours:?} against {theirs:?}"),
            }
        }
    }

    /// Lists nested past the depth read element by element are read (or
    /// refused) by `serde_json`, never by running out of stack.
    #[test]
    fn deeply_nested_lists_are_read_or_refused_without_overflow() {
        for depth in [DEEPEST_LIST, DEEPEST_LIST + 5, 100_000] {
            let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            let raw: &RawValue = serde_json::from_str(&text).unwrap();
            let json = serde_json::from_str::<serde_json::Value>(&text);
            match (value(raw), json) {
                (Ok(ours), Ok(json)) => assert_eq!(Ok(ours), from_json(&json), "{depth}"),
                (Err(BadValue::Json(_)), Err(_)) => {}
                _ => panic!("depth {depth}: read differently from serde_json"),
            }
        }
    }

    /// An object of many keys, one given twice, keeps each key once with
    /// its last value, in the order of the last values (in linear time:
    /// quadratic time would not finish here).
    #[test]
    fn many_keys_keep_the_last_value_of_each() {
        let n = 200_000;
        let mut text: Vec<String> = (0..n).map(|i| format!("\"k{i}\": {i}")).collect();
        text.push("\"k7\": \"again\"".into());
        let text = format!("{{{}}}", text.join(","));
        let raw: &RawValue = serde_json::from_str(&text).unwrap();
        let pairs = pairs(raw).unwrap();
        assert_eq!(pairs.len(), n);
        assert_eq!(pairs[6].0, "k6");
        assert_eq!(pairs[7].0, "k8");
        assert_eq!(
            pairs.last().map(|(k, v)| (k.as_ref(), v.get())),
            Some(("k7", "\"again\""))
        );
    }

    #[test]
    fn a_line_keeps_its_fields_raw_and_the_last_of_a_key_given_twice() {
        let line = Line::read(
            r#"{"type":"node","extra":[[{"x":1}]],"id":"a","id":"p\u0031","labels":["Person"],
                "properties":{"name":"N","age":3,"name":"M","gone":null}}"#,
        )
        .unwrap();
        assert_eq!(line.kind.map(RawValue::get), Some(r#""node""#));
        assert_eq!(id_text(line.id.unwrap()).as_deref(), Some("p1"));
        assert_eq!(line.labels.map(RawValue::get), Some(r#"["Person"]"#));
        assert!(line.start.is_none() && line.end.is_none() && line.label.is_none());
        let pairs = pairs(line.properties.unwrap()).unwrap();
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["age", "name", "gone"]);
        assert_eq!(pairs[1].1.get(), r#""M""#);
        // Numbers keep their exact digits as ids; other JSON is no id.
        let raw = |t: &'static str| -> &'static RawValue { serde_json::from_str(t).unwrap() };
        assert_eq!(id_text(raw("-3")).as_deref(), Some("-3"));
        assert_eq!(id_text(raw("12")).as_deref(), Some("12"));
        assert_eq!(id_text(raw("null")), None);
        assert_eq!(id_text(raw("[1]")), None);
        // Only a string has a text, escaped or not.
        for other in ["12", "-1.5", "null", "true", r#"["a"]"#, r#"{"a":"b"}"#] {
            assert_eq!(text(raw(other)), None, "{other}");
        }
        assert_eq!(text(raw(r#""a\nб""#)).as_deref(), Some("a\nб"));
        assert_eq!(text(raw(r#""Ленинград""#)).as_deref(), Some("Ленинград"));
        assert!(pairs_of("[1]").is_none());
        assert!(Line::read("[1]").is_err());
        assert!(Line::read(r#"{"type":"node",}"#).is_err());
        assert!(Line::read(r#"{"type":"node"} x"#).is_err());
    }

    fn pairs_of(t: &'static str) -> Option<Vec<(Cow<'static, str>, &'static RawValue)>> {
        pairs(serde_json::from_str(t).unwrap())
    }
}
