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

/// One norm's samples for one team, with how many it takes to trust them
/// and the day each belongs to (the earlier merge or update of a gap, the
/// PR's creation, the decision's raising), so a shorter window can be cut
/// from a longer one without a second pass.
pub struct Samples {
    pub norm: &'static str,
    pub min: usize,
    pub values: Vec<f64>,
    pub days: Vec<NaiveDate>,
}

impl Samples {
    fn new(norm: &'static str, min: usize) -> Samples {
        Samples { norm, min, values: Vec::new(), days: Vec::new() }
    }

    fn push(&mut self, day: NaiveDate, value: f64) {
        self.days.push(day);
        self.values.push(value);
    }

    /// The values of samples on or after `since`.
    pub fn since(&self, since: NaiveDate) -> Vec<f64> {
        self.days.iter().zip(&self.values).filter(|(day, _)| **day >= since).map(|(_, v)| *v).collect()
    }
}

/// Proposals for every team in the model and every norm that can be read
/// from history (WIP cannot: exports hold no past WIP snapshots). A PR
/// counts for its author's roster team; quiet days count for contributors
/// only, as the tripwires see them.
pub fn suggest_norms(index: &Index, model: &TeamModel, today: NaiveDate) -> Vec<NormSuggestion> {
    let mut suggestions = Vec::new();
    for (team, all) in team_samples(index, model, today, HISTORY_DAYS) {
        let norms = model.norms_for(&team);
        for samples in all {
            let info = norm_info(samples.norm).expect("declared norm");
            let suggested = (samples.values.len() >= samples.min).then(|| rounded_percentile(&samples.values, info.min, info.max)).flatten();
            suggestions.push(NormSuggestion {
                team: team.clone(),
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

/// The 80th percentile as a norm: rounded up to a whole number, within
/// the norm's bounds. The one rounding rule for every suggested value.
pub(crate) fn rounded_percentile(values: &[f64], min: u32, max: u32) -> Option<u32> {
    percentile(values, PERCENTILE).map(|p| (p.ceil() as u32).clamp(min, max))
}

/// What each team in the model did over the trailing `window_days`, per
/// norm that history can tell: the samples [`suggest_norms`] proposes from
/// and model drift (`findings::drift`) reads. One pass over the PRs, so
/// large organisations stay linear.
pub fn team_samples(index: &Index, model: &TeamModel, today: NaiveDate, window_days: i64) -> BTreeMap<String, Vec<Samples>> {
    let dataset = index.dataset();
    let since = today - Duration::days(window_days);
    let in_window = |day: NaiveDate| day >= since && day <= today;
    let mut by_team: BTreeMap<String, Vec<Samples>> = BTreeMap::new();

    let mut merges_by_author: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    let mut review_waits_by_team: BTreeMap<&str, Samples> = BTreeMap::new();
    for pr in &dataset.pull_requests {
        if let Some(merged) = pr.merged.map(|m| m.date()).filter(|d| in_window(*d)) {
            merges_by_author.entry(index.canonical(&pr.author)).or_default().push(merged);
        }
        // The window first: finding the first review is the costly part.
        let Some(created) = pr.created.filter(|c| in_window(c.date())) else { continue };
        let Some(team) = index.team_of(&pr.author) else { continue };
        if let Some((reviewed, _)) = index.reviews().first_review(pr) {
            let waits = review_waits_by_team.entry(team).or_insert_with(|| Samples::new("first_review_hours", 5));
            waits.push(created.date(), business_hours_between(created, reviewed));
        }
    }

    let people_by_team = ByTeam::new(&dataset.people, |p| &p.team);
    let updates_by_team = ByTeam::new(&dataset.updates, |u| &u.team);
    let decisions_by_team = ByTeam::new(&dataset.decisions, |d| &d.team);
    for team in model.teams.keys() {
        let mut quiet = Samples::new("quiet_days", 5);
        let first_review = review_waits_by_team.remove(team.as_str()).unwrap_or_else(|| Samples::new("first_review_hours", 5));
        let mut cadence = Samples::new("update_cadence_days", 3);
        let mut edge = Samples::new("decision_days_edge", 3);
        let mut functional = Samples::new("decision_days_functional", 3);
        let mut executive = Samples::new("decision_days_executive", 3);

        for person in people_by_team.of(team).iter().filter(|p| index.is_contributor(&p.name)) {
            let Some(merges) = merges_by_author.get_mut(person.name.trim()) else { continue };
            merges.sort();
            for w in merges.windows(2) {
                quiet.push(w[0], days_between(w[0], w[1]) as f64);
            }
        }
        let mut update_days: Vec<NaiveDate> =
            updates_by_team.of(team).iter().filter_map(|u| u.date).filter(|d| in_window(*d)).collect();
        update_days.sort();
        update_days.dedup();
        for w in update_days.windows(2) {
            cadence.push(w[0], days_between(w[0], w[1]) as f64);
        }
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
            bucket.push(raised, days_between(raised, decided) as f64);
        }
        by_team.insert(team.clone(), vec![quiet, first_review, cadence, edge, functional, executive]);
    }
    by_team
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
