//! The presentation layer: everything the page is sent, and everything it
//! exports, assembled from the engine's state at the end of a message.
//!
//! * [`snapshot`] builds the [`Snapshot`] (and [`overview`] the per-file
//!   [`Overview`]): the view-models of every page, with real names, then,
//!   in presenter mode, one pass of [`presenter`] over all of it with one
//!   pseudonymiser. Nothing before this layer knows presenter mode, and
//!   nothing after it sees a real name while it is on.
//! * [`analysis`]: the Deviations, digest and Leadership view-models.
//! * [`charts`]: the one registry of charts, drawn from the snapshot's
//!   view-models for the pages, the report and the tests.
//! * [`report`] and [`findings_csv`]: the exports, made from a snapshot
//!   only, so they show exactly what the page shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Bots, Dataset, FileReport, Index};
use crate::findings::{DataGap, Finding};
use crate::ingest::UserMapping;
use crate::model::{self, ModelNote, NormSuggestion, TeamModel};
use crate::review::{Changes, Review};
use crate::views::report::{Report, ReportSection};
use crate::views::stakeholders::{stakeholder_grid, StakeholderGrid};
use crate::views::over_time::{AsOf, FindingsOverTime};
use crate::views::{self, FindingRow};

pub mod analysis;
pub mod changes;
pub mod charts;
pub mod presenter;
pub mod privacy;

pub use privacy::{PersonNames, Presenter, Pseudonymizer};

/// What the Load page shows: what each file held, the headline counts and
/// the first chart. Cheap to compute, so it is posted after every file of a
/// drop rather than waiting for the tripwires over the whole organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub files: Vec<FileReport>,
    pub summary: views::Summary,
    pub merged_per_week: views::WeeklySeries,
}

/// Everything the page shows, computed in the worker. The open findings
/// travel once, as `analysis.findings`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub overview: Overview,
    pub analysis: analysis::Analysis,
    /// The model as edited so far; the Model page shows and exports it. In
    /// presenter mode its accepted deviations are pseudonymised like
    /// everything else, so the page neither exports nor remembers it then.
    #[serde(default)]
    pub model: TeamModel,
    /// What `teams.csv` said that the model could not take as written.
    #[serde(default)]
    pub model_notes: Vec<ModelNote>,
    /// Norms proposed from each team's own history; empty unless asked for
    /// with `Request::ShowSuggestions`.
    #[serde(default)]
    pub suggestions: Vec<NormSuggestion>,
    #[serde(default)]
    pub suggesting: bool,
    /// Column mappings the user asked to remember, by header signature.
    #[serde(default)]
    pub mappings: Vec<UserMapping>,
    /// The power-interest grid as the files rate everyone; the workshop's
    /// re-ratings are applied on the page (`StakeholderGrid::re_rated`).
    #[serde(default)]
    pub stakeholders: StakeholderGrid,
    /// The demo organisation is loaded: its model is not the user's, so the
    /// page does not remember it on the device over the user's own.
    #[serde(default)]
    pub demo: bool,
    /// What changed since the saved review the user dropped, if any.
    #[serde(default)]
    pub changes: Option<Changes>,
    /// Which day the snapshot is as of, for the page's date control.
    #[serde(default)]
    pub as_of: AsOf,
    /// Open findings per week. Never built with the snapshot: the worker
    /// posts it after (`Event::FindingsOverTime`) and the page sets it here,
    /// so the report and the charts read it like any other view.
    #[serde(default)]
    pub findings_over_time: Option<FindingsOverTime>,
    /// Names in the files that match nobody on the roster, with suggested
    /// matches, and the matches the user confirmed (the Load page).
    #[serde(default)]
    pub identities: views::identities::IdentitiesView,
    /// Per team: which inputs are loaded, over which dates, and which
    /// tripwires had not enough data (the Model page).
    #[serde(default)]
    pub coverage: views::coverage::CoverageView,
}

/// What a snapshot is made of: the engine's state at the end of a message.
pub struct State<'a> {
    /// The dataset and its index, built once for the whole snapshot.
    pub index: &'a Index<'a>,
    pub model: &'a TeamModel,
    pub model_notes: &'a [ModelNote],
    /// One run of every tripwire over `dataset` and `model`.
    pub findings: &'a [Finding],
    /// The same run's "not enough data" notes.
    pub gaps: &'a [DataGap],
    pub today: NaiveDate,
    pub presenter: Presenter,
    /// Norm suggestions were asked for.
    pub suggesting: bool,
    pub mappings: &'a [UserMapping],
    pub demo: bool,
    /// A saved review the user dropped, with its file name: the snapshot
    /// then says what changed since.
    pub saved_review: Option<(&'a str, &'a Review)>,
    /// Views kept from the last snapshot, reused while `RowsStamp` says
    /// the rows they read are the same ([`Reuse`]); `None` builds them all.
    pub reuse: Option<(&'a Reuse, RowsStamp)>,
}

/// What the rows behind a snapshot were: the dataset's version (the
/// engine counts every change to it), the day it was cut to, and the
/// rules the index applies to names. Equal stamps mean the same index.
#[derive(Clone, Debug, PartialEq)]
pub struct RowsStamp {
    /// Bumped by the engine whenever its dataset changes.
    pub dataset_version: u64,
    /// The dataset's shape, as a second guard on the version: its files
    /// and how many rows each kind holds.
    pub files: usize,
    pub rows: [usize; 4],
    pub today: NaiveDate,
    /// The day the rows were cut to (as-of).
    pub day: NaiveDate,
    pub bots: Vec<String>,
    /// The model's confirmed identities.
    pub identities: std::collections::BTreeMap<String, String>,
}

impl RowsStamp {
    pub fn new(dataset_version: u64, dataset: &Dataset, today: NaiveDate, day: NaiveDate, model: &TeamModel) -> RowsStamp {
        let d = dataset;
        RowsStamp {
            dataset_version,
            files: d.files.len(),
            rows: [d.people.len(), d.pull_requests.len(), d.reviews.len(), d.work_items.len()],
            today,
            day,
            bots: model.bots.clone(),
            identities: model.identities.clone(),
        }
    }
}

/// The views of a snapshot that read only the rows, kept for the next
/// snapshot: a request that changes a norm, accepts a deviation or turns
/// presenter mode on rebuilds the tripwires and what depends on them, not
/// the overview, identities and coverage of a 1.5-million-row org. Filled
/// and checked by [`snapshot`]; anything whose [`RowsStamp`] differs is
/// built afresh. Real names only: the presenter pass runs after.
#[derive(Default)]
pub struct Reuse {
    kept: std::cell::RefCell<Option<Kept>>,
}

#[cfg(test)]
thread_local! {
    /// How many views [`Reuse`] had to build, so a test can hold it down.
    pub static REUSE_MISSES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[derive(Default)]
struct Kept {
    stamp: Option<RowsStamp>,
    overview: Option<Overview>,
    people_resolved: Option<usize>,
    identities: Option<views::identities::IdentitiesView>,
    /// Coverage also reads the model's teams and the tripwires' data gaps.
    coverage: Option<(Vec<String>, Vec<DataGap>, views::coverage::CoverageView)>,
    pseudonyms: Option<std::rc::Rc<Pseudonymizer>>,
}

impl Reuse {
    /// The kept value `slot` picks when it was made for `stamp` and
    /// `fits` it, else `make`'s, kept for next time.
    fn get_or<T: Clone>(
        reuse: Option<&(&Reuse, RowsStamp)>,
        slot: fn(&mut Kept) -> &mut Option<T>,
        fits: impl FnOnce(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> T {
        let Some((reuse, stamp)) = reuse else { return make() };
        {
            let mut kept = reuse.kept.borrow_mut();
            let kept = kept.get_or_insert_with(Kept::default);
            if kept.stamp.as_ref() != Some(stamp) {
                *kept = Kept { stamp: Some(stamp.clone()), ..Kept::default() };
            }
            if let Some(value) = slot(kept).as_ref().filter(|value| fits(value)) {
                return value.clone();
            }
        }
        #[cfg(test)]
        REUSE_MISSES.with(|misses| misses.set(misses.get() + 1));
        let value = make();
        *slot(reuse.kept.borrow_mut().get_or_insert_with(Kept::default)) = Some(value.clone());
        value
    }

    /// Forgets everything kept (the next snapshot builds every view).
    pub fn clear(&self) {
        self.kept.replace(None);
    }
}

impl<'a> State<'a> {
    /// A dataset and its model alone: no notes, suggestions or mappings,
    /// presenter mode off.
    pub fn of(index: &'a Index<'a>, model: &'a TeamModel, findings: &'a [Finding], today: NaiveDate) -> State<'a> {
        State {
            index,
            model,
            model_notes: &[],
            findings,
            gaps: &[],
            today,
            presenter: Presenter::Off,
            suggesting: false,
            mappings: &[],
            demo: false,
            saved_review: None,
            reuse: None,
        }
    }
}

/// The Load page's overview with real names; [`snapshot`] and
/// [`presented_overview`] present it.
pub fn overview(dataset: &Dataset, bots: &Bots, today: NaiveDate) -> Overview {
    Overview {
        files: dataset.files.clone(),
        summary: views::summary(dataset, bots),
        merged_per_week: views::merged_per_week(dataset, today),
    }
}

/// An overview as the page may show it on its own (after a large file of a
/// drop), pseudonymised in presenter mode. `names`: the drop's names so
/// far, brought up to date here only when they are needed.
pub fn presented_overview(mut overview: Overview, dataset: &Dataset, presenter: Presenter, names: &mut PersonNames) -> Overview {
    if presenter.is_on() {
        names.update(dataset);
        presenter::pseudonymise_overview(&mut overview, &names.pseudonymizer());
    }
    overview
}

/// The snapshot of `state`. `overview`: [`overview`] of the same dataset
/// and day, when one was just built for a drop; real names, like the rest
/// of the snapshot until the one presenter pass at the end.
pub fn snapshot(state: &State, overview: Option<Overview>) -> Snapshot {
    let State { index, model, today, .. } = *state;
    let dataset = index.dataset();
    let reuse = state.reuse.as_ref();
    let overview = match overview {
        // Not kept: a drop's overview counts every row, not the rows as of
        // the day, which the requests after it count.
        Some(overview) => overview,
        None => Reuse::get_or(reuse, |k| &mut k.overview, |_| true, || self::overview(dataset, index.bots(), today)),
    };
    let teams: Vec<String> = model.teams.keys().cloned().collect();
    let coverage = Reuse::get_or(
        reuse,
        |k| &mut k.coverage,
        |(kept_teams, kept_gaps, _)| *kept_teams == teams && kept_gaps.as_slice() == state.gaps,
        || (teams.clone(), state.gaps.to_vec(), views::coverage::coverage(index, model.teams.keys().map(String::as_str), state.gaps)),
    )
    .2;
    let mut snapshot = Snapshot {
        today,
        overview,
        analysis: analysis::analyse(index, model, state.findings, today),
        model: model.clone(),
        model_notes: state.model_notes.to_vec(),
        suggestions: if state.suggesting { model::suggest_norms(index, model, today) } else { Vec::new() },
        suggesting: state.suggesting,
        mappings: state.mappings.to_vec(),
        stakeholders: stakeholder_grid(dataset, today, &model.stakeholder_cadence, &Default::default()),
        demo: state.demo,
        changes: state.saved_review.map(|(name, saved)| {
            crate::review::changes(saved, name, &Review::of(index, model, state.findings, today, Some(saved)))
        }),
        as_of: AsOf { today, ..AsOf::default() },
        findings_over_time: None,
        identities: Reuse::get_or(reuse, |k| &mut k.identities, |_| true, || views::identities::identities(index, &model.identities)),
        coverage,
    };
    // The overview counts names as written (it is posted during a drop,
    // before any index exists); where one person has several names, count
    // people.
    if index.resolves_aliases() {
        snapshot.overview.summary.people =
            Reuse::get_or(reuse, |k| &mut k.people_resolved, |_| true, || views::summary::distinct_people_resolved(index));
    }
    if state.presenter.is_on() {
        let pseudonyms =
            Reuse::get_or(reuse, |k| &mut k.pseudonyms, |_| true, || std::rc::Rc::new(Pseudonymizer::for_dataset(dataset)));
        // People who have left since the saved review are in no file now.
        match state.saved_review {
            Some((_, saved)) => presenter::pseudonymise(&mut snapshot, &pseudonyms.extended(saved.names())),
            None => presenter::pseudonymise(&mut snapshot, &pseudonyms),
        }
    }
    snapshot
}

/// The pseudonyms presenter mode shows `dataset`'s names as; `None` with
/// it off, when the page shows real names.
pub fn pseudonyms_for(dataset: &Dataset, presenter: Presenter) -> Option<Pseudonymizer> {
    presenter.is_on().then(|| Pseudonymizer::for_dataset(dataset))
}

/// Findings over time as the page may show it: series are named by team
/// and group, which can hold a person's name, so presenter mode
/// (`pseudonyms`, from [`pseudonyms_for`]) scrubs them.
pub fn presented_history(mut history: FindingsOverTime, pseudonyms: Option<&Pseudonymizer>) -> FindingsOverTime {
    if let Some(pseudonyms) = pseudonyms {
        for series in history.teams.iter_mut().chain(&mut history.groups) {
            series.name = pseudonyms.scrub(&series.name);
        }
    }
    history
}

/// The real key of the finding or accepted deviation the page names by
/// `shown`: in presenter mode (`pseudonyms`, from [`pseudonyms_for`]) the
/// page only knows pseudonymised keys, and pseudonyms are distinct, so a
/// shown key still names one.
pub fn real_key<'k>(pseudonyms: Option<&Pseudonymizer>, keys: impl IntoIterator<Item = &'k str>, shown: &str) -> Option<&'k str> {
    keys.into_iter().find(|key| *key == shown || pseudonyms.is_some_and(|p| p.scrub(key) == shown))
}

/// Title of the HTML report.
pub const REPORT_TITLE: &str = "teamdiff: deviations from the team model";

/// The Deviations page as a self-contained HTML report: its findings and
/// `sections`, its charts as the page drew them (see
/// [`charts::sections`]). Names are the snapshot's, so in presenter mode
/// the report says so and names nobody.
pub fn report(snapshot: &Snapshot, sections: Vec<ReportSection>) -> String {
    views::report::html(&Report {
        title: REPORT_TITLE.into(),
        as_of: snapshot.today,
        presenter: snapshot.analysis.presenter,
        summary: snapshot.overview.summary.clone(),
        sections,
        findings: finding_rows(snapshot),
        changed: snapshot.changes.as_ref().map(changes::section),
    })
}

/// The open findings as CSV, as the page lists them.
pub fn findings_csv(snapshot: &Snapshot) -> String {
    views::export::findings_csv(&finding_rows(snapshot))
}

fn finding_rows(snapshot: &Snapshot) -> Vec<FindingRow> {
    snapshot.analysis.findings.iter().map(|f| f.row.clone()).collect()
}

/// What the tests of this layer share: snapshots of fixture orgs, built as
/// the engine builds them, without the engine (which sits above).
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::demo::{generate, DemoSize};
    use crate::ingest::{ingest_file, IngestOptions};
    use crate::testkit::orgs as synthetic;

    /// The snapshot of a dataset with the model it implies and no findings.
    pub fn snapshot_of(dataset: &Dataset, presenter: Presenter) -> Snapshot {
        let model = TeamModel::from_dataset(dataset);
        snapshot(&State { presenter, ..State::of(&Index::new(dataset), &model, &[], synthetic::today()) }, None)
    }

    pub fn demo_today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    pub fn load(files: &[(&str, &[u8])]) -> Dataset {
        let mut dataset = Dataset::default();
        for (name, bytes) in files {
            ingest_file(&mut dataset, name, bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        dataset
    }

    /// The app's demo (`Request::LoadDemo`): its dataset, model and snapshot.
    pub fn demo(presenter: Presenter) -> (Dataset, TeamModel, Snapshot) {
        let files = generate(DemoSize::Small, 7, demo_today());
        let dataset = load(&files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect::<Vec<_>>());
        let model = TeamModel::from_dataset(&dataset);
        let found = crate::findings::evaluate(&dataset, &model, demo_today());
        let mut snapshot = snapshot(&State { presenter, ..State::of(&Index::new(&dataset), &model, &found, demo_today()) }, None);
        // As the page has it once the worker's history is in.
        let history = crate::views::over_time::OverTime::new(&dataset, &model, Default::default(), demo_today()).run();
        snapshot.findings_over_time = Some(presented_history(history, pseudonyms_for(&dataset, presenter).as_ref()));
        (dataset, model, snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::charts::tests::REPORT_ELEMENTS;
    use super::charts::{sections, Page, CHARTS};
    use super::testing::{demo, load, snapshot_of};
    use super::*;
    use crate::charts::svg_check::{injected_among, OWN_ELEMENTS};
    use crate::findings::{Evidence, Severity};
    use crate::views::markup::is_xml_char;
    use crate::testkit::orgs::{self as synthetic, HOSTILE_LABELS};

    fn every_chart(snapshot: &Snapshot) -> Vec<ReportSection> {
        CHARTS.iter().map(|c| c.section(snapshot)).collect()
    }

    /// A finding about `who`, naming them in its free text too.
    fn finding_about(who: &str, team: &str) -> Finding {
        let mut finding = Finding::draft("quiet_contributor", team, format!("PR by {who}")).person(who).severity(Severity::High);
        finding.evidence = vec![Evidence { row: Default::default(), cite: format!("{who}-prs.csv:2") }];
        finding.why(format!("{who} has not merged for 20 days.")).ask(format!("What is {who} spending time on?"))
    }

    fn hostile_row(who: &str) -> FindingRow {
        FindingRow {
            tripwire: "quiet_contributor".into(),
            team: HOSTILE_LABELS[1].into(),
            subject: HOSTILE_LABELS[2].into(),
            person: Some(who.into()),
            severity: "=cmd|' /C calc'!A0".into(),
            norm: "7 days".into(),
            observed: "20 days".into(),
            evidence: vec![HOSTILE_LABELS[3].into()],
            why: format!("{who} has not merged for 20 days. {}", HOSTILE_LABELS[4]),
            ask: format!("What is {who} spending time on?"),
        }
    }

    #[test]
    fn the_report_has_no_script_and_no_injected_markup() {
        let mut snapshot = snapshot_of(&synthetic::hostile_org(), Presenter::Off);
        snapshot.analysis.findings = vec![analysis::ShownFinding { key: "k".into(), row: hostile_row(HOSTILE_LABELS[0]) }];
        let report = report(&snapshot, every_chart(&snapshot));
        let mut allowed: Vec<&str> = REPORT_ELEMENTS.to_vec();
        allowed.extend(OWN_ELEMENTS);
        assert_eq!(injected_among(&report, &allowed), Vec::<String>::new());
        assert!(!report.to_lowercase().contains("<script"));
        assert!(report.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(report.contains("Ask: What is &lt;img src=x onerror=alert(1)&gt; spending time on?"));
        let forbidden: Vec<char> = report.chars().filter(|c| !is_xml_char(*c)).collect();
        assert!(forbidden.is_empty(), "characters XML forbids in the report: {forbidden:?}");
        assert!(report.contains("Zoë&amp;amp;]]&gt;＝1"), "the rest of the label stays, escaped");
        assert!(findings_csv(&snapshot).contains("'=cmd|"));
    }

    /// Names reach the snapshot through every builder and through findings
    /// (person, subject, free text in any case, the cited file's name).
    #[test]
    fn presenter_mode_leaves_no_real_name_in_any_chart_table_or_report() {
        let d = synthetic::small_org();
        let people: Vec<String> = privacy::person_names(&d).into_iter().map(String::from).collect();
        assert!(people.len() > 12);
        let model = TeamModel::from_dataset(&d);
        let found = [finding_about(&people[0], &d.people[0].team), finding_about(&people[5].to_uppercase(), &d.people[5].team)];
        let snapshot = super::snapshot(&State { presenter: Presenter::On, ..State::of(&Index::new(&d), &model, &found, synthetic::today()) }, None);
        let sections = every_chart(&snapshot);
        for section in &sections {
            let table = section.table.all_text();
            for name in &people {
                assert!(!section.svg.contains(name.as_str()), "{name} in chart {}", section.title);
                assert!(!table.contains(name.as_str()), "{name} in table {}", section.title);
            }
        }
        let report = report(&snapshot, sections).to_lowercase();
        assert!(report.contains("presenter mode"));
        assert!(report.contains("person "), "the findings are in it, pseudonymised");
        let csv = findings_csv(&snapshot).to_lowercase();
        assert_eq!(csv.lines().count(), 3);
        for name in &people {
            let name = name.to_lowercase();
            assert!(!report.contains(&name), "{name} in report");
            assert!(!csv.contains(&name), "{name} in the findings CSV");
        }
    }

    /// The promise of presenter mode, over the demo organisation: no name
    /// from any file anywhere in what the page is sent or can export.
    #[test]
    fn presenter_mode_leaves_no_roster_name_in_the_snapshot_the_report_or_the_csv_exports() {
        let (dataset, _, real) = demo(Presenter::Off);
        let people: Vec<String> = privacy::person_names(&dataset).into_iter().map(str::to_lowercase).collect();
        assert!(people.len() > 20);
        let exports = |snapshot: &Snapshot| {
            let sections = sections(snapshot, Page::Deviations).into_iter().map(|(_, s)| s).collect();
            let charts: String = every_chart(snapshot).iter().map(|s| format!("{}{}", s.svg, s.table.all_text())).collect();
            [
                ("snapshot", serde_json::to_string(snapshot).unwrap()),
                ("report", report(snapshot, sections)),
                ("findings CSV", findings_csv(snapshot)),
                ("stakeholders CSV", views::export::stakeholders_csv(&snapshot.stakeholders, snapshot.today)),
                ("charts", charts),
            ]
            .map(|(what, text)| (what, text.to_lowercase()))
        };
        for (what, text) in exports(&real) {
            assert!(people.iter().any(|name| text.contains(name.as_str())), "names show in the {what} while presenter mode is off");
        }
        for (what, text) in exports(&demo(Presenter::On).2) {
            for name in &people {
                if let Some(at) = text.find(name.as_str()) {
                    panic!("{name} is in the presenter {what}: …{}…", &text[at.saturating_sub(200)..(at + 100).min(text.len())]);
                }
            }
        }
    }

    #[test]
    fn one_snapshot_builds_its_pseudonyms_once() {
        let d = synthetic::small_org();
        let model = TeamModel::from_dataset(&d);
        let built = || privacy::BUILT_FOR_DATASETS.with(|b| b.get());
        let before = built();
        super::snapshot(&State::of(&Index::new(&d), &model, &[], synthetic::today()), None);
        assert_eq!(built(), before, "none with presenter mode off");
        super::snapshot(&State { presenter: Presenter::On, ..State::of(&Index::new(&d), &model, &[], synthetic::today()) }, None);
        assert_eq!(built(), before + 1, "one pass, one pseudonymiser");
    }

    /// Presenter mode renames, and changes nothing else.
    #[test]
    fn the_presented_snapshot_has_the_real_ones_numbers() {
        let (real, shown) = (demo(Presenter::Off).2, demo(Presenter::On).2);
        assert_eq!(real.overview.summary, shown.overview.summary);
        assert_eq!(real.analysis.findings.len(), shown.analysis.findings.len());
        let days = |s: &Snapshot| {
            let mut days: Vec<(String, Vec<String>)> = s.analysis.charts.quiet_days.teams.iter()
                .map(|t| (t.team.clone(), t.bars.iter().map(|b| format!("{:?}", b.days)).collect()))
                .collect();
            days.iter_mut().for_each(|(_, d)| d.sort());
            days
        };
        assert_eq!(days(&real), days(&shown));
        let counts = |s: &Snapshot| {
            let mut counts: Vec<(usize, usize)> = s.analysis.charts.review_wait.rows.iter().map(|r| (r.count, r.pending)).collect();
            counts.sort();
            counts
        };
        assert_eq!(counts(&real), counts(&shown));
        assert_eq!(real.stakeholders.points.len(), shown.stakeholders.points.len());
        assert_eq!(real.analysis.leadership.matrix, shown.analysis.leadership.matrix);
        assert_eq!(real.analysis.digest, shown.analysis.digest);
    }

    /// An unknown file's column-mapping suggestion quotes its first
    /// values, which can be people the other files name.
    #[test]
    fn column_samples_of_an_unknown_file_are_scrubbed_in_presenter_mode() {
        let roster = b"person,team,role\nAda,Atlas,engineer\nBob,Atlas,engineer\n";
        let odd = b"Full Name,Teem,Job Role\nAda,Comet,engineer\nBob,Comet,engineer\n"; // `Teem`: weak, so unknown
        let dataset = load(&[("roster.csv", roster), ("people.csv", odd)]);
        let unknown = &snapshot_of(&dataset, Presenter::On).overview.files[1];
        let samples: Vec<&String> = unknown.suggestion.as_ref().expect("a suggestion").columns.iter().flat_map(|c| &c.samples).collect();
        assert!(samples.iter().any(|s| s.starts_with("Person ")), "{samples:?}");
        assert!(samples.iter().all(|s| !s.contains("Ada") && !s.contains("Bob")), "{samples:?}");
    }

    #[test]
    fn a_shown_key_names_its_real_key_in_either_mode() {
        let d = synthetic::small_org();
        let who = d.people[0].name.clone();
        let keys = [format!("quiet_contributor|Team 000|{who}"), "stale_update|Team 001|Team 001".to_string()];
        let pseudonym = Pseudonymizer::for_dataset(&d).pseudonym(&who);
        let shown = format!("quiet_contributor|Team 000|{pseudonym}");
        let real = |presenter, shown: &str| {
            real_key(pseudonyms_for(&d, presenter).as_ref(), keys.iter().map(String::as_str), shown).map(String::from)
        };
        assert_eq!(real(Presenter::On, &shown), Some(keys[0].clone()));
        assert_eq!(real(Presenter::Off, &shown), None, "pseudonyms name nobody with presenter mode off");
        assert_eq!(real(Presenter::Off, &keys[1]), Some(keys[1].clone()));
        assert_eq!(real(Presenter::On, &keys[1]), Some(keys[1].clone()), "a key without names is its own");
    }
}
