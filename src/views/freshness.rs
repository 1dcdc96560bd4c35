//! Update freshness, teams × weeks: at the end of each week, how old was
//! the team's latest update compared with its cadence?

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::model::ByTeam;
use crate::views::stats::{days_between, iso_week_label, week_start};
use crate::views::table::{number, Table, ToTable};
use crate::views::{TeamThresholds, MAX_MARKS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    Fresh,
    Stale,
    /// No update dated on or before that week's end.
    NoUpdate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreshnessCell {
    pub age_days: Option<i64>,
    pub state: Freshness,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreshnessRow {
    pub team: String,
    pub cadence_days: f64,
    pub cells: Vec<FreshnessCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreshnessGrid {
    pub title: String,
    /// ISO week labels, oldest first; the last is the week of `today`.
    pub weeks: Vec<String>,
    pub rows: Vec<FreshnessRow>,
    pub note: Option<String>,
}

/// Every known team gets a row, also one that never sent an update: that
/// absence is the finding. Weeks shrink so cells stay within the mark cap.
pub fn update_freshness(dataset: &Dataset, today: NaiveDate, cadence: &TeamThresholds, weeks: usize) -> FreshnessGrid {
    let teams: Vec<String> = {
        let mut all = dataset.team_names();
        all.extend(dataset.updates.iter().map(|u| u.team.clone()).filter(|t| !t.is_empty()));
        all.sort();
        all.dedup();
        all
    };
    let wanted_weeks = weeks.max(1);
    let weeks = wanted_weeks.min((MAX_MARKS / teams.len().max(1)).max(1));
    let current_week = week_start(today);
    let week_starts: Vec<NaiveDate> = (0..weeks).rev().map(|back| current_week - Duration::weeks(back as i64)).collect();
    // The current week is judged as of today, not a Sunday still to come.
    let as_of = |start: NaiveDate| (start + Duration::days(6)).min(today);
    // Grouped in one pass: filtering all updates once per team was
    // teams × updates for a large org.
    let updates = ByTeam::new(&dataset.updates, |u| &u.team);
    let rows = teams
        .iter()
        .map(|team| {
            let mut dates: Vec<NaiveDate> = updates.of(team).iter().filter_map(|u| u.date).collect();
            dates.sort();
            let cadence_days = cadence.for_team(team);
            let cells = week_starts
                .iter()
                .map(|&start| {
                    let end = as_of(start);
                    let latest = dates[..dates.partition_point(|d| *d <= end)].last();
                    let age_days = latest.map(|d| days_between(*d, end));
                    let state = match age_days {
                        None => Freshness::NoUpdate,
                        Some(age) if age as f64 > cadence_days => Freshness::Stale,
                        Some(_) => Freshness::Fresh,
                    };
                    FreshnessCell { age_days, state }
                })
                .collect();
            FreshnessRow { team: team.clone(), cadence_days, cells }
        })
        .collect();
    FreshnessGrid {
        title: "Update freshness by team and week".into(),
        weeks: week_starts.iter().map(|w| iso_week_label(*w)).collect(),
        rows,
        note: (weeks < wanted_weeks).then(|| format!("{} teams: showing the last {weeks} weeks only.", teams.len())),
    }
}

impl ToTable for FreshnessGrid {
    fn to_table(&self) -> Table {
        let mut headers = vec!["Team".to_string(), "Cadence (days)".to_string()];
        headers.extend(self.weeks.iter().map(|w| format!("{w}: days since update")));
        let mut table = Table { caption: self.title.clone(), headers, rows: Vec::new() };
        for row in &self.rows {
            let mut cells = vec![row.team.clone(), number(row.cadence_days)];
            cells.extend(row.cells.iter().map(|c| match (c.age_days, c.state) {
                (Some(age), Freshness::Stale) => format!("{age} (stale)"),
                (Some(age), _) => age.to_string(),
                (None, _) => "no update".into(),
            }));
            table.push(cells);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn stale_weeks_follow_the_cadence() {
        let d = synthetic::small_org();
        let vm = update_freshness(&d, synthetic::today(), &TeamThresholds::uniform(14.0), 12);
        assert_eq!(vm.weeks.len(), 12);
        assert_eq!(vm.rows.len(), d.team_names().len());
        // Team 002 updates every 21 days, so with a 14-day cadence some weeks go stale.
        let slow = vm.rows.iter().find(|r| r.team == "Team 002").unwrap();
        assert!(slow.cells.iter().any(|c| c.state == Freshness::Stale));
        let weekly = vm.rows.iter().find(|r| r.team == "Team 000").unwrap();
        assert!(weekly.cells.iter().skip(2).all(|c| c.state == Freshness::Fresh));
        assert_eq!(vm.weeks.last().unwrap(), &iso_week_label(synthetic::today()));
    }

    #[test]
    fn many_teams_get_fewer_weeks() {
        let d = synthetic::org(400, 200);
        let vm = update_freshness(&d, synthetic::today(), &TeamThresholds::uniform(14.0), 26);
        assert!(vm.rows.len() * vm.weeks.len() <= MAX_MARKS);
        assert!(vm.note.is_some());
    }
}
