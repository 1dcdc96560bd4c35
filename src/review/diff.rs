//! What changed between a saved review and the current one: one pure
//! function, [`changes`], whose result is the "What changed" page's
//! view-model (names as the files give them; `present` pseudonymises).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Review, SavedFinding, SavedStakeholder};
use crate::findings::{Measure, Severity, ORGANISATION};
use crate::model::norms::SCALAR_NORMS;
use crate::model::stakeholders::Quadrant;
use crate::model::{Norms, TeamModel};

/// Everything that changed since the saved review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// The saved review's as-of date, and the file it came from.
    pub since: NaiveDate,
    pub saved_file: String,
    pub as_of: NaiveDate,
    pub new: Vec<FindingChange>,
    pub resolved: Vec<FindingChange>,
    /// Longest persisting first.
    pub persisting: Vec<FindingChange>,
    /// Teams with any change, most changed first.
    pub teams: Vec<TeamChange>,
    /// People whose team changed, by name.
    pub roster: Vec<PersonMove>,
    pub stakeholders: Vec<StakeholderChange>,
    pub norms: Vec<NormChange>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingChange {
    pub key: String,
    pub tripwire: String,
    pub team: String,
    pub subject: String,
    pub person: Option<String>,
    pub severity: Severity,
    /// What the saved review measured, when it had the finding.
    pub before: Option<Measure>,
    /// What is measured now, while the finding is open.
    pub now: Option<Measure>,
    /// Days open by the current as-of date, for a persisting finding.
    pub persisted_days: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChange {
    pub team: String,
    pub new: usize,
    pub resolved: usize,
    pub persisting: usize,
    pub joined: usize,
    pub left: usize,
}

impl TeamChange {
    /// How much changed: findings that came or went, people who came or went.
    pub fn changed(&self) -> usize {
        self.new + self.resolved + self.joined + self.left
    }
}

/// A person whose team is not what it was: `from` and `to` are `None`
/// for someone who joined or left the roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonMove {
    pub person: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StakeholderChange {
    pub name: String,
    /// `None`: not rated in that review.
    pub before: Option<Quadrant>,
    pub after: Option<Quadrant>,
    /// No contact recorded after the last one the saved review knew of,
    /// while the current quadrant asks for regular contact.
    pub uncontacted: bool,
}

impl StakeholderChange {
    pub fn moved(&self) -> bool {
        self.before.is_some() && self.after.is_some() && self.before != self.after
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormChange {
    /// A team, or [`ORGANISATION`] for the contact cadence.
    pub team: String,
    pub norm: String,
    pub before: String,
    pub after: String,
}

/// What changed from `saved` (read from `saved_file`) to `current`.
pub fn changes(saved: &Review, saved_file: &str, current: &Review) -> Changes {
    let before: BTreeMap<&str, &SavedFinding> = saved.findings.iter().map(|f| (f.key.as_str(), f)).collect();
    let now: BTreeMap<&str, &SavedFinding> = current.findings.iter().map(|f| (f.key.as_str(), f)).collect();
    let change = |f: &SavedFinding, before: Option<&SavedFinding>, now: Option<&SavedFinding>| FindingChange {
        key: f.key.clone(),
        tripwire: f.tripwire.clone(),
        team: f.team.clone(),
        subject: f.subject.clone(),
        person: f.person.clone(),
        severity: f.severity,
        before: before.map(|b| b.observed),
        now: now.map(|n| n.observed),
        persisted_days: before.and(now).map(|n| (current.as_of - n.since.min(saved.as_of)).num_days()),
    };
    let new: Vec<FindingChange> =
        current.findings.iter().filter(|f| !before.contains_key(f.key.as_str())).map(|f| change(f, None, Some(f))).collect();
    let resolved: Vec<FindingChange> =
        saved.findings.iter().filter(|f| !now.contains_key(f.key.as_str())).map(|f| change(f, Some(f), None)).collect();
    let mut persisting: Vec<FindingChange> =
        current.findings.iter().filter_map(|f| Some(change(f, Some(before.get(f.key.as_str())?), Some(f)))).collect();
    persisting.sort_by(|a, b| b.persisted_days.cmp(&a.persisted_days).then_with(|| a.key.cmp(&b.key)));
    let roster = roster_moves(&saved.teams, &current.teams);
    Changes {
        since: saved.as_of,
        saved_file: saved_file.to_string(),
        as_of: current.as_of,
        teams: team_changes(&new, &resolved, &persisting, &roster),
        new,
        resolved,
        persisting,
        roster,
        stakeholders: stakeholder_changes(&saved.stakeholders, &current.stakeholders, saved.as_of, &current.model),
        norms: norm_changes(&saved.model, &current.model),
    }
}

fn team_changes(new: &[FindingChange], resolved: &[FindingChange], persisting: &[FindingChange], roster: &[PersonMove]) -> Vec<TeamChange> {
    let mut teams: BTreeMap<String, TeamChange> = BTreeMap::new();
    let mut count = |name: &str, what: fn(&mut TeamChange)| {
        let team = teams.entry(name.to_string()).or_insert_with(|| TeamChange { team: name.to_string(), ..TeamChange::default() });
        what(team);
    };
    for f in new {
        count(&f.team, |t| t.new += 1);
    }
    for f in resolved {
        count(&f.team, |t| t.resolved += 1);
    }
    for f in persisting {
        count(&f.team, |t| t.persisting += 1);
    }
    for m in roster {
        if let Some(from) = &m.from {
            count(from, |t| t.left += 1);
        }
        if let Some(to) = &m.to {
            count(to, |t| t.joined += 1);
        }
    }
    let mut teams: Vec<TeamChange> = teams.into_values().filter(|t| t.changed() > 0).collect();
    teams.sort_by(|a, b| b.changed().cmp(&a.changed()).then_with(|| a.team.cmp(&b.team)));
    teams
}

fn roster_moves(before: &BTreeMap<String, Vec<String>>, after: &BTreeMap<String, Vec<String>>) -> Vec<PersonMove> {
    let team_of = |teams: &BTreeMap<String, Vec<String>>| -> BTreeMap<String, String> {
        teams.iter().flat_map(|(team, people)| people.iter().map(move |p| (p.clone(), team.clone()))).collect()
    };
    let (was, is) = (team_of(before), team_of(after));
    let people: BTreeSet<&String> = was.keys().chain(is.keys()).collect();
    people
        .into_iter()
        .filter(|p| was.get(*p) != is.get(*p))
        .map(|p| PersonMove { person: p.clone(), from: was.get(p).cloned(), to: is.get(p).cloned() })
        .collect()
}

fn stakeholder_changes(before: &[SavedStakeholder], after: &[SavedStakeholder], since: NaiveDate, model: &TeamModel) -> Vec<StakeholderChange> {
    let was: BTreeMap<&str, &SavedStakeholder> = before.iter().map(|s| (s.name.as_str(), s)).collect();
    let is: BTreeMap<&str, &SavedStakeholder> = after.iter().map(|s| (s.name.as_str(), s)).collect();
    let names: BTreeSet<&str> = was.keys().chain(is.keys()).copied().collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (then, after) = (was.get(name), is.get(name).copied());
            let before = then.map(|s| s.quadrant);
            // No contact newer than the saved review knew of (or, for someone
            // it did not list, none after its date). `None` sorts first.
            let contacted_since = |s: &SavedStakeholder| match then {
                Some(then) => s.last_contact > then.last_contact,
                None => s.last_contact.is_some_and(|d| d > since),
            };
            let uncontacted =
                after.is_some_and(|s| s.quadrant.cadence_days(&model.stakeholder_cadence).is_some() && !contacted_since(s));
            let change = StakeholderChange { name: name.to_string(), before, after: after.map(|s| s.quadrant), uncontacted };
            (before != change.after || uncontacted).then_some(change)
        })
        .collect()
}

fn norm_changes(before: &TeamModel, after: &TeamModel) -> Vec<NormChange> {
    let mut out = Vec::new();
    let mut push = |team: &str, norm: &str, was: String, is: String| {
        if was != is {
            out.push(NormChange { team: team.to_string(), norm: norm.to_string(), before: was, after: is });
        }
    };
    for team in before.teams.keys().filter(|t| after.teams.contains_key(*t)) {
        push(team, "flavor", before.flavor_of(team).to_string(), after.flavor_of(team).to_string());
        let (was, is) = (before.norms_for(team), after.norms_for(team));
        for info in SCALAR_NORMS {
            let unit = info.unit.label();
            let shown = |norms: &Norms| format!("{} {unit}", norms.scalar(info.id).unwrap_or_default()).trim_end().to_string();
            push(team, info.label, shown(&was), shown(&is));
        }
        push(team, "cycle time by size", cycle_bands(&was), cycle_bands(&is));
    }
    let (was, is) = (&before.stakeholder_cadence, &after.stakeholder_cadence);
    for (quadrant, was, is) in [
        (Quadrant::ManageClosely, was.manage_closely_days, is.manage_closely_days),
        (Quadrant::KeepSatisfied, was.keep_satisfied_days, is.keep_satisfied_days),
        (Quadrant::KeepInformed, was.keep_informed_days, is.keep_informed_days),
    ] {
        push(ORGANISATION, &format!("contact cadence: {}", quadrant.label()), format!("{was} days"), format!("{is} days"));
    }
    out
}

fn cycle_bands(norms: &Norms) -> String {
    let band = |b: &crate::model::SizeBand| match b.up_to_points {
        Some(points) => format!("≤{points} pts: {} d", b.days),
        None => format!("larger: {} d", b.days),
    };
    norms.cycle_days.iter().map(band).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Unit;
    use crate::model::TeamSettings;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn finding(tripwire: &str, team: &str, subject: &str, days: f64, since: NaiveDate) -> SavedFinding {
        SavedFinding {
            key: crate::findings::finding_key(tripwire, team, subject),
            tripwire: tripwire.into(),
            team: team.into(),
            subject: subject.into(),
            person: None,
            severity: Severity::Medium,
            observed: Measure::new(days, Unit::Days),
            since,
        }
    }

    fn stakeholder(name: &str, quadrant: Quadrant, last_contact: Option<NaiveDate>) -> SavedStakeholder {
        SavedStakeholder { name: name.into(), quadrant, last_contact }
    }

    fn model(teams: &[(&str, &str)]) -> TeamModel {
        TeamModel { teams: teams.iter().map(|(t, f)| (t.to_string(), TeamSettings::with_flavor(f))).collect(), ..TeamModel::default() }
    }

    fn roster(teams: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        teams.iter().map(|(t, people)| (t.to_string(), people.iter().map(|p| p.to_string()).collect())).collect()
    }

    /// Two reviews two weeks apart with one of every kind of change planted.
    fn planted() -> (Review, Review) {
        let saved = Review {
            as_of: day(8),
            model: model(&[("Atlas", "greenfield"), ("Borealis", "infra")]),
            findings: vec![
                finding("quiet_contributor", "Atlas", "Ann", 20.0, day(1)),
                finding("stale_update", "Atlas", "Atlas", 30.0, day(8)),
                finding("slow_first_review", "Borealis", "PR 7", 3.0, day(8)),
            ],
            teams: roster(&[("Atlas", &["Ann", "Bob"]), ("Borealis", &["Cy", "Dee"])]),
            stakeholders: vec![
                stakeholder("Vera", Quadrant::ManageClosely, Some(day(2))),
                stakeholder("Walt", Quadrant::Monitor, None),
                stakeholder("Xena", Quadrant::KeepInformed, Some(day(1))),
                stakeholder("Yuri", Quadrant::KeepInformed, None),
            ],
        };
        let mut current_model = model(&[("Atlas", "greenfield"), ("Borealis", "legacy")]);
        current_model.teams.get_mut("Atlas").unwrap().overrides.quiet_days = Some(10);
        current_model.stakeholder_cadence.manage_closely_days = 14;
        let current = Review {
            as_of: day(22),
            model: current_model,
            findings: vec![
                finding("quiet_contributor", "Atlas", "Ann", 34.0, day(1)),
                finding("slow_first_review", "Borealis", "PR 7", 5.0, day(8)),
                finding("wip_over_limit", "Borealis", "Borealis", 9.0, day(22)),
            ],
            teams: roster(&[("Atlas", &["Ann", "Cy"]), ("Borealis", &["Dee", "Eve"])]),
            stakeholders: vec![
                stakeholder("Vera", Quadrant::ManageClosely, Some(day(2))),
                stakeholder("Walt", Quadrant::KeepSatisfied, Some(day(20))),
                stakeholder("Xena", Quadrant::KeepInformed, Some(day(15))),
                stakeholder("Yuri", Quadrant::KeepInformed, Some(day(8))),
                stakeholder("Zoe", Quadrant::ManageClosely, Some(day(3))),
            ],
        };
        (saved, current)
    }

    #[test]
    fn findings_are_new_resolved_or_persisting_with_how_long() {
        let (saved, current) = planted();
        let c = changes(&saved, "teamdiff-review-2026-11-08.json", &current);
        assert_eq!((c.since, c.as_of, c.saved_file.as_str()), (day(8), day(22), "teamdiff-review-2026-11-08.json"));
        let subjects = |list: &[FindingChange]| list.iter().map(|f| f.subject.clone()).collect::<Vec<_>>();
        assert_eq!(subjects(&c.new), ["Borealis"]);
        assert_eq!(subjects(&c.resolved), ["Atlas"]);
        assert_eq!(subjects(&c.persisting), ["Ann", "PR 7"], "longest persisting first");
        assert_eq!(c.persisting[0].persisted_days, Some(21), "open since the 1st by the saved review's own date");
        assert_eq!(c.persisting[1].persisted_days, Some(14), "at least since the saved review");
        assert_eq!(c.persisting[0].before.map(|m| m.value), Some(20.0));
        assert_eq!(c.persisting[0].now.map(|m| m.value), Some(34.0));
        assert_eq!((c.new[0].before, c.new[0].persisted_days), (None, None));
        assert_eq!(c.resolved[0].now, None);
    }

    #[test]
    fn roster_moves_and_the_teams_that_changed_most() {
        let (saved, current) = planted();
        let c = changes(&saved, "saved.json", &current);
        let moves: Vec<(&str, Option<&str>, Option<&str>)> =
            c.roster.iter().map(|m| (m.person.as_str(), m.from.as_deref(), m.to.as_deref())).collect();
        assert_eq!(moves, [("Bob", Some("Atlas"), None), ("Cy", Some("Borealis"), Some("Atlas")), ("Eve", None, Some("Borealis"))]);
        // Atlas: 1 resolved, Bob left, Cy joined = 3; Borealis: 1 new, Cy left, Eve joined = 3; ties by name.
        let teams: Vec<(&str, usize)> = c.teams.iter().map(|t| (t.team.as_str(), t.changed())).collect();
        assert_eq!(teams, [("Atlas", 3), ("Borealis", 3)]);
        assert_eq!(c.teams[1], TeamChange { team: "Borealis".into(), new: 1, resolved: 0, persisting: 1, joined: 1, left: 1 });
    }

    #[test]
    fn stakeholders_who_moved_quadrant_or_went_uncontacted() {
        let (saved, current) = planted();
        let c = changes(&saved, "saved.json", &current);
        let shown: Vec<(&str, bool, bool)> = c.stakeholders.iter().map(|s| (s.name.as_str(), s.moved(), s.uncontacted)).collect();
        // Vera: same quadrant, no contact newer than the saved one. Walt:
        // monitor → keep satisfied, contacted since. Xena: contacted since,
        // unmoved. Yuri: first contacted on the saved review's own day, after
        // it was saved. Zoe: new, last contacted before the saved review.
        assert_eq!(shown, [("Vera", false, true), ("Walt", true, false), ("Zoe", false, true)]);
        assert_eq!(c.stakeholders[2].before, None);
        assert_eq!((c.stakeholders[1].before, c.stakeholders[1].after), (Some(Quadrant::Monitor), Some(Quadrant::KeepSatisfied)));
    }

    #[test]
    fn norms_changed_between_the_two_models() {
        let (saved, current) = planted();
        let c = changes(&saved, "saved.json", &current);
        let norms: Vec<(&str, &str, &str, &str)> =
            c.norms.iter().map(|n| (n.team.as_str(), n.norm.as_str(), n.before.as_str(), n.after.as_str())).collect();
        assert!(norms.contains(&("Borealis", "flavor", "infra", "legacy")), "{norms:?}");
        assert!(norms.iter().any(|n| n.0 == "Atlas" && n.2.ends_with("days") && n.3 == "10 days"), "{norms:?}");
        assert!(norms.contains(&(ORGANISATION, "contact cadence: manage closely", "30 days", "14 days")), "{norms:?}");
        assert!(!norms.iter().any(|n| n.0 == "Atlas" && n.1 == "flavor"), "Atlas kept its flavor");
        assert!(changes(&saved, "same.json", &saved).norms.is_empty());
    }

    #[test]
    fn a_review_compared_with_itself_changed_nothing_but_contact() {
        let (saved, _) = planted();
        let c = changes(&saved, "same.json", &saved);
        assert!(c.new.is_empty() && c.resolved.is_empty() && c.roster.is_empty() && c.teams.is_empty());
        let days: Vec<(&str, Option<i64>)> = c.persisting.iter().map(|f| (f.subject.as_str(), f.persisted_days)).collect();
        assert_eq!(days, [("Ann", Some(7)), ("PR 7", Some(0)), ("Atlas", Some(0))]);
        let uncontacted: Vec<&str> = c.stakeholders.iter().filter(|s| s.uncontacted && !s.moved()).map(|s| s.name.as_str()).collect();
        assert_eq!(uncontacted, ["Vera", "Xena", "Yuri"], "Walt is in monitor, which has no cadence");
    }
}
