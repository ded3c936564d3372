//! Mapping files: how the rows of CSV files become nodes and relationships.
//!
//! A mapping is a TOML file. It names the CSV files of one dataset (one
//! `[[table]]` each), the Source nodes the data cites (`[[source]]`), and for
//! every table the nodes (`[[table.node]]`) and relationships
//! (`[[table.rel]]`) each row makes. All tables are read together and
//! imported as one draft: nodes first, then the relationships between them,
//! validated as a whole, written all or nothing.
//!
//! ```toml
//! [dataset]
//! name = "giaveno-1335"
//! na = ["NA"]                 # cell values that mean "no value" ("" always does)
//! sources = ["giaveno1335:{file}:{row}"]   # default citation of everything made
//!
//! [[source]]                  # a Source node the mapping declares and cites
//! id = "giaveno1335"
//! title = "Inquisitorial register of Giaveno, 1335"
//! archive = "Archivio generale dell'Ordine dei Predicatori, Rome"
//!
//! [[table]]
//! file = "nodes.csv"          # relative to the CSV files given (or the mapping)
//!
//! [[table.node]]
//! label = "Person"
//! id = "giaveno-{id}"         # a template over the row's columns
//! props.name = "{label}"
//! props.gender = { column = "sex", map = { m = "male", f = "female" } }
//! props.dead_at_trial = { column = "dead", type = "bool" }
//!
//! [[table]]
//! file = "edges.csv"
//!
//! [[table.node]]
//! label = "Event"
//! id = "giaveno-denunciation-{row}"
//! props = { kind = "accusation", date = { column = "time" } }
//!
//! [[table.rel]]
//! type = "PARTICIPATED_IN"
//! from = "giaveno-{source}"
//! to = "giaveno-denunciation-{row}"
//! props.role = "accuser"
//! ```
//!
//! **Templates.** Ids, `from`, `to`, citations and string properties are
//! templates: text with `{name}` holes. A name is a column of the table's
//! header, a named capture of an `[[table.extract]]`, or one of `row` (the
//! spreadsheet row number: the header is row 1), `line` (the line the row
//! starts on) and `file` (the CSV file's name); `_row`, `_line`, `_file`
//! always mean the latter even when a column is called `row`. A hole may
//! carry filters: `{NAME|slug}` (an id-safe ASCII slug), `|upper`, `|lower`,
//! `|trim`. A template whose hole has no value in a row (an empty cell, a
//! `na` value, a capture that did not match) has no value itself, and what
//! needs it is not made for that row — write `{name?}` for a hole that may be
//! empty. `{{` and `}}` are literal braces.
//!
//! **Properties** (`props`) take, per key:
//! - a string: a template (`"{label}"`, or a constant `"accusation"`);
//! - a number, boolean or array: that constant;
//! - a table: `column = "NAME"` (a column or capture), `template = "..."` or
//!   `value = ...` (a constant), then optionally `regex = '...'` (the first
//!   capture group, or the group named by `group`, of the first match;
//!   no match leaves a note), `map = { from = "to", ... }` (values not in
//!   the map pass unchanged), `type = "string" | "int" | "float" | "bool" |
//!   "date" | "list"` and `split = "#"` for lists.
//!
//! `date`, `born`, `died`, `start` and `end` are dates unless a `type` says
//! otherwise: EDTF, or a common form converted by
//! [`date_forms`](super::date_forms) (`17.05.1938`, `May 1938`, `мая 1938`,
//! `1930s`, `ca. 1935`). When the written form differs from the EDTF, it is
//! kept beside it: in `date_text` for `date`, in `born_text` for `born`, and
//! so on. Booleans read `1/0`, `true/false`, `yes/no`.
//!
//! **Extraction.** `[[table.extract]]` with `column` and `regex` runs a
//! regular expression (Rust `regex` syntax) over a column once per row; its
//! named groups (`(?P<born>\d{4})`) become template names. A regex that does
//! not match leaves a note, or is an error with `required = true`.
//!
//! **Nodes** (`[[table.node]]`): `label`, `id` (template), `props`, and
//! optionally `sources` (templates `SOURCE:LOCATOR`; default the table's,
//! else the dataset's), `when = ["col", ...]` (made only when these have
//! values), `shared = true` (several rows name the same node — a place, a
//! group: it is made once, its citations merged; rows that disagree about
//! its properties are an error), `note = true` (this node holds the row's
//! note).
//!
//! **Relationships** (`[[table.rel]]`): `type`, `from` and `to` (templates
//! giving node ids), `props`, `sources`, `when`, `note`, optionally `id`
//! (default `type/from/to[/role]`), `each = { column = "members", split =
//! "#", regex = '...' }` (one relationship per item of a list column; the
//! item is `{item}`, the regex's named groups are names too; an item the
//! regex does not match is noted), and `missing = "note"` (a relationship
//! whose end is neither made by the mapping nor in the database is left out
//! and noted, instead of failing the import).
//!
//! **Nothing is dropped silently.** What a row holds that the mapping does
//! not place — a column no template, `column`, `extract` or `each` uses, a
//! regex that did not match, a list item not understood, a missing end — is
//! written to the `note` property of the row's first node (or the one marked
//! `note = true`, else its first relationship), as `COLUMN: value` parts
//! joined by `; `. List columns to leave out on purpose in the table's
//! `ignore`.
//!
//! **Files.** `prosopo import FILE.csv --mapping M.toml` reads every table of
//! the mapping: the given file is matched to its table by name, the others
//! are found beside it (or beside the mapping). A directory may be given
//! instead of a file. A mapping with one table reads whatever CSV files are
//! given, whatever their names. `[dataset]` or a table may set `delimiter`
//! (`"\t"` for TSV).

use super::entry::{from_toml, line_of};
pub use super::template::{Template, Vars};
use crate::db::{Origin, Problem};
use crate::model::schema::is_date_prop;
use crate::model::Value;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The mapping file as written.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct MappingDoc {
    #[serde(default)]
    dataset: DatasetDoc,
    #[serde(default)]
    source: Vec<Spanned<toml::Table>>,
    #[serde(default)]
    table: Vec<Spanned<TableDoc>>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct DatasetDoc {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    na: Vec<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct TableDoc {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    na: Option<Vec<String>>,
    #[serde(default)]
    sources: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    extract: Vec<Spanned<ExtractDoc>>,
    #[serde(default)]
    node: Vec<Spanned<NodeDoc>>,
    #[serde(default)]
    rel: Vec<Spanned<RelDoc>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExtractDoc {
    column: String,
    regex: String,
    #[serde(default)]
    required: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct NodeDoc {
    label: String,
    id: String,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    shared: bool,
    #[serde(default)]
    note: bool,
    #[serde(default)]
    sources: Option<Vec<String>>,
    #[serde(default)]
    props: toml::Table,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RelDoc {
    #[serde(rename = "type")]
    rel_type: String,
    from: String,
    to: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    each: Option<EachDoc>,
    #[serde(default)]
    missing: Missing,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    note: bool,
    #[serde(default)]
    sources: Option<Vec<String>>,
    #[serde(default)]
    props: toml::Table,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct EachDoc {
    column: String,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    regex: Option<String>,
}

/// What to do with a relationship whose end does not exist.
#[derive(Deserialize, Debug, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// Keep it: validation reports the unknown node (the default).
    #[default]
    Error,
    /// Leave it out and say so in the row's note.
    Note,
}

/// A loaded, checked mapping.
#[derive(Debug)]
pub struct Mapping {
    /// The mapping file as given.
    pub file: String,
    /// Its directory (tables' files may be found there).
    pub dir: PathBuf,
    /// The dataset's name, if given.
    pub name: Option<String>,
    /// Source nodes the mapping declares: id, properties, line.
    pub sources: Vec<(String, BTreeMap<String, Value>, usize)>,
    /// The tables.
    pub tables: Vec<Table>,
    /// The mapping's text (to point at the line that names a column).
    pub text: String,
}

/// How one CSV file's rows become elements.
#[derive(Debug)]
pub struct Table {
    /// The CSV file name (relative), if given.
    pub file: Option<String>,
    /// Line of `[[table]]` in the mapping.
    pub line: usize,
    /// The field delimiter.
    pub delimiter: u8,
    /// Cell values that mean "no value" (besides empty).
    pub na: Vec<String>,
    /// Columns deliberately left out.
    pub ignore: Vec<String>,
    /// Regex extractions, run once per row.
    pub extracts: Vec<Extract>,
    /// Node specs.
    pub nodes: Vec<NodeSpec>,
    /// Relationship specs.
    pub rels: Vec<RelSpec>,
}

/// A regex run over a column; its named groups become names.
#[derive(Debug)]
pub struct Extract {
    /// The column.
    pub column: String,
    /// The compiled expression.
    pub regex: Regex,
    /// A row where it does not match is an error (else a note).
    pub required: bool,
    /// Line in the mapping.
    pub line: usize,
}

/// A node made by each row.
#[derive(Debug)]
pub struct NodeSpec {
    /// The label.
    pub label: String,
    /// The id template.
    pub id: Template,
    /// Names that must have values.
    pub when: Vec<String>,
    /// Several rows may make this node.
    pub shared: bool,
    /// Holds the row's note.
    pub note: bool,
    /// Citation templates.
    pub sources: Vec<Template>,
    /// Properties.
    pub props: Vec<PropSpec>,
    /// Line in the mapping.
    pub line: usize,
}

/// A relationship made by each row (or each item of a list column).
#[derive(Debug)]
pub struct RelSpec {
    /// The type.
    pub rel_type: String,
    /// Start node id.
    pub from: Template,
    /// End node id.
    pub to: Template,
    /// Id template (default `type/from/to[/role]`).
    pub id: Option<Template>,
    /// One per item of a list column.
    pub each: Option<Each>,
    /// What a missing end does.
    pub missing: Missing,
    /// Names that must have values.
    pub when: Vec<String>,
    /// Holds the row's note.
    pub note: bool,
    /// Citation templates.
    pub sources: Vec<Template>,
    /// Properties.
    pub props: Vec<PropSpec>,
    /// Line in the mapping.
    pub line: usize,
}

/// A list column walked item by item.
#[derive(Debug)]
pub struct Each {
    /// The column.
    pub column: String,
    /// The separator (none: the whole value is one item).
    pub split: Option<String>,
    /// A regex each item must match; its named groups become names.
    pub regex: Option<Regex>,
}

/// Where a property's value comes from.
#[derive(Debug)]
pub enum PropSource {
    /// A constant.
    Const(Value),
    /// A template.
    Template(Template),
    /// A column or capture.
    Column(String),
}

/// The type a property's text is converted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
    /// A string.
    Str,
    /// An integer.
    Int,
    /// A float.
    Float,
    /// A boolean (`1/0`, `true/false`, `yes/no`).
    Bool,
    /// An EDTF date, converted from common forms.
    Date,
    /// A list of strings.
    List,
}

/// One property of a node or relationship spec.
#[derive(Debug)]
pub struct PropSpec {
    /// The property key.
    pub key: String,
    /// Its value's origin.
    pub source: PropSource,
    /// A regex picking part of the value, and the group to take.
    pub regex: Option<(Regex, Option<String>)>,
    /// Value replacements.
    pub map: Option<BTreeMap<String, Value>>,
    /// The type.
    pub kind: PropType,
    /// List separator.
    pub split: Option<String>,
}

/// Builtin names every row has.
pub const BUILTINS: [&str; 6] = ["row", "line", "file", "_row", "_line", "_file"];

/// Collects problems while loading, each at a line of the mapping file.
struct Loader<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Loader<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of(self.text, s.span().start)
    }

    fn err(&mut self, line: usize, what: &str, message: String) {
        self.problems.push(
            Problem::new(format!("{what}: {message}")).origin(Some(&Origin::at(self.file, line))),
        );
    }

    fn template(&mut self, line: usize, what: &str, text: &str) -> Template {
        Template::parse(text).unwrap_or_else(|e| {
            self.err(line, what, e);
            Template::empty()
        })
    }

    fn regex(&mut self, line: usize, what: &str, text: &str) -> Option<Regex> {
        match Regex::new(text) {
            Ok(r) => Some(r),
            Err(e) => {
                self.err(line, what, format!("invalid regex: {e}"));
                None
            }
        }
    }

    fn props(&mut self, line: usize, what: &str, table: &toml::Table) -> Vec<PropSpec> {
        let mut out = Vec::new();
        for (key, value) in table {
            let what = format!("{what}, property '{key}'");
            let line = line_naming(self.text, line, key);
            if let Some(p) = self.prop(line, &what, key, value) {
                out.push(p);
            }
        }
        out
    }

    fn prop(
        &mut self,
        line: usize,
        what: &str,
        key: &str,
        value: &toml::Value,
    ) -> Option<PropSpec> {
        let date_default = if is_date_prop(key) {
            PropType::Date
        } else {
            PropType::Str
        };
        let mut spec = PropSpec {
            key: key.to_string(),
            source: PropSource::Const(Value::Null),
            regex: None,
            map: None,
            kind: date_default,
            split: None,
        };
        let t = match value {
            toml::Value::String(s) => {
                spec.source = PropSource::Template(self.template(line, what, s));
                return Some(spec);
            }
            toml::Value::Table(t) => t,
            other => {
                spec.source = PropSource::Const(from_toml(other));
                return Some(spec);
            }
        };
        let allowed = [
            "column", "template", "value", "regex", "group", "map", "type", "split",
        ];
        if let Some(k) = t.keys().find(|k| !allowed.contains(&k.as_str())) {
            self.err(
                line,
                what,
                format!("unknown key '{k}'; use {}", allowed.join(", ")),
            );
            return None;
        }
        let str_of = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
        spec.source = match (t.get("column"), t.get("template"), t.get("value")) {
            (Some(toml::Value::String(c)), None, None) => PropSource::Column(c.clone()),
            (None, Some(toml::Value::String(s)), None) => {
                PropSource::Template(self.template(line, what, s))
            }
            (None, None, Some(v)) => PropSource::Const(from_toml(v)),
            _ => {
                self.err(
                    line,
                    what,
                    "give exactly one of column = \"NAME\", template = \"...\" or value = ..."
                        .into(),
                );
                return None;
            }
        };
        if let Some(r) = str_of("regex") {
            let group = str_of("group");
            if let Some(re) = self.regex(line, what, &r) {
                if let Some(g) = &group {
                    if !re.capture_names().any(|n| n == Some(g.as_str())) {
                        self.err(line, what, format!("the regex has no group named '{g}'"));
                    }
                } else if re.captures_len() < 2 {
                    self.err(line, what, "the regex needs a capture group (...)".into());
                }
                spec.regex = Some((re, group));
            }
        }
        if let Some(m) = t.get("map") {
            match m {
                toml::Value::Table(m) => {
                    spec.map = Some(m.iter().map(|(k, v)| (k.clone(), from_toml(v))).collect())
                }
                _ => self.err(line, what, "map must be a table { from = \"to\" }".into()),
            }
        }
        if let Some(k) = str_of("type") {
            spec.kind = match k.as_str() {
                "string" => PropType::Str,
                "int" => PropType::Int,
                "float" => PropType::Float,
                "bool" => PropType::Bool,
                "date" => PropType::Date,
                "list" => PropType::List,
                other => {
                    self.err(
                        line,
                        what,
                        format!(
                            "unknown type '{other}'; use string, int, float, bool, date or list"
                        ),
                    );
                    return None;
                }
            };
        }
        spec.split = str_of("split");
        if spec.split.is_some() && spec.kind != PropType::List {
            spec.kind = PropType::List;
        }
        Some(spec)
    }

    fn sources(&mut self, line: usize, what: &str, list: &[String]) -> Vec<Template> {
        list.iter()
            .map(|s| {
                if !s.contains(':') {
                    self.err(
                        line,
                        what,
                        format!("citation '{s}' needs SOURCE:LOCATOR, e.g. \"giaveno1335:{{file}}:{{row}}\""),
                    );
                }
                self.template(line, what, s)
            })
            .collect()
    }
}

fn delimiter(text: Option<&str>) -> Result<u8, String> {
    match text {
        None => Ok(b','),
        Some("\\t") | Some("\t") => Ok(b'\t'),
        Some(s) if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        Some(s) => Err(format!("delimiter must be one ASCII character, not '{s}'")),
    }
}

impl Mapping {
    /// Reads and checks a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, Vec<Problem>> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Problem::new(format!("cannot read the mapping: {e}"))
                .origin(Some(&Origin::of(file.as_str())))]
        })?;
        let text = super::files::text_of(&file, bytes).map_err(|p| vec![p])?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Mapping::parse(&file, &text, dir)
    }

    /// Checks and compiles the text of a mapping file named `file`.
    pub fn parse(file: &str, text: &str, dir: PathBuf) -> Result<Mapping, Vec<Problem>> {
        let doc: MappingDoc = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            vec![
                Problem::new(format!("invalid mapping: {}", e.message().trim()))
                    .origin(Some(&Origin::at(file, line))),
            ]
        })?;
        let mut l = Loader {
            file,
            text,
            problems: Vec::new(),
        };
        if doc.table.is_empty() {
            l.err(
                1,
                "mapping",
                "no [[table]]: name at least one CSV file and what its rows make".into(),
            );
        }
        let mut sources = Vec::new();
        for s in &doc.source {
            let line = l.line(s);
            match s.get_ref().get("id").and_then(|v| v.as_str()) {
                Some(id) => {
                    let props = s
                        .get_ref()
                        .iter()
                        .filter(|(k, _)| k.as_str() != "id")
                        .map(|(k, v)| (k.clone(), from_toml(v)))
                        .collect();
                    sources.push((id.to_string(), props, line));
                }
                None => l.err(line, "[[source]]", "needs id = \"...\"".into()),
            }
        }
        let dataset_delim = delimiter(doc.dataset.delimiter.as_deref()).unwrap_or_else(|e| {
            l.err(1, "[dataset]", e);
            b','
        });
        let _ = &doc.dataset.description;
        let mut tables = Vec::new();
        for (ti, t) in doc.table.iter().enumerate() {
            let tline = l.line(t);
            let td = t.get_ref();
            let tname = td
                .file
                .clone()
                .unwrap_or_else(|| format!("table {}", ti + 1));
            let delim = match td.delimiter.as_deref() {
                None => dataset_delim,
                some => delimiter(some).unwrap_or_else(|e| {
                    l.err(tline, &tname, e);
                    b','
                }),
            };
            let default_sources: Vec<String> = td
                .sources
                .clone()
                .unwrap_or_else(|| doc.dataset.sources.clone());
            let mut extracts = Vec::new();
            for x in &td.extract {
                let line = l.line(x);
                let what = format!("{tname}, extract from '{}'", x.get_ref().column);
                if let Some(regex) = l.regex(line, &what, &x.get_ref().regex) {
                    if regex.capture_names().flatten().next().is_none() {
                        l.err(
                            line,
                            &what,
                            "the regex names no group: write (?P<name>...)".into(),
                        );
                    }
                    extracts.push(Extract {
                        column: x.get_ref().column.clone(),
                        regex,
                        required: x.get_ref().required,
                        line,
                    });
                }
            }
            let mut nodes = Vec::new();
            for n in &td.node {
                let line = l.line(n);
                let nd = n.get_ref();
                let what = format!("{tname}, node {}", nd.label);
                let srcs = nd
                    .sources
                    .clone()
                    .unwrap_or_else(|| default_sources.clone());
                nodes.push(NodeSpec {
                    label: nd.label.clone(),
                    id: l.template(line, &what, &nd.id),
                    when: nd.when.clone(),
                    shared: nd.shared,
                    note: nd.note,
                    sources: l.sources(line, &what, &srcs),
                    props: l.props(line, &what, &nd.props),
                    line,
                });
            }
            let mut rels = Vec::new();
            for r in &td.rel {
                let line = l.line(r);
                let rd = r.get_ref();
                let what = format!("{tname}, rel {}", rd.rel_type);
                let srcs = rd
                    .sources
                    .clone()
                    .unwrap_or_else(|| default_sources.clone());
                let each = rd.each.as_ref().map(|e| Each {
                    column: e.column.clone(),
                    split: e.split.clone().filter(|s| !s.is_empty()),
                    regex: e
                        .regex
                        .as_ref()
                        .and_then(|r| l.regex(line, &format!("{what}, each"), r)),
                });
                rels.push(RelSpec {
                    rel_type: rd.rel_type.clone(),
                    from: l.template(line, &format!("{what}, from"), &rd.from),
                    to: l.template(line, &format!("{what}, to"), &rd.to),
                    id: rd
                        .id
                        .as_ref()
                        .map(|t| l.template(line, &format!("{what}, id"), t)),
                    each,
                    missing: rd.missing,
                    when: rd.when.clone(),
                    note: rd.note,
                    sources: l.sources(line, &what, &srcs),
                    props: l.props(line, &what, &rd.props),
                    line,
                });
            }
            if nodes.is_empty() && rels.is_empty() {
                l.err(
                    tline,
                    &tname,
                    "makes nothing: add [[table.node]] or [[table.rel]]".into(),
                );
            }
            tables.push(Table {
                file: td.file.clone(),
                line: tline,
                delimiter: delim,
                na: td.na.clone().unwrap_or_else(|| doc.dataset.na.clone()),
                ignore: td.ignore.clone(),
                extracts,
                nodes,
                rels,
            });
        }
        if !l.problems.is_empty() {
            return Err(l.problems);
        }
        Ok(Mapping {
            file: file.to_string(),
            dir,
            name: doc.dataset.name,
            sources,
            tables,
            text: text.to_string(),
        })
    }
}

impl Table {
    /// The names a row of this table has: columns, captures, builtins.
    pub fn names(&self, headers: &[String]) -> BTreeSet<String> {
        let mut names: BTreeSet<String> = headers.iter().cloned().collect();
        names.extend(BUILTINS.iter().map(|s| s.to_string()));
        for x in &self.extracts {
            names.extend(x.regex.capture_names().flatten().map(str::to_string));
        }
        names
    }

    /// Checks every name the table uses against a CSV header; problems are
    /// at the lines of the mapping. Returns the columns the mapping places.
    pub fn check(
        &self,
        mapping: &Mapping,
        csv: &str,
        headers: &[String],
    ) -> Result<BTreeSet<String>, Vec<Problem>> {
        let (text, mapping) = (mapping.text.as_str(), mapping.file.as_str());
        let names = self.names(headers);
        let mut used = BTreeSet::new();
        let mut problems = Vec::new();
        let mut check = |line: usize,
                         what: &str,
                         name: &str,
                         extra: &BTreeSet<String>,
                         used: &mut BTreeSet<String>| {
            if names.contains(name) || extra.contains(name) {
                used.insert(name.to_string());
            } else {
                let hint = crate::model::schema::suggest(
                    name,
                    &headers.iter().map(String::as_str).collect::<Vec<_>>(),
                )
                .map(|s| format!(" (did you mean '{s}'?)"))
                .unwrap_or_default();
                problems.push(
                    Problem::new(format!(
                        "{what}: no column '{name}' in {csv}{hint}; its columns are {}",
                        headers.join(", ")
                    ))
                    .origin(Some(&Origin::at(mapping, line_naming(text, line, name)))),
                );
            }
        };
        let none = BTreeSet::new();
        for x in &self.extracts {
            if !headers.contains(&x.column) {
                check(x.line, "extract", &x.column, &none, &mut used);
            }
            used.insert(x.column.clone());
        }
        for c in &self.ignore {
            check(self.line, "ignore", c, &none, &mut used);
        }
        let prop_names = |p: &PropSpec| -> Vec<String> {
            match &p.source {
                PropSource::Column(c) => vec![c.clone()],
                PropSource::Template(t) => t.names().map(str::to_string).collect(),
                PropSource::Const(_) => Vec::new(),
            }
        };
        for n in &self.nodes {
            let what = format!("node {}", n.label);
            let mut all: Vec<String> = n.id.names().map(str::to_string).collect();
            all.extend(n.when.iter().cloned());
            all.extend(
                n.sources
                    .iter()
                    .flat_map(|t| t.names().map(str::to_string).collect::<Vec<_>>()),
            );
            all.extend(n.props.iter().flat_map(prop_names));
            for name in all {
                check(n.line, &what, &name, &none, &mut used);
            }
        }
        for r in &self.rels {
            let what = format!("rel {}", r.rel_type);
            let mut item_names = BTreeSet::new();
            if let Some(e) = &r.each {
                check(
                    r.line,
                    &format!("{what}, each"),
                    &e.column,
                    &none,
                    &mut used,
                );
                item_names.insert("item".to_string());
                if let Some(re) = &e.regex {
                    item_names.extend(re.capture_names().flatten().map(str::to_string));
                }
            }
            let mut all: Vec<String> = r
                .from
                .names()
                .chain(r.to.names())
                .map(str::to_string)
                .collect();
            all.extend(
                r.id.iter()
                    .flat_map(|t| t.names().map(str::to_string).collect::<Vec<_>>()),
            );
            all.extend(r.when.iter().cloned());
            all.extend(
                r.sources
                    .iter()
                    .flat_map(|t| t.names().map(str::to_string).collect::<Vec<_>>()),
            );
            all.extend(r.props.iter().flat_map(prop_names));
            for name in all {
                check(r.line, &what, &name, &item_names, &mut used);
            }
        }
        if problems.is_empty() {
            Ok(used)
        } else {
            Err(problems)
        }
    }
}

/// The line, from a spec's first line to the next `[` header, that names
/// `name` (`{name`, `"name"`, `'name'`, `name =`); the spec's line if none does.
fn line_naming(text: &str, from: usize, name: &str) -> usize {
    let needles = [
        format!("{{{name}"),
        format!("\"{name}\""),
        format!("'{name}'"),
        format!("{name} ="),
        format!("{name}="),
    ];
    for (i, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        if i + 1 > from && line.trim_start().starts_with('[') {
            break;
        }
        if needles.iter().any(|n| line.contains(n.as_str())) {
            return i + 1;
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_errors_name_the_line() {
        let text =
            "[[table]]\nfile = \"a.csv\"\n[[table.node]]\nlabel = \"Person\"\nid = \"{id\"\n";
        let e = Mapping::parse("m.toml", text, PathBuf::new()).unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("m.toml:3: a.csv, node Person: unclosed"),
            "{}",
            e[0]
        );
        let text = "[[table]]\nfile = \"a.csv\"\nnodes = 1\n";
        let e = Mapping::parse("m.toml", text, PathBuf::new()).unwrap_err();
        assert!(
            e[0].to_string().contains("unknown field `nodes`"),
            "{}",
            e[0]
        );
    }
}
