//! Tripwires: every deviation of the dataset from the model.
//!
//! A finding is a private nudge to get curious, never a verdict, a score
//! or a ranking. Each tripwire lives in its own file and is listed once in
//! [`REGISTRY`]; adding one is one file plus one line there.
//!
//! Tripwires run in two phases: [`Phase::Rows`] reads only the dataset and
//! the model; [`Phase::Findings`] also reads what the first phase found
//! (a green update is only a watermelon when other tripwires fire).
//! Findings the user accepted as allowed deviations are set aside before
//! the second phase, so an allowed deviation cannot make a team look red.
//!
//! Definitions, precisely: `docs/tripwires.md`. The time rules live in
//! [`crate::model::calendar`]; who is on which team, and which review came
//! first, in [`crate::dataset::index`]. [`leadership`] turns the findings
//! into each team's confidence × autonomy position.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::dataset::{Bots, Dataset, Index, PullRequest, RowRef, StatusCategory, TeamUpdate, WorkItem};
use crate::hashing::{FastMap, FastSet};
use crate::model::calendar;
use crate::model::{AcceptedDeviation, ByTeam, Norms, TeamModel};

pub use crate::model::norms::Unit;
/// The power-interest quadrants, for the Shareholders grid.
pub use crate::model::stakeholders::{Quadrant, HIGH_ABOVE as STAKEHOLDER_HIGH_ABOVE};

mod carry_over;
mod critical_role_gap;
mod decision_distribution;
mod decision_latency;
mod design_doc_approvers;
pub mod leadership;
mod okr_not_started;
mod okr_quality;
mod open_intervention;
mod people;
mod postmortem_gap;
mod quiet_contributor;
mod review_concentration;
mod shareholder_drift;
mod slipping_work;
mod slow_first_review;
mod stale_update;
pub mod systemic;
pub mod drift;
mod watermelon_update;
mod wip_over_limit;

#[cfg(test)]
pub(crate) mod testing;

pub use leadership::{leadership_positions, LeadershipPosition};
/// What counts as a green status, for triage's filtered-reporting rank.
pub use watermelon_update::is_green as watermelon_is_green;

/// Every tripwire, in the order findings are listed within a team.
pub static REGISTRY: &[Tripwire] = &[
    quiet_contributor::TRIPWIRE,
    slow_first_review::TRIPWIRE,
    review_concentration::TRIPWIRE,
    slipping_work::TRIPWIRE,
    carry_over::TRIPWIRE,
    wip_over_limit::TRIPWIRE,
    postmortem_gap::TRIPWIRE,
    design_doc_approvers::TRIPWIRE,
    okr_quality::TRIPWIRE,
    okr_not_started::TRIPWIRE,
    stale_update::TRIPWIRE,
    watermelon_update::TRIPWIRE,
    decision_latency::TRIPWIRE,
    decision_distribution::TRIPWIRE,
    critical_role_gap::TRIPWIRE,
    shareholder_drift::TRIPWIRE,
    open_intervention::TRIPWIRE,
];

/// The `team` of findings about things no team owns (stakeholders). Work
/// whose author or assignee is on no roster is under
/// [`crate::dataset::index::NO_TEAM`].
pub const ORGANISATION: &str = "(organisation)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reads dataset and model only.
    Rows,
    /// Also reads the findings of every `Rows` tripwire.
    Findings,
}

/// One registered tripwire.
#[derive(Clone, Copy)]
pub struct Tripwire {
    pub id: &'static str,
    /// Short human title for filters and legends.
    pub title: &'static str,
    pub phase: Phase,
    pub run: fn(&Context, &mut Output),
}

impl fmt::Debug for Tripwire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tripwire").field("id", &self.id).field("phase", &self.phase).finish()
    }
}

pub fn tripwire(id: &str) -> Option<&'static Tripwire> {
    REGISTRY.iter().find(|t| t.id == id)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A number with its unit, for both the norm and what was observed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub value: f64,
    pub unit: Unit,
}

impl Measure {
    pub fn new(value: f64, unit: Unit) -> Measure {
        Measure { value, unit }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.value.fract() == 0.0 { format!("{}", self.value) } else { format!("{:.1}", self.value) };
        match self.unit {
            Unit::Count => write!(f, "{value}"),
            Unit::Percent | Unit::Ratio => write!(f, "{value}{}", self.unit.label()),
            unit => write!(f, "{value} {}", unit.label()),
        }
    }
}

/// One row a finding rests on: machine form and `file:line` for people.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub row: RowRef,
    pub cite: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub tripwire: String,
    pub team: String,
    /// The person the finding is about, when it is about one.
    pub person: Option<String>,
    /// What the finding is about: a person, PR, doc, key result, ...
    pub subject: String,
    pub severity: Severity,
    pub norm: Measure,
    pub observed: Measure,
    pub evidence: Vec<Evidence>,
    /// One plain sentence.
    pub why: String,
    /// One question a leader could ask to get curious.
    pub ask: String,
    /// Stable fingerprint (tripwire, team, subject): stays the same while
    /// the numbers change, so an accepted deviation keeps matching.
    pub key: String,
}

/// The stable fingerprint of a finding.
pub fn finding_key(tripwire: &str, team: &str, subject: &str) -> String {
    format!("{tripwire}|{team}|{subject}")
}

impl Finding {
    /// Starts a finding; the builder methods below fill in the rest.
    pub(crate) fn draft(tripwire: &str, team: &str, subject: impl Into<String>) -> Finding {
        let subject = subject.into();
        Finding {
            key: finding_key(tripwire, team, &subject),
            tripwire: tripwire.to_string(),
            team: team.to_string(),
            person: None,
            subject,
            severity: Severity::Medium,
            norm: Measure::new(0.0, Unit::Count),
            observed: Measure::new(0.0, Unit::Count),
            evidence: Vec::new(),
            why: String::new(),
            ask: String::new(),
        }
    }

    pub(crate) fn person(mut self, person: &str) -> Finding {
        self.person = Some(person.to_string());
        self
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub(crate) fn measured(mut self, norm: f64, observed: f64, unit: Unit) -> Finding {
        self.norm = Measure::new(norm, unit);
        self.observed = Measure::new(observed, unit);
        self
    }

    pub(crate) fn evidence(mut self, ctx: &Context, rows: impl IntoIterator<Item = RowRef>) -> Finding {
        self.evidence = ctx.evidence(rows);
        self
    }

    pub(crate) fn why(mut self, why: impl Into<String>) -> Finding {
        self.why = why.into();
        self
    }

    pub(crate) fn ask(mut self, ask: impl Into<String>) -> Finding {
        self.ask = ask.into();
        self
    }

    /// This finding as a deviation the leader allows, for
    /// [`TeamModel::accept`], which checks the reason and the expiry.
    pub fn accepted(&self, reason: &str, expires: NaiveDate, today: NaiveDate) -> AcceptedDeviation {
        AcceptedDeviation {
            key: self.key.clone(),
            tripwire: self.tripwire.clone(),
            team: self.team.clone(),
            subject: self.subject.clone(),
            reason: reason.to_string(),
            accepted_on: today,
            expires,
        }
    }
}

/// Severity from how far past its norm a value is: more than `high_at`
/// times the norm is high, anything past the norm is medium.
pub(crate) fn severity_by_ratio(observed: f64, norm: f64, high_at: f64) -> Severity {
    if norm > 0.0 && observed > norm * high_at {
        Severity::High
    } else {
        Severity::Medium
    }
}

/// "Not enough data": a tripwire could not decide and says so instead of
/// guessing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataGap {
    pub tripwire: String,
    pub team: Option<String>,
    pub subject: String,
    pub reason: String,
    pub evidence: Vec<Evidence>,
}

/// Everything one evaluation produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Deviations to look at, sorted by team, registry order, subject.
    pub findings: Vec<Finding>,
    /// Findings suppressed by an accepted deviation that has not expired.
    pub allowed: Vec<Finding>,
    /// Where a tripwire could not decide.
    pub not_enough_data: Vec<DataGap>,
}

/// What a tripwire writes to.
#[derive(Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    pub gaps: Vec<DataGap>,
}

impl Output {
    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub(crate) fn not_enough_data(
        &mut self,
        ctx: &Context,
        tripwire: &str,
        team: Option<&str>,
        subject: impl Into<String>,
        reason: impl Into<String>,
        rows: impl IntoIterator<Item = RowRef>,
    ) {
        self.gaps.push(DataGap {
            tripwire: tripwire.to_string(),
            team: team.map(str::to_string),
            subject: subject.into(),
            reason: reason.into(),
            evidence: ctx.evidence(rows),
        });
    }
}

/// Read-only inputs plus the indexes several tripwires share.
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    /// Who is on which team and which reviews a PR got, shared with the
    /// views that show the same things.
    pub index: &'a Index<'a>,
    pub model: &'a TeamModel,
    pub today: NaiveDate,
    /// Findings of the `Rows` phase; empty while that phase runs.
    pub prior: &'a [Finding],
    // Lookup-only indexes, hit once or more per row: hashed, not ordered.
    /// The model's teams' norms; every other team has `other_norms`.
    norms_by_team: FastMap<&'a str, Norms>,
    other_norms: Norms,
    /// Keys of accepted deviations active today: a model file may list
    /// thousands, and every finding is looked up.
    allowed: FastSet<&'a str>,
    updates_by_team: ByTeam<'a, TeamUpdate>,
    /// [`Context::unfinished_items`].
    unfinished: Vec<&'a WorkItem>,
}

impl<'a> Context<'a> {
    pub fn new(index: &'a Index<'a>, model: &'a TeamModel, today: NaiveDate) -> Context<'a> {
        let dataset = index.dataset();
        // A team the model does not list runs under the default flavor's
        // norms, whatever its name: no need to read every work item for
        // the names of such teams.
        let norms_by_team = model.teams.keys().map(|team| (team.as_str(), model.norms_for(team))).collect();
        let other_norms = model.norms_for(&unlisted_team_name(model));
        let allowed = model.accepted.iter().filter(|a| a.is_active(today)).map(|a| a.key.as_str()).collect();
        let mut updates_by_team = ByTeam::new(dataset.updates.iter().filter(|u| u.date.is_some_and(|d| d <= today)), |u| &u.team);
        for updates in updates_by_team.groups_mut() {
            updates.sort_by_key(|u| (u.date, u.source));
        }
        let unfinished = dataset.work_items.iter();
        let unfinished = unfinished.filter(|item| matches!(item.category, Some(StatusCategory::Todo | StatusCategory::InProgress))).collect();
        Context { dataset, index, model, today, prior: &[], norms_by_team, other_norms, allowed, updates_by_team, unfinished }
    }

    /// A team's dated updates up to today, oldest first.
    pub fn team_updates(&self, team: &str) -> &[&'a TeamUpdate] {
        self.updates_by_team.of(team)
    }

    /// The work items to do or in progress, in row order: what the
    /// work-item tripwires read, gathered in one pass over every item
    /// rather than one pass each (most items are done).
    pub fn unfinished_items(&self) -> &[&'a WorkItem] {
        &self.unfinished
    }

    /// Whether the user accepted this finding as allowed, as of today
    /// ([`TeamModel::is_allowed`], by index).
    pub fn is_allowed(&self, finding: &Finding) -> bool {
        self.allowed.contains(finding.key.as_str())
    }

    /// The instant this run treats as now (start of `today`, UTC).
    pub fn now(&self) -> NaiveDateTime {
        calendar::as_of_instant(self.today)
    }

    /// What a finding about a work item adds when its status on `today`
    /// is inferred ([`Dataset::as_of`]): empty when it is as exported.
    pub fn status_note(&self) -> String {
        match self.dataset.statuses_approximated_on {
            Some(day) => format!(" (status on {day} approximated from created and resolved dates)"),
            None => String::new(),
        }
    }

    /// Per-team norm lookup: override, else flavor, else default flavor
    /// ([`TeamModel::norms_for`], worked out once per team).
    pub fn norms(&self, team: &str) -> &Norms {
        self.norms_by_team.get(team).unwrap_or(&self.other_norms)
    }

    /// Evidence rows, cited, sorted and de-duplicated.
    pub fn evidence(&self, rows: impl IntoIterator<Item = RowRef>) -> Vec<Evidence> {
        let mut rows: Vec<RowRef> = rows.into_iter().collect();
        rows.sort();
        rows.dedup();
        rows.into_iter().map(|row| Evidence { row, cite: self.dataset.cite(row) }).collect()
    }
}

/// A team name the model does not list, to ask it for the norms of every
/// such team.
fn unlisted_team_name(model: &TeamModel) -> String {
    let mut name = String::from("(unlisted)");
    while model.teams.contains_key(&name) {
        name.push('_');
    }
    name
}

/// A list of names as people write it: `Ana, Ben and Chen`.
pub(crate) fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            format!("{} and {}", init.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join(", "), last.as_ref())
        }
    }
}

/// The non-empty entries of a list cell, trimmed, each once, in order of
/// first appearance: in one pass, as a cell may list thousands of names.
pub(crate) fn distinct_trimmed(values: &[impl AsRef<str>]) -> Vec<&str> {
    let mut seen = FastSet::default();
    values.iter().map(|v| v.as_ref().trim()).filter(|v| !v.is_empty() && seen.insert(*v)).collect()
}

/// How a PR is named in findings: `repo#number`, or `#number` without a repo.
pub(crate) fn pr_label(pr: &PullRequest) -> String {
    if pr.repo.is_empty() {
        format!("#{}", pr.number())
    } else {
        format!("{}#{}", pr.repo, pr.number())
    }
}

/// Who an open PR waits on, as a phrase: `waiting on Ana and Ben`.
pub(crate) fn waiting_on(pr: &PullRequest) -> String {
    if pr.requested_reviewers().is_empty() {
        "no reviewer requested".to_string()
    } else {
        format!("waiting on {}", join_names(pr.requested_reviewers()))
    }
}

/// Runs every registered tripwire. Same inputs, same output, same order.
/// For a caller that has only the dataset; one that builds a snapshot has
/// an [`Index`] to share and calls [`evaluate_report`].
pub fn evaluate(dataset: &Dataset, model: &TeamModel, today: NaiveDate) -> Vec<Finding> {
    evaluate_report(&Index::with_identities(dataset, Bots::new(&model.bots), &model.identities), model, today).findings
}

/// Like [`evaluate`], over an index already built, also returning allowed
/// findings and data gaps. Rows dated after `today` are cut first
/// ([`Dataset::as_of`]), so every tripwire sees the data as it stood then;
/// an index built over an already cut dataset (as the engine's is) is used
/// as it is.
pub fn evaluate_report(index: &Index, model: &TeamModel, today: NaiveDate) -> Report {
    match index.dataset().as_of(today) {
        std::borrow::Cow::Borrowed(_) => evaluate_cut(index, model, today),
        std::borrow::Cow::Owned(cut) => evaluate_cut(&index.same_rules_over(&cut), model, today),
    }
}

/// [`evaluate_report`] over an index whose rows hold nothing dated after
/// `today`: rows cut to `today` or an earlier day ([`Dataset::cut_to`]), as
/// the findings-over-time history's are each week. The same report,
/// without reading every row again to find nothing to cut.
pub fn evaluate_cut_report(index: &Index, model: &TeamModel, today: NaiveDate) -> Report {
    debug_assert!(matches!(index.dataset().as_of(today), std::borrow::Cow::Borrowed(_)), "rows dated after {today}");
    evaluate_cut(index, model, today)
}

/// [`evaluate_report`] over a dataset with nothing after `today`.
fn evaluate_cut(index: &Index, model: &TeamModel, today: NaiveDate) -> Report {
    let mut ctx = Context::new(index, model, today);
    let mut report = Report::default();
    let first = set_aside_accepted_patterns(&ctx, run_phase(&ctx, Phase::Rows, &mut report), &mut report);
    ctx.prior = &first;
    let second = run_phase(&ctx, Phase::Findings, &mut report);
    report.findings = first;
    report.findings.extend(second);
    sort_findings(&mut report.findings);
    sort_findings(&mut report.allowed);
    report.not_enough_data.sort_by(|a, b| {
        (&a.team, registry_position(&a.tripwire), &a.subject).cmp(&(&b.team, registry_position(&b.tripwire), &b.subject))
    });
    report
}

/// Runs one phase; returns the findings still to show, moving accepted
/// ones to `report.allowed`.
fn run_phase(ctx: &Context, phase: Phase, report: &mut Report) -> Vec<Finding> {
    let mut output = Output::default();
    for tripwire in REGISTRY.iter().filter(|t| t.phase == phase) {
        (tripwire.run)(ctx, &mut output);
    }
    report.not_enough_data.append(&mut output.gaps);
    let (allowed, shown): (Vec<Finding>, Vec<Finding>) =
        output.findings.into_iter().partition(|f| ctx.is_allowed(f));
    report.allowed.extend(allowed);
    shown
}

/// Findings that are members of a systemic pattern the leader accepted
/// ([`systemic`]) are allowed with it, before the second phase reads them.
fn set_aside_accepted_patterns(ctx: &Context, findings: Vec<Finding>, report: &mut Report) -> Vec<Finding> {
    let members = systemic::accepted_members(ctx.index, &findings, &ctx.allowed);
    if members.is_empty() {
        return findings;
    }
    let mut shown = Vec::with_capacity(findings.len() - members.len());
    for (at, finding) in findings.into_iter().enumerate() {
        if members.contains(&at) {
            report.allowed.push(finding);
        } else {
            shown.push(finding);
        }
    }
    shown
}

pub(crate) fn registry_position(id: &str) -> usize {
    REGISTRY.iter().position(|t| t.id == id).unwrap_or(usize::MAX)
}

fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.team, registry_position(&a.tripwire), &a.subject, &a.key)
            .cmp(&(&b.team, registry_position(&b.tripwire), &b.subject, &b.key))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_ids_are_unique_and_snake_case() {
        let mut ids: Vec<&str> = REGISTRY.iter().map(|t| t.id).collect();
        assert!(ids.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), REGISTRY.len());
        assert_eq!(REGISTRY.len(), 17);
    }

    #[test]
    fn measures_print_with_units() {
        assert_eq!(Measure::new(7.0, Unit::Days).to_string(), "7 days");
        assert_eq!(Measure::new(82.5, Unit::Percent).to_string(), "82.5%");
        assert_eq!(Measure::new(3.0, Unit::Count).to_string(), "3");
    }

    #[test]
    fn names_join_like_prose() {
        assert_eq!(join_names(&["Ana"]), "Ana");
        assert_eq!(join_names(&["Ana", "Ben", "Chen"]), "Ana, Ben and Chen");
    }

    #[test]
    fn each_team_s_norms_are_the_model_s_whether_or_not_the_model_lists_the_team() {
        use crate::model::{preset_norms, DEFAULT_FLAVOR};
        use crate::testkit::{date, Fixture};
        let mut fx = Fixture::new();
        fx.team("Atlas", "infra");
        fx.team("(unlisted)", "legacy");
        fx.person("Ana Lima", "Borealis", "Software Engineer");
        let mut model = TeamModel::from_dataset(&fx.ds);
        model.teams.get_mut("Atlas").expect("listed").overrides.set_scalar("quiet_days", 11).expect("in bounds");
        // As an imported model made before the roster named Borealis.
        model.teams.remove("Borealis");
        let mut default = preset_norms(DEFAULT_FLAVOR).expect("preset");
        default.quiet_days += 1;
        model.custom_flavors.insert(DEFAULT_FLAVOR.into(), default);
        let index = Index::new(&fx.ds);
        let ctx = Context::new(&index, &model, date("2026-03-02"));
        for team in ["Atlas", "(unlisted)", "Borealis", "Nowhere", crate::dataset::index::NO_TEAM, "", " Atlas"] {
            assert_eq!(*ctx.norms(team), model.norms_for(team), "{team:?}");
        }
        assert_ne!(ctx.norms("Atlas"), ctx.norms("Borealis"));
        assert_ne!(ctx.norms("(unlisted)"), ctx.norms("Borealis"));
    }

    #[test]
    fn evaluating_rows_cut_to_the_day_or_earlier_skips_the_check_and_finds_the_same() {
        use crate::demo::{generate, DemoSize};
        use crate::present::testing::{demo_today, load};
        let files = generate(DemoSize::Small, 7, demo_today());
        let mut dataset = load(&files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect::<Vec<_>>());
        let model = TeamModel::from_dataset(&dataset);
        for (cut_weeks_back, weeks_back) in [(0, 0), (4, 4), (9, 8)] {
            let day = demo_today() - chrono::Duration::weeks(weeks_back);
            dataset.cut_to(demo_today() - chrono::Duration::weeks(cut_weeks_back));
            let index = Index::new(&dataset);
            let report = evaluate_cut_report(&index, &model, day);
            assert_eq!(report, evaluate_report(&index, &model, day), "{day}");
            assert!(!report.findings.is_empty(), "{day}");
        }
    }

    #[test]
    fn an_accepted_finding_is_allowed_through_its_expiry_then_fires_again() {
        use crate::testkit::{date, Fixture};
        let mut fx = Fixture::new();
        fx.team("Atlas", "greenfield");
        fx.role("Atlas", "On-call lead", true, None);
        let today = date("2026-03-02");
        let mut model = TeamModel::from_dataset(&fx.ds);
        let findings = evaluate(&fx.ds, &model, today);
        let gap = findings.iter().find(|f| f.tripwire == "critical_role_gap").expect("fires").clone();
        model.accept(gap.accepted("Req open, start date 2026-03-30", date("2026-03-31"), today)).unwrap();

        let report = evaluate_report(&Index::new(&fx.ds), &model, date("2026-03-31"));
        assert!(report.findings.iter().all(|f| f.key != gap.key));
        assert!(report.allowed.iter().any(|f| f.key == gap.key));
        assert!(evaluate(&fx.ds, &model, date("2026-04-01")).iter().any(|f| f.key == gap.key));

        assert!(evaluate(&fx.ds, &model, date("2026-03-01")).iter().any(|f| f.key == gap.key), "as of the day before it was accepted, it was open");

        assert!(model.revoke(&gap.key));
        assert!(evaluate(&fx.ds, &model, date("2026-03-15")).iter().any(|f| f.key == gap.key));
    }
}
