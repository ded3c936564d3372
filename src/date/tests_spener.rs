//! Parses every `senderDate` of the Spener letters fixture
//! (`../shared/datasets/spener-letters/letters.csv`, relative to the crate).

use std::path::Path;

use super::Edtf;

#[test]
fn all_spener_sender_dates_parse() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/spener-letters/letters.csv");
    if !path.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "fixture {} not found (required when CI=true)",
                path.display()
            );
        }
        eprintln!("skipped: ../shared not found");
        return;
    }
    let mut reader = csv::Reader::from_path(&path).expect("open letters.csv");
    let headers = reader.headers().expect("read header").clone();
    let column = headers
        .iter()
        .position(|h| h == "senderDate")
        .expect("senderDate column");
    let mut failures = Vec::new();
    let mut parsed = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("read record");
        let value = record.get(column).unwrap_or("");
        if value.trim().is_empty() {
            continue;
        }
        match Edtf::parse(value) {
            Ok(date) => {
                parsed += 1;
                assert_eq!(Edtf::parse(&date.to_string()).as_ref(), Ok(&date));
            }
            Err(e) => failures.push(format!("row {}: {value:?}: {e}", i + 2)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} senderDate values failed:\n{}",
        failures.len(),
        parsed + failures.len(),
        failures.join("\n")
    );
    assert!(parsed > 0, "no senderDate values found");
}
