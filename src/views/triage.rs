//! Triage: what deserves the leader's attention first, out of every open
//! finding, systemic finding and drifting norm, ranked by points a person
//! can check (`docs/tripwires.md`, "Triage"):
//!
//! * severity: high 300, medium 200, low 100;
//! * breadth: a systemic finding 150, plus 10 per person concerned (at
//!   most 100), so one pattern outranks the people in it;
//! * persistence: 5 per whole week past the norm (at most 50), from the
//!   rows' dates;
//! * filtered reporting: 75 when the team's latest update says green while
//!   its tripwires fire.
//!
//! Ties go to the team, then the tripwire's registry order, then the
//! subject: same inputs, same order. Members of a systemic finding are not
//! items of their own (they are its evidence). Each item keeps the facts
//! it was ranked on, so [`TriageItem::reasons`] can say in words why it is
//! there; items name a team and point at the finding they stand for, so a
//! filter (team, tripwire, severity, or a group of teams) is a function
//! over the list.

use serde::{Deserialize, Serialize};

use crate::findings::drift::Drift;
use crate::findings::systemic::{open_days, Systemic};
use crate::findings::{registry_position, Finding, Severity};
use crate::hashing::FastSet;

/// How many items the first screen shows.
pub const TRIAGE_SHOWN: usize = 10;

pub const SYSTEMIC_POINTS: u32 = 150;
pub const PER_PERSON_POINTS: u32 = 10;
pub const PEOPLE_POINTS_CAP: u32 = 100;
pub const PER_WEEK_POINTS: u32 = 5;
pub const PERSISTENCE_CAP: u32 = 50;
pub const GREEN_POINTS: u32 = 75;

/// What an item stands for, by position in the lists it was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "at", rename_all = "snake_case")]
pub enum TriageTarget {
    Finding(usize),
    Systemic(usize),
    Drift(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageItem {
    pub target: TriageTarget,
    pub team: String,
    /// The tripwire concerned; for drift, the tripwire the norm drives.
    pub tripwire: String,
    pub severity: Severity,
    pub score: u32,
    // Thousands of items travel to the page at 200 teams: what is unset
    // is left out of the JSON.
    /// People concerned and people it can fire for (systemic only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breadth: Option<(usize, usize)>,
    /// Whole days past the norm, when the rows' dates tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_days: Option<u32>,
    /// The team's latest update says green while its tripwires fire.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub green_while_firing: bool,
}

impl TriageItem {
    /// Why the item is on the list, one phrase per fact it was ranked on.
    pub fn reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        reasons.push(match (self.target, self.severity) {
            (TriageTarget::Drift(_), _) => "the norm has not fired in 26 weeks".to_string(),
            (_, severity) => format!("{} severity", severity_word(severity)),
        });
        if let Some((people, of)) = self.breadth {
            reasons.push(format!("systemic: {people} of {of} people"));
        }
        match self.open_days {
            Some(days) if days >= 7 => reasons.push(format!("past its norm for {} weeks", days / 7)),
            Some(days) if days > 0 => reasons.push(format!("past its norm for {days} day{}", if days == 1 { "" } else { "s" })),
            _ => {}
        }
        if self.green_while_firing {
            reasons.push("the team's latest update says green".to_string());
        }
        reasons
    }

    /// What the item stands for, as the page's "Show" filter names it:
    /// `systemic`, `drift` or `finding`.
    pub fn kind(&self) -> &'static str {
        match self.target {
            TriageTarget::Finding(_) => "finding",
            TriageTarget::Systemic(_) => "systemic",
            TriageTarget::Drift(_) => "drift",
        }
    }

    /// Whether the item passes a filter on tripwire, severity (`high`,
    /// `medium`, `low`) and team (`team_matches`, e.g. a search box).
    pub fn keeps(&self, tripwire: Option<&str>, severity: Option<&str>, team_matches: impl Fn(&str) -> bool) -> bool {
        tripwire.is_none_or(|t| self.tripwire == t) && severity.is_none_or(|s| severity_word(self.severity) == s) && team_matches(&self.team)
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

fn severity_points(severity: Severity) -> u32 {
    match severity {
        Severity::High => 300,
        Severity::Medium => 200,
        Severity::Low => 100,
    }
}

fn persistence_points(days: Option<u32>) -> u32 {
    days.map_or(0, |d| (d / 7 * PER_WEEK_POINTS).min(PERSISTENCE_CAP))
}

/// Every item, best first. `green_teams`: teams whose latest update (up to
/// today) says green.
pub fn triage(findings: &[Finding], systemic: &[Systemic], drift: &[Drift], green_teams: &FastSet<&str>) -> Vec<TriageItem> {
    let firing: FastSet<&str> = findings.iter().map(|f| f.team.as_str()).collect();
    let green = |team: &str| green_teams.contains(team) && firing.contains(team);
    let members: FastSet<usize> = systemic.iter().flat_map(|s| s.members.iter().copied()).collect();
    let mut items = Vec::with_capacity(findings.len() + systemic.len() + drift.len());
    let mut subjects: Vec<&str> = Vec::with_capacity(items.capacity());
    for (at, s) in systemic.iter().enumerate() {
        let open = s.open_days(findings);
        let people = (s.people as u32 * PER_PERSON_POINTS).min(PEOPLE_POINTS_CAP);
        items.push(TriageItem {
            target: TriageTarget::Systemic(at),
            team: s.team.clone(),
            tripwire: s.tripwire.clone(),
            severity: s.severity,
            score: severity_points(s.severity) + SYSTEMIC_POINTS + people + persistence_points(open) + if green(&s.team) { GREEN_POINTS } else { 0 },
            breadth: Some((s.people, s.of)),
            open_days: open,
            green_while_firing: green(&s.team),
        });
        subjects.push("");
    }
    for (at, f) in findings.iter().enumerate().filter(|(at, _)| !members.contains(at)) {
        let open = open_days(f);
        items.push(TriageItem {
            target: TriageTarget::Finding(at),
            team: f.team.clone(),
            tripwire: f.tripwire.clone(),
            severity: f.severity,
            score: severity_points(f.severity) + persistence_points(open) + if green(&f.team) { GREEN_POINTS } else { 0 },
            breadth: None,
            open_days: open,
            green_while_firing: green(&f.team),
        });
        subjects.push(&f.subject);
    }
    for (at, d) in drift.iter().enumerate() {
        items.push(TriageItem {
            target: TriageTarget::Drift(at),
            team: d.team.clone(),
            tripwire: d.tripwire.clone(),
            severity: Severity::Low,
            score: severity_points(Severity::Low),
            breadth: None,
            open_days: None,
            green_while_firing: false,
        });
        subjects.push(&d.norm);
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&items[a], &items[b]);
        y.score
            .cmp(&x.score)
            .then_with(|| x.team.cmp(&y.team))
            .then_with(|| registry_position(&x.tripwire).cmp(&registry_position(&y.tripwire)))
            .then_with(|| subjects[a].cmp(subjects[b]))
    });
    let mut slots: Vec<Option<TriageItem>> = items.into_iter().map(Some).collect();
    order.into_iter().map(|at| slots[at].take().expect("each once")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::systemic::systemic_findings;
    use crate::findings::{evaluate_report, watermelon_is_green};
    use crate::dataset::Index;
    use crate::model::TeamModel;
    use crate::testkit::{date, Fixture};
    use chrono::Duration;

    const TODAY: &str = "2026-03-16";

    fn engineers(fx: &mut Fixture, team: &str, size: usize, quiet: &[i64]) {
        fx.team(team, "greenfield");
        for i in 0..size {
            let person = format!("{team} Dev{i}");
            fx.person(&person, team, "Software Engineer");
            let ago = quiet.get(i).copied().unwrap_or(1);
            let day = date(TODAY) - Duration::days(ago);
            fx.merged_pr(&format!("{team}-{i}"), &person, &format!("{day} 09:00"), &format!("{day} 15:00"));
            fx.merged_pr(&format!("{team}-{i}-old"), &person, "2026-01-05 09:00", "2026-01-05 15:00");
        }
    }

    fn ranked(fx: &Fixture) -> (Vec<Finding>, Vec<Systemic>, Vec<TriageItem>) {
        let index = Index::new(&fx.ds);
        let model = TeamModel::from_dataset(&fx.ds);
        let findings = evaluate_report(&index, &model, date(TODAY)).findings;
        let systemic = systemic_findings(&index, &findings);
        let green: FastSet<&str> = fx
            .ds
            .updates
            .iter()
            .filter(|u| watermelon_is_green(&u.status))
            .map(|u| u.team.as_str())
            .collect();
        let items = triage(&findings, &systemic, &[], &green);
        (findings, systemic, items)
    }

    #[test]
    fn systemic_first_then_severity_persistence_and_green_updates_each_with_its_reasons() {
        let mut fx = Fixture::new();
        // Four of five quiet for 10 days: one medium systemic finding.
        engineers(&mut fx, "Amber", 5, &[10, 10, 10, 10]);
        // One engineer quiet for 30 days (high, past the norm 23 days).
        engineers(&mut fx, "Blue", 5, &[30]);
        // One quiet for 9 days, on a team that says green: filtered reporting.
        engineers(&mut fx, "Cedar", 5, &[9]);
        fx.update("Cedar", "2026-03-13", "green", "all good");
        // One quiet for 9 days, no update: the least.
        engineers(&mut fx, "Dune", 5, &[9]);
        let (findings, systemic, items) = ranked(&fx);
        assert_eq!(systemic.len(), 1);
        let order: Vec<(&str, TriageTarget)> = items.iter().map(|i| (i.team.as_str(), i.target)).collect();
        assert_eq!(order[0], ("Amber", TriageTarget::Systemic(0)), "{items:#?}");
        let teams: Vec<&str> = items.iter().map(|i| i.team.as_str()).collect();
        assert_eq!(&teams[..4], ["Amber", "Blue", "Cedar", "Dune"], "{items:#?}");
        assert!(items.iter().all(|i| !matches!(i.target, TriageTarget::Finding(at) if findings[at].team == "Amber")), "members are not items");

        assert_eq!(items[0].reasons(), ["high severity", "systemic: 4 of 5 people", "past its norm for 3 days"]);
        assert_eq!(items[1].reasons(), ["high severity", "past its norm for 3 weeks"]);
        assert_eq!(items[2].reasons(), ["medium severity", "past its norm for 2 days", "the team's latest update says green"]);
        assert!(items[1].score > items[2].score && items[2].score > items[3].score);

        assert!(items[0].keeps(Some("quiet_contributor"), Some("high"), |t| t.starts_with("Am")));
        assert!(!items[0].keeps(Some("slipping_work"), None, |_| true));
        assert!(!items[2].keeps(None, Some("high"), |_| true));
        assert_eq!(items.iter().filter(|i| i.keeps(None, None, |t| t == "Dune")).count(), 1);
        assert_eq!(items.iter().map(TriageItem::kind).filter(|k| *k == "systemic").count(), 1);
        assert_eq!(items[1].kind(), "finding");
    }

    #[test]
    fn the_same_inputs_rank_the_same_way() {
        let mut fx = Fixture::new();
        for team in ["Ash", "Birch", "Cedar"] {
            engineers(&mut fx, team, 4, &[12, 12]);
        }
        let (_, _, first) = ranked(&fx);
        let (_, _, again) = ranked(&fx);
        assert_eq!(first, again);
        let json = serde_json::to_string(&first).unwrap();
        assert!(!json.contains("breadth") && !json.contains("green_while_firing"), "unset facts are left out: {json}");
        assert_eq!(serde_json::from_str::<Vec<TriageItem>>(&json).unwrap(), first, "and read back");
        let teams: Vec<&str> = first.iter().map(|i| i.team.as_str()).collect();
        assert_eq!(teams, ["Ash", "Ash", "Birch", "Birch", "Cedar", "Cedar"], "equal scores go by team");
    }
}
