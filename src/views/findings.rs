//! Findings as the views show them: plain strings the lead fills from
//! `crate::findings`, so views, report and CSV do not depend on its types.

use serde::{Deserialize, Serialize};

use crate::views::table::{Table, ToTable};
use crate::views::Names;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    pub tripwire: String,
    pub team: String,
    /// PR, doc, key result, stakeholder, decision, incident or role.
    pub subject: String,
    pub person: Option<String>,
    pub severity: String,
    /// With units, e.g. "7 days".
    pub norm: String,
    pub observed: String,
    /// `file:line` of each row the finding rests on.
    pub evidence: Vec<String>,
    pub why: String,
    /// The question the leader could ask.
    pub ask: String,
}

impl FindingRow {
    /// The same finding as presenter mode shows it: the person pseudonymised
    /// and every known name scrubbed from the free text.
    pub fn presented(&self, names: &Names) -> FindingRow {
        FindingRow {
            tripwire: self.tripwire.clone(),
            team: self.team.clone(),
            subject: names.text(&self.subject),
            person: self.person.as_deref().map(|p| names.person(p)),
            severity: self.severity.clone(),
            norm: self.norm.clone(),
            observed: names.text(&self.observed),
            evidence: self.evidence.clone(),
            why: names.text(&self.why),
            ask: names.text(&self.ask),
        }
    }
}

pub fn present_all(rows: &[FindingRow], names: &Names) -> Vec<FindingRow> {
    rows.iter().map(|r| r.presented(names)).collect()
}

pub const HEADERS: [&str; 10] = ["Tripwire", "Team", "Subject", "Person", "Severity", "Norm", "Observed", "Evidence", "Why", "Question to ask"];

impl FindingRow {
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.tripwire.clone(),
            self.team.clone(),
            self.subject.clone(),
            self.person.clone().unwrap_or_default(),
            self.severity.clone(),
            self.norm.clone(),
            self.observed.clone(),
            self.evidence.join("; "),
            self.why.clone(),
            self.ask.clone(),
        ]
    }
}

impl ToTable for [FindingRow] {
    fn to_table(&self) -> Table {
        let mut table = Table::new("Findings", &HEADERS);
        for row in self {
            table.push(row.cells());
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::{synthetic, Presenter};

    #[test]
    fn presented_findings_carry_no_real_names() {
        let d = synthetic::small_org();
        let who = d.people[0].name.clone();
        let row = FindingRow {
            tripwire: "quiet_contributor".into(),
            team: "Team 000".into(),
            subject: format!("PR by {who}"),
            person: Some(who.clone()),
            why: format!("{who} has not merged for 20 days."),
            ask: format!("What is {} working on?", who.to_lowercase()),
            ..Default::default()
        };
        let shown = row.presented(&Names::new(&d, Presenter::On));
        let text = [shown].to_table().all_text();
        assert!(!text.to_lowercase().contains(&who.to_lowercase()), "{text}");
        assert!(text.contains("Person "));
    }
}
