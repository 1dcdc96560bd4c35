//! GitLab's issue and merge-request CSV exports.
//!
//! The merge-request export has no merged-at column. `Updated At` is often
//! the merge time but also moves on every later comment, so using it would
//! be a guess; the report says the column is missing instead.

use super::super::fields::Field::*;
use super::{opt, req, Format};

pub static GITLAB_ISSUES: Format = Format {
    columns: &[
        req(Key, &["Issue ID"]),
        req(Title, &["Title"]),
        opt(Status, &["State"]),
        opt(Assignee, &["Assignee", "Assignee Username"]),
        opt(Created, &["Created At (UTC)", "Created At"]),
        opt(Resolved, &["Closed At (UTC)", "Closed At"]),
        opt(Sprint, &["Milestone", "Iteration"]),
        opt(Estimate, &["Weight"]),
        opt(Labels, &["Labels"]),
    ],
    absent: &[],
    template: None,
};

pub static GITLAB_MRS: Format = Format {
    columns: &[
        req(Number, &["MR IID"]),
        opt(Url, &["URL"]),
        opt(Title, &["Title"]),
        opt(State, &["State"]),
        opt(Author, &["Author", "Author Username"]),
        // Approvers are the reviewers the export can name.
        opt(Reviewers, &["Approvers", "Reviewers"]),
        opt(CreatedAt, &["Created At (UTC)", "Created At"]),
        opt(MergedAt, &["Merged At (UTC)", "Merged At"]),
        opt(ClosedAt, &["Closed At (UTC)", "Closed At"]),
    ],
    absent: &[(
        MergedAt,
        "GitLab's merge-request export has no merged-at column, so merged MRs have no merge time \
         (not guessed from Updated At); time-to-merge is unavailable for this file",
    )],
    template: None,
};
