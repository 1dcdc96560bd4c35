//! The twelve teamdiff templates, end to end.

mod common;

use common::*;
use teamdiff::dataset::{ActionKind, DecisionLevel, FileKind, PrState};
use teamdiff::ingest::{template_csv, KINDS};

#[test]
fn every_template_download_loads_as_its_kind() {
    let kinds: Vec<FileKind> = KINDS.iter().map(|spec| spec.kind).filter(|&kind| template_csv(kind).is_some()).collect();
    assert_eq!(kinds.len(), 12, "one template per teamdiff format: {kinds:?}");
    for kind in kinds {
        let text = template_csv(kind).unwrap();
        let d = load_str("template.csv", text);
        let r = report(&d);
        assert_eq!(r.kind, kind, "{text}");
        assert_eq!((r.rows, r.kept), (1, 1), "{r:#?}");
        assert!(r.warnings.iter().all(|w| w.line == 0), "template example row warns: {r:#?}");
    }
    assert!(template_csv(FileKind::Jira).is_none());
}

#[test]
fn teams_keep_extra_columns_and_skip_nameless_rows() {
    let d = load("teams.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Teams);
    assert_eq!((r.rows, r.kept, r.skipped), (3, 2, 1));
    assert!(warned(r, 4, 1, "no team"), "{r:#?}");
    assert_eq!(d.teams[0].name, "Payments");
    assert_eq!(d.teams[0].flavor, "stream-aligned");
    assert_eq!(d.teams[0].extra.get("quiet_days").map(String::as_str), Some("10"));
    assert_eq!(d.teams[0].extra.get("review_hours").map(String::as_str), Some("24"));
    assert!(!d.teams[1].extra.contains_key("quiet_days"), "empty overrides are not kept");
    assert_eq!(d.teams[1].source.line, 3);
}

#[test]
fn roster_semicolons_and_email_names() {
    let d = load("roster.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Roster);
    assert_eq!((r.rows, r.kept, r.skipped), (4, 3, 1));
    assert_eq!(d.people[1].name, "Grace Hopper");
    assert_eq!(d.people[1].role, "tech lead");
    assert_eq!(teamdiff::dataset::Index::new(&d).team_of("Linus Torvalds"), Some("Platform"));
}

#[test]
fn roles_vacancies_and_criticality() {
    let d = load("roles.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Roles);
    assert_eq!(r.kept, 4);
    assert!(d.roles[0].critical && d.roles[0].holder.as_deref() == Some("Ada Lovelace"));
    assert_eq!(d.roles[1].holder, None, "empty holder is vacant");
    assert!(d.roles[2].critical && d.roles[2].holder.is_none(), "N/A holder is vacant");
    assert!(!d.roles[3].critical);
    assert!(warned(r, 5, 3, "\"maybe\" is not yes or no"), "{r:#?}");
}

#[test]
fn pull_requests_template() {
    let d = load("pull_requests.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs);
    assert_eq!((r.rows, r.kept, r.skipped), (5, 4, 1));
    let pr = &d.pull_requests[0];
    assert_eq!(pr.number(), "412");
    assert_eq!(pr.title(), "Retry card captures, safely");
    assert_eq!(pr.state, PrState::Merged, "closed with a merge time is merged");
    assert_eq!(*pr.requested_reviewers(), ["grace", "linus"]);
    assert_eq!(pr.first_review(), Some(ts("2026-03-02 11:00")));
    let multi = &d.pull_requests[1];
    assert_eq!(multi.title(), "Multi-line\ntitle");
    assert_eq!(multi.merged, None, "null is empty");
    assert_eq!(multi.state, PrState::Open);
    assert_eq!(*d.pull_requests[2].reviewers, ["ada", "grace"]);
    assert_eq!(d.pull_requests[2].created, Some(ts("2026-03-05 08:00")));
    assert_eq!(d.pull_requests[2].state, PrState::Closed);
    // The quoted newline makes row 3 start on line 4.
    assert_eq!(d.pull_requests[2].source.line, 5);
    assert!(warned(r, 6, 1, "no number"), "{r:#?}");
    assert!(warned(r, 7, 5, "\"yesterday\" is not a date"), "{r:#?}");
    assert_eq!(d.pull_requests[3].created, None);
}

#[test]
fn github_camel_case_csv() {
    let d = load("github_prs_camel.csv");
    assert_eq!(report(&d).kind, FileKind::GithubPrs);
    assert_eq!(d.pull_requests[0].state, PrState::Merged);
    assert_eq!(d.pull_requests[0].merged, Some(ts("2025-11-21 12:00")));
    assert_eq!(*d.pull_requests[1].requested_reviewers(), ["ana", "cy"]);
}

#[test]
fn reviews_template() {
    let d = load("reviews.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Reviews);
    assert_eq!((r.kept, r.skipped), (3, 1));
    assert_eq!(d.reviews[2].pr, "414");
    assert_eq!(d.reviews[2].submitted, Some(ts("2026-03-06 08:00")), "epoch seconds");
    assert!(warned(r, 5, 2, "no reviewer"));
}

#[test]
fn stakeholder_scales_are_normalised() {
    let d = load("stakeholders.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Stakeholders);
    let s = &d.stakeholders;
    assert_eq!(s[0].power, Some(1.0));
    assert_eq!(s[1].power, Some(0.5));
    assert_eq!(s[2].power, Some(0.0));
    assert_eq!(s[0].interest, Some(0.75));
    assert_eq!(s[1].interest, Some(0.25));
    assert_eq!(s[2].interest, Some(0.8));
    assert_eq!(s[3].interest, Some(0.5));
    assert_eq!(s[0].last_contact, Some(day("2026-02-20")));
    assert!(warned(r, 5, 5, "\"not yet\" is not a date"), "{r:#?}");
    assert!(r.warnings.iter().any(|w| w.line == 0 && w.column == 3 && w.message.contains("1–5")), "{r:#?}");
}

#[test]
fn updates_decisions_okrs() {
    let d = load("updates.csv");
    assert_eq!(report(&d).kind, FileKind::Updates);
    assert_eq!(d.updates[1].status, "yellow");
    assert_eq!(d.updates[1].summary, "Migration slipping; waiting on \"infra\" review");

    let d = load("decisions.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Decisions);
    assert_eq!(d.decisions[0].level, Some(DecisionLevel::Functional));
    assert_eq!(d.decisions[0].approvals, ["Grace Hopper", "Linus Torvalds"]);
    assert_eq!(d.decisions[1].level, Some(DecisionLevel::Executive));
    assert_eq!(d.decisions[1].decided, None);
    assert_eq!(d.decisions[2].level, None);
    assert!(warned(r, 4, 3, "galactic"));

    let d = load("okrs.csv");
    assert_eq!(report(&d).kind, FileKind::Okrs);
    let p: Vec<_> = d.key_results.iter().map(|k| k.progress).collect();
    assert_eq!(p, [Some(0.4), Some(0.7), Some(0.25)]);
    assert_eq!(d.key_results[0].quarter, "2026-Q2");

    let d = load("okrs_percent.csv");
    let p: Vec<_> = d.key_results.iter().map(|k| k.progress).collect();
    assert_eq!(p, [Some(0.4), Some(1.0)], "a column going above 1 is percent");
}

#[test]
fn postmortems_design_docs_interventions() {
    let d = load("postmortems.csv");
    assert_eq!(report(&d).kind, FileKind::Postmortems);
    assert_eq!(d.postmortem_actions.len(), 3);
    assert_eq!(d.postmortem_actions[0].action_kind, Some(ActionKind::Detect));
    assert_eq!(d.postmortem_actions[1].owner, None);
    assert_eq!(d.postmortem_actions[2].action_kind, Some(ActionKind::Process));
    assert_eq!(d.postmortem_actions[0].due, Some(day("2026-02-01")));

    let d = load("design_docs.csv");
    assert_eq!(report(&d).kind, FileKind::DesignDocs);
    assert_eq!(d.design_docs[0].required_approvers, ["Grace Hopper", "Linus Torvalds"]);
    assert_eq!(d.design_docs[1].approvers, ["Ada Lovelace", "Grace Hopper"]);

    let d = load("interventions.csv");
    assert_eq!(report(&d).kind, FileKind::Interventions);
    assert_eq!(d.interventions[0].ended, None);
    assert_eq!(d.interventions[0].exit_criterion.as_deref(), Some("On-call pages below 5 a week"));
    assert_eq!(d.interventions[1].exit_criterion, None);
    assert_eq!(d.interventions[1].ended, Some(day("2026-01-10")));
}

#[test]
fn files_append_and_cite() {
    let mut d = teamdiff::dataset::Dataset::default();
    for name in ["teams.csv", "roster.csv"] {
        let bytes = fixture("ingest", name);
        teamdiff::ingest::ingest_file(&mut d, name, &bytes, &Default::default(), &mut |_, _| {}).unwrap();
    }
    assert_eq!(d.files.len(), 2);
    assert_eq!(d.people[0].source.file, 1);
    assert_eq!(d.cite(d.people[0].source), "roster.csv:2");
}

#[test]
fn teams_take_a_group_column_and_an_old_group_only_file_still_names_teams() {
    use teamdiff::dataset::Index;
    let d = load_str("teams.csv", "team,flavor,department,quiet_days\nPayments,stream-aligned,Commerce,10\nLedger,infra,,\n");
    assert_eq!(report(&d).kind, FileKind::Teams);
    assert_eq!((d.teams[0].name.as_str(), d.teams[0].group.as_str()), ("Payments", "Commerce"));
    assert!(!d.teams[0].extra.contains_key("department"), "the group is not a norm override");
    let index = Index::new(&d);
    assert_eq!((index.group_of("Payments"), index.group_of("Ledger")), (Some("Commerce"), None));

    let both = load_str("teams.csv", "group,team,flavor\nCommerce,Payments,stream-aligned\n");
    assert_eq!((both.teams[0].name.as_str(), both.teams[0].group.as_str()), ("Payments", "Commerce"));

    let old = load_str("teams.csv", "group,flavor,quiet_days\nPayments,stream-aligned,10\n");
    let r = report(&old);
    assert_eq!((r.kind, r.kept), (FileKind::Teams, 1), "{r:#?}");
    assert_eq!((old.teams[0].name.as_str(), old.teams[0].group.as_str()), ("Payments", ""));
    assert!(!Index::new(&old).has_groups());
}
