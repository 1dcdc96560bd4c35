//! Files → typed rows: the only way data enters teamdiff.
//!
//! A user drops whatever their tools exported, unchanged, and ingest must
//! recognise it, read it and account for every row. The pipeline is a
//! straight line, one module per step:
//!
//! ```text
//! bytes ─decode─▶ text ─sniff─▶ CSV(delimiter) | JSON
//!       ─headers/detect─▶ format + column map   (or: mapping suggestion)
//!       ─profile─▶ per-column date order and number scale
//!       ─row/values/dates─▶ build ─▶ staged rows ─▶ appended to Dataset
//! ```
//!
//! Formats are data ([`formats`]): a table of field → header synonyms per
//! tool or template. There is exactly one mapper and one builder per
//! target, so a quirk handled once is handled for every format.
//!
//! Whole-file refusals (empty, binary, not CSV/JSON, broken JSON, a header
//! beyond the [`Limits`]) are [`IngestError`]s and leave the dataset
//! untouched. Everything smaller is a [`Warning`] with line, column and what
//! was done, and each file's report satisfies `rows == kept + skipped`.

mod build;
mod dates;
mod decode;
mod detect;
mod fields;
mod formats;
mod headers;
mod json;
mod limits;
mod lines;
mod mapping;
mod profile;
mod row;
mod sniff;
mod values;
mod warnings;

use std::cell::RefCell;
use std::fmt;

use csv::StringRecord;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, FileKind, FileReport, Review, RowRef};
use detect::ColumnMap;
use fields::Target;
use formats::Format;
use profile::{Profile, Profiler};
use row::Row;
use sniff::Syntax;
use warnings::{truncate, Warnings};

pub use crate::dataset::{ColumnSuggestion, MappingSuggestion};
pub use fields::target_fields;
pub use formats::templates::template_csv;
pub use headers::header_signature;
pub use limits::Limits;
pub use mapping::{suggest_mapping, KINDS};

/// Choices the user made that change how a file is read. Serialisable so
/// the UI can hand it to the worker and remember it between sessions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestOptions {
    /// Column mappings the user confirmed, applied to any file whose header
    /// row has the same [`header_signature`]. They override recognition.
    #[serde(default)]
    pub mappings: Vec<UserMapping>,
    /// The resource budget. Not the user's choice, so never serialised:
    /// the app always reads within the defaults; tests shrink them.
    #[serde(skip)]
    pub limits: Limits,
}

/// A column mapping chosen by the user for one header signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserMapping {
    pub signature: String,
    pub kind: FileKind,
    /// `(header as in the file, field name from [`target_fields`])`.
    /// Unlisted headers are kept as extra columns where the kind keeps them.
    pub columns: Vec<(String, String)>,
}

impl UserMapping {
    /// The mapping a suggestion proposes, for the user to accept as is.
    pub fn from_suggestion(suggestion: &MappingSuggestion) -> UserMapping {
        UserMapping {
            signature: suggestion.signature.clone(),
            kind: suggestion.kind,
            columns: suggestion
                .columns
                .iter()
                .filter_map(|c| Some((c.header.clone(), c.field.clone()?)))
                .collect(),
        }
    }
}

/// A whole file was refused. The dataset is untouched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for IngestError {}

/// How often `progress` is called: often enough for a smooth bar, rarely
/// enough to cost nothing next to parsing.
const PROGRESS_STEP: u64 = 1 << 20;

/// Reads one file into `dataset` and returns the index of its `FileReport`.
/// `progress(done, total)` is called with byte offsets as parsing advances.
pub fn ingest_file(
    dataset: &mut Dataset,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<usize, IngestError> {
    let refuse = |line: u32, column: u32, message: String| IngestError { path: path.to_string(), line, column, message };
    let limits = &options.limits;
    let total = bytes.len() as u64;
    progress(0, total);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse(0, 0, "the file is empty".into()));
    }
    let decoded = decode::decode(bytes).map_err(|(l, c, m)| refuse(l, c, m))?;
    let text: &str = &decoded.text;
    let mut warnings = Warnings::default();
    if let Some(note) = decoded.note {
        warnings.note(0, note);
    }
    for &(line, column) in &decoded.dropped_nuls {
        warnings.push("NUL byte", line, column, || {
            "a NUL byte (a binary zero, a sign of a damaged copy) was here; dropped".into()
        });
    }
    let file_index = dataset.files.len();
    let mut staged = Dataset::default();
    let mut report = FileReport { path: path.to_string(), bytes: total, ..FileReport::default() };
    let mut meter = Meter { total, text_len: text.len().max(1) as u64, next: PROGRESS_STEP, progress };

    match sniff::sniff(text).map_err(|m| refuse(0, 0, m))? {
        Syntax::Csv { delimiter, skip } => {
            let source = CsvSource {
                text: &text[skip..],
                delimiter,
                first_line: 1 + u32::from(skip > 0),
                quotes: RefCell::default(),
            };
            let Some((header_line, header)) = source.header() else {
                return Err(refuse(0, 0, "the file has no header row".into()));
            };
            let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
            check_header(&headers, limits).map_err(|(c, m)| refuse(header_line, c, m))?;
            if headers.iter().all(|h| h.is_empty()) {
                return Err(refuse(header_line, 1, "the header row is empty".into()));
            }
            let plan = Plan::new(&headers, options, &mut warnings, header_line);
            report.signature = header_signature(&headers);
            let each = |f: &mut dyn FnMut(u32, u64, &StringRecord)| source.each(f);
            run(&plan, &headers, each, file_index, limits, &mut staged, &mut report, &mut warnings, &mut meter);
            source.report_quotes(&mut warnings);
        }
        Syntax::Json => {
            let table = json::read(text, &mut warnings).map_err(|(l, c, m)| refuse(l, c, m))?;
            check_header(&table.headers, limits).map_err(|(c, m)| refuse(1, c, m))?;
            let plan = Plan::new(&table.headers, options, &mut warnings, 1);
            report.signature = header_signature(&table.headers);
            let each = |f: &mut dyn FnMut(u32, u64, &StringRecord)| table.each_record(&mut |line, record| f(line, 0, record));
            for row in table.rows.iter().filter(|r| !r.is_object()) {
                warnings.push("not an object", row.line, 1, || "array element is not an object; skipped".into());
            }
            // Non-objects arrive in `run` as records without fields: counted, not kept.
            run(&plan, &table.headers, each, file_index, limits, &mut staged, &mut report, &mut warnings, &mut meter);
            if report.kind == FileKind::GithubPrs {
                add_gh_reviews(&table, file_index, &mut staged, &mut warnings);
            }
        }
    }
    debug_assert_eq!(report.rows, report.kept + report.skipped);
    report.warnings = warnings.finish();
    (meter.progress)(total, total);
    append(dataset, staged, report);
    Ok(file_index)
}

/// The whole-file limits on a header row: its size and its width, as
/// `(column to point at, message)`.
fn check_header(headers: &[String], limits: &Limits) -> Result<(), (u32, String)> {
    let bytes: usize = headers.iter().map(|h| h.len() + 1).sum();
    if bytes > limits.header_bytes {
        return Err((
            1,
            format!(
                "the header row is {bytes} bytes long, over the limit of {} bytes; the first row should name \
                 the columns (a quote left open in it would also do this)",
                limits.header_bytes
            ),
        ));
    }
    if headers.len() > limits.columns {
        return Err((
            limits.columns as u32 + 1,
            format!("the header row has {} columns, over the limit of {} columns", headers.len(), limits.columns),
        ));
    }
    Ok(())
}

/// What a file will be read as: its kind, target and column map, or
/// `Unknown` with a suggestion.
struct Plan {
    kind: FileKind,
    target: Option<Target>,
    map: ColumnMap,
    suggestion: Option<MappingSuggestion>,
}

impl Plan {
    fn new(headers: &[String], options: &IngestOptions, warnings: &mut Warnings, header_line: u32) -> Plan {
        let signature = header_signature(headers);
        if let Some(user) = options.mappings.iter().find(|m| m.signature == signature) {
            if let Some(target) = Target::of(user.kind) {
                let (map, rejected) = ColumnMap::from_pairs(target, headers, &user.columns);
                for pair in rejected {
                    warnings.note(0, format!("the saved mapping \"{pair}\" does not fit this file; ignored"));
                }
                warnings.note(0, format!("read as {} using the column mapping you chose", user.kind.id()));
                return Plan { kind: user.kind, target: Some(target), map, suggestion: None };
            }
        }
        let normalized: Vec<String> = headers.iter().map(|h| headers::normalize(h)).collect();
        match detect::detect(&normalized) {
            Some((format, map)) => {
                note_format(format, &map, headers, &normalized, warnings, header_line);
                Plan { kind: format.kind, target: Target::of(format.kind), map, suggestion: None }
            }
            None => Plan {
                kind: FileKind::Unknown,
                target: None,
                map: ColumnMap::default(),
                suggestion: Some(suggest_mapping(headers)),
            },
        }
    }
}

/// Whole-file notes a recognised format owes the user: missing columns
/// the export never has, and duplicate headers of single-value fields.
fn note_format(
    format: &Format,
    map: &ColumnMap,
    headers: &[String],
    normalized: &[String],
    warnings: &mut Warnings,
    header_line: u32,
) {
    for (field, note) in format.absent {
        if !map.has(*field) {
            warnings.note(0, note.to_string());
        }
    }
    for (field, _, cols) in map.duplicates(normalized) {
        let list: Vec<String> = cols.iter().map(|c| (c + 1).to_string()).collect();
        warnings.push("duplicate header", header_line, cols[1] as u32 + 1, || {
            format!(
                "header \"{}\" appears in columns {}; {} takes the first non-empty value",
                truncate(&headers[cols[0]]),
                list.join(", "),
                field.name()
            )
        });
    }
    for (col, header) in headers.iter().enumerate() {
        if header.is_empty() {
            warnings.push("unnamed column", header_line, col as u32 + 1, || {
                format!("column {} has no header (a trailing delimiter?); its values are ignored", col + 1)
            });
        }
    }
}

/// Reports byte progress every [`PROGRESS_STEP`], scaled from positions in
/// the decoded text to the file's byte size (they differ for UTF-16).
struct Meter<'p> {
    total: u64,
    text_len: u64,
    next: u64,
    progress: &'p mut dyn FnMut(u64, u64),
}

impl Meter<'_> {
    /// `pass` of `passes` is at text offset `at`.
    fn at(&mut self, pass: u64, passes: u64, at: u64) {
        let done = ((pass * self.text_len + at) as u128 * self.total as u128 / (passes * self.text_len) as u128) as u64;
        if done >= self.next {
            (self.progress)(done.min(self.total), self.total);
            self.next = done + PROGRESS_STEP;
        }
    }
}

/// Example values shown per column in the mapping step: enough to tell a
/// date from a name, short enough for a table cell.
const SAMPLES_PER_COLUMN: usize = 3;
const SAMPLE_CHARS: usize = 40;

fn add_sample(samples: &mut Vec<String>, cell: &str) {
    let value = values::clean(cell);
    if samples.len() >= SAMPLES_PER_COLUMN || values::is_sentinel(value) {
        return;
    }
    let mut sample: String = value.chars().take(SAMPLE_CHARS).collect();
    if sample.len() < value.len() {
        sample.push('…');
    }
    if !samples.contains(&sample) {
        samples.push(sample);
    }
}

/// Rows read before the file's total row count is estimated from its size.
const ROWS_BEFORE_ESTIMATE: u64 = 2048;

/// Runs the profile pass (if needed) and the build pass over `each`'s
/// records, filling `staged` and the report's counts.
#[allow(clippy::too_many_arguments)]
fn run(
    plan: &Plan,
    headers: &[String],
    each: impl Fn(&mut dyn FnMut(u32, u64, &StringRecord)),
    file_index: usize,
    limits: &Limits,
    staged: &mut Dataset,
    report: &mut FileReport,
    warnings: &mut Warnings,
    meter: &mut Meter,
) {
    report.kind = plan.kind;
    report.mapping = (0..headers.len())
        .filter_map(|c| plan.map.field_of(c).map(|f| (headers[c].clone(), f.name().to_string())))
        .collect();
    let Some(target) = plan.target else {
        let mut rows = 0u64;
        let mut samples: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
        each(&mut |_, at, record| {
            rows += 1;
            meter.at(0, 1, at);
            for (column, cell) in samples.iter_mut().zip(record.iter()) {
                add_sample(column, cell);
            }
        });
        report.rows = rows;
        report.skipped = rows;
        if rows == 0 {
            warnings.note(0, "the file has no data rows".into());
        }
        let mut suggestion = plan.suggestion.clone().unwrap_or_default();
        for (column, samples) in suggestion.columns.iter_mut().zip(samples) {
            column.samples = samples;
        }
        warnings.note(
            0,
            format!(
                "the headers match no known export or template, so its {rows} rows were not loaded; \
                 closest is {} — map the columns to load them",
                suggestion.kind.id()
            ),
        );
        report.suggestion = Some(suggestion);
        return;
    };

    // Column decisions (date order, number scale) need the whole column.
    // Most files need none (ISO or Jira dates, no numeric a/b/y, no scale
    // columns), so rows are built at once with the default decisions while
    // the evidence is gathered in the same pass; only when the evidence
    // decides otherwise is the file read again with the real decisions.
    // That halves the CSV parsing of nearly every large file.
    let width = headers.len();
    let mut profiler = Profiler::new(&plan.map);
    let assumed = Profile::assumed(width);
    let mark = warnings.mark();
    let observe = profiler.needed();
    let (mut rows, mut kept) = build_pass(
        target,
        plan,
        headers,
        &each,
        file_index,
        limits,
        &assumed,
        observe.then_some(&mut profiler),
        staged,
        warnings,
        meter,
    );
    let (profile, notes): (Profile, _) = profiler.finish(width, headers);
    if profile != assumed {
        warnings.rewind(&mark);
        *staged = Dataset::default();
        (rows, kept) =
            build_pass(target, plan, headers, &each, file_index, limits, &profile, None, staged, warnings, meter);
    }
    warnings.notes_at(&mark, notes.into_iter().map(|(col, note)| (col as u32 + 1, note)));
    report.rows = rows;
    report.kept = kept;
    report.skipped = rows - kept;
    if rows == 0 {
        warnings.note(0, "the file has a header row but no data rows".into());
    }
}

/// One pass over `each`'s records building rows of `target` with `profile`,
/// observing them into `profiler` on the way when given. Returns the rows
/// seen and the rows kept.
#[allow(clippy::too_many_arguments)]
fn build_pass(
    target: Target,
    plan: &Plan,
    headers: &[String],
    each: &impl Fn(&mut dyn FnMut(u32, u64, &StringRecord)),
    file_index: usize,
    limits: &Limits,
    profile: &Profile,
    mut profiler: Option<&mut Profiler>,
    staged: &mut Dataset,
    warnings: &mut Warnings,
    meter: &mut Meter,
) -> (u64, u64) {
    let width = headers.len();
    let (mut rows, mut kept) = (0u64, 0u64);
    each(&mut |line, at, record| {
        rows += 1;
        meter.at(0, 1, at);
        if rows > limits.rows {
            warnings.push("row limit", line, 0, || {
                format!("this row is past the limit of {} rows per file; skipped, like every row after it", limits.rows)
            });
            return;
        }
        if rows == ROWS_BEFORE_ESTIMATE && at > 0 {
            // A vector that doubles past a million rows briefly holds both
            // copies, and in wasm that high-water mark is never returned:
            // size it once from the bytes per row seen so far, within what
            // the bytes of the file can hold.
            let estimate = (meter.text_len as u128 * rows as u128 / at as u128).min(usize::MAX as u128) as usize;
            let input = meter.text_len as usize;
            build::reserve(target, staged, |row_size| limits.reservable_rows(estimate + estimate / 16, input, row_size));
        }
        let cut;
        let record = match cut_cells(record, line, limits, warnings) {
            Some(shorter) => {
                cut = shorter;
                &cut
            }
            None => record,
        };
        if let Some(profiler) = profiler.as_deref_mut() {
            profiler.observe(record);
        }
        if record.len() > width && record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            warnings.push("too many fields", line, width as u32 + 1, || {
                format!("row has {} fields but the header has {width}; the extra values are ignored", record.len())
            });
        } else if !record.is_empty() && record.len() < width {
            warnings.push("too few fields", line, record.len() as u32 + 1, || {
                format!("row has {} fields but the header has {width}; the missing ones are empty", record.len())
            });
        }
        if record.iter().all(|c| values::is_sentinel(values::clean(c))) {
            if !record.is_empty() {
                warnings.push("empty row", line, 0, || "row has no values; skipped".into());
            }
            return;
        }
        let mut row = Row { record, line, map: &plan.map, profile, headers, warnings: &mut *warnings };
        let source = RowRef { file: file_index as u32, line };
        match build::build(target, &mut row, source, staged) {
            Ok(()) => kept += 1,
            Err(skip) => warnings.push("row skipped", line, skip.column, || skip.message),
        }
    });
    (rows, kept)
}

/// `record` with every cell longer than the limit cut to it, each cut
/// reported; `None` (and no copy) when every cell fits.
fn cut_cells(record: &StringRecord, line: u32, limits: &Limits, warnings: &mut Warnings) -> Option<StringRecord> {
    // The whole record's text bounds every cell: one comparison per row.
    if record.as_slice().len() <= limits.cell_bytes || record.iter().all(|c| c.len() <= limits.cell_bytes) {
        return None;
    }
    let mut shorter = StringRecord::with_capacity(limits.cell_bytes, record.len());
    for (col, cell) in record.iter().enumerate() {
        if cell.len() > limits.cell_bytes {
            warnings.push("cell limit", line, col as u32 + 1, || {
                format!(
                    "the cell is {} bytes long, over the limit of {} bytes per cell; only its start is read",
                    cell.len(),
                    limits.cell_bytes
                )
            });
        }
        shorter.push_field(limits::prefix(cell, limits.cell_bytes));
    }
    Some(shorter)
}

/// The `reviews` arrays of a `gh pr list` file, as review rows citing the
/// line of their pull request.
fn add_gh_reviews(table: &json::JsonTable, file_index: usize, staged: &mut Dataset, warnings: &mut Warnings) {
    let numbers: std::collections::HashMap<u32, String> =
        staged.pull_requests.iter().map(|pr| (pr.source.line, pr.number.clone())).collect();
    let mut count = 0;
    for row in &table.rows {
        let Some(pr) = numbers.get(&row.line) else { continue };
        for review in &row.reviews {
            let submitted = match dates::read(&review.submitted_at, dates::Order::MonthFirst) {
                Ok(submitted) => submitted,
                Err(_) if review.submitted_at.is_empty() => None,
                Err(problem) => {
                    warnings.push(problem.kind(), row.line, 0, || {
                        let quoted = format!("\"{}\"", truncate(&review.submitted_at));
                        format!("review by {}: {}; left empty", truncate(&review.reviewer), problem.describe(&quoted))
                    });
                    None
                }
            };
            staged.reviews.push(Review {
                source: RowRef { file: file_index as u32, line: row.line },
                pr: pr.clone(),
                reviewer: review.reviewer.clone(),
                state: review.state.clone(),
                submitted,
            });
            count += 1;
        }
    }
    if count > 0 {
        warnings.note(0, format!("{count} reviews read from the pull requests' reviews arrays"));
    }
}

/// CSV records of a decoded file. The reader is built per pass; records are
/// read into one reused `StringRecord`.
struct CsvSource<'t> {
    text: &'t str,
    delimiter: u8,
    /// Line number of the first line of `text` (2 after a `sep=` line).
    first_line: u32,
    /// Quoted fields that hold line ends and look wrong, found by the
    /// latest pass of [`CsvSource::each`].
    quotes: RefCell<Vec<QuotedSpan>>,
}

impl<'t> CsvSource<'t> {
    fn reader(&self) -> csv::Reader<&'t [u8]> {
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes())
    }

    fn header(&self) -> Option<(u32, StringRecord)> {
        let mut reader = self.reader();
        let mut record = StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {
                let at = record_start(self.text.as_bytes(), record.position());
                Some((lines::line_ends(&self.text.as_bytes()[..at]) + self.first_line, record))
            }
            _ => None,
        }
    }

    /// Calls `f(line, byte offset, record)` for every record after the header.
    fn each(&self, f: &mut dyn FnMut(u32, u64, &StringRecord)) {
        let mut reader = self.reader();
        let mut record = StringRecord::new();
        // csv's own line counter miscounts CRLF, lone CR and blank lines, so
        // lines are counted here from the record's byte offset, which is exact.
        let bytes = self.text.as_bytes();
        let (mut counted_to, mut line) = (0usize, self.first_line);
        // Line, start and end of the previous record, and the header's width.
        let mut previous: Option<(u32, usize, usize)> = None;
        let mut width = None;
        let mut quotes = Vec::new();
        let mut check = |(line, at, end): (u32, usize, usize), width: usize| {
            find_quoted_spans(&bytes[at..end], self.delimiter, width, line, &mut quotes);
        };
        // The text is valid UTF-8 and the reader is flexible, so it cannot
        // fail; stopping on an error is only a safety net.
        while let Ok(true) = reader.read_record(&mut record) {
            let at = record_start(bytes, record.position());
            let ends = lines::line_ends(&bytes[counted_to..at]);
            // More than one line end since the previous record started: it
            // held line ends of its own (or blank lines followed it).
            if let Some(previous) = previous.filter(|_| ends > 1) {
                check(previous, width.unwrap_or(0));
            }
            line += ends;
            counted_to = at;
            let end = (reader.position().byte() as usize).clamp(at, bytes.len());
            previous = Some((line, at, end));
            if width.is_none() {
                width = Some(record.len());
                continue;
            }
            f(line, at as u64, &record);
        }
        if let Some(last) = previous {
            check(last, width.unwrap_or(0));
        }
        *self.quotes.borrow_mut() = quotes;
    }

    /// Warnings for the quoted fields [`CsvSource::each`] found suspicious.
    fn report_quotes(&self, warnings: &mut Warnings) {
        for span in self.quotes.borrow().iter() {
            let last = span.line + span.breaks;
            if span.closed {
                warnings.push("quoted field spans rows", span.line, span.column, || {
                    format!(
                        "a quoted field opens here and runs over {} line breaks to line {last}, and lines inside \
                         it look like rows of their own, so rows may have been merged; check for a stray quote \
                         (\") on this line",
                        span.breaks
                    )
                });
            } else {
                warnings.push("unclosed quote", span.line, span.column, || {
                    format!(
                        "a quoted field opens here and is never closed, so the rest of the file (to line {last}) \
                         was read into it; check the quotes on this line"
                    )
                });
            }
        }
    }
}

/// A quoted field worth a warning: never closed, or spanning lines that
/// look like rows.
struct QuotedSpan {
    /// Line and column of the opening quote.
    line: u32,
    column: u32,
    /// Line ends inside the field.
    breaks: u32,
    closed: bool,
}

/// Scans one record's raw text (starting on line `line`) for quoted fields
/// that are never closed, or that hold a line end and a line with as many
/// delimiters as a whole row (`width` fields) has, some of them inside the
/// quotes: what a stray quote does when a later one balances it. Multi-line
/// text in a field rarely has a row's worth of delimiters on one line; a
/// wide export's never does.
fn find_quoted_spans(raw: &[u8], delimiter: u8, width: usize, line: u32, out: &mut Vec<QuotedSpan>) {
    let (mut line, mut line_start) = (line, 0);
    let mut delimiters_on_line = 0;
    let mut field_start = true;
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if !(field_start && b == b'"') {
            if lines::is_line_end(b) {
                return; // the record's terminator
            }
            field_start = b == delimiter;
            delimiters_on_line += usize::from(field_start);
            i += 1;
            continue;
        }
        let column = raw[line_start..i].iter().filter(|&&c| c & 0xC0 != 0x80).count() as u32 + 1;
        let mut span = QuotedSpan { line, column, breaks: 0, closed: false };
        let mut row_like = false;
        let mut quoted_delimiters = 0;
        i += 1;
        while let Some(&c) = raw.get(i) {
            match c {
                b'"' if raw.get(i + 1) == Some(&b'"') => i += 2,
                b'"' => {
                    span.closed = true;
                    i += 1;
                    break;
                }
                _ if lines::is_line_end(c) => {
                    row_like |= quoted_delimiters > 0 && delimiters_on_line + 1 >= width;
                    i += if raw[i..].starts_with(b"\r\n") { 2 } else { 1 };
                    (span.breaks, line, line_start) = (span.breaks + 1, line + 1, i);
                    (delimiters_on_line, quoted_delimiters) = (0, 0);
                }
                _ => {
                    delimiters_on_line += usize::from(c == delimiter);
                    quoted_delimiters += usize::from(c == delimiter);
                    i += 1;
                }
            }
        }
        if !span.closed || (span.breaks > 0 && row_like) {
            out.push(span);
        }
        field_start = false;
    }
}

/// Where a record really starts. After a CRLF, csv reports the offset of
/// the `\n` (it ended the record at the `\r`); records never start with a
/// line terminator because blank lines are skipped, so stepping over them
/// is exact.
fn record_start(bytes: &[u8], position: Option<&csv::Position>) -> usize {
    let mut at = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}

/// Moves the staged rows into the dataset. Only reached when the file was
/// read, so a refused file never leaves half its rows behind.
/// Reads a file again in place of the report at `index` (e.g. an unknown
/// file once the user has mapped its columns), so every other file keeps its
/// index and every row keeps its citation. Refused → the dataset is untouched.
pub fn reingest_file(
    dataset: &mut Dataset,
    index: usize,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), IngestError> {
    assert!(index < dataset.files.len(), "reingest_file: no file at index {index}");
    // Earlier reports sit in front so the staged rows cite `index`.
    let mut staged = Dataset { files: dataset.files[..index].to_vec(), ..Dataset::default() };
    ingest_file(&mut staged, path, bytes, options, progress)?;
    let report = staged.files.pop().expect("ingest_file added a report");
    staged.files.clear();
    dataset.files[index] = report;
    append_rows(dataset, staged);
    Ok(())
}

fn append(dataset: &mut Dataset, staged: Dataset, report: FileReport) {
    dataset.files.push(report);
    append_rows(dataset, staged);
}

fn append_rows(dataset: &mut Dataset, mut staged: Dataset) {
    move_all(&mut dataset.teams, &mut staged.teams);
    move_all(&mut dataset.people, &mut staged.people);
    move_all(&mut dataset.roles, &mut staged.roles);
    move_all(&mut dataset.pull_requests, &mut staged.pull_requests);
    move_all(&mut dataset.reviews, &mut staged.reviews);
    move_all(&mut dataset.work_items, &mut staged.work_items);
    move_all(&mut dataset.stakeholders, &mut staged.stakeholders);
    move_all(&mut dataset.updates, &mut staged.updates);
    move_all(&mut dataset.decisions, &mut staged.decisions);
    move_all(&mut dataset.key_results, &mut staged.key_results);
    move_all(&mut dataset.postmortem_actions, &mut staged.postmortem_actions);
    move_all(&mut dataset.design_docs, &mut staged.design_docs);
    move_all(&mut dataset.interventions, &mut staged.interventions);
}

/// `into.append(from)`, but the first file of a kind hands over its
/// vector instead of copying a million rows into an empty one, without the
/// spare capacity the size estimate may have left. Later files of the kind
/// append with the usual doubling: exact growth would copy everything
/// loaded so far once per file.
fn move_all<T>(into: &mut Vec<T>, from: &mut Vec<T>) {
    if into.is_empty() {
        std::mem::swap(into, from);
        into.shrink_to_fit();
    } else {
        into.append(from);
    }
}
