//! The one test fixture kit: datasets built row by row for unit tests,
//! and whole synthetic organisations ([`orgs`]) for view, chart and
//! complexity tests. Compiled for the crate's own tests and, through the
//! `testkit` feature the crate enables for itself as a dev-dependency, for
//! `tests/` and `examples/`; never for the wasm bundle (`trunk build`
//! builds without dev-dependencies).
//!
//! Every row gets a real file/line reference (`roster.csv:2`, ...) so
//! evidence can be asserted exactly as users will read it. The kit reads
//! and writes only [`crate::dataset`]: a stage's own conveniences over it
//! live with that stage (`findings` adds `findings_of`, for one).

use chrono::{NaiveDate, NaiveDateTime};

use crate::dataset::*;

pub mod orgs;

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {text}"))
}

/// `2026-01-05 09:30` or a bare date (midnight).
pub fn ts(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap_or_else(|_| date(text).and_hms_opt(0, 0, 0).unwrap())
}

/// A time as a test writes it (`"2026-01-05 09:30"`, see [`ts`]) or as a
/// generator computes it.
pub trait At {
    fn at(self) -> NaiveDateTime;
}

impl At for &str {
    fn at(self) -> NaiveDateTime {
        ts(self)
    }
}

impl At for &String {
    fn at(self) -> NaiveDateTime {
        ts(self)
    }
}

impl At for NaiveDateTime {
    fn at(self) -> NaiveDateTime {
        self
    }
}

/// A day as a test writes it (`"2026-01-05"`, see [`date`]) or as a
/// generator computes it.
pub trait On {
    fn on(self) -> NaiveDate;
}

impl On for &str {
    fn on(self) -> NaiveDate {
        date(self)
    }
}

impl On for &String {
    fn on(self) -> NaiveDate {
        date(self)
    }
}

impl On for NaiveDate {
    fn on(self) -> NaiveDate {
        self
    }
}

/// A dataset built one row at a time: one method per row kind, each
/// returning the row so a test can tweak what matters to it. Each kind
/// gets its own file (`jira.csv`, ...), created on its first row.
#[derive(Default)]
pub struct Fixture {
    pub ds: Dataset,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::default()
    }

    /// The next line of the file for `kind`, creating the file on first use.
    fn next_row(&mut self, kind: FileKind) -> RowRef {
        let file = match self.ds.files.iter().position(|f| f.kind == kind) {
            Some(i) => i,
            None => {
                self.ds.files.push(FileReport { path: format!("{}.csv", kind.id()), kind, ..FileReport::default() });
                self.ds.files.len() - 1
            }
        };
        let report = &mut self.ds.files[file];
        report.rows += 1;
        report.kept += 1;
        RowRef { file: file as u32, line: report.rows as u32 + 1 }
    }

    pub fn team(&mut self, name: &str, flavor: &str) -> &mut TeamRow {
        let source = self.next_row(FileKind::Teams);
        self.ds.teams.push(TeamRow { source, name: name.into(), flavor: flavor.into(), extra: Default::default(), group: String::new() });
        self.ds.teams.last_mut().unwrap()
    }

    pub fn person(&mut self, name: &str, team: &str, role: &str) -> &mut Person {
        let source = self.next_row(FileKind::Roster);
        self.ds.people.push(Person { source, name: name.into(), team: team.into(), role: role.into(), identities: Vec::new() });
        self.ds.people.last_mut().unwrap()
    }

    pub fn role(&mut self, team: &str, role: &str, critical: bool, holder: Option<&str>) -> &mut Role {
        let source = self.next_row(FileKind::Roles);
        self.ds.roles.push(Role { source, team: team.into(), role: role.into(), critical, holder: holder.map(Into::into) });
        self.ds.roles.last_mut().unwrap()
    }

    fn pr(&mut self, number: &str, author: &str, created: impl At, state: PrState) -> &mut PullRequest {
        let source = self.next_row(FileKind::GithubPrs);
        self.ds.pull_requests.push(PullRequest {
            source,
            number_and_title: TwoTexts::new(number, &format!("Change {number}")),
            repo: "app".into(),
            author: author.into(),
            created: Some(created.at()),
            merged: None,
            closed: None,
            state,
            reviewers: NameList::default(),
            extras: None,
        });
        self.ds.pull_requests.last_mut().unwrap()
    }

    pub fn merged_pr(&mut self, number: &str, author: &str, created: impl At, merged: impl At) -> &mut PullRequest {
        let merged = merged.at();
        let pr = self.pr(number, author, created, PrState::Merged);
        pr.merged = Some(merged);
        pr.closed = Some(merged);
        pr
    }

    pub fn open_pr(&mut self, number: &str, author: &str, created: impl At, requested: &[&str]) -> &mut PullRequest {
        let pr = self.pr(number, author, created, PrState::Open);
        pr.set_requested_reviewers(requested.iter().map(|&s| s.into()).collect());
        pr
    }

    pub fn review(&mut self, pr: &str, reviewer: &str, submitted: impl At) -> &mut Review {
        let source = self.next_row(FileKind::Reviews);
        self.ds.reviews.push(Review {
            source,
            pr: pr.into(),
            reviewer: reviewer.into(),
            state: "APPROVED".into(),
            submitted: Some(submitted.at()),
        });
        self.ds.reviews.last_mut().unwrap()
    }

    pub fn item(&mut self, key: &str, assignee: &str, category: StatusCategory, created: impl At) -> &mut WorkItem {
        let source = self.next_row(FileKind::Jira);
        self.ds.work_items.push(WorkItem {
            source,
            key_and_title: TwoTexts::new(key, &format!("Work on {key}")),
            item_type: "Story".into(),
            status: format!("{category:?}").into(),
            category: Some(category),
            assignee: Some(assignee.into()),
            team: None,
            created: Some(created.at()),
            resolved: None,
            estimate: Estimate::NONE,
            ..WorkItem::default()
        });
        self.ds.work_items.last_mut().unwrap()
    }

    pub fn stakeholder(&mut self, name: &str, power: f64, interest: f64, last_contact: Option<&str>) -> &mut Stakeholder {
        let source = self.next_row(FileKind::Stakeholders);
        self.ds.stakeholders.push(Stakeholder {
            source,
            name: name.into(),
            role: "VP".into(),
            power: Some(power),
            interest: Some(interest),
            last_contact: last_contact.map(date),
            rated_on: None,
        });
        self.ds.stakeholders.last_mut().unwrap()
    }

    pub fn update(&mut self, team: &str, day: impl On, status: &str, summary: &str) -> &mut TeamUpdate {
        let source = self.next_row(FileKind::Updates);
        self.ds.updates.push(TeamUpdate { source, team: team.into(), date: Some(day.on()), status: status.into(), summary: summary.into() });
        self.ds.updates.last_mut().unwrap()
    }

    pub fn decision(
        &mut self,
        name: &str,
        team: &str,
        level: Option<DecisionLevel>,
        raised: impl On,
        decided: Option<&str>,
        approvals: &[&str],
    ) -> &mut Decision {
        let source = self.next_row(FileKind::Decisions);
        self.ds.decisions.push(Decision {
            source,
            decision: name.into(),
            team: team.into(),
            level,
            raised: Some(raised.on()),
            decided: decided.map(date),
            approvals: approvals.iter().map(|&s| s.into()).collect(),
        });
        self.ds.decisions.last_mut().unwrap()
    }

    pub fn key_result(&mut self, team: &str, quarter: &str, key_result: &str, progress: Option<f64>) -> &mut KeyResult {
        let source = self.next_row(FileKind::Okrs);
        self.ds.key_results.push(KeyResult {
            source,
            team: team.into(),
            quarter: quarter.into(),
            objective: "Delight customers".into(),
            key_result: key_result.into(),
            progress,
        });
        self.ds.key_results.last_mut().unwrap()
    }

    #[allow(clippy::too_many_arguments)]
    pub fn postmortem(
        &mut self,
        incident: &str,
        team: &str,
        root_cause: &str,
        action_item: &str,
        kind: Option<ActionKind>,
        owner: Option<&str>,
        due: Option<&str>,
    ) -> &mut PostmortemAction {
        let source = self.next_row(FileKind::Postmortems);
        self.ds.postmortem_actions.push(PostmortemAction {
            source,
            incident: incident.into(),
            team: team.into(),
            date: Some(date("2026-01-20")),
            root_cause: root_cause.into(),
            action_item: action_item.into(),
            action_kind: kind,
            owner: owner.map(Into::into),
            due: due.map(date),
        });
        self.ds.postmortem_actions.last_mut().unwrap()
    }

    pub fn design_doc(&mut self, doc: &str, team: &str, approvers: &[&str], required: &[&str]) -> &mut DesignDoc {
        let source = self.next_row(FileKind::DesignDocs);
        self.ds.design_docs.push(DesignDoc {
            source,
            doc: doc.into(),
            team: team.into(),
            author: "Ana Lima".into(),
            date: Some(date("2026-02-02")),
            approvers: approvers.iter().map(|&s| s.into()).collect(),
            required_approvers: required.iter().map(|&s| s.into()).collect(),
        });
        self.ds.design_docs.last_mut().unwrap()
    }

    pub fn intervention(
        &mut self,
        team: &str,
        started: impl On,
        planned_end: Option<&str>,
        ended: Option<&str>,
        exit_criterion: Option<&str>,
        reason: &str,
    ) -> &mut Intervention {
        let source = self.next_row(FileKind::Interventions);
        self.ds.interventions.push(Intervention {
            source,
            team: team.into(),
            started: Some(started.on()),
            planned_end: planned_end.map(date),
            ended: ended.map(date),
            exit_criterion: exit_criterion.map(Into::into),
            reason: reason.into(),
        });
        self.ds.interventions.last_mut().unwrap()
    }
}
