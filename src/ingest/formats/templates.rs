//! teamdiff's own templates: the files a leader fills in by hand.
//!
//! The template column names come first in each list, so a downloaded
//! template always maps exactly; the other names are what people type when
//! they make the file themselves. Columns beyond these are kept (teams.csv
//! carries norm overrides that way).

use super::super::fields::Field::*;
use super::{opt, req, Format, Template};

const TEAM: &[&str] = &["team", "team name", "squad", "group"];

/// What a team rolls up to in teams.csv. `group` was long a spelling of
/// the team itself (and still is in the other templates): a teams.csv whose
/// only team column is `group` keeps reading it as the team.
const GROUP: &[&str] = &[
    "group", "group name", "parent", "parent team", "org", "organization", "organisation", "director", "area",
    "department", "division", "tribe", "unit",
];

pub static TEAMS: Format = Format {
    columns: &[
        req(Team, &["team", "team name", "squad"]),
        req(Flavor, &["flavor", "flavour", "team type", "topology"]),
        opt(Group, GROUP).stands_in_for(Team),
    ],
    absent: &[],
    template: Some(Template {
        file: "teams.csv",
        csv: "team,flavor,group,quiet_days\nPayments,stream-aligned,Commerce,10\n",
    }),
};

pub static ROSTER: Format = Format {
    columns: &[
        req(Person, &["person", "name", "member", "engineer", "login", "username"]),
        req(Team, TEAM),
        opt(Role, &["role", "title", "job title", "position"]),
        // The same person's name in each tool (docs/ingest.md, "One person
        // across tools"); `github` was once a spelling of `person`.
        // Both spellings: normalizing splits camelCase, so `GitHub` is `git hub`.
        opt(GithubLogin, &["github", "GitHub", "github login", "GitHub login", "GitHub username", "GitHub handle", "gh"]),
        opt(GitlabUser, &["gitlab", "GitLab", "GitLab username", "GitLab login", "GitLab handle"]),
        opt(JiraUser, &["jira", "jira user", "jira name", "jira username", "jira display name"]),
        opt(LinearUser, &["linear", "linear user", "linear name"]),
        opt(AzureUser, &["azure", "Azure DevOps", "azure devops", "ADO", "azure user", "Azure DevOps user"]),
        opt(Email, &["email", "e-mail", "mail", "email address", "work email"]),
        opt(Aliases, &["aliases", "alias", "other names", "also known as", "aka"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "roster.csv",
        csv: "person,team,role\nAda Lovelace,Payments,engineer\n",
    }),
};

pub static ROLES: Format = Format {
    columns: &[
        req(Team, TEAM),
        req(Role, &["role", "responsibility"]),
        opt(Critical, &["critical", "is critical", "critical role"]),
        req(Holder, &["holder", "held by", "owner", "assignee"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "roles.csv",
        csv: "team,role,critical,holder\nPayments,on-call lead,yes,Ada Lovelace\n",
    }),
};

pub static REVIEWS: Format = Format {
    columns: &[
        req(Pr, &["pr", "pr number", "pull request", "pull request number", "pull number", "number"]),
        req(Reviewer, &["reviewer", "reviewer login", "user", "user login", "author", "author login", "login"]),
        opt(State, &["state", "review state", "status"]),
        opt(SubmittedAt, &["submitted_at", "submitted", "submittedAt", "reviewed at", "created at", "date"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "reviews.csv",
        csv: "pr,reviewer,state,submitted_at\n412,grace,APPROVED,2026-03-03T10:05:00Z\n",
    }),
};

pub static STAKEHOLDERS: Format = Format {
    columns: &[
        req(Name, &["name", "stakeholder", "person"]),
        opt(Role, &["role", "title", "position"]),
        req(Power, &["power", "influence"]),
        req(Interest, &["interest"]),
        opt(LastContact, &["last_contact", "last contacted", "last contact date", "last met", "last 1:1"]),
        // Several ratings of one person over time: when each was made.
        opt(Date, &["date", "rated_on", "rated on", "rating date", "as of"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "stakeholders.csv",
        csv: "name,role,power,interest,last_contact\nMargaret Hamilton,VP Engineering,5,High,2026-02-20\n",
    }),
};

pub static UPDATES: Format = Format {
    columns: &[
        req(Team, TEAM),
        req(Date, &["date", "week", "updated", "reported"]),
        req(Status, &["status", "rag", "health"]),
        opt(Summary, &["summary", "update", "notes", "comment"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "updates.csv",
        csv: "team,date,status,summary\nPayments,2026-03-06,green,Card retries shipped to 10%\n",
    }),
};

pub static DECISIONS: Format = Format {
    columns: &[
        req(Decision, &["decision", "title", "topic"]),
        opt(Team, TEAM),
        req(Level, &["level", "decision level", "scope"]),
        opt(Raised, &["raised", "raised at", "opened", "asked"]),
        opt(Decided, &["decided", "decided at", "closed"]),
        opt(Approvals, &["approvals", "approvers", "approved by"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "decisions.csv",
        csv: concat!(
            "decision,team,level,raised,decided,approvals\n",
            "Adopt Postgres 16,Payments,functional,2026-02-01,2026-02-15,Grace Hopper;Linus Torvalds\n",
        ),
    }),
};

pub static OKRS: Format = Format {
    columns: &[
        req(Team, TEAM),
        opt(Quarter, &["quarter", "period", "cycle"]),
        req(Objective, &["objective", "goal"]),
        req(KeyResult, &["key_result", "kr", "key result name"]),
        opt(Progress, &["progress", "score", "completion", "percent complete"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "okrs.csv",
        csv: concat!(
            "team,quarter,objective,key_result,progress\n",
            "Payments,2026-Q2,Fewer failed payments,Card failure rate below 0.5%,40%\n",
        ),
    }),
};

pub static POSTMORTEMS: Format = Format {
    columns: &[
        req(Incident, &["incident", "incident id", "postmortem", "outage"]),
        opt(Team, TEAM),
        opt(Date, &["date", "incident date", "occurred"]),
        opt(RootCause, &["root_cause", "cause"]),
        req(ActionItem, &["action_item", "action", "follow up", "remediation"]),
        opt(ActionKind, &["action_kind", "action type", "kind", "category"]),
        opt(Owner, &["owner", "assignee", "action owner"]),
        opt(Due, &["due", "due date", "deadline"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "postmortems.csv",
        csv: concat!(
            "incident,team,date,root_cause,action_item,action_kind,owner,due\n",
            "INC-42,Payments,2026-01-12,Expired TLS certificate,Alert 14 days before expiry,detect,Ada Lovelace,2026-02-01\n",
        ),
    }),
};

pub static DESIGN_DOCS: Format = Format {
    columns: &[
        req(Doc, &["doc", "document", "design doc", "rfc", "title"]),
        opt(Team, TEAM),
        opt(Author, &["author", "owner", "written by"]),
        opt(Date, &["date", "created", "published"]),
        req(Approvers, &["approvers", "approved by", "approvals", "signed off by"]),
        opt(RequiredApprovers, &["required_approvers", "required approvals", "needs approval from"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "design_docs.csv",
        csv: concat!(
            "doc,team,author,date,approvers,required_approvers\n",
            "RFC-7 Ledger split,Payments,Ada Lovelace,2026-02-10,Grace Hopper,Grace Hopper;Linus Torvalds\n",
        ),
    }),
};

pub static INTERVENTIONS: Format = Format {
    columns: &[
        req(Team, TEAM),
        req(Started, &["started", "start", "start date", "began"]),
        opt(PlannedEnd, &["planned_end", "planned end date", "target end", "end by"]),
        opt(Ended, &["ended", "end", "end date", "finished"]),
        opt(ExitCriterion, &["exit_criterion", "exit criteria", "exit condition", "done when"]),
        opt(Reason, &["reason", "why", "trigger"]),
    ],
    absent: &[],
    template: Some(Template {
        file: "interventions.csv",
        csv: concat!(
            "team,started,planned_end,ended,exit_criterion,reason\n",
            "Payments,2026-01-05,2026-03-31,,On-call pages below 5 a week,Burnout after Q4 incidents\n",
        ),
    }),
};
