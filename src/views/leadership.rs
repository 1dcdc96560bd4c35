//! The leadership-mode matrix: per team, how confident the leader is in the
//! team (x: autonomy given, y: confidence), read as one of four modes.

use serde::{Deserialize, Serialize};

pub use crate::model::leadership::HIGH_AT as MODE_SPLIT;
pub use crate::model::{leadership_mode, LeadershipMode};
use crate::views::table::{Table, ToTable};

/// Filled by the lead from findings and interventions; both 0..=1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipPoint {
    pub team: String,
    pub confidence: f64,
    pub autonomy: f64,
}

impl LeadershipPoint {
    /// The quadrant, by the model's one definition.
    pub fn mode(&self) -> LeadershipMode {
        leadership_mode(self.confidence, self.autonomy)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipMatrix {
    pub title: String,
    pub points: Vec<LeadershipPoint>,
}

impl LeadershipMatrix {
    /// Teams sorted by name so the picture does not depend on input order.
    pub fn new(mut points: Vec<LeadershipPoint>) -> LeadershipMatrix {
        for p in &mut points {
            p.confidence = p.confidence.clamp(0.0, 1.0);
            p.autonomy = p.autonomy.clamp(0.0, 1.0);
        }
        points.sort_by(|a, b| a.team.cmp(&b.team));
        LeadershipMatrix { title: "Leadership mode by team".into(), points }
    }
}

impl ToTable for LeadershipMatrix {
    fn to_table(&self) -> Table {
        let mut table = Table::new(self.title.clone(), &["Team", "Confidence", "Autonomy", "Mode"]);
        for p in &self.points {
            table.push(vec![
                p.team.clone(),
                format!("{:.0}%", p.confidence * 100.0),
                format!("{:.0}%", p.autonomy * 100.0),
                p.mode().label().into(),
            ]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(confidence: f64, autonomy: f64) -> LeadershipPoint {
        LeadershipPoint { team: "t".into(), confidence, autonomy }
    }

    #[test]
    fn quadrants_follow_confidence_and_autonomy() {
        assert_eq!(point(0.9, 0.9).mode(), LeadershipMode::Scalable);
        assert_eq!(point(0.9, 0.1).mode(), LeadershipMode::MicroMismanagement);
        assert_eq!(point(0.1, 0.1).mode(), LeadershipMode::SelectiveMicromanagement);
        assert_eq!(point(0.1, 0.9).mode(), LeadershipMode::HandsOff);
    }
}
