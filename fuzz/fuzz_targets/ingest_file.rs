//! Any bytes into `ingest_file`: it must return, never panic, keep the
//! report's books balanced, and leave the dataset untouched on refusal.
#![no_main]

mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = checks::ingest_and_check("fuzz.csv", bytes);
});
