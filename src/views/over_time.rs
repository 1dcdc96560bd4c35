//! Findings over time: how many findings were open for each team, each
//! group and the whole organisation at the end of each of the last weeks,
//! so a leader can show a team how it drifted.
//!
//! Each week is a full evaluation as of that week's end, through the same
//! as-of path as the page's date control (`Dataset::as_of`, then every
//! tripwire): a week's count is exactly what the Deviations page showed,
//! or would have shown, on that day. The last point is the as-of day
//! itself, so it always equals the open findings the snapshot lists.
//!
//! The weeks are computed one at a time ([`OverTime::step`]) so the worker
//! can stop between two weeks when the page sends something new, and the
//! history is posted after the first snapshot, never before it.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dataset::as_of::{as_of_instant, copied, copied_as};
use crate::dataset::index::review_pr_key;
use crate::dataset::{Bots, Dataset, Index, PrState, PullRequest, Review, StatusCategory, Timestamp, WorkItem};
use crate::hashing::{FastMap, FastSet};
use crate::ingest::Limits;
use crate::model::suggest::HISTORY_DAYS;
use crate::findings;
use crate::model::TeamModel;
use crate::views::table::{number, Table, ToTable};

/// How many weeks the history covers.
pub const WEEKS: usize = 26;

/// The series name of the whole organisation.
pub const ORG: &str = "Whole organisation";

/// What the page's date control shows: which day the snapshot is as of,
/// and what that day's view had to approximate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AsOf {
    /// The local date: the control's "today" and its reset.
    pub today: NaiveDate,
    /// The day chosen, when it is not today.
    pub chosen: Option<NaiveDate>,
    /// Set when rows were cut: work-item statuses on the day are inferred.
    pub note: Option<String>,
}

impl AsOf {
    pub fn new(today: NaiveDate, chosen: Option<NaiveDate>, approximated_on: Option<NaiveDate>) -> AsOf {
        let note = approximated_on.map(|day| {
            format!(
                "As of {day}: rows dated later are left out. Exports keep no status history, so each work item's status on {day} is approximated from created and resolved dates."
            )
        });
        AsOf { today, chosen: chosen.filter(|day| *day != today), note }
    }

    /// The day the snapshot shows.
    pub fn day(&self) -> NaiveDate {
        self.chosen.unwrap_or(self.today)
    }
}

/// Whether the organisation can be looked at as of `day`: not after today
/// (no row can say what is still to come) and not before any plausible
/// export ([`Limits::FIRST_DATE`]).
pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if day > today {
        return Err(format!("{day} is after today ({today}): teamdiff can only look back. Choose today or an earlier day."));
    }
    if day < Limits::FIRST_DATE {
        return Err(format!("{day} is before {}, earlier than any export holds work. Choose a later day.", Limits::FIRST_DATE));
    }
    Ok(())
}

/// A day as the date control gives it (`YYYY-MM-DD`), checked.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date: write it as YYYY-MM-DD, e.g. {today}."))?;
    check_day(day, today)?;
    Ok(day)
}

/// Open findings per week, oldest week first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub open: Vec<u32>,
}

impl Series {
    pub fn latest(&self) -> Option<u32> {
        self.open.last().copied()
    }
}

/// The history the page charts: the same weeks for every series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingsOverTime {
    /// The as-of day the history ends on (the snapshot's `today`).
    pub day: NaiveDate,
    /// Each week's evaluation day, oldest first; the last is `day`.
    pub weeks: Vec<NaiveDate>,
    pub org: Series,
    /// Per group of teams, when the teams are grouped; by name.
    #[serde(default)]
    pub groups: Vec<Series>,
    /// Per team, by name: every team the dataset knows, including those
    /// without findings (a flat zero line is news too), and the teams of
    /// findings no team owns (`(organisation)`).
    pub teams: Vec<Series>,
}

impl FindingsOverTime {
    pub fn team(&self, team: &str) -> Option<&Series> {
        self.teams.iter().find(|s| s.name == team)
    }

    pub fn group(&self, group: &str) -> Option<&Series> {
        self.groups.iter().find(|s| s.name == group)
    }
}

/// One series of the history as a chart draws it: a line of open findings
/// over the weeks, labelled by each week's day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverTimeChart {
    pub title: String,
    /// Each week's day, `MM-DD`, oldest first; the table has the full dates.
    pub labels: Vec<String>,
    pub days: Vec<NaiveDate>,
    pub open: Vec<u32>,
    /// Why there is no line yet (the history is still being computed).
    pub pending: Option<String>,
}

impl OverTimeChart {
    /// The chart before its history has arrived.
    pub fn pending(title: &str) -> OverTimeChart {
        OverTimeChart { title: title.to_string(), pending: Some("Computing findings over time…".to_string()), ..OverTimeChart::default() }
    }
}

impl FindingsOverTime {
    /// The chart of one of this history's series.
    pub fn chart(&self, series: &Series) -> OverTimeChart {
        OverTimeChart {
            title: format!("Open findings per week: {}", series.name),
            labels: self.weeks.iter().map(|d| d.format("%m-%d").to_string()).collect(),
            days: self.weeks.clone(),
            open: series.open.clone(),
            pending: None,
        }
    }
}

impl ToTable for OverTimeChart {
    fn to_table(&self) -> Table {
        let mut table = Table::new(self.title.clone(), &["Week ending", "Open findings"]);
        table.rows = self.days.iter().zip(&self.open).map(|(day, open)| vec![day.to_string(), number(f64::from(*open))]).collect();
        table
    }
}

/// The days the history evaluates, oldest first: `day` and the same
/// weekday of each earlier week.
pub fn week_ends(day: NaiveDate, weeks: usize) -> Vec<NaiveDate> {
    (0..weeks).rev().map(|back| day - Duration::weeks(back as i64)).collect()
}

/// A history being computed one week at a time, newest week first: each
/// week's dataset is cut in place from the week after's
/// ([`Dataset::cut_to`]), so no week copies a row.
pub struct OverTime<'a> {
    model: &'a TeamModel,
    /// Which group each team is in (`team → group`); empty while teams are
    /// not grouped. The seam where a group lookup plugs in.
    groups: BTreeMap<String, String>,
    /// The rows as of the last week evaluated.
    working: Dataset,
    weeks: Vec<NaiveDate>,
    teams: Vec<String>,
    /// Per week evaluated so far, newest first: open findings per team,
    /// and in all.
    done: Vec<(BTreeMap<String, u32>, u32)>,
}

impl<'a> OverTime<'a> {
    pub fn new(dataset: &Dataset, model: &'a TeamModel, groups: BTreeMap<String, String>, day: NaiveDate) -> OverTime<'a> {
        let weeks = week_ends(day, WEEKS);
        OverTime { model, groups, working: working_copy(dataset, weeks[0]), teams: dataset.team_names(), weeks, done: Vec::new() }
    }

    /// Evaluates the next week (going back); `false` once every week is done.
    pub fn step(&mut self) -> bool {
        let Some(&week) = self.weeks.iter().rev().nth(self.done.len()) else { return false };
        self.working.cut_to(week);
        let index = Index::with_identities(&self.working, Bots::new(&self.model.bots), &self.model.identities);
        let report = findings::evaluate_cut_report(&index, self.model, week);
        let mut per_team: BTreeMap<String, u32> = BTreeMap::new();
        for finding in &report.findings {
            *per_team.entry(finding.team.clone()).or_default() += 1;
        }
        self.done.push((per_team, report.findings.len() as u32));
        true
    }

    /// Every week at once.
    pub fn run(mut self) -> FindingsOverTime {
        while self.step() {}
        self.finish()
    }

    /// The history of the weeks evaluated (all of them, after [`run`](Self::run)).
    pub fn finish(self) -> FindingsOverTime {
        let done: Vec<&(BTreeMap<String, u32>, u32)> = self.done.iter().rev().collect();
        let weeks = self.weeks[self.weeks.len() - done.len()..].to_vec();
        let series_of = |name: &str, count: &dyn Fn(&BTreeMap<String, u32>) -> u32| Series {
            name: name.to_string(),
            open: done.iter().map(|(per_team, _)| count(per_team)).collect(),
        };
        // Every team the files name, and the findings' own teams besides
        // (`(organisation)`, `(not on roster)`), each once, by name.
        let mut names: Vec<&String> = self.teams.iter().chain(done.iter().flat_map(|(per_team, _)| per_team.keys())).collect();
        names.sort();
        names.dedup();
        let teams: Vec<Series> = names.into_iter().map(|team| series_of(team, &|per| per.get(team).copied().unwrap_or(0))).collect();
        let mut group_names: Vec<&String> = self.groups.values().collect();
        group_names.sort();
        group_names.dedup();
        let groups = group_names
            .into_iter()
            .map(|group| {
                let members: Vec<&String> = self.groups.iter().filter(|(_, g)| *g == group).map(|(team, _)| team).collect();
                series_of(group, &|per| members.iter().filter_map(|team| per.get(*team)).sum())
            })
            .collect();
        let org = Series { name: ORG.to_string(), open: done.iter().map(|(_, all)| *all).collect() };
        FindingsOverTime { day: self.weeks.last().copied().unwrap_or_default(), weeks, org, groups, teams }
    }
}

/// The rows the history needs, copied once. Left out are rows no week's
/// tripwires can tell from the rows kept (the test below checks the counts
/// against a full evaluation of every week):
/// * work items done before the first week: done in every week, and no
///   tripwire reads done items;
/// * pull requests created more than [`HISTORY_DAYS`] before the first
///   week and merged or closed before it ("settled": closed in every week,
///   outside every review window), except what `quiet_contributor` reads
///   of them: the first PR (where the history starts), each author's last
///   settled merge and whatever they opened from then on;
/// * reviews no kept PR can be matched with.
///
/// At 2,000 people that leaves about a third of two years' rows.
fn working_copy(dataset: &Dataset, first_week: NaiveDate) -> Dataset {
    let first_now = as_of_instant(first_week);
    let done_before = |item: &&WorkItem| item.category == Some(StatusCategory::Done) && item.resolved.is_none_or(|r| r <= first_now);
    let old = first_now - Duration::days(HISTORY_DAYS);
    let settled = |pr: &PullRequest| {
        pr.created.is_some_and(|c| c < old) && pr.state != PrState::Open && pr.merged.or(pr.closed).is_some_and(|at| at <= first_now)
    };
    // Each author's last settled merge: anything they opened before it
    // is out of quiet_contributor's sight in every week.
    let mut last_settled_merge: FastMap<&str, Timestamp> = FastMap::default();
    for pr in dataset.pull_requests.iter().filter(|pr| settled(pr)) {
        if let Some(merged) = pr.merged {
            let last = last_settled_merge.entry(pr.author.as_str()).or_insert(merged);
            *last = (*last).max(merged);
        }
    }
    let first_created = dataset.pull_requests.iter().filter_map(|pr| pr.created).min();
    let needed = |pr: &PullRequest| {
        !settled(pr)
            || pr.created == first_created
            || last_settled_merge.get(pr.author.as_str()).is_none_or(|last| pr.merged == Some(*last) || pr.created.is_some_and(|c| c >= *last))
    };
    // Without titles: the history counts findings, and no tripwire reads one.
    let pull_requests = copied_as(&dataset.pull_requests, |pr| needed(pr), PullRequest::without_title);
    // A review names its PR by number or `repo#number` (dataset::index):
    // looked up by borrowed keys, not one formatted string per PR.
    let numbers: FastSet<&str> = pull_requests.iter().map(|pr| pr.number()).collect();
    let qualified: FastSet<(&str, &str)> = pull_requests.iter().map(|pr| (pr.repo.as_str(), pr.number())).collect();
    let of_a_kept_pr = |review: &Review| {
        let key = review_pr_key(review);
        numbers.contains(key) || key.match_indices('#').any(|(at, _)| qualified.contains(&(&key[..at], &key[at + 1..])))
    };
    let reviews = copied(&dataset.reviews, of_a_kept_pr);
    let Dataset {
        files,
        teams,
        people,
        roles,
        pull_requests: _,
        reviews: _,
        work_items,
        stakeholders,
        updates,
        decisions,
        key_results,
        postmortem_actions,
        design_docs,
        interventions,
        statuses_approximated_on,
    } = dataset;
    Dataset {
        files: files.clone(),
        teams: teams.clone(),
        people: people.clone(),
        roles: roles.clone(),
        pull_requests,
        reviews,
        work_items: copied_as(work_items, |item| !done_before(&item), WorkItem::without_title),
        stakeholders: stakeholders.clone(),
        updates: updates.clone(),
        decisions: decisions.clone(),
        key_results: key_results.clone(),
        postmortem_actions: postmortem_actions.clone(),
        design_docs: design_docs.clone(),
        interventions: interventions.clone(),
        statuses_approximated_on: *statuses_approximated_on,
    }
}

impl ToTable for FindingsOverTime {
    /// One row per week: the organisation, then each group's count.
    fn to_table(&self) -> Table {
        let mut headers = vec!["Week ending".to_string(), ORG.to_string()];
        headers.extend(self.groups.iter().map(|g| g.name.clone()));
        let rows = self
            .weeks
            .iter()
            .enumerate()
            .map(|(i, week)| {
                let mut row = vec![week.to_string(), number(f64::from(self.org.open[i]))];
                row.extend(self.groups.iter().map(|g| number(f64::from(g.open[i]))));
                row
            })
            .collect();
        Table { caption: "Open findings at the end of each week".to_string(), headers, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate, DemoSize};
    use crate::present::testing::{demo_today, load};

    fn demo(size: DemoSize) -> (Dataset, TeamModel) {
        let files = generate(size, 7, demo_today());
        let dataset = load(&files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect::<Vec<_>>());
        let model = TeamModel::from_dataset(&dataset);
        (dataset, model)
    }

    #[test]
    fn each_week_counts_what_a_full_evaluation_as_of_that_week_finds() {
        let (dataset, model) = demo(DemoSize::Medium);
        let groups: BTreeMap<String, String> =
            dataset.team_names().into_iter().enumerate().map(|(i, team)| (team, format!("Group {}", i % 3))).collect();
        // Months after the export too, where the working copy leaves out
        // settled PRs and their reviews, and done items.
        let later = demo_today() + Duration::weeks(30);
        let pruned = working_copy(&dataset, week_ends(later, WEEKS)[0]);
        assert!(pruned.pull_requests.len() < dataset.pull_requests.len() / 2, "{} of {}", pruned.pull_requests.len(), dataset.pull_requests.len());
        assert!(pruned.reviews.len() < dataset.reviews.len() && pruned.work_items.len() < dataset.work_items.len());
        let history = OverTime::new(&dataset, &model, groups.clone(), later).run();
        for (i, week) in history.weeks.iter().enumerate() {
            let found = findings::evaluate(&dataset, &model, *week);
            assert_eq!(history.org.open[i], found.len() as u32, "{week}");
            for series in &history.teams {
                assert_eq!(series.open[i], found.iter().filter(|f| f.team == series.name).count() as u32, "{week} {}", series.name);
            }
        }

        let history = OverTime::new(&dataset, &model, groups.clone(), demo_today()).run();
        assert_eq!(history.weeks, week_ends(demo_today(), WEEKS));
        assert_eq!(history.weeks.len(), WEEKS);
        assert_eq!(*history.weeks.last().unwrap(), demo_today());
        assert_eq!((history.weeks[1] - history.weeks[0]).num_days(), 7);
        for (i, week) in history.weeks.iter().enumerate() {
            let found = findings::evaluate(&dataset, &model, *week);
            assert_eq!(history.org.open[i], found.len() as u32, "{week}");
            for series in &history.teams {
                assert_eq!(series.open[i], found.iter().filter(|f| f.team == series.name).count() as u32, "{week} {}", series.name);
            }
            let grouped: u32 = history.groups.iter().map(|g| g.open[i]).sum();
            assert_eq!(grouped, found.iter().filter(|f| groups.contains_key(&f.team)).count() as u32, "{week}");
        }
        assert_eq!(history.groups.len(), 3);
        assert!(history.org.open.iter().any(|n| *n != history.org.open[0]), "the demo drifts: {:?}", history.org.open);
        assert!(history.teams.len() >= dataset.team_names().len());
        assert!(history.team(findings::ORGANISATION).is_some(), "stakeholder findings have their own line");
    }

    #[test]
    fn the_history_can_stop_between_weeks_and_shows_the_weeks_done() {
        let (dataset, model) = demo(DemoSize::Small);
        let mut partial = OverTime::new(&dataset, &model, BTreeMap::new(), demo_today());
        assert!(partial.step() && partial.step());
        let history = partial.finish();
        assert_eq!(history.weeks, week_ends(demo_today(), 2), "the newest two weeks");
        assert_eq!(history.org.open[1], findings::evaluate(&dataset, &model, demo_today()).len() as u32);
        assert!(history.groups.is_empty(), "no groups until teams are grouped");
        let table = history.to_table();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.headers, ["Week ending", ORG]);
    }

    #[test]
    fn an_old_last_merge_left_out_of_the_working_copy_would_change_the_count() {
        use crate::testkit::{date, ts, Fixture};
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        fx.person("Ben Okafor", "Rockets", "Software Engineer");
        fx.merged_pr("1", "Ben Okafor", "2025-01-01 10:00", "2025-01-02 10:00");
        // Ana's last merge is long settled; so is the PR she opened after it,
        // and one before it that no week can tell apart.
        fx.merged_pr("0", "Ana Lima", "2025-03-01 10:00", "2025-03-02 10:00");
        fx.merged_pr("2", "Ana Lima", "2025-06-01 10:00", "2025-06-03 10:00");
        fx.merged_pr("3", "Ana Lima", "2025-06-10 10:00", "2025-06-12 10:00").merged = None;
        fx.ds.pull_requests[3].state = PrState::Closed;
        fx.merged_pr("4", "Ben Okafor", "2026-02-20 10:00", "2026-02-21 10:00");
        fx.review("4", "Ana Lima", ts("2026-02-20 12:00"));
        let mut model = TeamModel::from_dataset(&fx.ds);
        // 200 quiet days: Ana turns quiet within the half year shown.
        model.teams.get_mut("Rockets").unwrap().overrides.set_scalar("quiet_days", 200).unwrap();
        let day = date("2026-03-02");
        let pruned = working_copy(&fx.ds, week_ends(day, WEEKS)[0]);
        let kept: Vec<&str> = pruned.pull_requests.iter().map(|pr| pr.number()).collect();
        assert_eq!(kept, ["1", "2", "3", "4"], "the first PR, Ana's last merge and what she opened after it stay");
        let history = OverTime::new(&fx.ds, &model, BTreeMap::new(), day).run();
        let expected: Vec<u32> = history.weeks.iter().map(|w| findings::evaluate(&fx.ds, &model, *w).len() as u32).collect();
        assert_eq!(history.org.open, expected);
        assert!(expected.iter().any(|n| *n > expected[0]), "Ana turns quiet on the way: {expected:?}");

        // Reviews name their PR by number, `#number` or `repo#number`
        // (the fixture's repo is `app`); only those of kept PRs are copied.
        for key in ["app#2", "#3", "app#0", "#0", "other#4", "ap#p#4"] {
            fx.review(key, "Ben Okafor", ts("2025-06-20 12:00"));
        }
        let pruned = working_copy(&fx.ds, week_ends(day, WEEKS)[0]);
        let reviews: Vec<&str> = pruned.reviews.iter().map(|r| r.pr.as_str()).collect();
        assert_eq!(reviews, ["4", "app#2", "#3"]);
    }
}
