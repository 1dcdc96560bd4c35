//! The leadership-mode matrix: per team, how confident the leader is in the
//! team (x: autonomy given, y: confidence), read as one of four modes.

use serde::{Deserialize, Serialize};

use crate::views::table::{Table, ToTable};

/// Filled by the lead from findings and interventions; both 0..=1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipPoint {
    pub team: String,
    pub confidence: f64,
    pub autonomy: f64,
}

pub const MODE_SPLIT: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadershipMode {
    /// Trusted and left to run: the goal state.
    Scalable,
    /// Low confidence met with close involvement: right, while it is temporary.
    SelectiveMicromanagement,
    /// Close involvement where confidence is already high.
    MicroMismanagement,
    /// Autonomy without the confidence to back it.
    HandsOff,
}

impl LeadershipMode {
    pub fn of(point: &LeadershipPoint) -> LeadershipMode {
        match (point.confidence >= MODE_SPLIT, point.autonomy >= MODE_SPLIT) {
            (true, true) => LeadershipMode::Scalable,
            (true, false) => LeadershipMode::MicroMismanagement,
            (false, false) => LeadershipMode::SelectiveMicromanagement,
            (false, true) => LeadershipMode::HandsOff,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LeadershipMode::Scalable => "scalable",
            LeadershipMode::SelectiveMicromanagement => "selective micromanagement",
            LeadershipMode::MicroMismanagement => "micro-mismanagement",
            LeadershipMode::HandsOff => "hands-off",
        }
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
                LeadershipMode::of(p).label().into(),
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
        assert_eq!(LeadershipMode::of(&point(0.9, 0.9)), LeadershipMode::Scalable);
        assert_eq!(LeadershipMode::of(&point(0.9, 0.1)), LeadershipMode::MicroMismanagement);
        assert_eq!(LeadershipMode::of(&point(0.1, 0.1)), LeadershipMode::SelectiveMicromanagement);
        assert_eq!(LeadershipMode::of(&point(0.1, 0.9)), LeadershipMode::HandsOff);
    }
}
