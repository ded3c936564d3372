//! Ingest: arbitrary TOML/JSON/JSONL text through validation and a commit
//! into a memory database never panics, and an invalid draft writes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
use prosopo::store::GraphRead;
use prosopo::{Database, Draft, Schema};

fuzz_target!(|input: (u8, &str)| {
    let (kind, text) = input;
    let file = ["a.toml", "a.json", "a.jsonl"][kind as usize % 3];
    let schema = if kind & 4 == 0 { Schema::Prosopography } else { Schema::Open };
    let db = Database::memory(schema);
    let mut draft = Draft::default();
    let mut problems = Vec::new();
    prosopo::ingest::files::read_text(file, text, schema, &mut draft, &mut problems);
    if problems.is_empty() {
        let count = |db: &Database| {
            let g = db.graph();
            (g.node_ids().unwrap().len(), g.rel_ids().unwrap().len())
        };
        let before = count(&db);
        if db.apply(draft, false, &mut |_, _| {}).is_err() {
            assert_eq!(count(&db), before);
        }
    }
});
