//! Leadership modes: the quadrants of the confidence × autonomy matrix.
//!
//! Both axes run 0..=1 and are "high" at [`HIGH_AT`] or more. High
//! confidence with high autonomy is scalable; low confidence with low
//! autonomy is selective micromanagement (close in where it is needed);
//! high confidence with low autonomy is micro-mismanagement (control where
//! it is not needed); low confidence with high autonomy is hands-off.
//! Where each team sits is read from the findings:
//! `crate::findings::leadership`.

use serde::{Deserialize, Serialize};

pub const HIGH_AT: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadershipMode {
    Scalable,
    SelectiveMicromanagement,
    MicroMismanagement,
    HandsOff,
}

impl LeadershipMode {
    pub fn label(self) -> &'static str {
        match self {
            LeadershipMode::Scalable => "scalable",
            LeadershipMode::SelectiveMicromanagement => "selective micromanagement",
            LeadershipMode::MicroMismanagement => "micro-mismanagement",
            LeadershipMode::HandsOff => "hands-off",
        }
    }
}

/// The quadrant for a point on the matrix, for views that draw it.
pub fn leadership_mode(confidence: f64, autonomy: f64) -> LeadershipMode {
    match (confidence >= HIGH_AT, autonomy >= HIGH_AT) {
        (true, true) => LeadershipMode::Scalable,
        (false, false) => LeadershipMode::SelectiveMicromanagement,
        (true, false) => LeadershipMode::MicroMismanagement,
        (false, true) => LeadershipMode::HandsOff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants() {
        assert_eq!(leadership_mode(0.9, 0.9), LeadershipMode::Scalable);
        assert_eq!(leadership_mode(0.2, 0.2), LeadershipMode::SelectiveMicromanagement);
        assert_eq!(leadership_mode(0.9, 0.2), LeadershipMode::MicroMismanagement);
        assert_eq!(leadership_mode(0.2, 0.9), LeadershipMode::HandsOff);
    }
}
