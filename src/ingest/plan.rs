//! The header row → what the file will be read as.
//!
//! A user's saved mapping for these headers wins; then a JSON file's shape
//! (see `json::Shape`); otherwise the format tables decide (see `detect`).
//! Headers nobody recognises are loaded with a guessed mapping when the
//! guess is confident (see `mapping::confident_mapping`) and otherwise get
//! a suggestion for the user to confirm. The header row is also where the
//! whole-file limits on size and width are checked, before any row is read.

use super::build::Target;
use super::detect::{self, ColumnMap};
use super::formats::Format;
use super::headers::{self, header_signature};
use super::fields::Field;
use super::json::Shape;
use super::kinds::{self, KindSpec};
use super::limits::Limits;
use super::mapping::{confident_mapping, suggest_mapping};
use super::warnings::{truncate, Warnings};
use super::{IngestOptions, UserMapping};
use crate::dataset::{FileKind, MappingSuggestion};

/// The whole-file limits on a header row: its size and its width, as
/// `(column to point at, message)`.
pub fn check_header(headers: &[String], limits: &Limits) -> Result<(), (u32, String)> {
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
pub struct Plan {
    pub kind: FileKind,
    pub target: Option<Target>,
    pub map: ColumnMap,
    pub suggestion: Option<MappingSuggestion>,
}

impl Plan {
    /// The plan for a header row; `shape` is what a JSON file's structure
    /// says it holds, which decides its kind over its key names. A shape
    /// whose kind needs a field the file lacks is refused as
    /// `(line, column, message)`, or loaded with a warning where the kind
    /// can do without.
    pub fn new(
        headers: &[String],
        options: &IngestOptions,
        warnings: &mut Warnings,
        header_line: u32,
        shape: Option<&Shape>,
    ) -> Result<Plan, (u32, u32, String)> {
        let signature = header_signature(headers);
        if let Some(user) = options.mappings.iter().find(|m| m.signature == signature) {
            if let Some(target) = kinds::spec(user.kind).map(|spec| spec.target) {
                let (map, rejected) = ColumnMap::from_pairs(target, headers, &user.columns);
                for pair in rejected {
                    warnings.note(0, format!("the saved mapping \"{pair}\" does not fit this file; ignored"));
                }
                warnings.note(0, format!("read as {} using the column mapping you chose", user.kind.id()));
                return Ok(Plan { kind: user.kind, target: Some(target), map, suggestion: None });
            }
        }
        let normalized: Vec<String> = headers.iter().map(|h| headers::normalize(h)).collect();
        if let Some((shape, spec)) = shape.and_then(|shape| Some((shape, kinds::spec(shape.kind)?))) {
            let map = ColumnMap::from_format(spec.format, &normalized);
            check_shape(spec, shape, &map, warnings)?;
            note_format(spec.format, &map, headers, &normalized, warnings, header_line);
            return Ok(Plan { kind: spec.kind, target: Some(spec.target), map, suggestion: None });
        }
        if let Some((spec, map)) = detect::detect(&normalized) {
            note_format(spec.format, &map, headers, &normalized, warnings, header_line);
            return Ok(Plan { kind: spec.kind, target: Some(spec.target), map, suggestion: None });
        }
        if let Some(guess) = confident_mapping(headers) {
            if let Some(spec) = kinds::spec(guess.kind) {
                let pairs = UserMapping::from_suggestion(&guess).columns;
                let (map, _) = ColumnMap::from_pairs(spec.target, headers, &pairs);
                let list: Vec<String> = pairs.iter().map(|(header, field)| format!("{} → {field}", truncate(header))).collect();
                warnings.note(
                    0,
                    format!(
                        "loaded with a guessed mapping, as {}: {}; if a column is wrong, change the mapping",
                        spec.kind.id(),
                        list.join(", ")
                    ),
                );
                return Ok(Plan { kind: spec.kind, target: Some(spec.target), map, suggestion: Some(guess) });
            }
        }
        Ok(Plan { kind: FileKind::Unknown, target: None, map: ColumnMap::default(), suggestion: Some(suggest_mapping(headers)) })
    }
}

/// Required fields a shape's kind can load without, and what is lost.
const SHAPE_CAN_LACK: &[(FileKind, Field, &str)] = &[(
    FileKind::GithubPrs,
    Field::CreatedAt,
    "no `createdAt` (or `created_at`), so PR ages and review delays cannot be measured; \
     add createdAt to `gh pr list --json` to have them",
)];

/// What a shape's objects must carry for a required field, in its words.
const SHAPE_NEEDS: &[(FileKind, Field, &str)] = &[
    (
        FileKind::Reviews,
        Field::Pr,
        "nothing says which pull request they review: no `pull_request_url` (REST), no `pr`, and no \
         top-level `number` (use `gh pr view N --json number,reviews`)",
    ),
    (FileKind::Reviews, Field::Reviewer, "no reviewer: no `user.login` (REST) or `author.login` (gh)"),
];

/// A shape's kind needs its required fields: a missing one the kind can
/// lack is warned about where the objects start, any other refuses the file there.
fn check_shape(spec: &KindSpec, shape: &Shape, map: &ColumnMap, warnings: &mut Warnings) -> Result<(), (u32, u32, String)> {
    let (line, column) = shape.at;
    let missing = spec.format.columns.iter().filter(|c| c.required && !map.has(c.field)).map(|c| c.field);
    let mut refusals = Vec::new();
    for field in missing {
        let explained = |table: &[(FileKind, Field, &'static str)]| {
            table.iter().find(|(kind, f, _)| *kind == spec.kind && *f == field).map(|(_, _, text)| *text)
        };
        match explained(SHAPE_CAN_LACK) {
            Some(loss) => warnings.push("missing field", line, column, || format!("these are {}, with {loss}", shape.what)),
            None => refusals.push(explained(SHAPE_NEEDS).map_or_else(|| format!("no `{}`", field.name()), str::to_string)),
        }
    }
    if refusals.is_empty() {
        return Ok(());
    }
    Err((
        line,
        column,
        format!("these are {}, but {}; {} cannot be loaded without it", shape.what, refusals.join("; and "), spec.kind.id()),
    ))
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

