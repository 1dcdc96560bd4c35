//! `open_intervention`: an intervention past its planned end and not ended,
//! or one with no exit criterion or no planned end. Selective
//! micromanagement that never ends drifts into micro-mismanagement.

use chrono::NaiveDate;

use super::{Context, Finding, Output, Phase, Severity, Tripwire, Unit};
use crate::dataset::Intervention;
use crate::model::calendar::days_between;

pub const ID: &str = "open_intervention";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Open intervention", phase: Phase::Rows, run };

/// Whether an intervention is running today: started (or undated) and not
/// yet ended. Also what places a team's leadership mode.
pub(crate) fn is_active(intervention: &Intervention, today: NaiveDate) -> bool {
    intervention.started.is_none_or(|s| s <= today) && intervention.ended.is_none_or(|e| e > today)
}

fn run(ctx: &Context, out: &mut Output) {
    for intervention in &ctx.dataset.interventions {
        if !is_active(intervention, ctx.today) {
            continue;
        }
        let started = intervention.started;
        let overdue_by = intervention.planned_end.map(|end| days_between(end, ctx.today)).filter(|d| *d > 0);
        let no_exit = intervention.exit_criterion.as_deref().is_none_or(|c| c.trim().is_empty());
        let no_end = intervention.planned_end.is_none();
        if overdue_by.is_none() && !no_exit && !no_end {
            continue;
        }
        let reason = intervention.reason.trim();
        let subject = match started {
            Some(day) => format!("{reason} (since {day})"),
            None => reason.to_string(),
        };
        let mut problems = Vec::new();
        if let Some(days) = overdue_by {
            problems.push(format!("is {days} days past its planned end"));
        }
        if no_end {
            problems.push("has no planned end".to_string());
        }
        if no_exit {
            problems.push("has no exit criterion".to_string());
        }
        let finding = Finding::draft(ID, &intervention.team, &subject);
        let finding = match (overdue_by, started, intervention.planned_end) {
            (Some(_), Some(start), Some(end)) => finding
                .severity(Severity::High)
                .measured(days_between(start, end) as f64, days_between(start, ctx.today) as f64, Unit::Days),
            _ => finding.measured(0.0, problems.len() as f64, Unit::Count),
        };
        out.push(
            finding
                .evidence(ctx, [intervention.source])
                .why(format!("The intervention in {} ({reason}) {}.", intervention.team, problems.join(" and ")))
                .ask("What would have to be true to step back, and is it true already?"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;
    use crate::findings::Severity;

    #[test]
    fn overdue_or_open_ended_interventions_fire_bounded_ones_do_not() {
        let mut fx = Fixture::new();
        fx.intervention("Harbor", "2026-01-05", Some("2026-02-15"), None, Some("two calm on-call weeks"), "incident load");
        fx.intervention("Harbor", "2026-02-20", Some("2026-04-01"), None, None, "release review");
        fx.intervention("Pipes", "2026-02-01", Some("2026-04-01"), None, Some("p95 < 300 ms"), "latency");
        fx.intervention("Pipes", "2025-11-01", Some("2025-12-01"), Some("2025-12-10"), None, "hiring");
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["incident load (since 2026-01-05)", "release review (since 2026-02-20)"]);
        let overdue = &findings[0];
        assert_eq!((overdue.severity, overdue.norm.value, overdue.observed.value), (Severity::High, 41.0, 56.0));
        assert!(overdue.why.contains("is 15 days past its planned end"));
        assert!(findings[1].why.contains("has no exit criterion"));
        assert_eq!(cites(overdue), ["interventions.csv:2"]);
    }
}
