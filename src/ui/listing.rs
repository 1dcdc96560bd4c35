//! What the long lists of the pages show at once, decided without the
//! browser so it is tested natively: which page of a list, which teams a
//! search keeps, the Deviations page's one line per team, and when an
//! organisation is small enough to show everything at once.
//!
//! At 200 teams the pages used to render every finding, row and chart
//! together (115,000 elements and a 20-second task on Deviations). The
//! rule now: a page renders what fits on a screen or two (a page of
//! rows, one line per team) and draws charts when they are scrolled to;
//! a small organisation still sees everything at once.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::views::FindingRow;

/// Up to this many shown findings, every team starts open (the in-app demo
/// has 24); beyond it, teams start as one line each and open on demand.
pub const OPEN_ALL_UP_TO: usize = 50;

/// Up to this many people, every chart is drawn as soon as its page opens;
/// beyond it, each chart is drawn when it is first scrolled near. The
/// charts' marks grow with people and teams, and at 2,000 people one chart
/// takes longer than a frame to draw and lay out.
pub const DRAW_AT_ONCE_UP_TO_PEOPLE: usize = 100;

/// Rows per page of a table (the digest, a chart's table alternative).
pub const ROWS_PER_PAGE: usize = 50;
/// Team lines per page on the Deviations page.
pub const TEAMS_PER_PAGE: usize = 50;
/// Finding cards per page inside an opened team.
pub const FINDINGS_PER_PAGE: usize = 20;
/// Rows per page of the model table: each row holds a field per norm.
pub const MODEL_ROWS_PER_PAGE: usize = 20;
/// Team cards per page on the Leadership page.
pub const CARDS_PER_PAGE: usize = 24;

/// The items of page `page` (from 0) at `per_page` a page. Clamped, so a
/// list that shrank (a filter, an accepted finding) shows its last page
/// rather than nothing.
pub fn page_range(total: usize, per_page: usize, page: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let last = total.saturating_sub(1) / per_page;
    let start = page.min(last) * per_page;
    start..(start + per_page).min(total)
}

/// Whether `team` is kept by what was typed in a "Find a team" box: any
/// part of the name, ignoring case and surrounding spaces.
pub fn team_matches(team: &str, query: &str) -> bool {
    let query = query.trim();
    query.is_empty() || team.to_lowercase().contains(&query.to_lowercase())
}

/// Whether an organisation of `people` is small enough to draw every chart at once.
pub fn draws_at_once(people: usize) -> bool {
    people <= DRAW_AT_ONCE_UP_TO_PEOPLE
}

/// Whether teams start open when `shown` findings match the filters.
pub fn opens_all(shown: usize) -> bool {
    shown <= OPEN_ALL_UP_TO
}

/// One team's line on the Deviations page: enough to decide whether to
/// open it, and where its findings are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamFindings {
    pub team: String,
    /// Positions of its shown findings in the list given, in order.
    pub findings: Vec<usize>,
    /// Tripwire id and how many of its findings, most first (then by id).
    pub by_tripwire: Vec<(String, usize)>,
    pub high: usize,
}

/// What the filters keep of `findings`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingFilter {
    pub tripwire: Option<String>,
    pub severity: Option<String>,
    pub team: String,
}

impl FindingFilter {
    pub fn keeps(&self, row: &FindingRow) -> bool {
        self.tripwire.as_deref().is_none_or(|t| row.tripwire == t)
            && self.severity.as_deref().is_none_or(|s| row.severity == s)
            && team_matches(&row.team, &self.team)
    }
}

/// The findings `filter` keeps, one entry per team in team order.
pub fn findings_by_team<'a>(findings: impl IntoIterator<Item = &'a FindingRow>, filter: &FindingFilter) -> Vec<TeamFindings> {
    #[derive(Default)]
    struct Tally<'a> {
        findings: Vec<usize>,
        by_tripwire: BTreeMap<&'a str, usize>,
        high: usize,
    }
    let mut teams: BTreeMap<&str, Tally> = BTreeMap::new();
    for (position, row) in findings.into_iter().enumerate().filter(|(_, row)| filter.keeps(row)) {
        let tally = teams.entry(row.team.as_str()).or_default();
        tally.findings.push(position);
        *tally.by_tripwire.entry(row.tripwire.as_str()).or_default() += 1;
        tally.high += usize::from(row.severity == "high");
    }
    teams
        .into_iter()
        .map(|(team, tally)| {
            let mut by_tripwire: Vec<(String, usize)> = tally.by_tripwire.into_iter().map(|(id, n)| (id.to_string(), n)).collect();
            by_tripwire.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            TeamFindings { team: team.to_string(), findings: tally.findings, by_tripwire, high: tally.high }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(team: &str, tripwire: &str, severity: &str) -> FindingRow {
        FindingRow {
            tripwire: tripwire.into(),
            team: team.into(),
            subject: "someone".into(),
            person: None,
            severity: severity.into(),
            norm: "7 days".into(),
            observed: "9 days".into(),
            evidence: vec!["prs.csv:2".into()],
            why: "why".into(),
            ask: "ask?".into(),
        }
    }

    #[test]
    fn pages_cut_the_list_and_a_page_past_the_end_shows_the_last() {
        assert_eq!(page_range(200, 50, 0), 0..50);
        assert_eq!(page_range(200, 50, 3), 150..200);
        assert_eq!(page_range(201, 50, 4), 200..201);
        assert_eq!(page_range(120, 50, 9), 100..120, "the list shrank under the reader");
        assert_eq!(page_range(0, 50, 2), 0..0);
        assert_eq!(page_range(3, 0, 0), 0..1, "a page holds one item at least");
    }

    #[test]
    fn a_team_search_matches_any_part_ignoring_case() {
        assert!(team_matches("Amber Falcons", " falc "));
        assert!(team_matches("Amber Falcons", ""));
        assert!(!team_matches("Amber Falcons", "hawks"));
    }

    #[test]
    fn findings_are_grouped_per_team_with_counts_by_tripwire_most_first() {
        let rows = [
            row("Comet", "quiet_contributor", "low"),
            row("Bedrock", "slipping_work", "high"),
            row("Comet", "slipping_work", "medium"),
            row("Comet", "slipping_work", "high"),
            row("Bedrock", "review_wait", "medium"),
        ];
        let groups = findings_by_team(&rows, &FindingFilter::default());
        assert_eq!(groups.iter().map(|g| g.team.as_str()).collect::<Vec<_>>(), ["Bedrock", "Comet"]);
        assert_eq!(groups[1].findings, [0, 2, 3], "positions in the given list, in order");
        assert_eq!(groups[1].by_tripwire, [("slipping_work".to_string(), 2), ("quiet_contributor".to_string(), 1)]);
        assert_eq!(groups[1].high, 1);
        assert_eq!(groups[0].by_tripwire, [("review_wait".to_string(), 1), ("slipping_work".to_string(), 1)], "ties by id");
    }

    #[test]
    fn filters_keep_only_matching_findings_and_drop_teams_left_empty() {
        let rows = [row("Comet", "quiet_contributor", "low"), row("Bedrock", "slipping_work", "high"), row("Comet", "slipping_work", "high")];
        let only = |tripwire: Option<&str>, severity: Option<&str>, team: &str| {
            let filter = FindingFilter { tripwire: tripwire.map(String::from), severity: severity.map(String::from), team: team.into() };
            findings_by_team(&rows, &filter).into_iter().map(|g| (g.team, g.findings)).collect::<Vec<_>>()
        };
        assert_eq!(only(Some("quiet_contributor"), None, ""), [("Comet".to_string(), vec![0])]);
        assert_eq!(only(None, Some("high"), ""), [("Bedrock".to_string(), vec![1]), ("Comet".to_string(), vec![2])]);
        assert_eq!(only(None, None, "bed"), [("Bedrock".to_string(), vec![1])]);
        assert_eq!(only(Some("review_wait"), None, ""), []);
    }

    #[test]
    fn small_organisations_see_everything_at_once() {
        assert!(opens_all(24), "the in-app demo opens every team");
        assert!(!opens_all(3_464), "the 200-team organisation does not");
        assert!(draws_at_once(18));
        assert!(!draws_at_once(2_000));
    }
}
