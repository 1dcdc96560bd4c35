//! Leadership-mode position per team: confidence × autonomy, read from the
//! findings and the leader's own involvement. The quadrants themselves
//! ([`LeadershipMode`], [`leadership_mode`]) are the model's, shared with
//! the matrix chart.
//!
//! * **Confidence** (0..=1) is how much the findings say the work runs as
//!   modelled: 1 minus a weight per open finding (high 0.15, medium 0.08,
//!   low 0.03), plus the leader's own adjustment from the model, clamped.
//!   Findings about the leader's own involvement (interventions, decision
//!   routing) are left out: they measure autonomy, not the team.
//! * **Autonomy** (0..=1) is how much the team decides and runs on its
//!   own: the mean of "no active intervention" (1 or 0) and, when the team
//!   has leveled decisions, its edge share against the 60 % reference
//!   (capped at 1).
//!
//! An active intervention past its planned end or without an exit
//! criterion is selective micromanagement drifting into
//! micro-mismanagement, and is placed there.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::open_intervention::{self, is_active};
use super::{decision_distribution, Finding, Severity};
use crate::dataset::{Dataset, DecisionLevel, Intervention, RowRef};
use crate::model::{leadership_mode, ByTeam, LeadershipMode, TeamModel};

pub const EDGE_REFERENCE_SHARE: f64 = 0.6;
/// Tripwires that describe how the leader is involved rather than how the
/// team's work goes.
const AUTONOMY_TRIPWIRES: [&str; 2] = [open_intervention::ID, decision_distribution::ID];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipPosition {
    pub team: String,
    pub confidence: f64,
    pub autonomy: f64,
    pub mode: LeadershipMode,
    /// Plain sentences: what moved each axis, and any drift.
    pub reasons: Vec<String>,
    /// The team's active interventions.
    pub interventions: Vec<RowRef>,
}

fn severity_weight(severity: Severity) -> f64 {
    match severity {
        Severity::High => 0.15,
        Severity::Medium => 0.08,
        Severity::Low => 0.03,
    }
}

/// One position per team in the model, in team order.
pub fn leadership_positions(dataset: &Dataset, model: &TeamModel, findings: &[Finding], today: NaiveDate) -> Vec<LeadershipPosition> {
    let counted_by_team = ByTeam::new(findings.iter().filter(|f| !AUTONOMY_TRIPWIRES.contains(&f.tripwire.as_str())), |f| &f.team);
    let active_by_team = ByTeam::new(dataset.interventions.iter().filter(|i| is_active(i, today)), |i| &i.team);
    let decisions_by_team = ByTeam::new(&dataset.decisions, |d| &d.team);
    model
        .teams
        .iter()
        .map(|(team, settings)| {
            let mut reasons = Vec::new();

            let counted = counted_by_team.of(team);
            let penalty: f64 = counted.iter().map(|f| severity_weight(f.severity)).sum();
            if counted.is_empty() {
                reasons.push("No open findings about the team's work.".to_string());
            } else {
                let mut ids: Vec<&str> = counted.iter().map(|f| f.tripwire.as_str()).collect();
                ids.sort();
                ids.dedup();
                reasons.push(format!("{} open finding(s) lower confidence by {:.2} ({}).", counted.len(), penalty, ids.join(", ")));
            }
            let adjustment = settings.confidence_adjustment;
            if adjustment != 0.0 {
                reasons.push(format!("You adjusted confidence by {adjustment:+.2}."));
            }
            let confidence = ((1.0 - penalty).clamp(0.0, 1.0) + adjustment).clamp(0.0, 1.0);

            let active = active_by_team.of(team);
            let mut components = vec![if active.is_empty() { 1.0 } else { 0.0 }];
            if active.is_empty() {
                reasons.push("No active intervention.".to_string());
            } else {
                reasons.push(format!("{} active intervention(s): {}.", active.len(), active.iter().map(|i| i.reason.as_str()).collect::<Vec<_>>().join("; ")));
            }
            let levels: Vec<DecisionLevel> = decisions_by_team.of(team).iter().filter_map(|d| d.level).collect();
            if !levels.is_empty() {
                let edge_share = levels.iter().filter(|l| **l == DecisionLevel::Edge).count() as f64 / levels.len() as f64;
                components.push((edge_share / EDGE_REFERENCE_SHARE).min(1.0));
                reasons.push(format!(
                    "{:.0}% of {} decisions were taken at the edge (reference 60%).",
                    edge_share * 100.0,
                    levels.len()
                ));
            }
            let autonomy = components.iter().sum::<f64>() / components.len() as f64;

            let drifting: Vec<&&Intervention> = active
                .iter()
                .filter(|i| {
                    i.exit_criterion.as_deref().is_none_or(|c| c.trim().is_empty()) || i.planned_end.is_none_or(|end| end < today)
                })
                .collect();
            let mode = if drifting.is_empty() {
                leadership_mode(confidence, autonomy)
            } else {
                reasons.push(
                    "An intervention is past its planned end or has no exit criterion: selective micromanagement drifting into micro-mismanagement."
                        .to_string(),
                );
                LeadershipMode::MicroMismanagement
            };

            LeadershipPosition {
                team: team.clone(),
                confidence,
                autonomy,
                mode,
                reasons,
                interventions: active.iter().map(|i| i.source).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::evaluate;
    use crate::testkit::{date, Fixture};

    #[test]
    fn positions_follow_findings_interventions_and_adjustment() {
        let mut fx = Fixture::new();
        fx.team("Calm", "greenfield");
        fx.team("Shaky", "greenfield");
        fx.team("Watched", "greenfield");
        fx.team("Drifting", "greenfield");
        for role in ["Tech lead", "On-call", "Product owner", "Security champion", "Release manager"] {
            fx.role("Shaky", role, true, None);
        }
        fx.role("Watched", "Tech lead", true, None);
        fx.role("Watched", "On-call", true, None);
        fx.role("Watched", "Product owner", true, None);
        fx.role("Watched", "Security champion", true, None);
        fx.intervention("Watched", "2026-02-01", Some("2026-04-01"), None, Some("two clean releases"), "release quality");
        fx.intervention("Drifting", "2025-11-01", Some("2026-01-15"), None, Some("on-call stable"), "incidents");
        let today = date("2026-03-02");
        let mut model = TeamModel::from_dataset(&fx.ds);
        let findings = evaluate(&fx.ds, &model, today);

        let positions = leadership_positions(&fx.ds, &model, &findings, today);
        let mode_of = |positions: &[LeadershipPosition], team: &str| positions.iter().find(|p| p.team == team).unwrap().mode;
        assert_eq!(mode_of(&positions, "Calm"), LeadershipMode::Scalable);
        assert_eq!(mode_of(&positions, "Shaky"), LeadershipMode::HandsOff);
        assert_eq!(mode_of(&positions, "Watched"), LeadershipMode::SelectiveMicromanagement);
        assert_eq!(mode_of(&positions, "Drifting"), LeadershipMode::MicroMismanagement);
        let drifting = positions.iter().find(|p| p.team == "Drifting").unwrap();
        assert!(drifting.reasons.iter().any(|r| r.contains("drifting into micro-mismanagement")));

        model.teams.get_mut("Shaky").unwrap().confidence_adjustment = 1.0;
        let adjusted = leadership_positions(&fx.ds, &model, &findings, today);
        assert_eq!(mode_of(&adjusted, "Shaky"), LeadershipMode::Scalable);
    }
}
