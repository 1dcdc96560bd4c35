//! How long PRs wait for their first review, per reviewer who gave it.
//!
//! "First review" is the one the tripwires use ([`crate::dataset::index::ReviewIndex::first_review`]):
//! the earliest review by someone other than the author, from `reviews.csv`
//! or the export's own first-review time. The wait is attributed to that
//! review's author. A PR nobody has reviewed yet counts as pending for each
//! requested reviewer instead of inventing a duration.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::dataset::{Index, PrState};
use crate::hashing::FastMap;
use crate::views::distribution::{Distribution, DistributionRow};
use crate::views::stats::{hours_between, FiveNumbers};
use crate::views::MAX_PERSON_BARS;

/// Label when the export gives a first-review time but not who gave it.
pub const UNKNOWN_REVIEWER: &str = "(reviewer not in export)";

pub fn first_review_wait(index: &Index, today: NaiveDate, norm_hours: f64) -> Distribution {
    let dataset = index.dataset();
    // Hit once per PR too; the reviewers are sorted below for the chart.
    let mut waits: FastMap<&str, Vec<f64>> = FastMap::default();
    let mut pending: FastMap<&str, usize> = FastMap::default();
    for pr in &dataset.pull_requests {
        let Some(created) = pr.created.filter(|c| c.date() <= today) else { continue };
        let first = index
            .reviews()
            .first_review(pr)
            .map(|(at, review)| (at, review.map_or(UNKNOWN_REVIEWER, |r| index.canonical(&r.reviewer))));
        match first {
            Some((at, reviewer)) if at >= created => waits.entry(reviewer).or_default().push(hours_between(created, at)),
            Some(_) => {} // reviewed before creation: a clock or export error, not a wait
            None if pr.state == PrState::Open => {
                for reviewer in pr.requested_reviewers() {
                    *pending.entry(index.canonical(reviewer)).or_default() += 1;
                }
            }
            None => {}
        }
    }
    let reviewers: Vec<&str> = {
        let mut all: Vec<&str> = waits.keys().chain(pending.keys()).copied().collect();
        all.sort();
        all.dedup();
        all
    };
    let aggregated = reviewers.len() > MAX_PERSON_BARS;
    let group_of = |reviewer: &str| -> String {
        if aggregated {
            index.team_or_none(reviewer).to_string()
        } else {
            reviewer.to_string()
        }
    };
    let mut groups: BTreeMap<String, (Vec<f64>, usize)> = BTreeMap::new();
    for reviewer in &reviewers {
        let group = groups.entry(group_of(reviewer)).or_default();
        group.0.extend(waits.get(reviewer).into_iter().flatten());
        group.1 += pending.get(reviewer).copied().unwrap_or(0);
    }
    let rows = groups
        .into_iter()
        .map(|(label, (values, pending))| DistributionRow {
            label,
            count: values.len(),
            pending,
            spread: FiveNumbers::of(&values),
            norm: Some(norm_hours),
        })
        .collect();
    Distribution {
        title: "Hours to first review, by reviewer".into(),
        category: if aggregated { "Reviewers' team".into() } else { "Reviewer".into() },
        unit: "hours".into(),
        rows,
        note: aggregated.then(|| format!("{} reviewers: grouped by the reviewer's team.", reviewers.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;
    use crate::views::table::ToTable;

    #[test]
    fn waits_are_attributed_to_the_first_reviewer() {
        let d = synthetic::small_org();
        let vm = first_review_wait(&crate::dataset::Index::new(&d), synthetic::today(), 24.0);
        let completed: usize = vm.rows.iter().map(|r| r.count).sum();
        assert_eq!(completed, d.pull_requests.len());
        assert!(vm.rows.iter().all(|r| r.norm == Some(24.0)));
        let spread = vm.rows[0].spread.unwrap();
        assert!(spread.min >= 0.5 && spread.max <= 72.5, "synthetic waits are 30 min to 72 h");
    }

    /// The chart and the `slow_first_review` tripwire read "first review"
    /// the same way: no self-review, no pending review, `repo#number` works.
    #[test]
    fn first_review_is_the_tripwires_definition() {
        use crate::testkit::{ts, Fixture};
        let mut fx = Fixture::new();
        fx.merged_pr("7", "Ada", "2026-11-02 09:00", "2026-11-04 09:00");
        fx.review("7", "Ada", "2026-11-02 10:00"); // the author: not a review
        fx.review("7", "Bo", "2026-11-02 11:00").state = "PENDING".into(); // not submitted
        fx.review("app#7", "Cy", "2026-11-02 15:00"); // the first real review: 6 hours
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let vm = first_review_wait(&crate::dataset::Index::new(&fx.ds), today, 24.0);
        let rows: Vec<(&str, usize)> = vm.rows.iter().map(|r| (r.label.as_str(), r.count)).collect();
        assert_eq!(rows, [("Cy", 1)]);
        assert_eq!(vm.rows[0].spread.unwrap().max, 6.0);
        let index = Index::new(&fx.ds);
        assert_eq!(index.reviews().first_review(&fx.ds.pull_requests[0]).map(|(at, _)| at), Some(ts("2026-11-02 15:00")));
    }

    #[test]
    fn unreviewed_open_prs_are_pending_not_zero() {
        let mut d = synthetic::small_org();
        d.reviews.clear();
        d.pull_requests.iter_mut().for_each(|p| p.set_first_review(None));
        let vm = first_review_wait(&crate::dataset::Index::new(&d), synthetic::today(), 24.0);
        assert!(vm.rows.iter().all(|r| r.count == 0 && r.spread.is_none()));
        assert!(vm.rows.iter().map(|r| r.pending).sum::<usize>() > 0);
        assert!(vm.to_table().all_text().contains("not enough data"));
    }
}
