//! What a parse-pool batch costs beside reading the file: for each file of
//! a directory (default: `target/bench-data/org2k`), the on-CPU time to
//! read it alone (`staging::parse_alone`), to encode its batch, to decode
//! it, and the batch's size. The pool only pays when encode + decode is
//! well under a read (BENCHMARKS.md, "the parse pool").
//!
//! `cargo run --release --example batch_timing [DIR]`

use std::time::Instant;

use teamdiff::ingest::staging::{decode, encode, parse_alone};
use teamdiff::ingest::IngestOptions;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-data/org2k".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e} (run `make bench` once to write the org2k files)"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort_by_key(|path| std::cmp::Reverse(std::fs::metadata(path).map_or(0, |m| m.len())));
    println!("| file | MB | read ms | encode ms | decode ms | batch MB | (encode + decode) ÷ read |");
    println!("|---|---|---|---|---|---|---|");
    let (mut read_total, mut batch_total) = (0.0, 0.0);
    for path in paths.iter().take(4) {
        let bytes = std::fs::read(path).expect("readable file");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let started = Instant::now();
        let parsed = parse_alone(&name, &bytes, &IngestOptions::default(), &mut |_, _| {});
        let read = started.elapsed().as_secs_f64() * 1e3;
        let started = Instant::now();
        let batch = encode(&parsed);
        let encoded = started.elapsed().as_secs_f64() * 1e3;
        drop(parsed);
        let started = Instant::now();
        let decoded = decode(&batch).expect("a batch decodes");
        let decoded_ms = started.elapsed().as_secs_f64() * 1e3;
        drop(decoded);
        read_total += read;
        batch_total += encoded + decoded_ms;
        println!(
            "| {name} | {:.1} | {read:.0} | {encoded:.0} | {decoded_ms:.0} | {:.1} | {:.2} |",
            bytes.len() as f64 / 1e6,
            batch.len() as f64 / 1e6,
            (encoded + decoded_ms) / read
        );
    }
    println!("\nthe four largest: read {read_total:.0} ms, encode + decode {batch_total:.0} ms ({:.2} of a read)", batch_total / read_total);
}
