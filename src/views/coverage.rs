//! Data coverage: per team, which inputs were loaded and over which dates,
//! and which tripwires could not judge the team for lack of data.
//!
//! A tripwire without data stays silent in the findings; this view is
//! where that silence is said out loud ("not enough data"), next to the
//! inputs that would end it. Rows are attributed as the tripwires
//! attribute them (`dataset::Index`): a PR to its author's team, its
//! reviews to the same team, a work item to its team column or its
//! assignee's team. Stakeholders belong to the leader, so they and
//! everything no team owns are under [`ORGANISATION`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::Index;
use crate::hashing::FastMap;
use crate::findings::{tripwire, DataGap, ORGANISATION};

/// The inputs, in the order the page shows them.
pub const INPUTS: [&str; 9] =
    ["PRs", "reviews", "work items", "updates", "decisions", "OKRs", "postmortems", "design docs", "stakeholders"];
const PRS: usize = 0;
const REVIEWS: usize = 1;
const WORK_ITEMS: usize = 2;
const UPDATES: usize = 3;
const DECISIONS: usize = 4;
const OKRS: usize = 5;
const POSTMORTEMS: usize = 6;
const DESIGN_DOCS: usize = 7;
const STAKEHOLDERS: usize = 8;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverageView {
    /// Column names, [`INPUTS`].
    pub inputs: Vec<String>,
    /// Every team in the model or the files, by name, then the
    /// organisation's row when it has rows or gaps.
    pub teams: Vec<TeamCoverage>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamCoverage {
    pub team: String,
    /// People on the roster for the team.
    pub people: usize,
    /// One per [`INPUTS`] entry.
    pub inputs: Vec<InputCoverage>,
    /// Tripwires that could not judge the team, one entry per tripwire.
    pub gaps: Vec<GapSummary>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InputCoverage {
    pub rows: usize,
    /// The earliest and latest date the rows carry; `None` without dates.
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// For inputs dated by label rather than date (OKR quarters): the
    /// first and last label, `2026-Q1 – 2026-Q2`.
    #[serde(default)]
    pub labels: Option<String>,
}

impl InputCoverage {
    fn add(&mut self, dates: impl IntoIterator<Item = Option<NaiveDate>>) {
        self.rows += 1;
        for date in dates.into_iter().flatten() {
            self.first = Some(self.first.map_or(date, |first| first.min(date)));
            self.last = Some(self.last.map_or(date, |last| last.max(date)));
        }
    }

    /// `12 · 2026-01-05 – 2026-03-02`, `3 · 2026-Q1 – 2026-Q2`, `—`.
    pub fn label(&self) -> String {
        match (self.rows, self.span()) {
            (0, _) => "—".to_string(),
            (rows, Some(span)) => format!("{rows} · {span}"),
            (rows, None) => rows.to_string(),
        }
    }

    /// The dates (or quarter labels) the rows carry: `2026-01-05 – 2026-03-02`.
    pub fn span(&self) -> Option<String> {
        match (self.first, self.last, &self.labels) {
            (Some(first), Some(last), _) if first == last => Some(first.to_string()),
            (Some(first), Some(last), _) => Some(format!("{first} – {last}")),
            (_, _, Some(labels)) => Some(labels.clone()),
            _ => None,
        }
    }
}

/// One tripwire's "not enough data" for one team: how many subjects it
/// could not judge and the first reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GapSummary {
    pub tripwire: String,
    pub title: String,
    pub reason: String,
    pub count: usize,
}

impl GapSummary {
    /// `Decision distribution: 2 leveled decisions …` (`(3 subjects)` when more).
    pub fn label(&self) -> String {
        let more = if self.count > 1 { format!(" ({} subjects)", self.count) } else { String::new() };
        format!("{}: not enough data — {}{more}", self.title, self.reason)
    }
}

/// The table being filled: one row of [`INPUTS`] per team. Rows are
/// found by hash (each row of every file finds its team's row), and kept
/// in a vector in order of first use; they are sorted once at the end.
#[derive(Default)]
struct Rows<'a> {
    slot: FastMap<&'a str, usize>,
    rows: Vec<(&'a str, Vec<InputCoverage>)>,
}

impl<'a> Rows<'a> {
    /// Rows that name no team are the organisation's.
    fn key(team: &str) -> &str {
        if team.trim().is_empty() {
            ORGANISATION
        } else {
            team
        }
    }

    /// A team's row, made on first use.
    fn row(&mut self, team: &'a str) -> &mut Vec<InputCoverage> {
        let team = Rows::key(team);
        let slot = match self.slot.get(team) {
            Some(&slot) => slot,
            None => {
                self.rows.push((team, vec![InputCoverage::default(); INPUTS.len()]));
                self.slot.insert(team, self.rows.len() - 1);
                self.rows.len() - 1
            }
        };
        &mut self.rows[slot].1
    }

    fn get_mut(&mut self, team: &str) -> Option<&mut Vec<InputCoverage>> {
        self.slot.get(team).map(|&slot| &mut self.rows[slot].1)
    }
}

/// Coverage of every team in `teams` (the model's) and in the files, and
/// the tripwires' data gaps (`gaps`: the report's `not_enough_data`).
pub fn coverage<'a>(index: &Index<'a>, teams: impl IntoIterator<Item = &'a str>, gaps: &'a [DataGap]) -> CoverageView {
    let dataset = index.dataset();
    let mut rows = Rows::default();
    for team in teams {
        rows.row(team);
    }
    // Every team a file names; `team_names` would copy each name.
    for team in dataset.teams.iter().map(|t| t.name.as_str()).chain(dataset.people.iter().map(|p| p.team.as_str())) {
        rows.row(team);
    }
    for pr in &dataset.pull_requests {
        // One row lookup for the PR and all its reviews.
        let row = rows.row(index.team_or_none(&pr.author));
        row[PRS].add([pr.created.map(|t| t.date()), pr.merged.map(|t| t.date())]);
        for review in index.reviews().each_review_of(pr) {
            row[REVIEWS].add([review.submitted.map(|t| t.date())]);
        }
        if let Some(first) = pr.first_review() {
            row[REVIEWS].add([Some(first.date())]);
        }
    }
    for item in &dataset.work_items {
        rows.row(index.item_team(item))[WORK_ITEMS].add([item.created.map(|t| t.date()), item.resolved.map(|t| t.date())]);
    }
    for update in &dataset.updates {
        rows.row(&update.team)[UPDATES].add([update.date]);
    }
    for decision in &dataset.decisions {
        rows.row(&decision.team)[DECISIONS].add([decision.raised, decision.decided]);
    }
    let mut quarters: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for kr in &dataset.key_results {
        rows.row(&kr.team)[OKRS].add([]);
        let quarter = kr.quarter.trim();
        if !quarter.is_empty() {
            let span = quarters.entry(Rows::key(&kr.team)).or_insert((quarter, quarter));
            *span = (span.0.min(quarter), span.1.max(quarter));
        }
    }
    for action in &dataset.postmortem_actions {
        rows.row(&action.team)[POSTMORTEMS].add([action.date]);
    }
    for doc in &dataset.design_docs {
        rows.row(&doc.team)[DESIGN_DOCS].add([doc.date]);
    }
    for stakeholder in &dataset.stakeholders {
        rows.row(ORGANISATION)[STAKEHOLDERS].add([stakeholder.last_contact]);
    }
    for (team, (first, last)) in quarters {
        if let Some(row) = rows.get_mut(team) {
            row[OKRS].labels = Some(if first == last { first.to_string() } else { format!("{first} – {last}") });
        }
    }

    let mut gaps_by_team: BTreeMap<&str, Vec<GapSummary>> = BTreeMap::new();
    for gap in gaps {
        let team = Rows::key(gap.team.as_deref().unwrap_or(""));
        let summaries = gaps_by_team.entry(team).or_default();
        match summaries.iter_mut().find(|s| s.tripwire == gap.tripwire) {
            Some(summary) => summary.count += 1,
            None => summaries.push(GapSummary {
                tripwire: gap.tripwire.clone(),
                title: tripwire(&gap.tripwire).map_or(gap.tripwire.as_str(), |t| t.title).to_string(),
                reason: gap.reason.clone(),
                count: 1,
            }),
        }
    }
    for team in gaps_by_team.keys() {
        rows.row(team);
    }
    let mut people: BTreeMap<&str, usize> = BTreeMap::new();
    for person in index.people() {
        *people.entry(person.team.as_str()).or_default() += 1;
    }
    let mut teams: Vec<TeamCoverage> = rows
        .rows
        .into_iter()
        .map(|(team, inputs)| TeamCoverage {
            people: people.get(team).copied().unwrap_or(0),
            gaps: gaps_by_team.remove(team).unwrap_or_default(),
            team: team.to_string(),
            inputs,
        })
        .collect();
    // By name, the organisation's row last: it is about no team.
    teams.sort_by(|a, b| (a.team == ORGANISATION, &a.team).cmp(&(b.team == ORGANISATION, &b.team)));
    CoverageView { inputs: INPUTS.iter().map(|s| s.to_string()).collect(), teams }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DecisionLevel, StatusCategory};
    use crate::findings::evaluate_report;
    use crate::model::TeamModel;
    use crate::testkit::{date, Fixture};

    fn view(fx: &Fixture, today: &str) -> CoverageView {
        let index = Index::new(&fx.ds);
        let model = TeamModel::from_dataset(&fx.ds);
        let report = evaluate_report(&index, &model, date(today));
        coverage(&index, model.teams.keys().map(String::as_str), &report.not_enough_data)
    }

    fn row<'v>(view: &'v CoverageView, team: &str) -> &'v TeamCoverage {
        view.teams.iter().find(|t| t.team == team).unwrap_or_else(|| panic!("no row for {team}: {view:?}"))
    }

    #[test]
    fn each_team_shows_which_inputs_it_has_and_over_which_dates() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "greenfield");
        fx.team("Borealis", "infra");
        fx.person("Ana Reyes", "Atlas", "Software Engineer").identities = vec!["areyes".into()];
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-09 10:00");
        fx.merged_pr("2", "Ana Reyes", "2026-02-01 10:00", "2026-02-02 10:00");
        fx.review("1", "bo", "2026-01-06 11:00");
        fx.item("A-1", "Ana Reyes", StatusCategory::InProgress, "2026-01-20");
        fx.decision("Use Kafka", "Borealis", Some(DecisionLevel::Executive), "2026-02-02", None, &[]);
        let v = view(&fx, "2026-03-02");
        assert_eq!(v.inputs.len(), INPUTS.len());
        let atlas = row(&v, "Atlas");
        assert_eq!(atlas.people, 1);
        assert_eq!(atlas.inputs[PRS].label(), "2 · 2026-01-05 – 2026-02-02", "areyes's PR is Ana's, so Atlas's");
        assert_eq!(atlas.inputs[REVIEWS].label(), "1 · 2026-01-06");
        assert_eq!(atlas.inputs[WORK_ITEMS].rows, 1);
        assert_eq!(atlas.inputs[DECISIONS].label(), "—");
        let borealis = row(&v, "Borealis");
        assert_eq!(borealis.inputs[DECISIONS].label(), "1 · 2026-02-02");
        assert_eq!(borealis.inputs[PRS].rows, 0);
        let names: Vec<&str> = v.teams.iter().map(|t| t.team.as_str()).collect();
        assert_eq!(names.first(), Some(&"Atlas"));
    }

    #[test]
    fn a_tripwire_that_cannot_judge_a_team_says_so_on_its_row() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "greenfield");
        fx.team("Borealis", "infra");
        fx.decision("D1", "Atlas", Some(DecisionLevel::Executive), "2026-02-02", None, &[]);
        fx.decision("D2", "Borealis", Some(DecisionLevel::Executive), "2026-02-02", None, &[]);
        fx.decision("D3", "Borealis", None, "2026-02-02", None, &[]);
        let v = view(&fx, "2026-03-02");
        let atlas = row(&v, "Atlas");
        let labels: Vec<String> = atlas.gaps.iter().map(GapSummary::label).collect();
        assert!(
            labels.iter().any(|l| l == "Decision distribution: not enough data — 1 leveled decisions in 26 weeks; at least 5 are needed"),
            "{labels:?}"
        );
        let org = v.teams.last().unwrap();
        assert_eq!(org.team, ORGANISATION, "the organisation's row comes last");
        assert!(org.gaps.iter().any(|g| g.tripwire == "decision_distribution"), "{:?}", org.gaps);
    }

    #[test]
    fn okrs_show_their_quarters_and_stakeholders_belong_to_the_organisation() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "greenfield");
        fx.key_result("Atlas", "2026-Q2", "from 1 to 2", Some(0.5));
        fx.key_result("Atlas", "2026-Q1", "from 1 to 2", Some(0.5));
        fx.stakeholder("Margaret", 1.0, 1.0, Some("2026-02-20"));
        let v = view(&fx, "2026-03-02");
        assert_eq!(row(&v, "Atlas").inputs[OKRS].label(), "2 · 2026-Q1 – 2026-Q2");
        assert_eq!(row(&v, ORGANISATION).inputs[STAKEHOLDERS].label(), "1 · 2026-02-20");
    }
}
