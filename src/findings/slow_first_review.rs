//! `slow_first_review`: an open PR with no first review yet, waiting
//! longer than the team's first-review norm (business hours).

use super::{pr_label, severity_by_ratio, waiting_on, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::PrState;
use crate::model::calendar::business_hours_between;

pub const ID: &str = "slow_first_review";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Slow first review", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    let now = ctx.now();
    // A bot's PR is no person's work waiting: bots are left out of every
    // people-based tripwire, and the Load page reports their share.
    for pr in ctx.dataset.pull_requests.iter().filter(|pr| pr.state == PrState::Open && !ctx.index.is_bot(&pr.author)) {
        let Some(created) = pr.created else {
            out.not_enough_data(ctx, ID, ctx.index.team_of(&pr.author), pr_label(pr), "open PR without a creation time", [pr.source]);
            continue;
        };
        // Reviewed PRs (or reviews after "now") are not waiting for a first review.
        if created > now || ctx.index.reviews().first_review(pr).is_some_and(|(at, _)| at <= now) {
            continue;
        }
        let team = ctx.index.team_or_none(&pr.author);
        let norm = ctx.norms(team).first_review_hours as f64;
        let waited = business_hours_between(created, now).floor();
        if waited <= norm {
            continue;
        }
        let label = pr_label(pr);
        // The author by their roster name, whichever name the export uses.
        let author = ctx.index.canonical(&pr.author);
        let ask = if pr.requested_reviewers().is_empty() {
            format!("Who should review {label}, and how would they know?")
        } else {
            format!("What is keeping {} from a first look at {label}?", super::join_names(pr.requested_reviewers()))
        };
        out.push(
            Finding::draft(ID, team, &label)
                .person(author)
                .severity(severity_by_ratio(waited, norm, 3.0))
                .measured(norm, waited, Unit::BusinessHours)
                .evidence(ctx, [pr.source])
                .why(format!("{label} by {} has had no review for {waited} business hours ({}).", author, waiting_on(pr)))
                .ask(ask),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    fn prs() -> Fixture {
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        // Thursday 09:00 → Monday 00:00: 39 business hours (15 + 24).
        fx.open_pr("7", "Ana Lima", "2026-02-26 09:00", &["Ben Okafor", "Chen Wei"]);
        // Friday 09:00 → Monday 00:00: 15 business hours, the weekend is free.
        fx.open_pr("8", "Ana Lima", "2026-02-27 09:00", &["Ben Okafor"]);
        // Old, but reviewed: not waiting for a first review.
        fx.open_pr("9", "Ana Lima", "2026-02-16 09:00", &[]);
        fx.review("9", "Ben Okafor", "2026-02-16 11:00");
        // A self-review does not count as a first review.
        fx.open_pr("10", "Ana Lima", "2026-02-23 09:00", &[]);
        fx.review("10", "Ana Lima", "2026-02-23 10:00");
        fx
    }

    #[test]
    fn names_the_pr_and_the_reviewers_it_waits_on() {
        let findings = prs().findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["app#10", "app#7"]);
        let seven = &findings[1];
        assert_eq!((seven.norm.value, seven.observed.value), (24.0, 39.0));
        assert!(seven.why.contains("waiting on Ben Okafor and Chen Wei"), "{}", seven.why);
        assert_eq!(cites(seven), ["github_prs.csv:2"]);
        assert!(findings[0].why.contains("no reviewer requested"));
    }

    #[test]
    fn weekend_and_reviewed_prs_are_near_misses() {
        let findings = prs().findings_of(ID, "2026-03-02");
        assert!(findings.iter().all(|f| f.subject != "app#8" && f.subject != "app#9"));
    }

    /// One roster lookup for every stage: names match with surrounding
    /// spaces trimmed, and work nobody on the roster did is labelled as
    /// the charts label it.
    #[test]
    fn the_authors_team_comes_from_the_shared_roster_lookup() {
        let mut fx = Fixture::new();
        fx.person(" Ana Lima ", "Rockets", "Software Engineer");
        fx.open_pr("7", "Ana Lima", "2026-02-26 09:00", &[]);
        fx.open_pr("8", "Dana Wu", "2026-02-26 09:00", &[]);
        let teams: Vec<(String, String)> = fx.findings_of(ID, "2026-03-02").into_iter().map(|f| (f.subject, f.team)).collect();
        assert_eq!(teams, [("app#8".to_string(), "(not on roster)".to_string()), ("app#7".to_string(), "Rockets".to_string())]);
    }

    #[test]
    fn bots_prs_are_not_waiting_on_anyone() {
        let mut fx = prs();
        fx.open_pr("11", "dependabot[bot]", "2026-02-23 09:00", &["Ben Okafor"]);
        fx.open_pr("12", "renovate[bot]", "2026-02-23 09:00", &[]);
        let subjects: Vec<String> = fx.findings_of(ID, "2026-03-02").into_iter().map(|f| f.subject).collect();
        assert_eq!(subjects, ["app#10", "app#7"]);
    }

    #[test]
    fn a_pr_merged_after_the_as_of_date_was_still_waiting_then() {
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        // Opened Monday 09:00, merged unreviewed ten days later.
        fx.merged_pr("7", "Ana Lima", "2026-02-23 09:00", "2026-03-05 12:00");
        assert!(fx.findings_of(ID, "2026-03-06").is_empty(), "merged: no longer waiting");
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1, "open on Monday 2 March, waiting 111 business hours");
        assert_eq!(findings[0].observed.value, 111.0);
    }
}
