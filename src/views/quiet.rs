//! Days since each person's last merged PR, against their team's quiet norm.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::index::NO_TEAM;
use crate::dataset::Index;
use crate::hashing::{FastMap, FastSet};
use crate::views::stats::{days_between, median};
use crate::views::table::{number, optional_number, Table, ToTable};
use crate::views::{TeamThresholds, MAX_PERSON_BARS};

/// One bar: a person, or under aggregation a whole team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuietBar {
    pub label: String,
    /// Days since the last merge; for a team bar the median over its people
    /// who merged. `None`: nobody behind this bar merged anything.
    pub days: Option<f64>,
    pub people: usize,
    pub never_merged: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuietTeam {
    pub team: String,
    pub threshold_days: f64,
    pub bars: Vec<QuietBar>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuietDays {
    pub title: String,
    pub as_of: NaiveDate,
    pub teams: Vec<QuietTeam>,
    /// True when bars are teams rather than people (large orgs).
    pub aggregated: bool,
    pub note: Option<String>,
}

impl QuietDays {
    pub fn bar_count(&self) -> usize {
        self.teams.iter().map(|t| t.bars.len()).sum()
    }
}

/// People are the roster plus any PR author it lacks. Within a team they
/// are ordered by label, never by days: the chart must not rank people.
pub fn days_since_last_merge(
    index: &Index,
    today: NaiveDate,
    quiet_days: &TeamThresholds,
    team: Option<&str>,
) -> QuietDays {
    let dataset = index.dataset();
    // One pass over the PRs, hashed: an org has hundreds of thousands of
    // PRs by a few thousand authors, ordered only below, per person.
    let mut last_merge: FastMap<&str, NaiveDate> = FastMap::default();
    let mut authors: FastSet<&str> = FastSet::default();
    for pr in &dataset.pull_requests {
        let merged = pr.merged.map(|t| t.date()).filter(|d| *d <= today);
        let bot = index.is_bot(&pr.author);
        if merged.is_none() && bot {
            continue;
        }
        let author = index.canonical(&pr.author);
        if let Some(merged) = merged {
            let entry = last_merge.entry(author).or_insert(merged);
            *entry = (*entry).max(merged);
        }
        if !bot {
            authors.insert(author);
        }
    }
    let mut team_of: BTreeMap<&str, &str> = index.people().map(|p| (p.name.trim(), p.team.as_str())).collect();
    for author in authors {
        team_of.entry(author).or_insert(NO_TEAM);
    }
    team_of.remove("");
    let mut by_team: BTreeMap<&str, Vec<(&str, Option<f64>)>> = BTreeMap::new();
    for (person, person_team) in team_of {
        if team.is_none_or(|wanted| wanted == person_team) {
            let days = last_merge.get(person).map(|d| days_between(*d, today) as f64);
            by_team.entry(person_team).or_default().push((person, days));
        }
    }
    let people: usize = by_team.values().map(Vec::len).sum();
    let aggregated = people > MAX_PERSON_BARS;
    let teams = by_team
        .into_iter()
        .map(|(team_name, members)| {
            let bars = if aggregated {
                vec![team_bar(team_name, &members)]
            } else {
                let mut bars: Vec<QuietBar> = members
                    .iter()
                    .map(|(person, days)| QuietBar {
                        label: person.to_string(),
                        days: *days,
                        people: 1,
                        never_merged: usize::from(days.is_none()),
                    })
                    .collect();
                bars.sort_by(|a, b| a.label.cmp(&b.label));
                bars
            };
            QuietTeam { team: team_name.to_string(), threshold_days: quiet_days.for_team(team_name), bars }
        })
        .collect();
    QuietDays {
        title: match team {
            Some(t) => format!("Days since last merged PR — {t}"),
            None => "Days since last merged PR".into(),
        },
        as_of: today,
        teams,
        aggregated,
        note: aggregated.then(|| format!("{people} people: one bar per team, the median over people who merged.")),
    }
}

fn team_bar(team: &str, members: &[(&str, Option<f64>)]) -> QuietBar {
    let merged: Vec<f64> = members.iter().filter_map(|(_, d)| *d).collect();
    QuietBar {
        label: team.to_string(),
        days: median(&merged),
        people: members.len(),
        never_merged: members.len() - merged.len(),
    }
}

impl ToTable for QuietDays {
    fn to_table(&self) -> Table {
        let who = if self.aggregated { "Team (median)" } else { "Person" };
        let mut table = Table::new(
            format!("{} as of {}", self.title, self.as_of),
            &["Team", who, "Days since last merge", "Team quiet norm (days)", "People", "Never merged"],
        );
        for team in &self.teams {
            for bar in &team.bars {
                table.push(vec![
                    team.team.clone(),
                    bar.label.clone(),
                    optional_number(bar.days, "no merged PR"),
                    number(team.threshold_days),
                    bar.people.to_string(),
                    bar.never_merged.to_string(),
                ]);
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn every_person_once_with_their_team_norm() {
        let d = synthetic::small_org();
        let thresholds = TeamThresholds { default: 10.0, per_team: [("Team 001".to_string(), 14.0)].into() };
        let vm = days_since_last_merge(&crate::dataset::Index::new(&d), synthetic::today(), &thresholds, None);
        assert_eq!(vm.bar_count(), d.people.len());
        assert!(!vm.aggregated);
        let infra = vm.teams.iter().find(|t| t.team == "Team 001").unwrap();
        assert_eq!(infra.threshold_days, 14.0);
        let never = vm.teams.iter().flat_map(|t| &t.bars).filter(|b| b.days.is_none()).count();
        assert!(never >= 1, "every seventh synthetic person never merges");
        let labels: Vec<&str> = infra.bars.iter().map(|b| b.label.as_str()).collect();
        assert!(labels.windows(2).all(|w| w[0] <= w[1]), "ordered by name, not ranked");
    }

    #[test]
    fn a_large_org_becomes_team_bars() {
        let d = synthetic::org(600, 20);
        let vm = days_since_last_merge(&crate::dataset::Index::new(&d), synthetic::today(), &TeamThresholds::uniform(7.0), None);
        assert!(vm.aggregated);
        assert_eq!(vm.bar_count(), 20);
        assert!(vm.note.as_deref().unwrap().contains("600 people"));
    }

    #[test]
    fn bots_get_no_bar() {
        let mut d = synthetic::small_org();
        let mut bot_pr = d.pull_requests[0].clone();
        bot_pr.author = "dependabot[bot]".into();
        d.pull_requests.push(bot_pr);
        let vm = days_since_last_merge(&crate::dataset::Index::new(&d), synthetic::today(), &TeamThresholds::uniform(7.0), None);
        assert_eq!(vm.bar_count(), d.people.len());
        assert!(vm.teams.iter().flat_map(|t| &t.bars).all(|b| b.label != "dependabot[bot]"));
    }
}
