//! `shareholder_drift`: a stakeholder not contacted within their
//! power-interest quadrant's cadence, or never contacted.

use super::{Context, Finding, Output, Phase, Severity, Tripwire, Unit, ORGANISATION};
use crate::model::calendar::days_between;
use crate::model::stakeholders::{ratings, Quadrant};

pub const ID: &str = "shareholder_drift";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Shareholder drift", phase: Phase::Rows, run };

/// How much drift matters in each quadrant.
fn severity(quadrant: Quadrant) -> Severity {
    match quadrant {
        Quadrant::ManageClosely => Severity::High,
        Quadrant::KeepSatisfied => Severity::Medium,
        Quadrant::KeepInformed | Quadrant::Monitor => Severity::Low,
    }
}

fn run(ctx: &Context, out: &mut Output) {
    // A stakeholder rated several times is one stakeholder: their current
    // (latest placed) rating, and the latest contact any row records.
    for rows in ratings(&ctx.dataset.stakeholders) {
        let all = rows.iter().map(|&i| &ctx.dataset.stakeholders[i]);
        let last_contact = all.clone().filter_map(|s| s.last_contact).max();
        let stakeholder = all.clone().rev().find(|s| s.power.is_some() && s.interest.is_some()).unwrap_or(&ctx.dataset.stakeholders[rows[rows.len() - 1]]);
        let (Some(power), Some(interest)) = (stakeholder.power, stakeholder.interest) else {
            out.not_enough_data(ctx, ID, None, &stakeholder.name, "no power or interest rating", [stakeholder.source]);
            continue;
        };
        let quadrant = Quadrant::of(power, interest);
        let Some(cadence) = quadrant.cadence_days(&ctx.model.stakeholder_cadence) else { continue };
        let severity = severity(quadrant);
        let name = stakeholder.name.trim();
        let finding = Finding::draft(ID, ORGANISATION, name).person(name).severity(severity).evidence(ctx, [stakeholder.source]);
        match last_contact {
            None => out.push(
                finding
                    .norm_and_never(cadence)
                    .why(format!("{name} ({}) has never been contacted, as far as the file says.", quadrant.label()))
                    .ask(format!("What does {name} need from us, and who will reach out?")),
            ),
            Some(last) => {
                let age = days_between(last, ctx.today);
                if age <= cadence as i64 {
                    continue;
                }
                out.push(
                    finding
                        .measured(cadence as f64, age as f64, Unit::Days)
                        .why(format!("{name} ({}) was last contacted {age} days ago; the cadence is {cadence} days.", quadrant.label()))
                        .ask(format!("What has {name} heard from us since {last}, and what might they be assuming?")),
                )
            }
        }
    }
}

impl Finding {
    /// Never contacted: the norm is the cadence, the observation zero contacts.
    fn norm_and_never(mut self, cadence: u32) -> Finding {
        self.norm = super::Measure::new(cadence as f64, Unit::Days);
        self.observed = super::Measure::new(0.0, Unit::Count);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{Quadrant, ID};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;
    use crate::findings::{Severity, ORGANISATION};

    #[test]
    fn quadrant_cadence_decides_who_has_drifted() {
        let mut fx = Fixture::new();
        fx.stakeholder("Maria Costa", 1.0, 0.75, Some("2026-01-20")); // manage closely, 41 days
        fx.stakeholder("Tom Reyes", 1.0, 0.25, Some("2026-01-20")); // keep satisfied, 41 < 60
        fx.stakeholder("Ivy Chen", 0.25, 0.75, None); // keep informed, never
        fx.stakeholder("Sam Hart", 0.25, 0.25, None); // monitor: no cadence
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Ivy Chen", "Maria Costa"]);
        assert!(findings.iter().all(|f| f.team == ORGANISATION));
        assert_eq!((findings[1].severity, findings[1].norm.value, findings[1].observed.value), (Severity::High, 30.0, 41.0));
        assert!(findings[0].why.contains("never been contacted"));
        assert_eq!(cites(&findings[1]), ["stakeholders.csv:2"]);
        assert_eq!(Quadrant::of(0.5, 0.9), Quadrant::KeepInformed);
    }
}
