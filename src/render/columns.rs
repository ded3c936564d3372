//! Property columns of the GraphML, GEXF and Neo4j CSV exports: which
//! properties occur on a set of elements, one declared type per property
//! that all its values fit, and the derived `_earliest`/`_latest` bounds of
//! date properties.
//!
//! A property whose values have different types on different elements is
//! declared as a string (`Kind::Text`); lists of one scalar type are arrays
//! (Neo4j `string[]`, ...), other lists and maps are written as JSON text.

use super::json::{value_json, Dates};
use crate::date::Day;
use crate::model::{Props, Value};
use crate::store::{GraphRead, Result as StoreResult};
use std::collections::BTreeMap;

/// The type of the items of an array column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// Booleans.
    Boolean,
    /// 64-bit integers.
    Long,
    /// 64-bit floats.
    Double,
    /// Strings (dates in a list count as their EDTF strings).
    Text,
}

/// The type a column is declared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Booleans only.
    Boolean,
    /// Integers only.
    Long,
    /// Floats only.
    Double,
    /// Strings, or values of mixed types written as text.
    Text,
    /// EDTF dates only.
    Date,
    /// Lists whose items are all of one scalar type (`None`: only empty lists seen).
    Array(Option<Item>),
    /// Maps, or lists of mixed or nested items: written as JSON.
    Json,
}

impl Kind {
    /// The kind of one value; `None` for null, which fits every kind.
    pub fn of(v: &Value) -> Option<Kind> {
        Some(match v {
            Value::Null => return None,
            Value::Bool(_) => Kind::Boolean,
            Value::Int(_) => Kind::Long,
            Value::Float(_) => Kind::Double,
            Value::Str(_) => Kind::Text,
            Value::Date(_) => Kind::Date,
            Value::Map(_) => Kind::Json,
            Value::List(items) => {
                let mut item = None;
                for i in items {
                    let this = match i {
                        Value::Bool(_) => Item::Boolean,
                        Value::Int(_) => Item::Long,
                        Value::Float(_) => Item::Double,
                        Value::Str(_) | Value::Date(_) => Item::Text,
                        _ => return Some(Kind::Json),
                    };
                    if item.is_some_and(|seen| seen != this) {
                        return Some(Kind::Json);
                    }
                    item = Some(this);
                }
                Kind::Array(item)
            }
        })
    }

    /// The kind that fits values of both kinds.
    pub fn unify(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Array(None), Kind::Array(x)) | (Kind::Array(x), Kind::Array(None)) => {
                Kind::Array(x)
            }
            (Kind::Array(_) | Kind::Json, Kind::Array(_) | Kind::Json) => Kind::Json,
            _ => Kind::Text,
        }
    }

    /// The GraphML `attr.type` (and GEXF attribute type) of the kind.
    pub fn xml_type(self) -> &'static str {
        match self {
            Kind::Boolean => "boolean",
            Kind::Long => "long",
            Kind::Double => "double",
            _ => "string",
        }
    }
}

/// One property column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The property key.
    pub key: String,
    /// The declared type.
    pub kind: Kind,
    /// Whether any value is a date (then bounds columns are derived).
    pub has_dates: bool,
}

/// The property columns of a set of elements, in key order.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    map: BTreeMap<String, Column>,
}

impl Columns {
    /// Takes the properties of one more element into account.
    pub fn add(&mut self, props: &Props) {
        for (key, v) in props {
            let Some(kind) = Kind::of(v) else { continue };
            let is_date = matches!(v, Value::Date(_));
            match self.map.get_mut(key) {
                Some(c) => {
                    c.kind = c.kind.unify(kind);
                    c.has_dates |= is_date;
                }
                None => {
                    let c = Column {
                        key: key.to_string(),
                        kind,
                        has_dates: is_date,
                    };
                    self.map.insert(key.to_string(), c);
                }
            }
        }
    }

    /// Whether a property of this key occurs.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The columns in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Column> {
        self.map.values()
    }

    /// The output fields: each column, followed for date columns by
    /// `<key>_earliest` and `<key>_latest` (renamed `<key>_earliest_2`, ...
    /// if a property already has that name).
    pub fn fields(&self) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for c in self.map.values() {
            out.push(Field {
                name: c.key.clone(),
                key: c.key.clone(),
                part: Part::Value,
                kind: c.kind,
            });
            if c.has_dates {
                for (suffix, part) in [("_earliest", Part::Earliest), ("_latest", Part::Latest)] {
                    let name = fresh_name(&format!("{}{suffix}", c.key), |n| {
                        self.contains(n) || out.iter().any(|f| f.name == n)
                    });
                    out.push(Field {
                        name,
                        key: c.key.clone(),
                        part,
                        kind: Kind::Text,
                    });
                }
            }
        }
        out
    }
}

/// Which part of a property a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The value itself.
    Value,
    /// The earliest day of a date value.
    Earliest,
    /// The latest day of a date value.
    Latest,
}

/// One output field: a property or a bound of a date property.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name written in the export.
    pub name: String,
    /// The property it comes from.
    pub key: String,
    /// Which part of the property.
    pub part: Part,
    /// The declared type (`Text` for bounds, which are ISO days).
    pub kind: Kind,
}

/// What a field holds for one element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// A property value (never null).
    Value(&'a Value),
    /// A bound of a date.
    Day(Day),
}

impl Field {
    /// The field's cell for an element with these properties; `None` when
    /// the property is missing or null, or the bound is open or unknown.
    pub fn cell<'a>(&self, props: &'a Props) -> Option<Cell<'a>> {
        let v = props.get(&self.key).filter(|v| !matches!(v, Value::Null))?;
        match self.part {
            Part::Value => Some(Cell::Value(v)),
            Part::Earliest => v.as_date()?.earliest().map(Cell::Day),
            Part::Latest => v.as_date()?.latest().map(Cell::Day),
        }
    }
}

/// The columns of all nodes and of all relationships of a graph.
///
/// Cost: reads every element once.
pub fn scan(g: &dyn GraphRead) -> StoreResult<(Columns, Columns)> {
    let (mut nodes, mut rels) = (Columns::default(), Columns::default());
    for id in g.node_ids()? {
        if let Some(n) = g.node(&id)? {
            nodes.add(&n.props);
        }
    }
    for id in g.rel_ids()? {
        if let Some(r) = g.rel(&id)? {
            rels.add(&r.props);
        }
    }
    Ok((nodes, rels))
}

/// `base` if `taken` says it is free, else the first free of `base_2`, `base_3`, ...
pub fn fresh_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !taken(n))
        .expect("an unbounded range has a free name")
}

/// A value as text: strings as they are, dates as EDTF, numbers and
/// booleans in their XML Schema / Java lexical forms, lists and maps as JSON.
pub fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        Value::Str(s) => s.to_string(),
        Value::Date(d) => d.to_string(),
        Value::List(_) | Value::Map(_) => value_json(v, Dates::Edtf).to_string(),
    }
}

/// A cell as text (see [`text`]; days as ISO `yyyy-mm-dd`).
pub fn cell_text(c: Cell<'_>) -> String {
    match c {
        Cell::Value(v) => text(v),
        Cell::Day(d) => d.to_string(),
    }
}

/// A float readable by Python, Java and XML Schema: `1.0`, `1e300`, `NaN`,
/// `Infinity`, `-Infinity`.
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{f:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;

    fn props(pairs: &[(&str, Value)]) -> Props {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn mixed_types_become_text() {
        let mut cols = Columns::default();
        cols.add(&props(&[("year", Value::Int(1931)), ("x", Value::Null)]));
        cols.add(&props(&[("year", Value::Str("1931?".into()))]));
        let c: Vec<_> = cols.iter().collect();
        assert_eq!(c.len(), 1, "null alone declares nothing");
        assert_eq!(c[0].kind, Kind::Text);
    }

    #[test]
    fn lists_are_arrays_or_json() {
        let s = |x: &str| Value::Str(x.into());
        assert_eq!(
            Kind::of(&Value::List(vec![s("a"), s("b")])),
            Some(Kind::Array(Some(Item::Text)))
        );
        assert_eq!(
            Kind::of(&Value::List(vec![s("a"), Value::Int(1)])),
            Some(Kind::Json)
        );
        let empty = Kind::of(&Value::List(vec![])).unwrap();
        assert_eq!(
            empty.unify(Kind::Array(Some(Item::Long))),
            Kind::Array(Some(Item::Long))
        );
        assert_eq!(Kind::Array(Some(Item::Long)).unify(Kind::Json), Kind::Json);
    }

    #[test]
    fn dates_derive_bounds_without_clobbering_properties() {
        let d = Value::date(Edtf::parse("1931-09/1931-12").unwrap());
        let p = props(&[("date", d), ("date_earliest", Value::Str("x".into()))]);
        let mut cols = Columns::default();
        cols.add(&p);
        let names: Vec<_> = cols.fields().into_iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            ["date", "date_earliest_2", "date_latest", "date_earliest"]
        );
        let f = &cols.fields()[1];
        assert_eq!(f.cell(&p).map(cell_text).as_deref(), Some("1931-09-01"));
        let open = props(&[("date", Value::date(Edtf::parse("1931/..").unwrap()))]);
        assert_eq!(cols.fields()[2].cell(&open), None);
    }

    #[test]
    fn floats_are_portable() {
        assert_eq!(float_text(1.0), "1.0");
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float_text(1e300), "1e300");
    }
}
