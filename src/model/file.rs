//! `teamdiff-model.json`: the model as the user exports and imports it.
//!
//! ```json
//! { "format": "teamdiff-model", "version": 1,
//!   "teams": { "Atlas": { "flavor": "infra", "overrides": { "quiet_days": 10 } } },
//!   "custom_flavors": {}, "stakeholder_cadence": { ... }, "accepted": [ ... ] }
//! ```
//!
//! Import is all or nothing: the file is fully parsed and validated into a
//! new model before the current one is replaced, so a bad file leaves the
//! current model exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::norms::{preset_norms, validate_norms, validate_overrides, Norms};
use super::{AcceptedDeviation, ContactCadence, TeamModel, TeamSettings};

pub const MODEL_FORMAT: &str = "teamdiff-model";
pub const MODEL_VERSION: u32 = 1;

/// Why a model file was refused. The message names the place in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelFileError {
    pub message: String,
}

impl fmt::Display for ModelFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "teamdiff-model.json was not loaded: {}", self.message)
    }
}

impl std::error::Error for ModelFileError {}

fn refuse(message: impl Into<String>) -> ModelFileError {
    ModelFileError { message: message.into() }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFileV1 {
    format: String,
    version: u32,
    #[serde(default)]
    teams: BTreeMap<String, TeamSettings>,
    #[serde(default)]
    custom_flavors: BTreeMap<String, Norms>,
    #[serde(default)]
    stakeholder_cadence: ContactCadence,
    #[serde(default)]
    accepted: Vec<AcceptedDeviation>,
}

impl TeamModel {
    /// The model as pretty-printed `teamdiff-model.json`.
    pub fn to_json(&self) -> String {
        let file = ModelFileV1 {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            teams: self.teams.clone(),
            custom_flavors: self.custom_flavors.clone(),
            stakeholder_cadence: self.stakeholder_cadence.clone(),
            accepted: self.accepted.clone(),
        };
        serde_json::to_string_pretty(&file).expect("model serializes")
    }

    /// Parses and validates a model file.
    pub fn from_json(text: &str) -> Result<TeamModel, ModelFileError> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| refuse(format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column())))?;
        let object = value.as_object().ok_or_else(|| refuse("expected a JSON object at the top level"))?;
        match object.get("format").and_then(|f| f.as_str()) {
            Some(MODEL_FORMAT) => {}
            Some(other) => return Err(refuse(format!("`format` is \"{other}\", expected \"{MODEL_FORMAT}\""))),
            None => return Err(refuse(format!("this is not a teamdiff model: `\"format\": \"{MODEL_FORMAT}\"` is missing"))),
        }
        let version = object
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| refuse("`version` is missing or not a whole number"))?;
        if version > MODEL_VERSION as u64 {
            return Err(refuse(format!(
                "it was written by a newer teamdiff (model version {version}); this one reads version {MODEL_VERSION}"
            )));
        }
        if version != MODEL_VERSION as u64 {
            return Err(refuse(format!("model version {version} is not supported; this teamdiff reads version {MODEL_VERSION}")));
        }
        let file: ModelFileV1 = serde_json::from_value(value).map_err(|e| refuse(e.to_string()))?;
        let model = TeamModel {
            teams: file.teams,
            custom_flavors: file.custom_flavors,
            stakeholder_cadence: file.stakeholder_cadence,
            accepted: file.accepted,
        };
        model.validate().map_err(refuse)?;
        Ok(model)
    }

    /// Replaces this model with the file's, or leaves it untouched and
    /// says why.
    pub fn import_json(&mut self, text: &str) -> Result<(), ModelFileError> {
        *self = TeamModel::from_json(text)?;
        Ok(())
    }

    /// Checks what JSON types alone cannot: flavors exist, norms are in
    /// range, acceptances have a reason and a sane expiry.
    pub fn validate(&self) -> Result<(), String> {
        for (name, norms) in &self.custom_flavors {
            if preset_norms(name).is_some() {
                return Err(format!("custom_flavors.{name}: `{name}` is a preset flavor and cannot be redefined"));
            }
            validate_norms(norms).map_err(|e| format!("custom_flavors.{name}: {e}"))?;
        }
        for (team, settings) in &self.teams {
            if team.trim().is_empty() {
                return Err("teams: a team name is empty".into());
            }
            if self.flavor_norms(&settings.flavor).is_none() {
                return Err(format!(
                    "teams.{team}.flavor: `{}` is neither a preset (greenfield, infra, legacy) nor in custom_flavors",
                    settings.flavor
                ));
            }
            validate_overrides(&settings.overrides).map_err(|e| format!("teams.{team}.overrides: {e}"))?;
            if !(-1.0..=1.0).contains(&settings.confidence_adjustment) {
                return Err(format!("teams.{team}.confidence_adjustment must be between -1 and 1"));
            }
        }
        let cadence = &self.stakeholder_cadence;
        for (field, days) in [
            ("manage_closely_days", cadence.manage_closely_days),
            ("keep_satisfied_days", cadence.keep_satisfied_days),
            ("keep_informed_days", cadence.keep_informed_days),
        ] {
            if days == 0 {
                return Err(format!("stakeholder_cadence.{field} must be at least 1"));
            }
        }
        let mut keys = BTreeSet::new();
        for (i, accepted) in self.accepted.iter().enumerate() {
            if accepted.key.trim().is_empty() {
                return Err(format!("accepted[{i}].key is empty"));
            }
            if accepted.reason.trim().is_empty() {
                return Err(format!("accepted[{i}] ({}): the reason is empty", accepted.key));
            }
            if accepted.expires < accepted.accepted_on {
                return Err(format!("accepted[{i}] ({}): expires before it was accepted", accepted.key));
            }
            if !keys.insert(accepted.key.as_str()) {
                return Err(format!("accepted[{i}]: `{}` is accepted twice", accepted.key));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::testkit::date;
    use crate::model::{SizeBand, DEFAULT_FLAVOR};

    fn sample_model() -> TeamModel {
        let mut model = TeamModel::default();
        let mut atlas = TeamSettings::with_flavor("infra");
        atlas.overrides.set_scalar("quiet_days", 10).unwrap();
        atlas.overrides.cycle_days = Some(vec![SizeBand { up_to_points: Some(3.0), days: 4 }, SizeBand { up_to_points: None, days: 9 }]);
        atlas.confidence_adjustment = 0.25;
        model.teams.insert("Atlas".into(), atlas);
        model.teams.insert("Data Platform".into(), TeamSettings::with_flavor("platform"));
        model.custom_flavors.insert("platform".into(), preset_norms(DEFAULT_FLAVOR).unwrap());
        model.accepted.push(AcceptedDeviation {
            key: "quiet_contributor|Atlas|Ana Lima".into(),
            tripwire: "quiet_contributor".into(),
            team: "Atlas".into(),
            subject: "Ana Lima".into(),
            reason: "Parental leave".into(),
            accepted_on: date("2026-01-05"),
            expires: date("2026-04-30"),
        });
        model
    }

    #[test]
    fn round_trips_through_json() {
        let model = sample_model();
        let json = model.to_json();
        assert!(json.contains("\"format\": \"teamdiff-model\""));
        assert!(json.contains("\"version\": 1"));
        assert_eq!(TeamModel::from_json(&json).unwrap(), model);
    }

    #[test]
    fn refuses_other_versions_and_formats_clearly() {
        let newer = sample_model().to_json().replace("\"version\": 1", "\"version\": 2");
        let err = TeamModel::from_json(&newer).unwrap_err().to_string();
        assert!(err.contains("newer teamdiff (model version 2)"), "{err}");

        let err = TeamModel::from_json(r#"{"teams":{}}"#).unwrap_err().to_string();
        assert!(err.contains("not a teamdiff model"), "{err}");
        let err = TeamModel::from_json("{\"format\":").unwrap_err().to_string();
        assert!(err.contains("not valid JSON (line 1"), "{err}");
    }

    #[test]
    fn bad_file_is_rejected_and_current_model_untouched() {
        let mut current = sample_model();
        let before = current.clone();
        let cases = [
            (sample_model().to_json().replace("\"quiet_days\": 10", "\"quiet_days\": 0"), "teams.Atlas.overrides: quiet_days must be between 1 and 365"),
            (sample_model().to_json().replace("\"quiet_days\"", "\"quiet_dayz\""), "unknown field `quiet_dayz`"),
            (sample_model().to_json().replace("\"flavor\": \"platform\"", "\"flavor\": \"rocket\""), "teams.Data Platform.flavor: `rocket`"),
            (sample_model().to_json().replace("Parental leave", " "), "the reason is empty"),
            (sample_model().to_json().replace("\"days\": 9", "\"days\": \"nine\""), "invalid type"),
        ];
        for (text, expected) in cases {
            let err = current.import_json(&text).unwrap_err().to_string();
            assert!(err.contains(expected), "expected `{expected}` in `{err}`");
            assert_eq!(current, before);
        }
        let mut edited = sample_model();
        edited.teams.remove("Atlas");
        current.import_json(&edited.to_json()).unwrap();
        assert_eq!(current, edited);
    }
}
