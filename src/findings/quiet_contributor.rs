//! `quiet_contributor`: an engineer with no merged PR for longer than the
//! team's quiet-days norm, with the likely cause named.

use super::people::People;
use super::{join_names, pr_label, severity_by_ratio, waiting_on, Context, Finding, Output, Phase, Tripwire, Unit};
use crate::dataset::{PrState, PullRequest, Timestamp};
use crate::model::calendar::{days_between, days_since};
use crate::tiering;

pub const ID: &str = "quiet_contributor";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "Quiet contributor", phase: Phase::Rows, run };

/// What is gathered about the person numbered `id`.
fn author<'a, 's>(authors: &'s mut Vec<Authored<'a>>, id: usize) -> &'s mut Authored<'a> {
    if id >= authors.len() {
        authors.resize_with(id + 1, Authored::default);
    }
    &mut authors[id]
}

/// What one pass over the PRs gathers about one author.
#[derive(Default)]
struct Authored<'a> {
    /// The last merge by now; of equal merge times, the later row.
    last_merged: Option<&'a PullRequest>,
    /// Open PRs created by now, in row order.
    open: Vec<&'a PullRequest>,
    /// PRs created after their quiet spell began and by now.
    opened_since: usize,
}

fn run(ctx: &Context, out: &mut Output) {
    let now = ctx.now();
    // A person on two roster rows is judged once, on their first row.
    let contributors: Vec<_> = ctx.index.people().filter(|p| ctx.index.is_contributor(&p.name)).collect();
    // One pass for when the history starts and each author's last merge
    // and open PRs: by person, whichever of their names the export uses,
    // each under their number.
    let mut people = People::new(ctx.index);
    let mut authors: Vec<Authored> = Vec::new();
    let mut history_start: Option<Timestamp> = None;
    // Through `tiering::each`: this runs once per evaluation.
    tiering::each(&ctx.dataset.pull_requests, |pr| {
        let created = pr.created.filter(|c| *c <= now);
        if let Some(created) = created {
            history_start = Some(history_start.map_or(created, |start| start.min(created)));
        }
        // Merges after "now" belong to a later as-of date and are ignored.
        let merged = pr.merged.filter(|m| *m <= now);
        let open = pr.state == PrState::Open && created.is_some();
        if merged.is_none() && !open {
            return;
        }
        let author = author(&mut authors, people.of(&pr.author).id as usize);
        if merged.is_some() && author.last_merged.is_none_or(|last| merged >= last.merged) {
            author.last_merged = Some(pr);
        }
        if open {
            author.open.push(pr);
        }
    });
    let Some(history_start) = history_start else {
        if let Some(first) = contributors.first() {
            out.not_enough_data(ctx, ID, None, "pull requests", "no pull requests are loaded, so quiet days cannot be counted", [first.source]);
        }
        return;
    };

    // Who is quiet, and since when; a roster person's canonical name is
    // their trimmed roster name.
    let mut quiet = Vec::new();
    let mut quiet_since: Vec<Option<Timestamp>> = Vec::new();
    for person in contributors {
        let norm = ctx.norms(&person.team).quiet_days;
        let id = people.id(person.name.trim()) as usize;
        let last_merged = authors.get(id).and_then(|a| a.last_merged);
        let (quiet_days, since) = match last_merged.and_then(|pr| pr.merged) {
            Some(merged) => (days_since(merged, ctx.today), merged),
            None => (days_between(history_start.date(), ctx.today), history_start),
        };
        if quiet_days <= norm as i64 {
            continue;
        }
        // With open PRs, those are the story: what was opened since is not told.
        if authors.get(id).is_none_or(|a| a.open.is_empty()) {
            quiet_since.resize(quiet_since.len().max(id + 1), None);
            quiet_since[id] = Some(since);
        }
        quiet.push((person, id, norm, quiet_days, since));
    }
    // A second pass, only when someone is quiet without open PRs, for the
    // PRs they opened since.
    if quiet_since.iter().any(Option::is_some) {
        tiering::each(&ctx.dataset.pull_requests, |pr| {
            let Some(created) = pr.created.filter(|c| *c <= now) else { return };
            let id = people.of(&pr.author).id as usize;
            if quiet_since.get(id).copied().flatten().is_some_and(|since| created > since) {
                author(&mut authors, id).opened_since += 1;
            }
        });
    }

    for (person, id, norm, quiet_days, since) in quiet {
        let author = authors.get(id);
        let last_merged = author.and_then(|a| a.last_merged);
        let open: &[&PullRequest] = author.map_or(&[], |a| &a.open);
        let opened_since = author.map_or(0, |a| a.opened_since);
        let first_name = person.name.split_whitespace().next().unwrap_or(&person.name);
        let quiet = match last_merged {
            Some(pr) => format!("{} has not merged a PR for {quiet_days} days (last: {})", person.name, pr_label(pr)),
            None => format!("{} has no merged PR in the loaded history ({quiet_days} days, since {})", person.name, since.date()),
        };
        let (why, ask) = if !open.is_empty() {
            let waiting: Vec<String> = open.iter().map(|pr| format!("{} ({})", pr_label(pr), waiting_on(pr))).collect();
            let labels: Vec<String> = open.iter().map(|pr| pr_label(pr)).collect();
            (
                format!("{quiet}, norm {norm}; open PRs wait on review: {}.", waiting.join(", ")),
                format!("What would help {} get reviewed and merged?", join_names(&labels)),
            )
        } else if opened_since == 0 {
            (
                format!("{quiet}, norm {norm}, and has opened no PR since."),
                format!("What is {first_name}'s time going into at the moment?"),
            )
        } else {
            (
                format!("{quiet}, norm {norm}; the {opened_since} PR(s) opened since were closed without merging."),
                format!("What happened to the work in {first_name}'s closed PRs?"),
            )
        };
        let rows = std::iter::once(person.source)
            .chain(last_merged.map(|pr| pr.source))
            .chain(open.iter().map(|pr| pr.source));
        out.push(
            Finding::draft(ID, &person.team, &person.name)
                .person(&person.name)
                .severity(severity_by_ratio(quiet_days as f64, norm as f64, 2.0))
                .measured(norm as f64, quiet_days as f64, Unit::Days)
                .evidence(ctx, rows)
                .why(why)
                .ask(ask),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::dataset::PrState;
    use crate::findings::testing::cites;
    use crate::testkit::{ts, Fixture};

    fn squad() -> Fixture {
        let mut fx = Fixture::new();
        fx.team("Rockets", "greenfield");
        fx.team("Pipes", "infra");
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        fx.person("Ben Okafor", "Rockets", "Senior Engineer");
        fx.person("Chen Wei", "Pipes", "SRE");
        fx.person("Dora Pike", "Rockets", "Engineering Manager");
        fx.person("Eli Stone", "Rockets", "Software Engineer");
        // Everyone last merged on 2026-02-20; today is 2026-03-02: 10 days.
        fx.merged_pr("1", "Ana Lima", "2026-02-19 10:00", "2026-02-20 10:00");
        fx.merged_pr("2", "Ben Okafor", "2026-02-19 10:00", "2026-02-20 10:00");
        fx.merged_pr("3", "Chen Wei", "2026-02-19 10:00", "2026-02-20 10:00");
        fx.merged_pr("4", "Eli Stone", "2026-02-25 10:00", "2026-02-26 10:00");
        fx.open_pr("5", "Ben Okafor", "2026-02-23 09:00", &["Ana Lima", "Eli Stone"]);
        fx
    }

    #[test]
    fn greenfield_engineer_ten_days_quiet_fires_with_the_cause() {
        let findings = squad().findings_of(ID, "2026-03-02");
        let people: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(people, ["Ana Lima", "Ben Okafor"]);

        let ana = &findings[0];
        assert_eq!((ana.norm.value, ana.observed.value), (7.0, 10.0));
        assert!(ana.why.contains("has opened no PR since"), "{}", ana.why);
        assert_eq!(ana.ask, "What is Ana's time going into at the moment?");
        assert_eq!(cites(ana), ["roster.csv:2", "github_prs.csv:2"]);

        let ben = &findings[1];
        assert!(ben.why.contains("app#5 (waiting on Ana Lima and Eli Stone)"), "{}", ben.why);
        assert_eq!(cites(ben), ["roster.csv:3", "github_prs.csv:3", "github_prs.csv:6"]);
    }

    #[test]
    fn infra_engineer_ten_days_quiet_and_managers_do_not_fire() {
        let findings = squad().findings_of(ID, "2026-03-02");
        assert!(findings.iter().all(|f| f.subject != "Chen Wei" && f.subject != "Dora Pike" && f.subject != "Eli Stone"));
        // Exactly at the norm is not "longer than" the norm.
        assert!(squad().findings_of(ID, "2026-02-27").is_empty());
    }

    #[test]
    fn no_pull_requests_loaded_is_not_enough_data() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        assert!(fx.findings_of(ID, "2026-03-02").is_empty());
        assert_eq!(fx.gaps_of(ID, "2026-03-02").len(), 1);
    }

    #[test]
    fn a_person_on_two_roster_rows_is_judged_once_on_the_first() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        fx.person("Ana Lima", "Rockets", "Software Engineer");
        fx.person("Ana Lima", "Pipes", "Software Engineer");
        fx.merged_pr("1", "Ana Lima", "2026-02-19 10:00", "2026-02-20 10:00");
        let findings = fx.findings_of(ID, "2026-03-02");
        let judged: Vec<(&str, &str)> = findings.iter().map(|f| (f.team.as_str(), f.subject.as_str())).collect();
        assert_eq!(judged, [("Rockets", "Ana Lima")]);
        assert_eq!(cites(&findings[0])[0], "roster.csv:2");
    }

    #[test]
    fn bots_on_the_roster_are_never_quiet_but_robert_and_abbot_are_people() {
        let mut fx = Fixture::new();
        for name in ["dependabot[bot]", "app/renovate", "release-train", "Robert", "abbot"] {
            fx.person(name, "Rockets", "Software Engineer");
        }
        fx.merged_pr("1", "Eli Stone", "2026-02-01 10:00", "2026-02-02 10:00");
        let subjects = |findings: Vec<crate::findings::Finding>| {
            let mut subjects: Vec<String> = findings.into_iter().map(|f| f.subject).collect();
            subjects.sort();
            subjects
        };
        assert_eq!(subjects(fx.findings_of(ID, "2026-03-02")), ["Robert", "abbot", "release-train"]);
        let mut model = fx.model();
        model.bots = vec!["release-train".into()];
        assert_eq!(subjects(fx.findings_under(&model, ID, "2026-03-02")), ["Robert", "abbot"]);
    }

    #[test]
    fn the_last_merge_and_the_prs_opened_since_count_under_every_name_as_of_the_day() {
        let mut fx = Fixture::new();
        fx.person("Ana Reyes", "Rockets", "Software Engineer").identities = vec!["areyes".into()];
        fx.person("Ben Okafor", "Rockets", "Software Engineer");
        fx.person("Cy Moss", "Rockets", "Software Engineer");
        // Two merges at one time, under two names: the later row is the last.
        fx.merged_pr("1", "Ana Reyes", "2026-02-01 10:00", "2026-02-02 10:00");
        fx.merged_pr("2", " areyes ", "2026-02-01 11:00", "2026-02-02 10:00");
        // Opened since under both names and closed unmerged; one opened
        // before the last merge, one at it, one after the day.
        let closed = [
            ("3", "areyes", "2026-02-10 10:00"),
            ("4", "Ana Reyes", "2026-02-12 10:00"),
            ("5", "areyes", "2026-01-30 10:00"),
            ("10", "areyes", "2026-02-02 10:00"),
            ("6", "areyes", "2026-03-05 10:00"),
        ];
        for (number, author, created) in closed {
            let pr = fx.open_pr(number, author, created, &[]);
            pr.state = PrState::Closed;
            pr.closed = Some(ts(created) + chrono::Duration::hours(1));
        }
        fx.merged_pr("7", "Ben Okafor", "2026-01-01 10:00", "2026-01-02 10:00");
        fx.open_pr("8", "Ben Okafor ", "2026-02-25 10:00", &["Ana Reyes"]);
        fx.open_pr("9", "Ben Okafor", "2026-03-05 10:00", &[]);
        // Quiet since the history began, with nothing opened.
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<&str> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Ana Reyes", "Ben Okafor", "Cy Moss"]);
        let [ana, ben, cy] = [&findings[0], &findings[1], &findings[2]];
        assert!(ana.why.contains("(last: app#2)") && ana.why.contains("the 2 PR(s) opened since were closed"), "{}", ana.why);
        assert_eq!(ana.observed.value, 28.0);
        assert!(ben.why.contains("open PRs wait on review: app#8 (waiting on Ana Reyes)."), "{}", ben.why);
        assert!(cy.why.contains("no merged PR in the loaded history (60 days, since 2026-01-01)") && cy.why.contains("opened no PR since"), "{}", cy.why);
    }

    #[test]
    fn merges_under_a_github_login_the_roster_gives_count_for_the_person() {
        let mut fx = squad();
        fx.person("Ana Reyes", "Rockets", "Software Engineer").identities = vec!["areyes".into()];
        fx.merged_pr("6", "areyes", "2026-02-28 10:00", "2026-03-01 10:00");
        fx.merged_pr("7", "Ana Reyes <CORP\\areyes>", "2026-02-27 10:00", "2026-02-27 12:00");
        let findings = fx.findings_of(ID, "2026-03-02");
        let people: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(people, ["Ana Lima", "Ben Okafor"], "Ana Reyes merged yesterday as areyes");
    }
}
