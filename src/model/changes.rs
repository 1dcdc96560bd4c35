//! The norm change log: every norm changed from a finding ("Update the
//! model" on a systemic or drift finding) is recorded with its date, the
//! old and the new value and the reason, so the model file says why a
//! team's norm is what it is. Saved in `teamdiff-model.json`; files older
//! than the log read as having none.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ModelError, TeamModel};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormChange {
    pub date: NaiveDate,
    pub team: String,
    /// A scalar norm id, e.g. `quiet_days`.
    pub norm: String,
    pub old: u32,
    pub new: u32,
    pub reason: String,
}

impl TeamModel {
    /// Sets a team's own value for a scalar norm and records the change.
    /// A refusal (unknown team or norm, value out of range, no reason)
    /// changes nothing.
    pub fn change_norm(&mut self, team: &str, norm: &str, value: u32, reason: &str, today: NaiveDate) -> Result<NormChange, ModelError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ModelError::NoReason);
        }
        let old = self.norms_for(team).scalar(norm).ok_or_else(|| ModelError::UnknownNorm { norm: norm.to_string() })?;
        let settings = self.teams.get_mut(team).ok_or_else(|| ModelError::UnknownTeam { team: team.to_string() })?;
        settings.overrides.set_scalar(norm, value)?;
        let change = NormChange { date: today, team: team.to_string(), norm: norm.to_string(), old, new: value, reason: reason.to_string() };
        self.norm_changes.push(change.clone());
        Ok(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TeamSettings;
    use crate::testkit::date;

    #[test]
    fn a_change_sets_the_override_and_is_logged_and_a_refusal_changes_nothing() {
        let mut model = TeamModel::default();
        model.teams.insert("Atlas".into(), TeamSettings::with_flavor("greenfield"));
        let change = model.change_norm("Atlas", "quiet_days", 12, " merges every 10 days by design ", date("2026-03-02")).unwrap();
        assert_eq!((change.old, change.new, change.reason.as_str()), (7, 12, "merges every 10 days by design"));
        assert_eq!(model.norms_for("Atlas").quiet_days, 12);
        assert_eq!(model.norm_changes, vec![change]);

        let before = model.clone();
        assert_eq!(model.change_norm("Atlas", "quiet_days", 9, "  ", date("2026-03-03")), Err(ModelError::NoReason));
        assert_eq!(model.change_norm("Nope", "quiet_days", 9, "why", date("2026-03-03")), Err(ModelError::UnknownTeam { team: "Nope".into() }));
        assert!(matches!(model.change_norm("Atlas", "quiet_days", 0, "why", date("2026-03-03")), Err(ModelError::OutOfRange { .. })));
        assert!(model.change_norm("Atlas", "nap_days", 3, "why", date("2026-03-03")).is_err());
        assert_eq!(model, before, "refusals change nothing");
    }

    #[test]
    fn the_log_round_trips_through_the_model_file_and_old_files_read_without_it() {
        let mut model = TeamModel::default();
        model.teams.insert("Atlas".into(), TeamSettings::with_flavor("infra"));
        model.change_norm("Atlas", "first_review_hours", 8, "the team reviews within a morning", date("2026-03-02")).unwrap();
        let json = model.to_json();
        assert!(json.contains("\"norm_changes\""), "{json}");
        assert_eq!(TeamModel::from_json(&json).unwrap(), model);

        let old = r#"{ "format": "teamdiff-model", "version": 1, "teams": { "Atlas": { "flavor": "infra" } } }"#;
        let read = TeamModel::from_json(old).unwrap();
        assert!(read.norm_changes.is_empty());
        assert!(!TeamModel::from_json(old).unwrap().to_json().contains("norm_changes"), "no empty log written");
    }
}
