//! The dataset as it stood on a past day: every row cut back to what its
//! own dates say was known at the start of that day.
//!
//! One pure function, [`Dataset::as_of`], used once at the top of every
//! evaluation (`findings::evaluate_report`) and of every snapshot, rather
//! than a date check in each tripwire and view: a tripwire written against
//! "the rows" is then right for any day without knowing about history, and
//! a new tripwire cannot forget the rule. The rules (docs/tripwires.md,
//! "As of a past date"):
//!
//! * "now" is the start of the day, 00:00 UTC: a timestamp counts when it
//!   is at or before it, a date when it is on or before the day;
//! * a PR created later does not exist; one merged or closed later is
//!   open; a first review later has not happened (and its reviewers with
//!   it); a review submitted later does not exist;
//! * a work item created later does not exist; one resolved later is
//!   open, one started later not started. Exports keep no status history,
//!   so an item's status on the day is **approximated from created and
//!   resolved dates** (and started, where exported), and the cut dataset
//!   says so ([`Dataset::as_of`] sets `statuses_approximated_on`);
//! * an update, design doc, postmortem action, decision or intervention
//!   dated later is unseen; a decision decided later is pending; an
//!   intervention ended later is running; a stakeholder contact later is
//!   ignored (the file keeps only the last one, so none is known);
//! * a key result whose quarter starts later is unseen.
//!
//! Undated rows (the roster, teams, roles, a PR without a creation time)
//! are kept: nothing says they came later.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{
    Dataset, DesignDoc, Decision, Intervention, KeyResult, Name, PostmortemAction, PrState, PullRequest, Review, StatusCategory,
    TeamUpdate, Timestamp, WorkItem,
};
use crate::tiering;

/// The instant a run as of `day` treats as "now": its start, 00:00 UTC.
pub fn as_of_instant(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).expect("midnight exists")
}

/// First and last day of a quarter written as `2026-Q4`, `2026Q4`,
/// `Q4 2026` or `Q4-2026`. `None` for anything else. A key result is dated
/// by its quarter, so the cut needs it as much as `okr_not_started` does.
pub fn quarter_bounds(quarter: &str) -> Option<(NaiveDate, NaiveDate)> {
    let cleaned: String = quarter.trim().to_ascii_uppercase().chars().filter(|c| !matches!(c, ' ' | '-' | '/' | '_')).collect();
    let (year, q) = if let Some(rest) = cleaned.strip_prefix('Q') {
        // The quarter digit is one character, which need not be one byte:
        // `Q１ 2026` (a full-width digit) must be refused, not split mid-char.
        let mut chars = rest.chars();
        let q = chars.next()?.to_digit(10)?;
        (chars.as_str().parse::<i32>().ok()?, q)
    } else {
        let (year, q) = cleaned.split_once('Q')?;
        (year.parse::<i32>().ok()?, q.parse::<u32>().ok()?)
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
    let next = if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)? };
    Some((start, next - Duration::days(1)))
}

/// The day every cut compares against, in both its forms.
#[derive(Clone, Copy)]
struct Cut {
    day: NaiveDate,
    now: Timestamp,
}

impl Cut {
    fn new(day: NaiveDate) -> Cut {
        Cut { day, now: as_of_instant(day) }
    }

    fn later(&self, at: Option<Timestamp>) -> bool {
        at.is_some_and(|at| at > self.now)
    }

    fn later_day(&self, day: Option<NaiveDate>) -> bool {
        day.is_some_and(|day| day > self.day)
    }

    /// Keeps a timestamp only if it was known by then.
    fn known(&self, at: Option<Timestamp>) -> Option<Timestamp> {
        at.filter(|at| *at <= self.now)
    }

    fn known_day(&self, day: Option<NaiveDate>) -> Option<NaiveDate> {
        day.filter(|day| *day <= self.day)
    }

    fn pr_changes(&self, pr: &PullRequest) -> bool {
        self.later(pr.created) || self.later(pr.merged) || self.later(pr.closed) || self.later(pr.first_review())
    }

    fn item_changes(&self, item: &WorkItem) -> bool {
        self.later(item.created) || self.later(item.started()) || self.later(item.resolved)
    }

    fn quarter_later(&self, quarter: &str) -> bool {
        quarter_bounds(quarter).is_some_and(|(start, _)| start > self.day)
    }

    /// Whether any row holds a date after the day: only then is there
    /// anything to cut.
    fn touches(&self, dataset: &Dataset) -> bool {
        // The three big row kinds through `tiering::any`: every evaluation
        // asks this once.
        tiering::any(&dataset.pull_requests, |pr| self.pr_changes(pr))
            || tiering::any(&dataset.reviews, |r| self.later(r.submitted))
            || tiering::any(&dataset.work_items, |item| self.item_changes(item))
            || dataset.stakeholders.iter().any(|s| self.later_day(s.last_contact))
            || dataset.updates.iter().any(|u| self.later_day(u.date))
            || dataset.decisions.iter().any(|d| self.later_day(d.raised) || self.later_day(d.decided))
            || dataset.key_results.iter().any(|kr| self.quarter_later(&kr.quarter))
            || dataset.postmortem_actions.iter().any(|a| self.later_day(a.date))
            || dataset.design_docs.iter().any(|d| self.later_day(d.date))
            || dataset.interventions.iter().any(|i| self.later_day(i.started) || self.later_day(i.ended))
    }

    fn pull_request(&self, pr: &mut PullRequest) {
        if !self.pr_changes(pr) {
            return;
        }
        let reopened = self.later(pr.merged) || self.later(pr.closed);
        if self.later(pr.first_review()) {
            // The export lists who reviewed, not when; with the first review
            // still to come, nobody had.
            pr.reviewers = super::NameList::default();
        }
        pr.merged = self.known(pr.merged);
        pr.closed = self.known(pr.closed);
        pr.set_first_review(self.known(pr.first_review()));
        if reopened {
            pr.state = match (pr.merged, pr.closed) {
                (Some(_), _) => PrState::Merged,
                (None, Some(_)) => PrState::Closed,
                (None, None) => PrState::Open,
            };
        }
    }

    fn work_item(&self, item: &mut WorkItem) {
        if !self.item_changes(item) {
            return;
        }
        let not_started = self.later(item.started());
        let reopened = self.later(item.resolved) && item.category == Some(StatusCategory::Done);
        item.set_started(self.known(item.started()));
        item.resolved = self.known(item.resolved);
        let category = match item.category {
            _ if reopened || (not_started && item.category == Some(StatusCategory::InProgress)) => {
                Some(if not_started { StatusCategory::Todo } else { StatusCategory::InProgress })
            }
            category => category,
        };
        if category != item.category {
            item.status = approximated_status(category == Some(StatusCategory::Todo));
            item.category = category;
        }
    }
}

/// The status an approximated item gets: one shared name each, not an
/// allocation per open item on every cut (the history cuts 26 times).
fn approximated_status(to_do: bool) -> Name {
    static TO_DO: OnceLock<Name> = OnceLock::new();
    static IN_PROGRESS: OnceLock<Name> = OnceLock::new();
    let (status, text) = if to_do { (&TO_DO, "To Do") } else { (&IN_PROGRESS, "In Progress") };
    status.get_or_init(|| Name::from(text)).clone()
}

impl Dataset {
    /// The dataset as it stood at the start of `day` (see the module
    /// overview for the rules). Borrowed when no row is dated after `day`,
    /// as when evaluating as of today, so the usual case copies nothing.
    /// Otherwise only the rows known by then are copied, each vector of
    /// exactly their number: a whole copy cut afterwards would hold every
    /// row at once, and in wasm that high-water mark is never given back.
    pub fn as_of(&self, day: NaiveDate) -> Cow<'_, Dataset> {
        let cut = Cut::new(day);
        if !cut.touches(self) {
            return Cow::Borrowed(self);
        }
        let Dataset {
            files,
            teams,
            people,
            roles,
            pull_requests,
            reviews,
            work_items,
            stakeholders,
            updates,
            decisions,
            key_results,
            postmortem_actions,
            design_docs,
            interventions,
            statuses_approximated_on,
        } = self;
        let mut copy = Dataset {
            files: files.clone(),
            teams: teams.clone(),
            people: people.clone(),
            roles: roles.clone(),
            pull_requests: cut.known_rows(pull_requests),
            reviews: cut.known_rows(reviews),
            work_items: cut.known_rows(work_items),
            stakeholders: stakeholders.clone(),
            updates: cut.known_rows(updates),
            decisions: cut.known_rows(decisions),
            key_results: cut.known_rows(key_results),
            postmortem_actions: cut.known_rows(postmortem_actions),
            design_docs: cut.known_rows(design_docs),
            interventions: cut.known_rows(interventions),
            statuses_approximated_on: *statuses_approximated_on,
        };
        copy.cut_to(day);
        Cow::Owned(copy)
    }

    /// [`Dataset::as_of`] in place, without copying a row: for a series of
    /// ever earlier days (the findings-over-time history), each cut from
    /// the last. Cutting to a later day than before changes nothing.
    pub fn cut_to(&mut self, day: NaiveDate) {
        let cut = Cut::new(day);
        if !cut.touches(self) {
            return;
        }
        cut.retain_known(&mut self.pull_requests);
        self.pull_requests.iter_mut().for_each(|pr| cut.pull_request(pr));
        cut.retain_known(&mut self.reviews);
        cut.retain_known(&mut self.work_items);
        self.work_items.iter_mut().for_each(|item| cut.work_item(item));
        for stakeholder in &mut self.stakeholders {
            stakeholder.last_contact = cut.known_day(stakeholder.last_contact);
        }
        cut.retain_known(&mut self.updates);
        cut.retain_known(&mut self.decisions);
        for decision in &mut self.decisions {
            decision.decided = cut.known_day(decision.decided);
        }
        cut.retain_known(&mut self.key_results);
        cut.retain_known(&mut self.postmortem_actions);
        cut.retain_known(&mut self.design_docs);
        cut.retain_known(&mut self.interventions);
        for intervention in &mut self.interventions {
            intervention.ended = cut.known_day(intervention.ended);
        }
        self.statuses_approximated_on = Some(day);
    }
}

/// A row that a cut leaves out when it is dated after the day: the one
/// rule both [`Dataset::as_of`]'s copy and [`Dataset::cut_to`] apply.
trait Dated {
    fn known_by(&self, cut: &Cut) -> bool;
}

impl Dated for PullRequest {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later(self.created)
    }
}

impl Dated for Review {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later(self.submitted)
    }
}

impl Dated for WorkItem {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later(self.created)
    }
}

impl Dated for TeamUpdate {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later_day(self.date)
    }
}

impl Dated for Decision {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later_day(self.raised)
    }
}

impl Dated for KeyResult {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.quarter_later(&self.quarter)
    }
}

impl Dated for PostmortemAction {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later_day(self.date)
    }
}

impl Dated for DesignDoc {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later_day(self.date)
    }
}

impl Dated for Intervention {
    fn known_by(&self, cut: &Cut) -> bool {
        !cut.later_day(self.started)
    }
}

impl Cut {
    fn known_rows<T: Dated + Clone>(&self, rows: &[T]) -> Vec<T> {
        copied(rows, |row| row.known_by(self))
    }

    fn retain_known<T: Dated>(&self, rows: &mut Vec<T>) {
        rows.retain(|row| row.known_by(self));
    }
}

/// The rows `keep` picks, in a vector of exactly their number: collected
/// from a filter it would grow by doubling, keeping up to twice the room,
/// and in wasm the blocks it outgrew stay part of the worker's memory.
pub(crate) fn copied<T: Clone>(rows: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
    copied_as(rows, keep, T::clone)
}

/// [`copied`], each kept row copied by `copy`.
pub(crate) fn copied_as<T>(rows: &[T], keep: impl Fn(&T) -> bool, copy: impl Fn(&T) -> T) -> Vec<T> {
    let mut kept = Vec::with_capacity(rows.iter().filter(|row| keep(row)).count());
    kept.extend(rows.iter().filter(|row| keep(row)).map(copy));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate, DemoSize};
    use crate::present::testing::{demo_today, load};

    #[test]
    fn a_copy_as_of_a_day_equals_the_whole_dataset_cut_in_place_and_holds_no_spare_room() {
        let files = generate(DemoSize::Medium, 7, demo_today());
        let dataset = load(&files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect::<Vec<_>>());
        for weeks_back in [1, 13, 40] {
            let day = demo_today() - Duration::weeks(weeks_back);
            let Cow::Owned(copy) = dataset.as_of(day) else { panic!("rows are dated after {day}") };
            let mut whole = dataset.clone();
            whole.cut_to(day);
            assert_eq!(copy, whole, "{day}");
            assert!(copy.pull_requests.len() < dataset.pull_requests.len(), "{day}: some PRs came later");
            assert_eq!(copy.pull_requests.capacity(), copy.pull_requests.len());
            assert_eq!(copy.work_items.capacity(), copy.work_items.len());
        }
        assert!(matches!(dataset.as_of(demo_today() + Duration::days(1)), Cow::Borrowed(_)));
    }
}
