use std::time::Instant;
use teamdiff::ingest::staging::{append_batch, decode, encode, parse_alone, Parsed};
use teamdiff::ingest::{ingest_file, IngestOptions};
fn main() {
    let dir = "/work/main/target/bench-data/org2k";
    for name in ["jira.csv", "pull_requests.csv", "reviews.csv"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let o = IngestOptions::default();
        let t = Instant::now();
        let mut d = teamdiff::dataset::Dataset::default();
        ingest_file(&mut d, name, &bytes, &o, &mut |_, _| {}).unwrap();
        let ingest = t.elapsed();
        let t = Instant::now();
        let p = parse_alone(name, &bytes, &o, &mut |_, _| {});
        let alone = t.elapsed();
        let t = Instant::now();
        let b = encode(&p);
        let enc = t.elapsed();
        let t = Instant::now();
        let back = decode(&b).unwrap();
        let dec = t.elapsed();
        let t = Instant::now();
        let mut d2 = teamdiff::dataset::Dataset::default();
        if let Parsed::Loaded { rows, report } = back { append_batch(&mut d2, rows, report) }
        let app = t.elapsed();
        println!("{name}: {} MB, ingest {ingest:?}, alone {alone:?}, encode {enc:?} -> {} MB, decode {dec:?}, append {app:?}", bytes.len() / 1_000_000, b.len() / 1_000_000);
    }
}
