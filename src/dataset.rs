//! The typed rows every later stage reads.
//!
//! `ingest` is the only writer: it turns whatever file the user dropped into
//! these rows, each carrying a [`RowRef`] back to its file and line so that
//! every finding can cite its evidence. Nothing here knows which tool
//! exported a row; a Jira issue and a Linear issue are both a [`WorkItem`].
//!
//! Times are UTC `NaiveDateTime`s; date-only columns are `NaiveDate`s.
//! A value the export did not carry is `None`, never a guess.
//!
//! [`index`] holds the lookups every later stage shares (whose team a
//! person is on, whose reviews a PR got), built once per snapshot;
//! [`as_of`] cuts the rows back to what was known on a past day.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub mod as_of;
pub mod batch;
pub mod index;
pub mod name;
mod rows;

pub use index::{Bots, Index};
pub use name::{Interner, Name, NameList};
pub(crate) use name::ByAddress;
pub use rows::{Estimate, TwoTexts};

pub type Timestamp = NaiveDateTime;

/// Points at one physical row: `files[file]`, 1-based `line` in that file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowRef {
    pub file: u32,
    pub line: u32,
}

macro_rules! file_kinds {
    ($($(#[$attr:meta])* $variant:ident = $id:literal,)*) => {
        /// What a file was recognised as. The ids are the public names
        /// printed by `inspect`, shown in the UI and written in JSON. What
        /// ingest does with each kind is in `ingest::KINDS`.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum FileKind {
            $($(#[$attr])* #[serde(rename = $id)] $variant,)*
        }

        impl FileKind {
            /// Every kind, `Unknown` last.
            pub const ALL: &'static [FileKind] = &[$(FileKind::$variant,)*];

            pub fn id(self) -> &'static str {
                match self {
                    $(FileKind::$variant => $id,)*
                }
            }
        }
    };
}

file_kinds! {
    Jira = "jira",
    Linear = "linear",
    GitlabIssues = "gitlab_issues",
    GitlabMrs = "gitlab_mrs",
    AzureDevops = "azure_devops",
    GithubPrs = "github_prs",
    Reviews = "reviews",
    Teams = "teams",
    Roster = "roster",
    Roles = "roles",
    Stakeholders = "stakeholders",
    Updates = "updates",
    Decisions = "decisions",
    Okrs = "okrs",
    Postmortems = "postmortems",
    DesignDocs = "design_docs",
    Interventions = "interventions",
    #[default]
    Unknown = "unknown",
}

/// One problem in one place, and what ingest did about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based physical line; 0 for whole-file notes.
    pub line: u32,
    /// 1-based column; 0 when the note is about the whole row or file.
    pub column: u32,
    pub message: String,
}

/// The per-file account shown on the Load page and printed by `inspect`.
/// Invariant: `rows == kept + skipped`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    pub kind: FileKind,
    pub rows: u64,
    pub kept: u64,
    pub skipped: u64,
    pub bytes: u64,
    pub warnings: Vec<Warning>,
    /// Source header → dataset field, as recognised or as the user mapped it.
    pub mapping: Vec<(String, String)>,
    /// `ingest::header_signature` of the header row: the key a user-chosen
    /// mapping is remembered under (for JSON: of its keys).
    #[serde(default)]
    pub signature: String,
    /// For `Unknown` files: the column mapping ingest would suggest.
    #[serde(default)]
    pub suggestion: Option<MappingSuggestion>,
}

/// A proposed column mapping for headers ingest did not recognise, made by
/// fuzzy matching against every format's field names. Only a proposal: the
/// user confirms it (see `ingest::IngestOptions::mappings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingSuggestion {
    pub signature: String,
    /// The best matching kind; `Unknown` when nothing came close.
    pub kind: FileKind,
    /// 0..=1: how well the required fields of `kind` were matched.
    pub score: f64,
    /// One entry per header, in file order.
    pub columns: Vec<ColumnSuggestion>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnSuggestion {
    pub header: String,
    /// Target field name, `None` when no field is similar enough.
    pub field: Option<String>,
    /// 0..=1 similarity of the header to the field's names.
    pub score: f64,
    /// The column's first few distinct values, so the user can see what
    /// it holds before choosing.
    #[serde(default)]
    pub samples: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrState {
    Open,
    Merged,
    Closed,
}

/// A pull / merge request. Written to JSON and batches field by field
/// (see `dataset/rows.rs`).
#[derive(Clone, Debug, PartialEq)]
pub struct PullRequest {
    pub source: RowRef,
    /// Number or id as exported (`#` stripped; unique within `repo`) and
    /// title, in one allocation: read through [`PullRequest::number`] and
    /// [`PullRequest::title`].
    pub number_and_title: TwoTexts,
    pub repo: Name,
    pub author: Name,
    pub created: Option<Timestamp>,
    pub merged: Option<Timestamp>,
    pub closed: Option<Timestamp>,
    pub state: PrState,
    /// Reviewers who left a review.
    pub reviewers: NameList,
    /// What only some exports fill; `None` when the row has none of it.
    /// Read through [`PullRequest::requested_reviewers`] and
    /// [`PullRequest::first_review`].
    pub extras: Option<Box<PullRequestExtras>>,
}

/// The part of a pull request most rows leave empty, boxed as
/// [`WorkItemExtras`] is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PullRequestExtras {
    /// Reviewers asked for and not yet heard from.
    pub requested_reviewers: Box<[Name]>,
    /// Earliest review the export itself reports (GitHub JSON `reviews`).
    pub first_review: Option<Timestamp>,
}

impl PullRequestExtras {
    /// `None` when there is nothing to keep.
    pub fn boxed(self) -> Option<Box<PullRequestExtras>> {
        rows::boxed_unless_empty(self)
    }
}

impl PullRequest {
    /// Number or id as exported (`#` stripped); unique within `repo`.
    pub fn number(&self) -> &str {
        self.number_and_title.first()
    }

    pub fn title(&self) -> &str {
        self.number_and_title.second()
    }

    pub fn set_number(&mut self, number: &str) {
        self.number_and_title = TwoTexts::new(number, self.title());
    }

    pub fn set_title(&mut self, title: &str) {
        self.number_and_title = TwoTexts::new(self.number(), title);
    }

    /// A copy without the title, for work that never shows one (see
    /// [`WorkItem::without_title`]).
    pub fn without_title(&self) -> PullRequest {
        PullRequest { number_and_title: TwoTexts::new(self.number(), ""), ..self.clone() }
    }

    /// Reviewers asked for and not yet heard from.
    pub fn requested_reviewers(&self) -> &[Name] {
        self.extras.as_ref().map_or(&[], |extras| &extras.requested_reviewers)
    }

    /// Earliest review the export itself reports (GitHub JSON `reviews`).
    pub fn first_review(&self) -> Option<Timestamp> {
        self.extras.as_ref().and_then(|extras| extras.first_review)
    }

    pub fn set_requested_reviewers(&mut self, reviewers: Box<[Name]>) {
        rows::change_extras(&mut self.extras, |extras| extras.requested_reviewers = reviewers);
    }

    pub fn set_first_review(&mut self, first_review: Option<Timestamp>) {
        rows::change_extras(&mut self.extras, |extras| extras.first_review = first_review);
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub source: RowRef,
    /// The PR number this review belongs to.
    pub pr: Name,
    pub reviewer: Name,
    /// As exported: APPROVED, CHANGES_REQUESTED, COMMENTED, ...
    pub state: Name,
    pub submitted: Option<Timestamp>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusCategory {
    Todo,
    InProgress,
    Done,
}

/// Time an item spent in one status, from Jira's `[CHART] Time in Status`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusTime {
    /// Jira's numeric status id, as exported (the export has no names).
    pub status_id: String,
    pub visits: u32,
    pub millis: u64,
}

/// An issue / work item from Jira, Linear, GitLab or Azure DevOps.
///
/// Half a million of these make up most of a big drop's memory, so the
/// fields few rows have live in one box (`extras`); JSON and the parse
/// pool's batches still carry every field by name (see `dataset/rows.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkItem {
    pub source: RowRef,
    /// Read through [`WorkItem::key`] and [`WorkItem::title`].
    pub key_and_title: TwoTexts,
    pub item_type: Name,
    pub status: Name,
    pub category: Option<StatusCategory>,
    pub assignee: Option<Name>,
    pub team: Option<Name>,
    pub created: Option<Timestamp>,
    pub resolved: Option<Timestamp>,
    /// Story points / estimate / weight; `.get()` reads it.
    pub estimate: Estimate,
    /// Every sprint / cycle / iteration the item was in, repeats kept.
    pub sprints: NameList,
    pub labels: NameList,
    /// What only some exports have; `None` when the row has none of it.
    /// Read through [`WorkItem::started`], [`WorkItem::time_in_status`]
    /// and [`WorkItem::activity`].
    pub extras: Option<Box<WorkItemExtras>>,
}

/// The part of a work item most rows of most exports leave empty: boxed,
/// a row without any of it costs one pointer instead of the 24 bytes
/// (wasm32) the fields would take inline. The activity has a box of its
/// own, so a Linear item with only a start time keeps 24 bytes, not 72.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkItemExtras {
    /// When work started, if the export says (Linear `Started`).
    pub started: Option<Timestamp>,
    /// Per-status dwell times when the export has them (Jira).
    pub time_in_status: Box<[StatusTime]>,
    /// Comments, watchers, work log and attachments, when the export has
    /// them (Jira repeats a column per entry); `None` when it has none.
    pub activity: Option<Box<IssueActivity>>,
}

impl WorkItemExtras {
    /// `None` when there is nothing to keep.
    pub fn boxed(self) -> Option<Box<WorkItemExtras>> {
        rows::boxed_unless_empty(self)
    }
}

impl WorkItem {
    pub fn key(&self) -> &str {
        self.key_and_title.first()
    }

    pub fn title(&self) -> &str {
        self.key_and_title.second()
    }

    pub fn set_key(&mut self, key: &str) {
        self.key_and_title = TwoTexts::new(key, self.title());
    }

    pub fn set_title(&mut self, title: &str) {
        self.key_and_title = TwoTexts::new(self.key(), title);
    }

    /// A copy without the title, for work that never shows one: the
    /// findings over time keep a third of the rows a second time and only
    /// count findings, and no tripwire reads a title.
    pub fn without_title(&self) -> WorkItem {
        WorkItem { key_and_title: TwoTexts::new(self.key(), ""), ..self.clone() }
    }

    /// When work started, if the export says (Linear `Started`).
    pub fn started(&self) -> Option<Timestamp> {
        self.extras.as_ref().and_then(|extras| extras.started)
    }

    pub fn set_started(&mut self, started: Option<Timestamp>) {
        rows::change_extras(&mut self.extras, |extras| extras.started = started);
    }

    /// Per-status dwell times when the export has them (Jira).
    pub fn time_in_status(&self) -> &[StatusTime] {
        self.extras.as_ref().map_or(&[], |extras| &extras.time_in_status)
    }

    /// Comments, watchers, work log and attachments; `None` when the row
    /// has none of them.
    pub fn activity(&self) -> Option<&IssueActivity> {
        self.extras.as_ref().and_then(|extras| extras.activity.as_deref())
    }
}

/// Jira's repeated activity columns, every repeat kept as exported.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IssueActivity {
    /// `date;author;body`, as Jira writes a `Comment` cell.
    pub comments: Vec<String>,
    pub watchers: Vec<Name>,
    /// `Log Work` cells: `[comment;]date;author;seconds`.
    pub work_log: Vec<String>,
    /// `Attachment` cells: `date;author;file name;url`.
    pub attachments: Vec<String>,
}

impl IssueActivity {
    /// `None` when there is nothing to keep.
    pub fn boxed(self) -> Option<Box<IssueActivity>> {
        rows::boxed_unless_empty(self)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamRow {
    pub source: RowRef,
    pub name: String,
    pub flavor: String,
    /// Extra columns, kept verbatim: norm overrides such as `quiet_days`.
    pub extra: BTreeMap<String, String>,
    /// The group the team rolls up to (a department, a director); empty
    /// when teams.csv has no group column. Read through `Index::group_of`.
    #[serde(default)]
    pub group: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub source: RowRef,
    pub name: String,
    pub team: String,
    pub role: String,
    /// The person's other names, as the roster gives them: GitHub, GitLab,
    /// Jira, Linear and Azure DevOps names, email, aliases. Each resolves
    /// to this person (`index::Index::person`).
    #[serde(default)]
    pub identities: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub source: RowRef,
    pub team: String,
    pub role: String,
    pub critical: bool,
    /// `None` means the role is vacant.
    pub holder: Option<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub source: RowRef,
    pub name: String,
    pub role: String,
    /// Normalised to 0..=1 whatever scale the file used.
    pub power: Option<f64>,
    pub interest: Option<f64>,
    pub last_contact: Option<NaiveDate>,
    /// When this rating was made, from a `date` column: a file may rate
    /// one stakeholder several times, and two files may rate them at
    /// different dates (see `model::stakeholders::ratings`).
    #[serde(default)]
    pub rated_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamUpdate {
    pub source: RowRef,
    pub team: String,
    pub date: Option<NaiveDate>,
    /// Lower-cased: green / yellow / red / whatever the file said.
    pub status: String,
    pub summary: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionLevel {
    Edge,
    Functional,
    Executive,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub source: RowRef,
    pub decision: String,
    pub team: String,
    pub level: Option<DecisionLevel>,
    pub raised: Option<NaiveDate>,
    pub decided: Option<NaiveDate>,
    pub approvals: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    pub source: RowRef,
    pub team: String,
    /// As written, e.g. `2026-Q4`.
    pub quarter: String,
    pub objective: String,
    pub key_result: String,
    /// Normalised to 0..=1.
    pub progress: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Detect,
    Prevent,
    Mitigate,
    Process,
}

/// One row of `postmortems.csv`: one action item of one incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostmortemAction {
    pub source: RowRef,
    pub incident: String,
    pub team: String,
    pub date: Option<NaiveDate>,
    pub root_cause: String,
    pub action_item: String,
    pub action_kind: Option<ActionKind>,
    pub owner: Option<Name>,
    pub due: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DesignDoc {
    pub source: RowRef,
    pub doc: String,
    pub team: String,
    pub author: Name,
    pub date: Option<NaiveDate>,
    pub approvers: Vec<Name>,
    pub required_approvers: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    pub source: RowRef,
    pub team: String,
    pub started: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    pub exit_criterion: Option<String>,
    pub reason: String,
}

/// Everything loaded so far. Files are only ever appended; a file that
/// fails to load leaves the dataset exactly as it was.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub files: Vec<FileReport>,
    pub teams: Vec<TeamRow>,
    pub people: Vec<Person>,
    pub roles: Vec<Role>,
    pub pull_requests: Vec<PullRequest>,
    pub reviews: Vec<Review>,
    pub work_items: Vec<WorkItem>,
    pub stakeholders: Vec<Stakeholder>,
    pub updates: Vec<TeamUpdate>,
    pub decisions: Vec<Decision>,
    pub key_results: Vec<KeyResult>,
    pub postmortem_actions: Vec<PostmortemAction>,
    pub design_docs: Vec<DesignDoc>,
    pub interventions: Vec<Intervention>,
    /// Set only on a dataset [`Dataset::as_of`] cut back to an earlier day:
    /// exports keep no status history, so every work item's status on that
    /// day is approximated from its created and resolved dates.
    #[serde(default)]
    pub statuses_approximated_on: Option<NaiveDate>,
}

impl Dataset {
    /// The file and line a row came from, as people read it: `prs.csv:12`.
    pub fn cite(&self, row: RowRef) -> String {
        let path = self.files.get(row.file as usize).map_or("?", |f| f.path.as_str());
        format!("{path}:{}", row.line)
    }

    /// Every team name known from any file, sorted and de-duplicated.
    pub fn team_names(&self) -> Vec<String> {
        // Deduplicated borrowed first: a million work items name a few
        // hundred teams, and cloning and sorting every one took seconds.
        let mut unique: crate::hashing::FastMap<&str, ()> = Default::default();
        let all = self.teams.iter().map(|t| t.name.as_str());
        for name in all.chain(self.people.iter().map(|p| p.team.as_str())) {
            if !name.is_empty() {
                unique.insert(name, ());
            }
        }
        // Each work item's team is a shared name: its text is hashed once
        // per allocation (a few per team), not once per item.
        let mut seen: crate::hashing::FastSet<usize> = Default::default();
        for name in self.work_items.iter().filter_map(|w| w.team.as_ref()) {
            if seen.insert(name.as_ptr() as usize) && !name.is_empty() {
                unique.insert(name, ());
            }
        }
        let mut names: Vec<String> = unique.into_keys().map(str::to_string).collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_names_come_from_every_file_sorted_once_each() {
        let at = RowRef { file: 0, line: 2 };
        let person = |team: &str| Person { source: at, name: "Ada".into(), team: team.into(), role: String::new(), identities: Vec::new() };
        let item = |team: Option<&str>| WorkItem { team: team.map(Name::from), ..WorkItem::default() };
        let dataset = Dataset {
            teams: vec![TeamRow { source: at, name: "Payments".into(), flavor: String::new(), extra: BTreeMap::new(), group: String::new() }],
            people: vec![person("Core"), person(""), person("Payments"), person("core")],
            work_items: vec![item(Some("Zeta")), item(None), item(Some("Core")), item(Some(""))],
            ..Dataset::default()
        };
        assert_eq!(dataset.team_names(), ["Core", "Payments", "Zeta", "core"]);
    }

    #[test]
    fn team_names_read_each_shared_name_once_and_each_text_whatever_its_allocation() {
        let shared = Name::from("Atlas");
        let teams = [Some(shared.clone()), Some(Name::from("Comet")), Some(shared), Some(Name::from("Atlas")), None, Some(Name::from("Borea"))];
        let dataset = Dataset { work_items: teams.into_iter().map(|team| WorkItem { team, ..WorkItem::default() }).collect(), ..Dataset::default() };
        assert_eq!(dataset.team_names(), ["Atlas", "Borea", "Comet"]);
    }
}
