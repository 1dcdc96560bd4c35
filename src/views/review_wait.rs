//! How long PRs wait for their first review, per reviewer who gave it.
//!
//! "First review" is the earliest review row for the PR (or the export's own
//! `first_review` when no review row exists); its author is the reviewer the
//! wait is attributed to. A PR nobody has reviewed yet counts as pending for
//! each requested reviewer instead of inventing a duration.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::dataset::{Dataset, PrState, Timestamp};
use crate::hashing::FastMap;
use crate::views::distribution::{Distribution, DistributionRow};
use crate::views::stats::{hours_between, FiveNumbers};
use crate::views::{Names, Presenter, MAX_PERSON_BARS, NO_TEAM};

/// Label when the export gives a first-review time but not who gave it.
pub const UNKNOWN_REVIEWER: &str = "(reviewer not in export)";

pub fn first_review_wait(dataset: &Dataset, today: NaiveDate, norm_hours: f64, presenter: Presenter) -> Distribution {
    let names = Names::new(dataset, presenter);
    // Keyed by PR, hit once per PR: hashed (a million-row org has 600k PRs).
    let mut earliest_review: FastMap<&str, (Timestamp, &str)> = FastMap::default();
    earliest_review.reserve(dataset.pull_requests.len());
    for review in &dataset.reviews {
        if let Some(at) = review.submitted {
            let entry = earliest_review.entry(review.pr.as_str()).or_insert((at, review.reviewer.as_str()));
            if at < entry.0 {
                *entry = (at, review.reviewer.as_str());
            }
        }
    }
    // Hit once per PR too; the reviewers are sorted below for the chart.
    let mut waits: FastMap<&str, Vec<f64>> = FastMap::default();
    let mut pending: FastMap<&str, usize> = FastMap::default();
    for pr in &dataset.pull_requests {
        let Some(created) = pr.created.filter(|c| c.date() <= today) else { continue };
        let first = earliest_review
            .get(pr.number.as_str())
            .copied()
            .or_else(|| pr.first_review.map(|at| (at, UNKNOWN_REVIEWER)));
        match first {
            Some((at, reviewer)) if at >= created => waits.entry(reviewer).or_default().push(hours_between(created, at)),
            Some(_) => {} // reviewed before creation: a clock or export error, not a wait
            None if pr.state == PrState::Open => {
                for reviewer in &pr.requested_reviewers {
                    *pending.entry(reviewer.as_str()).or_default() += 1;
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
    let team_of: FastMap<&str, &str> =
        dataset.people.iter().rev().map(|p| (p.name.as_str(), p.team.as_str())).collect();
    let group_of = |reviewer: &str| -> String {
        if aggregated {
            team_of.get(reviewer).copied().unwrap_or(NO_TEAM).to_string()
        } else if reviewer == UNKNOWN_REVIEWER {
            reviewer.to_string()
        } else {
            names.person(reviewer)
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
    use crate::views::synthetic;
    use crate::views::table::ToTable;

    #[test]
    fn waits_are_attributed_to_the_first_reviewer() {
        let d = synthetic::small_org();
        let vm = first_review_wait(&d, synthetic::today(), 24.0, Presenter::Off);
        let completed: usize = vm.rows.iter().map(|r| r.count).sum();
        assert_eq!(completed, d.pull_requests.len());
        assert!(vm.rows.iter().all(|r| r.norm == Some(24.0)));
        let spread = vm.rows[0].spread.unwrap();
        assert!(spread.min >= 0.5 && spread.max <= 72.5, "synthetic waits are 30 min to 72 h");
    }

    #[test]
    fn unreviewed_open_prs_are_pending_not_zero() {
        let mut d = synthetic::small_org();
        d.reviews.clear();
        d.pull_requests.iter_mut().for_each(|p| p.first_review = None);
        let vm = first_review_wait(&d, synthetic::today(), 24.0, Presenter::Off);
        assert!(vm.rows.iter().all(|r| r.count == 0 && r.spread.is_none()));
        assert!(vm.rows.iter().map(|r| r.pending).sum::<usize>() > 0);
        assert!(vm.to_table().all_text().contains("not enough data"));
    }
}
