//! Norms proposed from a team's own history: the 80th percentile (nearest
//! rank) of what the team actually did over the trailing 12 weeks. The user
//! accepts or edits each proposal; nothing is applied on its own.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{business_hours_between, days_between, percentile};
use super::norms::{norm_info, Unit};
use super::{ByTeam, ModelError, TeamModel};
use crate::dataset::{DecisionLevel, Index};

pub const HISTORY_DAYS: i64 = 84;
pub const PERCENTILE: f64 = 80.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormSuggestion {
    pub team: String,
    /// A scalar norm id, e.g. `quiet_days`.
    pub norm: String,
    pub unit: Unit,
    /// The team's effective value today.
    pub current: u32,
    /// `None` means not enough data: fewer than `min_samples` samples.
    pub suggested: Option<u32>,
    pub samples: usize,
    pub min_samples: usize,
}

/// One norm's samples for one team, with how many it takes to trust them.
struct Samples {
    norm: &'static str,
    min: usize,
    values: Vec<f64>,
}

/// Proposals for every team in the model and every norm that can be read
/// from history (WIP cannot: exports hold no past WIP snapshots). A PR
/// counts for its author's roster team; quiet days count for contributors
/// only, as the tripwires see them.
pub fn suggest_norms(index: &Index, model: &TeamModel, today: NaiveDate) -> Vec<NormSuggestion> {
    let dataset = index.dataset();
    let since = today - Duration::days(HISTORY_DAYS);
    let in_window = |day: NaiveDate| day >= since && day <= today;
    let mut by_team: BTreeMap<&str, Vec<Samples>> = BTreeMap::new();

    // One pass over the PRs, so large organisations stay linear.
    let mut merges_by_author: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    let mut review_waits_by_team: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for pr in &dataset.pull_requests {
        if let Some(merged) = pr.merged.map(|m| m.date()).filter(|d| in_window(*d)) {
            merges_by_author.entry(index.canonical(&pr.author)).or_default().push(merged);
        }
        let (Some(team), Some(created)) = (index.team_of(&pr.author), pr.created) else { continue };
        if let Some((reviewed, _)) = index.reviews().first_review(pr).filter(|_| in_window(created.date())) {
            review_waits_by_team.entry(team).or_default().push(business_hours_between(created, reviewed));
        }
    }

    let people_by_team = ByTeam::new(&dataset.people, |p| &p.team);
    let updates_by_team = ByTeam::new(&dataset.updates, |u| &u.team);
    let decisions_by_team = ByTeam::new(&dataset.decisions, |d| &d.team);
    for team in model.teams.keys() {
        let mut quiet = Samples { norm: "quiet_days", min: 5, values: Vec::new() };
        let first_review =
            Samples { norm: "first_review_hours", min: 5, values: review_waits_by_team.remove(team.as_str()).unwrap_or_default() };
        let mut cadence = Samples { norm: "update_cadence_days", min: 3, values: Vec::new() };
        let mut edge = Samples { norm: "decision_days_edge", min: 3, values: Vec::new() };
        let mut functional = Samples { norm: "decision_days_functional", min: 3, values: Vec::new() };
        let mut executive = Samples { norm: "decision_days_executive", min: 3, values: Vec::new() };

        for person in people_by_team.of(team).iter().filter(|p| index.is_contributor(&p.name)) {
            let Some(merges) = merges_by_author.get_mut(person.name.trim()) else { continue };
            merges.sort();
            quiet.values.extend(merges.windows(2).map(|w| days_between(w[0], w[1]) as f64));
        }
        let mut update_days: Vec<NaiveDate> =
            updates_by_team.of(team).iter().filter_map(|u| u.date).filter(|d| in_window(*d)).collect();
        update_days.sort();
        update_days.dedup();
        cadence.values.extend(update_days.windows(2).map(|w| days_between(w[0], w[1]) as f64));
        for decision in decisions_by_team.of(team) {
            let (Some(level), Some(raised), Some(decided)) = (decision.level, decision.raised, decision.decided) else { continue };
            if !in_window(raised) {
                continue;
            }
            let bucket = match level {
                DecisionLevel::Edge => &mut edge,
                DecisionLevel::Functional => &mut functional,
                DecisionLevel::Executive => &mut executive,
            };
            bucket.values.push(days_between(raised, decided) as f64);
        }
        by_team.insert(team, vec![quiet, first_review, cadence, edge, functional, executive]);
    }

    let mut suggestions = Vec::new();
    for (team, all) in by_team {
        let norms = model.norms_for(team);
        for samples in all {
            let info = norm_info(samples.norm).expect("declared norm");
            let suggested = (samples.values.len() >= samples.min)
                .then(|| percentile(&samples.values, PERCENTILE))
                .flatten()
                .map(|p| (p.ceil() as u32).clamp(info.min, info.max));
            suggestions.push(NormSuggestion {
                team: team.to_string(),
                norm: samples.norm.to_string(),
                unit: info.unit,
                current: norms.scalar(samples.norm).expect("declared norm"),
                suggested,
                samples: samples.values.len(),
                min_samples: samples.min,
            });
        }
    }
    suggestions
}

impl TeamModel {
    /// Takes a suggestion as the team's own override.
    pub fn apply_suggestion(&mut self, suggestion: &NormSuggestion) -> Result<(), ModelError> {
        let value = suggestion.suggested.ok_or_else(|| ModelError::NotEnoughData { norm: suggestion.norm.clone() })?;
        let settings =
            self.teams.get_mut(&suggestion.team).ok_or_else(|| ModelError::UnknownTeam { team: suggestion.team.clone() })?;
        settings.overrides.set_scalar(&suggestion.norm, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{date, Fixture};

    #[test]
    fn suggests_the_80th_percentile_of_the_trailing_twelve_weeks() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "infra");
        fx.person("Ana Lima", "Atlas", "Software Engineer");
        fx.person("Ben Okafor", "Atlas", "Software Engineer");
        // Ana merges every 4 days, Ben every 9: ten gaps of 4 and five of 9
        // → the 80th percentile of 15 gaps is the 12th smallest = 9.
        for i in 0..11 {
            let day = date("2026-01-05") + Duration::days(i * 4);
            fx.merged_pr(&format!("{}", 100 + i), "Ana Lima", &format!("{day} 09:00"), &format!("{day} 15:00"));
        }
        for i in 0..6 {
            let day = date("2026-01-06") + Duration::days(i * 9);
            fx.merged_pr(&format!("{}", 200 + i), "Ben Okafor", &format!("{day} 09:00"), &format!("{day} 15:00"));
        }
        // Far outside the window: must not count.
        fx.merged_pr("1", "Ana Lima", "2025-06-02 09:00", "2025-06-02 10:00");
        // Two updates: one gap only, below the three-sample minimum.
        fx.update("Atlas", "2026-02-02", "green", "fine");
        fx.update("Atlas", "2026-02-16", "green", "still fine");

        let today = date("2026-03-16");
        let mut model = TeamModel::from_dataset(&fx.ds);
        let suggestions = suggest_norms(&Index::new(&fx.ds), &model, today);
        let quiet = suggestions.iter().find(|s| s.norm == "quiet_days").unwrap();
        assert_eq!((quiet.team.as_str(), quiet.current, quiet.suggested, quiet.samples), ("Atlas", 14, Some(9), 15));
        let cadence = suggestions.iter().find(|s| s.norm == "update_cadence_days").unwrap();
        assert_eq!((cadence.suggested, cadence.samples), (None, 1));

        model.apply_suggestion(quiet).unwrap();
        assert_eq!(model.norms_for("Atlas").quiet_days, 9);
        assert_eq!(model.apply_suggestion(cadence), Err(ModelError::NotEnoughData { norm: "update_cadence_days".into() }));
    }
}
