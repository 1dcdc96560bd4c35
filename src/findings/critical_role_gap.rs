//! `critical_role_gap`: a critical role with no holder, or held by someone
//! who is not on the loaded roster.

use super::{Context, Finding, Output, Phase, Severity, Tripwire, Unit};

pub const ID: &str = "critical_role_gap";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Critical role gap", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    let roster_loaded = !ctx.dataset.people.is_empty();
    for role in ctx.dataset.roles.iter().filter(|r| r.critical) {
        let holder = role.holder.as_deref().map(str::trim).filter(|h| !h.is_empty());
        let why = match holder {
            None => format!("The critical role {} on {} has no holder.", role.role, role.team),
            Some(holder) if roster_loaded && ctx.index.team_of(holder).is_none() => {
                format!("The critical role {} on {} is held by {holder}, who is not on the roster.", role.role, role.team)
            }
            Some(_) => continue,
        };
        out.push(
            Finding::draft(ID, &role.team, &role.role)
                .severity(Severity::High)
                .measured(1.0, 0.0, Unit::Count)
                .evidence(ctx, [role.source])
                .why(why)
                .ask(format!("Who covers {} today, and what happens if it is needed tonight?", role.role)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn vacant_or_departed_holder_fires_filled_and_non_critical_do_not() {
        let mut fx = Fixture::new();
        fx.person("Chen Wei", "Pipes", "SRE");
        fx.role("Pipes", "Incident commander", true, None);
        fx.role("Pipes", "Database owner", true, Some("Olga Berg"));
        fx.role("Pipes", "On-call lead", true, Some("Chen Wei"));
        fx.role("Pipes", "Social chair", false, None);
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Database owner", "Incident commander"]);
        assert!(findings[0].why.contains("Olga Berg, who is not on the roster"));
        assert_eq!(cites(&findings[1]), ["roles.csv:2"]);
    }
}
