//! The power-interest grid's quadrants and their contact cadence: one
//! definition for the `shareholder_drift` tripwire and the Shareholders view,
//! so the grid and the findings can never disagree about a stakeholder.
//! [`ratings`] is the one rule for a stakeholder rated more than once.

use serde::{Deserialize, Serialize};

use super::ContactCadence;
use crate::dataset::Stakeholder;

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

/// Each stakeholder's rows (indices into `stakeholders`), oldest rating
/// first, stakeholders in the order they first appear; names match
/// trimmed. A stakeholder's rows are in `rated_on` order when every one of
/// them has a date (a `date` column, or two files rating at different
/// dates), otherwise in the order they were loaded (the later file is the
/// later rating). The last row is the current rating.
pub fn ratings(stakeholders: &[Stakeholder]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (index, s) in stakeholders.iter().enumerate() {
        let group = *by_name.entry(s.name.trim()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    for rows in &mut groups {
        if rows.iter().all(|&i| stakeholders[i].rated_on.is_some()) {
            rows.sort_by_key(|&i| stakeholders[i].rated_on);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Fixture;

    #[test]
    fn ratings_are_grouped_by_name_and_ordered_by_date_when_every_one_has_one() {
        let mut fx = Fixture::new();
        fx.stakeholder("Ann", 0.2, 0.2, None).rated_on = chrono::NaiveDate::from_ymd_opt(2026, 10, 1);
        fx.stakeholder("Bo", 0.9, 0.9, None);
        fx.stakeholder(" Ann ", 0.9, 0.9, None).rated_on = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
        fx.stakeholder("Bo", 0.1, 0.9, None).rated_on = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
        assert_eq!(ratings(&fx.ds.stakeholders), [vec![2, 0], vec![1, 3]], "Ann by date; Bo has an undated row: load order");
    }
}
