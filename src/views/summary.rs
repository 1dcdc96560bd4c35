//! The headline counts of what was loaded, for the Load page and the report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Bots, Dataset, Name};
use crate::hashing::FastSet;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub files: usize,
    /// Typed rows kept across every kind, i.e. what the findings rest on.
    pub rows: usize,
    /// Rows ingest had to skip, from the file reports.
    pub skipped_rows: u64,
    pub warnings: usize,
    /// Distinct names across roster, PR authors, reviewers and assignees;
    /// bots are not people.
    pub people: usize,
    pub teams: usize,
    pub pull_requests: usize,
    pub merged_pull_requests: usize,
    /// PRs opened by bots, which every people-based tripwire leaves out.
    #[serde(default)]
    pub bot_pull_requests: usize,
    pub reviews: usize,
    pub work_items: usize,
    pub stakeholders: usize,
    pub updates: usize,
    pub decisions: usize,
    pub key_results: usize,
    pub postmortem_actions: usize,
    pub design_docs: usize,
    pub interventions: usize,
    /// Span of dated activity, so a stale export is visible at a glance.
    pub first_activity: Option<NaiveDate>,
    pub last_activity: Option<NaiveDate>,
}

impl Summary {
    /// The line that tells a leader how much of the PR traffic was bots',
    /// and that it was left out; `None` when no PR is a bot's.
    pub fn bot_note(&self) -> Option<String> {
        if self.bot_pull_requests == 0 || self.pull_requests == 0 {
            return None;
        }
        let percent = (self.bot_pull_requests as f64 * 100.0 / self.pull_requests as f64).round().max(1.0);
        Some(format!(
            "{percent} % of PRs ({} of {}) are from bots and were excluded from the people-based checks.",
            self.bot_pull_requests, self.pull_requests
        ))
    }
}

pub fn summary(dataset: &Dataset, bots: &Bots) -> Summary {
    let d = dataset;
    let rows = d.teams.len()
        + d.people.len()
        + d.roles.len()
        + d.pull_requests.len()
        + d.reviews.len()
        + d.work_items.len()
        + d.stakeholders.len()
        + d.updates.len()
        + d.decisions.len()
        + d.key_results.len()
        + d.postmortem_actions.len()
        + d.design_docs.len()
        + d.interventions.len();
    // min and max in one pass: millions of timestamps, no need to keep them.
    let span = activity_dates(d).fold(None, |span: Option<(NaiveDate, NaiveDate)>, date| {
        Some(span.map_or((date, date), |(first, last)| (first.min(date), last.max(date))))
    });
    Summary {
        files: d.files.len(),
        rows,
        skipped_rows: d.files.iter().map(|f| f.skipped).sum(),
        warnings: d.files.iter().map(|f| f.warnings.len()).sum(),
        people: distinct_people(d, bots).len(),
        teams: d.team_names().len(),
        pull_requests: d.pull_requests.len(),
        merged_pull_requests: d.pull_requests.iter().filter(|p| p.merged.is_some()).count(),
        bot_pull_requests: d.pull_requests.iter().filter(|p| bots.is_bot(&p.author)).count(),
        reviews: d.reviews.len(),
        work_items: d.work_items.len(),
        stakeholders: d.stakeholders.len(),
        updates: d.updates.len(),
        decisions: d.decisions.len(),
        key_results: d.key_results.len(),
        postmortem_actions: d.postmortem_actions.len(),
        design_docs: d.design_docs.len(),
        interventions: d.interventions.len(),
        first_activity: span.map(|(first, _)| first),
        last_activity: span.map(|(_, last)| last),
    }
}

/// The people who do the engineering work. Stakeholders and approvers are
/// deliberately not counted: they are not "the org" a leader sizes.
/// Hashed, not ordered: a 2,000-person org names people ~2.5 million times,
/// and an ordered set of them cost most of a second.
pub fn distinct_people<'d>(dataset: &'d Dataset, bots: &Bots) -> FastSet<&'d str> {
    // Names are interned per file, so most mentions of a name share one
    // allocation: each allocation is trimmed and checked for a bot once,
    // not each of the millions of mentions (a bot list lowercases each).
    let mut looked_at: FastSet<(*const u8, usize)> = FastSet::default();
    let mut people = FastSet::default();
    for name in named_people(dataset) {
        if looked_at.insert((name.as_ptr(), name.len())) {
            let name = name.trim();
            if !name.is_empty() && !bots.is_bot(name) {
                people.insert(name);
            }
        }
    }
    people
}

/// How many people [`distinct_people`] names once every name is resolved
/// to its roster person (`Index::canonical`): `areyes` and `Ana Reyes` are
/// one person once the roster or the user says so.
pub fn distinct_people_resolved(index: &crate::dataset::Index) -> usize {
    // Names repeat on every row: resolve each distinct one once.
    let names = distinct_people(index.dataset(), index.bots());
    names.into_iter().map(|name| index.canonical(name)).collect::<FastSet<&str>>().len()
}

/// Every name of a person in the files that size the org, repeats kept.
fn named_people(dataset: &Dataset) -> impl Iterator<Item = &str> {
    let roster = dataset.people.iter().map(|p| p.name.as_str());
    let authors = dataset.pull_requests.iter().map(|p| p.author.as_str());
    let pr_reviewers = dataset
        .pull_requests
        .iter()
        .flat_map(|p| p.reviewers.iter().chain(p.requested_reviewers()).map(Name::as_str));
    let reviewers = dataset.reviews.iter().map(|r| r.reviewer.as_str());
    let assignees = dataset.work_items.iter().filter_map(|w| w.assignee.as_deref());
    roster.chain(authors).chain(pr_reviewers).chain(reviewers).chain(assignees)
}

fn activity_dates(d: &Dataset) -> impl Iterator<Item = NaiveDate> + '_ {
    let pr_times = d.pull_requests.iter().flat_map(|p| [p.created, p.merged, p.closed]).flatten().map(|t| t.date());
    let review_times = d.reviews.iter().filter_map(|r| r.submitted).map(|t| t.date());
    let item_times = d.work_items.iter().flat_map(|w| [w.created, w.started(), w.resolved]).flatten().map(|t| t.date());
    let update_dates = d.updates.iter().filter_map(|u| u.date);
    let decision_dates = d.decisions.iter().flat_map(|x| [x.raised, x.decided]).flatten();
    pr_times.chain(review_times).chain(item_times).chain(update_dates).chain(decision_dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn counts_people_once_across_roles() {
        let d = synthetic::small_org();
        let s = summary(&d, &Bots::default());
        assert_eq!(s.people, distinct_people(&d, &Bots::default()).len());
        assert!(s.people >= d.people.len());
        assert_eq!(s.teams, d.team_names().len());
        assert_eq!(s.pull_requests, d.pull_requests.len());
        assert!(s.rows >= s.pull_requests + s.reviews);
        assert!(s.first_activity <= s.last_activity);
    }

    #[test]
    fn bots_are_not_people_and_their_share_of_prs_is_counted() {
        let mut fx = crate::testkit::Fixture::new();
        fx.person("Robert", "Atlas", "Software Engineer");
        fx.person("abbot", "Atlas", "Software Engineer");
        for (number, author) in [("1", "dependabot[bot]"), ("2", "Renovate[BOT]"), ("3", "app/dependabot"), ("4", "release-train"), ("5", "Robert")] {
            fx.merged_pr(number, author, "2026-01-05 10:00", "2026-01-06 10:00");
        }
        let s = summary(&fx.ds, &Bots::new(&[" Release-Train ".to_string()]));
        assert_eq!((s.people, s.pull_requests, s.bot_pull_requests), (2, 5, 4));
        let unlisted = summary(&fx.ds, &Bots::default());
        assert_eq!((unlisted.people, unlisted.bot_pull_requests), (3, 3), "release-train is a person until listed");
        assert_eq!(s.bot_note().as_deref(), Some("80 % of PRs (4 of 5) are from bots and were excluded from the people-based checks."));
        let one_in_a_thousand = Summary { pull_requests: 1000, bot_pull_requests: 1, ..Summary::default() };
        assert!(one_in_a_thousand.bot_note().is_some_and(|note| note.starts_with("1 % ")), "a few bots are not 0 %");
        assert_eq!(Summary { pull_requests: 5, ..Summary::default() }.bot_note(), None);
    }

    /// Mentions are looked at once per allocation: the same text in
    /// separate allocations, padded or not, is still one person.
    #[test]
    fn a_name_in_several_allocations_and_spellings_is_one_person() {
        let mut fx = crate::testkit::Fixture::new();
        fx.person("Robert", "Atlas", "Software Engineer");
        for (number, author) in [("1", "Robert"), ("2", " Robert "), ("3", "Robert"), ("4", "Ines"), ("5", "ci-bot[bot]"), ("6", "")] {
            fx.merged_pr(number, author, "2026-01-05 10:00", "2026-01-06 10:00");
        }
        let mut d = fx.ds;
        d.pull_requests[2].author = Name::from("Robert");
        assert!(!d.pull_requests[0].author.ptr_eq(&d.pull_requests[2].author), "separate allocations");
        let people = distinct_people(&d, &Bots::default());
        assert_eq!(people.len(), 2, "{people:?}");
        assert!(people.contains("Robert") && people.contains("Ines"));
    }
}
