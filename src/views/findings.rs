//! Findings as the views show them: plain strings the lead fills from
//! `crate::findings`, so views, report and CSV do not depend on its types.

use serde::{Deserialize, Serialize};

use crate::views::table::{Table, ToTable};

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
