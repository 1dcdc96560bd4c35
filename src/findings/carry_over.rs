//! `carry_over`: an unfinished item that has been in two or more sprints.

use super::{distinct_trimmed, join_names, Context, Finding, Output, Phase, Severity, Tripwire, Unit};

pub const ID: &str = "carry_over";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Carry-over", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    for item in ctx.unfinished_items() {
        // Fewer than two listed cannot be two distinct sprints: no set to make.
        if item.sprints.len() < 2 {
            continue;
        }
        let sprints = distinct_trimmed(&item.sprints);
        if sprints.len() < 2 {
            continue;
        }
        let mut finding = Finding::draft(ID, ctx.index.item_team(item), item.key())
            .severity(if sprints.len() >= 3 { Severity::High } else { Severity::Medium })
            .measured(1.0, sprints.len() as f64, Unit::Sprints)
            .evidence(ctx, [item.source])
            .why(format!("{} has been in {} sprints ({}) and is not done{}.", item.key(), sprints.len(), join_names(&sprints), ctx.status_note()))
            .ask(format!("What changed between plan and reality for {} each sprint?", item.key()));
        if let Some(assignee) = &item.assignee {
            finding = finding.person(assignee);
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::NameList;
    use crate::dataset::StatusCategory::{Done, InProgress, Todo};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    fn sprints(list: &[&str]) -> NameList {
        list.iter().map(|&s| s.into()).collect()
    }

    #[test]
    fn unfinished_item_in_two_sprints_fires() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Harbor", "Software Engineer");
        fx.item("HAR-1", "Ana Lima", InProgress, "2026-02-01").sprints = sprints(&["Sprint 7", "Sprint 8", "Sprint 8"]);
        fx.item("HAR-2", "Ana Lima", Done, "2026-02-01").sprints = sprints(&["Sprint 7", "Sprint 8"]);
        fx.item("HAR-3", "Ana Lima", Todo, "2026-02-01").sprints = sprints(&["Sprint 8", ""]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1, "done items and single-sprint items are near misses");
        let f = &findings[0];
        assert_eq!((f.subject.as_str(), f.team.as_str(), f.observed.value), ("HAR-1", "Harbor", 2.0));
        assert!(f.why.contains("Sprint 7 and Sprint 8"));
        assert_eq!(cites(f), ["jira.csv:2"]);
    }
}
