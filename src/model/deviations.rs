//! Findings the leader accepted as allowed: a reason and an expiry each.
//!
//! An accepted finding stops showing up through its expiry day (inclusive)
//! and fires again the day after, so nothing is waived forever.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ModelError, TeamModel};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedDeviation {
    /// `Finding::key` of what was accepted (`findings::Finding::accepted`
    /// builds the whole value from a finding).
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
    /// From the day it was accepted, so a finding evaluated as of an
    /// earlier day was still open then, through its expiry.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.accepted_on <= today && today <= self.expires
    }
}

impl TeamModel {
    /// Takes a deviation as allowed from its `accepted_on` day until its
    /// expiry (inclusive). A second acceptance of the same finding replaces
    /// the first. The reason is kept trimmed.
    pub fn accept(&mut self, mut deviation: AcceptedDeviation) -> Result<(), ModelError> {
        deviation.reason = deviation.reason.trim().to_string();
        if deviation.reason.is_empty() {
            return Err(ModelError::NoReason);
        }
        if deviation.expires < deviation.accepted_on {
            return Err(ModelError::ExpiryPast { expires: deviation.expires, today: deviation.accepted_on });
        }
        self.accepted.retain(|a| a.key != deviation.key);
        self.accepted.push(deviation);
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
    use crate::testkit::date;

    fn on_call_gap(reason: &str, accepted_on: &str, expires: &str) -> AcceptedDeviation {
        AcceptedDeviation {
            key: "critical_role_gap|Atlas|On-call lead".into(),
            tripwire: "critical_role_gap".into(),
            team: "Atlas".into(),
            subject: "On-call lead".into(),
            reason: reason.into(),
            accepted_on: date(accepted_on),
            expires: date(expires),
        }
    }

    #[test]
    fn an_acceptance_needs_a_reason_and_an_expiry_not_yet_past() {
        let mut model = TeamModel::default();
        assert_eq!(model.accept(on_call_gap("  ", "2026-03-02", "2026-03-31")), Err(ModelError::NoReason));
        let past = model.accept(on_call_gap("hiring", "2026-03-02", "2026-03-01")).unwrap_err();
        assert_eq!(past, ModelError::ExpiryPast { expires: date("2026-03-01"), today: date("2026-03-02") });
        assert_eq!(past.to_string(), "the expiry 2026-03-01 is already past (today is 2026-03-02)");
        assert!(model.accepted.is_empty(), "a refused acceptance changes nothing");

        model.accept(on_call_gap(" Req open ", "2026-03-02", "2026-03-31")).unwrap();
        model.accept(on_call_gap("Req open, start date 2026-03-30", "2026-03-02", "2026-03-31")).unwrap();
        assert_eq!(model.accepted.len(), 1, "the second acceptance replaces the first");
        assert_eq!(model.accepted[0].reason, "Req open, start date 2026-03-30");
        let key = "critical_role_gap|Atlas|On-call lead";
        assert!(model.is_allowed(key, date("2026-03-31")), "through its expiry day");
        assert!(!model.is_allowed(key, date("2026-04-01")));
        assert!(model.revoke(key));
        assert!(!model.is_allowed(key, date("2026-03-15")));
    }
}
