//! The bundled dataset, compiled into the binary: the first run without
//! `--db` builds `./prosopo.db` from it.

/// Bundled data files: (path as shown in messages, contents).
pub const FILES: &[(&str, &str)] = &[(
    "data/communist-university.toml",
    include_str!("../data/communist-university.toml"),
)];

/// A database in memory holding the bundled dataset (for tests and examples).
pub fn memory_database() -> crate::Database {
    let db = crate::Database::memory(crate::Schema::Prosopography);
    let mut draft = crate::Draft::default();
    let mut problems = Vec::new();
    for (file, text) in FILES {
        crate::ingest::files::read_text(file, text, db.schema(), &mut draft, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "the bundled data is valid: {problems:?}"
    );
    db.apply(draft, false, &mut |_, _| {})
        .expect("the bundled data imports");
    db
}
