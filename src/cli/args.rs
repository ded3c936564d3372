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
        /// Rebuild indices and derived ACCUSED relationships from the primary data
        #[arg(long)]
        repair: bool,
    },
    /// Count nodes by label and relationships by type
    Stats,
    /// Print shell completions
    #[command(
        after_help = "Example:\n  prosopo completions bash > /etc/bash_completion.d/prosopo"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
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
