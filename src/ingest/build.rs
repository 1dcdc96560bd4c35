//! Mapped rows → typed dataset rows, one builder per target.
//!
//! These are the only functions that know what a `WorkItem` or a `Role` is
//! made of; every format reaches them through the same [`Row`] reader, so a
//! value is read the same way whether it came from Jira or a template.
//! A builder refuses a row only when it lacks the field that identifies it.

use super::fields::Field as F;
use super::fields::Target;
use super::row::{Row, Skip};
use super::values;
use crate::dataset::*;

/// Makes room in `out` for `rows(size of a row)` rows of `target`: the
/// caller caps the count by bytes, which only the row type knows. Only the
/// kinds that come by the hundred thousand are worth sizing ahead.
pub fn reserve(target: Target, out: &mut Dataset, rows: impl Fn(usize) -> usize) {
    fn reserve_rows<T>(list: &mut Vec<T>, rows: impl Fn(usize) -> usize) {
        list.reserve(rows(std::mem::size_of::<T>()).saturating_sub(list.len()));
    }
    match target {
        Target::WorkItems => reserve_rows(&mut out.work_items, rows),
        Target::PullRequests => reserve_rows(&mut out.pull_requests, rows),
        Target::Reviews => reserve_rows(&mut out.reviews, rows),
        _ => {}
    }
}

/// Builds one row of `target` into `out`.
pub fn build(target: Target, row: &mut Row, source: RowRef, out: &mut Dataset) -> Result<(), Skip> {
    match target {
        Target::WorkItems => out.work_items.push(work_item(row, source)?),
        Target::PullRequests => out.pull_requests.push(pull_request(row, source)?),
        Target::Reviews => out.reviews.push(Review {
            source,
            pr: row.required(F::Pr)?.trim_start_matches('#').to_string(),
            reviewer: values::person(row.required(F::Reviewer)?).to_string(),
            state: row.text_or_empty(F::State),
            submitted: row.timestamp(F::SubmittedAt),
        }),
        Target::Teams => out.teams.push(TeamRow {
            source,
            name: row.required(F::Team)?.to_string(),
            flavor: row.text_or_empty(F::Flavor),
            extra: row.extra(),
        }),
        Target::Roster => out.people.push(Person {
            source,
            name: values::person(row.required(F::Person)?).to_string(),
            team: row.text_or_empty(F::Team),
            role: row.text_or_empty(F::Role),
        }),
        Target::Roles => out.roles.push(Role {
            source,
            team: row.required(F::Team)?.to_string(),
            role: row.required(F::Role)?.to_string(),
            critical: row.parse_or(F::Critical, "yes or no", values::yes_no, false, "taken as not critical"),
            holder: row.person(F::Holder),
        }),
        Target::Stakeholders => out.stakeholders.push(Stakeholder {
            source,
            name: row.required(F::Name)?.to_string(),
            role: row.text_or_empty(F::Role),
            power: row.scale(F::Power),
            interest: row.scale(F::Interest),
            last_contact: row.date(F::LastContact),
        }),
        Target::Updates => out.updates.push(TeamUpdate {
            source,
            team: row.required(F::Team)?.to_string(),
            date: row.date(F::Date),
            status: row.text_or_empty(F::Status).to_lowercase(),
            summary: row.text_or_empty(F::Summary),
        }),
        Target::Decisions => out.decisions.push(Decision {
            source,
            decision: row.required(F::Decision)?.to_string(),
            team: row.text_or_empty(F::Team),
            level: row.parse(F::Level, "edge, functional or executive", values::decision_level),
            raised: row.date(F::Raised),
            decided: row.date(F::Decided),
            approvals: row.people(F::Approvals),
        }),
        Target::Okrs => out.key_results.push(KeyResult {
            source,
            team: row.required(F::Team)?.to_string(),
            quarter: row.text_or_empty(F::Quarter),
            objective: row.text_or_empty(F::Objective),
            key_result: row.required(F::KeyResult)?.to_string(),
            progress: row.scale(F::Progress),
        }),
        Target::Postmortems => out.postmortem_actions.push(PostmortemAction {
            source,
            incident: row.required(F::Incident)?.to_string(),
            team: row.text_or_empty(F::Team),
            date: row.date(F::Date),
            root_cause: row.text_or_empty(F::RootCause),
            action_item: row.text_or_empty(F::ActionItem),
            action_kind: row.parse(F::ActionKind, "detect, prevent, mitigate or process", values::action_kind),
            owner: row.person(F::Owner),
            due: row.date(F::Due),
        }),
        Target::DesignDocs => out.design_docs.push(DesignDoc {
            source,
            doc: row.required(F::Doc)?.to_string(),
            team: row.text_or_empty(F::Team),
            author: row.person(F::Author).unwrap_or_default(),
            date: row.date(F::Date),
            approvers: row.people(F::Approvers),
            required_approvers: row.people(F::RequiredApprovers),
        }),
        Target::Interventions => out.interventions.push(Intervention {
            source,
            team: row.required(F::Team)?.to_string(),
            started: row.date(F::Started),
            planned_end: row.date(F::PlannedEnd),
            ended: row.date(F::Ended),
            exit_criterion: row.text(F::ExitCriterion).map(str::to_string),
            reason: row.text_or_empty(F::Reason),
        }),
    }
    Ok(())
}

fn work_item(row: &mut Row, source: RowRef) -> Result<WorkItem, Skip> {
    let key = row.required(F::Key)?.to_string();
    let status = row.text_or_empty(F::Status);
    // An explicit category column (Jira) is authoritative; otherwise the
    // status word decides when it is a well-known one.
    let category = row
        .parse(F::StatusCategory, "a status category (To Do, In Progress, Done)", values::status_category)
        .or_else(|| values::status_category(&status));
    Ok(WorkItem {
        source,
        key,
        title: row.text_or_empty(F::Title),
        item_type: row.text_or_empty(F::ItemType),
        status,
        category,
        assignee: row.person(F::Assignee),
        team: row.text(F::Team).map(|t| values::last_path_segment(t).to_string()),
        created: row.timestamp(F::Created),
        started: row.timestamp(F::Started),
        resolved: row.timestamp(F::Resolved),
        estimate: row.parse(F::Estimate, "a number", values::estimate).flatten(),
        sprints: row.list(F::Sprint, false),
        labels: row.list(F::Labels, true),
        time_in_status: row.parse(F::TimeInStatus, "a Jira time-in-status chart", values::time_in_status).unwrap_or_default(),
        activity: IssueActivity {
            // Entries are `;`-separated inside, so a cell is one entry.
            comments: row.list(F::Comments, false),
            watchers: row.people(F::Watchers),
            work_log: row.list(F::WorkLog, false),
            attachments: row.list(F::Attachments, false),
        }
        .boxed(),
    })
}

fn pull_request(row: &mut Row, source: RowRef) -> Result<PullRequest, Skip> {
    let number = row.required(F::Number)?.trim_start_matches('#').to_string();
    let repo = match row.text(F::Repo) {
        Some(repo) => repo.to_string(),
        None => row.text(F::Url).and_then(values::repo_from_url).unwrap_or_default(),
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
    Ok(PullRequest {
        source,
        number,
        repo,
        title: row.text_or_empty(F::Title),
        author: row.person(F::Author).unwrap_or_default(),
        created: row.timestamp(F::CreatedAt),
        merged,
        closed,
        state,
        requested_reviewers: row.people(F::RequestedReviewers),
        reviewers: row.people(F::Reviewers),
        first_review: row.timestamp(F::FirstReviewAt),
    })
}
