//! The scripts beside the Neo4j CSV export: `import.sh` with the exact
//! `neo4j-admin database import full` command, and `constraints.cypher`
//! with a uniqueness constraint on the id of every label. Also the choice
//! of the array delimiter, which must occur in no label and no list item.

use std::collections::BTreeSet;

/// Array delimiters tried in turn: the first that occurs in no label and
/// no list item is used.
pub const DELIMITERS: [char; 5] = [';', '|', '¦', '§', '\u{1F}'];

/// What the import command needs to know.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Node files, relative to the export directory.
    pub node_files: Vec<String>,
    /// Relationship files, relative to the export directory.
    pub rel_files: Vec<String>,
    /// The array delimiter of `:LABEL` and array columns.
    pub delimiter: char,
    /// Numbers of nodes and relationships exported.
    pub counts: (usize, usize),
}

/// The first of [`DELIMITERS`] that `used` says is free.
pub fn choose_delimiter(used: impl Fn(char) -> bool) -> Option<char> {
    DELIMITERS.into_iter().find(|&c| !used(c))
}

/// The delimiter as a shell word for `--array-delimiter=`: quoted when
/// printable, `U+XXXX` otherwise.
pub fn delimiter_arg(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// The text of `import.sh`.
pub fn import_sh(plan: &Plan) -> String {
    let d = plan.delimiter;
    let shown = if d.is_control() {
        delimiter_arg(d)
    } else {
        format!("'{d}'")
    };
    let mut s = format!(
        "#!/bin/sh\n\
         # Neo4j bulk import of a prosopo export: {} nodes in {} files, \
         {} relationships in {} files.\n\
         #\n\
         #   sh import.sh [DATABASE]     (default neo4j; set NEO4J_HOME if neo4j-admin is not on PATH)\n\
         #\n\
         # Stop Neo4j first; the database must not exist yet (add\n\
         # --overwrite-destination=true to replace it). The CSV files are read from\n\
         # this script's directory.\n\
         # - Arrays (the :string[], :long[], ... columns and :LABEL) use {shown} as the\n\
         #   array delimiter, hence --array-delimiter.\n\
         # - Values may span lines (notes), hence --multiline-fields=true.\n\
         # - Dates are EDTF strings (\"1931-09/1931-12\"); <prop>_earliest and\n\
         #   <prop>_latest are Neo4j dates, absent when the bound is open or unknown.\n\
         # - Lists of mixed values and maps are JSON strings.\n\
         # Afterwards start Neo4j, CREATE DATABASE if it is not the default one, and run\n\
         #   cypher-shell -d DATABASE -f constraints.cypher\n\
         set -eu\n\
         DIR=$(cd \"$(dirname \"$0\")\" && pwd)\n\
         DATABASE=${{1:-neo4j}}\n\
         ADMIN=\"${{NEO4J_HOME:+$NEO4J_HOME/bin/}}neo4j-admin\"\n\
         \"$ADMIN\" database import full \"$DATABASE\" \\\n  \
         --array-delimiter={} \\\n  \
         --multiline-fields=true",
        plan.counts.0,
        plan.node_files.len(),
        plan.counts.1,
        plan.rel_files.len(),
        delimiter_arg(d),
    );
    for f in &plan.node_files {
        s.push_str(&format!(" \\\n  --nodes=\"$DIR/{f}\""));
    }
    for f in &plan.rel_files {
        s.push_str(&format!(" \\\n  --relationships=\"$DIR/{f}\""));
    }
    s.push('\n');
    s
}

/// The text of `constraints.cypher`: one uniqueness constraint on the id
/// property `key` for each label (Neo4j 4.4+ syntax).
pub fn constraints_cypher(labels: &BTreeSet<String>, key: &str) -> String {
    let mut s = String::from(
        "// Uniqueness of prosopo ids, one constraint per label.\n\
         // Run after import.sh: cypher-shell -d DATABASE -f constraints.cypher\n",
    );
    for label in labels {
        s.push_str(&format!(
            "CREATE CONSTRAINT IF NOT EXISTS FOR (n:{}) REQUIRE n.{} IS UNIQUE;\n",
            backticked(label),
            backticked(key)
        ));
    }
    s
}

/// A Cypher name in backticks (inner backticks doubled).
pub fn backticked(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// A file-name stem from labels or a type: letters, digits, `_` and `-`
/// kept, anything else `_`.
pub fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_avoids_the_data() {
        assert_eq!(choose_delimiter(|_| false), Some(';'));
        assert_eq!(choose_delimiter(|c| c == ';' || c == '|'), Some('¦'));
        assert_eq!(choose_delimiter(|_| true), None);
        assert_eq!(delimiter_arg(';'), "';'");
        assert_eq!(delimiter_arg('\u{1F}'), "U+001F");
    }

    #[test]
    fn cypher_names_are_quoted() {
        let labels = ["Person".to_string(), "Odd`Label".to_string()].into();
        let c = constraints_cypher(&labels, "id");
        assert!(c.contains("FOR (n:`Person`) REQUIRE n.`id` IS UNIQUE;"));
        assert!(c.contains("(n:`Odd``Label`)"));
        assert_eq!(file_stem("SAW IT/x"), "SAW_IT_x");
    }

    #[test]
    fn script_lists_every_file() {
        let plan = Plan {
            node_files: vec!["nodes-Person.csv".into()],
            rel_files: vec!["rels-ACCUSED.csv".into()],
            delimiter: ';',
            counts: (2, 1),
        };
        let s = import_sh(&plan);
        assert!(s.contains("database import full \"$DATABASE\""));
        assert!(s.contains("--array-delimiter=';'"));
        assert!(s.contains("--nodes=\"$DIR/nodes-Person.csv\""));
        assert!(s.ends_with("--relationships=\"$DIR/rels-ACCUSED.csv\"\n"));
    }

    // Guards that import.sh runs and hands neo4j-admin every file, by
    // putting a stand-in neo4j-admin that records its arguments on PATH.
    #[cfg(unix)]
    #[test]
    fn import_script_calls_neo4j_admin_with_every_file() {
        use std::os::unix::fs::PermissionsExt;
        let db = crate::render::test_graph::bundled();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        super::super::neo4j_csv::export(&db.graph(), &out, &mut || {}).unwrap();
        let csv_files = std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "csv")
            })
            .count();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let fake = bin.join("neo4j-admin");
        let log = dir.path().join("args.txt");
        std::fs::write(
            &fake,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
        )
        .unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let status = std::process::Command::new("sh")
            .arg(out.join("import.sh"))
            .arg("archive")
            .env("PATH", path)
            .env_remove("NEO4J_HOME")
            .status()
            .unwrap();
        assert!(status.success());
        let args = std::fs::read_to_string(&log).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args[..4], ["database", "import", "full", "archive"]);
        assert!(args.contains(&"--array-delimiter=;"));
        assert!(args.contains(&"--multiline-fields=true"));
        let listed: Vec<&str> = args
            .iter()
            .filter_map(|a| {
                a.strip_prefix("--nodes=")
                    .or_else(|| a.strip_prefix("--relationships="))
            })
            .collect();
        assert_eq!(listed.len(), csv_files);
        for f in listed {
            assert!(
                std::path::Path::new(f).is_absolute() && std::path::Path::new(f).exists(),
                "{f}"
            );
        }
    }
}
