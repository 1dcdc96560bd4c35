//! `stale_update`: a team with no status update within its cadence, or
//! whose recent updates repeat the same summary.

use std::collections::BTreeMap;

use super::{Context, Finding, Output, Phase, Severity, Tripwire, Unit};
use crate::dataset::TeamUpdate;
use crate::model::calendar::days_between;

pub const ID: &str = "stale_update";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Stale update", phase: Phase::Rows, run };

/// How many of the latest updates are checked for a repeated summary.
const RECENT: usize = 3;

fn normalized(summary: &str) -> String {
    summary.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn run(ctx: &Context, out: &mut Output) {
    let Some(history_start) = ctx.dataset.updates.iter().filter_map(|u| u.date).min() else {
        if let Some(team) = ctx.model.teams.keys().next() {
            out.not_enough_data(ctx, ID, Some(team), "updates", "no team updates are loaded", []);
        }
        return;
    };
    for team in ctx.model.teams.keys() {
        let cadence = ctx.norms(team).update_cadence_days as i64;
        let updates = ctx.team_updates(team);
        match updates.last() {
            None => {
                let age = days_between(history_start, ctx.today);
                if age > cadence {
                    out.push(
                        Finding::draft(ID, team, "updates")
                            .severity(Severity::High)
                            .measured(cadence as f64, age as f64, Unit::Days)
                            .why(format!("{team} has posted no update in the loaded history ({age} days, since {history_start})."))
                            .ask("How do the people who depend on this team learn how it is going?"),
                    );
                }
            }
            Some(latest) => {
                let age = days_between(latest.date.expect("dated"), ctx.today);
                if age > cadence {
                    out.push(
                        Finding::draft(ID, team, "updates")
                            .measured(cadence as f64, age as f64, Unit::Days)
                            .evidence(ctx, [latest.source])
                            .why(format!("{team}'s latest update is {age} days old; the cadence is {cadence} days."))
                            .ask("What has changed since the last update that others would want to know?"),
                    );
                }
            }
        }
        let recent = &updates[updates.len().saturating_sub(RECENT)..];
        let mut by_summary: BTreeMap<String, Vec<&TeamUpdate>> = BTreeMap::new();
        for update in recent.iter().filter(|u| !u.summary.trim().is_empty()) {
            by_summary.entry(normalized(&update.summary)).or_default().push(update);
        }
        if let Some(repeats) = by_summary.values().filter(|v| v.len() >= 2).max_by_key(|v| v.len()) {
            out.push(
                Finding::draft(ID, team, "repeated summary")
                    .severity(Severity::Low)
                    .measured(1.0, repeats.len() as f64, Unit::Count)
                    .evidence(ctx, repeats.iter().map(|u| u.source))
                    .why(format!("{} of {team}'s last {} updates say the same thing: \"{}\".", repeats.len(), recent.len(), repeats[0].summary.trim()))
                    .ask("What is really happening behind the repeated update?"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    fn updates() -> Fixture {
        let mut fx = Fixture::new();
        for team in ["Rockets", "Pipes", "Harbor"] {
            fx.team(team, "greenfield");
        }
        fx.update("Rockets", "2026-02-10", "green", "Shipped search");
        fx.update("Pipes", "2026-02-02", "green", "Migrating queues");
        fx.update("Pipes", "2026-02-16", "yellow", "Migrating  queues ");
        fx.update("Pipes", "2026-03-01", "green", "Cut over two queues");
        fx
    }

    #[test]
    fn old_update_missing_update_and_repeats_fire() {
        let findings = updates().findings_of(ID, "2026-03-02");
        let found: Vec<_> = findings.iter().map(|f| (f.team.as_str(), f.subject.as_str())).collect();
        assert_eq!(found, [("Harbor", "updates"), ("Pipes", "repeated summary"), ("Rockets", "updates")]);
        assert_eq!((findings[2].norm.value, findings[2].observed.value), (14.0, 20.0));
        assert_eq!(cites(&findings[2]), ["updates.csv:2"]);
        assert_eq!(cites(&findings[1]), ["updates.csv:3", "updates.csv:4"]);
    }

    #[test]
    fn update_within_cadence_does_not_fire() {
        let findings = updates().findings_of(ID, "2026-02-24");
        assert!(findings.iter().all(|f| f.team != "Rockets"), "{findings:?}");
    }
}
