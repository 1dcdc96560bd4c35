//! The power-interest grid: where each stakeholder sits, where they sat
//! before the workshop re-rated them, and whether contact has drifted past
//! their quadrant's cadence.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Stakeholder};
use crate::model::stakeholders::ratings;
pub use crate::model::stakeholders::Quadrant;
pub use crate::model::ContactCadence;
use crate::views::stats::days_between;
use crate::views::table::{number, Table, ToTable};

/// Both 0..=1; the grid splits at `model::stakeholders::HIGH_ABOVE`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub power: f64,
    pub interest: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StakeholderPoint {
    /// Index into `Dataset::stakeholders`: the stable handle the workshop
    /// uses to re-rate, also under presenter mode.
    pub index: usize,
    pub label: String,
    pub role: String,
    pub initial: Position,
    pub current: Position,
    pub quadrant: Quadrant,
    pub days_since_contact: Option<i64>,
    pub cadence_days: Option<f64>,
    /// Past the current quadrant's cadence, or never contacted while the
    /// quadrant has a cadence.
    pub drifting: bool,
    /// Earlier ratings from the files, oldest first; `initial` is the
    /// latest. Empty for a stakeholder rated once.
    #[serde(default)]
    pub history: Vec<Rating>,
    /// When the latest rating (`initial`) was made, if the file says.
    #[serde(default)]
    pub rated_on: Option<NaiveDate>,
}

/// One rating of a stakeholder over time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// When it was made, if the file says.
    pub date: Option<NaiveDate>,
    pub position: Position,
}

/// A stakeholder's quadrant changing between two ratings on their path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuadrantChange {
    pub from: Quadrant,
    pub to: Quadrant,
    /// The date of the rating that moved them; `None` when undated, or for
    /// the workshop's re-rating.
    pub on: Option<NaiveDate>,
    pub workshop: bool,
}

impl StakeholderPoint {
    pub fn moved(&self) -> bool {
        self.initial != self.current
    }

    /// The path on the grid: every earlier rating, the file's latest
    /// (`initial`), and the workshop's re-rating when there is one.
    pub fn path(&self) -> Vec<Position> {
        let mut path: Vec<Position> = self.history.iter().map(|r| r.position).collect();
        path.push(self.initial);
        if self.moved() {
            path.push(self.current);
        }
        path
    }

    /// Where the path crosses into another quadrant, in order.
    pub fn quadrant_changes(&self) -> Vec<QuadrantChange> {
        let mut steps: Vec<(Option<NaiveDate>, Position, bool)> = self.history.iter().map(|r| (r.date, r.position, false)).collect();
        steps.push((self.rated_on, self.initial, false));
        if self.moved() {
            steps.push((None, self.current, true));
        }
        steps
            .windows(2)
            .filter_map(|pair| {
                let (from, to) = (Quadrant::of(pair[0].1.power, pair[0].1.interest), Quadrant::of(pair[1].1.power, pair[1].1.interest));
                (from != to).then_some(QuadrantChange { from, to, on: pair[1].0, workshop: pair[1].2 })
            })
            .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StakeholderGrid {
    pub title: String,
    pub points: Vec<StakeholderPoint>,
    /// Stakeholders without power or interest: they cannot be placed.
    pub unplaced: Vec<String>,
}

/// `re_rated` holds the workshop's positions by stakeholder index; the
/// file's own rating stays the initial position.
pub fn stakeholder_grid(
    dataset: &Dataset,
    today: NaiveDate,
    cadence: &ContactCadence,
    re_rated: &BTreeMap<usize, Position>,
) -> StakeholderGrid {
    let mut points = Vec::new();
    let mut unplaced = Vec::new();
    let placed = |s: &Stakeholder| Some(Position { power: s.power?.clamp(0.0, 1.0), interest: s.interest?.clamp(0.0, 1.0) });
    // One point per stakeholder, however often rated, at their latest
    // placed rating; the earlier ones are its path.
    for rows in ratings(&dataset.stakeholders) {
        let rated: Vec<(usize, Position)> = rows.iter().filter_map(|&i| Some((i, placed(&dataset.stakeholders[i])?))).collect();
        let Some(&(index, initial)) = rated.last() else {
            unplaced.push(dataset.stakeholders[rows[rows.len() - 1]].name.clone());
            continue;
        };
        let s = &dataset.stakeholders[index];
        let label = s.name.clone();
        let history = rated[..rated.len() - 1].iter().map(|&(i, position)| Rating { date: dataset.stakeholders[i].rated_on, position }).collect();
        let last_contact = rows.iter().filter_map(|&i| dataset.stakeholders[i].last_contact).max();
        let mut point = StakeholderPoint {
            index,
            label,
            role: s.role.clone(),
            initial,
            current: initial,
            quadrant: Quadrant::of(initial.power, initial.interest),
            days_since_contact: last_contact.map(|d| days_between(d, today)),
            cadence_days: None,
            drifting: false,
            history,
            rated_on: s.rated_on,
        };
        point.place(re_rated.get(&index).copied().unwrap_or(initial), cadence);
        points.push(point);
    }
    StakeholderGrid { title: "Stakeholders: power and interest".into(), points, unplaced }
}

impl StakeholderPoint {
    /// Puts the stakeholder at `current` and re-derives everything that
    /// depends on where they sit: quadrant, cadence, drift.
    fn place(&mut self, current: Position, cadence: &ContactCadence) {
        self.current = Position { power: current.power.clamp(0.0, 1.0), interest: current.interest.clamp(0.0, 1.0) };
        self.quadrant = Quadrant::of(self.current.power, self.current.interest);
        self.cadence_days = self.quadrant.cadence_days(cadence).map(f64::from);
        self.drifting = match (self.cadence_days, self.days_since_contact) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(limit), Some(days)) => days as f64 > limit,
        };
    }
}

impl StakeholderGrid {
    /// The same grid after a workshop re-rated some stakeholders (by
    /// `StakeholderPoint::index`), without going back to the dataset: the
    /// page applies drags instantly with this.
    pub fn re_rated(&self, re_rated: &BTreeMap<usize, Position>, cadence: &ContactCadence) -> StakeholderGrid {
        let mut grid = self.clone();
        for point in &mut grid.points {
            point.place(re_rated.get(&point.index).copied().unwrap_or(point.initial), cadence);
        }
        grid
    }
}

impl ToTable for StakeholderGrid {
    fn to_table(&self) -> Table {
        let mut table = Table::new(
            self.title.clone(),
            &["Stakeholder", "Role", "Quadrant", "Power (initial → current)", "Interest (initial → current)", "Days since contact", "Cadence (days)", "Contact drift"],
        );
        let percent = |v: f64| format!("{:.0}%", v * 100.0);
        for p in &self.points {
            table.push(vec![
                p.label.clone(),
                p.role.clone(),
                p.quadrant.label().into(),
                format!("{} → {}", percent(p.initial.power), percent(p.current.power)),
                format!("{} → {}", percent(p.initial.interest), percent(p.current.interest)),
                p.days_since_contact.map_or_else(|| "never contacted".into(), |d| d.to_string()),
                p.cadence_days.map_or_else(|| "none".into(), number),
                if p.drifting { "yes" } else { "no" }.into(),
            ]);
        }
        for label in &self.unplaced {
            table.push(vec![label.clone(), String::new(), "not rated".into(), String::new(), String::new(), String::new(), String::new(), String::new()]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn re_rating_moves_the_current_position_and_its_cadence() {
        let d = synthetic::small_org();
        let plain = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &BTreeMap::new());
        assert_eq!(plain.points.len(), d.stakeholders.len());
        assert!(plain.points.iter().all(|p| !p.moved()));
        let monitor = plain.points.iter().find(|p| p.quadrant == Quadrant::Monitor).unwrap();
        assert!(!monitor.drifting, "monitor has no cadence");
        let moved_up = BTreeMap::from([(monitor.index, Position { power: 0.9, interest: 0.9 })]);
        let grid = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &moved_up);
        let same = grid.points.iter().find(|p| p.index == monitor.index).unwrap();
        assert!(same.moved());
        assert_eq!(same.quadrant, Quadrant::ManageClosely);
        assert_eq!(same.cadence_days, Some(30.0));
        assert_eq!(same.drifting, same.days_since_contact.is_none_or(|d| d > 30));
    }

    #[test]
    fn re_rating_a_built_grid_matches_building_it_re_rated() {
        let d = synthetic::small_org();
        let cadence = ContactCadence::default();
        let plain = stakeholder_grid(&d, synthetic::today(), &cadence, &BTreeMap::new());
        let moves = BTreeMap::from([
            (plain.points[0].index, Position { power: 0.1, interest: 0.95 }),
            (plain.points[1].index, Position { power: 1.4, interest: -0.2 }),
        ]);
        let built = stakeholder_grid(&d, synthetic::today(), &cadence, &moves);
        let re_rated = plain.re_rated(&moves, &cadence);
        assert_eq!(re_rated, built);
        assert_eq!(re_rated.points[1].current, Position { power: 1.0, interest: 0.0 }, "clamped to the grid");
        assert_eq!(re_rated.points[0].quadrant, Quadrant::KeepInformed);
        assert_eq!(re_rated.re_rated(&BTreeMap::new(), &cadence), plain, "no moves: back to the file's ratings");
    }

    #[test]
    fn never_contacted_drifts() {
        let d = synthetic::small_org();
        let grid = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &BTreeMap::new());
        let never = grid.points.iter().find(|p| p.days_since_contact.is_none()).unwrap();
        assert_eq!(never.drifting, never.cadence_days.is_some());
    }
}
