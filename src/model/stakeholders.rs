//! The power-interest grid's quadrants and their contact cadence: one
//! definition for the `shareholder_drift` tripwire and the Shareholders view,
//! so the grid and the findings can never disagree about a stakeholder.

use serde::{Deserialize, Serialize};

use super::ContactCadence;

/// Power and interest are "high" above the middle of the 0..=1 scale; the
/// midpoint itself counts as low.
pub const HIGH_ABOVE: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    ManageClosely,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Quadrant {
    pub fn of(power: f64, interest: f64) -> Quadrant {
        match (power > HIGH_ABOVE, interest > HIGH_ABOVE) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage closely",
            Quadrant::KeepSatisfied => "keep satisfied",
            Quadrant::KeepInformed => "keep informed",
            Quadrant::Monitor => "monitor",
        }
    }

    /// Days between contacts this quadrant deserves; `None` for monitor,
    /// which has no cadence, so nobody there can drift.
    pub fn cadence_days(self, cadence: &ContactCadence) -> Option<u32> {
        match self {
            Quadrant::ManageClosely => Some(cadence.manage_closely_days),
            Quadrant::KeepSatisfied => Some(cadence.keep_satisfied_days),
            Quadrant::KeepInformed => Some(cadence.keep_informed_days),
            Quadrant::Monitor => None,
        }
    }
}
