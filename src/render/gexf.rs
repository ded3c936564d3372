//! The GEXF 1.3 export, for Gephi, with dates for its timeline.
//!
//! The graph is `mode="dynamic"` with `timeformat="date"`: an element whose
//! `date` property is an EDTF date gets `start` (its earliest day) and `end`
//! (its latest day); an open or unknown bound, or one outside the years
//! 1–9999 that `xs:date` and Gephi read, is left out, so the element is
//! unbounded on that side. Node `label` is the display name (`name`, else
//! `title`, else the id), edge `label` the relationship type. Properties
//! are typed attributes as in the GraphML export (see
//! [`super::columns`]): dates as EDTF with `_earliest`/`_latest` bounds,
//! lists and maps as JSON, node labels in a `labels` attribute joined by `;`.

use super::columns::{self, cell_text, fresh_name, Field};
use super::export_error::ExportError;
use super::xml::{escape, DECLARATION};
use crate::date::Day;
use crate::model::Props;
use crate::store::GraphRead;
use std::io::{self, Write};

/// Writes the whole graph as GEXF 1.3; `tick` is called once per element
/// written. Returns the number of elements (nodes and edges) written.
///
/// Cost: reads every element twice (once to declare the attributes).
pub fn export(
    g: &dyn GraphRead,
    out: &mut dyn Write,
    tick: &mut dyn FnMut(),
) -> Result<usize, ExportError> {
    let (node_cols, rel_cols) = columns::scan(g)?;
    let node_fields = node_cols.fields();
    let rel_fields = rel_cols.fields();
    let labels = fresh_name("labels", |n| node_fields.iter().any(|f| f.name == n));

    out.write_all(DECLARATION.as_bytes())?;
    writeln!(
        out,
        "<gexf xmlns=\"http://gexf.net/1.3\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" \
         version=\"1.3\">"
    )?;
    writeln!(out, "  <meta>\n    <creator>prosopo</creator>")?;
    writeln!(
        out,
        "    <description>start/end: bounds of each element's date; dates as EDTF \
         with _earliest/_latest ISO bounds; lists and maps as JSON</description>"
    )?;
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">"
    )?;
    writeln!(out, "    <attributes class=\"node\" mode=\"static\">")?;
    attribute(out, "n0", &labels, "string")?;
    for (i, f) in node_fields.iter().enumerate() {
        attribute(out, &format!("n{}", i + 1), &f.name, f.kind.xml_type())?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <attributes class=\"edge\" mode=\"static\">")?;
    for (i, f) in rel_fields.iter().enumerate() {
        attribute(out, &format!("e{i}"), &f.name, f.kind.xml_type())?;
    }
    writeln!(out, "    </attributes>")?;

    let mut n = 0;
    writeln!(out, "    <nodes>")?;
    for id in g.node_ids()? {
        let Some(node) = g.node(&id)? else { continue };
        write!(
            out,
            "      <node id=\"{}\" label=\"{}\"",
            escape(&node.id),
            escape(node.display_name())
        )?;
        spell(out, &node.props)?;
        let mut values = Vec::new();
        if !node.labels.is_empty() {
            values.push(("n0".to_string(), node.labels.join(";")));
        }
        values.extend(cells(&node_fields, &node.props, "n", 1));
        attvalues(out, &values, "node")?;
        n += 1;
        tick();
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for id in g.rel_ids()? {
        let Some(rel) = g.rel(&id)? else { continue };
        write!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" label=\"{}\"",
            escape(&rel.id),
            escape(&rel.start),
            escape(&rel.end),
            escape(&rel.rel_type)
        )?;
        spell(out, &rel.props)?;
        attvalues(out, &cells(&rel_fields, &rel.props, "e", 0), "edge")?;
        n += 1;
        tick();
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>\n</gexf>")?;
    Ok(n)
}

/// A day as GEXF `date` time (`yyyy-mm-dd`), if its year is in 1..=9999.
pub fn gexf_day(d: Day) -> Option<String> {
    (1..=9999).contains(&d.ymd().0).then(|| d.to_string())
}

/// The ` start=".." end=".."` of an element, from its `date` property.
fn spell(out: &mut dyn Write, props: &Props) -> io::Result<()> {
    let Some(date) = props.get("date").and_then(|v| v.as_date()) else {
        return Ok(());
    };
    if let Some(start) = date.earliest().and_then(gexf_day) {
        write!(out, " start=\"{start}\"")?;
    }
    if let Some(end) = date.latest().and_then(gexf_day) {
        write!(out, " end=\"{end}\"")?;
    }
    Ok(())
}

fn attribute(out: &mut dyn Write, id: &str, title: &str, ty: &str) -> io::Result<()> {
    writeln!(
        out,
        "      <attribute id=\"{id}\" title=\"{}\" type=\"{ty}\"/>",
        escape(title)
    )
}

/// (attribute id, text) of each field the element has; ids count from `first`.
fn cells(fields: &[Field], props: &Props, prefix: &str, first: usize) -> Vec<(String, String)> {
    fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((format!("{prefix}{}", first + i), cell_text(f.cell(props)?))))
        .collect()
}

/// Closes the element's start tag, writes its `<attvalues>` if any, and
/// closes the element.
fn attvalues(out: &mut dyn Write, values: &[(String, String)], tag: &str) -> io::Result<()> {
    if values.is_empty() {
        return writeln!(out, "/>");
    }
    writeln!(out, ">\n        <attvalues>")?;
    for (id, text) in values {
        writeln!(
            out,
            "          <attvalue for=\"{id}\" value=\"{}\"/>",
            escape(text)
        )?;
    }
    writeln!(out, "        </attvalues>\n      </{tag}>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_graph::{self, AWKWARD};
    use crate::render::xml::readable;
    use std::collections::BTreeMap;

    /// One element: its XML attributes and its attvalues by title.
    #[derive(Debug)]
    struct Element {
        attrs: BTreeMap<String, String>,
        values: BTreeMap<String, String>,
    }

    fn gexf(g: &dyn GraphRead) -> String {
        let mut buf = Vec::new();
        let mut ticks = 0;
        let n = export(g, &mut buf, &mut || ticks += 1).unwrap();
        assert_eq!(n, ticks);
        String::from_utf8(buf).unwrap()
    }

    /// Elements by `node:ID` / `edge:ID`, and declared types by (class, title).
    fn parse(
        text: &str,
    ) -> (
        BTreeMap<String, Element>,
        BTreeMap<(String, String), String>,
    ) {
        let doc = roxmltree::Document::parse(text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
        assert_eq!(root.attribute("version"), Some("1.3"));
        let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
        assert_eq!(graph.attribute("mode"), Some("dynamic"));
        assert_eq!(graph.attribute("timeformat"), Some("date"));
        let (mut titles, mut types) = (BTreeMap::new(), BTreeMap::new());
        for a in doc.descendants().filter(|n| n.has_tag_name("attribute")) {
            let class = a.parent().unwrap().attribute("class").unwrap().to_string();
            let title = a.attribute("title").unwrap().to_string();
            titles.insert(
                (class.clone(), a.attribute("id").unwrap().to_string()),
                title.clone(),
            );
            types.insert((class, title), a.attribute("type").unwrap().to_string());
        }
        let mut elements = BTreeMap::new();
        for e in doc
            .descendants()
            .filter(|n| n.has_tag_name("node") || n.has_tag_name("edge"))
        {
            let class = e.tag_name().name().to_string();
            let attrs = e
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect();
            let values = e
                .descendants()
                .filter(|n| n.has_tag_name("attvalue"))
                .map(|v| {
                    let id = v.attribute("for").unwrap().to_string();
                    let title = titles[&(class.clone(), id)].clone();
                    (title, v.attribute("value").unwrap().to_string())
                })
                .collect();
            let key = format!("{class}:{}", e.attribute("id").unwrap());
            elements.insert(key, Element { attrs, values });
        }
        (elements, types)
    }

    #[test]
    fn bundled_dataset_has_labels_and_timeline_bounds() {
        let db = test_graph::bundled();
        let (nodes, rels) = test_graph::counts(&db.graph());
        let (elements, types) = parse(&gexf(&db.graph()));
        assert_eq!(
            elements.keys().filter(|k| k.starts_with("node:")).count(),
            nodes
        );
        assert_eq!(
            elements.keys().filter(|k| k.starts_with("edge:")).count(),
            rels
        );
        let izak = &elements["node:izak"];
        assert_eq!(izak.attrs["label"], "Izak");
        assert_eq!(izak.values["labels"], "Person");
        assert!(!izak.attrs.contains_key("start"), "undated: always present");
        let ev = &elements["node:accusation-1931-izak-dmitriev"];
        assert_eq!(
            ev.attrs["label"],
            "Fedchenko and Pantiukhin accuse Izak and Dmitriev of Trotskyism"
        );
        assert_eq!(ev.attrs["start"], "1931-09-01");
        assert_eq!(ev.attrs["end"], "1931-12-31");
        let acc = &elements["edge:accusation-1931-izak-dmitriev/fedchenko>izak"];
        assert_eq!(acc.attrs["label"], "ACCUSED");
        assert_eq!(acc.attrs["source"], "fedchenko");
        assert_eq!(acc.attrs["start"], "1931-09-01");
        assert_eq!(acc.attrs["end"], "1931-12-31");
        assert_eq!(acc.values["date"], "1931-09/1931-12");
        assert_eq!(acc.values["charge"], "Trotskyism");
        assert_eq!(elements["node:great-purge"].attrs["end"], "1938-12-31");
        assert_eq!(elements["node:halfin2009"].values["year"], "2009");
        assert_eq!(types[&("node".into(), "year".into())], "long");
        for (id, e) in &elements {
            let is_source = e.values.get("labels").is_some_and(|l| l == "Source");
            assert!(
                is_source || e.values.contains_key("sources"),
                "{id} lost its sources"
            );
        }
    }

    #[test]
    fn open_bounds_and_special_characters() {
        let db = test_graph::awkward();
        let (elements, types) = parse(&gexf(&db.graph()));
        assert_eq!(elements.len(), 5);
        let a = &elements["node:a"];
        assert_eq!(a.attrs["label"], readable(AWKWARD));
        assert_eq!(a.values["name"], readable(AWKWARD));
        assert_eq!(a.values["labels"], "Agent;Person");
        let b = &elements["node:b"];
        assert_eq!(b.attrs["start"], "1931-01-01");
        assert!(!b.attrs.contains_key("end"), "open end `1931/..`");
        assert_eq!(elements["node:c"].attrs["label"], "Untitled");
        assert_eq!(elements["edge:b>c"].attrs["label"], "SAW IT");
        assert_eq!(types[&("node".into(), "year".into())], "string");
        assert_eq!(types[&("node".into(), "alive".into())], "boolean");
        assert_eq!(types[&("edge".into(), "n".into())], "long");
    }

    #[test]
    fn days_outside_xs_date_are_left_out() {
        assert_eq!(gexf_day(Day::from_ymd(0, 1, 1).unwrap()), None);
        assert_eq!(gexf_day(Day::from_ymd(10000, 1, 1).unwrap()), None);
        assert_eq!(
            gexf_day(Day::from_ymd(1, 1, 1).unwrap()).unwrap(),
            "0001-01-01"
        );
    }

    #[test]
    fn networkx_reads_it_when_available() {
        let db = test_graph::bundled();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.gexf");
        std::fs::write(&path, gexf(&db.graph())).unwrap();
        if let Some(counts) = test_graph::networkx_counts("read_gexf", &path) {
            assert_eq!(counts, test_graph::counts(&db.graph()));
        }
    }
}
