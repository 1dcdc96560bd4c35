//! The seeded, deterministic demo organisation.
//!
//! It writes the same files a user would drop: the teamdiff templates plus
//! a Jira Cloud CSV export. Every team gets healthy background activity
//! (regular merges, quick and spread-out reviews, small items finished
//! within their band, weekly updates, edge-heavy decisions); deviations
//! are then planted on top. `Small`, the in-app demo, plants one of every
//! tripwire plus near misses that must stay quiet (see the test in
//! `tests/demo_org.rs`). `Medium` and `Org2k` plant deviations at random,
//! seeded, for views and benchmarks.
//!
//! Rows are written straight into pre-sized CSV buffers, so the 2,000-person
//! organisation (over a million rows) is generated in a second or two.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoSize {
    /// Three teams of six, twelve weeks: every tripwire fires once or more.
    Small,
    /// Twenty teams of eight, twenty-six weeks.
    Medium,
    /// Two hundred teams of ten, two years: the benchmark organisation.
    Org2k,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Generates the organisation's files. Same size, seed and day, same bytes.
pub fn generate(size: DemoSize, seed: u64, today: NaiveDate) -> Vec<DemoFile> {
    let (teams, people_per_team, weeks) = match size {
        DemoSize::Small => (3, 6, 12),
        DemoSize::Medium => (20, 8, 26),
        DemoSize::Org2k => (200, 10, 104),
    };
    let mut gen = Generator::new(seed, today, weeks, teams * people_per_team);
    match size {
        DemoSize::Small => gen.small_org(),
        _ => gen.random_org(teams, people_per_team),
    }
    gen.files.into_demo_files()
}

/// splitmix64: tiny, fast, and good enough to make a demo look lived-in.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, probability: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < probability
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One CSV file being written. Fields are quoted only when they must be.
struct Csv {
    name: &'static str,
    buf: String,
    at_row_start: bool,
}

impl Csv {
    fn new(name: &'static str, header: &str, capacity: usize) -> Csv {
        let mut buf = String::with_capacity(capacity);
        buf.push_str(header);
        buf.push('\n');
        Csv { name, buf, at_row_start: true }
    }

    fn separator(&mut self) {
        if !self.at_row_start {
            self.buf.push(',');
        }
        self.at_row_start = false;
    }

    fn text(&mut self, value: &str) -> &mut Csv {
        self.separator();
        if value.contains([',', '"', '\n', '\r']) {
            self.buf.push('"');
            self.buf.push_str(&value.replace('"', "\"\""));
            self.buf.push('"');
        } else {
            self.buf.push_str(value);
        }
        self
    }

    fn int(&mut self, value: i64) -> &mut Csv {
        self.separator();
        let _ = write!(self.buf, "{value}");
        self
    }

    fn empty(&mut self) -> &mut Csv {
        self.separator();
        self
    }

    /// `2026-01-05`.
    fn date(&mut self, day: Option<NaiveDate>) -> &mut Csv {
        self.separator();
        if let Some(day) = day {
            let _ = write!(self.buf, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
        }
        self
    }

    /// `2026-01-05T09:30:00Z`.
    fn timestamp(&mut self, at: Option<NaiveDateTime>) -> &mut Csv {
        self.separator();
        if let Some(at) = at {
            let (d, t) = (at.date(), at.time());
            let _ = write!(self.buf, "{:04}-{:02}-{:02}T{:02}:{:02}:00Z", d.year(), d.month(), d.day(), t.hour(), t.minute());
        }
        self
    }

    /// Jira Cloud's `28/Nov/25 5:03 PM`.
    fn jira_time(&mut self, at: Option<NaiveDateTime>) -> &mut Csv {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        self.separator();
        if let Some(at) = at {
            let (d, t) = (at.date(), at.time());
            let hour12 = match t.hour() % 12 {
                0 => 12,
                h => h,
            };
            let meridiem = if t.hour() < 12 { "AM" } else { "PM" };
            let _ = write!(
                self.buf,
                "{:02}/{}/{:02} {}:{:02} {meridiem}",
                d.day(),
                MONTHS[d.month0() as usize],
                d.year() % 100,
                hour12,
                t.minute()
            );
        }
        self
    }

    /// A `;`-separated list in one cell.
    fn list(&mut self, values: &[&str]) -> &mut Csv {
        self.text(&values.join(";"))
    }

    fn end(&mut self) {
        self.buf.push('\n');
        self.at_row_start = true;
    }
}


struct Files {
    teams: Csv,
    roster: Csv,
    roles: Csv,
    pull_requests: Csv,
    reviews: Csv,
    stakeholders: Csv,
    updates: Csv,
    decisions: Csv,
    okrs: Csv,
    postmortems: Csv,
    design_docs: Csv,
    interventions: Csv,
    jira: Csv,
}

impl Files {
    fn new(people: usize, weeks: usize) -> Files {
        // Rough bytes per person-week of each high-volume file, so the
        // buffers are allocated once.
        let volume = people * weeks;
        Files {
            teams: Csv::new("teams.csv", "team,flavor", 4096),
            roster: Csv::new("roster.csv", "person,team,role", people * 48),
            roles: Csv::new("roles.csv", "team,role,critical,holder", people * 20),
            pull_requests: Csv::new(
                "pull_requests.csv",
                "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers",
                volume * 400,
            ),
            reviews: Csv::new("reviews.csv", "pr,reviewer,state,submitted_at", volume * 160),
            stakeholders: Csv::new("stakeholders.csv", "name,role,power,interest,last_contact", 4096),
            updates: Csv::new("updates.csv", "team,date,status,summary", weeks * people * 12),
            decisions: Csv::new("decisions.csv", "decision,team,level,raised,decided,approvals", weeks * people * 12),
            okrs: Csv::new("okrs.csv", "team,quarter,objective,key_result,progress", people * 40),
            postmortems: Csv::new(
                "postmortems.csv",
                "incident,team,date,root_cause,action_item,action_kind,owner,due",
                weeks * people * 8,
            ),
            design_docs: Csv::new("design_docs.csv", "doc,team,author,date,approvers,required_approvers", people * 60),
            interventions: Csv::new("interventions.csv", "team,started,planned_end,ended,exit_criterion,reason", 4096),
            jira: Csv::new(
                "jira.csv",
                "Summary,Issue key,Issue id,Issue Type,Status,Status Category,Assignee,Reporter,Created,Updated,Resolved,Sprint,Sprint,Custom field (Story Points),Custom field (Team)",
                volume * 220,
            ),
        }
    }

    fn into_demo_files(self) -> Vec<DemoFile> {
        [
            self.teams,
            self.roster,
            self.roles,
            self.pull_requests,
            self.reviews,
            self.stakeholders,
            self.updates,
            self.decisions,
            self.okrs,
            self.postmortems,
            self.design_docs,
            self.interventions,
            self.jira,
        ]
        .into_iter()
        .map(|csv| DemoFile { name: csv.name.to_string(), bytes: csv.buf.into_bytes() })
        .collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Greenfield,
    Infra,
    Legacy,
}

impl Flavor {
    fn id(self) -> &'static str {
        match self {
            Flavor::Greenfield => "greenfield",
            Flavor::Infra => "infra",
            Flavor::Legacy => "legacy",
        }
    }
}

struct Team {
    name: String,
    /// Jira project key, e.g. `COM`.
    key: String,
    repo: String,
    manager: String,
    engineers: Vec<String>,
    next_issue: u32,
}

/// How a contributor's merges end, relative to today.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LastMerge {
    /// Merges keep coming up to the last working day.
    Recent,
    /// The last merge was exactly this many days ago.
    DaysAgo(i64),
}

struct Generator {
    rng: Rng,
    today: NaiveDate,
    start: NaiveDate,
    files: Files,
    next_pr: u64,
    next_issue_id: u64,
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).expect("valid time")
}

fn is_workday(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `n` working days before `day` (Mon–Fri).
fn workdays_before(day: NaiveDate, n: u32) -> NaiveDate {
    let mut cursor = day;
    let mut left = n;
    while left > 0 {
        cursor -= Duration::days(1);
        if is_workday(cursor) {
            left -= 1;
        }
    }
    cursor
}

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
const WORK: [&str; 12] = [
    "checkout retries", "search ranking", "audit log export", "billing webhooks", "SSO login", "rate limiter",
    "invoice PDF", "metrics pipeline", "feature flags", "mobile push", "cache warmup", "data retention job",
];
const VERBS: [&str; 6] = ["Add", "Fix", "Refactor", "Speed up", "Document", "Harden"];

impl Generator {
    fn new(seed: u64, today: NaiveDate, weeks: usize, people: usize) -> Generator {
        Generator {
            rng: Rng(seed ^ 0x7EA4_D1FF),
            today,
            start: today - Duration::weeks(weeks as i64),
            files: Files::new(people, weeks),
            next_pr: 1000,
            next_issue_id: 10_000,
        }
    }

    fn work_title(&mut self) -> String {
        format!("{} {}", self.rng.pick(&VERBS), self.rng.pick(&WORK))
    }

    /// Writes a team to `teams.csv` and `roster.csv`.
    fn add_team(&mut self, name: &str, flavor: Flavor, key: &str, manager: &str, engineers: &[&str]) -> Team {
        self.files.teams.text(name).text(flavor.id()).end();
        self.files.roster.text(manager).text(name).text("Engineering Manager").end();
        for (i, engineer) in engineers.iter().enumerate() {
            let role = if i == 0 { "Tech Lead" } else if i % 3 == 1 { "Senior Software Engineer" } else { "Software Engineer" };
            self.files.roster.text(engineer).text(name).text(role).end();
        }
        Team {
            name: name.to_string(),
            key: key.to_string(),
            repo: name.to_lowercase().replace(' ', "-"),
            manager: manager.to_string(),
            engineers: engineers.iter().map(|s| s.to_string()).collect(),
            next_issue: 1,
        }
    }

    // ---------------------------------------------------------------- PRs

    fn pr_row(&mut self, team: &Team, author: &str, created: NaiveDateTime, merged: Option<NaiveDateTime>, requested: &[&str], reviewers: &[&str]) -> u64 {
        let number = self.next_pr;
        self.next_pr += 1;
        let title = self.work_title();
        let state = if merged.is_some() { "merged" } else { "open" };
        self.files
            .pull_requests
            .int(number as i64)
            .text(&team.repo)
            .text(&title)
            .text(author)
            .timestamp(Some(created))
            .timestamp(merged)
            .timestamp(merged)
            .text(state)
            .list(requested)
            .list(reviewers)
            .end();
        number
    }

    fn review_row(&mut self, pr: u64, reviewer: &str, state: &str, at: NaiveDateTime) {
        self.files.reviews.int(pr as i64).text(reviewer).text(state).timestamp(Some(at)).end();
    }

    /// A reviewer for `author`'s PR: the concentrated pair most of the
    /// time when there is one, anyone else on the team otherwise.
    fn pick_reviewer<'a>(&mut self, team: &'a Team, author: &str, concentrated: bool) -> &'a str {
        let others: Vec<&str> = team.engineers.iter().map(String::as_str).filter(|e| *e != author).collect();
        if concentrated && self.rng.chance(0.9) {
            let pair: Vec<&str> = team.engineers.iter().skip(1).take(2).map(String::as_str).filter(|e| *e != author).collect();
            if !pair.is_empty() {
                return pair[self.rng.below(pair.len() as u64) as usize];
            }
        }
        others[self.rng.below(others.len() as u64) as usize]
    }

    /// Merged, reviewed PRs every one to three working days, ending as
    /// `last` says.
    fn merge_history(&mut self, team: &Team, author: &str, last: LastMerge, concentrated: bool) {
        let stop = match last {
            LastMerge::Recent => self.today - Duration::days(1),
            LastMerge::DaysAgo(days) => self.today - Duration::days(days + 2),
        };
        let mut day = self.start + Duration::days(self.rng.between(0, 2));
        while day < stop {
            if is_workday(day) {
                let created = at(day, self.rng.between(9, 15) as u32, self.rng.between(0, 59) as u32);
                let first_review = created + Duration::minutes(self.rng.between(30, 300));
                let merged = (first_review + Duration::minutes(self.rng.between(30, 600))).min(at(stop, 18, 0));
                self.reviewed_pr(team, author, created, first_review, merged.max(first_review), concentrated);
            }
            day += Duration::days(self.rng.between(1, 3));
        }
        if let LastMerge::DaysAgo(days) = last {
            let merged_on = self.today - Duration::days(days);
            let created = at(merged_on - Duration::days(1), 10, 0);
            self.reviewed_pr(team, author, created, created + Duration::hours(3), at(merged_on, 11, 0), concentrated);
        }
    }

    fn reviewed_pr(&mut self, team: &Team, author: &str, created: NaiveDateTime, reviewed: NaiveDateTime, merged: NaiveDateTime, concentrated: bool) {
        let reviewer = self.pick_reviewer(team, author, concentrated).to_string();
        let second = self.rng.chance(0.25).then(|| self.pick_reviewer(team, author, concentrated).to_string()).filter(|s| *s != reviewer);
        let mut reviewers = vec![reviewer.as_str()];
        reviewers.extend(second.as_deref());
        let number = self.pr_row(team, author, created, Some(merged), &[], &reviewers);
        let first_state = if second.is_some() { "COMMENTED" } else { "APPROVED" };
        self.review_row(number, &reviewer, first_state, reviewed);
        if let Some(second) = &second {
            self.review_row(number, second, "APPROVED", reviewed + Duration::minutes(45));
        }
    }

    /// An open PR created `workdays` working days before today at 09:00,
    /// with reviewers requested and no review yet.
    fn waiting_pr(&mut self, team: &Team, author: &str, workdays: u32, requested: &[&str]) {
        let created = at(workdays_before(self.today, workdays), 9, 0);
        self.pr_row(team, author, created, None, requested, &[]);
    }

    // --------------------------------------------------------------- Jira

    fn sprint_name(&self, team: &Team, day: NaiveDate) -> String {
        format!("{} Sprint {}", team.key, (day - self.start).num_days().max(0) / 14 + 1)
    }

    #[allow(clippy::too_many_arguments)]
    fn issue(&mut self, team: &mut Team, assignee: &str, points: u32, created: NaiveDateTime, resolved: Option<NaiveDateTime>, sprints: [Option<String>; 2], in_progress: bool) -> String {
        let key = format!("{}-{}", team.key, team.next_issue);
        team.next_issue += 1;
        let id = self.next_issue_id;
        self.next_issue_id += 1;
        let summary = self.work_title();
        let (status, category) = match (resolved, in_progress) {
            (Some(_), _) => ("Done", "Done"),
            (None, true) => ("In Progress", "In Progress"),
            (None, false) => ("To Do", "To Do"),
        };
        let updated = resolved.unwrap_or(created);
        let jira = &mut self.files.jira;
        jira.text(&summary).text(&key).int(id as i64).text("Story").text(status).text(category).text(assignee).text(&team.manager);
        jira.jira_time(Some(created)).jira_time(Some(updated)).jira_time(resolved);
        for sprint in &sprints {
            match sprint {
                Some(name) => jira.text(name),
                None => jira.empty(),
            };
        }
        jira.int(points as i64).text(&team.name).end();
        key
    }

    /// Small stories finished well inside their band, then one fresh item
    /// in progress.
    fn issue_history(&mut self, team: &mut Team, assignee: &str) {
        let mut day = self.start + Duration::days(self.rng.between(0, 3));
        while day < self.today - Duration::days(4) {
            let points = *self.rng.pick(&[1u32, 2, 3, 5]);
            let days = match points {
                1 => 1,
                2 => 2,
                3 => 3,
                _ => 4,
            };
            let created = at(day, 10, self.rng.between(0, 59) as u32);
            let resolved = (created + Duration::days(days)).min(at(self.today - Duration::days(1), 16, 0));
            let sprint = Some(self.sprint_name(team, day));
            self.issue(team, assignee, points, created, Some(resolved), [sprint, None], false);
            day = resolved.date() + Duration::days(self.rng.between(0, 1));
        }
        let created = at(self.today - Duration::days(1), 9, 30);
        let sprint = Some(self.sprint_name(team, created.date()));
        self.issue(team, assignee, 3, created, None, [sprint, None], true);
    }

    // ----------------------------------------------------- team artefacts

    /// Weekly Friday updates; `stale_days` stops them that long ago, and
    /// `repeat` makes the last two say the same thing.
    fn updates(&mut self, team: &Team, stale_days: Option<i64>, latest_status: &str, repeat: Option<&str>) {
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
    fn decisions(&mut self, team: &Team, skewed: bool) {
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

    fn decision(&mut self, team: &Team, title: &str, level: &str, raised_days_ago: i64, decided_days_ago: Option<i64>, approvals: &[&str]) {
        let raised = self.today - Duration::days(raised_days_ago);
        let decided = decided_days_ago.map(|d| self.today - Duration::days(d));
        self.files.decisions.text(title).text(&team.name).text(level).date(Some(raised)).date(decided).list(approvals).end();
    }

    /// The quarter containing `day`, written `2026-Q1`, and its bounds.
    fn quarter_of(day: NaiveDate) -> (String, NaiveDate, NaiveDate) {
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
    fn not_started_quarter(&self) -> String {
        let (current, start, end) = Self::quarter_of(self.today);
        if self.today > start + Duration::days((end - start).num_days() / 2) {
            current
        } else {
            Self::quarter_of(start - Duration::days(1)).0
        }
    }

    fn key_result(&mut self, team: &Team, quarter: &str, objective: &str, key_result: &str, progress: f64) {
        let progress = format!("{progress:.2}");
        self.files.okrs.text(&team.name).text(quarter).text(objective).text(key_result).text(&progress).end();
    }

    fn healthy_okrs(&mut self, team: &Team) {
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
    fn postmortem_row(&mut self, incident: &str, team: &Team, day: NaiveDate, cause: &str, action: &str, kind: &str, owner: Option<&str>, due: Option<NaiveDate>) {
        self.files.postmortems.text(incident).text(&team.name).date(Some(day)).text(cause).text(action).text(kind).text(owner.unwrap_or("")).date(due).end();
    }

    fn healthy_incident(&mut self, team: &Team, number: u32) {
        let incident = format!("INC-{number}");
        let day = self.today - Duration::days(self.rng.between(10, 60));
        let topic = *self.rng.pick(&WORK);
        let cause = format!("Unbounded retry loop in {topic} exhausted the connection pool");
        let owner = team.engineers[1].clone();
        self.postmortem_row(&incident, team, day, &cause, &format!("Alert on {topic} pool saturation"), "detect", Some(&owner), Some(day + Duration::days(14)));
        self.postmortem_row(&incident, team, day, &cause, &format!("Cap retries in {topic} with backoff"), "prevent", Some(&owner), Some(day + Duration::days(21)));
    }

    fn design_doc(&mut self, team: &Team, doc: &str, approvers: &[&str], required: &[&str]) {
        let day = self.today - Duration::days(self.rng.between(5, 40));
        self.files.design_docs.text(doc).text(&team.name).text(&team.engineers[0]).date(Some(day)).list(approvers).list(required).end();
    }

    fn role(&mut self, team: &Team, role: &str, critical: bool, holder: Option<&str>) {
        self.files.roles.text(&team.name).text(role).text(if critical { "yes" } else { "no" }).text(holder.unwrap_or("")).end();
    }

    fn healthy_roles(&mut self, team: &Team) {
        self.role(team, "Tech lead", true, Some(&team.engineers[0]));
        self.role(team, "On-call lead", true, Some(&team.engineers[1]));
        self.role(team, "Product owner", false, Some(&team.manager));
    }

    fn stakeholder(&mut self, name: &str, role: &str, power: i64, interest: i64, contact_days_ago: Option<i64>) {
        let last = contact_days_ago.map(|d| self.today - Duration::days(d));
        self.files.stakeholders.text(name).text(role).int(power).int(interest).date(last).end();
    }

    fn intervention(&mut self, team: &Team, started_days_ago: i64, planned_days: Option<i64>, ended_days_ago: Option<i64>, exit: &str, reason: &str) {
        let started = self.today - Duration::days(started_days_ago);
        let planned = planned_days.map(|d| started + Duration::days(d));
        let ended = ended_days_ago.map(|d| self.today - Duration::days(d));
        self.files.interventions.text(&team.name).date(Some(started)).date(planned).date(ended).text(exit).text(reason).end();
    }

    /// Everything a team does when nothing is wrong, except what a
    /// scenario replaces.
    fn background(&mut self, team: &mut Team, quiet: &[(&str, i64)], concentrated: bool) {
        for engineer in team.engineers.clone() {
            let last = quiet.iter().find(|(name, _)| *name == engineer).map_or(LastMerge::Recent, |(_, days)| LastMerge::DaysAgo(*days));
            self.merge_history(team, &engineer, last, concentrated);
            self.issue_history(team, &engineer);
        }
    }

    // ------------------------------------------------------ the small org

    fn small_org(&mut self) {
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

    // ------------------------------------------------- medium and org-2k

    fn random_org(&mut self, team_count: usize, people_per_team: usize) {
        let mut names: Vec<(usize, usize)> = (0..FIRST_NAMES.len()).flat_map(|f| (0..LAST_NAMES.len()).map(move |l| (f, l))).collect();
        // Fisher–Yates with the seeded generator: a different cast per seed.
        for i in (1..names.len()).rev() {
            let j = self.rng.below(i as u64 + 1) as usize;
            names.swap(i, j);
        }
        let mut next_name = names.into_iter().map(|(f, l)| format!("{} {}", FIRST_NAMES[f], LAST_NAMES[l]));
        let flavors = [Flavor::Greenfield, Flavor::Infra, Flavor::Legacy];

        for t in 0..team_count {
            let name = format!("{} {}", TEAM_ADJECTIVES[t % 20], TEAM_NOUNS[(t / 20 + t * 7) % 20]);
            let name = if t >= 400 { format!("{name} {}", t / 400 + 1) } else { name };
            let key = format!("T{}{}", (b'A' + (t / 26 % 26) as u8) as char, (b'A' + (t % 26) as u8) as char);
            let manager = next_name.next().expect("enough names");
            let engineers: Vec<String> = (1..people_per_team).map(|_| next_name.next().expect("enough names")).collect();
            let engineer_refs: Vec<&str> = engineers.iter().map(String::as_str).collect();
            let flavor = flavors[t % 3];
            let mut team = self.add_team(&name, flavor, &key, &manager, &engineer_refs);

            let quiet_days = if self.rng.chance(0.3) { self.rng.between(8, 25) } else { 0 };
            let quiet = if quiet_days > 0 { vec![(engineer_refs[engineer_refs.len() - 1], quiet_days)] } else { vec![] };
            let concentrated = self.rng.chance(0.1);
            self.background(&mut team, &quiet, concentrated);

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

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    }

    fn file<'a>(files: &'a [DemoFile], name: &str) -> &'a str {
        std::str::from_utf8(&files.iter().find(|f| f.name == name).unwrap().bytes).unwrap()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(DemoSize::Small, 7, today());
        assert_eq!(a, generate(DemoSize::Small, 7, today()));
        assert_ne!(a, generate(DemoSize::Small, 8, today()));
        let names: Vec<&str> = a.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 13);
        assert!(names.contains(&"jira.csv") && names.contains(&"pull_requests.csv"));
    }

    #[test]
    fn jira_export_has_repeated_sprint_columns_and_jira_dates() {
        let files = generate(DemoSize::Small, 1, today());
        let jira = file(&files, "jira.csv");
        let header = jira.lines().next().unwrap();
        assert_eq!(header.split(',').filter(|h| *h == "Sprint").count(), 2);
        assert!(jira.contains("/Mar/26 ") || jira.contains("/Feb/26 "), "Jira-style dates");
        let comet_carry = jira.lines().find(|l| l.contains("Jonas Berg") && l.contains(",To Do,")).unwrap();
        assert!(comet_carry.matches("COM Sprint").count() == 2, "{comet_carry}");
    }

    #[test]
    fn every_row_has_as_many_cells_as_its_header() {
        for size in [DemoSize::Small, DemoSize::Medium] {
            for f in generate(size, 3, today()) {
                let text = std::str::from_utf8(&f.bytes).unwrap();
                let mut lines = text.lines();
                let width = lines.next().unwrap().split(',').count();
                for line in lines {
                    // No demo value is quoted with an inner comma except summaries; count outside quotes.
                    let mut cells = 1;
                    let mut quoted = false;
                    for c in line.chars() {
                        match c {
                            '"' => quoted = !quoted,
                            ',' if !quoted => cells += 1,
                            _ => {}
                        }
                    }
                    assert_eq!(cells, width, "{}: {line}", f.name);
                }
            }
        }
    }

    #[test]
    fn medium_org_has_twenty_teams_of_eight() {
        let files = generate(DemoSize::Medium, 5, today());
        assert_eq!(file(&files, "teams.csv").lines().count(), 21);
        assert_eq!(file(&files, "roster.csv").lines().count(), 161);
    }

    /// The benchmark organisation: run with `cargo test --release -- --ignored`.
    #[test]
    #[ignore]
    fn org2k_is_over_a_million_rows_and_100_mb() {
        let started = std::time::Instant::now();
        let files = generate(DemoSize::Org2k, 42, today());
        let elapsed = started.elapsed();
        let rows: usize = files.iter().map(|f| f.bytes.iter().filter(|b| **b == b'\n').count() - 1).sum();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        eprintln!("org2k: {rows} rows, {} MB in {elapsed:?}", bytes / 1_000_000);
        assert_eq!(file(&files, "roster.csv").lines().count(), 2001);
        assert!(rows >= 1_000_000, "{rows} rows");
        assert!(bytes >= 100_000_000, "{bytes} bytes");
    }
}
