//! GitHub JSON in every shape it comes in (gh and REST, camelCase and
//! snake_case, wrapper objects, GraphQL dumps), and CSVs loaded at once with
//! a confident guessed mapping.

mod common;

use common::*;
use teamdiff::dataset::{FileKind, PrState};
use teamdiff::ingest::{suggest_mapping, IngestOptions};

fn refusal(name: &str) -> teamdiff::ingest::IngestError {
    refused(name, &fixture("ingest", name))
}

fn refused(name: &str, bytes: &[u8]) -> teamdiff::ingest::IngestError {
    match ingest_bytes(name, bytes, &IngestOptions::default()) {
        Ok((dataset, _)) => panic!("{name} loaded: {:#?}", report(&dataset)),
        Err(error) => error,
    }
}

#[test]
fn rest_pull_request_list_in_snake_case() {
    let d = load("gh_rest_pulls.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs);
    assert_eq!((r.rows, r.kept), (3, 3), "{r:#?}");
    let prs = &d.pull_requests;
    let numbers: Vec<&str> = prs.iter().map(|pr| pr.number()).collect();
    assert_eq!(numbers, ["42", "43", "44"], "`number`, not the internal `id`");
    assert_eq!(prs[0].author, "ana", "user.login");
    assert_eq!(prs[0].repo, "acme/payments", "from html_url");
    assert_eq!(prs[0].created, Some(ts("2025-11-03 09:15")));
    assert_eq!(prs[0].merged, Some(ts("2025-11-04 16:40")));
    assert_eq!(prs[0].state, PrState::Merged);
    assert_eq!(*prs[0].requested_reviewers(), ["bo"]);
    assert_eq!(*prs[1].requested_reviewers(), ["ana", "bo"]);
    assert_eq!((prs[1].state, prs[1].merged, prs[1].closed), (PrState::Open, None, None), "nulls are empty");
    assert_eq!(prs[2].author, "dependabot[bot]");
    assert_eq!(prs[2].state, PrState::Closed, "REST closed without merged_at");
    assert_eq!(d.cite(prs[1].source), "gh_rest_pulls.json:44");
}

#[test]
fn rest_review_array_takes_its_pr_from_the_url() {
    let d = load("gh_rest_reviews.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Reviews, "{r:#?}");
    assert_eq!((r.rows, r.kept), (3, 3), "{r:#?}");
    let rows: Vec<(&str, &str, &str)> =
        d.reviews.iter().map(|v| (v.pr.as_str(), v.reviewer.as_str(), v.state.as_str())).collect();
    assert_eq!(rows, [("42", "bo", "CHANGES_REQUESTED"), ("42", "cy", "COMMENTED"), ("42", "bo", "APPROVED")]);
    assert_eq!(d.reviews[0].submitted.map(|t| t.to_string()).as_deref(), Some("2025-11-03 14:02:11"));
    assert_eq!(d.cite(d.reviews[2].source), "gh_rest_reviews.json:41");
}

#[test]
fn gh_pr_view_reviews_wrapper_names_the_pr_once() {
    let d = load("gh_pr_view_reviews.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Reviews, "{r:#?}");
    assert_eq!((r.rows, r.kept), (2, 2), "{r:#?}");
    let rows: Vec<(&str, &str, &str)> =
        d.reviews.iter().map(|v| (v.pr.as_str(), v.reviewer.as_str(), v.state.as_str())).collect();
    assert_eq!(rows, [("1234", "grace", "COMMENTED"), ("1234", "linus", "APPROVED")]);
    assert_eq!(d.reviews[1].submitted, Some(ts("2025-10-02 17:45")));
    assert_eq!(d.cite(d.reviews[1].source), "gh_pr_view_reviews.json:15");
}

#[test]
fn rest_search_results_read_the_merge_time_inside_pull_request() {
    let d = load("gh_search_prs.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs, "{r:#?}");
    assert_eq!((r.rows, r.kept), (2, 2), "{r:#?}");
    let prs = &d.pull_requests;
    assert_eq!((prs[0].number(), prs[0].author.as_str()), ("310", "ada"));
    assert_eq!(prs[0].merged, Some(ts("2025-09-12 09:59")));
    assert_eq!(prs[0].state, PrState::Merged);
    assert_eq!(prs[0].repo, "acme/web");
    assert_eq!((prs[1].merged, prs[1].state), (None, PrState::Closed));
    assert_eq!(prs[1].created, Some(ts("2025-09-11 13:30")));
}

#[test]
fn graphql_nodes_with_nested_reviews_become_prs_and_review_rows() {
    let d = load("gh_graphql_prs.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs, "{r:#?}");
    assert_eq!((r.rows, r.kept), (2, 2), "{r:#?}");
    let prs = &d.pull_requests;
    assert_eq!((prs[0].number(), prs[0].author.as_str()), ("88", "linus"));
    assert_eq!(prs[0].state, PrState::Merged);
    assert_eq!(*prs[0].requested_reviewers(), ["ada", "API Guild"]);
    assert_eq!(*prs[0].reviewers, ["grace", "ada"]);
    assert_eq!(prs[0].first_review(), Some(ts("2025-08-01 15:00")));
    assert_eq!((prs[1].number(), prs[1].author.as_str(), prs[1].state), ("89", "", PrState::Open));
    let rows: Vec<(&str, &str, &str)> =
        d.reviews.iter().map(|v| (v.pr.as_str(), v.reviewer.as_str(), v.state.as_str())).collect();
    assert_eq!(rows, [("88", "grace", "CHANGES_REQUESTED"), ("88", "ada", "APPROVED")]);
    assert_eq!(d.reviews[1].submitted, Some(ts("2025-08-02 10:30")));
}

#[test]
fn a_pr_list_without_dates_is_still_pull_requests_with_a_warning_where() {
    let d = load("gh_pr_list_no_dates.json");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::GithubPrs, "never taken for reviews: {r:#?}");
    assert_eq!((r.rows, r.kept), (2, 2));
    assert!(d.reviews.is_empty());
    assert_eq!((d.pull_requests[1].number(), d.pull_requests[1].author.as_str()), ("8", "bo"));
    assert_eq!(d.pull_requests[0].title(), "Tidy the README");
    assert!(warned(r, 2, 3, "no `createdAt`"), "{:#?}", r.warnings);
}

#[test]
fn reviews_that_name_no_pr_are_refused_where_they_start() {
    let error = refusal("gh_reviews_no_pr.json");
    assert_eq!((error.line, error.column), (2, 3), "{error}");
    assert!(error.message.contains("GitHub reviews"), "{error}");
    assert!(error.message.contains("pull_request_url"), "{error}");
}

#[test]
fn an_object_without_a_known_array_is_refused_naming_the_shapes() {
    let error = refused("x.json", b"\n  {\"message\": \"Not Found\", \"status\": \"404\"}");
    assert_eq!((error.line, error.column), (2, 3), "{error}");
    assert!(error.message.contains("data.repository.pullRequests.nodes"), "{error}");
    let broken = refused("y.json", b"{\"items\": [\n  {\"number\": 1,}\n]}");
    assert_eq!(broken.line, 2, "{broken}");
}

// ---- confident auto-mapping

fn headers(list: &str) -> Vec<String> {
    list.split(',').map(String::from).collect()
}

#[test]
fn a_confident_mapping_loads_at_once_and_says_so() {
    let d = load("reviews_rest.csv");
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Reviews, "{r:#?}");
    assert_eq!((r.rows, r.kept), (3, 3));
    let rows: Vec<(&str, &str)> = d.reviews.iter().map(|v| (v.pr.as_str(), v.reviewer.as_str())).collect();
    assert_eq!(rows, [("42", "bo"), ("42", "bo"), ("43", "cy")]);
    assert_eq!(d.reviews[2].submitted, Some(ts("2025-11-05 12:00")));
    let note = r.warnings.iter().find(|w| w.message.contains("loaded with a guessed mapping")).expect("said");
    assert!(note.message.contains("reviewer_login → reviewer") && note.message.contains("pr_id → pr"), "{}", note.message);
    let mapped: Vec<(&str, &str)> = r.mapping.iter().map(|(h, f)| (h.as_str(), f.as_str())).collect();
    assert!(mapped.contains(&("reviewer_login", "reviewer")) && mapped.contains(&("pr_id", "pr")), "{mapped:?}");
    let suggestion = r.suggestion.as_ref().expect("kept, so the mapping can be changed");
    assert_eq!(suggestion.kind, FileKind::Reviews);
    let reviewer = suggestion.columns.iter().find(|c| c.header == "reviewer_login").unwrap();
    assert_eq!(reviewer.samples, ["bo", "cy"], "example values to check the guess by");
}

#[test]
fn an_ambiguous_header_row_waits_for_the_user() {
    // `Squad Name` is a team for Teams, Roster and Roles alike; `Engineer
    // Name` a person, `Team Type` a flavor: Roster and Teams both fit.
    let text = "Engineer Name,Squad Name,Team Type\nAda,Payments,stream-aligned\n";
    let d = load_str("ambiguous.csv", text);
    let r = report(&d);
    assert_eq!(r.kind, FileKind::Unknown, "{r:#?}");
    assert!(r.warnings.iter().all(|w| !w.message.contains("guessed")), "{:#?}", r.warnings);
    assert!(r.suggestion.is_some());
}

#[test]
fn a_weakly_matched_required_field_waits_for_the_user() {
    // `Pull No` is only similar to `pull number` (below 0.9): the PR column
    // is a guess the user must confirm, however sure the others are.
    let list = headers("Pull No,Reviewer,State,Submitted");
    let s = suggest_mapping(&list);
    assert_eq!(s.kind, FileKind::Reviews, "{s:?}");
    let pr = &s.columns[0];
    assert!(pr.field.as_deref() == Some("pr") && pr.score < 0.9, "{pr:?}");
    assert!(s.columns[1..].iter().all(|c| c.score == 1.0), "{s:?}");
    let d = load_str("weak.csv", "Pull No,Reviewer,State,Submitted\n42,bo,APPROVED,2025-11-03\n");
    assert_eq!(report(&d).kind, FileKind::Unknown, "{:#?}", report(&d));
    assert!(d.reviews.is_empty());

    // A one-letter typo of a long name is within 0.9: confident.
    let d = load_str("typo.csv", "PR,Reviewr,State,Submitted\n42,bo,APPROVED,2025-11-03\n");
    assert_eq!((report(&d).kind, d.reviews.len()), (FileKind::Reviews, 1), "{:#?}", report(&d));
}
