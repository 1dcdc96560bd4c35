//! Headers nobody recognised → a proposed mapping the user can confirm.
//!
//! Exact matching (see `detect`) refuses to guess; this module guesses on
//! purpose, for the UI's column-mapping step. Every header is compared with
//! every field name and synonym of every format with Jaro–Winkler (kind to
//! prefixes: `Created Date` vs `created`) and normalized Levenshtein (kind
//! to typos), plus a bonus when all words of a synonym appear in the header
//! (`PR author login` ⊇ `author`). Each field gets at most one header,
//! best pairs first; the kind whose required fields are covered best wins.

use strsim::{jaro_winkler, normalized_levenshtein};

use super::fields::{Field, Shape};
use super::formats::{format_for, Format};
use super::headers::{header_signature, normalize};
use crate::dataset::{ColumnSuggestion, FileKind, MappingSuggestion};

/// Every kind a file can be mapped to, in the order the UI lists them.
pub const KINDS: &[FileKind] = &[
    FileKind::Teams,
    FileKind::Roster,
    FileKind::Roles,
    FileKind::GithubPrs,
    FileKind::Reviews,
    FileKind::Stakeholders,
    FileKind::Updates,
    FileKind::Decisions,
    FileKind::Okrs,
    FileKind::Postmortems,
    FileKind::DesignDocs,
    FileKind::Interventions,
    FileKind::Jira,
    FileKind::Linear,
    FileKind::GitlabIssues,
    FileKind::GitlabMrs,
    FileKind::AzureDevops,
];

/// Below this a header is left unmapped rather than mapped to nonsense.
const THRESHOLD: f64 = 0.78;

/// The best mapping of `headers` to some kind's fields.
pub fn suggest_mapping(headers: &[String]) -> MappingSuggestion {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut best = MappingSuggestion {
        signature: header_signature(headers),
        kind: FileKind::Unknown,
        score: 0.0,
        columns: headers.iter().map(|h| ColumnSuggestion { header: h.clone(), ..ColumnSuggestion::default() }).collect(),
    };
    for &kind in KINDS {
        let Some(format) = format_for(kind) else { continue };
        let (score, columns) = suggest_for(format, headers, &normalized);
        if score > best.score {
            best.kind = kind;
            best.score = score;
            best.columns = columns;
        }
    }
    best
}

fn suggest_for(format: &Format, headers: &[String], normalized: &[String]) -> (f64, Vec<ColumnSuggestion>) {
    let spellings: Vec<(Field, Vec<String>)> = format
        .columns
        .iter()
        .map(|c| (c.field, std::iter::once(c.field.name()).chain(c.names.iter().copied()).map(normalize).collect()))
        .collect();
    let mut pairs: Vec<(f64, usize, Field)> = Vec::new();
    for (col, header) in normalized.iter().enumerate() {
        // A cell pasted as a header is not a column name worth comparing.
        if header.is_empty() || header.len() > 80 {
            continue;
        }
        for (field, names) in &spellings {
            let sim = names.iter().map(|n| similarity(header, n)).fold(0.0, f64::max);
            if sim >= THRESHOLD {
                pairs.push((sim, col, *field));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut columns: Vec<ColumnSuggestion> =
        headers.iter().map(|h| ColumnSuggestion { header: h.clone(), ..ColumnSuggestion::default() }).collect();
    let mut taken: Vec<Field> = Vec::new();
    for (sim, col, field) in pairs {
        let repeatable = field.shape() == Shape::List;
        if columns[col].field.is_some() || (!repeatable && taken.contains(&field)) {
            continue;
        }
        taken.push(field);
        columns[col].field = Some(field.name().to_string());
        columns[col].score = sim;
    }
    // Required fields decide whether the file *is* this kind; the rest only
    // break ties between kinds that fit equally well.
    let required: Vec<Field> = format.columns.iter().filter(|c| c.required).map(|c| c.field).collect();
    let best_of = |f: Field| {
        columns.iter().filter(|c| c.field.as_deref() == Some(f.name())).map(|c| c.score).fold(0.0, f64::max)
    };
    let required_score = required.iter().map(|&f| best_of(f)).sum::<f64>() / required.len().max(1) as f64;
    let coverage = columns.iter().filter(|c| c.field.is_some()).count() as f64 / headers.len().max(1) as f64;
    (required_score * 0.9 + coverage * 0.1, columns)
}

fn similarity(header: &str, name: &str) -> f64 {
    if header == name {
        return 1.0;
    }
    let words: Vec<&str> = header.split(' ').collect();
    let contained = name.split(' ').all(|w| words.contains(&w));
    let fuzzy = jaro_winkler(header, name).max(normalized_levenshtein(header, name));
    if contained {
        fuzzy.max(0.9)
    } else {
        fuzzy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn near_miss_headers_suggest_the_right_kind() {
        let s = suggest_mapping(&strings(&["Full Name", "Squad Name", "Job Role"]));
        assert_eq!(s.kind, FileKind::Roster, "{s:?}");
        let fields: Vec<_> = s.columns.iter().map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, [Some("person"), Some("team"), Some("role")]);

        let s = suggest_mapping(&strings(&["PR Num", "Reviewr", "Review State", "Submited"]));
        assert_eq!(s.kind, FileKind::Reviews, "{s:?}");
        assert_eq!(s.columns[1].field.as_deref(), Some("reviewer"));
    }

    #[test]
    fn nonsense_stays_unmapped() {
        let s = suggest_mapping(&strings(&["qqq", "zzz"]));
        assert!(s.columns.iter().all(|c| c.field.is_none()), "{s:?}");
        assert_eq!(s.signature, header_signature(&strings(&["qqq", "zzz"])));
    }
}
