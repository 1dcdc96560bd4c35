//! Hostile input through the whole pipeline after ingest: model, tripwires,
//! views, charts and the headless `inspect` output. Ingest's own refusals
//! and warnings are in `ingest_malformed.rs`; here a file loads (or is
//! refused) and everything downstream must still hold: no panic, bounded
//! output, well-formed markup, locations in every message.

mod common;

use chrono::NaiveDate;
use common::fixture;
use teamdiff::headless::{inspect, Input};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
}

fn malformed(name: &str) -> Input {
    Input { path: name.into(), bytes: Ok(fixture("malformed", name)) }
}

/// A two-line OKR file whose quarter has a full-width digit after `Q`: the
/// quarter parser once sliced it mid-character and panicked.
#[test]
fn a_full_width_quarter_loads_and_is_analysed_without_panic() {
    let run = inspect(vec![malformed("70_okr_fullwidth_quarter.csv")], None, as_of());
    assert!(!run.refused, "{}", run.json);
    let file = &run.json["files"][0];
    assert_eq!((file["kind"].as_str(), file["kept"].as_u64()), (Some("okrs"), Some(1)), "{file}");
    assert!(run.json["findings"].is_array());
}

mod bounded_time_axes {
    use chrono::{NaiveDate, NaiveDateTime};
    use teamdiff::charts;
    use teamdiff::dataset::Dataset;
    use teamdiff::model::TeamModel;
    use teamdiff::present::{self, charts::CHARTS, State};
    use teamdiff::views::digest::org_digest;
    use teamdiff::views::weekly::MAX_WEEKS;
    use teamdiff::testkit::orgs as synthetic;
    use teamdiff::views::merged_per_week;

    /// Far more than any chart here needs, far less than the 140 MB that
    /// half a million weekly bars once took.
    const MAX_SVG_BYTES: usize = 400_000;

    fn noon(date: NaiveDate) -> NaiveDateTime {
        date.and_hms_opt(12, 0, 0).unwrap()
    }

    /// A normal org plus one row of every dated kind at each end of the
    /// window ingest accepts: the first day of 1970 and the last of 2100.
    fn org_spanning_1970_to_2100() -> Dataset {
        let mut d = synthetic::small_org();
        let ends = [NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2100, 12, 31).unwrap()];
        for (i, day) in ends.into_iter().enumerate() {
            let mut pr = d.pull_requests[i].clone();
            pr.set_number(&format!("edge{i}"));
            (pr.created, pr.merged, pr.closed) = (Some(noon(day)), Some(noon(day)), Some(noon(day)));
            pr.set_first_review(Some(noon(day)));
            d.pull_requests.push(pr);
            let mut item = d.work_items[i].clone();
            item.set_key(&format!("EDGE-{i}"));
            (item.created, item.resolved) = (Some(noon(day)), Some(noon(day)));
            item.set_started(Some(noon(day)));
            d.work_items.push(item);
            let mut update = d.updates[i].clone();
            update.date = Some(day);
            d.updates.push(update);
            let mut decision = d.decisions[i].clone();
            (decision.raised, decision.decided) = (Some(day), Some(day));
            d.decisions.push(decision);
            d.stakeholders[i].last_contact = Some(day);
        }
        d
    }

    #[test]
    fn weekly_views_and_every_chart_stay_bounded_from_1970_to_2100() {
        let d = org_spanning_1970_to_2100();
        let today = synthetic::today();
        let series = merged_per_week(&d, today);
        assert!(series.weeks.len() <= MAX_WEEKS, "{} weeks", series.weeks.len());
        assert!(series.note.as_deref().is_some_and(|n| n.contains("not shown")), "{:?}", series.note);
        let svg = charts::merged_per_week::draw(&series);
        assert!(svg.len() <= MAX_SVG_BYTES, "merged per week: {} bytes", svg.len());
        let model = TeamModel::from_dataset(&d);
        let snapshot = present::snapshot(&State::of(&teamdiff::dataset::Index::new(&d), &model, &[], today), None);
        for chart in &CHARTS {
            let (name, section) = (chart.id, chart.section(&snapshot));
            eprintln!("{name}: {} bytes, {} table rows", section.svg.len(), section.table.rows.len());
            assert!(section.svg.len() <= MAX_SVG_BYTES, "{name}: {} bytes", section.svg.len());
            assert!(section.table.rows.len() <= MAX_WEEKS.max(teamdiff::views::MAX_MARKS), "{name}: {} rows", section.table.rows.len());
        }
        for row in org_digest(&teamdiff::dataset::Index::new(&d), today, &[], 12) {
            assert_eq!(row.trend.weeks.len(), 12, "{}", row.team);
            assert!(charts::sparkline::draw(&row.trend).len() < 2_000);
        }
    }

    /// The merges chart's window ends at today at the latest: one merge
    /// dated 2100 once moved it to 2100, leaving the real weeks out.
    #[test]
    fn a_merge_dated_2100_leaves_the_real_weeks_in_the_merges_chart() {
        let d = org_spanning_1970_to_2100();
        let today = synthetic::today();
        let series = merged_per_week(&d, today);
        let first_shown = today - chrono::Duration::weeks(MAX_WEEKS as i64);
        let real = d.pull_requests.iter().filter_map(|p| p.merged).filter(|m| m.date() > first_shown && m.date() <= today).count();
        assert!(real > 10, "{real}");
        assert!(series.weeks.last().is_some_and(|w| w.week_start <= today), "{:?}", series.weeks.last());
        assert_eq!(series.weeks.iter().map(|w| w.value).sum::<f64>(), real as f64);
    }
}

/// A refusal with a place keeps it in `inspect`'s JSON: the line and column
/// beside the error, in the warning, and in the human-readable summary.
#[test]
fn inspect_keeps_the_line_and_column_of_a_refusal() {
    let run = inspect(vec![malformed("09_json_syntax.json")], None, as_of());
    assert!(run.refused);
    let file = &run.json["files"][0];
    let (line, column) = (file["line"].as_u64().unwrap(), file["column"].as_u64().unwrap());
    assert_eq!(line, 3, "{file}");
    assert!(column > 0, "{file}");
    assert_eq!((file["warnings"][0]["line"].as_u64(), file["warnings"][0]["column"].as_u64()), (Some(line), Some(column)));
    assert!(file["error"].as_str().unwrap().contains("invalid JSON"), "{file}");
    assert_eq!(run.refusals, [format!("09_json_syntax.json:{line}:{column}: {}", file["error"].as_str().unwrap())]);
}

/// The model file's refusal is placed too.
#[test]
fn inspect_places_a_model_file_refusal() {
    let model = "{\n  \"format\": \"teamdiff-model\",\n  \"version\": 1,\n  \"stakeholder_cadence\": {\"manage_closely_days\": \"often\"}\n}\n";
    let run = inspect(vec![], Some(("team-model.json", model)), as_of());
    assert!(run.refused);
    let error = &run.json["model_error"];
    assert_eq!((error["path"].as_str(), error["line"].as_u64()), (Some("team-model.json"), Some(4)), "{error}");
    assert!(error["column"].as_u64().unwrap() > 0, "{error}");
    assert!(error["message"].as_str().unwrap().contains("invalid type: string \"often\""), "{error}");
    assert!(run.refusals[0].starts_with("team-model.json:4:"), "{:?}", run.refusals);
}
