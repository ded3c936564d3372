//! The GraphML export, for Gephi, yEd, networkx and Cytoscape.
//!
//! Every property becomes a `<key>` with its type (`boolean`, `long`,
//! `double`, `string`); a property with values of several types, a list or
//! a map is a `string` (lists and maps as JSON). A date is its EDTF string,
//! with `<prop>_earliest` and `<prop>_latest` keys holding its bounds as
//! ISO days (absent when open or unknown). Nodes carry `labels` (joined by
//! `;`) and `label` (the display name, unless a property is called so);
//! edges carry `type`. The graph is directed; nodes, then edges, each in id
//! order, so the same graph always gives the same bytes.

use super::columns::{self, cell_text, fresh_name, Field};
use super::export_error::ExportError;
use super::xml::{escape, DECLARATION};
use crate::model::Props;
use crate::store::GraphRead;
use std::io::Write;

/// One declared key: its id, what it is called and its type.
struct Key {
    id: String,
    name: String,
    xml_type: &'static str,
}

/// Writes the whole graph as GraphML; `tick` is called once per element
/// written. Returns the number of elements (nodes and edges) written.
///
/// Cost: reads every element twice (once to declare the keys).
pub fn export(
    g: &dyn GraphRead,
    out: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<usize, ExportError> {
    let (node_cols, rel_cols) = columns::scan(g)?;
    let node_fields = node_cols.fields();
    let rel_fields = rel_cols.fields();
    let taken = |fields: &[Field], n: &str| fields.iter().any(|f| f.name == n);
    let labels = fresh_name("labels", |n| taken(&node_fields, n));
    let display = !taken(&node_fields, "label");
    let type_name = fresh_name("type", |n| taken(&rel_fields, n));

    let mut node_keys = vec![key("n", 0, &labels, "string")];
    if display {
        node_keys.push(key("n", 1, "label", "string"));
    }
    let first = node_keys.len();
    for (i, f) in node_fields.iter().enumerate() {
        node_keys.push(key("n", first + i, &f.name, f.kind.xml_type()));
    }
    let mut edge_keys = vec![key("e", 0, &type_name, "string")];
    for (i, f) in rel_fields.iter().enumerate() {
        edge_keys.push(key("e", 1 + i, &f.name, f.kind.xml_type()));
    }

    out.write_all(DECLARATION.as_bytes())?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    writeln!(
        out,
        "  <!-- exported by prosopo: dates as EDTF with _earliest/_latest ISO bounds, \
         lists and maps as JSON, node labels joined by ';' -->"
    )?;
    for (k, domain) in node_keys
        .iter()
        .map(|k| (k, "node"))
        .chain(edge_keys.iter().map(|k| (k, "edge")))
    {
        writeln!(
            out,
            "  <key id=\"{}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{}\"/>",
            k.id,
            escape(&k.name),
            k.xml_type
        )?;
    }
    writeln!(out, "  <graph id=\"prosopo\" edgedefault=\"directed\">")?;

    let mut n = 0;
    for id in g.node_ids()? {
        let Some(node) = g.node(&id)? else { continue };
        writeln!(out, "    <node id=\"{}\">", escape(&node.id))?;
        if !node.labels.is_empty() {
            data(out, &node_keys[0].id, &node.labels.join(";"))?;
        }
        if display {
            data(out, &node_keys[1].id, node.display_name())?;
        }
        props(out, &node_keys[first..], &node_fields, &node.props)?;
        writeln!(out, "    </node>")?;
        n += 1;
        tick();
    }
    for id in g.rel_ids()? {
        let Some(rel) = g.rel(&id)? else { continue };
        writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            escape(&rel.id),
            escape(&rel.start),
            escape(&rel.end)
        )?;
        data(out, &edge_keys[0].id, &rel.rel_type)?;
        props(out, &edge_keys[1..], &rel_fields, &rel.props)?;
        writeln!(out, "    </edge>")?;
        n += 1;
        tick();
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(n)
}

fn key(prefix: &str, i: usize, name: &str, xml_type: &'static str) -> Key {
    Key {
        id: format!("{prefix}{i}"),
        name: name.to_string(),
        xml_type,
    }
}

fn data(out: &mut dyn Write, key: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, "      <data key=\"{key}\">{}</data>", escape(text))
}

/// The `<data>` of an element's properties; `keys[i]` declares `fields[i]`.
fn props(out: &mut dyn Write, keys: &[Key], fields: &[Field], p: &Props) -> std::io::Result<()> {
    for (k, f) in keys.iter().zip(fields) {
        if let Some(c) = f.cell(p) {
            data(out, &k.id, &cell_text(c))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_graph::{self, AWKWARD};
    use crate::render::xml::readable;
    use std::collections::BTreeMap;

    /// Per element id, its data by key name; and each key name's type.
    type Parsed = (
        BTreeMap<String, BTreeMap<String, String>>,
        BTreeMap<(String, String), String>,
    );

    fn parse(text: &str) -> Parsed {
        let doc = roxmltree::Document::parse(text).unwrap();
        let mut names = BTreeMap::new();
        let mut types = BTreeMap::new();
        for k in doc.descendants().filter(|n| n.has_tag_name("key")) {
            let (id, name) = (
                k.attribute("id").unwrap(),
                k.attribute("attr.name").unwrap(),
            );
            names.insert(id.to_string(), name.to_string());
            let domain = k.attribute("for").unwrap().to_string();
            types.insert(
                (domain, name.to_string()),
                k.attribute("attr.type").unwrap().into(),
            );
        }
        let mut elements = BTreeMap::new();
        for e in doc
            .descendants()
            .filter(|n| n.has_tag_name("node") || n.has_tag_name("edge"))
        {
            let mut data = BTreeMap::new();
            for d in e.children().filter(|n| n.has_tag_name("data")) {
                let name = names[d.attribute("key").unwrap()].clone();
                data.insert(name, d.text().unwrap_or("").to_string());
            }
            let id = format!("{}:{}", e.tag_name().name(), e.attribute("id").unwrap());
            elements.insert(id, data);
        }
        (elements, types)
    }

    fn graphml(g: &dyn GraphRead) -> (String, usize) {
        let mut buf = Vec::new();
        let mut ticks = 0;
        let n = export(g, &mut buf, &mut || ticks += 1).unwrap();
        assert_eq!(n, ticks);
        (String::from_utf8(buf).unwrap(), n)
    }

    #[test]
    fn bundled_dataset_exports_every_element_with_its_data() {
        let db = test_graph::bundled();
        let (nodes, rels) = test_graph::counts(&db.graph());
        let (text, n) = graphml(&db.graph());
        assert_eq!(n, nodes + rels);
        let (elements, types) = parse(&text);
        assert_eq!(
            elements.keys().filter(|k| k.starts_with("node:")).count(),
            nodes
        );
        assert_eq!(
            elements.keys().filter(|k| k.starts_with("edge:")).count(),
            rels
        );
        let izak = &elements["node:izak"];
        assert_eq!(izak["labels"], "Person");
        assert_eq!(izak["label"], "Izak");
        assert_eq!(izak["names"], r#"["Изак"]"#);
        assert_eq!(izak["sources"], r#"["halfin2009:301-335"]"#);
        assert_eq!(elements["node:halfin2009"]["year"], "2009");
        assert_eq!(types[&("node".into(), "year".into())], "long");
        let acc = &elements["edge:accusation-1931-izak-dmitriev/fedchenko>izak"];
        assert_eq!(acc["type"], "ACCUSED");
        assert_eq!(acc["date"], "1931-09/1931-12");
        assert_eq!(acc["date_earliest"], "1931-09-01");
        assert_eq!(acc["date_latest"], "1931-12-31");
        assert_eq!(elements["edge:member_of/izak/lcu"]["certainty"], "probable");
        for (id, e) in &elements {
            let is_source = e.get("labels").is_some_and(|l| l == "Source");
            assert!(
                is_source || e.contains_key("sources"),
                "{id} lost its sources"
            );
        }
        assert!(text.contains("edgedefault=\"directed\""));
    }

    #[test]
    fn types_and_special_characters_survive() {
        let db = test_graph::awkward();
        let (text, n) = graphml(&db.graph());
        assert_eq!(n, 5);
        let (elements, types) = parse(&text);
        let t = |d: &str, k: &str| types[&(d.to_string(), k.to_string())].as_str();
        assert_eq!(t("node", "year"), "string", "Int and Str mixed");
        assert_eq!(t("node", "weight"), "double");
        assert_eq!(t("node", "alive"), "boolean");
        assert_eq!(t("node", "names"), "string");
        assert_eq!(t("edge", "n"), "long");
        let a = &elements["node:a"];
        assert_eq!(a["name"], readable(AWKWARD));
        assert_eq!(a["label"], readable(AWKWARD));
        assert_eq!(a["labels"], "Agent;Person");
        assert_eq!(a["names"], r#"["x;y","z|w"]"#);
        assert_eq!(a["year"], "1931");
        assert_eq!(a["weight"], "0.5");
        assert_eq!(a["alive"], "false");
        assert_eq!(a["born"], "1898~");
        assert_eq!(a["born_earliest"], "1898-01-01");
        assert_eq!(a["extra"], r#"{"k":1}"#);
        assert_eq!(elements["node:b"]["date_earliest"], "1931-01-01");
        assert!(!elements["node:b"].contains_key("date_latest"), "open end");
        assert!(!elements["node:c"].contains_key("labels"));
        assert_eq!(elements["edge:a>b"]["note"], readable(AWKWARD));
        assert_eq!(elements["edge:b>c"]["type"], "SAW IT");
    }

    #[test]
    fn networkx_reads_it_when_available() {
        let db = test_graph::bundled();
        let (text, _) = graphml(&db.graph());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.graphml");
        std::fs::write(&path, text).unwrap();
        if let Some(counts) = test_graph::networkx_counts("read_graphml", &path) {
            assert_eq!(counts, test_graph::counts(&db.graph()));
        }
    }
}
