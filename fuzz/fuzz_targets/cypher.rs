//! Cypher parser: never panics; parse → print → parse gives the same AST.
#![no_main]
use libfuzzer_sys::fuzz_target;
use prosopo::query::parse;

fuzz_target!(|s: &str| {
    if let Ok(q) = parse(s) {
        let printed = q.to_string();
        let again = parse(&printed).unwrap_or_else(|e| panic!("printed query does not parse: {printed}: {e}"));
        assert_eq!(q, again, "{printed}");
    }
});
