//! `decision_latency`: a decision slower than its level's norm (decided or
//! still open), or one that needed more approval layers than the norm.

use super::{distinct_trimmed, join_names, severity_by_ratio, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::DecisionLevel;
use crate::model::calendar::days_between;
use crate::model::Norms;

pub const ID: &str = "decision_latency";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Decision latency", phase: Phase::Rows, run };

pub fn level_norm_days(norms: &Norms, level: DecisionLevel) -> u32 {
    match level {
        DecisionLevel::Edge => norms.decision_days_edge,
        DecisionLevel::Functional => norms.decision_days_functional,
        DecisionLevel::Executive => norms.decision_days_executive,
    }
}

pub fn level_name(level: DecisionLevel) -> &'static str {
    match level {
        DecisionLevel::Edge => "edge",
        DecisionLevel::Functional => "functional",
        DecisionLevel::Executive => "executive",
    }
}

fn run(ctx: &Context, out: &mut Output) {
    for decision in &ctx.dataset.decisions {
        let name = decision.decision.trim();
        let (Some(level), Some(raised)) = (decision.level, decision.raised) else {
            out.not_enough_data(ctx, ID, Some(&decision.team), name, "the decision has no level or no raised date", [decision.source]);
            continue;
        };
        if raised > ctx.today {
            continue;
        }
        let norms = ctx.norms(&decision.team);
        let norm_days = level_norm_days(norms, level);
        let latency = days_between(raised, decision.decided.unwrap_or(ctx.today));
        let approvals = distinct_trimmed(&decision.approvals);
        let slow = latency > norm_days as i64;
        let layered = approvals.len() > norms.max_approval_layers as usize;
        if !slow && !layered {
            continue;
        }
        let took = match decision.decided {
            Some(_) => format!("took {latency} days"),
            None => format!("has been open for {latency} days"),
        };
        let mut reasons = Vec::new();
        if slow {
            reasons.push(format!("{took} at {} level (norm {norm_days})", level_name(level)));
        }
        if layered {
            reasons.push(format!("needed {} approvals ({}; norm {})", approvals.len(), join_names(&approvals), norms.max_approval_layers));
        }
        let finding = Finding::draft(ID, &decision.team, name);
        let finding = if slow {
            finding.severity(severity_by_ratio(latency as f64, norm_days as f64, 2.0)).measured(norm_days as f64, latency as f64, Unit::Days)
        } else {
            finding.measured(norms.max_approval_layers as f64, approvals.len() as f64, Unit::Approvals)
        };
        out.push(
            finding
                .evidence(ctx, [decision.source])
                .why(format!("\"{name}\" {}.", reasons.join(" and ")))
                .ask(format!("Who could have decided \"{name}\" sooner, with fewer sign-offs, and what would they need?")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::DecisionLevel::{Edge, Executive, Functional};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn slow_open_and_over_approved_decisions_fire() {
        let mut fx = Fixture::new();
        fx.decision("Pick a queue", "Pipes", Some(Edge), "2026-02-02", Some("2026-02-09"), &["Chen Wei"]);
        fx.decision("Adopt gRPC", "Pipes", Some(Functional), "2026-02-02", None, &[]);
        fx.decision("New vendor", "Pipes", Some(Executive), "2026-02-20", Some("2026-02-25"), &["A", "B", "C", "D"]);
        // Near miss: executive decision in 14 days is exactly the norm.
        fx.decision("Reorg", "Pipes", Some(Executive), "2026-02-01", Some("2026-02-15"), &["A", "B"]);
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Adopt gRPC", "New vendor", "Pick a queue"]);
        assert_eq!((findings[2].norm.value, findings[2].observed.value), (2.0, 7.0));
        assert!(findings[0].why.contains("has been open for 28 days at functional level"), "{}", findings[0].why);
        assert!(findings[1].why.contains("needed 4 approvals"));
        assert_eq!(cites(&findings[2]), ["decisions.csv:2"]);
    }

    #[test]
    fn missing_level_is_not_enough_data() {
        let mut fx = Fixture::new();
        fx.decision("Pick a queue", "Pipes", None, "2026-01-02", None, &[]);
        assert!(fx.findings_of(ID, "2026-03-02").is_empty());
        assert_eq!(fx.gaps_of(ID, "2026-03-02").len(), 1);
    }

    #[test]
    fn a_decision_decided_after_the_as_of_date_is_still_pending_then() {
        let mut fx = Fixture::new();
        // Decided after 20 days; as of day 5 it had been open for 5 days.
        fx.decision("Adopt gRPC", "Pipes", Some(Functional), "2026-02-02", Some("2026-02-22"), &[]);
        fx.decision("Pick a queue", "Pipes", Some(Edge), "2026-02-10", Some("2026-02-11"), &[]);
        let findings = fx.findings_of(ID, "2026-02-07");
        assert!(findings.is_empty(), "5 days open is within the functional norm of 7: {findings:?}");
        let findings = fx.findings_of(ID, "2026-02-15");
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].observed.value, 13.0, "open for 13 days, not its final 20");
        assert!(findings[0].why.contains("has been open for 13 days"), "{}", findings[0].why);
        assert!(fx.findings_of(ID, "2026-02-09").is_empty(), "a decision raised on the 10th does not exist on the 9th");
    }
}
