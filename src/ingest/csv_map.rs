//! Applying a [`Mapping`] to CSV files: every row of every table becomes the
//! nodes and relationships its specs describe, with citations, converted
//! dates and a `note` holding whatever the mapping did not place. The result
//! is one draft for [`Database::apply`](crate::db::Database::apply), so the
//! whole dataset lands or nothing does.

use super::csv_file::{self, CsvRow, CsvTable};
use super::date_forms;
use super::mapping::{Mapping, Missing, PropSource, PropSpec, PropType, RelSpec, Table, Vars};
use crate::db::{Draft, Item, Origin, Problem};
use crate::model::{id, Node, Props, Rel, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Reads the CSV files `paths` (files or directories) through the mapping at
/// `mapping` into `draft`. `exists` tells whether a node is already in the
/// database (for `missing = "note"`). Returns the files read; problems are
/// collected in `problems`.
pub fn read(
    mapping: &Path,
    paths: &[PathBuf],
    exists: &dyn Fn(&str) -> bool,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let m = match Mapping::load(mapping) {
        Ok(m) => m,
        Err(mut p) => {
            problems.append(&mut p);
            return Vec::new();
        }
    };
    let files = match resolve(&m, paths) {
        Ok(f) => f,
        Err(mut p) => {
            problems.append(&mut p);
            return Vec::new();
        }
    };
    let mut b = Builder::new(exists);
    for (sid, props, line) in &m.sources {
        b.push(
            Item::Node(Node {
                pos: None,
                id: sid.into(),
                labels: vec!["Source".into()],
                props: props.clone().into_iter().collect(),
            }),
            Origin::at(m.file.as_str(), *line),
        );
    }
    for (ti, path) in &files {
        let table = &m.tables[*ti];
        let csv = match csv_file::read(path, table.delimiter) {
            Ok(c) => c,
            Err(mut p) => {
                problems.append(&mut p);
                continue;
            }
        };
        match table.check(&m, &csv.file, &csv.headers) {
            Ok(used) => b.table(table, &csv, &used, problems),
            Err(mut p) => problems.append(&mut p),
        }
    }
    b.finish(draft, problems);
    files.into_iter().map(|(_, p)| p).collect()
}

/// Which table reads which file.
fn resolve(m: &Mapping, paths: &[PathBuf]) -> Result<Vec<(usize, PathBuf)>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut assigned: BTreeMap<usize, PathBuf> = BTreeMap::new();
    let mut extra: Vec<(usize, PathBuf)> = Vec::new();
    let mut bases: Vec<PathBuf> = Vec::new();
    let names: Vec<String> = m.tables.iter().filter_map(|t| t.file.clone()).collect();
    for path in paths {
        let shown = path.display().to_string();
        if path.is_dir() {
            bases.push(path.clone());
            continue;
        }
        if !path.exists() {
            problems.push(Problem::new(format!("{shown}: no such file or directory")));
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "toml" | "json" | "jsonl") {
            problems.push(Problem::new(format!(
                "{shown}: with --mapping, give the CSV files (or their directory); import .{ext} files in a separate run"
            )));
            continue;
        }
        bases.push(path.parent().map(Path::to_path_buf).unwrap_or_default());
        let name = path.file_name();
        let found = m
            .tables
            .iter()
            .position(|t| t.file.as_deref().map(|f| Path::new(f).file_name()) == Some(name));
        match found {
            Some(ti) if !assigned.contains_key(&ti) => {
                assigned.insert(ti, path.clone());
            }
            Some(_) => problems.push(Problem::new(format!(
                "{shown}: given twice for the same table of {}",
                m.file
            ))),
            None if m.tables.len() == 1 => extra.push((0, path.clone())),
            None => problems.push(Problem::new(format!(
                "{shown} is not a file of the mapping {}; its files are {}",
                m.file,
                names.join(", ")
            ))),
        }
    }
    let single_given = m.tables.len() == 1 && !extra.is_empty();
    bases.push(m.dir.clone());
    for (ti, t) in m.tables.iter().enumerate() {
        if assigned.contains_key(&ti) || single_given {
            continue;
        }
        let Some(file) = &t.file else {
            problems.push(
                Problem::new("the table has no file = \"NAME.csv\": name the CSV file it reads")
                    .origin(Some(&Origin::at(m.file.as_str(), t.line))),
            );
            continue;
        };
        match bases.iter().map(|b| b.join(file)).find(|p| p.is_file()) {
            Some(p) => {
                assigned.insert(ti, p);
            }
            None => problems.push(
                Problem::new(format!(
                    "cannot find {file}: it is neither beside the files given nor beside the mapping"
                ))
                .origin(Some(&Origin::at(m.file.as_str(), t.line))),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out: Vec<(usize, PathBuf)> = assigned.into_iter().collect();
    out.extend(extra);
    Ok(out)
}

/// What became of one property for one row.
enum Outcome {
    /// Nothing to set (no value).
    None,
    /// A value, with the written form of a converted date.
    Value(Value, Option<String>),
    /// Not placed: a note part.
    Note(String),
}

/// A relationship whose ends are checked once all nodes are known.
struct Pending {
    item: usize,
    holder: Option<usize>,
    column: String,
    origin: Origin,
    row: usize,
}

/// Builds draft items from rows, keeping notes, shared nodes and generated ids.
struct Builder<'a> {
    items: Vec<(Item, Origin)>,
    nodes: HashMap<String, (usize, usize)>,
    used_ids: HashMap<String, usize>,
    notes: BTreeMap<usize, Vec<String>>,
    pending: Vec<Pending>,
    exists: &'a dyn Fn(&str) -> bool,
}

impl<'a> Builder<'a> {
    fn new(exists: &'a dyn Fn(&str) -> bool) -> Builder<'a> {
        Builder {
            items: Vec::new(),
            nodes: HashMap::new(),
            used_ids: HashMap::new(),
            notes: BTreeMap::new(),
            pending: Vec::new(),
            exists,
        }
    }

    fn push(&mut self, item: Item, origin: Origin) -> usize {
        if let Item::Node(n) = &item {
            self.nodes
                .entry(n.id.to_string())
                .or_insert((self.items.len(), origin.line.unwrap_or(0)));
        }
        self.items.push((item, origin));
        self.items.len() - 1
    }

    /// The rows of one table.
    fn table(
        &mut self,
        t: &Table,
        csv: &CsvTable,
        used: &BTreeSet<String>,
        problems: &mut Vec<Problem>,
    ) {
        let file_name = Path::new(&csv.file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for row in &csv.rows {
            let mut vars = Vars::new();
            for (k, v) in [
                ("row", row.row.to_string()),
                ("line", row.line.to_string()),
                ("file", file_name.clone()),
            ] {
                vars.insert(format!("_{k}"), v.clone());
                vars.insert(k.to_string(), v);
            }
            for (h, v) in csv.headers.iter().zip(&row.fields) {
                let v = v.trim();
                if v.is_empty() || t.na.iter().any(|na| na == v) {
                    vars.remove(h);
                } else {
                    vars.insert(h.clone(), v.to_string());
                }
            }
            self.row(t, csv, row, vars, used, problems);
        }
    }

    fn row(
        &mut self,
        t: &Table,
        csv: &CsvTable,
        row: &CsvRow,
        mut vars: Vars,
        used: &BTreeSet<String>,
        problems: &mut Vec<Problem>,
    ) {
        let origin = Origin::at(csv.file.as_str(), row.line);
        let mut notes: Vec<String> = Vec::new();
        let column_values: Vars = csv
            .headers
            .iter()
            .filter_map(|h| vars.get(h).map(|v| (h.clone(), v.clone())))
            .collect();
        for x in &t.extracts {
            let Some(text) = column_values.get(&x.column) else {
                continue;
            };
            match x.regex.captures(text) {
                Some(caps) => {
                    for name in x.regex.capture_names().flatten() {
                        if let Some(m) = caps.name(name).filter(|m| !m.as_str().trim().is_empty()) {
                            vars.insert(name.to_string(), m.as_str().trim().to_string());
                        }
                    }
                }
                None => {
                    let names: Vec<&str> = x.regex.capture_names().flatten().collect();
                    let msg = format!("no match for {}", names.join(", "));
                    if x.required {
                        problems.push(csv_file::problem(&csv.file, row, Some(&x.column), &msg));
                    } else {
                        notes.push(format!("{}: {msg}", x.column));
                    }
                }
            }
        }
        let mut holder: Option<usize> = None;
        let mut marked: Option<usize> = None;
        let mut made = 0;
        for spec in &t.nodes {
            if spec.when.iter().any(|w| !vars.contains_key(w)) {
                continue;
            }
            let Some(nid) = spec.id.render(&vars) else {
                continue;
            };
            let mut props = self.props(&spec.props, &vars, csv, row, &mut notes, problems);
            let sources: Vec<Value> = spec
                .sources
                .iter()
                .filter_map(|s| s.render(&vars))
                .map(|s| Value::Str(s.into()))
                .collect();
            if !sources.is_empty() {
                props.insert("sources".into(), Value::List(sources.clone()));
            }
            made += 1;
            if spec.shared {
                if let Some(&(at, first_line)) = self.nodes.get(&nid) {
                    self.merge_shared(at, first_line, &nid, props, sources, csv, row, problems);
                    continue;
                }
            }
            let at = self.push(
                Item::Node(Node {
                    pos: None,
                    id: nid.into(),
                    labels: vec![spec.label.as_str().into()],
                    props,
                }),
                origin.clone(),
            );
            if spec.note {
                marked = Some(at);
            }
            if holder.is_none() && !spec.shared {
                holder = Some(at);
            }
        }
        let mut rel_items = Vec::new();
        for spec in &t.rels {
            if spec.when.iter().any(|w| !vars.contains_key(w)) {
                continue;
            }
            for (item_vars, column) in self.each_items(spec, &vars, &mut notes) {
                let (Some(start), Some(end)) =
                    (spec.from.render(&item_vars), spec.to.render(&item_vars))
                else {
                    continue;
                };
                let mut props = self.props(&spec.props, &item_vars, csv, row, &mut notes, problems);
                let sources: Vec<Value> = spec
                    .sources
                    .iter()
                    .filter_map(|s| s.render(&item_vars))
                    .map(|s| Value::Str(s.into()))
                    .collect();
                if !sources.is_empty() {
                    props.insert("sources".into(), Value::List(sources));
                }
                let rid = match &spec.id {
                    Some(tpl) => tpl.render(&item_vars).unwrap_or_default(),
                    None => self.rel_id(spec, &start, &end, &props),
                };
                let at = self.push(
                    Item::Rel(Rel {
                        pos: None,
                        id: rid.into(),
                        rel_type: spec.rel_type.as_str().into(),
                        start: start.into(),
                        end: end.into(),
                        props,
                    }),
                    origin.clone(),
                );
                made += 1;
                if spec.note {
                    marked = Some(at);
                }
                if holder.is_none() {
                    holder = Some(at);
                }
                if spec.missing == Missing::Note {
                    rel_items.push((at, column));
                }
            }
        }
        let holder = marked.or(holder);
        for (item, column) in rel_items {
            self.pending.push(Pending {
                item,
                holder,
                column,
                origin: origin.clone(),
                row: row.row,
            });
        }
        for (h, v) in &column_values {
            if !used.contains(h) && !t.ignore.contains(h) {
                notes.push(format!("{h}: {v}"));
            }
        }
        if made == 0 {
            if !column_values.is_empty() {
                problems.push(csv_file::problem(
                    &csv.file,
                    row,
                    None,
                    "makes nothing under the mapping, so its values would be lost; \
                     check the mapping's `when` and templates for this row",
                ));
            }
            return;
        }
        if !notes.is_empty() {
            match holder {
                Some(h) => self.notes.entry(h).or_default().extend(notes),
                None => problems.push(csv_file::problem(
                    &csv.file,
                    row,
                    None,
                    &format!(
                        "has values the mapping does not place and no element to note them on: {}",
                        notes.join("; ")
                    ),
                )),
            }
        }
    }

    /// The variables of each item of a relationship's list column (or the
    /// row's once), with the column named for notes.
    fn each_items(
        &self,
        spec: &RelSpec,
        vars: &Vars,
        notes: &mut Vec<String>,
    ) -> Vec<(Vars, String)> {
        let Some(each) = &spec.each else {
            let column = spec
                .to
                .names()
                .chain(spec.from.names())
                .next()
                .unwrap_or("")
                .to_string();
            return vec![(vars.clone(), column)];
        };
        let Some(value) = vars.get(&each.column) else {
            return Vec::new();
        };
        let items: Vec<&str> = match &each.split {
            Some(sep) => value
                .split(sep.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            None => vec![value.as_str()],
        };
        let mut out = Vec::new();
        for item in items {
            let mut v = vars.clone();
            v.insert("item".into(), item.to_string());
            if let Some(re) = &each.regex {
                match re.captures(item) {
                    Some(caps) => {
                        for name in re.capture_names().flatten() {
                            if let Some(m) = caps.name(name).filter(|m| !m.as_str().is_empty()) {
                                v.insert(name.to_string(), m.as_str().to_string());
                            }
                        }
                    }
                    None => {
                        notes.push(format!("{}: '{item}' not understood", each.column));
                        continue;
                    }
                }
            }
            out.push((v, format!("{}: '{item}'", each.column)));
        }
        out
    }

    /// A default relationship id, unique within the import.
    fn rel_id(&mut self, spec: &RelSpec, start: &str, end: &str, props: &Props) -> String {
        let mut base = format!("{}/{start}/{end}", spec.rel_type.to_lowercase());
        if let Some(q) = props
            .get("role")
            .or_else(|| props.get("kind"))
            .and_then(Value::as_str)
        {
            base = format!("{base}/{}", id::slug(q));
        }
        let n = self.used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            format!("{base}/{n}")
        } else {
            base
        }
    }

    /// A later row naming a shared node: same properties, citations merged.
    #[allow(clippy::too_many_arguments)]
    fn merge_shared(
        &mut self,
        at: usize,
        first_line: usize,
        nid: &str,
        mut props: Props,
        sources: Vec<Value>,
        csv: &CsvTable,
        row: &CsvRow,
        problems: &mut Vec<Problem>,
    ) {
        let Item::Node(existing) = &mut self.items[at].0 else {
            return;
        };
        props.remove("sources");
        let differs = props
            .iter()
            .chain(existing.props.iter())
            .map(|(k, _)| k)
            .filter(|k| *k != "sources")
            .find(|k| props.get(k) != existing.props.get(k));
        if let Some(key) = differs {
            let show = |v: Option<&Value>| v.map_or("nothing".to_string(), |v| format!("'{v}'"));
            problems.push(csv_file::problem(
                &csv.file,
                row,
                None,
                &format!(
                    "shared node '{nid}' gets {key} = {} here but {} on line {first_line}",
                    show(props.get(key)),
                    show(existing.props.get(key))
                ),
            ));
            return;
        }
        if let Some(Value::List(have)) = existing.props.get_mut("sources") {
            for s in sources {
                if !have.contains(&s) {
                    have.push(s);
                }
            }
        }
    }

    /// The properties of one spec for one row.
    fn props(
        &self,
        specs: &[PropSpec],
        vars: &Vars,
        csv: &CsvTable,
        row: &CsvRow,
        notes: &mut Vec<String>,
        problems: &mut Vec<Problem>,
    ) -> Props {
        let mut props = Props::new();
        for p in specs {
            let column = match &p.source {
                PropSource::Column(c) => c.clone(),
                PropSource::Template(t) => t.names().next().unwrap_or(&p.key).to_string(),
                PropSource::Const(_) => p.key.clone(),
            };
            match prop_value(p, vars) {
                Ok(Outcome::None) => {}
                Ok(Outcome::Note(n)) => notes.push(format!("{column}: {n}")),
                Ok(Outcome::Value(v, text)) => {
                    if let Some(text) = text {
                        let key = if p.key == "date" {
                            "date_text".to_string()
                        } else {
                            format!("{}_text", p.key)
                        };
                        props.insert_if_absent(key, Value::Str(text.into()));
                    }
                    props.insert(p.key.clone(), v);
                }
                Err(e) => problems.push(csv_file::problem(
                    &csv.file,
                    row,
                    Some(&column),
                    &format!("property '{}': {e}", p.key),
                )),
            }
        }
        props
    }

    /// Checks pending ends, writes notes and hands the items to the draft.
    fn finish(mut self, draft: &mut Draft, problems: &mut Vec<Problem>) {
        let mut removed = BTreeSet::new();
        for p in &self.pending {
            let Item::Rel(r) = &self.items[p.item].0 else {
                continue;
            };
            let missing: Vec<&str> = [&r.start, &r.end]
                .into_iter()
                .filter(|id| !self.nodes.contains_key(id.as_str()) && !(self.exists)(id))
                .map(|id| id.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let note = format!(
                "{} (no node '{}'; no {} made)",
                p.column,
                missing.join("', '"),
                r.rel_type
            );
            removed.insert(p.item);
            match p.holder.filter(|h| *h != p.item) {
                Some(h) => self.notes.entry(h).or_default().push(note),
                None => problems.push(
                    Problem::new(format!(
                        "row {}: {note}, and nothing else of the row holds a note",
                        p.row
                    ))
                    .origin(Some(&p.origin)),
                ),
            }
        }
        for (at, parts) in std::mem::take(&mut self.notes) {
            if removed.contains(&at) {
                problems.push(
                    Problem::new(format!(
                        "{}; the row's only element was left out, so this cannot be noted",
                        parts.join("; ")
                    ))
                    .origin(Some(&self.items[at].1)),
                );
                continue;
            }
            let props = match &mut self.items[at].0 {
                Item::Node(n) => &mut n.props,
                Item::Rel(r) => &mut r.props,
                _ => continue,
            };
            let mut all: Vec<String> = props
                .get("note")
                .and_then(Value::as_str)
                .map(|s| vec![s.to_string()])
                .unwrap_or_default();
            all.extend(parts);
            props.insert("note".into(), Value::Str(all.join("; ").into()));
        }
        for (i, item) in self.items.into_iter().enumerate() {
            if !removed.contains(&i) {
                draft.items.push(item);
            }
        }
    }
}

/// One property's value for one row.
fn prop_value(p: &PropSpec, vars: &Vars) -> Result<Outcome, String> {
    let raw = match &p.source {
        PropSource::Const(Value::Null) => return Ok(Outcome::None),
        PropSource::Const(Value::Str(s)) if p.kind != PropType::Str => s.to_string(),
        PropSource::Const(v) => return Ok(Outcome::Value(v.clone(), None)),
        PropSource::Column(c) => match vars.get(c) {
            Some(v) => v.clone(),
            None => return Ok(Outcome::None),
        },
        PropSource::Template(t) => match t.render(vars) {
            Some(v) if !v.trim().is_empty() => v,
            _ => return Ok(Outcome::None),
        },
    };
    let text = match &p.regex {
        None => raw,
        Some((re, group)) => {
            let found = re.captures(&raw).and_then(|c| match group {
                Some(g) => c.name(g),
                None => c.get(1),
            });
            match found.map(|m| m.as_str().trim()).filter(|s| !s.is_empty()) {
                Some(s) => s.to_string(),
                None => {
                    return Ok(Outcome::Note(format!(
                        "'{raw}' does not match the regex of {}",
                        p.key
                    )))
                }
            }
        }
    };
    let text = match p.map.as_ref().and_then(|m| m.get(&text)) {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Null) => return Ok(Outcome::None),
        Some(other) => return Ok(Outcome::Value(other.clone(), None)),
        None => text,
    };
    let value = match p.kind {
        PropType::Str => Value::Str(text.into()),
        PropType::Int => Value::Int(
            text.parse()
                .map_err(|_| format!("'{text}' is not an integer"))?,
        ),
        PropType::Float => Value::Float(
            text.parse()
                .map_err(|_| format!("'{text}' is not a number"))?,
        ),
        PropType::Bool => Value::Bool(match text.to_lowercase().as_str() {
            "1" | "true" | "yes" | "y" => true,
            "0" | "false" | "no" | "n" => false,
            _ => {
                return Err(format!(
                    "'{text}' is not a boolean (1/0, true/false, yes/no)"
                ))
            }
        }),
        PropType::List => {
            let sep = p.split.as_deref().unwrap_or(";");
            Value::List(
                text.split(sep)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::Str(s.into()))
                    .collect(),
            )
        }
        PropType::Date => {
            let d = date_forms::to_edtf(&text)?;
            let written = (d.to_string() != text).then_some(text);
            return Ok(Outcome::Value(Value::date(d), written));
        }
    };
    Ok(Outcome::Value(value, None))
}
