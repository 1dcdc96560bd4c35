//! Findings the leader accepted as allowed: a reason and an expiry each.
//!
//! An accepted finding stops showing up through its expiry day (inclusive)
//! and fires again the day after, so nothing is waived forever.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TeamModel;
use crate::findings::Finding;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedDeviation {
    /// `Finding::key` of what was accepted.
    pub key: String,
    /// Copied from the finding so the model file reads on its own.
    pub tripwire: String,
    pub team: String,
    pub subject: String,
    pub reason: String,
    pub accepted_on: NaiveDate,
    /// Last day the finding stays allowed.
    pub expires: NaiveDate,
}

impl AcceptedDeviation {
    pub fn is_active(&self, today: NaiveDate) -> bool {
        today <= self.expires
    }
}

impl TeamModel {
    /// Accepts a finding as allowed until `expires` (inclusive). A second
    /// acceptance of the same finding replaces the first.
    pub fn accept(&mut self, finding: &Finding, reason: &str, expires: NaiveDate, today: NaiveDate) -> Result<(), String> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err("say why this deviation is allowed; the reason is what makes it reviewable later".into());
        }
        if expires < today {
            return Err(format!("the expiry {expires} is already past (today is {today})"));
        }
        self.accepted.retain(|a| a.key != finding.key);
        self.accepted.push(AcceptedDeviation {
            key: finding.key.clone(),
            tripwire: finding.tripwire.clone(),
            team: finding.team.clone(),
            subject: finding.subject.clone(),
            reason: reason.to_string(),
            accepted_on: today,
            expires,
        });
        self.accepted.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(())
    }

    /// Withdraws an acceptance; returns whether there was one.
    pub fn revoke(&mut self, key: &str) -> bool {
        let before = self.accepted.len();
        self.accepted.retain(|a| a.key != key);
        before != self.accepted.len()
    }

    /// Whether a finding with this key is currently allowed.
    pub fn is_allowed(&self, key: &str, today: NaiveDate) -> bool {
        self.accepted.iter().any(|a| a.key == key && a.is_active(today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{evaluate, evaluate_report};
    use crate::findings::testkit::{date, Fixture};

    #[test]
    fn accepted_finding_is_silent_until_its_expiry_then_fires_again() {
        let mut fx = Fixture::new();
        fx.team("Atlas", "greenfield");
        fx.role("Atlas", "On-call lead", true, None);
        let today = date("2026-03-02");
        let mut model = TeamModel::from_dataset(&fx.ds);
        let findings = evaluate(&fx.ds, &model, today);
        let gap = findings.iter().find(|f| f.tripwire == "critical_role_gap").expect("fires").clone();

        assert!(model.accept(&gap, "  ", date("2026-03-31"), today).is_err());
        assert!(model.accept(&gap, "hiring", date("2026-03-01"), today).is_err());
        model.accept(&gap, "Req open, start date 2026-03-30", date("2026-03-31"), today).unwrap();

        let report = evaluate_report(&fx.ds, &model, date("2026-03-31"));
        assert!(report.findings.iter().all(|f| f.key != gap.key));
        assert!(report.allowed.iter().any(|f| f.key == gap.key));
        assert!(evaluate(&fx.ds, &model, date("2026-04-01")).iter().any(|f| f.key == gap.key));

        assert!(model.revoke(&gap.key));
        assert!(evaluate(&fx.ds, &model, date("2026-03-15")).iter().any(|f| f.key == gap.key));
    }
}
