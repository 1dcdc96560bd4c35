//! What tripwire tests ask of the shared fixture kit ([`crate::testkit`]):
//! the model its rows imply, and what the tripwires find in them.

use crate::dataset::Index;
use crate::findings::{evaluate, evaluate_report, Finding, Report};
use crate::model::TeamModel;
use crate::testkit::{date, Fixture};

impl Fixture {
    pub(crate) fn model(&self) -> TeamModel {
        TeamModel::from_dataset(&self.ds)
    }

    pub(crate) fn report(&self, today: &str) -> Report {
        evaluate_report(&Index::new(&self.ds), &self.model(), date(today))
    }

    /// Findings of one tripwire only, as the full evaluation produces them.
    pub(crate) fn findings_of(&self, tripwire: &str, today: &str) -> Vec<Finding> {
        self.findings_under(&self.model(), tripwire, today)
    }

    /// [`Fixture::findings_of`] under a model of the test's own, such as one listing bots.
    pub(crate) fn findings_under(&self, model: &TeamModel, tripwire: &str, today: &str) -> Vec<Finding> {
        evaluate(&self.ds, model, date(today)).into_iter().filter(|f| f.tripwire == tripwire).collect()
    }

    /// Data gaps one tripwire reported.
    pub(crate) fn gaps_of(&self, tripwire: &str, today: &str) -> Vec<String> {
        self.report(today).not_enough_data.into_iter().filter(|g| g.tripwire == tripwire).map(|g| g.reason).collect()
    }
}

/// The `file:line` citations of a finding, for compact assertions.
pub(crate) fn cites(finding: &Finding) -> Vec<&str> {
    finding.evidence.iter().map(|e| e.cite.as_str()).collect()
}
