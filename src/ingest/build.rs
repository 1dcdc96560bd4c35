//! Mapped rows → typed dataset rows, one builder per row type.
//!
//! These are the only functions that know what a `WorkItem` or a `Role` is
//! made of; every format reaches them through the same [`Row`] reader, so a
//! value is read the same way whether it came from Jira or a template.
//! A builder refuses a row only when it lacks the field that identifies it.
//!
//! Each row type says in one [`Build`] impl what it reads, how one is made
//! and which `Dataset` vector holds it; [`Target`] carries that as a value,
//! so the kinds table can name it and nothing else has to match on it.

use super::dates;
use super::fields::Field;
use super::fields::Field as F;
use super::json::JsonTable;
use super::row::{Row, Skip};
use super::values;
use super::warnings::{truncate, Warnings};
use crate::dataset::*;

/// A row type ingest builds.
pub trait Build: Sized {
    /// Every field the builder reads; the first ones listed are the fields
    /// a row cannot be kept without.
    const FIELDS: &'static [Field];
    /// Whether a big file's rows are worth sizing ahead (see
    /// [`Target::reserve`]): only for the kinds that come by the hundred
    /// thousand.
    const SIZED_AHEAD: bool = false;
    /// The vector in `dataset` its rows go to.
    fn rows(dataset: &mut Dataset) -> &mut Vec<Self>;
    fn build(row: &mut Row, source: RowRef) -> Result<Self, Skip>;
    /// Where the row came from.
    fn source(&self) -> RowRef;
}

/// What a file's rows become: a [`Build`] row type as a value. Several
/// kinds share one (Jira, Linear, GitLab issues and Azure DevOps all
/// become work items).
#[derive(Clone, Copy)]
pub struct Target {
    fields: &'static [Field],
    build: fn(&mut Row, RowRef, &mut Dataset) -> Result<(), Skip>,
    reserve: fn(&mut Dataset, &dyn Fn(usize) -> usize),
    append: fn(&mut Dataset, &mut Dataset),
    drop_file: fn(&mut Dataset, u32),
    in_bulk: bool,
}

impl Target {
    pub const fn of<T: Build>() -> Target {
        Target {
            fields: T::FIELDS,
            build: build_into::<T>,
            reserve: reserve_rows::<T>,
            append: move_rows::<T>,
            drop_file: drop_rows_of::<T>,
            in_bulk: T::SIZED_AHEAD,
        }
    }

    /// Whether its rows come by the hundred thousand ([`Build::SIZED_AHEAD`]):
    /// the work items, pull requests and reviews a parser worker streams
    /// to the engine worker in batches (`dataset::batch`).
    pub fn in_bulk(self) -> bool {
        self.in_bulk
    }

    /// See [`Build::FIELDS`].
    pub fn fields(self) -> &'static [Field] {
        self.fields
    }

    /// Builds one row into `out`.
    pub fn build(self, row: &mut Row, source: RowRef, out: &mut Dataset) -> Result<(), Skip> {
        (self.build)(row, source, out)
    }

    /// Makes room in `out` for `rows(size of a row)` rows: the caller caps
    /// the count by bytes, which only the row type knows.
    pub fn reserve(self, out: &mut Dataset, rows: impl Fn(usize) -> usize) {
        (self.reserve)(out, &rows)
    }

    /// Moves this target's rows from `from` to the end of `into`.
    pub fn append(self, into: &mut Dataset, from: &mut Dataset) {
        (self.append)(into, from)
    }

    /// Removes this target's rows read from file `file`.
    pub fn drop_file(self, dataset: &mut Dataset, file: u32) {
        (self.drop_file)(dataset, file)
    }
}

fn drop_rows_of<T: Build>(dataset: &mut Dataset, file: u32) {
    T::rows(dataset).retain(|row| row.source().file != file);
}

fn build_into<T: Build>(row: &mut Row, source: RowRef, out: &mut Dataset) -> Result<(), Skip> {
    T::rows(out).push(T::build(row, source)?);
    Ok(())
}

fn reserve_rows<T: Build>(out: &mut Dataset, rows: &dyn Fn(usize) -> usize) {
    if T::SIZED_AHEAD {
        let list = T::rows(out);
        list.reserve(rows(std::mem::size_of::<T>()).saturating_sub(list.len()));
    }
}

fn move_rows<T: Build>(into: &mut Dataset, from: &mut Dataset) {
    move_all(T::rows(into), T::rows(from));
}

/// `into.append(from)`, but the first file of a kind hands over its
/// vector instead of copying a million rows into an empty one, without the
/// spare capacity the size estimate may have left. Later files of the kind
/// append with the usual doubling: exact growth would copy everything
/// loaded so far once per file.
fn move_all<T>(into: &mut Vec<T>, from: &mut Vec<T>) {
    if into.is_empty() {
        std::mem::swap(into, from);
        into.shrink_to_fit();
    } else {
        into.append(from);
    }
}

impl Build for WorkItem {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = {
        use Field::*;
        &[
            Key, Title, ItemType, Status, StatusCategory, Assignee, Team, Created, Started, Resolved, Estimate,
            Sprint, Labels, TimeInStatus, Comments, Watchers, WorkLog, Attachments,
        ]
    };
    const SIZED_AHEAD: bool = true;

    fn rows(dataset: &mut Dataset) -> &mut Vec<WorkItem> {
        &mut dataset.work_items
    }

    fn build(row: &mut Row, source: RowRef) -> Result<WorkItem, Skip> {
        work_item(row, source)
    }
}

impl Build for PullRequest {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = {
        use Field::*;
        &[
            Number, Repo, Url, Title, Author, CreatedAt, MergedAt, ClosedAt, State, RequestedReviewers,
            Reviewers, FirstReviewAt,
        ]
    };
    const SIZED_AHEAD: bool = true;

    fn rows(dataset: &mut Dataset) -> &mut Vec<PullRequest> {
        &mut dataset.pull_requests
    }

    fn build(row: &mut Row, source: RowRef) -> Result<PullRequest, Skip> {
        pull_request(row, source)
    }
}

impl Build for Review {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Pr, F::Reviewer, F::State, F::SubmittedAt];
    const SIZED_AHEAD: bool = true;

    fn rows(dataset: &mut Dataset) -> &mut Vec<Review> {
        &mut dataset.reviews
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Review, Skip> {
        Ok(Review {
            source,
            // Not interned: nearly every PR number is its own, and a table
            // of half a million of them cost more lookups than it saved.
            // Shared with the row before: a PR's reviews come together.
            pr: row.required_distinct_name(F::Pr, |pr| pr.trim_start_matches('#'))?,
            reviewer: row.required_name(F::Reviewer, values::person)?,
            state: row.name_or_empty(F::State),
            submitted: row.timestamp(F::SubmittedAt),
        })
    }
}

impl Build for TeamRow {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Team, F::Flavor, F::Group];

    fn rows(dataset: &mut Dataset) -> &mut Vec<TeamRow> {
        &mut dataset.teams
    }

    fn build(row: &mut Row, source: RowRef) -> Result<TeamRow, Skip> {
        Ok(TeamRow {
            source,
            name: row.required(F::Team)?.to_string(),
            flavor: row.text_or_empty(F::Flavor),
            extra: row.extra(),
            group: row.text_or_empty(F::Group),
        })
    }
}

impl Build for Person {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[
        F::Person,
        F::Team,
        F::Role,
        F::GithubLogin,
        F::GitlabUser,
        F::JiraUser,
        F::LinearUser,
        F::AzureUser,
        F::Email,
        F::Aliases,
    ];

    fn rows(dataset: &mut Dataset) -> &mut Vec<Person> {
        &mut dataset.people
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Person, Skip> {
        let cell = row.required(F::Person)?;
        let name = values::person(cell);
        Ok(Person {
            source,
            identities: roster_identities(row, cell, name),
            name: name.to_string(),
            team: row.text_or_empty(F::Team),
            role: row.text_or_empty(F::Role),
        })
    }
}

/// Every other name a roster row gives its person, in column order, each
/// once: the tool columns, the `<…>` of a `Name <email>` person cell, and
/// the aliases, which people separate with `;`, `,` or `|`.
fn roster_identities(row: &Row, person_cell: &str, name: &str) -> Vec<String> {
    const TOOLS: [Field; 6] = [F::GithubLogin, F::GitlabUser, F::JiraUser, F::LinearUser, F::AzureUser, F::Email];
    let bracketed = person_cell.trim().strip_suffix('>').and_then(|c| c.rsplit_once('<')).map(|(_, inner)| inner);
    let aliases = row.text(F::Aliases).into_iter().flat_map(|cell| cell.split([';', ',', '|']));
    let mut identities: Vec<String> = Vec::new();
    for identity in TOOLS.iter().filter_map(|&f| row.text(f)).chain(bracketed).chain(aliases) {
        let identity = identity.trim();
        if !identity.is_empty() && identity != name && !identities.iter().any(|known| known == identity) {
            identities.push(identity.to_string());
        }
    }
    identities
}

impl Build for Role {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Team, F::Role, F::Critical, F::Holder];

    fn rows(dataset: &mut Dataset) -> &mut Vec<Role> {
        &mut dataset.roles
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Role, Skip> {
        Ok(Role {
            source,
            team: row.required(F::Team)?.to_string(),
            role: row.required(F::Role)?.to_string(),
            critical: row.parse_or(F::Critical, "yes or no", values::yes_no, false, "taken as not critical"),
            holder: row.person(F::Holder),
        })
    }
}

impl Build for Stakeholder {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Name, F::Role, F::Power, F::Interest, F::LastContact, F::Date];

    fn rows(dataset: &mut Dataset) -> &mut Vec<Stakeholder> {
        &mut dataset.stakeholders
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Stakeholder, Skip> {
        Ok(Stakeholder {
            source,
            name: row.required(F::Name)?.to_string(),
            role: row.text_or_empty(F::Role),
            power: row.scale(F::Power),
            interest: row.scale(F::Interest),
            last_contact: row.date(F::LastContact),
            rated_on: row.date(F::Date),
        })
    }
}

impl Build for TeamUpdate {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Team, F::Date, F::Status, F::Summary];

    fn rows(dataset: &mut Dataset) -> &mut Vec<TeamUpdate> {
        &mut dataset.updates
    }

    fn build(row: &mut Row, source: RowRef) -> Result<TeamUpdate, Skip> {
        Ok(TeamUpdate {
            source,
            team: row.required(F::Team)?.to_string(),
            date: row.date(F::Date),
            status: row.text_or_empty(F::Status).to_lowercase(),
            summary: row.text_or_empty(F::Summary),
        })
    }
}

impl Build for Decision {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Decision, F::Team, F::Level, F::Raised, F::Decided, F::Approvals];

    fn rows(dataset: &mut Dataset) -> &mut Vec<Decision> {
        &mut dataset.decisions
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Decision, Skip> {
        Ok(Decision {
            source,
            decision: row.required(F::Decision)?.to_string(),
            team: row.text_or_empty(F::Team),
            level: row.parse(F::Level, "edge, functional or executive", values::decision_level),
            raised: row.date(F::Raised),
            decided: row.date(F::Decided),
            approvals: row.people(F::Approvals),
        })
    }
}

impl Build for KeyResult {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Team, F::Quarter, F::Objective, F::KeyResult, F::Progress];

    fn rows(dataset: &mut Dataset) -> &mut Vec<KeyResult> {
        &mut dataset.key_results
    }

    fn build(row: &mut Row, source: RowRef) -> Result<KeyResult, Skip> {
        Ok(KeyResult {
            source,
            team: row.required(F::Team)?.to_string(),
            quarter: row.text_or_empty(F::Quarter),
            objective: row.text_or_empty(F::Objective),
            key_result: row.required(F::KeyResult)?.to_string(),
            progress: row.scale(F::Progress),
        })
    }
}

impl Build for PostmortemAction {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] =
        &[F::Incident, F::Team, F::Date, F::RootCause, F::ActionItem, F::ActionKind, F::Owner, F::Due];

    fn rows(dataset: &mut Dataset) -> &mut Vec<PostmortemAction> {
        &mut dataset.postmortem_actions
    }

    fn build(row: &mut Row, source: RowRef) -> Result<PostmortemAction, Skip> {
        Ok(PostmortemAction {
            source,
            incident: row.required(F::Incident)?.to_string(),
            team: row.text_or_empty(F::Team),
            date: row.date(F::Date),
            root_cause: row.text_or_empty(F::RootCause),
            action_item: row.text_or_empty(F::ActionItem),
            action_kind: row.parse(F::ActionKind, "detect, prevent, mitigate or process", values::action_kind),
            owner: row.person(F::Owner),
            due: row.date(F::Due),
        })
    }
}

impl Build for DesignDoc {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] = &[F::Doc, F::Team, F::Author, F::Date, F::Approvers, F::RequiredApprovers];

    fn rows(dataset: &mut Dataset) -> &mut Vec<DesignDoc> {
        &mut dataset.design_docs
    }

    fn build(row: &mut Row, source: RowRef) -> Result<DesignDoc, Skip> {
        Ok(DesignDoc {
            source,
            doc: row.required(F::Doc)?.to_string(),
            team: row.text_or_empty(F::Team),
            author: row.person(F::Author).unwrap_or_default(),
            date: row.date(F::Date),
            approvers: row.people(F::Approvers),
            required_approvers: row.people(F::RequiredApprovers),
        })
    }
}

impl Build for Intervention {
    fn source(&self) -> RowRef {
        self.source
    }
    const FIELDS: &'static [Field] =
        &[F::Team, F::Started, F::PlannedEnd, F::Ended, F::ExitCriterion, F::Reason];

    fn rows(dataset: &mut Dataset) -> &mut Vec<Intervention> {
        &mut dataset.interventions
    }

    fn build(row: &mut Row, source: RowRef) -> Result<Intervention, Skip> {
        Ok(Intervention {
            source,
            team: row.required(F::Team)?.to_string(),
            started: row.date(F::Started),
            planned_end: row.date(F::PlannedEnd),
            ended: row.date(F::Ended),
            exit_criterion: row.text(F::ExitCriterion).map(str::to_string),
            reason: row.text_or_empty(F::Reason),
        })
    }
}

fn work_item(row: &mut Row, source: RowRef) -> Result<WorkItem, Skip> {
    let key = row.required(F::Key)?;
    let status = row.name_or_empty(F::Status);
    // An explicit category column (Jira) is authoritative; otherwise the
    // status word decides when it is a well-known one.
    let category = row
        .parse(F::StatusCategory, "a status category (To Do, In Progress, Done)", values::status_category)
        .or_else(|| values::status_category(&status));
    // Read in the fields' order, so that a row's warnings come in it.
    let (title, item_type, assignee, team) = (
        row.text(F::Title).unwrap_or(""),
        row.name_or_empty(F::ItemType),
        row.person(F::Assignee),
        row.name_with(F::Team, values::last_path_segment),
    );
    let (created, started) = (row.timestamp(F::Created), row.timestamp(F::Started));
    Ok(WorkItem {
        source,
        key_and_title: TwoTexts::new(key, title),
        item_type,
        status,
        category,
        assignee,
        team,
        created,
        resolved: row.timestamp(F::Resolved),
        estimate: row.parse(F::Estimate, "a number", values::estimate).flatten().into(),
        sprints: row.name_list(F::Sprint, |row| row.names(F::Sprint, false)),
        labels: row.name_list(F::Labels, |row| row.names(F::Labels, true)),
        extras: WorkItemExtras {
            started,
            time_in_status: row
                .parse(F::TimeInStatus, "a Jira time-in-status chart", values::time_in_status)
                .unwrap_or_default()
                .into(),
            activity: IssueActivity {
                // Entries are `;`-separated inside, so a cell is one entry.
                comments: row.list(F::Comments, false),
                watchers: row.people(F::Watchers),
                work_log: row.list(F::WorkLog, false),
                attachments: row.list(F::Attachments, false),
            }
            .boxed(),
        }
        .boxed(),
    })
}

fn pull_request(row: &mut Row, source: RowRef) -> Result<PullRequest, Skip> {
    let number = row.required(F::Number)?.trim_start_matches('#');
    let repo = match row.name(F::Repo) {
        Some(repo) => repo,
        None => row.text(F::Url).and_then(values::repo_from_url).map_or_else(Name::default, |repo| row.names.name(&repo)),
    };
    let merged = row.timestamp(F::MergedAt);
    let closed = row.timestamp(F::ClosedAt);
    // GitHub's REST state is only open/closed; a merge time is what says merged.
    let state = match (row.parse(F::State, "a PR state (open, merged, closed)", values::pr_state), merged, closed) {
        (_, Some(_), _) => PrState::Merged,
        (Some(state), None, _) => state,
        (None, None, Some(_)) => PrState::Closed,
        (None, None, None) => PrState::Open,
    };
    // In the fields' order, so that a row's warnings come in it.
    let (author, created) = (row.person(F::Author).unwrap_or_default(), row.timestamp(F::CreatedAt));
    let requested_reviewers = row.people(F::RequestedReviewers).into();
    let reviewers = row.name_list(F::Reviewers, |row| row.people(F::Reviewers));
    Ok(PullRequest {
        source,
        number_and_title: TwoTexts::new(number, row.text(F::Title).unwrap_or("")),
        repo,
        author,
        created,
        merged,
        closed,
        state,
        reviewers,
        extras: PullRequestExtras { requested_reviewers, first_review: row.timestamp(F::FirstReviewAt) }.boxed(),
    })
}

/// The `reviews` arrays of a `gh pr list` file, as review rows citing the
/// line of their pull request.
pub fn add_gh_reviews(table: &JsonTable, file_index: usize, staged: &mut Dataset, warnings: &mut Warnings) {
    let names = Interner::default();
    let numbers: std::collections::HashMap<u32, Name> =
        staged.pull_requests.iter().map(|pr| (pr.source.line, names.name(pr.number()))).collect();
    let mut count = 0;
    for row in &table.rows {
        let Some(pr) = numbers.get(&row.line) else { continue };
        for review in &row.reviews {
            let submitted = match dates::read(&review.submitted_at, dates::Order::MonthFirst) {
                Ok(submitted) => submitted,
                Err(_) if review.submitted_at.is_empty() => None,
                Err(problem) => {
                    warnings.push(problem.kind(), row.line, 0, || {
                        let quoted = format!("\"{}\"", truncate(&review.submitted_at));
                        format!("review by {}: {}; left empty", truncate(&review.reviewer), problem.describe(&quoted))
                    });
                    None
                }
            };
            staged.reviews.push(Review {
                source: RowRef { file: file_index as u32, line: row.line },
                pr: pr.clone(),
                reviewer: names.name(&review.reviewer),
                state: names.name(&review.state),
                submitted,
            });
            count += 1;
        }
    }
    if count > 0 {
        warnings.note(0, format!("{count} reviews read from the pull requests' reviews arrays"));
    }
}


#[cfg(test)]
mod tests {
    use crate::dataset::Dataset;
    use crate::ingest::{ingest_file, IngestOptions};

    fn load(dataset: &mut Dataset, path: &str, text: &str) {
        ingest_file(dataset, path, text.as_bytes(), &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }

    #[test]
    fn a_date_repeated_in_a_row_is_read_and_reported_in_each_column() {
        let mut dataset = Dataset::default();
        load(
            &mut dataset,
            "prs.csv",
            "number,repo,title,author,created_at,merged_at,closed_at\n\
             7,web,Fix,Ada,2026-01-05T10:00:00Z,2026-01-06T10:00:00Z,2026-01-06T10:00:00Z\n\
             8,web,Add,Ada,soon,soon,soon\n\
             9,web,Old,Ada,2026-01-05T10:00:00Z,1900-01-01,1900-01-01\n",
        );
        let [seven, eight, nine] = &dataset.pull_requests[..] else { panic!("{:?}", dataset.pull_requests) };
        assert!(seven.merged.is_some() && seven.merged == seven.closed && seven.created < seven.merged);
        assert_eq!((eight.created, eight.merged, eight.closed), (None, None, None));
        assert_eq!((nine.merged, nine.closed), (None, None));
        let mut warned: Vec<(u32, u32)> = dataset.files[0].warnings.iter().map(|w| (w.line, w.column)).collect();
        warned.sort();
        assert_eq!(warned, [(3, 5), (3, 6), (3, 7), (4, 6), (4, 7)], "{:?}", dataset.files[0].warnings);
    }

    #[test]
    fn rows_with_the_same_list_cells_share_one_list() {
        let mut dataset = Dataset::default();
        load(
            &mut dataset,
            "jira.csv",
            "Issue key,Summary,Status,Sprint,Sprint\nA-1,x,Done,S1,S2\nA-2,y,Done,S1,\nA-3,z,Done,S1,S2\nA-4,w,Done,,S1\n",
        );
        let [one, two, three, four] = &dataset.work_items[..] else { panic!("{:?}", dataset.work_items) };
        assert!(one.sprints.ptr_eq(&three.sprints), "not next to each other, still shared");
        assert_eq!(*one.sprints, ["S1", "S2"]);
        assert_eq!(*two.sprints, ["S1"]);
        assert_eq!(*four.sprints, ["S1"]);
        assert!(two.sprints.ptr_eq(&four.sprints), "other cells, the same names: one list");
        assert!(one.labels.ptr_eq(&crate::dataset::NameList::default()));
        load(&mut dataset, "prs.csv", "number,repo,title,author,reviewers,created_at\n7,web,Fix,Ada,Grace;Linus,2026-01-05\n8,web,Add,Bo,Grace;Linus,2026-01-05\n9,web,Add,Bo,Linus,2026-01-05\n");
        let [seven, eight, nine] = &dataset.pull_requests[..] else { panic!("{:?}", dataset.pull_requests) };
        assert!(seven.reviewers.ptr_eq(&eight.reviewers) && !eight.reviewers.ptr_eq(&nine.reviewers));
        assert_eq!(*nine.reviewers, ["Linus"]);
    }

    #[test]
    fn a_files_repeated_names_share_one_allocation_and_read_as_written() {
        let mut dataset = Dataset::default();
        load(
            &mut dataset,
            "linear.csv",
            "ID,Team,Title,Status,Assignee,Labels,Created\n\
             PAY-1,Payments,Retry,Todo,Ada,bug;ux,2026-01-05\n\
             PAY-2,Payments,Refund,Todo,Ada <ada@example.com>,ux,2026-01-06\n\
             PAY-3,Core,Audit,Done,Grace,,2026-01-07\n",
        );
        let [one, two, three] = &dataset.work_items[..] else { panic!("{:?}", dataset.work_items) };
        assert_eq!((one.team.as_deref(), &*one.status, one.assignee.as_deref()), (Some("Payments"), "Todo", Some("Ada")));
        assert_eq!(*one.labels, ["bug", "ux"]);
        assert!(one.team.as_ref().unwrap().ptr_eq(two.team.as_ref().unwrap()));
        assert!(one.status.ptr_eq(&two.status));
        assert!(one.assignee.as_ref().unwrap().ptr_eq(two.assignee.as_ref().unwrap()), "`Name <email>` reduced, then shared");
        assert!(one.labels[1].ptr_eq(&two.labels[0]));
        assert!(!one.status.ptr_eq(&three.status));
        assert_eq!((three.team.as_deref(), &*three.status), (Some("Core"), "Done"));

        load(&mut dataset, "prs.csv", "number,repo,title,author,reviewers,created_at\n7,web,Fix,Ada,Grace;Linus,2026-01-05\n8,web,Add,Grace,Ada,2026-01-06\n");
        let [seven, eight] = &dataset.pull_requests[..] else { panic!("{:?}", dataset.pull_requests) };
        assert!(seven.repo.ptr_eq(&eight.repo) && seven.repo == "web");
        assert!(seven.reviewers[0].ptr_eq(&eight.author));
        assert_eq!(*eight.reviewers, ["Ada"]);
    }
}
