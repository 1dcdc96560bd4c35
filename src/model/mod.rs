//! The team model: how the leader expects each team's work to go.
//!
//! * [`norms`]: flavors, their preset norms and per-team overrides;
//! * [`file`]: the versioned `teamdiff-model.json` format;
//! * [`deviations`]: findings accepted as allowed, with reason and expiry;
//! * [`suggest`]: norms proposed from a team's own history;
//! * [`leadership`]: the quadrants of the confidence × autonomy matrix;
//! * [`stakeholders`]: the power × interest quadrants;
//! * [`changes`]: the log of norms changed from findings;
//! * [`calendar`]: how days and hours are counted, for all of the above;
//! * [`error`]: [`ModelError`], everything the model refuses.
//!
//! The model reads the dataset and nothing downstream of it: what the
//! findings say about a team is `findings`' business, and accepting one
//! takes an [`AcceptedDeviation`] the caller builds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;

pub mod calendar;
pub mod changes;
pub mod deviations;
pub mod error;
pub mod file;
pub mod leadership;
pub mod norms;
pub mod stakeholders;
pub mod suggest;

pub use changes::NormChange;
pub use deviations::AcceptedDeviation;
pub use error::ModelError;
pub use file::{ModelFileError, MODEL_FORMAT, MODEL_VERSION};
pub use norms::norm_info;
pub use leadership::{leadership_mode, LeadershipMode};
pub use norms::{preset_norms, NormOverrides, Norms, SizeBand, Unit, DEFAULT_FLAVOR, PRESET_FLAVORS};
pub use suggest::{suggest_norms, NormSuggestion};

/// Rows grouped by their team in one pass, each group in row order. Per-team
/// views and tripwires look their rows up here: scanning every row once per
/// team is quadratic in the size of an organisation.
pub(crate) struct ByTeam<'a, T>(crate::hashing::FastMap<&'a str, Vec<&'a T>>);

impl<'a, T> ByTeam<'a, T> {
    pub(crate) fn new(rows: impl IntoIterator<Item = &'a T>, team: impl Fn(&'a T) -> &'a str) -> ByTeam<'a, T> {
        let mut groups: crate::hashing::FastMap<&str, Vec<&T>> = Default::default();
        for row in rows {
            groups.entry(team(row)).or_default().push(row);
        }
        ByTeam(groups)
    }

    /// The team's rows, in row order; none for a team without rows.
    pub(crate) fn of(&self, team: &str) -> &[&'a T] {
        self.0.get(team).map_or(&[], Vec::as_slice)
    }

    /// Every team's rows, for ordering each group once.
    pub(crate) fn groups_mut(&mut self) -> impl Iterator<Item = &mut Vec<&'a T>> {
        self.0.values_mut()
    }
}

/// One team's place in the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSettings {
    /// A preset (`greenfield`, `infra`, `legacy`) or a custom flavor name.
    pub flavor: String,
    #[serde(default, skip_serializing_if = "NormOverrides::is_empty")]
    pub overrides: NormOverrides,
    /// The leader's own adjustment of the confidence the findings suggest,
    /// in −1..=1; see [`leadership`].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub confidence_adjustment: f64,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

impl TeamSettings {
    pub fn with_flavor(flavor: &str) -> TeamSettings {
        TeamSettings { flavor: flavor.to_string(), overrides: NormOverrides::default(), confidence_adjustment: 0.0 }
    }
}

/// How often to be in touch with a stakeholder, by power-interest quadrant.
/// Stakeholders belong to the leader rather than a team, so this cadence is
/// model-wide. Monitor-quadrant stakeholders carry no cadence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactCadence {
    pub manage_closely_days: u32,
    pub keep_satisfied_days: u32,
    pub keep_informed_days: u32,
}

impl Default for ContactCadence {
    fn default() -> Self {
        ContactCadence { manage_closely_days: 30, keep_satisfied_days: 60, keep_informed_days: 90 }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamModel {
    pub teams: BTreeMap<String, TeamSettings>,
    /// User-defined flavors by name; preset names are reserved.
    pub custom_flavors: BTreeMap<String, Norms>,
    pub stakeholder_cadence: ContactCadence,
    pub accepted: Vec<AcceptedDeviation>,
    /// Accounts that are bots though their names do not say so (see
    /// `dataset::Bots`); absent from model files older than the list.
    #[serde(default)]
    pub bots: Vec<String>,
    /// Norms changed from findings, oldest first (see [`changes`]);
    /// absent from model files older than the log.
    #[serde(default)]
    pub norm_changes: Vec<NormChange>,
    /// Names in the files the user confirmed as a roster person's: name as
    /// seen → the person's roster name (see `dataset::index::Identities`);
    /// absent from model files older than the map.
    #[serde(default)]
    pub identities: BTreeMap<String, String>,
}

/// Something in `teams.csv` the model could not take as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelNote {
    /// `file:line` of the team row.
    pub at: String,
    pub message: String,
}

impl TeamModel {
    /// The model implied by the loaded files: one entry per known team,
    /// flavor from `teams.csv`, norms from the flavor presets.
    pub fn from_dataset(dataset: &Dataset) -> TeamModel {
        Self::from_dataset_with_notes(dataset).0
    }

    /// [`TeamModel::from_dataset`], plus what in `teams.csv` was not usable.
    pub fn from_dataset_with_notes(dataset: &Dataset) -> (TeamModel, Vec<ModelNote>) {
        let mut model = TeamModel::default();
        let notes = model.add_dataset_teams(dataset);
        (model, notes)
    }

    /// Adds every team the dataset knows and the model does not yet have.
    /// Teams already in the model keep the user's settings: an imported or
    /// edited model beats what a CSV says.
    pub fn add_dataset_teams(&mut self, dataset: &Dataset) -> Vec<ModelNote> {
        let mut notes = Vec::new();
        for row in &dataset.teams {
            if row.name.trim().is_empty() || self.teams.contains_key(&row.name) {
                continue;
            }
            let at = dataset.cite(row.source);
            let flavor = row.flavor.trim().to_ascii_lowercase();
            let flavor = if flavor.is_empty() { DEFAULT_FLAVOR.to_string() } else { flavor };
            if self.flavor_norms(&flavor).is_none() {
                notes.push(ModelNote {
                    at: at.clone(),
                    message: format!(
                        "flavor `{flavor}` is not a preset; created it as a custom flavor with {DEFAULT_FLAVOR} norms to edit"
                    ),
                });
                self.custom_flavors.insert(flavor.clone(), preset_norms(DEFAULT_FLAVOR).expect("preset"));
            }
            let mut settings = TeamSettings::with_flavor(&flavor);
            for (column, value) in &row.extra {
                let id = column.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                if norms::norm_info(&id).is_none() || value.trim().is_empty() {
                    continue;
                }
                let result = value
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| ModelError::NotWholeNumber { norm: id.clone(), got: value.trim().to_string() })
                    .and_then(|v| settings.overrides.set_scalar(&id, v));
                if let Err(message) = result {
                    notes.push(ModelNote { at: at.clone(), message: format!("{message}; the {flavor} value is used") });
                }
            }
            self.teams.insert(row.name.clone(), settings);
        }
        for team in dataset.team_names() {
            self.teams.entry(team).or_insert_with(|| TeamSettings::with_flavor(DEFAULT_FLAVOR));
        }
        notes
    }

    /// A new custom flavor starting from another flavor's norms. Names are
    /// kept as typed (trimmed); presets and existing flavors are refused.
    pub fn add_flavor(&mut self, name: &str, based_on: &str) -> Result<String, ModelError> {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(ModelError::NoFlavorName);
        }
        if self.flavor_norms(&name).is_some() {
            return Err(ModelError::FlavorExists { name });
        }
        let norms = self.flavor_norms(based_on).ok_or_else(|| ModelError::NotAFlavor { name: based_on.to_string() })?;
        self.custom_flavors.insert(name.clone(), norms);
        Ok(name)
    }

    /// One norm of a custom flavor; presets stay as published.
    pub fn set_flavor_norm(&mut self, flavor: &str, norm: &str, value: u32) -> Result<(), ModelError> {
        let name = flavor.to_string();
        let norms = self.custom_flavors.get_mut(flavor).ok_or_else(|| match preset_norms(flavor) {
            Some(_) => ModelError::PresetFlavor { name },
            None => ModelError::NoCustomFlavor { name },
        })?;
        norms.set_scalar(norm, value)
    }

    /// Removes a custom flavor no team runs under.
    pub fn remove_flavor(&mut self, flavor: &str) -> Result<(), ModelError> {
        let users: Vec<String> = self.teams.iter().filter(|(_, t)| t.flavor == flavor).map(|(team, _)| team.clone()).collect();
        if !users.is_empty() {
            return Err(ModelError::FlavorInUse { flavor: flavor.to_string(), teams: users });
        }
        self.custom_flavors.remove(flavor).map(|_| ()).ok_or_else(|| ModelError::NoCustomFlavor { name: flavor.to_string() })
    }

    /// Norms of a flavor: custom first, then preset.
    pub fn flavor_norms(&self, flavor: &str) -> Option<Norms> {
        self.custom_flavors.get(flavor).cloned().or_else(|| preset_norms(flavor))
    }

    /// The flavor a team runs under; the default flavor for unknown teams.
    pub fn flavor_of(&self, team: &str) -> &str {
        self.teams.get(team).map_or(DEFAULT_FLAVOR, |t| t.flavor.as_str())
    }

    /// A team's effective norms: its override, else its flavor's value.
    pub fn norms_for(&self, team: &str) -> Norms {
        let base = self
            .flavor_norms(self.flavor_of(team))
            .unwrap_or_else(|| preset_norms(DEFAULT_FLAVOR).expect("preset"));
        match self.teams.get(team) {
            Some(settings) => settings.overrides.apply(&base),
            None => base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Fixture;

    #[test]
    fn custom_flavors_are_made_edited_and_removed_with_reasons() {
        let mut model = TeamModel::default();
        model.teams.insert("Atlas".into(), TeamSettings::with_flavor("infra"));
        assert_eq!(model.add_flavor(" Research ", "infra").as_deref(), Ok("research"));
        assert_eq!(model.flavor_norms("research"), preset_norms("infra"), "starts as a copy");
        assert_eq!(model.add_flavor("research", "legacy"), Err(ModelError::FlavorExists { name: "research".into() }));
        assert_eq!(model.add_flavor("infra", "legacy"), Err(ModelError::FlavorExists { name: "infra".into() }), "presets are reserved");
        assert_eq!(model.add_flavor("  ", "legacy"), Err(ModelError::NoFlavorName));
        assert_eq!(model.add_flavor("x", "nope"), Err(ModelError::NotAFlavor { name: "nope".into() }));

        model.set_flavor_norm("research", "quiet_days", 30).unwrap();
        assert_eq!(model.flavor_norms("research").unwrap().quiet_days, 30);
        assert!(matches!(model.set_flavor_norm("research", "quiet_days", 0), Err(ModelError::OutOfRange { got: 0, .. })), "bounds hold");
        assert_eq!(model.set_flavor_norm("infra", "quiet_days", 30), Err(ModelError::PresetFlavor { name: "infra".into() }));
        assert_eq!(model.flavor_norms("infra"), preset_norms("infra"));

        model.teams.get_mut("Atlas").unwrap().flavor = "research".into();
        assert_eq!(model.norms_for("Atlas").quiet_days, 30, "teams follow their flavor");
        let in_use = model.remove_flavor("research").unwrap_err();
        assert_eq!(in_use, ModelError::FlavorInUse { flavor: "research".into(), teams: vec!["Atlas".into()] }, "in use: kept");
        assert_eq!(in_use.to_string(), "`research` is still the flavor of Atlas; give them another flavor first");
        model.teams.get_mut("Atlas").unwrap().flavor = "infra".into();
        model.remove_flavor("research").unwrap();
        assert!(model.flavor_norms("research").is_none());
        assert!(model.validate().is_ok());
    }

    #[test]
    fn dataset_teams_get_their_flavor_and_overrides() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "infra");
        fx.team("Borealis", "Legacy").extra.insert("quiet_days".into(), "5".into());
        fx.team("Comet", "platform").extra.insert("wip_per_person".into(), "lots".into());
        fx.person("Dana Wu", "Drift", "engineer");
        let (model, notes) = TeamModel::from_dataset_with_notes(&fx.ds);
        assert_eq!(model.norms_for("Atlas").quiet_days, 14);
        assert_eq!(model.norms_for("Borealis").quiet_days, 5);
        assert_eq!(model.flavor_of("Comet"), "platform");
        assert_eq!(model.norms_for("Comet").wip_per_person, 3);
        assert_eq!(model.flavor_of("Drift"), DEFAULT_FLAVOR);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(notes[1].message, "wip_per_person must be a whole number (got `lots`); the platform value is used");
        assert!(notes[0].at.ends_with(":4"), "{notes:?}");
    }
}
