//! The team model: flavors, norms per team, accepted deviations. (Contract only.)

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamModel {}

impl TeamModel {
    /// The model implied by the loaded files: one entry per known team,
    /// flavor from `teams.csv`, norms from the flavor presets.
    pub fn from_dataset(dataset: &Dataset) -> TeamModel {
        let _ = dataset;
        TeamModel {}
    }
}
