//! Command-line definitions (clap derive); doc comments are the help text.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// prosopo: an embedded graph database for archival prosopography.
///
/// People, institutions, organizations, events, places and sources as a
/// typed graph, with fuzzy archival dates (EDTF) and a source on every
/// assertion.
#[derive(Parser, Debug)]
#[command(name = "prosopo", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Args {
    /// Database directory (created when missing; without --db and without
    /// ./prosopo.db, one is built from the bundled dataset)
    #[arg(long, global = true, env = "PROSOPO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Schema of a new database: prosopography (the model, sources required) or open (any property graph)
    #[arg(long, global = true, value_enum)]
    pub schema: Option<SchemaArg>,
    /// Print nothing but results and errors (no progress, no notices)
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  prosopo show izak                      # a dossier (first run builds ./prosopo.db)
  prosopo show Пантюхин                  # any spelling or script finds a person
  prosopo date 1931-23 '1936?/1938-03~'  # EDTF dates and their bounds
  prosopo --db my.db import data/ more/entries.toml
  prosopo --db my.db export --format jsonl -o dump.jsonl";

const QUERY_EXAMPLES: &str = "Examples:
  prosopo query \"MATCH (a:Person)-[r:ACCUSED]->(b:Person) RETURN a.name, b.name, r.date, r.charge ORDER BY r.date\"
  prosopo query -f queries/accusers-later-accused.cypher --format json
  prosopo query \"MATCH (p:Person) WHERE p.name = \\$name RETURN p\" --param name=Izak
  prosopo query \"MATCH (p:Person) WHERE p.id IN \\$ids RETURN p.name\" --params '{\"ids\": [\"izak\", \"dmitriev\"]}'
  prosopo query \"CREATE (:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']})\"
  prosopo --db big.db query -f queries/who-accused-whom.cypher --max-rows 5000000 --timeout 600 --format csv";

/// Diagram formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagramFormat {
    /// Plain text (timelines only)
    Text,
    /// Graphviz DOT (needs nothing else)
    Dot,
    /// SVG (runs Graphviz's dot)
    Svg,
    /// PNG (runs Graphviz's dot)
    Png,
}

/// `graph` arguments.
#[derive(ClapArgs, Debug)]
pub struct GraphArgs {
    /// Draw the ego network of this person (id or name)
    #[arg(long, value_name = "ID")]
    pub center: Option<String>,
    /// Hops from --center
    #[arg(long, default_value_t = 2)]
    pub depth: usize,
    /// Keep what may fall on or after this EDTF date
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Keep what may fall on or before this EDTF date
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only the members of this institution, clustered
    #[arg(long, value_name = "ID")]
    pub institution: Option<String>,
    /// Cluster people by institution
    #[arg(long)]
    pub cluster: bool,
    /// Output format (default: from the -o extension, else DOT)
    #[arg(long, value_enum)]
    pub format: Option<DiagramFormat>,
    /// Output file
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw even a very large graph
    #[arg(long)]
    pub force: bool,
}

/// `timeline` arguments.
#[derive(ClapArgs, Debug)]
pub struct TimelineArgs {
    /// One lane per person (id or name; repeatable)
    #[arg(long, value_name = "ID")]
    pub person: Vec<String>,
    /// Events at this institution
    #[arg(long, value_name = "ID")]
    pub institution: Option<String>,
    /// Keep what may fall on or after this EDTF date
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Keep what may fall on or before this EDTF date
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Output format (default: from the -o extension, else text)
    #[arg(long, value_enum)]
    pub format: Option<DiagramFormat>,
    /// Output file
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw even a very large timeline
    #[arg(long)]
    pub force: bool,
}

/// `query` arguments.
#[derive(ClapArgs, Debug)]
pub struct QueryArgs {
    /// The query text
    pub text: Option<String>,
    /// Read the query from a file (`-` for standard input)
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// A parameter NAME=VALUE (a number when it parses as one; repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub param: Vec<String>,
    /// Parameters as a JSON object, e.g. '{"ids": ["izak"], "n": 2}'
    #[arg(long, value_name = "JSON")]
    pub params: Option<String>,
    /// Time limit in seconds
    #[arg(long, default_value_t = 30.0, value_name = "S")]
    pub timeout: f64,
    /// Most rows a clause may hold at once (a sort or grouping of a whole
    /// large archive needs more than the default)
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub max_rows: usize,
    /// Allow a query read from a file to write
    #[arg(long)]
    pub write: bool,
}

/// Query output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    /// An aligned table for people
    Table,
    /// {"columns": [...], "rows": [[...]]}
    Json,
    /// CSV with a header row
    Csv,
    /// Graphviz DOT of the nodes, relationships and paths returned
    Dot,
}

/// The schemas a database can be created with.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaArg {
    /// The prosopography model: six labels, typed relationships, sources required
    Prosopography,
    /// A plain property graph
    Open,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import TOML, JSON or JSONL files (or directories of them), all or nothing
    #[command(
        after_help = "Examples:\n  prosopo import data/\n  prosopo --db my.db import entries.toml more.json --dry-run\n  prosopo --db copy.db import dump.jsonl"
    )]
    Import(ImportArgs),
    /// Add one entry, validated exactly like an import
    #[command(
        after_help = "Examples:\n  prosopo add person --id novikov --name Novikov --names Новиков --source halfin2009:174-228\n  prosopo add accusation --accuser fedchenko --accused izak --date 1931-09/1931-12 \\\n      --date-text 'late 1931' --charge Trotskyism --source halfin2009:301-335"
    )]
    Add(Box<AddArgs>),
    /// Run a query in a Cypher subset (read-only for -f files unless --write)
    #[command(after_help = QUERY_EXAMPLES)]
    Query(QueryArgs),
    /// Draw the accusation network (DOT, SVG, PNG)
    #[command(
        after_help = "Examples:\n  prosopo graph -o accusations.svg\n  prosopo graph --center izak --depth 2 --format png -o izak.png\n  prosopo graph --from 1931 --to 1933 --institution lcu -o lcu-1931-1933.dot"
    )]
    Graph(GraphArgs),
    /// Draw or list events in time order (text, DOT, SVG, PNG)
    #[command(
        after_help = "Examples:\n  prosopo timeline --institution lcu\n  prosopo timeline --institution lcu -o lcu-timeline.svg\n  prosopo timeline --person fedchenko --person izak --format dot"
    )]
    Timeline(TimelineArgs),
    /// Show a dossier: names, memberships, accusations made and received, events, sources
    #[command(after_help = "Examples:\n  prosopo show izak\n  prosopo show Pantyukhin")]
    Show {
        /// An id or a name (any spelling: Cyrillic, transliterations)
        target: String,
    },
    /// Parse EDTF dates and print their normalized form and bounds
    #[command(
        after_help = "Examples:\n  prosopo date 1931-23 '1936?/1938-03~' '[1667,1668]'\n  prosopo date 193X --format json"
    )]
    Date {
        /// EDTF expressions
        #[arg(required = true)]
        exprs: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Export the whole database
    #[command(
        after_help = "Examples:\n  prosopo export --format jsonl -o dump.jsonl\n  prosopo export --format jsonl -o - | head"
    )]
    Export {
        /// Export format
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Output file (`-` for standard output)
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Check integrity: indices, dangling references, sources, derived accusations
    #[command(after_help = "Examples:\n  prosopo check\n  prosopo check --repair")]
    Check {
        /// Rebuild the read file (indices) and derived ACCUSED relationships from the primary data
        #[arg(long)]
        repair: bool,
    },
    /// Count nodes by label and relationships by type; summarize the accusation network
    Stats,
    /// List likely duplicate people, scored, with the reason
    #[command(after_help = "Examples:\n  prosopo duplicates\n  prosopo duplicates --min 0.5")]
    Duplicates {
        /// Lowest score shown (0 to 1)
        #[arg(long, default_value_t = 0.3)]
        min: f64,
    },
    /// Merge a node into another: relationships, roles, names and sources move; the old id still resolves
    #[command(
        after_help = "Examples:\n  prosopo merge pantyukhin --into pantiukhin\n  prosopo merge pantyukhin --into pantiukhin --dry-run"
    )]
    Merge {
        /// The id that goes away
        from: String,
        /// The id that stays
        #[arg(long, value_name = "ID")]
        into: String,
        /// Validate only; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// An interactive query shell: history, multi-line statements ending with ';', :help
    Shell,
    /// Write a synthetic purge archive (JSONL) for benchmarks and tests
    #[command(
        after_help = "Examples:\n  prosopo generate --persons 10k -o archive.jsonl\n  prosopo generate --persons 1m --seed 7 -o big.jsonl"
    )]
    Generate(GenerateArgs),
    /// Upgrade a database written by an older prosopo to the current format
    Upgrade,
    /// Print shell completions
    #[command(
        after_help = "Example:\n  prosopo completions bash > /etc/bash_completion.d/prosopo"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// `generate` arguments.
#[derive(ClapArgs, Debug)]
pub struct GenerateArgs {
    /// Number of people (suffixes k and m: 10k, 100k, 1m)
    #[arg(long, value_parser = parse_count)]
    pub persons: usize,
    /// Seed of the generator: the same seed gives the same archive
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file (`-` for standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

fn parse_count(text: &str) -> Result<usize, String> {
    crate::generate::parse_count(text)
}

/// `import` arguments.
#[derive(ClapArgs, Debug)]
pub struct ImportArgs {
    /// Files or directories (.toml, .json, .jsonl)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Validate only; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A mapping file (TOML) that says how CSV columns become nodes and relationships
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

/// `date` output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrJson {
    /// Aligned text
    Text,
    /// One JSON object per date
    Json,
}

/// Export formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One element a line, Neo4j APOC's JSON shape (lossless)
    Jsonl,
    /// GraphML (Gephi, yEd, networkx, Cytoscape)
    Graphml,
    /// GEXF 1.3 with dates for Gephi's timeline
    Gexf,
    /// Neo4j bulk-import CSV files in a directory, with import.sh
    Neo4jCsv,
    /// A Cypher script (CREATE statements) for Neo4j or any openCypher store
    Cypher,
    /// Plain CSV tables nodes.csv and relationships.csv in a directory (Palladio and spreadsheets)
    Csv,
}

/// Kinds of entry `add` makes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddKind {
    /// A historical individual
    Person,
    /// A university, faculty, party cell, school
    Institution,
    /// A party body, the NKVD, an alleged "centre"
    Organization,
    /// A city, street, camp, burial site
    Place,
    /// A book, an archival file, a newspaper, a database record
    Source,
    /// Something dated (give --kind)
    Event,
    /// An accusation event with accusers and accused
    Accusation,
    /// A person's membership of an institution or organization
    Membership,
}

/// `add` arguments.
#[derive(ClapArgs, Debug)]
pub struct AddArgs {
    /// What to add
    #[arg(value_enum)]
    pub kind: AddKind,
    /// Id (generated from the name or title when omitted)
    #[arg(long)]
    pub id: Option<String>,
    /// Name (people, institutions, organizations, places)
    #[arg(long)]
    pub name: Option<String>,
    /// Other names: Cyrillic, transliterations, spellings of a source (repeatable)
    #[arg(long = "names", value_name = "NAME")]
    pub names: Vec<String>,
    /// Title (sources, events)
    #[arg(long)]
    pub title: Option<String>,
    /// Kind (event kind such as arrest or trial; institution kind, ...)
    #[arg(long = "kind", id = "kind_value", value_name = "KIND")]
    pub kind_value: Option<String>,
    /// EDTF date (`1931-09/1931-12`, `1932?`)
    #[arg(long)]
    pub date: Option<String>,
    /// The source's own wording of the date
    #[arg(long)]
    pub date_text: Option<String>,
    /// Charge of an accusation or trial
    #[arg(long)]
    pub charge: Option<String>,
    /// Citation SOURCE:LOCATOR (repeatable)
    #[arg(long = "source", value_name = "SOURCE:LOCATOR")]
    pub sources: Vec<String>,
    /// certain, probable, possible or doubtful
    #[arg(long)]
    pub certainty: Option<String>,
    /// Accuser (person id, repeatable)
    #[arg(long = "accuser", value_name = "ID")]
    pub accusers: Vec<String>,
    /// Accused (person id, repeatable)
    #[arg(long = "accused", value_name = "ID")]
    pub accused: Vec<String>,
    /// Participant PERSON=ROLE (repeatable)
    #[arg(long = "participant", value_name = "PERSON=ROLE")]
    pub participants: Vec<String>,
    /// Where an event happened (institution or place id)
    #[arg(long)]
    pub at: Option<String>,
    /// The event, institution or organization this is part of
    #[arg(long)]
    pub part_of: Option<String>,
    /// The place an institution or place lies in
    #[arg(long)]
    pub located_in: Option<String>,
    /// Membership: the person
    #[arg(long)]
    pub person: Option<String>,
    /// Membership: the institution or organization
    #[arg(long)]
    pub of: Option<String>,
    /// Membership role (student, instructor, rector, ...)
    #[arg(long)]
    pub role: Option<String>,
    /// Any other property KEY=VALUE (repeatable; numbers stay numbers)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Validate only; write nothing
    #[arg(long)]
    pub dry_run: bool,
}
