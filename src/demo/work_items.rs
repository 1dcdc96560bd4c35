//! Work items as a Jira Cloud CSV export (`jira.csv`): repeated `Sprint`
//! columns, Jira's own date form, small stories finished within their band.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{at, Generator, Team};

impl Generator {
    pub(super) fn sprint_name(&self, team: &Team, day: NaiveDate) -> String {
        format!("{} Sprint {}", team.key, (day - self.start).num_days().max(0) / 14 + 1)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn issue(&mut self, team: &mut Team, assignee: &str, points: u32, created: NaiveDateTime, resolved: Option<NaiveDateTime>, sprints: [Option<String>; 2], in_progress: bool) -> String {
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
    pub(super) fn issue_history(&mut self, team: &mut Team, assignee: &str) {
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
}
