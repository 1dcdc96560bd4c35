//! Decisions: how long each level takes, and where decisions are made
//! compared with the 60/20/20 edge/functional/executive reference.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, DecisionLevel};
use crate::views::distribution::{Distribution, DistributionRow};
use crate::views::stats::{days_between, FiveNumbers};
use crate::views::table::{Table, ToTable};

pub const LEVELS: [DecisionLevel; 3] = [DecisionLevel::Edge, DecisionLevel::Functional, DecisionLevel::Executive];
/// Share of decisions expected at each level of [`LEVELS`].
pub const REFERENCE_SPLIT: [f64; 3] = [0.6, 0.2, 0.2];

pub fn level_name(level: DecisionLevel) -> &'static str {
    match level {
        DecisionLevel::Edge => "edge",
        DecisionLevel::Functional => "functional",
        DecisionLevel::Executive => "executive",
    }
}

/// Latency norms in days, one per level.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelNorms {
    pub edge: f64,
    pub functional: f64,
    pub executive: f64,
}

impl Default for LevelNorms {
    fn default() -> LevelNorms {
        LevelNorms { edge: 2.0, functional: 7.0, executive: 14.0 }
    }
}

impl LevelNorms {
    pub fn for_level(&self, level: DecisionLevel) -> f64 {
        match level {
            DecisionLevel::Edge => self.edge,
            DecisionLevel::Functional => self.functional,
            DecisionLevel::Executive => self.executive,
        }
    }
}

/// Days from raised to decided per level; undecided ones are pending.
/// Decisions without a level cannot be judged against a level's norm and
/// are left out (the split view counts them as unclassified).
pub fn decision_latency(dataset: &Dataset, today: NaiveDate, norms: &LevelNorms, team: Option<&str>) -> Distribution {
    let in_scope = || dataset.decisions.iter().filter(|d| team.is_none_or(|t| d.team == t));
    let rows = LEVELS
        .iter()
        .map(|&level| {
            let at_level = || in_scope().filter(move |d| d.level == Some(level));
            let latencies: Vec<f64> = at_level()
                .filter_map(|d| Some(days_between(d.raised?, d.decided.filter(|x| *x <= today)?) as f64))
                .filter(|days| *days >= 0.0)
                .collect();
            let pending = at_level().filter(|d| d.raised.is_some() && d.decided.is_none_or(|x| x > today)).count();
            DistributionRow {
                label: level_name(level).into(),
                count: latencies.len(),
                pending,
                spread: FiveNumbers::of(&latencies),
                norm: Some(norms.for_level(level)),
            }
        })
        .collect();
    Distribution {
        title: match team {
            Some(t) => format!("Decision latency by level — {t}"),
            None => "Decision latency by level".into(),
        },
        category: "Decision level".into(),
        unit: "days".into(),
        rows,
        note: None,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelShare {
    pub level: String,
    pub count: usize,
    /// Of classified decisions, 0..=1.
    pub share: f64,
    pub reference: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionSplit {
    pub title: String,
    pub levels: Vec<LevelShare>,
    pub classified: usize,
    pub unclassified: usize,
}

pub fn decision_split(dataset: &Dataset, team: Option<&str>) -> DecisionSplit {
    let in_scope: Vec<_> = dataset.decisions.iter().filter(|d| team.is_none_or(|t| d.team == t)).collect();
    let classified = in_scope.iter().filter(|d| d.level.is_some()).count();
    let levels = LEVELS
        .iter()
        .zip(REFERENCE_SPLIT)
        .map(|(&level, reference)| {
            let count = in_scope.iter().filter(|d| d.level == Some(level)).count();
            let share = if classified == 0 { 0.0 } else { count as f64 / classified as f64 };
            LevelShare { level: level_name(level).into(), count, share, reference }
        })
        .collect();
    DecisionSplit {
        title: match team {
            Some(t) => format!("Where decisions are made — {t}"),
            None => "Where decisions are made".into(),
        },
        levels,
        classified,
        unclassified: in_scope.len() - classified,
    }
}

impl ToTable for DecisionSplit {
    fn to_table(&self) -> Table {
        let mut table = Table::new(
            format!("{} ({} classified, {} without a level)", self.title, self.classified, self.unclassified),
            &["Level", "Decisions", "Share", "Reference share"],
        );
        for level in &self.levels {
            table.push(vec![
                level.level.clone(),
                level.count.to_string(),
                format!("{:.0}%", level.share * 100.0),
                format!("{:.0}%", level.reference * 100.0),
            ]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn latency_rows_carry_their_level_norm() {
        let d = synthetic::small_org();
        let vm = decision_latency(&d, synthetic::today(), &LevelNorms::default(), None);
        let norms: Vec<_> = vm.rows.iter().map(|r| (r.label.as_str(), r.norm)).collect();
        assert_eq!(norms, [("edge", Some(2.0)), ("functional", Some(7.0)), ("executive", Some(14.0))]);
        let total: usize = vm.rows.iter().map(|r| r.count + r.pending).sum();
        assert_eq!(total, d.decisions.len());
    }

    #[test]
    fn split_shares_add_up_and_show_the_reference() {
        let d = synthetic::small_org();
        let split = decision_split(&d, None);
        let total: f64 = split.levels.iter().map(|l| l.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(split.levels[0].reference, 0.6);
        assert_eq!(split.levels[0].share, 0.5, "synthetic org decides half at the edge");
        assert_eq!(decision_split(&Dataset::default(), None).classified, 0);
    }
}
