//! Browser-only code that only runs in a worker, tested in a dedicated
//! worker of headless Chromium with wasm-bindgen-test: a parser worker
//! reading a real `File` a piece at a time with `FileReaderSync` (which
//! pages do not have) and streaming its rows as batches.
//!
//! Run: `make test-wasm` (or `cargo test --target wasm32-unknown-unknown --test browser_worker`).
#![cfg(target_arch = "wasm32")]

use teamdiff::dataset::batch::BatchDecoder;
use teamdiff::dataset::Dataset;
use teamdiff::engine::dispatch::{stream_in_pool, ParserSays};
use teamdiff::engine::protocol::DroppedFile;
use teamdiff::engine::Stage;
use teamdiff::ingest::stream::Streamed;
use teamdiff::ingest::{ingest_file, IngestOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn make_file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
fn a_file_is_read_now_a_slice_at_a_time() {
    let bytes: Vec<u8> = (0..300_000u32).map(|n| (n % 251) as u8).collect();
    let file = make_file("export.csv", &bytes);
    let mut read = b"kept".to_vec();
    file.read_now(0, 10, &mut read).unwrap();
    file.read_now(123_456, 70_000, &mut read).unwrap();
    file.read_now(299_990, 10, &mut read).unwrap();
    let expected = [&b"kept"[..], &bytes[..10], &bytes[123_456..193_456], &bytes[299_990..]].concat();
    assert_eq!(read, expected);
}

#[wasm_bindgen_test]
fn a_parser_streams_a_real_file_into_batches_that_decode_to_the_rows_read_whole() {
    let mut text = String::from("\u{feff}number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n");
    for n in 0..40_000 {
        let author = ["Ada", "Grace", "Linus", "Zoë"][n % 4];
        text += &format!("{n},api,\"Fix, part {n}\",{author},2026-11-02T10:00:00Z,2026-11-03T09:00:00Z,,merged,,Bob;Eve\n");
    }
    let file = make_file("prs.csv", text.as_bytes());
    let (mut rows, mut batches, mut parsed_to) = (Dataset::default(), 0, 0);
    let mut decoder = BatchDecoder::new();
    let streamed = stream_in_pool(&file, &IngestOptions::default(), &mut |says| match says {
        ParserSays::Rows { batch, .. } => {
            batches += 1;
            decoder.decode(&batch, &mut rows).unwrap();
        }
        ParserSays::Progress { stage: Stage::Parsing, done, .. } => parsed_to = done,
        ParserSays::Progress { .. } => {}
        ParserSays::Restart => panic!("ISO dates need no second read"),
    });
    let mut whole = Dataset::default();
    ingest_file(&mut whole, "prs.csv", text.as_bytes(), &IngestOptions::default(), &mut |_, _| {}).unwrap();
    let report = whole.files.pop().unwrap();
    assert_eq!(streamed, Streamed::Loaded(report));
    assert!(batches >= 3, "{} bytes came in {batches} batches", text.len());
    assert_eq!(parsed_to, text.len() as u64, "the page hears the file parsed to its end");
    assert!(rows == whole, "the streamed rows differ from the rows read whole");
}
