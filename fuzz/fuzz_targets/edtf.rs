//! EDTF parser: never panics; what parses prints back to itself, with
//! earliest <= latest.
#![no_main]
use libfuzzer_sys::fuzz_target;
use prosopo::date::Edtf;

fuzz_target!(|s: &str| {
    if let Ok(d) = Edtf::parse(s) {
        let again = Edtf::parse(&d.to_string()).expect("display re-parses");
        assert_eq!(d, again);
        if let (Some(a), Some(b)) = (d.earliest(), d.latest()) {
            assert!(a <= b, "{s}: {a} > {b}");
        }
    }
});
