//! `review_concentration`: on a team, the top two reviewers did more than
//! the norm's share of the reviews of the trailing 12 weeks, or hold more
//! than that share of the pending review requests.

use std::collections::BTreeMap;

use chrono::Duration;

use super::people::People;
use super::{join_names, Context, Finding, Output, Phase, Severity, Tripwire, Unit};
use crate::dataset::{PrState, RowRef};
use crate::hashing::FastMap;
use crate::model::suggest::HISTORY_DAYS;
use crate::tiering;

pub const ID: &str = "review_concentration";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Review concentration", phase: Phase::Rows, run };

/// Below these counts a share says nothing.
const MIN_REVIEWS: usize = 10;
const MIN_PENDING: usize = 5;
/// In a team of three or fewer, two people doing most reviews is simply the team.
const MIN_TEAM_SIZE: usize = 4;
/// Concentration rests on many rows; cite enough to check, not all of them.
const MAX_EVIDENCE: usize = 25;

/// One team's reviews (or pending requests) by reviewer, each reviewer by
/// their [`People`] number.
#[derive(Default)]
struct Tally {
    // Lookup-only (ranking breaks ties by name), so hashed. A reviewer's
    // count is the number of their rows.
    rows: FastMap<u32, Vec<RowRef>>,
    total: usize,
}

impl Tally {
    fn add(&mut self, reviewer: u32, row: RowRef) {
        self.rows.entry(reviewer).or_default().push(row);
        self.total += 1;
    }

    /// The two busiest reviewers (ties broken by name) and their share in %.
    fn top_two(&self, people: &People) -> (Vec<u32>, f64) {
        let mut ranked: Vec<(u32, usize)> = self.rows.iter().map(|(r, rows)| (*r, rows.len())).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(people.name(a.0).cmp(people.name(b.0))));
        ranked.truncate(2);
        let share = ranked.iter().map(|(_, n)| *n).sum::<usize>() as f64 * 100.0 / self.total.max(1) as f64;
        (ranked.into_iter().map(|(r, _)| r).collect(), (share * 10.0).round() / 10.0)
    }

    fn evidence_of(&self, reviewers: &[u32]) -> Vec<RowRef> {
        let mut rows: Vec<RowRef> = reviewers.iter().flat_map(|r| self.rows[r].iter().copied()).collect();
        rows.sort();
        rows.dedup();
        rows.truncate(MAX_EVIDENCE);
        rows
    }
}

/// Whether a reviewer is counted on a PR for the first time: one count per
/// reviewer per PR, whichever source reports it. `counted_on` holds, by
/// reviewer, one more than the position of the PR they were last counted on.
fn first_time_on(counted_on: &mut Vec<usize>, reviewer: u32, pr_at: usize) -> bool {
    let reviewer = reviewer as usize;
    if reviewer >= counted_on.len() {
        counted_on.resize(reviewer + 1, 0);
    }
    let first = counted_on[reviewer] != pr_at + 1;
    counted_on[reviewer] = pr_at + 1;
    first
}

/// The tallies in order of team name, the order findings and gaps are made in.
fn by_team(tallies: FastMap<&str, Tally>) -> Vec<(&str, Tally)> {
    let mut tallies: Vec<(&str, Tally)> = tallies.into_iter().collect();
    tallies.sort_unstable_by(|a, b| a.0.cmp(b.0));
    tallies
}

fn run(ctx: &Context, out: &mut Output) {
    let now = ctx.now();
    let since = now - Duration::days(HISTORY_DAYS);
    // Counted by person, whichever of their names each source uses.
    let mut people = People::new(ctx.index);
    let mut done: FastMap<&str, Tally> = FastMap::default();
    let mut pending: FastMap<&str, Tally> = FastMap::default();
    let mut counted_on = Vec::new();
    // Through `tiering::each`: this runs once per evaluation.
    tiering::each(ctx.dataset.pull_requests.iter().enumerate(), |(at, pr)| {
        let Some(created) = pr.created.filter(|c| *c <= now) else { return };
        let recent = created >= since;
        // Most PRs are older and closed: neither tally wants their author.
        if !recent && pr.state != PrState::Open {
            return;
        }
        let author = people.of(&pr.author);
        let Some(team) = author.team() else { return };
        if recent {
            let tally = done.entry(team).or_default();
            for review in ctx.index.reviews().each_review_of(pr) {
                let reviewer = people.of(&review.reviewer).id;
                if first_time_on(&mut counted_on, reviewer, at) {
                    tally.add(reviewer, review.source);
                }
            }
            for reviewer in pr.reviewers.iter() {
                let reviewer = people.of(reviewer);
                if reviewer.id != author.id && !reviewer.bot && first_time_on(&mut counted_on, reviewer.id, at) {
                    tally.add(reviewer.id, pr.source);
                }
            }
        }
        if pr.state == PrState::Open {
            let tally = pending.entry(team).or_default();
            for reviewer in pr.requested_reviewers().iter().map(|r| people.of(r)).filter(|r| !r.bot) {
                tally.add(reviewer.id, pr.source);
            }
        }
    });
    let (done, pending) = (by_team(done), by_team(pending));

    let team_sizes = ctx.index.people().fold(BTreeMap::<&str, usize>::new(), |mut sizes, p| {
        *sizes.entry(p.team.as_str()).or_default() += 1;
        sizes
    });
    for (kind, tallies, minimum) in [("reviews", &done, MIN_REVIEWS), ("pending review requests", &pending, MIN_PENDING)] {
        for (team, tally) in tallies {
            if team_sizes.get(team).copied().unwrap_or(0) < MIN_TEAM_SIZE || tally.total == 0 {
                continue;
            }
            if tally.total < minimum {
                out.not_enough_data(ctx, ID, Some(team), kind, format!("only {} {kind}; at least {minimum} are needed", tally.total), []);
                continue;
            }
            let norm = ctx.norms(team).review_top2_percent as f64;
            let (top, share) = tally.top_two(&people);
            if share <= norm {
                continue;
            }
            let top_names: Vec<&str> = top.iter().map(|r| people.name(*r)).collect();
            let (why, ask) = if kind == "reviews" {
                (
                    format!("{} did {share}% of the team's {} reviews in the last 12 weeks.", join_names(&top_names), tally.total),
                    "What would it take for more of the team to review, and what does it cost the two who do?".to_string(),
                )
            } else {
                (
                    format!("{} hold {share}% of the team's {} pending review requests.", join_names(&top_names), tally.total),
                    "Why do review requests land on the same two people, and who else could take them?".to_string(),
                )
            };
            out.push(
                Finding::draft(ID, team, kind)
                    .severity(if share >= 90.0 { Severity::High } else { Severity::Medium })
                    .measured(norm, share, Unit::Percent)
                    .evidence(ctx, tally.evidence_of(&top))
                    .why(why)
                    .ask(ask),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::testkit::Fixture;

    fn team_with_reviews(spread: &[(&str, usize)]) -> Fixture {
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        for name in ["Ana Lima", "Ben Okafor", "Chen Wei", "Dina Roy", "Eli Stone"] {
            fx.person(name, "Rockets", "Software Engineer");
        }
        let mut number = 0;
        for (reviewer, count) in spread {
            for _ in 0..*count {
                number += 1;
                let pr = number.to_string();
                fx.merged_pr(&pr, "Eli Stone", "2026-02-10 09:00", "2026-02-11 09:00");
                fx.review(&pr, reviewer, "2026-02-10 12:00");
                // A second review by the same person on the same PR counts once.
                fx.review(&pr, reviewer, "2026-02-10 15:00");
            }
        }
        fx
    }

    #[test]
    fn two_reviewers_doing_most_reviews_fires() {
        let fx = team_with_reviews(&[("Ana Lima", 8), ("Ben Okafor", 7), ("Chen Wei", 3), ("Dina Roy", 2)]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.team.as_str(), f.subject.as_str(), f.observed.value, f.norm.value), ("Rockets", "reviews", 75.0, 70.0));
        assert!(f.why.starts_with("Ana Lima and Ben Okafor did 75%"), "{}", f.why);
        assert!(f.person.is_none());
        assert_eq!(f.evidence.len(), 15, "one row per reviewer per PR");
    }

    #[test]
    fn spread_reviews_and_small_samples_do_not_fire() {
        let spread = team_with_reviews(&[("Ana Lima", 5), ("Ben Okafor", 5), ("Chen Wei", 5), ("Dina Roy", 5)]);
        assert!(spread.findings_of(ID, "2026-03-02").is_empty());
        let few = team_with_reviews(&[("Ana Lima", 6), ("Ben Okafor", 3)]);
        assert!(few.findings_of(ID, "2026-03-02").is_empty());
        assert_eq!(few.gaps_of(ID, "2026-03-02").len(), 1);
    }

    #[test]
    fn each_person_counts_once_per_pr_under_any_name_and_old_prs_only_while_open() {
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        fx.person("Ana Reyes", "Rockets", "Software Engineer").identities = vec!["areyes".into()];
        fx.person("Eli Stone", "Rockets", "Software Engineer").identities = vec!["estone".into()];
        for name in ["Ben Okafor", "Chen Wei", "Dina Roy"] {
            fx.person(name, "Rockets", "Software Engineer");
        }
        let reviewed = |fx: &mut Fixture, number: &str, created: &str, in_reviews: &[&str], on_the_row: &[&str]| {
            fx.merged_pr(number, "Eli Stone", created, "2026-02-20 09:00").reviewers = on_the_row.iter().map(|&r| r.into()).collect();
            for reviewer in in_reviews {
                fx.review(number, reviewer, "2026-02-11 09:00");
            }
        };
        for n in 1..=6 {
            reviewed(&mut fx, &n.to_string(), "2026-02-10 09:00", &["areyes"], &["Ana Reyes", " Ben Okafor "]);
        }
        reviewed(&mut fx, "7", "2026-02-10 09:00", &["Chen Wei"], &[]);
        reviewed(&mut fx, "8", "2026-02-10 09:00", &["Chen Wei", "Chen Wei"], &["Chen Wei"]);
        reviewed(&mut fx, "9", "2026-02-10 09:00", &["Dina Roy"], &[]);
        reviewed(&mut fx, "10", "2026-02-10 09:00", &[], &["Eli Stone", "estone", "Chen Wei", "renovate[bot]"]);
        for n in 11..=20 {
            reviewed(&mut fx, &n.to_string(), "2025-06-01 09:00", &["Dina Roy"], &["Dina Roy"]);
        }
        for n in 21..=23 {
            fx.open_pr(&n.to_string(), "Eli Stone", "2025-06-01 09:00", &["areyes", "Ana Reyes", "dependabot[bot]"]);
        }
        fx.open_pr("24", "estone", "2026-02-27 09:00", &["Chen Wei"]);
        let findings = fx.findings_of(ID, "2026-03-02");
        let found: Vec<(&str, f64)> = findings.iter().map(|f| (f.subject.as_str(), f.observed.value)).collect();
        assert_eq!(found, [("pending review requests", 100.0), ("reviews", 75.0)]);
        assert!(findings[0].why.starts_with("Ana Reyes and Chen Wei hold 100% of the team's 7 pending"), "{}", findings[0].why);
        assert!(findings[1].why.starts_with("Ana Reyes and Ben Okafor did 75% of the team's 16 reviews"), "{}", findings[1].why);
        assert_eq!(findings[1].evidence.len(), 12, "one row per reviewer per PR");
    }

    #[test]
    fn pending_requests_piling_on_two_people_fires() {
        let mut fx = team_with_reviews(&[]);
        for n in 0..6 {
            fx.open_pr(&format!("{}", 50 + n), "Eli Stone", "2026-02-27 09:00", &["Ana Lima", "Ben Okafor"]);
        }
        fx.open_pr("60", "Eli Stone", "2026-02-27 09:00", &["Chen Wei"]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].subject, "pending review requests");
        assert_eq!(findings[0].observed.value, 92.3);
    }

    #[test]
    fn bots_reviewing_most_prs_do_not_concentrate_reviews_but_abbot_does() {
        let spread = [("Ana Lima", 3), ("Ben Okafor", 3), ("Chen Wei", 3), ("Dina Roy", 3)];
        // PRs only bots (or abbot) reviewed: counted as people, they would
        // hold most of the team's reviews.
        let reviewed_also_by = |fx: &mut Fixture, reviewers: &[&str]| {
            for n in 100..120 {
                let pr = n.to_string();
                fx.merged_pr(&pr, "Eli Stone", "2026-02-10 09:00", "2026-02-11 09:00");
                for reviewer in reviewers {
                    fx.review(&pr, reviewer, "2026-02-10 09:01");
                }
            }
        };
        let mut fx = team_with_reviews(&spread);
        reviewed_also_by(&mut fx, &["github-actions[bot]", "ci-reviewer"]);
        for n in 0..6 {
            fx.open_pr(&format!("{}", 50 + n), "Eli Stone", "2026-02-27 09:00", &["renovate[bot]", "ci-reviewer"]);
        }
        let mut model = fx.model();
        model.bots = vec!["ci-reviewer".into()];
        assert!(fx.findings_under(&model, ID, "2026-03-02").is_empty());
        assert_eq!(fx.findings_of(ID, "2026-03-02").len(), 2, "unlisted, ci-reviewer is a person who reviews most");

        let mut fx = team_with_reviews(&spread);
        fx.person("abbot", "Rockets", "Software Engineer");
        reviewed_also_by(&mut fx, &["abbot"]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].why.contains("abbot"), "{}", findings[0].why);
    }
}
