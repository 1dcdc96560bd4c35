//! The org digest: one row per team, scannable and sortable for 200 teams.
//! With groups in teams.csv, each row names its group and
//! `views::groups` rolls the rows up by it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::Index;
use crate::model::ByTeam;
use crate::views::stats::days_between;
use crate::views::table::{Table, ToTable};
use crate::views::weekly::{merges_trend_by_team, team_merges_trend, WeeklySeries};
use crate::views::FindingRow;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DigestRow {
    pub team: String,
    pub flavor: String,
    pub last_update_age_days: Option<i64>,
    pub status: Option<String>,
    /// Tripwire id → open findings for this team.
    pub open_findings: BTreeMap<String, usize>,
    pub trend: WeeklySeries,
    /// The team's group (or `NO_GROUP`) when teams.csv groups teams;
    /// `None` when it does not.
    #[serde(default)]
    pub group: Option<String>,
    /// Open systemic findings about the team (`views::groups::count_systemic`
    /// fills it in once they are known); their members are counted in
    /// `open_findings`.
    #[serde(default)]
    pub systemic_findings: usize,
}

impl DigestRow {
    pub fn open_findings_total(&self) -> usize {
        self.open_findings.values().sum()
    }
}

/// Sorting is the user's choice; the default is by team name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigestSort {
    #[default]
    Team,
    Flavor,
    UpdateAge,
    Status,
    OpenFindings,
    Group,
}

/// One pass over updates, findings and team rows each, grouped by team, so
/// a 200-team digest does not scan everything once per team.
pub fn org_digest(index: &Index, today: NaiveDate, findings: &[FindingRow], trend_weeks: usize) -> Vec<DigestRow> {
    let dataset = index.dataset();
    let mut trends = merges_trend_by_team(index, today, trend_weeks);
    let updates = ByTeam::new(dataset.updates.iter().filter(|u| u.date.is_some_and(|d| d <= today)), |u| &u.team);
    let open = ByTeam::new(findings, |f| &f.team);
    let team_rows = ByTeam::new(&dataset.teams, |t| &t.name);
    index
        .team_names()
        .iter()
        .cloned()
        .map(|team| {
            let latest = updates.of(&team).iter().max_by_key(|u| u.date);
            let mut open_findings = BTreeMap::new();
            for finding in open.of(&team) {
                *open_findings.entry(finding.tripwire.clone()).or_default() += 1;
            }
            DigestRow {
                group: index.has_groups().then(|| index.group_or_none(&team).to_string()),
                systemic_findings: 0,
                flavor: team_rows.of(&team).first().map(|t| t.flavor.clone()).unwrap_or_default(),
                last_update_age_days: latest.and_then(|u| u.date).map(|d| days_between(d, today)),
                status: latest.map(|u| u.status.clone()),
                open_findings,
                trend: trends.remove(&team).unwrap_or_else(|| team_merges_trend(index, &team, today, trend_weeks)),
                team,
            }
        })
        .collect()
}

/// Stable, with team name as the tie-breaker; missing values sort last in
/// either direction so "no update ever" never hides at the bottom unseen.
pub fn sort_digest(rows: &mut [DigestRow], by: DigestSort, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match by {
            DigestSort::Team => Ordering::Equal,
            DigestSort::Flavor => directed(a.flavor.cmp(&b.flavor), descending),
            DigestSort::UpdateAge => missing_last(a.last_update_age_days, b.last_update_age_days, descending),
            DigestSort::Status => missing_last(a.status.as_ref(), b.status.as_ref(), descending),
            DigestSort::OpenFindings => directed(a.open_findings_total().cmp(&b.open_findings_total()), descending),
            DigestSort::Group => missing_last(a.group.as_ref(), b.group.as_ref(), descending),
        };
        let by_team = if by == DigestSort::Team { directed(a.team.cmp(&b.team), descending) } else { a.team.cmp(&b.team) };
        primary.then(by_team)
    });
}

pub(crate) fn directed(order: Ordering, descending: bool) -> Ordering {
    if descending {
        order.reverse()
    } else {
        order
    }
}

fn missing_last<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(a.cmp(&b), descending),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl ToTable for [DigestRow] {
    fn to_table(&self) -> Table {
        let mut table = Table::new("Org digest", &["Team", "Flavor", "Days since last update", "Status", "Open findings", "Merged PRs per week (trend)"]);
        for row in self {
            let findings = row.open_findings.iter().map(|(t, n)| format!("{t}: {n}")).collect::<Vec<_>>().join(", ");
            let trend = row.trend.weeks.iter().map(|w| crate::views::table::number(w.value)).collect::<Vec<_>>().join(" ");
            table.push(vec![
                row.team.clone(),
                row.flavor.clone(),
                row.last_update_age_days.map_or_else(|| "no update".into(), |d| d.to_string()),
                row.status.clone().unwrap_or_else(|| "unknown".into()),
                if findings.is_empty() { "none".into() } else { findings },
                trend,
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
    fn a_row_per_team_with_findings_counted_by_tripwire() {
        let d = synthetic::small_org();
        let finding = |tripwire: &str| FindingRow { tripwire: tripwire.into(), team: "Team 001".into(), ..Default::default() };
        let findings = [finding("stale_update"), finding("stale_update"), finding("quiet_contributor")];
        let mut rows = org_digest(&crate::dataset::Index::new(&d), synthetic::today(), &findings, 8);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.trend.weeks.len() == 8 && r.last_update_age_days.is_some()));
        sort_digest(&mut rows, DigestSort::OpenFindings, true);
        assert_eq!(rows[0].team, "Team 001");
        assert_eq!(rows[0].open_findings["stale_update"], 2);
        sort_digest(&mut rows, DigestSort::Team, false);
        assert_eq!(rows[0].team, "Team 000");
        assert!(rows.iter().all(|r| r.group.is_none()), "no group column, no groups");
    }

    #[test]
    fn with_groups_each_row_names_its_group_and_teams_without_one_share_no_group() {
        let mut d = synthetic::small_org();
        d.teams[0].group = "Platform".into();
        d.teams[2].group = "Commerce".into();
        let findings = [FindingRow { tripwire: "quiet_contributor".into(), team: d.teams[0].name.clone(), ..Default::default() }];
        let mut rows = org_digest(&crate::dataset::Index::new(&d), synthetic::today(), &findings, 4);
        let group = |team: &str| rows.iter().find(|r| r.team == team).and_then(|r| r.group.clone());
        assert_eq!(group(&d.teams[0].name).as_deref(), Some("Platform"));
        assert_eq!(group(&d.teams[1].name).as_deref(), Some(crate::dataset::index::NO_GROUP));
        sort_digest(&mut rows, DigestSort::Group, false);
        let groups: Vec<&str> = rows.iter().filter_map(|r| r.group.as_deref()).collect();
        assert_eq!(groups, [crate::dataset::index::NO_GROUP, "Commerce", "Platform"]);
    }
}
