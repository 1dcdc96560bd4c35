//! What the Deviations, Org digest and Leadership pages show, derived from
//! the dataset, the model and one evaluation of the tripwires, with every
//! chart norm read from the model. Names are as the files give them:
//! [`super::presenter`] pseudonymises the assembled snapshot afterwards.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Index, Intervention, RowRef};
use crate::findings::{self, Finding};
use crate::findings::drift::{model_drift, Drift};
use crate::findings::systemic::{suggest_updates, systemic_findings, History, Systemic};
use crate::hashing::{FastMap, FastSet};
use crate::views::triage::{triage, TriageItem};
use crate::model::calendar::percentile;
use crate::findings::{leadership_positions, LeadershipPosition};
use crate::model::{AcceptedDeviation, Norms, TeamModel};
use crate::views::cycle_time::{cycle_times, ControlChart};
use crate::views::decisions::{decision_latency, decision_split, DecisionSplit, LevelNorms};
use crate::views::digest::{org_digest, DigestRow};
use crate::views::distribution::Distribution;
use crate::views::freshness::{update_freshness, FreshnessGrid};
use crate::views::groups::{count_systemic, digest_by_group, leadership_by_group, GroupRow, LeadershipGroup, LeadershipMember};
use crate::views::leadership::{LeadershipMatrix, LeadershipPoint};
use crate::views::quiet::{days_since_last_merge, QuietDays};
use crate::views::review_wait::first_review_wait;
use crate::views::table::{Table, ToTable};
use crate::views::{FindingRow, TeamThresholds};

/// Weeks of merge history in each digest sparkline.
pub const DIGEST_TREND_WEEKS: usize = 12;

/// A finding as the page lists it, with what it needs to filter and accept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownFinding {
    /// `Finding::key`, scrubbed like the row under presenter mode (keys
    /// contain subjects): what `Request::AcceptDeviation` names.
    pub key: String,
    pub row: FindingRow,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripwireOption {
    pub id: String,
    pub title: String,
}

/// The six Deviations charts' view-models; drawn on the page's thread
/// through `super::charts::CHARTS`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviationCharts {
    pub quiet_days: QuietDays,
    pub review_wait: Distribution,
    pub cycle_time: ControlChart,
    pub decision_latency: Distribution,
    pub decision_split: DecisionSplit,
    pub update_freshness: FreshnessGrid,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterventionShown {
    pub reason: String,
    pub started: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub exit_criterion: Option<String>,
    /// `file:line`.
    pub evidence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipTeam {
    pub team: String,
    /// The model's reading, which can differ from the point's quadrant: a
    /// drifting intervention is placed in micro-mismanagement.
    pub mode: String,
    pub confidence: f64,
    pub autonomy: f64,
    pub reasons: Vec<String>,
    pub interventions: Vec<InterventionShown>,
    /// The team's group (or `NO_GROUP`) when teams.csv groups teams.
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadershipView {
    pub matrix: LeadershipMatrix,
    pub teams: Vec<LeadershipTeam>,
}

impl ToTable for LeadershipView {
    /// The matrix as rows, with the model's reading of each team: it can
    /// differ from the point's quadrant (a drifting intervention).
    fn to_table(&self) -> Table {
        let mut table = Table::new(self.matrix.title.clone(), &["Team", "Confidence", "Autonomy", "Mode"]);
        for t in &self.teams {
            table.push(vec![t.team.clone(), format!("{:.0}%", t.confidence * 100.0), format!("{:.0}%", t.autonomy * 100.0), t.mode.clone()]);
        }
        table
    }
}

impl LeadershipView {
    /// The teams of one group (`LeadershipTeam::group`), matrix and cards:
    /// what the Leadership page shows when a group is opened.
    pub fn of_group(&self, group: &str) -> LeadershipView {
        let teams: Vec<LeadershipTeam> = self.teams.iter().filter(|t| t.group.as_deref() == Some(group)).cloned().collect();
        let names: std::collections::BTreeSet<&str> = teams.iter().map(|t| t.team.as_str()).collect();
        let points = self.matrix.points.iter().filter(|p| names.contains(p.team.as_str())).cloned().collect();
        let mut matrix = LeadershipMatrix::new(points);
        matrix.title = format!("{}: {group}", self.matrix.title);
        LeadershipView { matrix, teams }
    }
}

/// Everything the analysis pages need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Names in here are pseudonyms: set by the presenter pass itself.
    pub presenter: bool,
    pub findings: Vec<ShownFinding>,
    /// Every registered tripwire, in registry order, for the filter.
    pub tripwires: Vec<TripwireOption>,
    /// The model's accepted deviations, presented like findings.
    pub accepted: Vec<AcceptedDeviation>,
    pub charts: DeviationCharts,
    pub digest: Vec<DigestRow>,
    pub leadership: LeadershipView,
    /// The digest rolled up by group; empty without groups in teams.csv.
    #[serde(default)]
    pub digest_groups: Vec<GroupRow>,
    /// The leadership teams rolled up by group; empty without groups.
    #[serde(default)]
    pub leadership_groups: Vec<LeadershipGroup>,

    /// One person-level tripwire firing for most of a team; members are
    /// positions in `findings`.
    #[serde(default)]
    pub systemic: Vec<Systemic>,
    /// Norms that no longer tell anything about a team.
    #[serde(default)]
    pub drift: Vec<Drift>,
    /// Everything above ranked for attention, best first; targets are
    /// positions in `findings`, `systemic` and `drift`.
    #[serde(default)]
    pub triage: Vec<TriageItem>,
}

pub fn analyse(index: &Index, model: &TeamModel, findings: &[Finding], today: NaiveDate) -> Analysis {
    let dataset = index.dataset();
    let positions = leadership_positions(dataset, model, findings, today);
    let settings = chart_settings(dataset, model, today);
    let rows: Vec<FindingRow> = findings.iter().map(finding_row).collect();
    let mut digest = org_digest(index, today, &rows, DIGEST_TREND_WEEKS);
    let leadership = leadership_view(index, &positions);
    let members = leadership.teams.iter().filter_map(|t| {
        Some(LeadershipMember { group: t.group.as_deref()?, mode: &t.mode, confidence: t.confidence, autonomy: t.autonomy })
    });

    // One pass over the rows for both the systemic suggestions and drift.
    let history = History::read(index, model, today);
    let mut systemic = systemic_findings(index, findings);
    suggest_updates(&mut systemic, &history, model);
    let drift = model_drift(index, model, findings, &history);
    let triage = triage(findings, &systemic, &drift, &green_teams(dataset, today));
    count_systemic(&mut digest, systemic.iter().map(|s| s.team.as_str()));
    Analysis {
        presenter: false,
        digest_groups: digest_by_group(&digest),
        leadership_groups: leadership_by_group(members),
        digest,
        findings: findings.iter().zip(rows).map(|(finding, row)| ShownFinding { key: finding.key.clone(), row }).collect(),
        tripwires: findings::REGISTRY.iter().map(|t| TripwireOption { id: t.id.into(), title: t.title.into() }).collect(),
        accepted: model.accepted.clone(),
        charts: DeviationCharts {
            quiet_days: days_since_last_merge(index, today, &settings.quiet_days, None),
            review_wait: first_review_wait(index, today, settings.first_review_hours),
            cycle_time: cycle_times(dataset, today, None, settings.cycle_time_band_days),
            decision_latency: decision_latency(dataset, today, &settings.decision_norms, None),
            decision_split: decision_split(dataset, None),
            update_freshness: update_freshness(dataset, today, &settings.update_cadence_days, settings.freshness_weeks),
        },
        leadership,
        systemic,
        drift,
        triage,
    }
}

/// Teams whose latest update up to today says green (ties on the day go
/// to the later row, as `findings::Context` orders them).
fn green_teams(dataset: &Dataset, today: NaiveDate) -> FastSet<&str> {
    let mut latest: FastMap<&str, (NaiveDate, &str)> = FastMap::default();
    for update in &dataset.updates {
        let Some(date) = update.date.filter(|d| *d <= today) else { continue };
        let entry = latest.entry(update.team.as_str()).or_insert((date, update.status.as_str()));
        if date >= entry.0 {
            *entry = (date, update.status.as_str());
        }
    }
    latest.into_iter().filter(|(_, (_, status))| findings::watermelon_is_green(status)).map(|(team, _)| team).collect()
}

/// Every norm a Deviations chart draws, as plain values read from the model.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSettings {
    pub quiet_days: TeamThresholds,
    pub first_review_hours: f64,
    pub cycle_time_band_days: Option<(f64, f64)>,
    pub decision_norms: LevelNorms,
    pub update_cadence_days: TeamThresholds,
    pub freshness_weeks: usize,
}

/// Weeks of update history in the freshness grid.
pub const FRESHNESS_WEEKS: usize = 12;

/// The chart norms read from the model. Per-team norms stay per team; a
/// chart that draws one org-wide line takes the value most teams share, so
/// the line is the norm a reader would expect, not an average nobody set.
pub fn chart_settings(dataset: &Dataset, model: &TeamModel, today: NaiveDate) -> ChartSettings {
    let norms: Vec<(String, Norms)> = model.teams.keys().map(|team| (team.clone(), model.norms_for(team))).collect();
    let per_team = |norm: fn(&Norms) -> u32| TeamThresholds {
        default: f64::from(norm(&model.norms_for(""))),
        per_team: norms.iter().map(|(team, n)| (team.clone(), f64::from(norm(n)))).collect(),
    };
    let shared = |norm: fn(&Norms) -> u32| f64::from(most_common(norms.iter().map(|(_, n)| norm(n))).unwrap_or_else(|| norm(&model.norms_for(""))));
    ChartSettings {
        quiet_days: per_team(|n| n.quiet_days),
        first_review_hours: shared(|n| n.first_review_hours),
        cycle_time_band_days: cycle_norm_band(dataset, model, today),
        decision_norms: LevelNorms {
            edge: shared(|n| n.decision_days_edge),
            functional: shared(|n| n.decision_days_functional),
            executive: shared(|n| n.decision_days_executive),
        },
        update_cadence_days: per_team(|n| n.update_cadence_days),
        freshness_weeks: FRESHNESS_WEEKS,
    }
}

/// Ties go to the smaller value: the stricter norm.
fn most_common(values: impl Iterator<Item = u32>) -> Option<u32> {
    let mut counts = std::collections::BTreeMap::<u32, usize>::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    counts.into_iter().fold(None, |best: Option<(u32, usize)>, (value, count)| match best {
        Some((_, best_count)) if best_count >= count => best,
        _ => Some((value, count)),
    })
    .map(|(value, _)| value)
}

/// The model's expected cycle time for each finished, estimated item (its
/// team's norms, its size), as the middle half: where the norms say most
/// work should land. `None` when no finished item carries an estimate.
fn cycle_norm_band(dataset: &Dataset, model: &TeamModel, today: NaiveDate) -> Option<(f64, f64)> {
    let team_of: FastMap<&str, &str> = dataset.people.iter().rev().map(|p| (p.name.as_str(), p.team.as_str())).collect();
    // A few hundred teams' norms, looked up for hundreds of thousands of
    // items: each team's are resolved once.
    let mut norms: FastMap<&str, Norms> = FastMap::default();
    let expected: Vec<f64> = dataset
        .work_items
        .iter()
        .filter(|w| w.resolved.is_some_and(|r| r.date() <= today))
        .filter_map(|w| {
            let estimate = w.estimate.get()?;
            let team = w.team.as_deref().or_else(|| team_of.get(w.assignee.as_deref()?).copied()).unwrap_or("");
            norms.entry(team).or_insert_with(|| model.norms_for(team)).expected_cycle_days(estimate).map(f64::from)
        })
        .collect();
    Some((percentile(&expected, 25.0)?, percentile(&expected, 75.0)?))
}

fn finding_row(finding: &Finding) -> FindingRow {
    FindingRow {
        tripwire: finding.tripwire.clone(),
        team: finding.team.clone(),
        subject: finding.subject.clone(),
        person: finding.person.clone(),
        severity: severity_label(finding.severity).into(),
        norm: finding.norm.to_string(),
        observed: finding.observed.to_string(),
        evidence: finding.evidence.iter().map(|e| e.cite.clone()).collect(),
        why: finding.why.clone(),
        ask: finding.ask.clone(),
    }
}

pub fn severity_label(severity: findings::Severity) -> &'static str {
    match severity {
        findings::Severity::Low => "low",
        findings::Severity::Medium => "medium",
        findings::Severity::High => "high",
    }
}

fn leadership_view(index: &Index, positions: &[LeadershipPosition]) -> LeadershipView {
    let dataset = index.dataset();
    // Positions name their interventions by row; the first row wins, as a
    // scan would find it. Indexed once, not scanned per intervention.
    let mut by_row: FastMap<RowRef, &Intervention> = FastMap::default();
    for intervention in &dataset.interventions {
        by_row.entry(intervention.source).or_insert(intervention);
    }
    let teams = positions
        .iter()
        .map(|p| LeadershipTeam {
            team: p.team.clone(),
            mode: p.mode.label().into(),
            confidence: p.confidence,
            autonomy: p.autonomy,
            reasons: p.reasons.clone(),
            interventions: p
                .interventions
                .iter()
                .filter_map(|at| by_row.get(at))
                .map(|i| InterventionShown {
                    reason: i.reason.clone(),
                    started: i.started,
                    planned_end: i.planned_end,
                    exit_criterion: i.exit_criterion.clone(),
                    evidence: dataset.cite(i.source),
                })
                .collect(),
            group: index.has_groups().then(|| index.group_or_none(&p.team).to_string()),
        })
        .collect();
    let points = positions.iter().map(|p| LeadershipPoint { team: p.team.clone(), confidence: p.confidence, autonomy: p.autonomy }).collect();
    LeadershipView { matrix: LeadershipMatrix::new(points), teams }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_stroked, has_text, injected};
    use crate::present::charts::{sections, Page};
    use crate::present::testing::demo;
    use crate::present::Presenter;

    #[test]
    fn the_six_charts_draw_with_their_norms_and_tables() {
        let (_, model, snapshot) = demo(Presenter::Off);
        let sections = sections(&snapshot, Page::Deviations);
        let ids: Vec<&str> = sections.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["quiet_days", "review_wait", "cycle_time", "decision_latency", "decision_split", "update_freshness"]);
        for (id, section) in &sections {
            assert!(section.svg.starts_with("<svg"), "{id}");
            assert!(injected(&section.svg).is_empty(), "{id}");
            assert!(!section.table.rows.is_empty(), "{id} has a table alternative with rows");
        }
        let quiet = &sections[0].1.svg;
        let teams = &snapshot.analysis.charts.quiet_days.teams;
        assert_eq!(count_stroked(quiet, "#000000", 2), teams.len(), "one threshold line per team");
        let first = &teams[0];
        let norm = model.norms_for(&first.team).quiet_days;
        assert!(has_text(quiet, &format!("{}: {norm} d", first.team)), "the line is labelled with the model's norm");
    }

    #[test]
    fn the_leadership_table_reads_like_the_team_cards() {
        let (_, _, snapshot) = demo(Presenter::Off);
        let view = &snapshot.analysis.leadership;
        let table = view.to_table();
        assert_eq!(table.rows.len(), view.teams.len());
        for (row, team) in table.rows.iter().zip(&view.teams) {
            assert_eq!((&row[0], &row[3]), (&team.team, &team.mode));
        }
        assert!(view.teams.iter().any(|t| t.mode == "micro-mismanagement" && t.confidence < 0.5), "the demo has a drifting intervention");
    }

    #[test]
    fn a_groups_leadership_view_holds_its_teams_only() {
        let mut dataset = crate::testkit::orgs::small_org();
        dataset.teams[0].group = "Platform".into();
        dataset.teams[1].group = "Platform".into();
        let snapshot = crate::present::testing::snapshot_of(&dataset, Presenter::Off);
        let view = &snapshot.analysis.leadership;
        let platform = view.of_group("Platform");
        let teams: Vec<&str> = platform.teams.iter().map(|t| t.team.as_str()).collect();
        assert_eq!(teams, [dataset.teams[0].name.as_str(), dataset.teams[1].name.as_str()]);
        assert_eq!(platform.matrix.points.iter().map(|p| p.team.as_str()).collect::<Vec<_>>(), teams);
        assert!(platform.matrix.title.ends_with(": Platform"));
        assert!(view.of_group("Nobody").teams.is_empty());
        let line = snapshot.analysis.leadership_groups.iter().find(|g| g.group == "Platform").unwrap();
        assert_eq!(line.teams, 2);
    }

    #[test]
    fn every_team_lists_its_active_interventions_with_their_rows() {
        let (dataset, _, snapshot) = demo(Presenter::Off);
        let listed: usize = snapshot.analysis.leadership.teams.iter().map(|t| t.interventions.len()).sum();
        assert!(listed > 0, "the demo has interventions");
        for team in &snapshot.analysis.leadership.teams {
            for shown in &team.interventions {
                let row = dataset.interventions.iter().find(|i| dataset.cite(i.source) == shown.evidence).unwrap();
                assert_eq!((&row.team, &row.reason), (&team.team, &shown.reason));
            }
        }
    }

    #[test]
    fn the_presented_report_has_the_findings_and_no_names_or_scripts() {
        let (dataset, _, snapshot) = demo(Presenter::On);
        let page = crate::present::report(&snapshot, sections(&snapshot, Page::Deviations).into_iter().map(|(_, s)| s).collect());
        assert!(page.contains("Presenter mode"));
        assert!(!page.to_lowercase().contains("<script"));
        let first = &snapshot.analysis.findings[0].row;
        assert!(page.contains(&crate::views::markup::escape(&first.ask)));
        let lower = page.to_lowercase();
        for name in crate::present::privacy::person_names(&dataset) {
            assert!(!lower.contains(&name.to_lowercase()), "{name} in the presented report");
        }
        // Pseudonyms are not applied twice: the report names who the page names.
        let person = snapshot.analysis.findings.iter().find_map(|f| f.row.person.clone()).unwrap();
        assert!(page.contains(&person));
    }
}
