//! GitHub pull requests: CSV with snake_case or camelCase columns (and
//! teamdiff's own `pull_requests.csv`), and the JSON array printed by
//!
//! ```text
//! gh pr list --state all --limit 1000 \
//!   --json number,title,author,createdAt,mergedAt,closedAt,state,reviewRequests,reviews
//! ```
//!
//! The JSON is flattened into the same columns a CSV would have (see the
//! `json` module), so one table serves both. Only the `reviews` array needs
//! GitHub knowledge: it yields the first-review time and one review row
//! per review, which is what [`gh_reviews`] extracts.

use serde_json::Value;

use super::super::fields::Field::*;
use super::{opt, req, Format, Template};
use crate::ingest::json::bot_marked;

pub static GITHUB_PRS: Format = Format {
    columns: &[
        req(Number, &["number", "pr number", "pr", "pull request", "pull number", "id", "#"]),
        opt(Repo, &["repo", "repository", "repo name", "repository name", "base repo"]),
        // REST's `url` is the API's; `html_url` is the page (gh's `url`).
        opt(Url, &["html url", "url", "link"]),
        opt(Title, &["title"]),
        opt(Author, &["author", "user", "author login", "user login", "login", "creator", "opened by"]),
        req(CreatedAt, &["created_at", "createdAt", "created", "opened at", "opened"]),
        opt(MergedAt, &["merged_at", "mergedAt", "merged"]),
        opt(ClosedAt, &["closed_at", "closedAt", "closed"]),
        opt(State, &["state", "status"]),
        opt(RequestedReviewers, &["requested_reviewers", "reviewRequests", "review requests", "requested reviewers"]),
        opt(Reviewers, &["reviewers", "reviews", "reviewed by"]),
        opt(
            FirstReviewAt,
            &["first_review_at", "firstReviewAt", "first review time", "first review", "first reviewed at"],
        ),
    ],
    absent: &[],
    template: Some(Template {
        file: "pull_requests.csv",
        csv: concat!(
            "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n",
            "412,acme/payments,Retry card captures,ada,2026-03-02T09:15:00Z,2026-03-03T16:40:00Z,",
            "2026-03-03T16:40:00Z,merged,grace;linus,grace\n",
        ),
    }),
};

/// One element of a PR's `reviews` array, still as text.
pub struct GhReview {
    pub reviewer: String,
    pub state: String,
    pub submitted_at: String,
}

/// The reviews of one `gh pr list` object, in array order. Reviews without
/// an author (deleted users) are kept under `ghost`, GitHub's own name for them.
pub fn gh_reviews(object: &serde_json::Map<String, Value>) -> Vec<GhReview> {
    let Some(Value::Array(reviews)) = object.get("reviews") else { return Vec::new() };
    reviews
        .iter()
        .filter_map(Value::as_object)
        .map(|review| GhReview {
            reviewer: ["author", "user"]
                .iter()
                .find_map(|key| {
                    let account = review.get(*key)?.as_object()?;
                    Some(bot_marked(account, account.get("login")?.as_str()?))
                })
                .unwrap_or_else(|| "ghost".to_string()),
            state: review.get("state").and_then(Value::as_str).unwrap_or("").to_string(),
            submitted_at: ["submittedAt", "submitted_at"]
                .iter()
                .find_map(|key| review.get(*key)?.as_str())
                .unwrap_or("")
                .to_string(),
        })
        .collect()
}
