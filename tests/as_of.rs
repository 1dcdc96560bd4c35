//! As-of equivalence, the property the as-of path rests on: evaluating as
//! of a day D over every row gives exactly the findings of evaluating as of
//! D over the rows as they stood on D.
//!
//! "As they stood on D" is written here again, row by row from the raw
//! dates, independently of `Dataset::as_of` (docs/tripwires.md, "As of a
//! past date"), and run over the demo organisations at several days: each
//! tripwire reads dated rows, so each is covered wherever the demo plants
//! or generates it.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use teamdiff::dataset::{Dataset, PrState, StatusCategory};
use teamdiff::demo::{generate, DemoSize};
use teamdiff::findings::{self, Finding, REGISTRY};
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;

fn export_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo(size: DemoSize) -> Dataset {
    let mut dataset = Dataset::default();
    for file in generate(size, 11, export_day()) {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }
    dataset
}

/// The first day of a quarter written `2026-Q4` (the demo's spelling).
fn quarter_start(quarter: &str) -> Option<NaiveDate> {
    let (year, q) = quarter.split_once("-Q")?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, (q.parse::<u32>().ok()? - 1) * 3 + 1, 1)
}

/// Every row as it stood at 00:00 UTC on `day`, from the raw dates alone.
fn truncated(all: &Dataset, day: NaiveDate) -> Dataset {
    let now: NaiveDateTime = day.and_hms_opt(0, 0, 0).unwrap();
    let seen = |at: Option<NaiveDateTime>| at.is_none_or(|at| at <= now);
    let seen_day = |d: Option<NaiveDate>| d.is_none_or(|d| d <= day);
    let mut out = all.clone();
    let mut cut_anything = false;

    out.pull_requests.clear();
    for pr in &all.pull_requests {
        if !seen(pr.created) {
            cut_anything = true;
            continue;
        }
        let mut pr = pr.clone();
        if !seen(pr.first_review()) {
            pr.set_first_review(None);
            pr.reviewers = Default::default();
            cut_anything = true;
        }
        if !seen(pr.merged) || !seen(pr.closed) {
            cut_anything = true;
            if !seen(pr.merged) {
                pr.merged = None;
            }
            if !seen(pr.closed) {
                pr.closed = None;
            }
            pr.state = if pr.merged.is_some() { PrState::Merged } else if pr.closed.is_some() { PrState::Closed } else { PrState::Open };
        }
        out.pull_requests.push(pr);
    }
    out.reviews.retain(|r| seen(r.submitted));
    out.work_items.clear();
    for item in &all.work_items {
        if !seen(item.created) {
            cut_anything = true;
            continue;
        }
        let mut item = item.clone();
        let started_later = !seen(item.started());
        let resolved_later = !seen(item.resolved);
        if started_later || resolved_later {
            cut_anything = true;
        }
        if started_later {
            item.set_started(None);
        }
        if resolved_later {
            item.resolved = None;
        }
        let open_then = resolved_later && item.category == Some(StatusCategory::Done);
        if open_then || (started_later && item.category == Some(StatusCategory::InProgress)) {
            let category = if started_later { StatusCategory::Todo } else { StatusCategory::InProgress };
            item.status = if category == StatusCategory::Todo { "To Do".into() } else { "In Progress".into() };
            item.category = Some(category);
        }
        out.work_items.push(item);
    }
    for s in &mut out.stakeholders {
        if !seen_day(s.last_contact) {
            s.last_contact = None;
        }
    }
    out.updates.retain(|u| seen_day(u.date));
    out.decisions.retain(|d| seen_day(d.raised));
    for d in &mut out.decisions {
        if !seen_day(d.decided) {
            d.decided = None;
        }
    }
    out.key_results.retain(|kr| quarter_start(&kr.quarter).is_none_or(|start| start <= day));
    out.postmortem_actions.retain(|a| seen_day(a.date));
    out.design_docs.retain(|d| seen_day(d.date));
    out.interventions.retain(|i| seen_day(i.started));
    for i in &mut out.interventions {
        if !seen_day(i.ended) {
            i.ended = None;
        }
    }
    cut_anything |= out.reviews.len() != all.reviews.len()
        || out.updates.len() != all.updates.len()
        || out.decisions.len() != all.decisions.len()
        || out.key_results.len() != all.key_results.len()
        || out.postmortem_actions.len() != all.postmortem_actions.len()
        || out.design_docs.len() != all.design_docs.len()
        || out.interventions.len() != all.interventions.len()
        || out.stakeholders != all.stakeholders
        || out.decisions.iter().zip(&all.decisions).any(|(a, b)| a != b)
        || out.interventions.iter().zip(&all.interventions).any(|(a, b)| a != b);
    if cut_anything {
        out.statuses_approximated_on = Some(day);
    }
    out
}

fn by_tripwire(findings: &[Finding]) -> Vec<(&str, usize)> {
    REGISTRY.iter().map(|t| (t.id, findings.iter().filter(|f| f.tripwire == t.id).count())).collect()
}

/// Checks the property at each day; returns which tripwires fired at
/// some day, so the caller can see what was covered.
fn check(size: DemoSize, days_back: &[i64]) -> Vec<&'static str> {
    let all = demo(size);
    let model = TeamModel::from_dataset(&all);
    let mut fired = Vec::new();
    for back in days_back {
        let day = export_day() - Duration::days(*back);
        let on_all_rows = findings::evaluate(&all, &model, day);
        let cut = truncated(&all, day);
        let on_rows_then = findings::evaluate(&cut, &model, day);
        assert_eq!(by_tripwire(&on_all_rows), by_tripwire(&on_rows_then), "{size:?} as of {day}");
        assert_eq!(on_all_rows, on_rows_then, "{size:?} as of {day}");
        // And the core's own cut is the same dataset as the one written here.
        assert_eq!(*all.as_of(day), cut, "{size:?} as of {day}");
        fired.extend(REGISTRY.iter().filter(|t| on_all_rows.iter().any(|f| f.tripwire == t.id)).map(|t| t.id));
    }
    fired.sort();
    fired.dedup();
    fired
}

#[test]
fn the_small_demo_as_of_several_days_equals_its_rows_truncated_then() {
    let fired = check(DemoSize::Small, &[0, 1, 3, 7, 12, 19, 30, 45, 60]);
    // The small demo plants every tripwire: all of them are compared.
    assert_eq!(fired.len(), REGISTRY.len(), "{fired:?}");
}

#[test]
fn the_medium_demo_as_of_several_days_equals_its_rows_truncated_then() {
    let fired = check(DemoSize::Medium, &[0, 5, 16, 40, 100]);
    assert!(fired.len() >= 10, "{fired:?}");
}

#[test]
fn evaluating_as_of_a_past_day_differs_from_today_in_the_demo() {
    // Guards the property against vacuity: the days compared do cut rows.
    let all = demo(DemoSize::Small);
    let model = TeamModel::from_dataset(&all);
    let day = export_day() - Duration::days(30);
    assert_ne!(findings::evaluate(&all, &model, day).len(), findings::evaluate(&all, &model, export_day()).len());
    assert!(truncated(&all, day).pull_requests.len() < all.pull_requests.len());
    assert_eq!(all.as_of(day).statuses_approximated_on, Some(day));
}
