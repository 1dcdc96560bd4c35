//! Teams and people: `teams.csv`, `roster.csv`, `roles.csv` and
//! `stakeholders.csv`.

use chrono::Duration;

use super::{Flavor, Generator, Team};

impl Generator {
    /// Writes a team to `teams.csv` and `roster.csv`.
    pub(super) fn add_team(&mut self, name: &str, flavor: Flavor, key: &str, manager: &str, engineers: &[&str]) -> Team {
        self.files.teams.text(name).text(flavor.id());
        if let Some(size) = self.teams_per_group {
            let group = group_name(self.teams_added / size);
            self.files.teams.text(&group);
        }
        self.files.teams.end();
        self.teams_added += 1;
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

    pub(super) fn role(&mut self, team: &Team, role: &str, critical: bool, holder: Option<&str>) {
        self.files.roles.text(&team.name).text(role).text(if critical { "yes" } else { "no" }).text(holder.unwrap_or("")).end();
    }

    pub(super) fn healthy_roles(&mut self, team: &Team) {
        self.role(team, "Tech lead", true, Some(&team.engineers[0]));
        self.role(team, "On-call lead", true, Some(&team.engineers[1]));
        self.role(team, "Product owner", false, Some(&team.manager));
    }

    pub(super) fn stakeholder(&mut self, name: &str, role: &str, power: i64, interest: i64, contact_days_ago: Option<i64>) {
        let last = contact_days_ago.map(|d| self.today - Duration::days(d));
        self.files.stakeholders.text(name).text(role).int(power).int(interest).date(last).end();
    }

}

/// Departments a large organisation's groups are named after.
const GROUPS: [&str; 20] = [
    "Payments", "Search", "Platform", "Data", "Mobile", "Growth", "Identity", "Billing", "Infrastructure",
    "Developer Experience", "Logistics", "Marketplace", "Security", "Analytics", "Messaging", "Checkout", "Risk",
    "Content", "Partners", "Support Tools",
];

/// The `index`th group's name; past the list, names repeat with a number.
fn group_name(index: usize) -> String {
    match index / GROUPS.len() {
        0 => GROUPS[index].to_string(),
        round => format!("{} {}", GROUPS[index % GROUPS.len()], round + 1),
    }
}
