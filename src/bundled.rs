//! The bundled dataset, compiled into the binary: the first run without
//! `--db` builds `./prosopo.db` from it.

/// Bundled data files: (path as shown in messages, contents).
pub const FILES: &[(&str, &str)] = &[(
    "data/communist-university.toml",
    include_str!("../data/communist-university.toml"),
)];
