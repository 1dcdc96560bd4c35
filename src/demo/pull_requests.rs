//! Pull requests and their reviews: `pull_requests.csv` and `reviews.csv`.
//! Healthy history merges every few working days with quick reviews
//! spread over the team; the scenarios add quiet contributors, waiting PRs
//! and reviews concentrated on a pair.

use chrono::{Duration, NaiveDateTime};

use super::{at, is_workday, workdays_before, Generator, LastMerge, Team};

impl Generator {
    pub(super) fn pr_row(&mut self, team: &Team, author: &str, created: NaiveDateTime, merged: Option<NaiveDateTime>, requested: &[&str], reviewers: &[&str]) -> u64 {
        let number = self.next_pr;
        self.next_pr += 1;
        let title = self.work_title();
        let state = if merged.is_some() { "merged" } else { "open" };
        self.files
            .pull_requests
            .int(number as i64)
            .text(&team.repo)
            .text(&title)
            .text(author)
            .timestamp(Some(created))
            .timestamp(merged)
            .timestamp(merged)
            .text(state)
            .list(requested)
            .list(reviewers)
            .end();
        number
    }

    pub(super) fn review_row(&mut self, pr: u64, reviewer: &str, state: &str, at: NaiveDateTime) {
        self.files.reviews.int(pr as i64).text(reviewer).text(state).timestamp(Some(at)).end();
    }

    /// A reviewer for `author`'s PR: the concentrated pair most of the
    /// time when there is one, anyone else on the team otherwise.
    pub(super) fn pick_reviewer<'a>(&mut self, team: &'a Team, author: &str, concentrated: bool) -> &'a str {
        let others: Vec<&str> = team.engineers.iter().map(String::as_str).filter(|e| *e != author).collect();
        if concentrated && self.rng.chance(0.9) {
            let pair: Vec<&str> = team.engineers.iter().skip(1).take(2).map(String::as_str).filter(|e| *e != author).collect();
            if !pair.is_empty() {
                return pair[self.rng.below(pair.len() as u64) as usize];
            }
        }
        others[self.rng.below(others.len() as u64) as usize]
    }

    /// Merged, reviewed PRs every one to three working days, ending as
    /// `last` says.
    pub(super) fn merge_history(&mut self, team: &Team, author: &str, last: LastMerge, concentrated: bool) {
        let stop = match last {
            LastMerge::Recent => self.today - Duration::days(1),
            LastMerge::DaysAgo(days) => self.today - Duration::days(days + 2),
        };
        let mut day = self.start + Duration::days(self.rng.between(0, 2));
        while day < stop {
            if is_workday(day) {
                let created = at(day, self.rng.between(9, 15) as u32, self.rng.between(0, 59) as u32);
                let first_review = created + Duration::minutes(self.rng.between(30, 300));
                let merged = (first_review + Duration::minutes(self.rng.between(30, 600))).min(at(stop, 18, 0));
                self.reviewed_pr(team, author, created, first_review, merged.max(first_review), concentrated);
            }
            day += Duration::days(self.rng.between(1, 3));
        }
        if let LastMerge::DaysAgo(days) = last {
            let merged_on = self.today - Duration::days(days);
            let created = at(merged_on - Duration::days(1), 10, 0);
            self.reviewed_pr(team, author, created, created + Duration::hours(3), at(merged_on, 11, 0), concentrated);
        }
    }

    pub(super) fn reviewed_pr(&mut self, team: &Team, author: &str, created: NaiveDateTime, reviewed: NaiveDateTime, merged: NaiveDateTime, concentrated: bool) {
        let reviewer = self.pick_reviewer(team, author, concentrated).to_string();
        let second = self.rng.chance(0.25).then(|| self.pick_reviewer(team, author, concentrated).to_string()).filter(|s| *s != reviewer);
        let mut reviewers = vec![reviewer.as_str()];
        reviewers.extend(second.as_deref());
        let number = self.pr_row(team, author, created, Some(merged), &[], &reviewers);
        let first_state = if second.is_some() { "COMMENTED" } else { "APPROVED" };
        self.review_row(number, &reviewer, first_state, reviewed);
        if let Some(second) = &second {
            self.review_row(number, second, "APPROVED", reviewed + Duration::minutes(45));
        }
    }

    /// An open PR created `workdays` working days before today at 09:00,
    /// with reviewers requested and no review yet.
    pub(super) fn waiting_pr(&mut self, team: &Team, author: &str, workdays: u32, requested: &[&str]) {
        let created = at(workdays_before(self.today, workdays), 9, 0);
        self.pr_row(team, author, created, None, requested, &[]);
    }
}
