//! The vocabulary shared by every format table, the column mapper and the
//! row builders.
//!
//! A format never gets its own parser: it is a table saying which headers
//! feed which [`Field`], and the row type its kind fills (a `Target`, see
//! `build`) decides how those fields become a typed row. Keeping one closed
//! enum (instead of strings) lets the mapper index columns by
//! `field as usize` and lets a test prove every table only names fields its
//! target actually reads.

use serde::{Deserialize, Serialize};

macro_rules! fields {
    ($($variant:ident = $name:literal,)*) => {
        /// One thing a row builder can read. `name()` is the id used in
        /// templates, user mappings and `FileReport::mapping`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field { $($variant,)* }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];
            pub const COUNT: usize = Field::ALL.len();

            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name,)* }
            }

            pub fn from_name(name: &str) -> Option<Field> {
                match name { $($name => Some(Field::$variant),)* _ => None }
            }
        }
    };
}

fields! {
    // Work items.
    Key = "key",
    Title = "title",
    ItemType = "type",
    Status = "status",
    StatusCategory = "status_category",
    Assignee = "assignee",
    Created = "created",
    Started = "started",
    Resolved = "resolved",
    Estimate = "estimate",
    Sprint = "sprint",
    Labels = "labels",
    TimeInStatus = "time_in_status",
    Comments = "comments",
    Watchers = "watchers",
    WorkLog = "work_log",
    Attachments = "attachments",
    // Pull requests and reviews.
    Number = "number",
    Repo = "repo",
    Url = "url",
    Author = "author",
    CreatedAt = "created_at",
    MergedAt = "merged_at",
    ClosedAt = "closed_at",
    State = "state",
    RequestedReviewers = "requested_reviewers",
    Reviewers = "reviewers",
    FirstReviewAt = "first_review_at",
    Pr = "pr",
    Reviewer = "reviewer",
    SubmittedAt = "submitted_at",
    // Templates.
    Team = "team",
    Flavor = "flavor",
    Person = "person",
    Role = "role",
    Critical = "critical",
    Holder = "holder",
    Name = "name",
    Power = "power",
    Interest = "interest",
    LastContact = "last_contact",
    Date = "date",
    Summary = "summary",
    Decision = "decision",
    Level = "level",
    Raised = "raised",
    Decided = "decided",
    Approvals = "approvals",
    Quarter = "quarter",
    Objective = "objective",
    KeyResult = "key_result",
    Progress = "progress",
    Incident = "incident",
    RootCause = "root_cause",
    ActionItem = "action_item",
    ActionKind = "action_kind",
    Owner = "owner",
    Due = "due",
    Doc = "doc",
    Approvers = "approvers",
    RequiredApprovers = "required_approvers",
    PlannedEnd = "planned_end",
    Ended = "ended",
    ExitCriterion = "exit_criterion",
    Reason = "reason",
    // teams.csv: the group a team rolls up to (a department, a director).
    Group = "group",
    // Roster identities: the names one person has in each tool.
    GithubLogin = "github",
    GitlabUser = "gitlab",
    JiraUser = "jira",
    LinearUser = "linear",
    AzureUser = "azure",
    Email = "email",
    Aliases = "aliases",
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        let name = String::deserialize(d)?;
        Field::from_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown field `{name}`")))
    }
}

/// How the profile pass and the builders read a field's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// Timestamp or date: goes through the per-column day/month decision.
    Date,
    /// A 0..=1 quantity written on whatever scale: decided per column.
    Scale,
    /// Several values: repeated columns and `;`-separated cells.
    List,
}

impl Field {
    pub fn shape(self) -> Shape {
        use Field::*;
        match self {
            Created | Started | Resolved | CreatedAt | MergedAt | ClosedAt | FirstReviewAt | SubmittedAt
            | LastContact | Date | Raised | Decided | Due | PlannedEnd | Ended => Shape::Date,
            Power | Interest | Progress => Shape::Scale,
            Sprint | Labels | RequestedReviewers | Reviewers | Approvals | Approvers | RequiredApprovers | Comments
            | Watchers | WorkLog | Attachments => Shape::List,
            _ => Shape::Text,
        }
    }
}
