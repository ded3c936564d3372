//! Writing elements as lines of the JSONL interchange (DESIGN §3).

use serde_json::{Map, Value};
use std::io::{self, Write};

/// Properties of one element, in insertion order.
pub type Props = Map<String, Value>;

/// A JSONL writer that counts what it wrote.
pub struct Emitter<W: Write> {
    out: W,
    /// Nodes written.
    pub nodes: usize,
    /// Relationships written.
    pub rels: usize,
}

impl<W: Write> Emitter<W> {
    /// A writer over `out` (buffer it).
    pub fn new(out: W) -> Emitter<W> {
        Emitter {
            out,
            nodes: 0,
            rels: 0,
        }
    }

    /// Writes a node line.
    pub fn node(&mut self, id: &str, label: &str, props: Props) -> io::Result<()> {
        let mut obj = Map::new();
        obj.insert("type".into(), "node".into());
        obj.insert("id".into(), id.into());
        obj.insert("labels".into(), Value::Array(vec![label.into()]));
        obj.insert("properties".into(), Value::Object(props));
        self.nodes += 1;
        self.line(&obj)
    }

    /// Writes a relationship line.
    pub fn rel(
        &mut self,
        id: &str,
        rel_type: &str,
        start: &str,
        end: &str,
        props: Props,
    ) -> io::Result<()> {
        let mut obj = Map::new();
        obj.insert("type".into(), "relationship".into());
        obj.insert("id".into(), id.into());
        obj.insert("label".into(), rel_type.into());
        obj.insert("start".into(), end_ref(start));
        obj.insert("end".into(), end_ref(end));
        obj.insert("properties".into(), Value::Object(props));
        self.rels += 1;
        self.line(&obj)
    }

    fn line(&mut self, obj: &Map<String, Value>) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, obj)?;
        self.out.write_all(b"\n")
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn end_ref(id: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), id.into());
    Value::Object(m)
}

/// Builds properties from pairs, skipping nulls.
pub fn props<const N: usize>(pairs: [(&str, Value); N]) -> Props {
    let mut m = Map::new();
    for (k, v) in pairs {
        if !v.is_null() {
            m.insert(k.to_string(), v);
        }
    }
    m
}
