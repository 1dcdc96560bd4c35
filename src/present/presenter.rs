//! Presenter mode, in one pass. A snapshot is assembled with the names the
//! files give; in presenter mode [`pseudonymise`] then rewrites every
//! string in it that can name a person, with one [`Pseudonymizer`] built
//! over the whole dataset. A person's own field (a finding's person, a
//! stakeholder, a chart bar) becomes their pseudonym; free text (why, ask,
//! subjects, keys, file names, warnings) has every known name replaced.
//!
//! View builders know nothing of presenter mode, so none can forget it;
//! a field that can hold a name and is not rewritten here is a leak, which
//! the tests below look for in the serialised snapshot and every export.

use super::analysis::{Analysis, LeadershipView, ShownFinding};
use super::privacy::Pseudonymizer;
use super::{Overview, Snapshot};
use crate::dataset::FileReport;
use crate::findings::drift::Drift;
use crate::findings::systemic::Systemic;
use crate::model::AcceptedDeviation;
use crate::review::Changes;
use crate::views::coverage::CoverageView;
use crate::views::distribution::Distribution;
use crate::views::identities::IdentitiesView;
use crate::views::quiet::QuietDays;
use crate::views::stakeholders::StakeholderGrid;
use crate::views::FindingRow;

/// Pseudonymises the whole snapshot and marks it as presented.
pub fn pseudonymise(snapshot: &mut Snapshot, pseudonyms: &Pseudonymizer) {
    pseudonymise_overview(&mut snapshot.overview, pseudonyms);
    snapshot.analysis.rewrite(pseudonyms);
    snapshot.model.accepted.rewrite(pseudonyms);
    snapshot.stakeholders.rewrite(pseudonyms);
    if let Some(changes) = &mut snapshot.changes {
        changes.rewrite(pseudonyms);
    }
    snapshot.identities.rewrite(pseudonyms);
    snapshot.coverage.rewrite(pseudonyms);
    rewrite_confirmed_identities(&mut snapshot.model.identities, pseudonyms);
}

/// The Load page's part alone, for the overview posted after each file.
pub fn pseudonymise_overview(overview: &mut Overview, pseudonyms: &Pseudonymizer) {
    overview.files.rewrite(pseudonyms);
}

/// Findings name people in their keys and subjects, the roster and the
/// stakeholders by name; file names can name people too. Teams and norms
/// name nobody.
impl Rewrite for Changes {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.saved_file, p);
        for finding in self.new.iter_mut().chain(&mut self.resolved).chain(&mut self.persisting) {
            scrub(&mut finding.key, p);
            scrub(&mut finding.subject, p);
            finding.person = finding.person.as_deref().map(|person| p.pseudonym(person));
        }
        for person in &mut self.roster {
            person.person = p.pseudonym(&person.person);
        }
        for stakeholder in &mut self.stakeholders {
            stakeholder.name = p.pseudonym(&stakeholder.name);
        }
    }
}

/// A view-model that can name people, rewritten for presenter mode.
trait Rewrite {
    fn rewrite(&mut self, p: &Pseudonymizer);
}

impl<T: Rewrite> Rewrite for Vec<T> {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        for item in self {
            item.rewrite(p);
        }
    }
}

fn scrub(text: &mut String, p: &Pseudonymizer) {
    *text = p.scrub(text);
}

/// Warnings and an unknown file's column samples quote cells, and file
/// names can name people (`alice-prs.csv`).
impl Rewrite for FileReport {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.path, p);
        for warning in &mut self.warnings {
            scrub(&mut warning.message, p);
        }
        for column in self.suggestion.iter_mut().flat_map(|s| &mut s.columns) {
            for sample in &mut column.samples {
                scrub(sample, p);
            }
        }
    }
}

impl Rewrite for Analysis {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        self.presenter = true;
        self.findings.rewrite(p);
        self.accepted.rewrite(p);
        self.charts.quiet_days.rewrite(p);
        rewrite_reviewers(&mut self.charts.review_wait, p);
        self.leadership.rewrite(p);
        // A group can be a person's ("director"): named like free text.
        for row in &mut self.digest {
            if let Some(group) = &mut row.group {
                scrub(group, p);
            }
        }
        for line in &mut self.digest_groups {
            scrub(&mut line.group, p);
        }
        for line in &mut self.leadership_groups {
            scrub(&mut line.group, p);
        }

        self.systemic.rewrite(p);
        self.drift.rewrite(p);
    }
}

/// A systemic finding names a team, not people; its per-person evidence
/// is its members, positions in `findings`, rewritten there. Its text is
/// scrubbed all the same, as a team may be named after a person.
impl Rewrite for Systemic {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.key, p);
        scrub(&mut self.why, p);
        scrub(&mut self.history, p);
    }
}

impl Rewrite for Drift {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.key, p);
        scrub(&mut self.why, p);
    }
}

/// Keys contain subjects; the page accepts a finding by its shown key.
impl Rewrite for ShownFinding {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.key, p);
        self.row.rewrite(p);
    }
}

impl Rewrite for FindingRow {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.subject, p);
        self.person = self.person.as_deref().map(|person| p.pseudonym(person));
        scrub(&mut self.observed, p);
        // A file may be named after a person.
        for cite in &mut self.evidence {
            scrub(cite, p);
        }
        scrub(&mut self.why, p);
        scrub(&mut self.ask, p);
    }
}

impl Rewrite for AcceptedDeviation {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        scrub(&mut self.key, p);
        scrub(&mut self.subject, p);
        scrub(&mut self.reason, p);
    }
}

/// Bars are people, or teams in a large org. Within a team people stay
/// ordered by label, now the pseudonym: ordered by real name, the order
/// would hint at who is who.
impl Rewrite for QuietDays {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        if self.aggregated {
            return;
        }
        for team in &mut self.teams {
            for bar in &mut team.bars {
                bar.label = p.pseudonym(&bar.label);
            }
            team.bars.sort_by(|a, b| a.label.cmp(&b.label));
        }
    }
}

/// Rows are reviewers, the unknown reviewer of an export that does not
/// say, or reviewers' teams in a large org: only people are renamed, and
/// rows are reordered by the pseudonym, as for quiet days.
fn rewrite_reviewers(distribution: &mut Distribution, p: &Pseudonymizer) {
    for row in &mut distribution.rows {
        if p.knows(&row.label) {
            row.label = p.pseudonym(&row.label);
        }
    }
    distribution.rows.sort_by(|a, b| a.label.cmp(&b.label));
}

impl Rewrite for LeadershipView {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        for team in &mut self.teams {
            if let Some(group) = &mut team.group {
                scrub(group, p);
            }
            for reason in &mut team.reasons {
                scrub(reason, p);
            }
            for intervention in &mut team.interventions {
                scrub(&mut intervention.reason, p);
                if let Some(exit) = &mut intervention.exit_criterion {
                    scrub(exit, p);
                }
                scrub(&mut intervention.evidence, p);
            }
        }
    }
}

impl Rewrite for StakeholderGrid {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        for point in &mut self.points {
            point.label = p.pseudonym(&point.label);
            scrub(&mut point.role, p);
        }
        for label in &mut self.unplaced {
            *label = p.pseudonym(label);
        }
    }
}

/// Both sides of every row name a person. Rows and suggestions are put in
/// pseudonym order: in real-name order they would hint at who is who.
impl Rewrite for IdentitiesView {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        for row in &mut self.unmatched {
            row.name = p.pseudonym(&row.name);
            scrub(&mut row.first_seen, p);
            for suggestion in &mut row.suggestions {
                suggestion.person = p.pseudonym(&suggestion.person);
            }
        }
        self.unmatched.sort_by(|a, b| a.name.cmp(&b.name));
        for row in &mut self.confirmed {
            row.name = p.pseudonym(&row.name);
            row.person = p.pseudonym(&row.person);
        }
        self.confirmed.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

/// A gap's reason may quote a subject.
impl Rewrite for CoverageView {
    fn rewrite(&mut self, p: &Pseudonymizer) {
        for gap in self.teams.iter_mut().flat_map(|team| &mut team.gaps) {
            scrub(&mut gap.reason, p);
        }
    }
}

/// The model's confirmed matches, name as seen → person, both pseudonymised.
fn rewrite_confirmed_identities(identities: &mut std::collections::BTreeMap<String, String>, p: &Pseudonymizer) {
    *identities = identities.iter().map(|(seen, person)| (p.pseudonym(seen), p.pseudonym(person))).collect();
}

#[cfg(test)]
mod tests {
    use crate::present::testing::snapshot_of;
    use crate::present::Presenter;
    use crate::views::review_wait::UNKNOWN_REVIEWER;
    use crate::testkit::orgs as synthetic;
    use crate::views::table::ToTable;

    #[test]
    fn quiet_days_show_pseudonyms_ordered_by_pseudonym() {
        let d = synthetic::small_org();
        let (real, shown) = (snapshot_of(&d, Presenter::Off), snapshot_of(&d, Presenter::On));
        let quiet = &shown.analysis.charts.quiet_days;
        let text = quiet.to_table().all_text();
        assert!(d.people.iter().all(|p| !text.contains(&p.name)));
        assert!(text.contains("Person "));
        for (real, shown) in real.analysis.charts.quiet_days.teams.iter().zip(&quiet.teams) {
            assert_eq!(real.bars.len(), shown.bars.len());
            assert!(shown.bars.windows(2).all(|w| w[0].label < w[1].label), "ordered by pseudonym, not by real name");
        }
    }

    #[test]
    fn reviewers_are_renamed_but_not_the_unknown_reviewer_or_teams() {
        let mut d = synthetic::small_org();
        let first_review = d.pull_requests[0].created.map(|c| c + chrono::Duration::hours(3));
        d.pull_requests[0].set_first_review(first_review);
        let number = d.pull_requests[0].number().to_string();
        d.reviews.retain(|r| r.pr != number);
        let rows = |presenter| snapshot_of(&d, presenter).analysis.charts.review_wait.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
        let (real, shown) = (rows(Presenter::Off), rows(Presenter::On));
        assert!(real.iter().any(|l| l == UNKNOWN_REVIEWER), "{real:?}");
        assert!(shown.iter().all(|l| l == UNKNOWN_REVIEWER || l.starts_with("Person ")), "{shown:?}");
        assert!(shown.windows(2).all(|w| w[0] < w[1]), "ordered by label");

        let large = synthetic::org(600, 20);
        let teams = |presenter| snapshot_of(&large, presenter).analysis.charts.review_wait;
        let (real, shown) = (teams(Presenter::Off), teams(Presenter::On));
        assert!(real.note.is_some(), "grouped by team");
        assert_eq!(real.rows, shown.rows, "team rows name no one");
    }

    #[test]
    fn unmatched_identities_suggestions_and_confirmed_matches_name_nobody() {
        use crate::dataset::Index;
        use crate::present::{snapshot, State};
        let mut fx = crate::testkit::Fixture::new();
        fx.person("Ana Reyes", "Atlas", "Software Engineer").identities = vec!["ana.reyes@corp.example".into()];
        fx.person("Ben Okafor", "Atlas", "Software Engineer");
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.merged_pr("2", "bokafor", "2026-01-05 10:00", "2026-01-06 10:00");
        let mut model = crate::model::TeamModel::from_dataset(&fx.ds);
        model.identities.insert("bokafor".into(), "Ben Okafor".into());
        let index = Index::with_identities(&fx.ds, Default::default(), &model.identities);
        let of = |presenter| snapshot(&State { presenter, ..State::of(&index, &model, &[], synthetic::today()) }, None);
        let real = of(Presenter::Off);
        assert_eq!(real.identities.unmatched[0].suggestions[0].person, "Ana Reyes", "{:?}", real.identities);
        assert_eq!(real.identities.confirmed[0].person, "Ben Okafor");
        let shown = serde_json::to_string(&of(Presenter::On)).unwrap();
        for name in ["Ana Reyes", "areyes", "Ben Okafor", "bokafor", "ana.reyes"] {
            assert!(!shown.contains(name), "{name} in {shown}");
        }
    }

    #[test]
    fn stakeholders_are_pseudonymised_in_place() {
        let d = synthetic::small_org();
        let (real, shown) = (snapshot_of(&d, Presenter::Off), snapshot_of(&d, Presenter::On));
        assert!(!real.stakeholders.points.is_empty());
        for (real, shown) in real.stakeholders.points.iter().zip(&shown.stakeholders.points) {
            assert!(shown.label.starts_with("Person ") && shown.label != real.label, "{shown:?}");
            assert_eq!((real.index, real.current), (shown.index, shown.current));
        }
    }

    #[test]
    fn groups_roll_up_and_a_group_named_after_a_person_is_pseudonymised() {
        let mut d = synthetic::small_org();
        let director = d.people[0].name.clone();
        d.teams[0].group = director.clone();
        d.teams[1].group = "Commerce".into();
        let (real, shown) = (snapshot_of(&d, Presenter::Off), snapshot_of(&d, Presenter::On));
        let groups = |s: &crate::present::Snapshot| s.analysis.digest_groups.iter().map(|g| g.group.clone()).collect::<Vec<_>>();
        assert!(groups(&real).contains(&director), "{:?}", groups(&real));
        assert_eq!(real.analysis.digest_groups.len(), 3, "two groups and the teams in none");
        assert_eq!(real.analysis.leadership_groups.len(), real.analysis.digest_groups.len());
        let teams: usize = real.analysis.digest_groups.iter().map(|g| g.teams.len()).sum();
        assert_eq!(teams, real.analysis.digest.len(), "every team is in one group line");
        let json = serde_json::to_string(&shown.analysis).unwrap();
        assert!(!json.contains(&director), "{director} in the presented roll-up");
        assert!(groups(&shown).contains(&"Commerce".to_string()));
    }
}
