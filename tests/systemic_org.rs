//! Systemic findings, model drift and triage on the generated
//! organisations: the planted teams (`demo::planted_teams`) must be
//! systemic, the decoys must not, and triage must put them first.

use std::time::Instant;

use chrono::NaiveDate;
use teamdiff::dataset::{Dataset, Index};
use teamdiff::demo::{generate, planted_teams, DemoSize, Planted};
use teamdiff::findings::evaluate_report;
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;
use teamdiff::present::analysis::{analyse, Analysis};
use teamdiff::views::triage::TriageTarget;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
}

fn load(size: DemoSize) -> Dataset {
    let mut dataset = Dataset::default();
    for file in generate(size, 42, today()) {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }
    dataset
}

fn analysis(dataset: &Dataset, model: &TeamModel) -> Analysis {
    let index = Index::new(dataset);
    let findings = evaluate_report(&index, model, today()).findings;
    analyse(&index, model, &findings, today())
}

fn check_planted(analysis: &Analysis, planted: &[(String, Planted)]) {
    for (team, plan) in planted {
        let systemic = analysis.systemic.iter().find(|s| &s.team == team && s.tripwire == "quiet_contributor");
        match plan {
            Planted::SlowCadence => {
                let s = systemic.unwrap_or_else(|| panic!("{team}: no systemic finding"));
                let update = s.update.as_ref().unwrap_or_else(|| panic!("{team}: no update offered: {}", s.history));
                assert!(update.suggested > update.current, "{team}: {update:?}");
            }
            Planted::Blocked => {
                let s = systemic.unwrap_or_else(|| panic!("{team}: no systemic finding"));
                assert!(s.update.is_none() && s.history.contains("within the norm"), "{team}: {}", s.history);
            }
            Planted::TwoQuiet | Planted::UnderHalf => {
                assert!(systemic.is_none(), "{team} is a decoy: {systemic:?}");
                let quiet = analysis.findings.iter().filter(|f| &f.row.team == team && f.row.tripwire == "quiet_contributor").count();
                assert!(quiet >= 2, "{team}: the decoy's individual findings are there ({quiet})");
            }
        }
    }
}

#[test]
fn the_medium_org_has_its_planted_systemic_teams_and_not_its_decoys() {
    let dataset = load(DemoSize::Medium);
    let mut model = TeamModel::from_dataset(&dataset);
    let planted = planted_teams(20);
    assert_eq!(planted.len(), 4);
    let shown = analysis(&dataset, &model);
    check_planted(&shown, &planted);

    // Systemic findings come first in triage, each with its reasons.
    let first = &shown.triage[0];
    assert!(matches!(first.target, TriageTarget::Systemic(_)), "{first:?}");
    assert!(first.reasons().iter().any(|r| r.starts_with("systemic: ")));
    // Members are under their pattern, not items of their own.
    let members: Vec<usize> = shown.systemic.iter().flat_map(|s| s.members.clone()).collect();
    assert!(shown.triage.iter().all(|i| !matches!(i.target, TriageTarget::Finding(at) if members.contains(&at))));

    // "Update the model" on the slow team: its norm changes, the change is
    // logged, and the systemic finding is gone.
    let (slow, _) = &planted[0];
    let update = shown.systemic.iter().find(|s| &s.team == slow).unwrap().update.clone().unwrap();
    model.change_norm(&update.team, &update.norm, update.suggested, &update.basis, today()).unwrap();
    assert_eq!(model.norm_changes.len(), 1);
    let after = analysis(&dataset, &model);
    assert!(after.systemic.iter().all(|s| &s.team != slow), "{:?}", after.systemic.iter().find(|s| &s.team == slow));
}

/// The 200-team org: planted teams, and how long the new steps take on it.
/// `cargo test --release --test systemic_org -- --ignored --nocapture`.
#[test]
#[ignore]
fn org2k_systemic_drift_and_triage() {
    let dataset = load(DemoSize::Org2k);
    let model = TeamModel::from_dataset(&dataset);
    let index = Index::new(&dataset);
    let findings = evaluate_report(&index, &model, today()).findings;
    use teamdiff::findings::systemic::{suggest_updates, systemic_findings, History};
    let started = Instant::now();
    let mut systemic = systemic_findings(&index, &findings);
    let systemic_time = started.elapsed();
    let history = History::read(&index, &model, today());
    suggest_updates(&mut systemic, &history, &model);
    let suggest_time = started.elapsed() - systemic_time;
    let drift = teamdiff::findings::drift::model_drift(&index, &model, &findings, &history);
    let drift_time = started.elapsed() - systemic_time - suggest_time;
    let green = Default::default();
    let triage = teamdiff::views::triage::triage(&findings, &systemic, &drift, &green);
    let triage_time = started.elapsed() - systemic_time - suggest_time - drift_time;
    let suggesting = Instant::now();
    std::hint::black_box(teamdiff::model::suggest_norms(&index, &model, today()));
    let suggest_norms_time = suggesting.elapsed();
    let whole = Instant::now();
    let shown = analyse(&index, &model, &findings, today());
    eprintln!(
        "org2k: {} findings; systemic {} in {systemic_time:?}; reading 26 weeks of history and suggesting {suggest_time:?}; drift {} in {drift_time:?}; triage {} items in {triage_time:?}; whole analyse {:?} (for comparison, the Model page's 12-week suggest_norms {suggest_norms_time:?}); triage JSON {} bytes",
        findings.len(),
        systemic.len(),
        drift.len(),
        triage.len(),
        whole.elapsed(),
        serde_json::to_string(&shown.triage).unwrap().len(),
    );
    check_planted(&shown, &planted_teams(200));
}

/// Presenter mode: a systemic finding names its team, and its per-person
/// evidence (the member findings underneath) carries pseudonyms only.
#[test]
fn presented_systemic_findings_name_teams_not_people() {
    use teamdiff::present::{privacy::person_names, snapshot, Presenter, State};
    let dataset = load(DemoSize::Medium);
    let model = TeamModel::from_dataset(&dataset);
    let index = Index::new(&dataset);
    let findings = evaluate_report(&index, &model, today()).findings;
    let shown = snapshot(&State { presenter: Presenter::On, ..State::of(&index, &model, &findings, today()) }, None);
    let analysis = &shown.analysis;
    assert!(!analysis.systemic.is_empty());
    let mut text = serde_json::to_string(&analysis.systemic).unwrap();
    for s in &analysis.systemic {
        assert!(planted_teams(20).iter().any(|(team, _)| *team == s.team), "{} is named", s.team);
        for &at in &s.members {
            let row = &analysis.findings[at].row;
            assert!(row.person.is_some());
            text.push_str(&serde_json::to_string(row).unwrap());
        }
    }
    text.push_str(&serde_json::to_string(&analysis.triage).unwrap());
    text.push_str(&serde_json::to_string(&analysis.drift).unwrap());
    let lower = text.to_lowercase();
    for name in person_names(&dataset) {
        assert!(!lower.contains(&name.to_lowercase()), "{name} in a presented systemic finding or its members");
    }
}
