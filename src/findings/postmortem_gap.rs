//! `postmortem_gap`: an incident whose postmortem has no detect or prevent
//! action, a hand-wave root cause, or action items without owner or due date.

use std::collections::BTreeMap;

use super::{Context, Finding, Output, Phase, Severity, Tripwire, Unit};
use crate::dataset::{ActionKind, PostmortemAction};

pub const ID: &str = "postmortem_gap";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Postmortem gap", phase: Phase::Rows, run };

/// Root causes that name nobody's system, only somebody's fault or nothing.
const HAND_WAVES: [&str; 11] =
    ["", "-", "n/a", "na", "none", "unknown", "tbd", "human error", "user error", "operator error", "mistake"];

pub fn is_hand_wave(root_cause: &str) -> bool {
    let cause = root_cause.trim().trim_end_matches('.').to_ascii_lowercase();
    HAND_WAVES.contains(&cause.as_str())
}

fn run(ctx: &Context, out: &mut Output) {
    let mut incidents: BTreeMap<(&str, &str), Vec<&PostmortemAction>> = BTreeMap::new();
    for action in &ctx.dataset.postmortem_actions {
        incidents.entry((action.team.as_str(), action.incident.as_str())).or_default().push(action);
    }
    for ((team, incident), actions) in incidents {
        let mut gaps = Vec::new();
        let has_guard = actions.iter().any(|a| matches!(a.action_kind, Some(ActionKind::Detect | ActionKind::Prevent)));
        if !has_guard {
            gaps.push("no detect or prevent action".to_string());
        }
        // Rows of one incident may repeat the cause; any concrete one counts.
        if actions.iter().all(|a| is_hand_wave(&a.root_cause)) {
            let cause = actions[0].root_cause.trim();
            gaps.push(if cause.is_empty() { "no root cause".to_string() } else { format!("root cause \"{cause}\"") });
        }
        let real_actions: Vec<&&PostmortemAction> = actions.iter().filter(|a| !a.action_item.trim().is_empty()).collect();
        let unowned = real_actions.iter().filter(|a| a.owner.as_deref().is_none_or(|o| o.trim().is_empty())).count();
        let undated = real_actions.iter().filter(|a| a.due.is_none()).count();
        if unowned > 0 {
            gaps.push(format!("{unowned} action(s) without owner"));
        }
        if undated > 0 {
            gaps.push(format!("{undated} action(s) without due date"));
        }
        if gaps.is_empty() {
            continue;
        }
        let severity = if gaps.len() >= 2 { Severity::High } else { Severity::Medium };
        out.push(
            Finding::draft(ID, team, incident)
                .severity(severity)
                .measured(0.0, gaps.len() as f64, Unit::Count)
                .evidence(ctx, actions.iter().map(|a| a.source))
                .why(format!("The postmortem of {incident} has {}.", gaps.join(", ")))
                .ask(format!("What would tell us sooner if {incident} started happening again, and who owns that?")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{is_hand_wave, ID};
    use crate::dataset::ActionKind::{Mitigate, Prevent, Process};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn hand_wave_incident_without_prevention_fires_with_every_gap() {
        let mut fx = Fixture::new();
        fx.postmortem("INC-7", "Pipes", "Human error.", "Restart the broker", Some(Mitigate), Some("Chen Wei"), None);
        fx.postmortem("INC-7", "Pipes", "Human error.", "Write a runbook", Some(Process), None, Some("2026-03-01"));
        // Near miss: concrete cause, a prevent action, owners and dates.
        fx.postmortem("INC-8", "Pipes", "Disk filled by unrotated logs", "Rotate logs daily", Some(Prevent), Some("Chen Wei"), Some("2026-02-01"));
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!((f.subject.as_str(), f.team.as_str(), f.observed.value), ("INC-7", "Pipes", 4.0));
        assert!(f.why.contains("no detect or prevent action, root cause \"Human error.\", 1 action(s) without owner, 1 action(s) without due date"), "{}", f.why);
        assert_eq!(cites(f), ["postmortems.csv:2", "postmortems.csv:3"]);
    }

    #[test]
    fn hand_waves_are_exact_phrases_not_substrings() {
        assert!(is_hand_wave(" Human Error "));
        assert!(is_hand_wave(""));
        assert!(!is_hand_wave("Human error made likely by a confusing deploy UI"));
    }
}
