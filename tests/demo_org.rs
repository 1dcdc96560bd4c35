//! The in-app demo organisation, through the real pipeline: generated
//! files → ingest → model → tripwires. Every tripwire must fire on the
//! planted subject, and every planted near miss must stay quiet.

use chrono::NaiveDate;
use teamdiff::dataset::Dataset;
use teamdiff::demo::{generate, DemoSize};
use teamdiff::findings::{evaluate, leadership_positions, Finding, REGISTRY};
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::{LeadershipMode, TeamModel};

fn load(today: NaiveDate, seed: u64) -> Dataset {
    let mut dataset = Dataset::default();
    for file in generate(DemoSize::Small, seed, today) {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {})
            .unwrap_or_else(|e| panic!("{} did not load: {e}", file.name));
    }
    for report in &dataset.files {
        assert_eq!(report.skipped, 0, "{}: {:?}", report.path, report.warnings);
    }
    dataset
}

fn findings(today: NaiveDate, seed: u64) -> (Dataset, Vec<Finding>) {
    let dataset = load(today, seed);
    let model = TeamModel::from_dataset(&dataset);
    let findings = evaluate(&dataset, &model, today);
    (dataset, findings)
}

fn has(findings: &[Finding], tripwire: &str, team: &str, subject: &str) -> bool {
    findings.iter().any(|f| f.tripwire == tripwire && f.team == team && f.subject.contains(subject))
}

/// Different weekdays and both halves of a quarter, so no planted scenario
/// depends on the calendar lining up.
fn days() -> Vec<NaiveDate> {
    ["2026-03-04", "2026-03-09", "2026-01-10", "2026-11-22"]
        .iter()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
        .collect()
}

#[test]
fn every_tripwire_fires_on_its_planted_subject() {
    for today in days() {
        let (_, findings) = findings(today, 7);
        let expected = [
            ("quiet_contributor", "Comet", "Priya Nair"),
            ("quiet_contributor", "Ledger", "Tomás Ruiz"),
            ("slow_first_review", "Comet", "comet#"),
            ("review_concentration", "Ledger", "reviews"),
            ("slipping_work", "Ledger", "LED-"),
            ("carry_over", "Comet", "COM-"),
            ("wip_over_limit", "Bedrock", "Farah Haddad"),
            ("postmortem_gap", "Bedrock", "INC-2041"),
            ("design_doc_approvers", "Ledger", "Split the billing monolith"),
            ("okr_quality", "Comet", "Launch the new onboarding flow"),
            ("okr_quality", "Comet", "Grow weekly active teams from 120 to 300"),
            ("okr_not_started", "Ledger", "Cut manual invoice fixes"),
            ("stale_update", "Bedrock", "updates"),
            ("stale_update", "Ledger", "repeated summary"),
            ("watermelon_update", "Ledger", "latest update"),
            ("decision_latency", "Bedrock", "Adopt Kafka for the event bus"),
            ("decision_latency", "Ledger", "Rename the invoice status field"),
            ("decision_distribution", "Ledger", "decision levels"),
            ("critical_role_gap", "Bedrock", "Incident commander"),
            ("critical_role_gap", "Ledger", "Database owner"),
            ("shareholder_drift", "(organisation)", "Maria Costa"),
            ("shareholder_drift", "(organisation)", "Ivy Chen"),
            ("open_intervention", "Ledger", "Daily release review"),
            ("open_intervention", "Comet", "Pairing on the onboarding service"),
        ];
        for (tripwire, team, subject) in expected {
            assert!(has(&findings, tripwire, team, subject), "{today}: {tripwire} did not fire on {team}/{subject}");
        }
        for tripwire in REGISTRY {
            assert!(findings.iter().any(|f| f.tripwire == tripwire.id), "{today}: {} never fires", tripwire.id);
        }
        for finding in &findings {
            assert!(!finding.why.is_empty() && !finding.ask.is_empty(), "{finding:?}");
            assert!(
                finding.tripwire == "stale_update" || !finding.evidence.is_empty(),
                "{today}: {} has no evidence",
                finding.key
            );
            assert!(finding.evidence.iter().all(|e| e.cite.contains(".csv:")), "{:?}", finding.evidence);
        }
        let priya = findings.iter().find(|f| f.tripwire == "quiet_contributor" && f.subject == "Priya Nair").unwrap();
        assert!(priya.why.contains("waiting on Jonas Berg and Mei Tanaka"), "{}", priya.why);
    }
}

#[test]
fn planted_near_misses_stay_quiet() {
    for today in days() {
        let (_, findings) = findings(today, 7);
        let quiet = [
            ("quiet_contributor", "Bedrock", "Hugo Lindqvist"), // infra, 10 days of 14
            ("wip_over_limit", "Bedrock", "Noah Kim"),          // exactly three
            ("postmortem_gap", "Bedrock", "INC-2042"),
            ("postmortem_gap", "Comet", "INC-2043"),
            ("design_doc_approvers", "Comet", "Onboarding service API"),
            ("design_doc_approvers", "Bedrock", "Queue consolidation"),
            ("okr_quality", "Comet", "Raise activation from 22% to 30%"),
            ("watermelon_update", "Bedrock", ""), // honestly yellow
            ("watermelon_update", "Comet", ""),
            ("decision_latency", "Comet", "Choose the onboarding analytics tool"),
            ("decision_distribution", "Comet", ""),
            ("decision_distribution", "Bedrock", ""),
            ("review_concentration", "Comet", ""),
            ("review_concentration", "Bedrock", ""),
            ("critical_role_gap", "Comet", ""),
            ("shareholder_drift", "(organisation)", "Tom Reyes"),
            ("shareholder_drift", "(organisation)", "Sam Hart"),
            ("shareholder_drift", "(organisation)", "Daniel Wright"),
            ("open_intervention", "Bedrock", ""),
            ("stale_update", "Comet", ""),
        ];
        for (tripwire, team, subject) in quiet {
            assert!(!has(&findings, tripwire, team, subject), "{today}: {tripwire} fired on near miss {team}/{subject}");
        }
        // Only the planted PR waits too long; the one from the last working day does not.
        assert_eq!(findings.iter().filter(|f| f.tripwire == "slow_first_review").count(), 1, "{today}");
        // Only the planted item slips, not the infra one nine days in.
        assert_eq!(findings.iter().filter(|f| f.tripwire == "slipping_work").count(), 1, "{today}");
        assert_eq!(findings.iter().filter(|f| f.tripwire == "carry_over").count(), 1, "{today}");
        let quiet_people: Vec<&str> =
            findings.iter().filter(|f| f.tripwire == "quiet_contributor").map(|f| f.subject.as_str()).collect();
        assert_eq!(quiet_people, ["Priya Nair", "Tomás Ruiz"], "{today}");
    }
}

#[test]
fn generation_and_findings_are_deterministic() {
    let today = days()[0];
    assert_eq!(generate(DemoSize::Small, 11, today), generate(DemoSize::Small, 11, today));
    let (_, first) = findings(today, 11);
    let (_, second) = findings(today, 11);
    assert_eq!(first, second);
    assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
}

#[test]
fn leadership_positions_cover_the_demo_teams() {
    let today = days()[0];
    let (dataset, findings) = findings(today, 7);
    let model = TeamModel::from_dataset(&dataset);
    let positions = leadership_positions(&dataset, &model, &findings, today);
    let teams: Vec<&str> = positions.iter().map(|p| p.team.as_str()).collect();
    assert_eq!(teams, ["Bedrock", "Comet", "Ledger"]);
    let ledger = positions.iter().find(|p| p.team == "Ledger").unwrap();
    assert_eq!(ledger.mode, LeadershipMode::MicroMismanagement, "{:?}", ledger.reasons);
    assert!(positions.iter().all(|p| !p.reasons.is_empty()));
}

/// The benchmark organisation end to end; run with
/// `cargo test --release --test demo_org -- --ignored --nocapture`.
#[test]
#[ignore]
fn org2k_loads_and_evaluates() {
    use std::time::Instant;
    let today = days()[0];
    let started = Instant::now();
    let files = generate(DemoSize::Org2k, 42, today);
    let generated = started.elapsed();
    let mut dataset = Dataset::default();
    for file in &files {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }
    let ingested = started.elapsed();
    let model = TeamModel::from_dataset(&dataset);
    let index = teamdiff::dataset::Index::new(&dataset);
    let report = teamdiff::findings::evaluate_report(&index, &model, today);
    let evaluated = started.elapsed();
    let suggestions = teamdiff::model::suggest_norms(&index, &model, today);
    let suggested = started.elapsed();
    eprintln!(
        "org2k: generate {generated:?}, ingest {:?}, evaluate {:?} ({} findings), suggest {:?} ({} suggestions)",
        ingested - generated,
        evaluated - ingested,
        report.findings.len(),
        suggested - evaluated,
        suggestions.len()
    );
    assert_eq!(model.teams.len(), 200);
    for tripwire in REGISTRY {
        assert!(report.findings.iter().any(|f| f.tripwire == tripwire.id), "{} never fires in org2k", tripwire.id);
    }
}

/// The Shareholders grid and the `shareholder_drift` tripwire read the same
/// quadrant and cadence definitions, so they must agree on every stakeholder.
#[test]
fn stakeholder_grid_and_drift_findings_agree() {
    use std::collections::BTreeMap;
    use teamdiff::views::stakeholders::stakeholder_grid;
    for today in days() {
        let (dataset, found) = findings(today, 7);
        let model = TeamModel::from_dataset(&dataset);
        let grid = stakeholder_grid(&dataset, today, &model.stakeholder_cadence, &BTreeMap::new());
        assert!(!grid.points.is_empty());
        for point in &grid.points {
            let flagged = found.iter().any(|f| f.tripwire == "shareholder_drift" && f.subject == point.label.trim());
            assert_eq!(point.drifting, flagged, "{} on {today}: grid says drifting={}", point.label, point.drifting);
        }
    }
}
