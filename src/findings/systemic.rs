//! Systemic findings: one person-level tripwire firing for most of a team
//! is not N people problems. Either the norm is wrong for this team, or
//! something systemic is in the way; [`systemic_findings`] says so once,
//! with the team's observed values against the norm, and keeps the
//! per-person findings as its members (the page shows them underneath).
//!
//! It reads only findings already made, so it runs after the person-level
//! tripwires: in [`super::evaluate_report`] to set aside the members of a
//! pattern the leader accepted, and in `present` to show the open ones.
//! The exact rule is in `docs/tripwires.md`, "Systemic findings".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{finding_key, registry_position, tripwire, Finding, Measure, Severity};
use crate::dataset::Index;
use crate::hashing::{FastMap, FastSet};
use std::collections::BTreeMap;

use chrono::Duration;

use crate::model::suggest::{rounded_percentile, team_samples, Samples, HISTORY_DAYS};
use crate::model::{norm_info, AcceptedDeviation, TeamModel};

/// The `tripwire` part of a systemic finding's key.
pub const ID: &str = "systemic";
/// At least this many distinct people must be concerned...
pub const MIN_PEOPLE: usize = 3;
/// ...and at least this share of the people the tripwire can fire for...
pub const MIN_SHARE_PERCENT: usize = 50;
/// ...on a team with at least this many such people.
pub const MIN_TEAM: usize = 4;
/// High severity from this share on.
pub const HIGH_SHARE_PERCENT: usize = 75;

/// A tripwire that fires per person, who it can fire for, and the norm
/// the team could change to make it fit.
struct PersonTripwire {
    id: &'static str,
    /// Only roster people whose role is a contributor role: the tripwire
    /// never fires for anyone else.
    contributors_only: bool,
    /// The scalar norm behind it, when it has one.
    norm: Option<&'static str>,
}

const PERSON_TRIPWIRES: [PersonTripwire; 5] = [
    PersonTripwire { id: "quiet_contributor", contributors_only: true, norm: Some("quiet_days") },
    PersonTripwire { id: "slow_first_review", contributors_only: false, norm: Some("first_review_hours") },
    PersonTripwire { id: "slipping_work", contributors_only: false, norm: None },
    PersonTripwire { id: "carry_over", contributors_only: false, norm: None },
    PersonTripwire { id: "wip_over_limit", contributors_only: false, norm: Some("wip_per_person") },
];

/// A norm change the page can apply in one click ("Update the model").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormUpdate {
    pub team: String,
    /// A scalar norm id, e.g. `quiet_days`.
    pub norm: String,
    pub current: u32,
    pub suggested: u32,
    /// How the value was found, as a phrase: "the team's 80th percentile
    /// over the last 12 weeks (42 samples)". Also the change log's reason.
    pub basis: String,
}

/// One person-level tripwire firing for most of a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Systemic {
    /// `systemic|team|tripwire`: what accepting it as a deviation names.
    pub key: String,
    pub team: String,
    pub tripwire: String,
    pub severity: Severity,
    /// Distinct people it fires for, and the people it can fire for.
    pub people: usize,
    pub of: usize,
    /// The team's norm (the most common one among the members, when it
    /// depends on the item as for slipping work).
    pub norm: Measure,
    /// The norm differs between members (by estimate band).
    pub norm_varies: bool,
    /// Per person concerned, the largest value observed, ascending.
    pub observed: Vec<f64>,
    /// Positions of the per-person findings in the findings it was built
    /// from: the evidence, shown underneath.
    pub members: Vec<usize>,
    pub why: String,
    /// What the team's own history says about the norm.
    pub history: String,
    /// "Update the model": only when history gives a looser value.
    pub update: Option<NormUpdate>,
}

impl Systemic {
    /// This pattern as a deviation the leader allows: while it is active,
    /// its members are allowed with it (see [`super::evaluate_report`]).
    pub fn accepted(&self, reason: &str, expires: NaiveDate, today: NaiveDate) -> AcceptedDeviation {
        AcceptedDeviation {
            key: self.key.clone(),
            tripwire: ID.to_string(),
            team: self.team.clone(),
            subject: self.tripwire.clone(),
            reason: reason.to_string(),
            accepted_on: today,
            expires,
        }
    }

    /// The team's observed values against the norm, in words: "Norm 7
    /// days. The 9 people concerned: 8 to 21 days (median 12); 2 within
    /// the norm."
    pub fn distribution(&self) -> String {
        let unit = |v: f64| Measure::new(v, self.norm.unit).to_string();
        let norm = if self.norm_varies { format!("Norm {} for most, by size", unit(self.norm.value)) } else { format!("Norm {}", unit(self.norm.value)) };
        let (first, last) = (self.observed.first().copied().unwrap_or(0.0), self.observed.last().copied().unwrap_or(0.0));
        let median = self.observed.get(self.observed.len().saturating_sub(1) / 2).copied().unwrap_or(0.0);
        let range = if first == last { unit(first) } else { format!("{} to {} (median {})", unit(first), unit(last), unit(median)) };
        let within = self.of - self.people;
        format!("{norm}. The {} people concerned: {range}; {within} within the norm.", self.people)
    }

    /// The days the members have been past their norm, at most: how long
    /// the pattern has been open, as far as the rows tell.
    pub fn open_days(&self, findings: &[Finding]) -> Option<u32> {
        self.members.iter().filter_map(|&at| findings.get(at)).filter_map(open_days).max()
    }
}

/// How long a finding has been past its norm, in whole days, when its
/// measures are days or business hours (the rows' dates say so); `None`
/// for counts and shares, which carry no time.
pub fn open_days(finding: &Finding) -> Option<u32> {
    use crate::model::Unit;
    let past = finding.observed.value - finding.norm.value;
    let days = match finding.observed.unit {
        Unit::Days => past,
        Unit::BusinessHours => past / 24.0,
        _ => return None,
    };
    Some(days.max(0.0).floor() as u32)
}

/// Every (team, person-level tripwire) where the tripwire fires for at
/// least [`MIN_PEOPLE`] people and [`MIN_SHARE_PERCENT`] of the
/// [`MIN_TEAM`] or more people it can fire for. Sorted by team, then
/// registry order. Without history suggestions: see [`suggest_updates`].
pub fn systemic_findings(index: &Index, findings: &[Finding]) -> Vec<Systemic> {
    let mut eligible: FastMap<(&str, bool), usize> = FastMap::default();
    for person in index.people() {
        *eligible.entry((person.team.as_str(), false)).or_default() += 1;
        if index.is_contributor(&person.name) {
            *eligible.entry((person.team.as_str(), true)).or_default() += 1;
        }
    }
    // (team, tripwire) → positions of findings about people on that team.
    let mut groups: FastMap<(&str, &str), Vec<usize>> = FastMap::default();
    for (at, finding) in findings.iter().enumerate() {
        let Some(person) = finding.person.as_deref() else { continue };
        if !PERSON_TRIPWIRES.iter().any(|t| t.id == finding.tripwire) || index.team_of(person) != Some(finding.team.as_str()) {
            continue;
        }
        groups.entry((finding.team.as_str(), finding.tripwire.as_str())).or_default().push(at);
    }
    let mut found = Vec::new();
    for ((team, id), members) in groups {
        let spec = PERSON_TRIPWIRES.iter().find(|t| t.id == id).expect("person tripwire");
        let of = eligible.get(&(team, spec.contributors_only)).copied().unwrap_or(0);
        let mut by_person: FastMap<&str, f64> = FastMap::default();
        for &at in &members {
            let f = &findings[at];
            // One person under two names (a login, an alias) is counted once.
            let value = by_person.entry(index.canonical(f.person.as_deref().expect("person"))).or_insert(f64::MIN);
            *value = value.max(f.observed.value);
        }
        let people = by_person.len();
        if of < MIN_TEAM || people < MIN_PEOPLE || people * 100 < of * MIN_SHARE_PERCENT {
            continue;
        }
        let mut observed: Vec<f64> = by_person.into_values().collect();
        observed.sort_by(f64::total_cmp);
        let (norm, norm_varies) = most_common_norm(members.iter().map(|&at| findings[at].norm));
        let title = tripwire(id).map_or(id, |t| t.title);
        found.push(Systemic {
            key: finding_key(ID, team, id),
            team: team.to_string(),
            tripwire: id.to_string(),
            severity: if people * 100 >= of * HIGH_SHARE_PERCENT { Severity::High } else { Severity::Medium },
            people,
            of,
            norm,
            norm_varies,
            observed,
            members,
            why: format!(
                "{title} fires for {people} of {of} people on {team}: the norm may be wrong for this team, or something systemic is in the way."
            ),
            history: String::new(),
            update: None,
        });
    }
    found.sort_by(|a, b| (&a.team, registry_position(&a.tripwire)).cmp(&(&b.team, registry_position(&b.tripwire))));
    found
}

/// The norm most members share (ties to the smaller, stricter one) and
/// whether they differ at all.
fn most_common_norm(norms: impl Iterator<Item = Measure>) -> (Measure, bool) {
    let mut counts: Vec<(Measure, usize)> = Vec::new();
    for norm in norms {
        match counts.iter_mut().find(|(m, _)| *m == norm) {
            Some((_, n)) => *n += 1,
            None => counts.push((norm, 1)),
        }
    }
    let varies = counts.len() > 1;
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.value.total_cmp(&b.0.value)));
    (counts.first().map_or(Measure::new(0.0, crate::model::Unit::Count), |(m, _)| *m), varies)
}

/// What every team in the model did over the last 26 weeks (drift's
/// window), read in one pass over the rows for both the systemic
/// suggestions (their last 12 weeks) and [`super::drift::model_drift`].
pub struct History {
    samples: BTreeMap<String, Vec<Samples>>,
    today: NaiveDate,
}

impl History {
    pub fn read(index: &Index, model: &TeamModel, today: NaiveDate) -> History {
        History { samples: team_samples(index, model, today, super::drift::WINDOW_DAYS), today }
    }

    /// A team's samples of one norm over the whole window.
    pub(crate) fn of(&self, team: &str, norm: &str) -> Option<&Samples> {
        self.samples.get(team)?.iter().find(|s| s.norm == norm)
    }

    pub(crate) fn teams(&self) -> impl Iterator<Item = (&String, &Vec<Samples>)> {
        self.samples.iter()
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.today
    }
}

/// Fills in what each finding's team's own history says: the 80th
/// percentile of the last [`HISTORY_DAYS`] days, as `model::suggest_norms`
/// computes it. Offers "Update the model" only when that value is looser
/// than the norm; when it is within the norm, the norm fits the team's
/// history and something is in the way now.
pub fn suggest_updates(systemic: &mut [Systemic], history: &History, model: &TeamModel) {
    let since = history.today() - Duration::days(HISTORY_DAYS);
    for finding in systemic.iter_mut() {
        let Some(norm) = PERSON_TRIPWIRES.iter().find(|t| t.id == finding.tripwire).and_then(|t| t.norm) else {
            finding.history = "This norm depends on each item's size, so no single value is suggested: change it on the Model page, or accept the pattern as a deviation.".into();
            continue;
        };
        let info = norm_info(norm).expect("declared norm");
        let current = model.norms_for(&finding.team).scalar(norm).expect("declared norm");
        let Some(samples) = history.of(&finding.team, norm) else {
            finding.history = format!("Exports hold no history of {}, so no value is suggested.", info.label);
            continue;
        };
        let weeks = HISTORY_DAYS / 7;
        let values = samples.since(since);
        let suggested = (values.len() >= samples.min).then(|| rounded_percentile(&values, info.min, info.max)).flatten();
        match suggested {
            None => {
                finding.history = format!("Too little history to suggest a value: {} samples in {weeks} weeks, {} needed.", values.len(), samples.min)
            }
            Some(value) if value > current => {
                let basis = format!("the team's 80th percentile over the last {weeks} weeks ({} samples)", values.len());
                finding.history = format!("Its own history suggests {value} {}: {basis}.", info.unit.label());
                finding.update =
                    Some(NormUpdate { team: finding.team.clone(), norm: norm.to_string(), current, suggested: value, basis });
            }
            Some(value) => {
                finding.history = format!(
                    "Its own history is within the norm (80th percentile {value} {} over {weeks} weeks): the norm fits, so look for what is in the way now.",
                    info.unit.label()
                )
            }
        }
    }
}

/// The positions of findings that belong to a pattern the leader accepted
/// as a deviation (by its `systemic|…` key, active today): they are
/// allowed with it.
pub(crate) fn accepted_members(index: &Index, findings: &[Finding], allowed: &FastSet<&str>) -> FastSet<usize> {
    if !allowed.iter().any(|key| key.starts_with("systemic|")) {
        return FastSet::default();
    }
    systemic_findings(index, findings).into_iter().filter(|s| allowed.contains(s.key.as_str())).flat_map(|s| s.members).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::evaluate_report;
    use crate::model::TeamModel;
    use crate::testkit::{date, Fixture};
    use chrono::Duration;

    const TODAY: &str = "2026-03-16";

    /// A team of `size` engineers (and a manager, who is no contributor)
    /// of whom the first `quiet` last merged `quiet_for` days ago, the
    /// others yesterday; every one merged every `every` days before that.
    fn team(fx: &mut Fixture, name: &str, size: usize, quiet: usize, every: i64, quiet_for: i64) {
        fx.team(name, "greenfield");
        fx.person(&format!("{name} Lead"), name, "Engineering Manager");
        let today = date(TODAY);
        for i in 0..size {
            let person = format!("{name} Dev{i}");
            fx.person(&person, name, "Software Engineer");
            let last = today - Duration::days(if i < quiet { quiet_for } else { 1 });
            for k in 0..8 {
                let day = last - Duration::days(k * every);
                fx.merged_pr(&format!("{name}-{i}-{k}"), &person, &format!("{day} 09:00"), &format!("{day} 15:00"));
            }
        }
    }

    fn evaluate(fx: &Fixture, model: &TeamModel) -> (Vec<Finding>, Vec<Systemic>) {
        let index = Index::new(&fx.ds);
        let findings = evaluate_report(&index, model, date(TODAY)).findings;
        let mut systemic = systemic_findings(&index, &findings);
        suggest_updates(&mut systemic, &History::read(&index, model, date(TODAY)), model);
        (findings, systemic)
    }

    #[test]
    fn fires_once_for_most_of_a_team_and_never_for_the_decoys() {
        let mut fx = Fixture::new();
        team(&mut fx, "Amber Falcons", 11, 9, 3, 20); // 9 of 11: planted
        team(&mut fx, "Blue Lynx", 10, 2, 3, 20); // 2 of 10: individuals
        team(&mut fx, "Copper Reef", 9, 4, 3, 20); // 4 of 9, under half
        team(&mut fx, "Dune", 3, 3, 3, 20); // everyone, but too few people
        team(&mut fx, "Echo", 6, 3, 3, 20); // exactly half: fires
        let model = TeamModel::from_dataset(&fx.ds);
        let (findings, systemic) = evaluate(&fx, &model);
        let teams: Vec<&str> = systemic.iter().map(|s| s.team.as_str()).collect();
        assert_eq!(teams, ["Amber Falcons", "Echo"], "{systemic:#?}");

        let amber = &systemic[0];
        assert_eq!((amber.people, amber.of, amber.severity), (9, 11, Severity::High));
        assert_eq!(amber.why, "Quiet contributor fires for 9 of 11 people on Amber Falcons: the norm may be wrong for this team, or something systemic is in the way.");
        assert_eq!(amber.norm.value, 7.0);
        assert_eq!(amber.observed, vec![20.0; 9]);
        assert_eq!(amber.distribution(), "Norm 7 days. The 9 people concerned: 20 days; 2 within the norm.");
        assert_eq!(amber.members.len(), 9);
        assert!(amber.members.iter().all(|&at| findings[at].team == "Amber Falcons" && findings[at].tripwire == "quiet_contributor"));
        assert_eq!(systemic[1].severity, Severity::Medium, "3 of 6 is under three quarters");
        // Merging every 3 days, the history fits the 7-day norm: something
        // is in the way, so no looser value is offered.
        assert!(amber.update.is_none());
        assert!(amber.history.contains("within the norm"), "{}", amber.history);
    }

    #[test]
    fn a_team_whose_history_is_slower_than_its_norm_is_offered_its_own_p80() {
        let mut fx = Fixture::new();
        team(&mut fx, "Slow Lane", 6, 6, 11, 10);
        let mut model = TeamModel::from_dataset(&fx.ds);
        let (_, systemic) = evaluate(&fx, &model);
        let update = systemic[0].update.clone().expect("history is slower than the norm");
        // Everyone last merged 10 days ago and every 11 days before: the
        // gaps in the last 12 weeks are all 11 days, so p80 = 11.
        assert_eq!((update.norm.as_str(), update.current, update.suggested), ("quiet_days", 7, 11));
        assert!(update.basis.starts_with("the team's 80th percentile over the last 12 weeks"), "{}", update.basis);

        model.change_norm(&update.team, &update.norm, update.suggested, &update.basis, date(TODAY)).unwrap();
        let (findings, systemic) = evaluate(&fx, &model);
        assert!(systemic.is_empty() && findings.iter().all(|f| f.tripwire != "quiet_contributor"), "10 days is within 11");
    }

    #[test]
    fn accepting_the_pattern_allows_its_members_with_it() {
        let mut fx = Fixture::new();
        team(&mut fx, "Amber Falcons", 5, 4, 3, 20);
        let mut model = TeamModel::from_dataset(&fx.ds);
        let (_, systemic) = evaluate(&fx, &model);
        let key = systemic[0].key.clone();
        assert_eq!(key, "systemic|Amber Falcons|quiet_contributor");
        model.accept(systemic[0].accepted("Code freeze for the audit", date("2026-03-31"), date(TODAY))).unwrap();
        assert_eq!(model.accepted[0].key, key);
        let report = evaluate_report(&Index::new(&fx.ds), &model, date(TODAY));
        assert!(report.findings.iter().all(|f| f.tripwire != "quiet_contributor"));
        assert_eq!(report.allowed.iter().filter(|f| f.tripwire == "quiet_contributor").count(), 4);
        assert!(systemic_findings(&Index::new(&fx.ds), &report.findings).is_empty());
    }
}
