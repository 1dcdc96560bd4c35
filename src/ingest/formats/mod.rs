//! The formats ingest recognises, each one a table and nothing else.
//!
//! A [`Format`] says which header spellings feed which [`Field`]; the
//! kinds table ([`super::kinds::KINDS`]) says which kind it recognises and
//! what that kind's rows become. Adding a tool means adding a table here
//! and a line there, never a parser. Names are written the way the tool
//! spells them and normalized when compared, and within a column earlier
//! names win when a file has several of them.

pub mod azure;
pub mod github;
pub mod gitlab;
pub mod jira;
pub mod linear;
pub mod templates;

use super::fields::Field;

pub struct Column {
    pub field: Field,
    /// Without it the table does not describe the file at all.
    pub required: bool,
    pub names: &'static [&'static str],
    /// The field this column feeds instead when the file has no column
    /// for that one: teams.csv's `group` is the team itself in a file
    /// that names no other team column, and the team's group beside one.
    pub stands_in_for: Option<Field>,
}

impl Column {
    /// This column feeds `field` when no other column does.
    pub const fn stands_in_for(self, field: Field) -> Column {
        Column { stands_in_for: Some(field), ..self }
    }
}

pub struct Format {
    pub columns: &'static [Column],
    /// Said once per file when the field has no column, so that a value
    /// the export never had is not mistaken for a value that is missing.
    pub absent: &'static [(Field, &'static str)],
    /// teamdiff's own template for the kind, for a user to fill in when no
    /// tool exports it. Its header uses the first spelling of each column,
    /// so a downloaded template always maps exactly.
    pub template: Option<Template>,
}

/// A file to download: a header row and one example row.
pub struct Template {
    /// The name the docs, the download and the demo give the file.
    pub file: &'static str,
    pub csv: &'static str,
}

pub const fn req(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, required: true, names, stands_in_for: None }
}

pub const fn opt(field: Field, names: &'static [&'static str]) -> Column {
    Column { field, required: false, names, stands_in_for: None }
}

pub use github::{gh_reviews, GhReview};
