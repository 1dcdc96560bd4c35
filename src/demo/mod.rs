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
//!
//! One module per seam: `people` (teams, roster, roles, stakeholders),
//! `pull_requests` (PRs and reviews), `work_items` (the Jira export),
//! `documents` (updates, decisions, OKRs, postmortems, design docs,
//! interventions), then the organisations built from them: `small` (the
//! planted scenarios) and `random` (Medium and Org2k). `csv` writes the
//! files and `rng` makes the choices.

mod csv;
mod documents;
mod people;
mod pull_requests;
mod random;
pub use random::{planted_teams, Planted};
mod rng;
mod small;
mod work_items;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use crate::dataset::FileKind;
use csv::Csv;
use rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoSize {
    /// Three teams of six, twelve weeks: every tripwire fires once or more.
    Small,
    /// Twenty teams of eight, twenty-six weeks.
    Medium,
    /// Two hundred teams of ten, two years: the benchmark organisation.
    Org2k,
    /// Org2k's people, teams and groups with twenty-six weeks of history
    /// instead of two years: the Load page's "Try a 200-team
    /// organization", generated in the worker. A quarter of Org2k's bytes,
    /// so the button takes seconds rather than tens of them and a fraction
    /// of the memory; it has fewer findings, since less old work is left to slip.
    Org200,
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
        DemoSize::Org200 => (200, 10, 26),
    };
    // The larger organisations roll up into groups, as a leader of many
    // teams sees them: ten teams a group (twenty groups at 200 teams),
    // five in Medium. The in-app demo stays ungrouped.
    let teams_per_group = match size {
        DemoSize::Small => None,
        DemoSize::Medium => Some(5),
        DemoSize::Org2k | DemoSize::Org200 => Some(10),
    };
    let mut gen = Generator::new(seed, today, weeks, teams * people_per_team);
    gen.group_teams_by(teams_per_group);
    match size {
        DemoSize::Small => gen.small_org(),
        _ => gen.random_org(teams, people_per_team),
    }
    gen.files.into_demo_files()
}

/// One CSV per file the demo writes: the teamdiff templates, named as
/// their downloads are, and a Jira export.
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
            teams: Csv::template(FileKind::Teams, "team,flavor", 4096 * 4),
            roster: Csv::template(FileKind::Roster, "person,team,role", people * 48),
            roles: Csv::template(FileKind::Roles, "team,role,critical,holder", people * 20),
            pull_requests: Csv::template(
                FileKind::GithubPrs,
                "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers",
                volume * 400,
            ),
            reviews: Csv::template(FileKind::Reviews, "pr,reviewer,state,submitted_at", volume * 160),
            stakeholders: Csv::template(FileKind::Stakeholders, "name,role,power,interest,last_contact", 4096),
            updates: Csv::template(FileKind::Updates, "team,date,status,summary", weeks * people * 12),
            decisions: Csv::template(FileKind::Decisions, "decision,team,level,raised,decided,approvals", weeks * people * 12),
            okrs: Csv::template(FileKind::Okrs, "team,quarter,objective,key_result,progress", people * 40),
            postmortems: Csv::template(
                FileKind::Postmortems,
                "incident,team,date,root_cause,action_item,action_kind,owner,due",
                weeks * people * 8,
            ),
            design_docs: Csv::template(FileKind::DesignDocs, "doc,team,author,date,approvers,required_approvers", people * 60),
            interventions: Csv::template(FileKind::Interventions, "team,started,planned_end,ended,exit_criterion,reason", 4096),
            jira: Csv::new(
                "jira.csv",
                "Summary,Issue key,Issue id,Issue Type,Status,Status Category,Assignee,Reporter,Created,Updated,Resolved,Sprint,Sprint,Custom field (Story Points),Custom field (Team)",
                volume * 220,
            ),
        }
    }

    fn into_demo_files(self) -> Vec<DemoFile> {
        // Taken apart field by field, so a file added to `Files` cannot be
        // left out here without the compiler saying so.
        let Files {
            teams,
            roster,
            roles,
            pull_requests,
            reviews,
            stakeholders,
            updates,
            decisions,
            okrs,
            postmortems,
            design_docs,
            interventions,
            jira,
        } = self;
        [
            teams,
            roster,
            roles,
            pull_requests,
            reviews,
            stakeholders,
            updates,
            decisions,
            okrs,
            postmortems,
            design_docs,
            interventions,
            jira,
        ]
        .into_iter()
        .map(Csv::into_demo_file)
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
    /// Teams per group in teams.csv's `group` column; `None`: no column.
    teams_per_group: Option<usize>,
    teams_added: usize,
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

const WORK: [&str; 12] = [
    "checkout retries", "search ranking", "audit log export", "billing webhooks", "SSO login", "rate limiter",
    "invoice PDF", "metrics pipeline", "feature flags", "mobile push", "cache warmup", "data retention job",
];
const VERBS: [&str; 6] = ["Add", "Fix", "Refactor", "Speed up", "Document", "Harden"];

impl Generator {
    fn new(seed: u64, today: NaiveDate, weeks: usize, people: usize) -> Generator {
        Generator {
            rng: Rng::new(seed ^ 0x7EA4_D1FF),
            today,
            start: today - Duration::weeks(weeks as i64),
            files: Files::new(people, weeks),
            next_pr: 1000,
            next_issue_id: 10_000,
            teams_per_group: None,
            teams_added: 0,
        }
    }

    /// Gives teams.csv a `group` column: each run of `teams_per_group`
    /// teams added shares a group. Called before any team is added.
    fn group_teams_by(&mut self, teams_per_group: Option<usize>) {
        if let Some(size) = teams_per_group.filter(|&size| size > 0) {
            self.teams_per_group = Some(size);
            self.files.teams = Csv::template(FileKind::Teams, "team,flavor,group", 4096 * 4);
        }
    }

    fn work_title(&mut self) -> String {
        format!("{} {}", self.rng.pick(&VERBS), self.rng.pick(&WORK))
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
    fn every_file_loads_as_the_kind_its_name_says() {
        use crate::dataset::Dataset;
        use crate::ingest::{ingest_file, IngestOptions, KINDS};
        for f in generate(DemoSize::Small, 2, today()) {
            let named = KINDS.iter().find(|spec| spec.template().is_some_and(|t| t.file == f.name));
            let expected = named.map_or(FileKind::Jira, |spec| spec.kind);
            let mut dataset = Dataset::default();
            ingest_file(&mut dataset, &f.name, &f.bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap();
            assert_eq!(dataset.files[0].kind, expected, "{}", f.name);
        }
    }

    #[test]
    fn medium_org_has_twenty_teams_of_eight() {
        let files = generate(DemoSize::Medium, 5, today());
        assert_eq!(file(&files, "teams.csv").lines().count(), 21);
        assert_eq!(file(&files, "roster.csv").lines().count(), 161);
    }

    #[test]
    fn larger_orgs_group_their_teams_and_the_small_one_does_not() {
        let small = generate(DemoSize::Small, 5, today());
        assert_eq!(file(&small, "teams.csv").lines().next(), Some("team,flavor"));
        let medium = generate(DemoSize::Medium, 5, today());
        let teams = file(&medium, "teams.csv");
        assert_eq!(teams.lines().next(), Some("team,flavor,group"));
        let groups: std::collections::BTreeMap<&str, usize> = teams.lines().skip(1).fold(Default::default(), |mut groups, line| {
            *groups.entry(line.rsplit(',').next().unwrap()).or_default() += 1;
            groups
        });
        assert_eq!(groups.len(), 4, "{groups:?}");
        assert!(groups.values().all(|&n| n == 5), "{groups:?}");
        assert_eq!(medium, generate(DemoSize::Medium, 5, today()), "deterministic");
    }

    #[test]
    fn the_200_team_demo_has_org2ks_people_in_twenty_groups_with_less_history() {
        let files = generate(DemoSize::Org200, 42, today());
        assert_eq!(file(&files, "roster.csv").lines().count(), 2001);
        let teams = file(&files, "teams.csv");
        assert_eq!(teams.lines().count(), 201);
        let groups: std::collections::BTreeSet<&str> = teams.lines().skip(1).map(|l| l.rsplit(',').next().unwrap()).collect();
        assert_eq!(groups.len(), 20, "{groups:?}");
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        eprintln!("org200: {} MB", bytes / 1_000_000);
        assert!(bytes < 60_000_000, "{bytes} bytes: a quarter of Org2k's");
        assert!(file(&files, "pull_requests.csv").lines().count() > 20_000);
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
