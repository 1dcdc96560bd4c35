//! `decision_distribution`: a team whose decisions of the trailing 26 weeks
//! were taken at the edge far less often than the 60/20/20 reference, and
//! the same judged over the whole organisation, which fires even when no
//! team has enough decisions of its own (3 teams × 2 decisions, mostly
//! executive, is a pattern no single team shows).

use std::collections::BTreeMap;

use chrono::Duration;

use super::{Context, Finding, Output, Phase, Tripwire, Unit, ORGANISATION};
use crate::dataset::{Decision, DecisionLevel};

pub const ID: &str = "decision_distribution";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Decision distribution", phase: Phase::Rows, run };

pub const REFERENCE_PERCENT: [f64; 3] = [60.0, 20.0, 20.0];
/// Fires when the edge share is this many points under the reference.
const TOLERANCE_POINTS: f64 = 20.0;
const WINDOW_DAYS: i64 = 182;
const MIN_DECISIONS: usize = 5;

fn run(ctx: &Context, out: &mut Output) {
    let since = ctx.today - Duration::days(WINDOW_DAYS);
    let mut by_team: BTreeMap<&str, Vec<(&Decision, DecisionLevel)>> = BTreeMap::new();
    for decision in &ctx.dataset.decisions {
        let (Some(level), Some(raised)) = (decision.level, decision.raised) else { continue };
        if raised >= since && raised <= ctx.today {
            by_team.entry(decision.team.as_str()).or_default().push((decision, level));
        }
    }
    let teams = by_team.len();
    let mut organisation: Vec<(&Decision, DecisionLevel)> = Vec::new();
    for (team, decisions) in by_team {
        organisation.extend(decisions.iter().copied());
        let judged = Judged {
            owner: team,
            subject: "decision levels",
            whose: format!("{team}'s"),
            across: String::new(),
            within: "",
            ask: "Which of these decisions could the team have taken itself, and what would it need for that?",
        };
        judge(ctx, out, judged, &decisions);
    }
    // One team's split is already judged above; the organisation's adds
    // something only when two or more teams (or teamless rows) make it up.
    if teams < 2 {
        return;
    }
    organisation.sort_by_key(|(d, _)| d.source);
    let judged = Judged {
        owner: ORGANISATION,
        subject: "decision levels (organisation)",
        whose: "the organisation's".into(),
        across: format!(", across {teams} teams"),
        within: " across the organisation",
        ask: "Which kinds of decision keep going up, and what would teams need to take them themselves?",
    };
    judge(ctx, out, judged, &organisation);
}

/// Whose decisions are judged, and how the finding names them.
struct Judged<'a> {
    owner: &'a str,
    subject: &'a str,
    /// "Atlas's", "the organisation's".
    whose: String,
    /// Said after the count in a finding: ", across 3 teams".
    across: String,
    /// Said after the count when there are too few: " across the organisation".
    within: &'a str,
    ask: &'a str,
}

/// One split against the reference: not enough data under
/// [`MIN_DECISIONS`], a finding when the edge share is
/// [`TOLERANCE_POINTS`] or more under it.
fn judge(ctx: &Context, out: &mut Output, judged: Judged, decisions: &[(&Decision, DecisionLevel)]) {
    let Judged { owner, subject, whose, across, within, ask } = judged;
    if decisions.len() < MIN_DECISIONS {
        let reason = format!("{} leveled decisions in 26 weeks{within}; at least {MIN_DECISIONS} are needed", decisions.len());
        out.not_enough_data(ctx, ID, Some(owner), subject, reason, []);
        return;
    }
    let split = split_of(decisions);
    if split[0] >= REFERENCE_PERCENT[0] - TOLERANCE_POINTS {
        return;
    }
    out.push(
        Finding::draft(ID, owner, subject)
            .measured(REFERENCE_PERCENT[0], split[0], Unit::Percent)
            .evidence(ctx, decisions.iter().map(|(d, _)| d.source).take(25))
            .why(format!(
                "Of {whose} {} decisions in the last 26 weeks{across}, {}% were edge, {}% functional and {}% executive; the reference is 60/20/20.",
                decisions.len(),
                split[0],
                split[1],
                split[2]
            ))
            .ask(ask),
    );
}

/// Edge, functional and executive shares in percent, to one decimal.
fn split_of(decisions: &[(&Decision, DecisionLevel)]) -> [f64; 3] {
    let share = |level: DecisionLevel| {
        let count = decisions.iter().filter(|(_, l)| *l == level).count();
        (count as f64 * 1000.0 / decisions.len().max(1) as f64).round() / 10.0
    };
    [share(DecisionLevel::Edge), share(DecisionLevel::Functional), share(DecisionLevel::Executive)]
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::DecisionLevel::{self, Edge, Executive, Functional};
    use crate::testkit::Fixture;

    fn decisions(levels: &[DecisionLevel]) -> Fixture {
        let mut fx = Fixture::new();
        for (i, level) in levels.iter().enumerate() {
            fx.decision(&format!("D{i}"), "Harbor", Some(*level), "2026-02-02", Some("2026-02-03"), &[]);
        }
        fx
    }

    #[test]
    fn decisions_pushed_upwards_fire() {
        let findings = decisions(&[Edge, Functional, Executive, Executive, Functional]).findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert_eq!((findings[0].norm.value, findings[0].observed.value), (60.0, 20.0));
        assert!(findings[0].why.contains("20% were edge, 40% functional and 40% executive"));
        assert_eq!(findings[0].evidence.len(), 5);
    }

    fn across_teams(teams: &[&[DecisionLevel]]) -> Fixture {
        let mut fx = Fixture::new();
        for (t, levels) in teams.iter().enumerate() {
            for (i, level) in levels.iter().enumerate() {
                fx.decision(&format!("T{t}-D{i}"), &format!("Team {t}"), Some(*level), "2026-02-02", Some("2026-02-03"), &[]);
            }
        }
        fx
    }

    #[test]
    fn an_organisation_of_small_teams_deciding_upwards_fires_at_org_level() {
        let fx = across_teams(&[&[Executive, Executive], &[Executive, Edge], &[Functional, Executive]]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1, "{findings:?}");
        let org = &findings[0];
        assert_eq!((org.team.as_str(), org.subject.as_str()), (crate::findings::ORGANISATION, "decision levels (organisation)"));
        assert_eq!((org.norm.value, org.observed.value), (60.0, 16.7));
        assert!(org.why.contains("6 decisions in the last 26 weeks, across 3 teams, 16.7% were edge, 16.7% functional and 66.7% executive"), "{}", org.why);
        assert_eq!(org.evidence.len(), 6);
        assert_eq!(fx.gaps_of(ID, "2026-03-02").len(), 3, "each team still says it has too few of its own");
    }

    #[test]
    fn a_balanced_organisation_or_a_single_team_does_not_fire_at_org_level() {
        let balanced = across_teams(&[&[Edge, Edge], &[Edge, Functional], &[Edge, Executive]]);
        assert!(balanced.findings_of(ID, "2026-03-02").is_empty());
        // Exactly 40 % edge is not under it.
        let at_the_line = across_teams(&[&[Edge, Executive], &[Edge, Functional], &[Executive]]);
        assert!(at_the_line.findings_of(ID, "2026-03-02").is_empty());
        let single = decisions(&[Edge, Functional, Executive, Executive, Functional]).findings_of(ID, "2026-03-02");
        assert_eq!(single.len(), 1, "one team is judged once, as itself");
        assert_eq!(single[0].team, "Harbor");
        let too_few = across_teams(&[&[Executive], &[Executive]]);
        assert!(too_few.findings_of(ID, "2026-03-02").is_empty());
        let gaps = too_few.gaps_of(ID, "2026-03-02");
        assert!(gaps.iter().any(|reason| reason == "2 leveled decisions in 26 weeks across the organisation; at least 5 are needed"), "{gaps:?}");
    }

    #[test]
    fn forty_percent_edge_or_too_few_decisions_do_not_fire() {
        assert!(decisions(&[Edge, Edge, Functional, Executive, Executive]).findings_of(ID, "2026-03-02").is_empty());
        let few = decisions(&[Executive, Executive]);
        assert!(few.findings_of(ID, "2026-03-02").is_empty());
        assert_eq!(few.gaps_of(ID, "2026-03-02").len(), 1);
    }
}
