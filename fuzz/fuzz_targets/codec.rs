//! Value codec: arbitrary bytes decode to an error or a value, never a
//! panic or a huge allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;
use prosopo::store::codec::decode;
use prosopo::{Node, Rel};

fuzz_target!(|bytes: &[u8]| {
    let _ = decode::<Node>(bytes);
    let _ = decode::<Rel>(bytes);
    let _ = decode::<u64>(bytes);
});
