//! Model drift, the other way round from a tripwire: a norm so loose for a
//! team that it has not fired in 26 weeks while the team's own values sit
//! far inside it. Such a norm no longer tells the leader anything about
//! the team; [`model_drift`] says so and suggests the tighter value, which
//! the page applies through the same "Update the model" path as a
//! systemic finding. Exact rule: `docs/tripwires.md`, "Model drift".

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::systemic::{History, NormUpdate};
use super::{finding_key, Finding};
use crate::dataset::{Dataset, Index};
use crate::hashing::FastSet;
use crate::model::suggest::rounded_percentile;
use crate::model::calendar::percentile;
use crate::model::{norm_info, TeamModel};

/// The `tripwire` part of a drift finding's key.
pub const ID: &str = "model_drift";
/// How far back "has not fired" looks: 26 weeks.
pub const WINDOW_DAYS: i64 = 182;
/// "Far inside": the team's 80th percentile is at most this share of the norm.
pub const FAR_INSIDE: f64 = 0.5;

/// A norm drift is judged for: the tripwire it drives, how many samples
/// in the window it takes, and where the loaded history of its rows starts.
struct DriftNorm {
    norm: &'static str,
    tripwire: &'static str,
    min_samples: usize,
    history_starts: fn(&Dataset) -> Option<NaiveDate>,
}

fn first_pr(dataset: &Dataset) -> Option<NaiveDate> {
    dataset.pull_requests.iter().filter_map(|pr| pr.created).map(|c| c.date()).min()
}

fn first_update(dataset: &Dataset) -> Option<NaiveDate> {
    dataset.updates.iter().filter_map(|u| u.date).min()
}

fn first_decision(dataset: &Dataset) -> Option<NaiveDate> {
    dataset.decisions.iter().filter_map(|d| d.raised).min()
}

const DRIFT_NORMS: [DriftNorm; 6] = [
    DriftNorm { norm: "quiet_days", tripwire: "quiet_contributor", min_samples: 20, history_starts: first_pr },
    DriftNorm { norm: "first_review_hours", tripwire: "slow_first_review", min_samples: 20, history_starts: first_pr },
    DriftNorm { norm: "update_cadence_days", tripwire: "stale_update", min_samples: 6, history_starts: first_update },
    DriftNorm { norm: "decision_days_edge", tripwire: "decision_latency", min_samples: 6, history_starts: first_decision },
    DriftNorm { norm: "decision_days_functional", tripwire: "decision_latency", min_samples: 6, history_starts: first_decision },
    DriftNorm { norm: "decision_days_executive", tripwire: "decision_latency", min_samples: 6, history_starts: first_decision },
];

/// A norm that no longer tells anything about a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drift {
    /// `model_drift|team|norm`.
    pub key: String,
    pub team: String,
    pub norm: String,
    /// The tripwire that reads the norm.
    pub tripwire: String,
    pub samples: usize,
    pub p80: f64,
    /// The largest value in the window: still within the norm.
    pub max: f64,
    pub why: String,
    /// The tighter value: the team's 80th percentile over the window.
    pub update: NormUpdate,
}

/// Every team in the model and norm in [`DRIFT_NORMS`] where, over the
/// trailing [`WINDOW_DAYS`]: the loaded rows reach back that far, there
/// are enough samples, none exceeded the norm, the 80th percentile is at
/// most [`FAR_INSIDE`] of it, and the tripwire is not firing for the team
/// now (open, or accepted as allowed). Sorted by team, then norm order.
pub fn model_drift(index: &Index, model: &TeamModel, findings: &[Finding], history: &History) -> Vec<Drift> {
    let dataset = index.dataset();
    let today = history.today();
    let window_start = today - Duration::days(WINDOW_DAYS);
    let covered: Vec<bool> = DRIFT_NORMS.iter().map(|d| (d.history_starts)(dataset).is_some_and(|first| first <= window_start)).collect();
    if !covered.contains(&true) {
        return Vec::new();
    }
    // Firing now: open, or accepted as allowed (still firing, only
    // allowed; a systemic acceptance names its tripwire as the subject).
    let accepted = model.accepted.iter().filter(|a| a.is_active(today)).map(|a| {
        let tripwire = if a.tripwire == super::systemic::ID { a.subject.as_str() } else { a.tripwire.as_str() };
        (a.team.as_str(), tripwire)
    });
    let firing: FastSet<(&str, &str)> = findings.iter().map(|f| (f.team.as_str(), f.tripwire.as_str())).chain(accepted).collect();
    let mut drift = Vec::new();
    for (team, all) in history.teams() {
        let norms = model.norms_for(team);
        for (spec, _) in DRIFT_NORMS.iter().zip(&covered).filter(|(_, covered)| **covered) {
            let Some(samples) = all.iter().find(|s| s.norm == spec.norm) else { continue };
            if samples.values.len() < spec.min_samples || firing.contains(&(team.as_str(), spec.tripwire)) {
                continue;
            }
            let info = norm_info(spec.norm).expect("declared norm");
            let current = norms.scalar(spec.norm).expect("declared norm");
            let max = samples.values.iter().copied().fold(f64::MIN, f64::max);
            let (Some(p80), Some(suggested)) = (percentile(&samples.values, 80.0), rounded_percentile(&samples.values, info.min, info.max))
            else {
                continue;
            };
            if max > f64::from(current) || p80 > f64::from(current) * FAR_INSIDE || suggested >= current {
                continue;
            }
            let unit = info.unit.label();
            drift.push(Drift {
                key: finding_key(ID, team, spec.norm),
                norm: spec.norm.to_string(),
                tripwire: spec.tripwire.to_string(),
                samples: samples.values.len(),
                p80,
                max,
                why: format!(
                    "{} is {current} {unit} for {team}, and in 26 weeks nothing came near it: the 80th percentile of {} samples is {} {unit}, the longest {} {unit}. This norm no longer tells you anything about this team.",
                    info.label,
                    samples.values.len(),
                    round1(p80),
                    round1(max)
                ),
                update: NormUpdate {
                    team: team.clone(),
                    norm: spec.norm.to_string(),
                    current,
                    suggested,
                    basis: format!("the team's 80th percentile over the last 26 weeks ({} samples)", samples.values.len()),
                },
                team: team.clone(),
            });
        }
    }
    drift
}

fn round1(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded}")
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::evaluate_report;
    use crate::testkit::{date, Fixture};

    const TODAY: &str = "2026-09-14";

    /// A team of two engineers; each merged on every day (counted back
    /// from today) that `merged_days_ago` keeps.
    fn team(fx: &mut Fixture, name: &str, flavor: &str, merged_days_ago: impl Fn(usize) -> Vec<i64>) {
        fx.team(name, flavor);
        for i in 0..2 {
            let person = format!("{name} Dev{i}");
            fx.person(&person, name, "Software Engineer");
            for ago in merged_days_ago(i) {
                let day = date(TODAY) - Duration::days(ago);
                fx.merged_pr(&format!("{name}-{i}-{ago}"), &person, &format!("{day} 09:00"), &format!("{day} 15:00"));
            }
        }
    }

    /// Every `every` days from yesterday back to `weeks` weeks ago.
    fn every(every: i64, weeks: i64) -> Vec<i64> {
        (0..).map(|k| 1 + k * every).take_while(|ago| *ago < weeks * 7).collect()
    }

    fn drift(fx: &Fixture) -> Vec<Drift> {
        let model = TeamModel::from_dataset(&fx.ds);
        let index = Index::new(&fx.ds);
        let findings = evaluate_report(&index, &model, date(TODAY)).findings;
        model_drift(&index, &model, &findings, &History::read(&index, &model, date(TODAY)))
    }

    #[test]
    fn a_norm_far_outside_what_the_team_does_drifts_and_the_decoys_do_not() {
        let mut fx = Fixture::new();
        // 14-day norm, merges every 2 days for 30 weeks: drift.
        team(&mut fx, "Infra Calm", "infra", |_| every(2, 30));
        // 10-day norm, gaps of 6: the p80 is over half the norm.
        team(&mut fx, "Legacy Steady", "legacy", |_| every(6, 30));
        // As calm, but one 15-day gap 100 days ago: the norm fired.
        team(&mut fx, "Infra Gap", "infra", |i| every(2, 30).into_iter().filter(|ago| i == 1 || !(86..100).contains(ago)).collect());
        // As calm, but one engineer is quiet right now: it fires today.
        team(&mut fx, "Infra Quiet", "infra", |i| every(2, 30).into_iter().filter(|ago| i == 1 || *ago > 20).collect());
        // As calm for 2 weeks only, with one merge 200 days ago: the
        // history reaches back, but 12 gaps are under the 20 needed.
        team(&mut fx, "Infra Sparse", "infra", |_| every(2, 2).into_iter().chain([200]).collect());
        let found = drift(&fx);
        let teams: Vec<(&str, &str)> = found.iter().map(|d| (d.team.as_str(), d.norm.as_str())).collect();
        assert_eq!(teams, [("Infra Calm", "quiet_days")], "{found:#?}");
        let calm = &found[0];
        assert_eq!((calm.update.current, calm.update.suggested, calm.max, calm.samples), (14, 2, 2.0, 180));
        assert_eq!(calm.key, "model_drift|Infra Calm|quiet_days");
        assert!(calm.why.ends_with("This norm no longer tells you anything about this team."), "{}", calm.why);

        let mut model = TeamModel::from_dataset(&fx.ds);
        model.change_norm("Infra Calm", "quiet_days", calm.update.suggested, &calm.update.basis, date(TODAY)).unwrap();
        let index = Index::new(&fx.ds);
        let findings = evaluate_report(&index, &model, date(TODAY)).findings;
        let history = History::read(&index, &model, date(TODAY));
        assert!(model_drift(&index, &model, &findings, &history).iter().all(|d| d.team != "Infra Calm"), "tightened: no drift");
    }

    #[test]
    fn a_norm_firing_but_accepted_as_allowed_is_not_drift() {
        let mut fx = Fixture::new();
        team(&mut fx, "Infra Quiet", "infra", |i| every(2, 30).into_iter().filter(|ago| i == 1 || *ago > 20).collect());
        let mut model = TeamModel::from_dataset(&fx.ds);
        let index = Index::new(&fx.ds);
        let quiet = evaluate_report(&index, &model, date(TODAY)).findings.into_iter().find(|f| f.tripwire == "quiet_contributor").unwrap();
        model.accept(quiet.accepted("On leave", date(TODAY) + Duration::days(10), date(TODAY))).unwrap();
        let report = evaluate_report(&index, &model, date(TODAY));
        assert!(report.findings.iter().all(|f| f.tripwire != "quiet_contributor"), "allowed, so not open");
        let drift = model_drift(&index, &model, &report.findings, &History::read(&index, &model, date(TODAY)));
        assert!(drift.iter().all(|d| d.norm != "quiet_days"), "{drift:#?}");
    }

    #[test]
    fn history_shorter_than_the_window_is_no_drift() {
        let mut fx = Fixture::new();
        team(&mut fx, "Infra Calm", "infra", |_| every(2, 20));
        assert!(drift(&fx).is_empty(), "20 weeks loaded cannot say 26 weeks");
    }
}
