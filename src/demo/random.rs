//! `Medium` and `Org2k`: many teams with generated names and the same
//! healthy background, deviations planted at random (seeded), for views
//! and benchmarks.

use chrono::Duration;

use super::{at, Flavor, Generator, WORK};

const FIRST_NAMES: [&str; 48] = [
    "Aaliyah", "Bruno", "Carmen", "Dmitri", "Esther", "Felix", "Gabriela", "Hamza", "Ingrid", "Jamal", "Keiko", "Lars",
    "Magdalena", "Nikhil", "Olivia", "Pavel", "Quinn", "Rosa", "Stefan", "Tanvi", "Umar", "Valentina", "Wen", "Ximena",
    "Yaw", "Zofia", "Adrian", "Beatriz", "Cyrus", "Dalia", "Emeka", "Fiona", "Gustavo", "Hana", "Ibrahim", "Julia",
    "Kofi", "Leila", "Mateo", "Nadia", "Oscar", "Paloma", "Rahul", "Sofia", "Tariq", "Uma", "Viktor", "Wanjiru",
];
const LAST_NAMES: [&str; 48] = [
    "Abara", "Bianchi", "Castillo", "Dimitrov", "Eriksen", "Fontaine", "Gallagher", "Hoffmann", "Iyer", "Jansen",
    "Kaplan", "Lindgren", "Moreau", "Novak", "Oyelaran", "Popescu", "Quintero", "Rossi", "Schneider", "Takahashi",
    "Uddin", "Varga", "Whitfield", "Xu", "Yilmaz", "Zielinski", "Alvarez", "Brennan", "Chowdhury", "Delgado", "Engström",
    "Fischer", "Gonçalves", "Horvat", "Ishikawa", "Jovanović", "Kowalczyk", "Lambert", "Mensah", "Nakamura", "Ortiz",
    "Petrov", "Reyes", "Sandoval", "Tan", "Ueda", "Vasquez", "Wójcik",
];
const TEAM_ADJECTIVES: [&str; 20] = [
    "Amber", "Blue", "Copper", "Crimson", "Emerald", "Golden", "Granite", "Indigo", "Iron", "Jade", "Lunar", "Nimbus",
    "Obsidian", "Polar", "Quartz", "Scarlet", "Silver", "Solar", "Velvet", "Violet",
];
const TEAM_NOUNS: [&str; 20] = [
    "Falcons", "Harbor", "Lynx", "Meadow", "Orbit", "Otters", "Pines", "Prism", "Ravens", "Reef", "Ridge", "River",
    "Rockets", "Sparrows", "Summit", "Tides", "Tigers", "Vale", "Wolves", "Zephyr",
];

/// Teams of the 200-team org planted for systemic findings, and decoys
/// that must not be one (the e2e test and `tests/systemic_org.rs` check
/// both). By team position, so every seed plants the same teams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Planted {
    /// Every engineer merges every 9–12 days, last 8–11 days ago: quiet
    /// contributor fires for all of them on a greenfield team (7 days),
    /// and the team's own history suggests a looser norm.
    SlowCadence,
    /// All engineers but two last merged 16 days ago or more after a
    /// normal history: systemic, but the history fits the norm
    /// (something is in the way).
    Blocked,
    /// Decoy: 2 engineers quiet, individual findings only.
    TwoQuiet,
    /// Decoy: just under half the engineers quiet (4 of 9, 3 of 7).
    UnderHalf,
}

impl Planted {
    fn quiet_engineers(self, engineers: usize) -> usize {
        match self {
            Planted::SlowCadence => 0,
            Planted::Blocked => engineers - 2,
            Planted::TwoQuiet => 2,
            Planted::UnderHalf => (engineers - 1) / 2,
        }
    }
}

/// Where the planted teams are: the first four in the Medium org too, so
/// the native tests see them without the 2,000-person org.
const PLANTED: [(usize, Planted); 5] =
    [(3, Planted::SlowCadence), (8, Planted::Blocked), (13, Planted::TwoQuiet), (17, Planted::UnderHalf), (102, Planted::SlowCadence)];

fn planted(t: usize) -> Option<Planted> {
    PLANTED.iter().find(|(at, _)| *at == t).map(|(_, plan)| *plan)
}

fn team_name(t: usize) -> String {
    let name = format!("{} {}", TEAM_ADJECTIVES[t % 20], TEAM_NOUNS[(t / 20 + t * 7) % 20]);
    if t >= 400 { format!("{name} {}", t / 400 + 1) } else { name }
}

/// The planted teams of an org of `team_count` teams, by name.
pub fn planted_teams(team_count: usize) -> Vec<(String, Planted)> {
    PLANTED.iter().filter(|(t, _)| *t < team_count).map(|(t, plan)| (team_name(*t), *plan)).collect()
}

impl Generator {
    /// A team that merges slowly by nature: every 9–12 days, each
    /// engineer's last merge 8–11 days ago.
    fn slow_cadence_background(&mut self, team: &mut super::Team, concentrated: bool) {
        for engineer in team.engineers.clone() {
            let mut day = self.today - Duration::days(self.rng.between(8, 11));
            while day > self.start {
                let created = at(day - Duration::days(1), 10, 0);
                self.reviewed_pr(team, &engineer, created, created + Duration::hours(3), at(day, 11, 0), concentrated);
                day -= Duration::days(self.rng.between(9, 12));
            }
            self.issue_history(team, &engineer);
        }
    }

    pub(super) fn random_org(&mut self, team_count: usize, people_per_team: usize) {
        let mut names: Vec<(usize, usize)> = (0..FIRST_NAMES.len()).flat_map(|f| (0..LAST_NAMES.len()).map(move |l| (f, l))).collect();
        // Fisher–Yates with the seeded generator: a different cast per seed.
        for i in (1..names.len()).rev() {
            let j = self.rng.below(i as u64 + 1) as usize;
            names.swap(i, j);
        }
        let mut next_name = names.into_iter().map(|(f, l)| format!("{} {}", FIRST_NAMES[f], LAST_NAMES[l]));
        let flavors = [Flavor::Greenfield, Flavor::Infra, Flavor::Legacy];

        for t in 0..team_count {
            let name = team_name(t);
            let key = format!("T{}{}", (b'A' + (t / 26 % 26) as u8) as char, (b'A' + (t % 26) as u8) as char);
            let manager = next_name.next().expect("enough names");
            let engineers: Vec<String> = (1..people_per_team).map(|_| next_name.next().expect("enough names")).collect();
            let engineer_refs: Vec<&str> = engineers.iter().map(String::as_str).collect();
            let flavor = flavors[t % 3];
            let mut team = self.add_team(&name, flavor, &key, &manager, &engineer_refs);

            let quiet_days = if self.rng.chance(0.3) { self.rng.between(8, 25) } else { 0 };
            let quiet = if quiet_days > 0 { vec![(engineer_refs[engineer_refs.len() - 1], quiet_days)] } else { vec![] };
            let concentrated = self.rng.chance(0.1);
            match planted(t) {
                None => self.background(&mut team, &quiet, concentrated),
                Some(Planted::SlowCadence) => self.slow_cadence_background(&mut team, concentrated),
                Some(Planted::Blocked) | Some(Planted::TwoQuiet) | Some(Planted::UnderHalf) => {
                    let count = planted(t).expect("planted").quiet_engineers(engineer_refs.len());
                    let quiet: Vec<(&str, i64)> = engineer_refs[..count].iter().enumerate().map(|(i, e)| (*e, 16 + i as i64)).collect();
                    self.background(&mut team, &quiet, concentrated);
                }
            }

            if self.rng.chance(0.3) {
                let workdays = self.rng.between(1, 6) as u32;
                self.waiting_pr(&team, &engineers[2], workdays, &[&engineers[0], &engineers[1]]);
            }
            if self.rng.chance(0.3) {
                let age = self.rng.between(5, 30);
                let created = at(self.today - Duration::days(age), 10, 0);
                let sprint = Some(self.sprint_name(&team, created.date()));
                let assignee = engineers[3].clone();
                self.issue(&mut team, &assignee, 5, created, None, [sprint, None], true);
            }
            if self.rng.chance(0.25) {
                let created = at(self.today - Duration::days(18), 10, 0);
                let sprints = [Some(self.sprint_name(&team, created.date())), Some(self.sprint_name(&team, self.today - Duration::days(2)))];
                let assignee = engineers[1].clone();
                self.issue(&mut team, &assignee, 3, created, None, sprints, false);
            }
            if self.rng.chance(0.15) {
                let assignee = engineers[4 % engineers.len()].clone();
                for _ in 0..3 {
                    let sprint = Some(self.sprint_name(&team, self.today - Duration::days(1)));
                    self.issue(&mut team, &assignee, 1, at(self.today - Duration::days(1), 11, 0), None, [sprint, None], true);
                }
            }
            let incident = 3000 + t as u32;
            if self.rng.chance(0.2) {
                let day = self.today - Duration::days(self.rng.between(5, 40));
                let owner = engineers[0].clone();
                self.postmortem_row(&format!("INC-{incident}"), &team, day, "Human error", "Add a confirmation prompt", "process", Some(&owner), None);
            } else {
                self.healthy_incident(&team, incident);
            }
            let doc = format!("{} design", self.rng.pick(&WORK));
            if self.rng.chance(0.2) {
                self.design_doc(&team, &doc, &[&team.manager], &[&team.manager, &engineers[0]]);
            } else {
                self.design_doc(&team, &doc, &[&team.manager, &engineers[0]], &[&team.manager]);
            }
            self.healthy_okrs(&team);
            if self.rng.chance(0.2) {
                let quarter = self.not_started_quarter();
                let kr = format!("Migrate {} to the new platform", self.rng.pick(&WORK));
                self.key_result(&team, &quarter, "Operate with less toil", &kr, 0.0);
            }
            let stale = self.rng.chance(0.15).then(|| self.rng.between(15, 40));
            let status = *self.rng.pick(&["green", "green", "green", "yellow", "red"]);
            let repeat = self.rng.chance(0.1).then_some("Making progress, no blockers");
            self.updates(&team, stale, status, repeat);
            let skewed = self.rng.chance(0.1);
            self.decisions(&team, skewed);
            if self.rng.chance(0.3) {
                let open_for = self.rng.between(10, 40);
                let title = format!("Retire {}", self.rng.pick(&WORK));
                self.decision(&team, &title, "functional", open_for, None, &[&engineers[0], &team.manager]);
            }
            self.healthy_roles(&team);
            if self.rng.chance(0.1) {
                self.role(&team, "Incident commander", true, None);
            }
            if self.rng.chance(0.1) {
                let planned = self.rng.between(14, 42);
                let exit = if self.rng.chance(0.5) { "Error budget respected for a month" } else { "" };
                self.intervention(&team, 60, Some(planned), None, exit, "Weekly delivery check-in");
            }
        }

        const ROLES: [&str; 6] = ["VP Sales", "CFO", "Support Lead", "Head of Security", "COO", "Head of Design"];
        for (i, role) in ROLES.iter().enumerate() {
            let name = next_name.next().expect("enough names");
            let power = [5, 5, 2, 2, 4, 1][i];
            let interest = [5, 2, 4, 5, 4, 1][i];
            let contact = self.rng.chance(0.8).then(|| self.rng.between(1, 80));
            self.stakeholder(&name, role, power, interest, contact);
        }
        self.stakeholder("Daniel Wright", "CTO", 5, 4, Some(3));
    }
}
