//! The in-app demo (`DemoSize::Small`): three named teams, healthy
//! background, then one planted case of every tripwire next to a near miss
//! that must stay quiet (`tests/demo_org.rs` checks both).

use chrono::Duration;

use super::{at, Flavor, Generator, Team};

impl Generator {
    pub(super) fn small_org(&mut self) {
        let mut comet = self.add_team(
            "Comet",
            Flavor::Greenfield,
            "COM",
            "Elena Petrova",
            &["Jonas Berg", "Mei Tanaka", "Priya Nair", "Samuel Okoro", "Lucía Fernández"],
        );
        let mut bedrock = self.add_team(
            "Bedrock",
            Flavor::Infra,
            "BED",
            "Grace Mwangi",
            &["Noah Kim", "Ines Duarte", "Hugo Lindqvist", "Farah Haddad", "Kwame Asante"],
        );
        let mut ledger = self.add_team(
            "Ledger",
            Flavor::Legacy,
            "LED",
            "Rafael Souza",
            &["Yuki Sato", "Anna Kowalski", "Ben Adeyemi", "Tomás Ruiz", "Chloe Martin"],
        );

        // quiet_contributor: Priya (greenfield, 10 days, PR waiting on review)
        // and Tomás (legacy, 16 days, nothing open). Hugo is the near miss:
        // infra, 10 days quiet, within its 14.
        self.background(&mut comet, &[("Priya Nair", 10)], false);
        self.background(&mut bedrock, &[("Hugo Lindqvist", 10)], false);
        // review_concentration: Anna and Ben do most of Ledger's reviews.
        self.background(&mut ledger, &[("Tomás Ruiz", 16)], true);

        // slow_first_review: Priya's PR has waited four working days.
        // Near miss: Samuel's PR from the last working day.
        self.waiting_pr(&comet, "Priya Nair", 4, &["Jonas Berg", "Mei Tanaka"]);
        self.waiting_pr(&comet, "Samuel Okoro", 1, &["Lucía Fernández"]);

        // slipping_work: a 5-point legacy item 25 days in progress (band 10).
        // Near miss: a 5-point infra item 9 days in (band 10).
        let today = self.today;
        let day = |days: i64| at(today - Duration::days(days), 10, 0);
        let sprint = |g: &Self, team: &Team, days: i64| Some(g.sprint_name(team, g.today - Duration::days(days)));
        let s = sprint(self, &ledger, 25);
        self.issue(&mut ledger, "Chloe Martin", 5, day(25), None, [s, None], true);
        let s = sprint(self, &bedrock, 9);
        self.issue(&mut bedrock, "Kwame Asante", 5, day(9), None, [s, None], true);

        // carry_over: a Comet story in two sprints, still to do. Near miss:
        // one that crossed two sprints and is done.
        let (s1, s2) = (sprint(self, &comet, 20), sprint(self, &comet, 3));
        self.issue(&mut comet, "Jonas Berg", 3, day(20), None, [s1.clone(), s2.clone()], false);
        self.issue(&mut comet, "Mei Tanaka", 2, day(20), Some(day(3)), [s1, s2], false);

        // wip_over_limit: Farah has five items in progress; Noah exactly three.
        for _ in 0..4 {
            let s = sprint(self, &bedrock, 2);
            self.issue(&mut bedrock, "Farah Haddad", 1, day(2), None, [s, None], true);
        }
        for _ in 0..2 {
            let s = sprint(self, &bedrock, 1);
            self.issue(&mut bedrock, "Noah Kim", 1, day(1), None, [s, None], true);
        }

        // postmortem_gap: INC-2041 blames a human and only mitigates.
        // Near miss: INC-2042 is complete.
        let incident_day = self.today - Duration::days(18);
        let due = Some(incident_day + Duration::days(14));
        self.postmortem_row("INC-2041", &bedrock, incident_day, "Human error", "Restart the message broker", "mitigate", Some("Noah Kim"), due);
        self.postmortem_row("INC-2041", &bedrock, incident_day, "Human error", "Remind everyone of the deploy checklist", "process", None, None);
        self.healthy_incident(&bedrock, 2042);
        self.healthy_incident(&comet, 2043);

        // design_doc_approvers: the security lead never approved the split.
        self.design_doc(&ledger, "Split the billing monolith", &["Rafael Souza"], &["Rafael Souza", "Aisha Rahman"]);
        self.design_doc(&comet, "Onboarding service API", &["elena petrova", "Jonas Berg"], &["Elena Petrova"]);
        self.design_doc(&bedrock, "Queue consolidation", &["Grace Mwangi", "Noah Kim"], &["Noah Kim"]);

        // okr_quality: an action and a doubling; okr_not_started: a zero.
        let (quarter, ..) = Self::quarter_of(self.today);
        self.key_result(&comet, &quarter, "New teams succeed on day one", "Launch the new onboarding flow", 0.4);
        self.key_result(&comet, &quarter, "New teams succeed on day one", "Grow weekly active teams from 120 to 300", 0.2);
        self.key_result(&comet, &quarter, "New teams succeed on day one", "Raise activation from 22% to 30%", 0.35);
        let not_started = self.not_started_quarter();
        self.key_result(&ledger, &not_started, "Billing runs itself", "Cut manual invoice fixes from 40 to 25 per month", 0.0);
        self.healthy_okrs(&bedrock);
        self.healthy_okrs(&ledger);

        // stale_update: Bedrock's last update is 20 days old (cadence 14),
        // honestly yellow. watermelon_update: Ledger says green while much
        // fires, and its last two updates repeat themselves. Comet: weekly.
        self.updates(&comet, None, "yellow", None);
        self.updates(&bedrock, Some(20), "yellow", None);
        self.updates(&ledger, None, "green", Some("Steady progress on the billing migration"));

        // decision_latency: a functional decision open for 20 days, and an
        // edge decision that collected five approvals.
        // decision_distribution: Ledger's decisions mostly go upwards.
        self.decisions(&comet, false);
        self.decisions(&bedrock, false);
        self.decisions(&ledger, true);
        self.decision(&bedrock, "Adopt Kafka for the event bus", "functional", 20, None, &["Noah Kim", "Grace Mwangi"]);
        self.decision(&ledger, "Rename the invoice status field", "edge", 6, Some(4), &["Yuki Sato", "Rafael Souza", "Grace Mwangi", "Daniel Wright", "Aisha Rahman"]);
        self.decision(&comet, "Choose the onboarding analytics tool", "functional", 6, Some(1), &["Jonas Berg", "Elena Petrova"]);

        // critical_role_gap: Bedrock's incident commander is vacant and
        // Ledger's database owner has left. Near misses: filled roles.
        for team in [&comet, &bedrock, &ledger] {
            self.healthy_roles(team);
        }
        self.role(&bedrock, "Incident commander", true, None);
        self.role(&ledger, "Database owner", true, Some("Olga Berg"));
        self.role(&comet, "Design partner", false, None);

        // shareholder_drift: Maria (manage closely, 45 days) and Ivy (keep
        // informed, never). Near misses: Tom (keep satisfied, 41 < 60) and
        // Sam (monitor, no cadence).
        self.stakeholder("Maria Costa", "VP Sales", 5, 5, Some(45));
        self.stakeholder("Daniel Wright", "CTO", 5, 4, Some(6));
        self.stakeholder("Tom Reyes", "CFO", 5, 2, Some(41));
        self.stakeholder("Ivy Chen", "Support Lead", 2, 4, None);
        self.stakeholder("Aisha Rahman", "Head of Security", 2, 5, Some(30));
        self.stakeholder("Sam Hart", "Legal Counsel", 1, 1, None);

        // open_intervention: Ledger's daily release review is three weeks
        // past its planned end; Comet's pairing has no exit criterion.
        // Near miss: Bedrock's on-call shadowing ended on time.
        self.intervention(&ledger, 56, Some(35), None, "Two releases without rollback", "Daily release review");
        self.intervention(&comet, 10, Some(30), None, "", "Pairing on the onboarding service");
        self.intervention(&bedrock, 70, Some(28), Some(40), "On-call handled alone for two weeks", "On-call shadowing");
    }
}
