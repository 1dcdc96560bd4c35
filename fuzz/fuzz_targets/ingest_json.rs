//! Bytes into `ingest_file` as a `.json` file, always down the JSON path:
//! input that would be sniffed as CSV gets a `[` in front, so mutations
//! explore the array reader, the depth limit and the flattening rather
//! than the CSV reader `ingest_file` already covers. Besides the checks
//! every ingest target makes, a refusal of broken JSON must say where.
#![no_main]

mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let bytes = match first {
        Some(b'[' | b'{') => bytes.to_vec(),
        _ => [b"[".as_slice(), bytes].concat(),
    };
    if let Err(e) = checks::ingest_and_check("fuzz.json", &bytes) {
        // The refusals of the JSON reader itself, not those of decoding.
        let syntax = ["invalid JSON", "JSON array", "cut off", "nest more than", "expected"];
        let from_reader = syntax.iter().any(|s| e.message.contains(s));
        assert!(!from_reader || (e.line >= 1 && e.column >= 1), "no position: {e}");
    }
});
