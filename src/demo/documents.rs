//! What a team writes down: weekly updates, decisions, OKRs, postmortems,
//! design docs and interventions, one file each.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{Generator, Team, WORK};

impl Generator {
    /// Weekly Friday updates; `stale_days` stops them that long ago, and
    /// `repeat` makes the last two say the same thing.
    pub(super) fn updates(&mut self, team: &Team, stale_days: Option<i64>, latest_status: &str, repeat: Option<&str>) {
        let last_day = self.today - Duration::days(stale_days.unwrap_or(0));
        let mut fridays = Vec::new();
        let mut day = self.start;
        while day < last_day {
            if day.weekday() == Weekday::Fri {
                fridays.push(day);
            }
            day += Duration::days(1);
        }
        if stale_days.is_some() {
            fridays.push(last_day);
        }
        for (i, friday) in fridays.iter().enumerate() {
            let from_end = fridays.len() - 1 - i;
            let status = if from_end == 0 { latest_status } else { "green" };
            let summary = match repeat {
                Some(text) if from_end < 2 => text.to_string(),
                _ => format!("Week {}: {} moving, next up {}", i + 1, self.rng.pick(&WORK), self.rng.pick(&WORK)),
            };
            self.files.updates.text(&team.name).date(Some(*friday)).text(status).text(&summary).end();
        }
    }

    /// Roughly one decision every nine days, edge-heavy and fast. With
    /// `skewed`, most go up to functional and executive level.
    pub(super) fn decisions(&mut self, team: &Team, skewed: bool) {
        const HEALTHY: [&str; 10] = ["edge", "edge", "functional", "edge", "executive", "edge", "functional", "edge", "edge", "edge"];
        const SKEWED: [&str; 8] = ["executive", "functional", "edge", "executive", "functional", "executive", "edge", "functional"];
        let pattern: &[&str] = if skewed { &SKEWED } else { &HEALTHY };
        let mut raised = self.start + Duration::days(3);
        let mut i = 0;
        while raised < self.today - Duration::days(14) {
            let level = pattern[i % pattern.len()];
            let (days, approvals): (i64, Vec<&str>) = match level {
                "edge" => (self.rng.between(0, 2), vec![team.engineers[0].as_str()]),
                "functional" => (self.rng.between(1, 6), vec![team.engineers[0].as_str(), team.manager.as_str()]),
                _ => (self.rng.between(3, 12), vec![team.manager.as_str(), "Daniel Wright"]),
            };
            let title = format!("{} approach for {}", if i % 2 == 0 { "Pick" } else { "Agree" }, self.rng.pick(&WORK));
            self.files.decisions.text(&title).text(&team.name).text(level).date(Some(raised)).date(Some(raised + Duration::days(days))).list(&approvals).end();
            raised += Duration::days(self.rng.between(6, 12));
            i += 1;
        }
    }

    pub(super) fn decision(&mut self, team: &Team, title: &str, level: &str, raised_days_ago: i64, decided_days_ago: Option<i64>, approvals: &[&str]) {
        let raised = self.today - Duration::days(raised_days_ago);
        let decided = decided_days_ago.map(|d| self.today - Duration::days(d));
        self.files.decisions.text(title).text(&team.name).text(level).date(Some(raised)).date(decided).list(approvals).end();
    }

    /// The quarter containing `day`, written `2026-Q1`, and its bounds.
    pub(super) fn quarter_of(day: NaiveDate) -> (String, NaiveDate, NaiveDate) {
        let q = day.month0() / 3;
        let start = NaiveDate::from_ymd_opt(day.year(), q * 3 + 1, 1).expect("quarter start");
        let next = if q == 3 {
            NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(day.year(), q * 3 + 4, 1)
        }
        .expect("next quarter");
        (format!("{}-Q{}", day.year(), q + 1), start, next - Duration::days(1))
    }

    /// The quarter in which a zero-progress key result is past its
    /// midpoint today: the current one in its second half, else the last.
    pub(super) fn not_started_quarter(&self) -> String {
        let (current, start, end) = Self::quarter_of(self.today);
        if self.today > start + Duration::days((end - start).num_days() / 2) {
            current
        } else {
            Self::quarter_of(start - Duration::days(1)).0
        }
    }

    pub(super) fn key_result(&mut self, team: &Team, quarter: &str, objective: &str, key_result: &str, progress: f64) {
        let progress = format!("{progress:.2}");
        self.files.okrs.text(&team.name).text(quarter).text(objective).text(key_result).text(&progress).end();
    }

    pub(super) fn healthy_okrs(&mut self, team: &Team) {
        let (quarter, ..) = Self::quarter_of(self.today);
        let base = self.rng.between(20, 60);
        let target = base + base * self.rng.between(10, 50) / 100;
        let kr = format!("Raise {} adoption from {base}% to {target}%", self.rng.pick(&WORK));
        let progress = self.rng.between(10, 60) as f64 / 100.0;
        self.key_result(team, &quarter, "Customers rely on us", &kr, progress);
        let from = self.rng.between(400, 900);
        let kr = format!("Cut p95 latency from {from}ms to {}ms", from * 3 / 4);
        self.key_result(team, &quarter, "Fast everywhere", &kr, 0.3);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn postmortem_row(&mut self, incident: &str, team: &Team, day: NaiveDate, cause: &str, action: &str, kind: &str, owner: Option<&str>, due: Option<NaiveDate>) {
        self.files.postmortems.text(incident).text(&team.name).date(Some(day)).text(cause).text(action).text(kind).text(owner.unwrap_or("")).date(due).end();
    }

    pub(super) fn healthy_incident(&mut self, team: &Team, number: u32) {
        let incident = format!("INC-{number}");
        let day = self.today - Duration::days(self.rng.between(10, 60));
        let topic = *self.rng.pick(&WORK);
        let cause = format!("Unbounded retry loop in {topic} exhausted the connection pool");
        let owner = team.engineers[1].clone();
        self.postmortem_row(&incident, team, day, &cause, &format!("Alert on {topic} pool saturation"), "detect", Some(&owner), Some(day + Duration::days(14)));
        self.postmortem_row(&incident, team, day, &cause, &format!("Cap retries in {topic} with backoff"), "prevent", Some(&owner), Some(day + Duration::days(21)));
    }

    pub(super) fn design_doc(&mut self, team: &Team, doc: &str, approvers: &[&str], required: &[&str]) {
        let day = self.today - Duration::days(self.rng.between(5, 40));
        self.files.design_docs.text(doc).text(&team.name).text(&team.engineers[0]).date(Some(day)).list(approvers).list(required).end();
    }

    pub(super) fn intervention(&mut self, team: &Team, started_days_ago: i64, planned_days: Option<i64>, ended_days_ago: Option<i64>, exit: &str, reason: &str) {
        let started = self.today - Duration::days(started_days_ago);
        let planned = planned_days.map(|d| started + Duration::days(d));
        let ended = ended_days_ago.map(|d| self.today - Duration::days(d));
        self.files.interventions.text(&team.name).date(Some(started)).date(planned).date(ended).text(exit).text(reason).end();
    }
}
