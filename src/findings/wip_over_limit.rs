//! `wip_over_limit`: a person with more items in progress than their team's
//! WIP-per-person norm.

use std::collections::BTreeMap;

use super::{join_names, severity_by_ratio, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::{StatusCategory, WorkItem};

pub const ID: &str = "wip_over_limit";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "WIP over limit", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    let mut by_person: BTreeMap<&str, Vec<&WorkItem>> = BTreeMap::new();
    for item in ctx.unfinished_items().iter().filter(|i| i.category == Some(StatusCategory::InProgress)) {
        if let Some(assignee) = item.assignee.as_deref().filter(|a| !a.trim().is_empty()) {
            // By person, whichever of their names each tracker uses.
            by_person.entry(ctx.index.canonical(assignee)).or_default().push(item);
        }
    }
    for (person, items) in by_person {
        let team = ctx.index.team_of(person).unwrap_or_else(|| ctx.index.item_team(items[0]));
        let limit = ctx.norms(team).wip_per_person;
        if items.len() <= limit as usize {
            continue;
        }
        let keys: Vec<&str> = items.iter().map(|i| i.key()).collect();
        let first_name = person.split_whitespace().next().unwrap_or(person);
        out.push(
            Finding::draft(ID, team, person)
                .person(person)
                .severity(severity_by_ratio(items.len() as f64, limit as f64, 2.0))
                .measured(limit as f64, items.len() as f64, Unit::Count)
                .evidence(ctx, items.iter().map(|i| i.source))
                .why(format!("{person} has {} items in progress ({}); the limit is {limit}{}.", items.len(), join_names(&keys), ctx.status_note()))
                .ask(format!("Which of these could {first_name} finish or hand off before starting more?")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::StatusCategory::{Done, InProgress};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn four_in_progress_over_a_limit_of_three_fires_three_does_not() {
        let mut fx = Fixture::new();
        fx.team("Harbor", "legacy");
        fx.person("Ana Lima", "Harbor", "Software Engineer");
        fx.person("Ben Okafor", "Harbor", "Software Engineer");
        for key in ["HAR-1", "HAR-2", "HAR-3", "HAR-4"] {
            fx.item(key, "Ana Lima", InProgress, "2026-02-25");
        }
        for key in ["HAR-5", "HAR-6", "HAR-7"] {
            fx.item(key, "Ben Okafor", InProgress, "2026-02-25");
        }
        fx.item("HAR-8", "Ben Okafor", Done, "2026-02-25");
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.subject.as_str(), f.person.as_deref(), f.norm.value, f.observed.value), ("Ana Lima", Some("Ana Lima"), 3.0, 4.0));
        assert_eq!(cites(f), ["jira.csv:2", "jira.csv:3", "jira.csv:4", "jira.csv:5"]);
    }
}
