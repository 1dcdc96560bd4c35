//! Roll-ups by group: when teams.csv says which group (a department, a
//! director, a tribe) each team belongs to, the digest and the leadership
//! matrix first show one line per group, and a group opens onto its teams.
//!
//! At 200 teams a leader scans twenty group lines, not two hundred team
//! rows. Each roll-up is computed from the per-team view-models it sums
//! (`DigestRow`, the leadership teams), so a group's numbers are exactly
//! its teams' numbers added up, never a second derivation. Without groups
//! every roll-up is empty and the pages show teams as before.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::views::digest::{directed, DigestRow};
use crate::views::table::{Table, ToTable};

/// The tripwire whose open findings make a team's update stale (checked
/// against the registry by a test).
const STALE_UPDATE: &str = "stale_update";

/// Counts each team's systemic findings (`findings::systemic`: one
/// team-level finding in place of many person findings) into its digest
/// row, from the teams the systemic findings name. Their members stay in
/// `open_findings`.
pub fn count_systemic<'a>(rows: &mut [DigestRow], systemic_teams: impl IntoIterator<Item = &'a str>) {
    let mut per_team: BTreeMap<&str, usize> = BTreeMap::new();
    for team in systemic_teams {
        *per_team.entry(team).or_default() += 1;
    }
    for row in rows {
        row.systemic_findings = per_team.get(row.team.as_str()).copied().unwrap_or(0);
    }
}

/// One group's line of the digest: its teams' numbers added up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub group: String,
    /// Its teams, by name.
    pub teams: Vec<String>,
    pub open_findings: usize,
    /// Tripwire id → open findings over the group's teams.
    pub open_by_tripwire: BTreeMap<String, usize>,
    /// Teams with an open `stale_update` finding: no update within their
    /// cadence, or the same summary again (the tripwire's rule).
    pub stale_updates: usize,
    pub systemic_findings: usize,
    /// Latest status → how many teams report it; "unknown" for none.
    pub statuses: BTreeMap<String, usize>,
    /// The oldest of its teams' latest updates, in days; `None` when no
    /// team has posted one.
    pub oldest_update_days: Option<i64>,
}

/// The digest's rows rolled up by their `group`, in group order; empty
/// when no row has a group (teams.csv has no group column).
pub fn digest_by_group(rows: &[DigestRow]) -> Vec<GroupRow> {
    let mut groups: BTreeMap<&str, GroupRow> = BTreeMap::new();
    for row in rows {
        let Some(group) = row.group.as_deref() else { continue };
        let line = groups.entry(group).or_insert_with(|| GroupRow { group: group.to_string(), ..GroupRow::default() });
        line.teams.push(row.team.clone());
        line.open_findings += row.open_findings_total();
        for (tripwire, count) in &row.open_findings {
            *line.open_by_tripwire.entry(tripwire.clone()).or_default() += count;
        }
        line.stale_updates += usize::from(row.open_findings.get(STALE_UPDATE).is_some_and(|&n| n > 0));
        line.systemic_findings += row.systemic_findings;
        *line.statuses.entry(row.status.clone().unwrap_or_else(|| "unknown".into())).or_default() += 1;
        line.oldest_update_days = line.oldest_update_days.max(row.last_update_age_days);
    }
    let mut lines: Vec<GroupRow> = groups.into_values().collect();
    for line in &mut lines {
        line.teams.sort();
    }
    lines
}

/// How the group lines are sorted; the default is by group name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupSort {
    #[default]
    Group,
    Teams,
    OpenFindings,
    StaleUpdates,
    Systemic,
}

/// Stable, with the group name (A to Z) as the tie-breaker, like the digest.
pub fn sort_groups(lines: &mut [GroupRow], by: GroupSort, descending: bool) {
    lines.sort_by(|a, b| {
        let primary = match by {
            GroupSort::Group => Ordering::Equal,
            GroupSort::Teams => a.teams.len().cmp(&b.teams.len()),
            GroupSort::OpenFindings => a.open_findings.cmp(&b.open_findings),
            GroupSort::StaleUpdates => a.stale_updates.cmp(&b.stale_updates),
            GroupSort::Systemic => a.systemic_findings.cmp(&b.systemic_findings),
        };
        let by_name = a.group.cmp(&b.group);
        if by == GroupSort::Group { directed(by_name, descending) } else { directed(primary, descending).then(by_name) }
    });
}

impl ToTable for [GroupRow] {
    fn to_table(&self) -> Table {
        let mut table = Table::new("Org digest by group", &["Group", "Teams", "Open findings", "Stale updates", "Systemic findings", "Latest statuses"]);
        for line in self {
            table.push(vec![
                line.group.clone(),
                line.teams.len().to_string(),
                line.open_findings.to_string(),
                line.stale_updates.to_string(),
                line.systemic_findings.to_string(),
                statuses_text(&line.statuses),
            ]);
        }
        table
    }
}

/// "green 7 · yellow 2 · unknown 1".
pub fn statuses_text(statuses: &BTreeMap<String, usize>) -> String {
    statuses.iter().map(|(status, n)| format!("{status} {n}")).collect::<Vec<_>>().join(" · ")
}

/// One team as the leadership roll-up reads it.
pub struct LeadershipMember<'a> {
    pub group: &'a str,
    /// The model's reading (`LeadershipMode::label`).
    pub mode: &'a str,
    pub confidence: f64,
    pub autonomy: f64,
}

/// One group's line of the leadership page: how many of its teams sit in
/// each mode, and where the group sits on average.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LeadershipGroup {
    pub group: String,
    pub teams: usize,
    /// Mode label → teams in it, most first (then by label).
    pub modes: Vec<(String, usize)>,
    pub mean_confidence: f64,
    pub mean_autonomy: f64,
}

/// The leadership teams rolled up by group, in group order.
pub fn leadership_by_group<'a>(members: impl IntoIterator<Item = LeadershipMember<'a>>) -> Vec<LeadershipGroup> {
    #[derive(Default)]
    struct Tally<'a> {
        teams: usize,
        modes: BTreeMap<&'a str, usize>,
        confidence: f64,
        autonomy: f64,
    }
    let mut groups: BTreeMap<&str, Tally> = BTreeMap::new();
    for member in members {
        let tally = groups.entry(member.group).or_default();
        tally.teams += 1;
        *tally.modes.entry(member.mode).or_default() += 1;
        tally.confidence += member.confidence;
        tally.autonomy += member.autonomy;
    }
    groups
        .into_iter()
        .map(|(group, tally)| {
            let mut modes: Vec<(String, usize)> = tally.modes.into_iter().map(|(mode, n)| (mode.to_string(), n)).collect();
            modes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let teams = tally.teams.max(1) as f64;
            LeadershipGroup {
                group: group.to_string(),
                teams: tally.teams,
                modes,
                mean_confidence: tally.confidence / teams,
                mean_autonomy: tally.autonomy / teams,
            }
        })
        .collect()
}

impl ToTable for [LeadershipGroup] {
    fn to_table(&self) -> Table {
        let mut table = Table::new("Leadership mode by group", &["Group", "Teams", "Modes", "Mean confidence", "Mean autonomy"]);
        for line in self {
            let modes = line.modes.iter().map(|(mode, n)| format!("{mode}: {n}")).collect::<Vec<_>>().join(", ");
            table.push(vec![
                line.group.clone(),
                line.teams.to_string(),
                modes,
                format!("{:.0}%", line.mean_confidence * 100.0),
                format!("{:.0}%", line.mean_autonomy * 100.0),
            ]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::WeeklySeries;

    fn row(team: &str, group: Option<&str>, findings: &[(&str, usize)], age: Option<i64>, status: Option<&str>) -> DigestRow {
        DigestRow {
            team: team.into(),
            flavor: "infra".into(),
            last_update_age_days: age,
            status: status.map(String::from),
            open_findings: findings.iter().map(|(id, n)| (id.to_string(), *n)).collect(),
            trend: WeeklySeries { title: String::new(), value_label: String::new(), weeks: Vec::new(), note: None },
            group: group.map(String::from),
            systemic_findings: 0,
        }
    }

    #[test]
    fn a_group_line_adds_up_its_teams() {
        let mut systemic = row("Comet", Some("Platform"), &[("quiet_contributor", 1)], None, None);
        systemic.systemic_findings = 2;
        let rows = [
            row("Atlas", Some("Platform"), &[("stale_update", 1), ("slipping_work", 3)], Some(20), Some("green")),
            row("Borealis", Some("Commerce"), &[], Some(3), Some("red")),
            systemic,
            row("Dune", Some("Platform"), &[("slipping_work", 2)], Some(4), Some("green")),
        ];
        let lines = digest_by_group(&rows);
        assert_eq!(lines.iter().map(|l| l.group.as_str()).collect::<Vec<_>>(), ["Commerce", "Platform"]);
        let platform = &lines[1];
        assert_eq!(platform.teams, ["Atlas", "Comet", "Dune"]);
        assert_eq!(platform.open_findings, 7);
        assert_eq!(platform.open_by_tripwire["slipping_work"], 5);
        assert_eq!(platform.stale_updates, 1, "teams with a stale update, not findings");
        assert_eq!(platform.systemic_findings, 2);
        assert_eq!(statuses_text(&platform.statuses), "green 2 · unknown 1");
        assert_eq!(platform.oldest_update_days, Some(20));
        assert_eq!((lines[0].open_findings, lines[0].stale_updates, lines[0].oldest_update_days), (0, 0, Some(3)));
        let table = lines.to_table();
        assert_eq!(table.rows[1][..5], ["Platform", "3", "7", "1", "2"]);
    }

    #[test]
    fn without_groups_there_is_nothing_to_roll_up() {
        let rows = [row("Atlas", None, &[("stale_update", 1)], Some(20), Some("green")), row("Borealis", None, &[], None, None)];
        assert!(digest_by_group(&rows).is_empty());
    }

    #[test]
    fn groups_sort_by_any_column_with_the_name_breaking_ties() {
        let rows = [
            row("A1", Some("Alpha"), &[("slipping_work", 1)], None, None),
            row("B1", Some("Beta"), &[("slipping_work", 4)], None, None),
            row("B2", Some("Beta"), &[], None, None),
            row("C1", Some("Gamma"), &[("stale_update", 1)], None, None),
        ];
        let mut lines = digest_by_group(&rows);
        let order = |lines: &[GroupRow]| lines.iter().map(|l| l.group.clone()).collect::<Vec<_>>();
        sort_groups(&mut lines, GroupSort::OpenFindings, true);
        assert_eq!(order(&lines), ["Beta", "Alpha", "Gamma"].map(String::from), "ties by name");
        sort_groups(&mut lines, GroupSort::Teams, false);
        assert_eq!(order(&lines), ["Alpha", "Gamma", "Beta"].map(String::from));
        sort_groups(&mut lines, GroupSort::StaleUpdates, true);
        assert_eq!(lines[0].group, "Gamma");
        sort_groups(&mut lines, GroupSort::Group, true);
        assert_eq!(order(&lines), ["Gamma", "Beta", "Alpha"].map(String::from));
    }

    #[test]
    fn the_stale_update_tripwire_is_registered() {
        assert_eq!(crate::findings::tripwire(STALE_UPDATE).map(|t| t.title), Some("Stale update"));
    }

    #[test]
    fn systemic_findings_are_counted_by_the_team_they_name() {
        let row = |team: &str| DigestRow { team: team.into(), systemic_findings: 7, ..DigestRow::default() };
        let mut rows = vec![row("Amber"), row("Birch")];
        count_systemic(&mut rows, ["Amber", "Amber", "Nowhere"]);
        assert_eq!(rows.iter().map(|r| r.systemic_findings).collect::<Vec<_>>(), [2, 0]);
    }

    #[test]
    fn leadership_groups_count_modes_most_first_and_average_the_axes() {
        let member = |group, mode, confidence, autonomy| LeadershipMember { group, mode, confidence, autonomy };
        let lines = leadership_by_group([
            member("Platform", "scalable", 0.9, 0.8),
            member("Commerce", "hands-off", 0.2, 0.9),
            member("Platform", "hands-off", 0.3, 0.6),
            member("Platform", "scalable", 0.6, 0.7),
        ]);
        assert_eq!(lines.len(), 2);
        let platform = &lines[1];
        assert_eq!((platform.group.as_str(), platform.teams), ("Platform", 3));
        assert_eq!(platform.modes, [("scalable".to_string(), 2), ("hands-off".to_string(), 1)]);
        assert!((platform.mean_confidence - 0.6).abs() < 1e-9 && (platform.mean_autonomy - 0.7).abs() < 1e-9);
        assert_eq!(lines.to_table().rows[1][2], "scalable: 2, hands-off: 1");
    }
}
