//! The formats ingest recognises, each one a table and nothing else.
//!
//! A [`Format`] says which header spellings feed which [`Field`]; the
//! [`Target`](super::fields::Target) of its kind decides what a row becomes.
//! Adding a tool means adding a table here, never a parser. Names are
//! written the way the tool spells them and normalized when compared, and
//! within a column earlier names win when a file has several of them.

mod azure;
mod github;
mod gitlab;
mod jira;
mod linear;
pub mod templates;

use super::fields::Field;
use crate::dataset::FileKind;

pub struct Column {
    pub field: Field,
    /// Without it the table does not describe the file at all.
    pub required: bool,
    pub names: &'static [&'static str],
}

pub struct Format {
    pub kind: FileKind,
    pub columns: &'static [Column],
    /// Said once per file when the field has no column, so that a value
    /// the export never had is not mistaken for a value that is missing.
    pub absent: &'static [(Field, &'static str)],
}

pub const fn req(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, required: true, names }
}

pub const fn opt(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, required: false, names }
}

/// Every table, most specific first: on an equal score the earlier wins.
pub static FORMATS: &[&Format] = &[
    &jira::JIRA,
    &azure::AZURE_DEVOPS,
    &gitlab::GITLAB_MRS,
    &gitlab::GITLAB_ISSUES,
    &linear::LINEAR,
    &github::GITHUB_PRS,
    &templates::REVIEWS,
    &templates::ROLES,
    &templates::ROSTER,
    &templates::TEAMS,
    &templates::STAKEHOLDERS,
    &templates::UPDATES,
    &templates::DECISIONS,
    &templates::OKRS,
    &templates::POSTMORTEMS,
    &templates::DESIGN_DOCS,
    &templates::INTERVENTIONS,
];

pub fn format_for(kind: FileKind) -> Option<&'static Format> {
    FORMATS.iter().copied().find(|f| f.kind == kind)
}

pub use github::{gh_reviews, GhReview};

#[cfg(test)]
mod tests {
    use super::super::fields::Target;
    use super::super::headers::normalize;
    use super::*;

    #[test]
    fn tables_only_name_fields_their_target_reads() {
        for format in FORMATS {
            let fields = Target::of(format.kind).unwrap().fields();
            for column in format.columns {
                assert!(fields.contains(&column.field), "{:?} {:?}", format.kind, column.field);
            }
        }
    }

    #[test]
    fn no_spelling_feeds_two_fields_of_one_table() {
        for format in FORMATS {
            let mut seen = std::collections::HashMap::new();
            for column in format.columns {
                for name in column.names {
                    let other = seen.insert(normalize(name), column.field);
                    if let Some(other) = other.filter(|&o| o != column.field) {
                        panic!("{:?}: {name:?} feeds {other:?} and {:?}", format.kind, column.field);
                    }
                }
            }
        }
    }

    #[test]
    fn every_kind_but_unknown_has_a_table() {
        for kind in super::super::mapping::KINDS {
            assert!(format_for(*kind).is_some(), "{kind:?}");
        }
    }
}
