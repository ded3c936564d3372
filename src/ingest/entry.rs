//! A raw entry of a data file (TOML or JSON) before it becomes elements:
//! its kind, its fields and the line of each.

use crate::model::Value;
use std::collections::BTreeMap;

/// A field value with the line it is on.
#[derive(Clone, Debug)]
pub struct Field {
    /// The value as written (dates still strings).
    pub value: Value,
    /// 1-based line.
    pub line: usize,
}

/// One entry: `[[person]]` in TOML, an object under `"person"` in JSON.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The entry kind (`person`, `event`, `membership`, ...).
    pub kind: String,
    /// 1-based line where the entry starts.
    pub line: usize,
    /// Fields by name.
    pub fields: BTreeMap<String, Field>,
}

/// 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Converts a JSON value to a property value (integers stay integers).
pub fn from_json(v: &serde_json::Value) -> Result<Value, String> {
    Ok(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => number(&n.to_string())?,
        serde_json::Value::String(s) => Value::Str(s.into()),
        serde_json::Value::Array(items) => {
            Value::List(items.iter().map(from_json).collect::<Result<_, _>>()?)
        }
        serde_json::Value::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), from_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}

/// A JSON number from its text (exact, as arbitrary precision keeps it):
/// an integer when it is one that fits, else a finite float.
pub fn number(text: &str) -> Result<Value, String> {
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Value::Int(i));
    }
    if !text.contains(['.', 'e', 'E']) {
        return Err(format!("integer {text} is out of range (at most 2^63-1)"));
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Value::Float(f)),
        _ => Err(format!("number {text} is out of range")),
    }
}

/// Converts a TOML value to a property value (TOML dates become strings).
pub fn from_toml(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::Str(s.into()),
        toml::Value::Integer(i) => Value::Int(*i),
        toml::Value::Float(f) => Value::Float(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::Str(d.to_string().into()),
        toml::Value::Array(items) => Value::List(items.iter().map(from_toml).collect()),
        toml::Value::Table(t) => {
            Value::Map(t.iter().map(|(k, v)| (k.clone(), from_toml(v))).collect())
        }
    }
}
