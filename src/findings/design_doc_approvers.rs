//! `design_doc_approvers`: a design doc missing one of its required approvers.

use super::{join_names, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::hashing::FastSet;

pub const ID: &str = "design_doc_approvers";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Design doc approvers", phase: Phase::Rows, run };

/// Approvers are the same person when their trimmed names match ignoring
/// ASCII case, or when both are one roster person's names
/// (`Index::canonical`); this is the key that comparison uses.
fn person_key(ctx: &Context, name: &str) -> String {
    ctx.index.canonical(name).to_ascii_lowercase()
}

fn run(ctx: &Context, out: &mut Output) {
    for doc in &ctx.dataset.design_docs {
        // A set, not a scan per required approver: both lists are cells
        // that may hold thousands of names.
        let approved: FastSet<String> = doc.approvers.iter().map(|a| person_key(ctx, a)).collect();
        let missing: Vec<&str> = doc
            .required_approvers
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty() && !approved.contains(&person_key(ctx, r)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::draft(ID, &doc.team, &doc.doc)
                .measured(0.0, missing.len() as f64, Unit::Approvals)
                .evidence(ctx, [doc.source])
                .why(format!("\"{}\" has no approval from required approver(s) {}.", doc.doc, join_names(&missing)))
                .ask(format!("Has {} seen \"{}\", and is the work already going ahead without them?", join_names(&missing), doc.doc)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn missing_required_approver_fires_case_differences_do_not() {
        let mut fx = Fixture::new();
        fx.design_doc("Queue v2", "Pipes", &["Chen Wei"], &["Chen Wei", "Priya Nair"]);
        fx.design_doc("Billing split", "Pipes", &["priya nair ", "Chen Wei"], &["Priya Nair"]);
        let findings = fx.findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].subject, "Queue v2");
        assert!(findings[0].why.contains("Priya Nair"));
        assert_eq!(cites(&findings[0]), ["design_docs.csv:2"]);
    }

    #[test]
    fn a_doc_dated_after_the_as_of_date_is_not_seen_yet() {
        let mut fx = Fixture::new();
        fx.design_doc("Queue v2", "Pipes", &["Chen Wei"], &["Chen Wei", "Priya Nair"]).date = Some(crate::testkit::date("2026-03-10"));
        assert!(fx.findings_of(ID, "2026-03-02").is_empty(), "written eight days later");
        assert_eq!(fx.findings_of(ID, "2026-03-10").len(), 1, "seen on its own date");
    }

    #[test]
    fn an_approval_under_another_of_the_approvers_names_counts() {
        let mut fx = crate::testkit::Fixture::new();
        fx.person("Ana Reyes", "Atlas", "Staff Engineer").identities = vec!["areyes".into()];
        fx.design_doc("Ledger v2", "Atlas", &["@AReyes"], &["Ana Reyes"]);
        fx.design_doc("Ledger v3", "Atlas", &["bokafor"], &["Ana Reyes"]);
        let subjects: Vec<String> = fx.findings_of(ID, "2026-03-02").into_iter().map(|f| f.subject).collect();
        assert_eq!(subjects, ["Ledger v3"]);
    }
}
