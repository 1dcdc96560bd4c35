//! "What changed" as tables: the same five tables on the page (a page of
//! rows at a time) and in the HTML report, made from the snapshot's
//! [`Changes`] only, so in presenter mode both show pseudonyms.

use crate::findings::Measure;
use crate::review::diff::{FindingChange, PersonMove};
use crate::review::Changes;
use crate::views::report::ChangedSection;
use crate::views::table::Table;

use super::analysis::severity_label;

/// The heading over the tables: what is compared with what.
pub fn heading(changes: &Changes) -> String {
    format!("What changed since {} (saved review {}), as of {}", changes.since, changes.saved_file, changes.as_of)
}

/// One line of counts, for the top of the page and the report.
pub fn counts(changes: &Changes) -> String {
    let moved = changes.stakeholders.iter().filter(|s| s.moved()).count();
    let uncontacted = changes.stakeholders.iter().filter(|s| s.uncontacted).count();
    format!(
        "{} new, {} resolved, {} persisting findings · roster moves: {} · stakeholders who moved quadrant: {}, not contacted since: {} · norms changed: {}",
        changes.new.len(),
        changes.resolved.len(),
        changes.persisting.len(),
        changes.roster.len(),
        moved,
        uncontacted,
        changes.norms.len()
    )
}

/// The tables, in page order: findings, teams, roster, stakeholders, norms.
pub fn tables(changes: &Changes) -> Vec<Table> {
    vec![findings_table(changes), teams_table(changes), roster_table(&changes.roster), stakeholders_table(changes), norms_table(changes)]
}

/// The report's section.
pub fn section(changes: &Changes) -> ChangedSection {
    ChangedSection { heading: heading(changes), summary: counts(changes), tables: tables(changes) }
}

fn measure(m: Option<Measure>) -> String {
    m.map_or_else(String::new, |m| m.to_string())
}

fn findings_table(changes: &Changes) -> Table {
    let mut table = Table::new(
        format!("Findings since {}", changes.since),
        &["Change", "Tripwire", "Team", "Subject", "Severity", "Then", "Now", "Open for"],
    );
    let lists: [(&str, &[FindingChange]); 3] = [("new", &changes.new), ("resolved", &changes.resolved), ("persisting", &changes.persisting)];
    for (what, list) in lists {
        for f in list {
            table.push(vec![
                what.into(),
                f.tripwire.clone(),
                f.team.clone(),
                f.subject.clone(),
                severity_label(f.severity).into(),
                measure(f.before),
                measure(f.now),
                f.persisted_days.map_or_else(String::new, |d| format!("{d} days")),
            ]);
        }
    }
    table
}

fn teams_table(changes: &Changes) -> Table {
    let mut table = Table::new("Teams that changed most", &["Team", "New", "Resolved", "Persisting", "Joined", "Left"]);
    for t in &changes.teams {
        table.push(vec![t.team.clone(), t.new.to_string(), t.resolved.to_string(), t.persisting.to_string(), t.joined.to_string(), t.left.to_string()]);
    }
    table
}

fn roster_table(moves: &[PersonMove]) -> Table {
    let mut table = Table::new("People who joined or left teams", &["Person", "Change", "From", "To"]);
    for m in moves {
        let change = match (&m.from, &m.to) {
            (None, _) => "joined",
            (_, None) => "left",
            _ => "moved",
        };
        table.push(vec![m.person.clone(), change.into(), m.from.clone().unwrap_or_default(), m.to.clone().unwrap_or_default()]);
    }
    table
}

fn stakeholders_table(changes: &Changes) -> Table {
    let mut table = Table::new(
        "Stakeholders who moved quadrant or went uncontacted",
        &["Stakeholder", "Then", "Now", "Moved quadrant", "No contact since the saved review"],
    );
    for s in &changes.stakeholders {
        table.push(vec![
            s.name.clone(),
            s.before.map_or("not listed", |q| q.label()).into(),
            s.after.map_or("no longer listed", |q| q.label()).into(),
            if s.moved() { "yes" } else { "no" }.into(),
            if s.uncontacted { "yes" } else { "no" }.into(),
        ]);
    }
    table
}

fn norms_table(changes: &Changes) -> Table {
    let mut table = Table::new("Norms changed between the two models", &["Team", "Norm", "Then", "Now"]);
    for n in &changes.norms {
        table.push(vec![n.team.clone(), n.norm.clone(), n.before.clone(), n.after.clone()]);
    }
    table
}
