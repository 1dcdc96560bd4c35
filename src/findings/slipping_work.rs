//! `slipping_work`: an item in progress for longer than the team's expected
//! cycle time for its estimate.

use std::collections::BTreeMap;

use super::{severity_by_ratio, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::{RowRef, StatusCategory};
use crate::model::calendar::days_since;

pub const ID: &str = "slipping_work";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Slipping work", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    // Unestimated items are counted per team, not reported one by one.
    let mut unestimated: BTreeMap<&str, Vec<RowRef>> = BTreeMap::new();
    for item in ctx.unfinished_items().iter().filter(|i| i.category == Some(StatusCategory::InProgress)) {
        let team = ctx.index.item_team(item);
        let (Some(start), from_created) = (item.started().or(item.created), item.started().is_none()) else {
            out.not_enough_data(ctx, ID, Some(team), item.key(), "in progress, but the export has neither a start nor a creation date", [item.source]);
            continue;
        };
        let norms = ctx.norms(team);
        let (Some(points), Some(label)) = (item.estimate.get(), item.estimate.get().and_then(|p| norms.band_label(p))) else {
            unestimated.entry(team).or_default().push(item.source);
            continue;
        };
        let Some(expected) = norms.expected_cycle_days(points) else { continue };
        let age = days_since(start, ctx.today);
        if age <= expected as i64 {
            continue;
        }
        let clock = if from_created { "since it was created; the export has no start date" } else { "since it started" };
        let mut finding = Finding::draft(ID, team, item.key())
            .severity(severity_by_ratio(age as f64, expected as f64, 2.0))
            .measured(expected as f64, age as f64, Unit::Days)
            .evidence(ctx, [item.source])
            .why(format!("{} ({points} pts, {label}) has been in progress for {age} days ({clock}); {expected} are expected{}.", item.key(), ctx.status_note()))
            .ask(format!("What is {} waiting on, and would splitting it help?", item.key()));
        if let Some(assignee) = &item.assignee {
            finding = finding.person(assignee);
        }
        out.push(finding);
    }
    for (team, rows) in unestimated {
        let reason = format!("{} in-progress item(s) have no estimate, so no expected cycle time applies", rows.len());
        out.not_enough_data(ctx, ID, Some(team), "unestimated items", reason, rows.into_iter().take(25));
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::StatusCategory::{Done, InProgress};
    use crate::findings::testing::cites;
    use crate::testkit::{ts, Fixture};

    fn board() -> Fixture {
        let mut fx = Fixture::new();
        fx.team("Harbor", "legacy");
        fx.person("Ana Lima", "Harbor", "Software Engineer");
        // legacy: ≤ 5 pts → 10 days.
        fx.item("HAR-1", "Ana Lima", InProgress, "2026-02-01").estimate = Some(5.0).into();
        let started = fx.item("HAR-2", "Ana Lima", InProgress, "2026-01-01");
        started.estimate = Some(5.0).into();
        started.set_started(Some(ts("2026-02-20")));
        fx.item("HAR-3", "Ana Lima", Done, "2026-01-01").estimate = Some(1.0).into();
        fx.item("HAR-4", "Ana Lima", InProgress, "2026-01-01");
        fx
    }

    #[test]
    fn item_past_its_size_band_fires() {
        let findings = board().findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.subject.as_str(), f.person.as_deref(), f.team.as_str()), ("HAR-1", Some("Ana Lima"), "Harbor"));
        assert_eq!((f.norm.value, f.observed.value), (10.0, 29.0));
        assert!(f.why.contains("since it was created"));
        assert_eq!(cites(f), ["jira.csv:2"]);
    }

    #[test]
    fn recently_started_done_and_unestimated_items_do_not_fire() {
        let fx = board();
        assert!(fx.findings_of(ID, "2026-03-02").iter().all(|f| f.subject == "HAR-1"));
        assert_eq!(fx.gaps_of(ID, "2026-03-02"), ["1 in-progress item(s) have no estimate, so no expected cycle time applies"]);
    }
}
