//! The header row → what the file will be read as.
//!
//! A user's saved mapping for these headers wins; otherwise the format
//! tables decide (see `detect`), and headers nobody recognises get a
//! suggestion instead of a guess. The header row is also where the
//! whole-file limits on size and width are checked, before any row is read.

use super::build::Target;
use super::detect::{self, ColumnMap};
use super::formats::Format;
use super::headers::{self, header_signature};
use super::kinds;
use super::limits::Limits;
use super::mapping::suggest_mapping;
use super::warnings::{truncate, Warnings};
use super::IngestOptions;
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
    pub fn new(headers: &[String], options: &IngestOptions, warnings: &mut Warnings, header_line: u32) -> Plan {
        let signature = header_signature(headers);
        if let Some(user) = options.mappings.iter().find(|m| m.signature == signature) {
            if let Some(target) = kinds::spec(user.kind).map(|spec| spec.target) {
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
            Some((spec, map)) => {
                note_format(spec.format, &map, headers, &normalized, warnings, header_line);
                Plan { kind: spec.kind, target: Some(spec.target), map, suggestion: None }
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

