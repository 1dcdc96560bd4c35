//! Tripwires: every deviation of the dataset from the model. (Contract only.)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::model::TeamModel;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {}

/// Runs every registered tripwire. Same inputs, same output, same order.
pub fn evaluate(dataset: &Dataset, model: &TeamModel, today: NaiveDate) -> Vec<Finding> {
    let _ = (dataset, model, today);
    Vec::new()
}
