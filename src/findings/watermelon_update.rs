//! `watermelon_update`: a team whose latest update is green while at least
//! two other tripwires fire for it. Runs after every row-based tripwire.

use super::{join_names, Context, Finding, Output, Phase, Severity, Tripwire, Unit};
use crate::model::ByTeam;

pub const ID: &str = "watermelon_update";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Watermelon update", phase: Phase::Findings, run };

/// One firing tripwire can be noise; two different ones are a pattern.
const MIN_OTHER_TRIPWIRES: usize = 2;

pub fn is_green(status: &str) -> bool {
    matches!(status.trim().to_ascii_lowercase().as_str(), "green" | "g" | "on track" | "on-track" | "on_track")
}

fn run(ctx: &Context, out: &mut Output) {
    let prior_by_team = ByTeam::new(ctx.prior, |f| &f.team);
    for team in ctx.model.teams.keys() {
        let Some(latest) = ctx.team_updates(team).last() else { continue };
        if !is_green(&latest.status) {
            continue;
        }
        let mut firing: Vec<&str> = prior_by_team.of(team).iter().map(|f| f.tripwire.as_str()).collect();
        firing.sort_by_key(|id| super::registry_position(id));
        firing.dedup();
        if firing.len() < MIN_OTHER_TRIPWIRES {
            continue;
        }
        let date = latest.date.expect("dated");
        out.push(
            Finding::draft(ID, team, "latest update")
                .severity(if firing.len() >= 4 { Severity::High } else { Severity::Medium })
                .measured((MIN_OTHER_TRIPWIRES - 1) as f64, firing.len() as f64, Unit::Count)
                .evidence(ctx, [latest.source])
                .why(format!("{team}'s update of {date} says green while {} tripwires fire: {}.", firing.len(), join_names(&firing)))
                .ask("What would the team say is really yellow or red right now, and what makes green the safer thing to report?"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    fn team(status: &str, vacant_roles: usize, with_doc_gap: bool) -> Fixture {
        let mut fx = Fixture::new();
        fx.team("Harbor", "legacy");
        fx.update("Harbor", "2026-02-27", status, "All good");
        for n in 0..vacant_roles {
            fx.role("Harbor", &format!("Role {n}"), true, None);
        }
        if with_doc_gap {
            fx.design_doc("Split the monolith", "Harbor", &[], &["Priya Nair"]);
        }
        fx
    }

    #[test]
    fn green_while_two_tripwires_fire_is_a_watermelon() {
        let findings = team("Green", 1, true).findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].why.contains("2 tripwires fire: design_doc_approvers and critical_role_gap"), "{}", findings[0].why);
        assert_eq!(cites(&findings[0]), ["updates.csv:2"]);
    }

    #[test]
    fn one_tripwire_or_an_honest_status_is_not() {
        assert!(team("green", 3, false).findings_of(ID, "2026-03-02").is_empty());
        assert!(team("yellow", 1, true).findings_of(ID, "2026-03-02").is_empty());
    }
}
