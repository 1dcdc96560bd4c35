//! A big CSV file read a piece at a time, its rows handed on as they are
//! built: how a parser worker of the parse pool reads a file.
//!
//! A parser worker's memory counts in the app's peak like the engine
//! worker's, and a whole `jira.csv` with its rows would add a hundred
//! megabytes. Read here, a file is in memory a megabyte at a time
//! ([`PIECE_BYTES`], `csv_source::Records`), and its rows leave every
//! megabyte through a [`RowSink`] (the parser encodes them,
//! `dataset::batch`, and posts them to the engine worker).
//!
//! The result is the one [`ingest_file`](super::ingest_file) gives: the
//! same header rule ([`plan_csv`](super::plan_csv)), the same passes
//! (`passes::run`, which restarts the sink when the column decisions call
//! for a second read), the same records on the same lines. Only UTF-8
//! CSV of a bulk kind (work items, pull requests, reviews) is read so;
//! any other file, or one that turns out not to be UTF-8 halfway, is
//! [`Streamed::NeedsEngine`]: the engine worker reads it whole, as any
//! file, and says what `ingest_file` says.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::csv_source::{report_quotes, CsvSource, Record, Records};
use super::decode::{utf8_piece, utf8_text_start};
use super::passes::{run, Meter, Progress, RowSink};
use super::sniff::{sniff, Syntax};
use super::warnings::Warnings;
use super::{plan_csv, IngestError, IngestOptions, Limits};
use crate::dataset::{Dataset, FileReport};

/// How much of a file is in memory at once.
pub const PIECE_BYTES: usize = 1 << 20;

/// How much of the file's start is read to plan it: the delimiter is
/// sniffed from the first 256 KiB, so pieces of any size plan alike.
const HEAD_BYTES: usize = 1 << 20;

/// How a streamed read ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Streamed {
    /// Every row went to the sink; the file's report, its rows citing file 0.
    Loaded(FileReport),
    /// The file could not be read (the browser said why).
    Refused(IngestError),
    /// Not a file to stream; the engine worker reads it whole. Rows the
    /// sink took, if any, are void.
    NeedsEngine,
}

/// Appends bytes `offset..offset + len` of the file to the buffer, or
/// says why it cannot.
pub type ReadAt<'r> = dyn FnMut(u64, usize, &mut Vec<u8>) -> Result<(), String> + 'r;

/// The file a streamed read takes its pieces from: `path` and `size` as
/// the browser gave them, `piece_bytes` at a time (the pool's parsers and
/// the engine worker: [`PIECE_BYTES`]) through `read`.
pub struct StreamSource<'s, 'r> {
    pub path: &'s str,
    pub size: u64,
    pub piece_bytes: usize,
    pub read: &'s mut ReadAt<'r>,
}

/// [`ReadAt`] over bytes already in memory (the tests' files, the
/// worker's warm-up): a range past the end is an unreadable file, as a
/// browser says of a file that changed on disk.
pub fn read_slice_at(bytes: &[u8], offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
    let piece = usize::try_from(offset)
        .ok()
        .and_then(|start| bytes.get(start..start.checked_add(len)?))
        .ok_or("could not read the file: NotReadableError")?;
    into.extend_from_slice(piece);
    Ok(())
}

/// What the read of the records needs between pieces and leaves behind.
struct Pieces<'r, 'a> {
    read: &'r mut ReadAt<'a>,
    /// Set when a piece could not be read, or was not UTF-8.
    failed: Option<Streamed>,
    /// The last pass's suspicious quotes.
    quotes: Vec<super::csv_source::QuotedSpan>,
}

/// Makes room in `rows` (the first batch of a file of `size` bytes, whose
/// read had reached byte `reached` of its text) for the rest of the
/// file's rows, as the engine worker's own read does after its first rows
/// (`passes`): a vector that doubles past a million rows briefly holds
/// both copies, and in wasm that high-water mark is never returned.
pub fn reserve_for_the_rest(rows: &mut Dataset, reached: u64, size: u64, limits: &Limits) {
    fn reserve<T>(rows: &mut Vec<T>, reached: u64, size: u64, limits: &Limits) {
        if rows.is_empty() || reached == 0 {
            return;
        }
        let estimate = (size as u128 * rows.len() as u128 / reached as u128).min(usize::MAX as u128) as usize;
        let wanted = limits.reservable_rows(estimate + estimate / 16, size as usize, std::mem::size_of::<T>());
        rows.reserve(wanted.saturating_sub(rows.len()));
    }
    reserve(&mut rows.work_items, reached, size, limits);
    reserve(&mut rows.pull_requests, reached, size, limits);
    reserve(&mut rows.reviews, reached, size, limits);
}

/// Reads the file of `source` into `sink`. `progress(done, total)` as
/// [`super::ingest_file`].
pub fn read_streamed(source: StreamSource, options: &IngestOptions, progress: &mut dyn Progress, sink: &mut dyn RowSink) -> Streamed {
    let StreamSource { path, size, piece_bytes, read } = source;
    let unreadable = |message: String| Streamed::Refused(IngestError::whole_file(path, message));
    let mut head = Vec::new();
    if let Err(message) = read(0, size.min(HEAD_BYTES as u64) as usize, &mut head) {
        return unreadable(message);
    }
    let whole = head.len() as u64 >= size;
    let Some(bom) = utf8_text_start(&head) else { return Streamed::NeedsEngine };
    let Some(head_text) = utf8_piece(&head[bom..], whole) else { return Streamed::NeedsEngine };
    if head.iter().all(u8::is_ascii_whitespace) {
        return Streamed::NeedsEngine;
    }
    // The delimiter is sniffed from the first 256 KiB, which the head holds.
    let Ok(Syntax::Csv { delimiter, skip }) = sniff(head_text) else { return Streamed::NeedsEngine };
    let first_line = 1 + u32::from(skip > 0);
    let mut warnings = Warnings::default();
    let mut report = FileReport { path: path.to_string(), bytes: size, ..FileReport::default() };
    let source = CsvSource::new(&head_text[skip..], delimiter, first_line);
    let Ok((plan, headers, header_end)) = plan_csv(&source, options, &mut warnings, &mut report) else {
        return Streamed::NeedsEngine;
    };
    let header_whole = whole || skip + header_end < head_text.len();
    if !header_whole || plan.suggestion.is_some() || !plan.target.is_some_and(|target| target.in_bulk()) {
        return Streamed::NeedsEngine;
    }
    drop(head);

    let start = (bom + skip) as u64;
    let pieces = RefCell::new(Pieces { read, failed: None, quotes: Vec::new() });
    let each = |f: &mut dyn FnMut(u32, u64, Record)| {
        let mut pieces = pieces.borrow_mut();
        let pieces = &mut *pieces;
        if pieces.failed.is_some() {
            return;
        }
        let mut records = Records::new(delimiter, first_line);
        let mut buffer = Vec::with_capacity(piece_bytes + (64 << 10));
        let (mut offset, mut base) = (start, 0u64);
        loop {
            let want = (size - offset).min(piece_bytes as u64) as usize;
            let before = buffer.len();
            if let Err(message) = (pieces.read)(offset, want, &mut buffer) {
                pieces.failed = Some(unreadable(message));
                return;
            }
            if buffer.len() != before + want {
                // The file changed size while it was read: read it whole.
                pieces.failed = Some(Streamed::NeedsEngine);
                return;
            }
            offset += want as u64;
            let last = offset >= size;
            let Some(text) = utf8_piece(&buffer, last) else {
                pieces.failed = Some(Streamed::NeedsEngine);
                return;
            };
            let done = records.read_piece(text, base, last, f);
            if last {
                break;
            }
            base += done as u64;
            buffer.drain(..done);
        }
        pieces.quotes = records.into_quotes();
    };
    let mut meter = Meter::new(size, (size - bom as u64) as usize, progress);
    let mut staged = Dataset::default();
    run(&plan, &headers, each, 0, &options.limits, &mut staged, &mut report, &mut warnings, &mut meter, Some(sink));
    let Pieces { failed, quotes, .. } = pieces.into_inner();
    if let Some(failed) = failed {
        return failed;
    }
    report_quotes(&quotes, &mut warnings);
    sink.take(&mut staged, size - bom as u64);
    debug_assert_eq!(report.rows, report.kept + report.skipped);
    report.warnings = warnings.finish();
    meter.finish();
    Streamed::Loaded(report)
}

/// [`read_streamed`] keeping every row: how the engine worker reads a big
/// file it holds outside wasm memory (a browser's `ArrayBuffer`), copying
/// a piece at a time in. Wasm memory never shrinks, so a whole copy of the
/// file would stay part of the worker's memory for good; and memory
/// touched for the first time costs the kernel a page fault and zeroing
/// (0.4 ms per megabyte here, BENCHMARKS.md). The rows cite file 0, ready
/// for `staging::append_batch`; `Ok(None)`: not a file to stream, read it
/// whole ([`Streamed::NeedsEngine`]).
pub fn read_streamed_whole(
    source: StreamSource,
    options: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<Option<(Dataset, FileReport)>, IngestError> {
    /// Takes the rows once, at the end: the read sizes its row vectors
    /// for the whole file, as `ingest_file`'s does.
    struct Keep(Dataset);
    impl RowSink for Keep {
        fn every_bytes(&self) -> u64 {
            u64::MAX
        }
        fn take(&mut self, staged: &mut Dataset, _: u64) {
            super::staging::append_rows_only(&mut self.0, staged);
        }
        fn restart(&mut self) {
            self.0 = Dataset::default();
        }
    }
    let mut kept = Keep(Dataset::default());
    match read_streamed(source, options, progress, &mut kept) {
        Streamed::Loaded(report) => Ok(Some((kept.0, report))),
        Streamed::Refused(error) => Err(error),
        Streamed::NeedsEngine => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ingest_file;

    /// A sink that keeps every row it is handed, as the engine worker
    /// does with a file's batches, and drops them on a restart.
    #[derive(Default)]
    struct Keeper {
        rows: Dataset,
        takes: usize,
        restarts: usize,
    }

    impl RowSink for Keeper {
        fn every_bytes(&self) -> u64 {
            2048
        }

        fn take(&mut self, staged: &mut Dataset, _: u64) {
            self.takes += 1;
            crate::ingest::staging::append_rows_only(&mut self.rows, staged);
        }

        fn restart(&mut self) {
            self.restarts += 1;
            self.rows = Dataset::default();
        }
    }

    /// `f` given `bytes` as the file `name`, to be read `piece_bytes` at a time.
    fn in_memory<R>(name: &str, bytes: &[u8], piece_bytes: usize, f: impl FnOnce(StreamSource) -> R) -> R {
        let mut read = |offset: u64, len: usize, into: &mut Vec<u8>| read_slice_at(bytes, offset, len, into);
        f(StreamSource { path: name, size: bytes.len() as u64, piece_bytes, read: &mut read })
    }

    /// `bytes` streamed in pieces of `piece_bytes`, and what the sink kept.
    fn streamed(name: &str, bytes: &[u8], piece_bytes: usize, options: &IngestOptions) -> (Streamed, Keeper) {
        let mut keeper = Keeper::default();
        let streamed = in_memory(name, bytes, piece_bytes, |source| read_streamed(source, options, &mut |_, _| {}, &mut keeper));
        (streamed, keeper)
    }

    /// Streams `bytes` in pieces of several sizes, to a sink and kept
    /// whole, and checks the rows and the report are `ingest_file`'s;
    /// returns the sink of the smallest.
    fn streams_as_read_whole(name: &str, bytes: &[u8], options: &IngestOptions) -> Keeper {
        let mut whole = Dataset::default();
        ingest_file(&mut whole, name, bytes, options, &mut |_, _| {}).unwrap();
        let report = whole.files.pop().unwrap();
        let mut smallest = None;
        for piece_bytes in [PIECE_BYTES, 4096, 1000, 97] {
            let (streamed, keeper) = streamed(name, bytes, piece_bytes, options);
            assert_eq!(streamed, Streamed::Loaded(report.clone()), "{name} in pieces of {piece_bytes}");
            assert!(keeper.rows == whole, "{name} in pieces of {piece_bytes}: the rows differ");
            smallest = Some(keeper);
            let (rows, kept_report) = in_memory(name, bytes, piece_bytes, |source| read_streamed_whole(source, options, &mut |_, _| {}))
                .unwrap()
                .expect("a file to stream");
            assert_eq!(kept_report, report, "{name} kept whole in pieces of {piece_bytes}");
            assert!(rows == whole, "{name} kept whole in pieces of {piece_bytes}: the rows differ");
        }
        smallest.unwrap()
    }

    #[test]
    fn every_bulk_demo_file_streamed_in_pieces_reads_as_read_whole() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let files = crate::demo::generate(crate::demo::DemoSize::Small, 3, today);
        let mut bulk = 0;
        for file in &files {
            let (streamed, _) = streamed(&file.name, &file.bytes, PIECE_BYTES, &IngestOptions::default());
            if streamed == Streamed::NeedsEngine {
                continue;
            }
            bulk += 1;
            let keeper = streams_as_read_whole(&file.name, &file.bytes, &IngestOptions::default());
            assert!(keeper.takes > 1, "{}: the rows went to the sink once, not as they were read", file.name);
        }
        assert!(bulk >= 3, "work items, pull requests and reviews stream: {bulk}");
    }

    #[test]
    fn awkward_rows_read_alike_warnings_included() {
        // A BOM, CRLF, a quoted line break, a ragged row, a row of empty
        // cells, a stray quote swallowing rows, non-ASCII text, blank lines.
        let mut text = String::from("\u{feff}Title,Author,State,Created At,Merged At,Repository,Number\r\n");
        for n in 0..300 {
            text += &format!("\"Fix ünïcode\nbug {n}\",zoë,merged,2026-11-02T10:00:00Z,2026-11-03,web,{n}\r\n");
            if n % 50 == 7 {
                text += "Short,ada\r\n,,,,,,\r\n\r\n";
            }
            if n == 150 {
                text += "\"Stray quote,ada,open,2026-11-02,,web,x\r\nrow,ada,open,2026-11-02,,web,y\"\r\n";
            }
        }
        let keeper = streams_as_read_whole("prs.csv", text.as_bytes(), &IngestOptions::default());
        assert!(keeper.rows.pull_requests.len() > 250 && keeper.takes > 10, "{} rows, {} takes", keeper.rows.pull_requests.len(), keeper.takes);
    }

    #[test]
    fn a_second_read_for_day_first_dates_restarts_the_sink() {
        let mut text = String::from("Issue key,Summary,Status,Created,Resolved\n");
        for n in 0..400 {
            // 25/03 only reads day first: the whole column is read so.
            let day = if n == 399 { 25 } else { 1 + n % 12 };
            text += &format!("PAY-{n},Retry,Done,{day:02}/03/2026,{day:02}/04/2026\n");
        }
        let keeper = streams_as_read_whole("jira.csv", text.as_bytes(), &IngestOptions::default());
        assert_eq!(keeper.restarts, 1);
        assert_eq!(keeper.rows.work_items[0].created.unwrap().date(), chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    }

    #[test]
    fn the_limits_apply_alike() {
        let options = IngestOptions { limits: Limits { rows: 50, cell_bytes: 40, ..Limits::default() }, ..IngestOptions::default() };
        let mut text = String::from("Issue key,Summary,Status,Created\n");
        for n in 0..120 {
            text += &format!("PAY-{n},{},Done,2026-03-01\n", "long title ".repeat(n % 7));
        }
        streams_as_read_whole("jira.csv", text.as_bytes(), &options);
    }

    #[test]
    fn files_the_engine_reads_whole_are_left_to_it() {
        let options = IngestOptions::default();
        let prs = "Title,Author,State,Created At,Merged At,Repository,Number\nFix,ada,merged,2026-11-02,2026-11-03,web,1\n";
        let mut not_utf8 = prs.repeat(3000).into_bytes();
        let middle = not_utf8.len() / 2;
        not_utf8[middle] = 0xE9; // Windows-1252's é
        let mut nul = prs.repeat(3000).into_bytes();
        nul[middle] = 0;
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(prs.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let cases: [(&str, &[u8]); 7] = [
            ("not_utf8.csv", &not_utf8),
            ("nul.csv", &nul),
            ("utf16.csv", &utf16),
            ("prs.json", br#"[{"number": 7, "title": "Fix"}]"#),
            ("roster.csv", b"person,team\nAda,Payments\n"),
            ("mystery.csv", b"colour,shape\nred,round\n"),
            ("empty.csv", b"  \n"),
        ];
        for (name, bytes) in cases {
            for piece_bytes in [PIECE_BYTES, 4096] {
                assert_eq!(streamed(name, bytes, piece_bytes, &options).0, Streamed::NeedsEngine, "{name}");
                let kept = in_memory(name, bytes, piece_bytes, |source| read_streamed_whole(source, &options, &mut |_, _| {}));
                assert!(matches!(kept, Ok(None)), "{name}: left to be read whole");
            }
        }
        // Each of them read whole still loads, or is refused, by ingest_file.
        let mut dataset = Dataset::default();
        assert!(ingest_file(&mut dataset, "not_utf8.csv", &not_utf8, &options, &mut |_, _| {}).is_ok());
    }

    #[test]
    fn a_piece_the_browser_cannot_read_refuses_the_file_by_name() {
        let prs = "Title,Author,State,Created At,Merged At,Repository,Number\nFix,ada,merged,2026-11-02,2026-11-03,web,1\n".repeat(500);
        let mut keeper = Keeper::default();
        let mut reads = 0;
        let mut read = |offset: u64, len: usize, into: &mut Vec<u8>| {
            reads += 1;
            if reads == 3 {
                return Err("NotReadableError: the file changed on disk".to_string());
            }
            read_slice_at(prs.as_bytes(), offset, len, into)
        };
        let source = StreamSource { path: "prs.csv", size: prs.len() as u64, piece_bytes: 4096, read: &mut read };
        let streamed = read_streamed(source, &IngestOptions::default(), &mut |_, _| {}, &mut keeper);
        let Streamed::Refused(error) = streamed else { panic!("{streamed:?}") };
        assert_eq!((error.path.as_str(), error.message.as_str()), ("prs.csv", "NotReadableError: the file changed on disk"));
    }
}
