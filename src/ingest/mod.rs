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
//! This module holds the entry points and the straight line itself; the
//! steps live in their own modules: `csv_source` (records with exact line
//! numbers), `plan` (header row → kind and column map), `passes` (the
//! profile and build passes over the records), `build` (one builder per row
//! type) and `staging` (rows join the dataset only once the file loaded).
//!
//! Every file kind is one row of [`KINDS`] (`kinds`): its id, its format
//! and the row type it fills. Formats are data ([`formats`]): a table of
//! field → header synonyms per tool or template. There is exactly one
//! mapper and one builder per row type, so a quirk handled once is handled
//! for every format.
//!
//! Whole-file refusals (empty, binary, not CSV/JSON, broken JSON, a header
//! beyond the [`Limits`]) are [`IngestError`]s and leave the dataset
//! untouched. Everything smaller is a [`Warning`] with line, column and what
//! was done, and each file's report satisfies `rows == kept + skipped`.

mod build;
mod csv_source;
mod dates;
mod decode;
mod detect;
mod fields;
mod formats;
mod head;
mod headers;
mod json;
mod kinds;
mod limits;
mod lines;
mod mapping;
mod passes;
mod plan;
mod profile;
mod row;
mod sniff;
pub mod staging;
pub mod stream;
mod values;
mod warnings;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, FileKind, FileReport};
use csv_source::{CsvSource, Record};
use passes::{run, Meter};
use plan::{check_header, Plan};
use sniff::Syntax;
use warnings::Warnings;

pub use crate::dataset::{ColumnSuggestion, MappingSuggestion};
pub use formats::Template;
pub use head::{head_of, kind_of_head, HEAD_BYTES};
pub use headers::header_signature;
pub use kinds::{target_fields, template, template_csv, KindSpec, KINDS};
pub use limits::Limits;
pub use mapping::suggest_mapping;
pub use passes::{Progress, RowSink};
pub use staging::reingest_file;

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

impl IngestError {
    /// A refusal of the whole file, at no line: the browser could not read
    /// it, or its worker stopped.
    pub fn whole_file(path: impl Into<String>, message: impl Into<String>) -> IngestError {
        IngestError { path: path.into(), line: 0, column: 0, message: message.into() }
    }
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

/// The `format` of a saved review (`teamdiff-review-YYYY-MM-DD.json`,
/// read by `crate::review`). Defined here, the earlier of the two stages
/// that need it, because a drop is sorted into exports and reviews here.
pub const REVIEW_FORMAT: &str = "teamdiff-review";

/// A dropped file is a saved review rather than an export: a JSON object
/// whose top-level `format` is [`REVIEW_FORMAT`]. Decided on the bytes
/// alone (a review is UTF-8), so a cut-off review is still sent to the
/// review reader, which says where it ends; and no export is a review,
/// since no tool writes that key at the top of an object.
pub fn is_review_file(bytes: &[u8]) -> bool {
    json::top_level_string(bytes, "format").is_some_and(|format| format == REVIEW_FORMAT)
}

/// Whether files of `kind` come by the hundred thousand rows (work items,
/// pull requests, reviews): those a parser worker streams.
pub fn comes_in_bulk(kind: FileKind) -> bool {
    KINDS.iter().any(|spec| spec.kind == kind && spec.target.in_bulk())
}

/// A CSV text's header row planned: the plan, the trimmed headers and
/// where the header row ends in the text.
type PlannedCsv = (Plan, Vec<String>, usize);

/// A CSV text's header row read and planned ([`PlannedCsv`]); or why the
/// file is refused, as `(line, column, message)`. Sets the report's
/// signature.
fn plan_csv(
    source: &CsvSource,
    options: &IngestOptions,
    warnings: &mut Warnings,
    report: &mut FileReport,
) -> Result<PlannedCsv, (u32, u32, String)> {
    let Some((header_line, header, header_end)) = source.header() else {
        return Err((0, 0, "the file has no header row".into()));
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    check_header(&headers, &options.limits).map_err(|(c, m)| (header_line, c, m))?;
    if headers.iter().all(|h| h.is_empty()) {
        return Err((header_line, 1, "the header row is empty".into()));
    }
    let plan = Plan::new(&headers, options, warnings, header_line, None)?;
    report.signature = header_signature(&headers);
    Ok((plan, headers, header_end))
}

/// Reads one file into `dataset` and returns the index of its `FileReport`.
/// `progress(done, total)` is called with byte offsets as parsing advances.
pub fn ingest_file(
    dataset: &mut Dataset,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<usize, IngestError> {
    let refuse = |line: u32, column: u32, message: String| IngestError { path: path.to_string(), line, column, message };
    let limits = &options.limits;
    let total = bytes.len() as u64;
    progress.reached(0, total);
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
    let mut meter = Meter::new(total, text.len(), progress);

    match sniff::sniff(text).map_err(|m| refuse(0, 0, m))? {
        Syntax::Csv { delimiter, skip } => {
            let source = CsvSource::new(&text[skip..], delimiter, 1 + u32::from(skip > 0));
            let (plan, headers, _) = plan_csv(&source, options, &mut warnings, &mut report).map_err(|(l, c, m)| refuse(l, c, m))?;
            let each = |f: &mut dyn FnMut(u32, u64, Record)| source.each(f);
            run(&plan, &headers, each, file_index, limits, &mut staged, &mut report, &mut warnings, &mut meter, None);
            source.report_quotes(&mut warnings);
        }
        Syntax::Json => {
            let table = json::read(text, &mut warnings).map_err(|(l, c, m)| refuse(l, c, m))?;
            check_header(&table.headers, limits).map_err(|(c, m)| refuse(1, c, m))?;
            let plan = Plan::new(&table.headers, options, &mut warnings, 1, table.shape.as_ref())
                .map_err(|(l, c, m)| refuse(l, c, m))?;
            report.signature = header_signature(&table.headers);
            let each = |f: &mut dyn FnMut(u32, u64, Record)| {
                table.each_record(&mut |line, record| f(line, 0, Record::json(record)))
            };
            for row in table.rows.iter().filter(|r| !r.is_object()) {
                warnings.push("not an object", row.line, 1, || "array element is not an object; skipped".into());
            }
            // Non-objects arrive in `run` as records without fields: counted, not kept.
            run(&plan, &table.headers, each, file_index, limits, &mut staged, &mut report, &mut warnings, &mut meter, None);
            if report.kind == FileKind::GithubPrs {
                build::add_gh_reviews(&table, file_index, &mut staged, &mut warnings);
            }
        }
    }
    debug_assert_eq!(report.rows, report.kept + report.skipped);
    report.warnings = warnings.finish();
    meter.finish();
    staging::append(dataset, staged, report);
    Ok(file_index)
}

