//! Decoding a record with only some of its properties: the other keys and
//! values are walked over as borrowed bytes (no allocation, no UTF-8 check,
//! no date parsing).
//! The shapes below mirror [`Node`], [`Rel`] and [`Value`] field for field
//! and variant for variant, so they read exactly what [`super::codec`]
//! wrote (a test checks every value type against the whole decode).

use super::codec::decode;
use super::error::{Result, StoreError};
use crate::date::Edtf;
use crate::model::{Node, Props, Rel, Value};
use serde::Deserialize;

#[derive(Deserialize)]
enum ValueRef<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a [u8]),
    Date(&'a [u8]),
    List(Vec<ValueRef<'a>>),
    Map(Vec<(&'a [u8], ValueRef<'a>)>),
}

/// Stored text: bincode writes a string as its length and UTF-8 bytes,
/// the same as a byte string, so it is read as bytes and checked when kept.
fn text(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| StoreError::Corrupt("a text is not UTF-8".into()))
}

#[derive(Deserialize)]
struct NodeRef<'a> {
    id: &'a str,
    labels: Vec<&'a str>,
    #[serde(borrow)]
    props: Vec<(&'a [u8], ValueRef<'a>)>,
}

#[derive(Deserialize)]
struct RelRef<'a> {
    id: &'a str,
    rel_type: &'a str,
    start: &'a str,
    end: &'a str,
    #[serde(borrow)]
    props: Vec<(&'a [u8], ValueRef<'a>)>,
}

fn value(v: &ValueRef) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Bool(b) => Value::Bool(*b),
        ValueRef::Int(i) => Value::Int(*i),
        ValueRef::Float(f) => Value::Float(*f),
        ValueRef::Str(s) => Value::Str(text(s)?.into()),
        ValueRef::Date(s) => Value::date(date(s)?),
        ValueRef::List(items) => Value::List(items.iter().map(value).collect::<Result<_>>()?),
        ValueRef::Map(m) => Value::Map(
            m.iter()
                .map(|(k, v)| Ok((text(k)?.to_string(), value(v)?)))
                .collect::<Result<_>>()?,
        ),
    })
}

fn date(bytes: &[u8]) -> Result<Edtf> {
    let s = text(bytes)?;
    Edtf::parse_remembered(s)
        .map_err(|e| StoreError::Corrupt(format!("invalid EDTF date {s:?}: {e}")))
}

fn props(all: &[(&[u8], ValueRef)], keys: &[String]) -> Result<Props> {
    all.iter()
        .filter(|(k, _)| keys.iter().any(|w| w.as_bytes() == *k))
        .map(|(k, v)| Ok((text(k)?.to_string(), value(v)?)))
        .collect()
}

/// A node record with only the properties named in `keys`.
pub fn node(bytes: &[u8], keys: &[String]) -> Result<Node> {
    let n: NodeRef = decode(bytes)?;
    Ok(Node {
        pos: None,
        id: n.id.into(),
        labels: n.labels.iter().map(|&l| l.into()).collect(),
        props: props(&n.props, keys)?,
    })
}

/// A relationship record with only the properties named in `keys`.
pub fn rel(bytes: &[u8], keys: &[String]) -> Result<Rel> {
    let r: RelRef = decode(bytes)?;
    Ok(Rel {
        pos: None,
        id: r.id.into(),
        rel_type: r.rel_type.into(),
        start: r.start.into(),
        end: r.end.into(),
        props: props(&r.props, keys)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec::encode;
    use std::collections::BTreeMap;

    fn sample() -> Props {
        let mut inner = BTreeMap::new();
        inner.insert("k".to_string(), Value::Int(-3));
        inner.insert(
            "d".to_string(),
            Value::date(Edtf::parse("1931-11?").unwrap()),
        );
        let mut p = Props::new();
        p.insert("null".into(), Value::Null);
        p.insert("bool".into(), Value::Bool(true));
        p.insert("int".into(), Value::Int(i64::MIN));
        p.insert("float".into(), Value::Float(2.5));
        p.insert("name".into(), Value::Str("Изак".into()));
        p.insert(
            "date".into(),
            Value::date(Edtf::parse("1936/1938").unwrap()),
        );
        p.insert(
            "list".into(),
            Value::List(vec![Value::Str("a".into()), Value::List(vec![])]),
        );
        p.insert("map".into(), Value::Map(inner));
        p
    }

    #[test]
    fn every_key_reads_as_the_whole_decode() {
        let n = Node {
            pos: None,
            id: "izak".into(),
            labels: vec!["Person".into(), "Student".into()],
            props: sample(),
        };
        let bytes = encode(&n);
        let all: Vec<String> = n.props.keys().map(String::from).collect();
        assert_eq!(node(&bytes, &all).unwrap(), decode::<Node>(&bytes).unwrap());
        let r = Rel {
            pos: None,
            id: "r1".into(),
            rel_type: "ACCUSED".into(),
            start: "a".into(),
            end: "b".into(),
            props: sample(),
        };
        let bytes = encode(&r);
        assert_eq!(rel(&bytes, &all).unwrap(), decode::<Rel>(&bytes).unwrap());
    }

    #[test]
    fn only_the_named_keys_are_kept() {
        let n = Node {
            pos: None,
            id: "izak".into(),
            labels: vec!["Person".into()],
            props: sample(),
        };
        let got = node(&encode(&n), &["date".into(), "absent".into()]).unwrap();
        assert_eq!(got.id, "izak");
        assert_eq!(got.labels, n.labels);
        assert_eq!(got.props.len(), 1);
        assert_eq!(got.props.get("date"), n.props.get("date"));
        assert!(node(&encode(&n), &[]).unwrap().props.is_empty());
    }

    #[test]
    fn a_remembered_date_reads_as_parsed() {
        for text in ["1931-11?", "1936/1938", "[1667,1668..1670]", "1931-11?"] {
            let got = date(text.as_bytes()).unwrap();
            assert_eq!(got, Edtf::parse(text).unwrap(), "{text}");
            assert_eq!(got.to_string(), Edtf::parse(text).unwrap().to_string());
        }
        assert!(date(b"1931-13").is_err());
        assert!(
            date(b"1931-13").is_err(),
            "an invalid date is not remembered"
        );
    }

    #[test]
    fn damaged_bytes_are_errors() {
        let n = Node {
            pos: None,
            id: "izak".into(),
            labels: vec![],
            props: sample(),
        };
        let bytes = encode(&n);
        for cut in 0..bytes.len() {
            assert!(node(&bytes[..cut], &[]).is_err(), "cut at {cut}");
        }
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(node(&trailing, &[]).is_err());
    }
}
