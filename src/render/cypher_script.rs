//! A Cypher script that rebuilds the graph in Neo4j (or any openCypher
//! store): a uniqueness constraint per label, then one `CREATE` per node and
//! one `MATCH ... CREATE` per relationship, each statement ending with `;`.
//! Keys become an `id` property; dates are EDTF strings.

use super::export_error::ExportError;
use crate::model::{Props, Value};
use crate::store::GraphRead;
use std::collections::BTreeSet;
use std::io::Write;

/// A Cypher string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A name (label, type, key) quoted with backticks when it is not plain.
pub fn name(n: &str) -> String {
    if crate::query::lexer::is_plain_ident(n) && !crate::query::lexer::is_reserved(n) {
        n.to_string()
    } else {
        format!("`{}`", n.replace('`', "``"))
    }
}

/// A property value as a Cypher literal.
pub fn literal(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_finite() => format!("{f:?}"),
        Value::Float(f) => format!("toFloat({})", string(&f.to_string())),
        Value::Str(s) => string(s),
        Value::Date(d) => string(&d.to_string()),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", name(k), literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn map(id: &str, props: &Props) -> String {
    let mut parts = vec![format!("id: {}", string(id))];
    parts.extend(
        props
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(k, v)| format!("{}: {}", name(k), literal(v))),
    );
    format!("{{{}}}", parts.join(", "))
}

/// Writes the script; `tick` is called once per element.
pub fn export(
    g: &dyn GraphRead,
    out: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<usize, ExportError> {
    let mut labels = BTreeSet::new();
    let ids = g.node_ids()?;
    for id in &ids {
        if let Some(n) = g.node(id)? {
            labels.extend(n.labels);
        }
    }
    writeln!(
        out,
        "// prosopo export: run with cypher-shell -f FILE (keys are the `id` property)"
    )?;
    for l in &labels {
        writeln!(
            out,
            "CREATE CONSTRAINT IF NOT EXISTS FOR (n:{}) REQUIRE n.id IS UNIQUE;",
            name(l)
        )?;
    }
    let mut n = 0;
    for id in &ids {
        if let Some(node) = g.node(id)? {
            let labels: String = node
                .labels
                .iter()
                .map(|l| format!(":{}", name(l)))
                .collect();
            writeln!(out, "CREATE ({labels} {});", map(&node.id, &node.props))?;
            n += 1;
            tick();
        }
    }
    for id in g.rel_ids()? {
        if let Some(r) = g.rel(&id)? {
            let label = |nid: &str| -> Result<String, ExportError> {
                Ok(g.node(nid)?
                    .and_then(|n| n.labels.first().cloned())
                    .map(|l| format!(":{}", name(&l)))
                    .unwrap_or_default())
            };
            writeln!(
                out,
                "MATCH (a{} {{id: {}}}), (b{} {{id: {}}}) CREATE (a)-[:{} {}]->(b);",
                label(&r.start)?,
                string(&r.start),
                label(&r.end)?,
                string(&r.end),
                name(&r.rel_type),
                map(&r.id, &r.props)
            )?;
            n += 1;
            tick();
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_rebuilds_the_bundled_graph_in_an_open_schema_database() {
        let db = crate::bundled::memory_database();
        let mut bytes = Vec::new();
        let n = export(&db.graph(), &mut bytes, &mut || {}).unwrap();
        let script = String::from_utf8(bytes).unwrap();
        assert_eq!(n, 58);
        assert!(script
            .contains("CREATE CONSTRAINT IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;"));
        let copy = crate::Database::memory(crate::Schema::Open);
        let opts = crate::query::Options {
            write: true,
            ..Default::default()
        };
        for stmt in script
            .lines()
            .filter(|l| l.starts_with("CREATE (") || l.starts_with("MATCH "))
        {
            crate::query::run(&copy, stmt.trim_end_matches(';'), &opts)
                .unwrap_or_else(|e| panic!("{stmt}: {e}"));
        }
        let count = |q: &str| {
            crate::query::run(&copy, q, &Default::default())
                .unwrap()
                .rows[0][0]
                .clone()
        };
        assert_eq!(
            count("MATCH (n) RETURN count(n)"),
            crate::query::Val::Int(28)
        );
        assert_eq!(
            count("MATCH ()-[r]->() RETURN count(r)"),
            crate::query::Val::Int(30)
        );
        let r = crate::query::run(&copy, "MATCH (a {id: 'fedchenko'})-[r:ACCUSED]->(b {id: 'izak'}) RETURN r.date_text, r.charge", &Default::default()).unwrap();
        assert_eq!(
            r.rows[0],
            vec![
                crate::query::Val::str("Late in 1931"),
                crate::query::Val::str("Trotskyism")
            ]
        );
        assert_eq!(
            literal(&Value::Str("it's \\ \"x\"\n".into())),
            "'it\\'s \\\\ \"x\"\\n'"
        );
    }
}
