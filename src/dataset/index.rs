//! Lookups over a loaded [`Dataset`] that several stages share, built once
//! per snapshot and passed down: which team a person is on, which team a
//! work item belongs to, who is expected to land code, and which reviews
//! belong to which pull request.
//!
//! Each rule is defined here only, so a tripwire, a chart and the norm
//! suggestions cannot disagree about it: a person is matched by their name
//! with surrounding spaces trimmed, their first roster row wins, and
//! anyone the roster does not place in a team is [`NO_TEAM`].
//!
//! Groups: teams.csv may say which group (a department, a director) each
//! team rolls up to; [`Index::group_of`] is the one lookup, by the team's
//! trimmed name, its first teams.csv row winning, like people.
//!
//! Bots ([`Bots`]) are not people: the roster lookups, the contributor
//! rule and the review lookups skip them, so no people-based tripwire or
//! count can include `dependabot[bot]`.

use super::{Dataset, Person, PullRequest, Review, Timestamp, WorkItem};
use crate::hashing::{FastMap, FastSet};

/// The team of people a file names but the roster does not place in a
/// team, and of work only they touched.
pub const NO_TEAM: &str = "(not on roster)";

/// The group of teams teams.csv puts in none, when it groups others.
pub const NO_GROUP: &str = "(no group)";

/// The shared lookups over one dataset. Building it reads the roster and
/// the reviews once; every lookup after that is a hash probe.
pub struct Index<'a> {
    dataset: &'a Dataset,
    /// Each person's first roster row, by trimmed name. Hit once per row of
    /// every file: hashed, not ordered.
    roster: FastMap<&'a str, &'a Person>,
    reviews: ReviewIndex<'a>,
    /// Each team's group from its first teams.csv row, by trimmed name;
    /// teams without one are left out.
    groups: FastMap<&'a str, &'a str>,
}

/// Which names are bots rather than people: a `[bot]` suffix (GitHub's
/// app accounts, any case), an `app/` prefix (how `gh` writes an app
/// author, after ingest marks `is_bot` authors with `[bot]`), or a name on
/// the model's configured list. A human called `Robert` or `abbot` is
/// none of these.
#[derive(Clone, Debug, Default)]
pub struct Bots {
    /// The configured names, trimmed and lower-cased.
    listed: FastSet<String>,
}

impl Bots {
    pub fn new(listed: &[String]) -> Bots {
        Bots { listed: listed.iter().map(|name| name.trim().to_lowercase()).filter(|name| !name.is_empty()).collect() }
    }

    /// Called for every name of every row: no allocation unless the model
    /// lists bots by name.
    pub fn is_bot(&self, name: &str) -> bool {
        let name = name.trim();
        let bytes = name.as_bytes();
        let app = bytes.len() > APP_PREFIX.len() && bytes[..APP_PREFIX.len()].eq_ignore_ascii_case(APP_PREFIX);
        has_bot_suffix(name) || app || (!self.listed.is_empty() && self.listed.contains(&name.to_lowercase()))
    }
}

/// Whether a name ends in GitHub's `[bot]` suffix for app accounts, in any
/// case; ingest adds it to the logins of accounts flagged `is_bot`.
fn has_bot_suffix(name: &str) -> bool {
    let bytes = name.trim_end().as_bytes();
    bytes.len() >= BOT_SUFFIX.len() && bytes[bytes.len() - BOT_SUFFIX.len()..].eq_ignore_ascii_case(BOT_SUFFIX)
}

const BOT_SUFFIX: &[u8] = b"[bot]";
const APP_PREFIX: &[u8] = b"app/";

impl<'a> Index<'a> {
    /// The index with only the built-in bot rules; see [`Index::with_bots`].
    pub fn new(dataset: &'a Dataset) -> Index<'a> {
        Index::with_bots(dataset, Bots::default())
    }

    /// The index that also treats the model's listed names as bots.
    pub fn with_bots(dataset: &'a Dataset, bots: Bots) -> Index<'a> {
        let mut roster: FastMap<&str, &Person> = FastMap::default();
        roster.reserve(dataset.people.len());
        for person in &dataset.people {
            let name = person.name.trim();
            // A row without a name places nobody.
            if !name.is_empty() && !bots.is_bot(name) {
                roster.entry(name).or_insert(person);
            }
        }
        let mut groups: FastMap<&str, &str> = FastMap::default();
        let mut seen: FastSet<&str> = FastSet::default();
        for team in &dataset.teams {
            let (name, group) = (team.name.trim(), team.group.trim());
            if seen.insert(name) && !group.is_empty() {
                groups.insert(name, group);
            }
        }
        Index { dataset, roster, reviews: ReviewIndex::new(dataset, bots), groups }
    }

    /// The group teams.csv puts a team in: its first row's, trimmed.
    pub fn group_of(&self, team: &str) -> Option<&'a str> {
        self.groups.get(team.trim()).copied()
    }

    /// Whether teams.csv puts any team in a group: only then do the
    /// pages roll teams up by group.
    pub fn has_groups(&self) -> bool {
        !self.groups.is_empty()
    }

    /// A team's group, or [`NO_GROUP`].
    pub fn group_or_none(&self, team: &str) -> &'a str {
        self.group_of(team).unwrap_or(NO_GROUP)
    }

    /// Whether a name is a bot's, not a person's ([`Bots`]).
    pub fn is_bot(&self, name: &str) -> bool {
        self.reviews.bots.is_bot(name)
    }

    /// The bot rules this index applies.
    pub fn bots(&self) -> &Bots {
        &self.reviews.bots
    }

    /// The dataset this index was built over.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// A person's roster row: the first one, when the roster lists them
    /// twice. A bot has none, even when the roster lists it.
    pub fn person(&self, name: &str) -> Option<&'a Person> {
        self.roster.get(name.trim()).copied()
    }

    /// Everyone on the roster once, by their first row, in roster order;
    /// bots left out.
    pub fn people(&self) -> impl Iterator<Item = &'a Person> + '_ {
        self.dataset.people.iter().filter(|row| self.person(&row.name).is_some_and(|first| std::ptr::eq(first, *row)))
    }

    /// The team the roster places a person in.
    pub fn team_of(&self, person: &str) -> Option<&'a str> {
        self.person(person).map(|p| p.team.as_str())
    }

    /// The team a person's work belongs to: [`NO_TEAM`] when off-roster.
    pub fn team_or_none(&self, person: &str) -> &'a str {
        self.team_of(person).unwrap_or(NO_TEAM)
    }

    /// The team a work item belongs to: the export's team column, else its
    /// assignee's roster team, else [`NO_TEAM`].
    pub fn item_team(&self, item: &'a WorkItem) -> &'a str {
        match item.team.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(team) => team,
            None => item.assignee.as_deref().map_or(NO_TEAM, |a| self.team_or_none(a)),
        }
    }

    /// Whether a person is expected to land code: their roster role is a
    /// contributor role ([`is_contributor_role`]).
    pub fn is_contributor(&self, person: &str) -> bool {
        self.person(person).is_some_and(|p| is_contributor_role(&p.role))
    }

    /// Which reviews belong to which pull request.
    pub fn reviews(&self) -> &ReviewIndex<'a> {
        &self.reviews
    }
}

/// Whether a roster role is expected to land code: it names an engineering
/// craft and is not a manager role. Only these people can be "quiet".
fn is_contributor_role(role: &str) -> bool {
    let role = role.to_ascii_lowercase();
    const CRAFTS: [&str; 6] = ["engineer", "developer", "sre", "programmer", "swe", "tech lead"];
    CRAFTS.iter().any(|craft| role.contains(craft)) && !role.contains("manager")
}

/// Which reviews belong to which pull request: `reviews.csv` names a PR by
/// `number` or `repo#number`. One definition of "the first review" for the
/// tripwires and the charts alike (see docs/tripwires.md).
pub struct ReviewIndex<'a> {
    by_pr: FastMap<&'a str, Vec<&'a Review>>,
    /// Some review names its PR as `repo#number`: only then is that key
    /// worth building for every PR looked up.
    qualified: bool,
    /// A bot's review is not a person's review: it neither counts as the
    /// first review nor towards who reviews.
    bots: Bots,
}

impl<'a> ReviewIndex<'a> {
    pub fn new(dataset: &'a Dataset, bots: Bots) -> ReviewIndex<'a> {
        let mut by_pr: FastMap<&str, Vec<&Review>> = FastMap::default();
        by_pr.reserve(dataset.pull_requests.len());
        let mut qualified = false;
        for review in &dataset.reviews {
            let key = review.pr.trim_start_matches('#');
            qualified |= key.contains('#');
            by_pr.entry(key).or_default().push(review);
        }
        ReviewIndex { by_pr, qualified, bots }
    }

    /// Reviews of a PR, excluding the author reviewing their own PR, bots'
    /// reviews and reviews still pending (not submitted).
    pub fn reviews_of(&self, pr: &PullRequest) -> Vec<&'a Review> {
        self.matching(pr).collect()
    }

    fn matching<'s, 'p>(&'s self, pr: &'p PullRequest) -> impl Iterator<Item = &'a Review> + use<'a, 's, 'p> {
        let plain = self.by_pr.get(pr.number.as_str());
        let qualified = if self.qualified { self.by_pr.get(format!("{}#{}", pr.repo, pr.number).as_str()) } else { None };
        plain
            .into_iter()
            .chain(qualified)
            .flatten()
            .copied()
            .filter(move |r| r.reviewer != pr.author && !r.state.eq_ignore_ascii_case("pending") && !self.bots.is_bot(&r.reviewer))
    }

    /// The earliest review by someone other than the author: from
    /// `reviews.csv` or the export's own first-review time, whichever is
    /// earlier. The review is `None` when the time came from the PR row.
    pub fn first_review(&self, pr: &PullRequest) -> Option<(Timestamp, Option<&'a Review>)> {
        let from_reviews = self
            .matching(pr)
            .filter_map(|r| r.submitted.map(|at| (at, Some(r))))
            .min_by_key(|(at, r)| (*at, r.map(|r| r.source)));
        let from_export = pr.first_review.map(|at| (at, None));
        match (from_reviews, from_export) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Fixture;

    #[test]
    fn people_are_matched_trimmed_and_their_first_roster_row_wins() {
        let mut fx = Fixture::new();
        fx.person(" Ana Lima ", "Atlas", "Software Engineer");
        fx.person("Ana Lima", "Borealis", "Engineering Manager");
        fx.person("Ben Okafor", "Borealis", "Engineering Manager");
        fx.person("  ", "Comet", "Engineer");
        let index = Index::new(&fx.ds);
        assert_eq!(index.team_of("Ana Lima"), Some("Atlas"));
        assert_eq!(index.team_of("  Ana Lima"), Some("Atlas"));
        assert_eq!(index.team_of("Cy"), None);
        assert_eq!(index.team_of(""), None, "a row without a name places nobody");
        assert_eq!(index.team_or_none("Cy"), NO_TEAM);
        assert!(index.is_contributor("Ana Lima"), "judged by the first row's role");
        assert!(!index.is_contributor("Ben Okafor"));
        assert!(!index.is_contributor("Cy"));
        let people: Vec<(&str, &str)> = index.people().map(|p| (p.name.as_str(), p.team.as_str())).collect();
        assert_eq!(people, [(" Ana Lima ", "Atlas"), ("Ben Okafor", "Borealis")]);
    }

    #[test]
    fn a_teams_group_is_its_first_rows_trimmed_and_teams_without_one_have_none() {
        let mut fx = Fixture::new();
        assert!(!Index::new(&fx.ds).has_groups(), "no teams.csv, no groups");
        fx.team("Atlas", "infra").group = " Platform ".into();
        fx.team(" Atlas ", "infra").group = "Commerce".into();
        fx.team("Borealis", "legacy");
        fx.team("Comet", "legacy").group = "  ".into();
        let index = Index::new(&fx.ds);
        assert!(index.has_groups());
        assert_eq!(index.group_of(" Atlas"), Some("Platform"), "the first row wins, trimmed");
        assert_eq!(index.group_of("Borealis"), None);
        assert_eq!(index.group_of("Comet"), None, "a blank group is none");
        assert_eq!(index.group_or_none("Dune"), NO_GROUP, "a team teams.csv does not list");

        let mut ungrouped = Fixture::new();
        ungrouped.team("Atlas", "infra");
        assert!(!Index::new(&ungrouped.ds).has_groups());
    }

    #[test]
    fn a_work_item_belongs_to_its_team_column_else_its_assignees_team() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Atlas", "Software Engineer");
        fx.item("A-1", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").team = Some("Comet".into());
        fx.item("A-2", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").team = Some(" ".into());
        fx.item("A-3", "Nobody", crate::dataset::StatusCategory::Todo, "2026-01-05");
        fx.item("A-4", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").assignee = None;
        let index = Index::new(&fx.ds);
        let teams: Vec<&str> = fx.ds.work_items.iter().map(|item| index.item_team(item)).collect();
        assert_eq!(teams, ["Comet", "Atlas", NO_TEAM, NO_TEAM]);
    }

    #[test]
    fn bots_are_named_so_or_listed_and_are_not_people() {
        let bots = Bots::new(&[" Release-Train ".to_string()]);
        for bot in ["dependabot[bot]", "Renovate[BOT]", " github-actions[bot] ", "app/dependabot", "APP/renovate", "release-train"] {
            assert!(bots.is_bot(bot), "{bot}");
        }
        for person in ["Robert", "abbot", "Abbot Lee", "bot", "[bot", "app/", "application/x", "Ana Lima", ""] {
            assert!(!bots.is_bot(person), "{person}");
        }
        assert!(!Bots::default().is_bot("release-train"), "only the model's list makes a bot of it");

        let mut fx = Fixture::new();
        fx.person("renovate[bot]", "Atlas", "Software Engineer");
        fx.person("release-train", "Atlas", "Software Engineer");
        fx.person("Robert", "Atlas", "Software Engineer");
        fx.merged_pr("1", "Robert", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.review("1", "github-actions[bot]", "2026-01-05 10:01");
        fx.review("1", "release-train", "2026-01-05 10:02");
        fx.review("1", "abbot", "2026-01-05 11:00");
        let index = Index::with_bots(&fx.ds, bots);
        let people: Vec<&str> = index.people().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Robert"]);
        assert!(!index.is_contributor("renovate[bot]") && index.team_of("release-train").is_none());
        let pr = &fx.ds.pull_requests[0];
        let reviewers: Vec<&str> = index.reviews().reviews_of(pr).iter().map(|r| r.reviewer.as_str()).collect();
        assert_eq!(reviewers, ["abbot"]);
        let first = index.reviews().first_review(pr).and_then(|(_, review)| review).map(|r| r.reviewer.as_str());
        assert_eq!(first, Some("abbot"), "a bot's instant review is not the first review");
    }

    #[test]
    fn contributor_roles_name_a_craft_and_are_not_managers() {
        for role in ["Software Engineer", "SRE", "Tech Lead", "developer"] {
            assert!(is_contributor_role(role), "{role}");
        }
        for role in ["Engineering Manager", "Product Owner", "Designer", ""] {
            assert!(!is_contributor_role(role), "{role}");
        }
    }
}
