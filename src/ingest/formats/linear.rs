//! Linear's CSV export, the short and the 30-column variant.
//!
//! Linear writes ISO 8601 timestamps and guards cells starting with
//! `+ - = @` against spreadsheet formulas by prefixing `'`; the value
//! reader strips that prefix for every format, so nothing here deals with
//! it. A cancelled issue counts as resolved when it has no completion time.

use super::super::fields::Field::*;
use super::{opt, req, Format};

pub static LINEAR: Format = Format {
    columns: &[
        req(Key, &["ID", "Identifier"]),
        req(Team, &["Team"]),
        req(Title, &["Title"]),
        opt(Status, &["Status"]),
        opt(Assignee, &["Assignee"]),
        opt(Estimate, &["Estimate"]),
        opt(Labels, &["Labels"]),
        opt(Sprint, &["Cycle Name", "Cycle"]),
        opt(Created, &["Created", "Created At"]),
        opt(Started, &["Started", "Started At"]),
        opt(Resolved, &["Completed", "Completed At", "Canceled", "Canceled At"]),
    ],
    absent: &[],
    template: None,
};
