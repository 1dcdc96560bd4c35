//! `decision_distribution`: a team whose decisions of the trailing 26 weeks
//! were taken at the edge far less often than the 60/20/20 reference.

use std::collections::BTreeMap;

use chrono::Duration;

use super::{Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::{Decision, DecisionLevel};

pub const ID: &str = "decision_distribution";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Decision distribution", phase: Phase::Rows, run };

pub const REFERENCE_PERCENT: [f64; 3] = [60.0, 20.0, 20.0];
/// Fires when the edge share is this many points under the reference.
const TOLERANCE_POINTS: f64 = 20.0;
const WINDOW_DAYS: i64 = 182;
const MIN_DECISIONS: usize = 5;

fn run(ctx: &Context, out: &mut Output) {
    let since = ctx.today - Duration::days(WINDOW_DAYS);
    let mut by_team: BTreeMap<&str, Vec<(&Decision, DecisionLevel)>> = BTreeMap::new();
    for decision in &ctx.dataset.decisions {
        let (Some(level), Some(raised)) = (decision.level, decision.raised) else { continue };
        if raised >= since && raised <= ctx.today {
            by_team.entry(decision.team.as_str()).or_default().push((decision, level));
        }
    }
    for (team, decisions) in by_team {
        if decisions.len() < MIN_DECISIONS {
            let reason = format!("{} leveled decisions in 26 weeks; at least {MIN_DECISIONS} are needed", decisions.len());
            out.not_enough_data(ctx, ID, Some(team), "decision levels", reason, []);
            continue;
        }
        let share = |level: DecisionLevel| {
            let count = decisions.iter().filter(|(_, l)| *l == level).count();
            (count as f64 * 1000.0 / decisions.len() as f64).round() / 10.0
        };
        let split = [share(DecisionLevel::Edge), share(DecisionLevel::Functional), share(DecisionLevel::Executive)];
        if split[0] >= REFERENCE_PERCENT[0] - TOLERANCE_POINTS {
            continue;
        }
        out.push(
            Finding::draft(ID, team, "decision levels")
                .measured(REFERENCE_PERCENT[0], split[0], Unit::Percent)
                .evidence(ctx, decisions.iter().map(|(d, _)| d.source).take(25))
                .why(format!(
                    "Of {team}'s {} decisions in the last 26 weeks, {}% were edge, {}% functional and {}% executive; the reference is 60/20/20.",
                    decisions.len(),
                    split[0],
                    split[1],
                    split[2]
                ))
                .ask("Which of these decisions could the team have taken itself, and what would it need for that?"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::DecisionLevel::{self, Edge, Executive, Functional};
    use crate::testkit::Fixture;

    fn decisions(levels: &[DecisionLevel]) -> Fixture {
        let mut fx = Fixture::new();
        for (i, level) in levels.iter().enumerate() {
            fx.decision(&format!("D{i}"), "Harbor", Some(*level), "2026-02-02", Some("2026-02-03"), &[]);
        }
        fx
    }

    #[test]
    fn decisions_pushed_upwards_fire() {
        let findings = decisions(&[Edge, Functional, Executive, Executive, Functional]).findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert_eq!((findings[0].norm.value, findings[0].observed.value), (60.0, 20.0));
        assert!(findings[0].why.contains("20% were edge, 40% functional and 40% executive"));
        assert_eq!(findings[0].evidence.len(), 5);
    }

    #[test]
    fn forty_percent_edge_or_too_few_decisions_do_not_fire() {
        assert!(decisions(&[Edge, Edge, Functional, Executive, Executive]).findings_of(ID, "2026-03-02").is_empty());
        let few = decisions(&[Executive, Executive]);
        assert!(few.findings_of(ID, "2026-03-02").is_empty());
        assert_eq!(few.gaps_of(ID, "2026-03-02").len(), 1);
    }
}
