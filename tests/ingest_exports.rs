//! Tool exports as they come: Jira, Linear, GitLab, Azure DevOps, GitHub.

mod common;

use common::*;
use teamdiff::dataset::{FileKind, PrState, StatusCategory};

#[test]
fn jira_all_fields_keeps_repeats_and_reads_charts() {
    let d = load("jira_all_fields.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Jira);
    assert_eq!((r.rows, r.kept, r.skipped), (4, 3, 1), "{r:#?}");
    let w = &d.work_items[0];
    assert_eq!(w.key(), "PAY-101");
    assert_eq!(w.title(), "Fix checkout, retries");
    assert_eq!(w.item_type, "Bug");
    assert_eq!(w.category, Some(StatusCategory::Done));
    assert_eq!(w.assignee.as_deref(), Some("Ada Lovelace"));
    assert_eq!(w.team.as_deref(), Some("Checkout"), "the Team field beats the project");
    assert_eq!(w.created, Some(ts("2025-11-28 17:03")));
    assert_eq!(w.resolved, Some(ts("2025-12-01 08:59")));
    assert_eq!(w.estimate.get(), Some(3.0));
    assert_eq!(*w.sprints, ["PAY Sprint 12", "PAY Sprint 13"]);
    assert_eq!(*w.labels, ["backend", "urgent"]);
    assert_eq!(w.time_in_status().len(), 2);
    assert_eq!((w.time_in_status()[0].status_id.as_str(), w.time_in_status()[0].millis), ("10011", 804990));
    let activity = w.activity().expect("comments, watchers and work log are kept");
    assert_eq!(activity.comments, ["28/Nov/25 5:10 PM;557058:abc;Looks good, ship it", "29/Nov/25 10:00 AM;557058:def;Merged"]);
    assert_eq!(activity.watchers, ["ada", "grace"]);
    assert_eq!(activity.work_log, ["01/Dec/25 8:00 AM;557058:abc;7200"]);
    assert!(activity.attachments.is_empty());
    for field in ["comments", "watchers", "work_log", "attachments"] {
        let repeats = r.mapping.iter().filter(|(_, f)| f == field).count();
        assert_eq!(repeats, if field == "work_log" || field == "attachments" { 1 } else { 2 }, "{field}: every column is mapped");
    }

    let story = &d.work_items[1];
    assert_eq!(story.title(), "Add \"3DS\" support\nfor EU cards");
    assert_eq!(story.team.as_deref(), Some("Payments"), "no Team value: the project name");
    assert_eq!(story.category, Some(StatusCategory::InProgress));
    assert_eq!(story.time_in_status()[0].millis, 0, "-1 duration is no measurement");
    assert_eq!(story.source.line, 3);
    let attached = &story.activity().expect("an attachment is kept").attachments;
    assert_eq!(attached.len(), 1);
    assert!(attached[0].ends_with(";3ds-flow.png;https://example.atlassian.net/secure/attachment/10200/3ds-flow.png"));
    assert!(d.work_items[2].extras.is_none(), "nothing to keep: no box");

    // The quoted newline in row 2 puts row 3 on line 5.
    assert!(warned(r, 5, 34, "not a Jira time-in-status chart"), "{r:#?}");
    assert!(warned(r, 6, 2, "no key"), "{r:#?}");
    let sprint_cols: Vec<_> = r.mapping.iter().filter(|(_, f)| f == "sprint").collect();
    assert_eq!(sprint_cols.len(), 2, "both Sprint columns are mapped");
}

#[test]
fn jira_current_fields_with_crlf() {
    let d = load("jira_current_fields.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Jira);
    assert_eq!(r.kept, 2);
    assert_eq!(d.work_items[0].estimate.get(), Some(2.0), "Story point estimate");
    assert_eq!(d.work_items[0].category, Some(StatusCategory::InProgress));
    assert_eq!(d.work_items[0].status, "Code Review");
    assert_eq!(d.work_items[1].assignee, None);
    assert_eq!(d.work_items[1].source.line, 3);
}

#[test]
fn jira_spanish_headers_and_months() {
    let d = load("jira_es.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Jira, "{r:#?}");
    assert_eq!(r.kept, 2);
    let w = &d.work_items[0];
    assert_eq!(w.key(), "PAGO-1");
    assert_eq!(w.title(), "Arreglar el pago");
    assert_eq!(w.created, Some(ts("2025-11-10 16:51")));
    assert_eq!(w.resolved, Some(ts("2025-12-12 12:30")));
    assert_eq!(w.category, Some(StatusCategory::Done));
    assert_eq!(w.team.as_deref(), Some("Pagos"));
    assert_eq!(*w.sprints, ["PAGO Sprint 1", "PAGO Sprint 2"]);
    assert_eq!(*w.labels, ["pagos", "urgente"]);
    assert_eq!(w.estimate.get(), Some(3.0));
    assert_eq!(d.work_items[1].created, Some(ts("2026-01-03 09:05")));
    assert_eq!(d.work_items[1].category, Some(StatusCategory::InProgress));
    assert!(r.warnings.is_empty(), "{r:#?}");
}

#[test]
fn linear_strips_formula_guards_and_reads_iso() {
    let d = load("linear.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Linear);
    assert_eq!(r.kept, 3);
    let w = &d.work_items;
    assert_eq!(w[0].title(), "=cost * 2 formula");
    assert_eq!(w[1].title(), "-1 regression in search");
    assert_eq!(w[2].title(), "@mentions break");
    assert_eq!(w[2].assignee.as_deref(), Some("cy"), "'@cy is the person cy");
    assert_eq!(w[0].team.as_deref(), Some("Engineering"));
    assert_eq!(w[2].team.as_deref(), Some("Design"));
    assert_eq!(*w[0].labels, ["Bug", "Frontend"]);
    assert_eq!(*w[0].sprints, ["Cycle 7"]);
    assert_eq!(w[0].created, Some(ts("2025-11-01 09:12") + chrono::Duration::milliseconds(45_123)));
    assert_eq!(w[0].started(), Some(ts("2025-11-04 08:00")));
    assert_eq!(w[0].resolved, Some(ts("2025-11-10 10:00")));
    assert_eq!(w[1].resolved, Some(ts("2025-11-05 09:00")), "cancelled counts as resolved");
    assert_eq!(w[1].category, Some(StatusCategory::Done));
    assert_eq!(w[2].category, Some(StatusCategory::InProgress));
}

#[test]
fn linear_thirty_columns() {
    let d = load("linear_30col.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Linear);
    assert_eq!(r.kept, 2);
    assert_eq!(d.work_items[0].category, Some(StatusCategory::Todo));
    assert_eq!(d.work_items[1].resolved, Some(ts("2025-11-28 09:00")));
    assert_eq!(*d.work_items[1].sprints, ["Ops cycle 3"]);
}

#[test]
fn gitlab_issues() {
    let d = load("gitlab_issues.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GitlabIssues);
    let w = &d.work_items;
    assert_eq!(w[0].key(), "101");
    assert_eq!(w[0].resolved, Some(ts("2025-11-10 10:00")));
    assert_eq!(*w[0].labels, ["bug", "backend"]);
    assert_eq!(*w[0].sprints, ["Sprint 14"]);
    assert_eq!(w[0].estimate.get(), Some(3.0));
    assert_eq!(w[0].category, Some(StatusCategory::Done));
    assert_eq!(w[1].estimate.get(), None, "-1 weight means none");
    assert_eq!(w[1].category, Some(StatusCategory::Todo));
}

#[test]
fn gitlab_mrs_say_merge_time_is_missing() {
    let d = load("gitlab_mrs.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GitlabMrs);
    assert!(r.warnings.iter().any(|w| w.line == 0 && w.message.contains("no merged-at column")), "{r:#?}");
    let prs = &d.pull_requests;
    assert_eq!(prs[0].number(), "55");
    assert_eq!(prs[0].repo, "acme/web");
    assert_eq!(prs[0].state, PrState::Merged);
    assert_eq!(prs[0].merged, None, "not guessed from Updated At");
    assert_eq!(*prs[0].reviewers, ["Bo Chen", "Cy Diaz"]);
    assert_eq!(prs[1].state, PrState::Open);
    assert_eq!(prs[2].state, PrState::Closed);
}

#[test]
fn azure_devops_names_area_paths_and_us_dates() {
    let d = load("azure_devops.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::AzureDevops);
    let w = &d.work_items;
    assert_eq!(w[0].assignee.as_deref(), Some("Ana Ruiz"));
    assert_eq!(w[0].team.as_deref(), Some("Checkout"));
    assert_eq!(w[1].team.as_deref(), Some("Cart"));
    assert_eq!(w[2].team.as_deref(), Some("Fabrikam"));
    assert_eq!(*w[0].labels, ["frontend", "perf"]);
    assert_eq!(*w[0].sprints, ["Fabrikam\\Sprint 21"]);
    assert_eq!(w[0].created, Some(ts("2025-11-28 17:03")));
    assert_eq!(w[1].resolved, Some(ts("2025-11-06 16:30")));
    assert_eq!(w[0].started(), Some(ts("2025-12-01 09:00")));
    assert_eq!(w[0].category, Some(StatusCategory::InProgress));
    assert_eq!(w[0].estimate.get(), Some(5.0));
    // 11/28 forces month/day for Created Date, and the report says so.
    assert!(r.warnings.iter().any(|x| x.column == 9 && x.message.contains("month/day/year")), "{r:#?}");
}

#[test]
fn gh_pr_list_json() {
    let d = load("gh_pr_list.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs);
    assert_eq!((r.rows, r.kept), (3, 3));
    let prs = &d.pull_requests;
    assert_eq!(prs[0].number(), "501");
    assert_eq!(prs[0].author, "ana");
    assert_eq!(prs[0].state, PrState::Merged);
    assert_eq!(prs[0].first_review(), Some(ts("2025-11-20 13:30")), "earliest submittedAt");
    assert_eq!(*prs[0].reviewers, ["cy", "bo"]);
    assert_eq!(*prs[1].requested_reviewers(), ["ana", "Payments Core"]);
    assert_eq!(prs[1].state, PrState::Open);
    assert_eq!(prs[2].merged, None, "Go's zero time means never");
    assert_eq!(prs[2].state, PrState::Closed);
    assert_eq!(prs[2].author, "app/dependabot");
    assert_eq!(d.reviews.len(), 2);
    assert_eq!(d.reviews[1].reviewer, "bo");
    assert_eq!(d.reviews[1].pr, "501");
    assert_eq!(d.reviews[1].state, "COMMENTED");
    assert_eq!(d.reviews[0].source, prs[0].source);
    assert_eq!(d.cite(prs[1].source), "gh_pr_list.json:49");
}
