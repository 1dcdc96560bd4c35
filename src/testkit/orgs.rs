//! Deterministic synthetic organisations for view, chart and complexity
//! tests and the chart timing example, built row by row with the kit's
//! [`Fixture`]. Not demo data for users (that is `crate::demo`): the
//! numbers are plausible, not a story.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::Fixture;
use crate::dataset::*;

/// Labels an attacker could put in any name or title cell. The last holds
/// characters XML forbids (U+FFFE, U+FFFF, C0 controls), an entity-like
/// `&`, a CDATA end and a full-width `＝` that spreadsheets read as `=`.
pub const HOSTILE_LABELS: [&str; 5] = [
    "<img src=x onerror=alert(1)>",
    "</svg><script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "x' onmouseover='alert(1)",
    "\u{FFFE}Zo\u{FFFF}ë\u{1}\u{B}&amp;]]>＝1",
];

const FIRST: [&str; 20] = [
    "Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indigo", "Jordan", "Kai", "Logan",
    "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Riley", "Sage", "Tatum",
];
const LAST: [&str; 20] = [
    "Abbott", "Barros", "Chen", "Dubois", "Eze", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski",
    "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka",
];
const FLAVORS: [&str; 3] = ["greenfield", "infra", "legacy"];

/// The date every synthetic org is "exported" on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).expect("valid date")
}

pub fn small_org() -> Dataset {
    org(12, 3)
}

/// Same as [`org`] but with hostile strings in people, team, stakeholder
/// and decision names.
pub fn hostile_org() -> Dataset {
    let mut d = org(8, 2);
    let rename = |old: &str, new: &str, d: &mut Dataset| rename_person(d, old, new);
    let victims: Vec<String> = d.people.iter().take(HOSTILE_LABELS.len()).map(|p| p.name.clone()).collect();
    for (old, new) in victims.iter().zip(HOSTILE_LABELS) {
        rename(old, new, &mut d);
    }
    let hostile_team = HOSTILE_LABELS[1].to_string();
    let old_team = d.teams[0].name.clone();
    for t in d.teams.iter_mut().filter(|t| t.name == old_team) {
        t.name = hostile_team.clone();
    }
    for p in d.people.iter_mut().filter(|p| p.team == old_team) {
        p.team = hostile_team.clone();
    }
    for u in d.updates.iter_mut().filter(|u| u.team == old_team) {
        u.team = hostile_team.clone();
        u.summary = HOSTILE_LABELS[0].into();
    }
    for x in d.decisions.iter_mut().filter(|x| x.team == old_team) {
        x.team = hostile_team.clone();
    }
    for w in d.work_items.iter_mut() {
        w.set_key(HOSTILE_LABELS[3]);
    }
    for (s, label) in d.stakeholders.iter_mut().zip(HOSTILE_LABELS) {
        s.name = label.into();
        s.role = label.into();
    }
    d
}

fn rename_person(d: &mut Dataset, old: &str, new: &str) {
    let swap = |name: &mut Name| {
        if name == old {
            *name = new.into();
        }
    };
    d.people.iter_mut().for_each(|p| {
        if p.name == old {
            p.name = new.to_string();
        }
    });
    for pr in &mut d.pull_requests {
        swap(&mut pr.author);
        pr.reviewers = pr.reviewers.iter().cloned().map(|mut name| {
            swap(&mut name);
            name
        }).collect();
        if let Some(extras) = pr.extras.as_mut() {
            extras.requested_reviewers.iter_mut().for_each(swap);
        }
    }
    d.reviews.iter_mut().for_each(|r| swap(&mut r.reviewer));
    d.work_items.iter_mut().filter_map(|w| w.assignee.as_mut()).for_each(swap);
}

pub fn person_name(i: usize) -> String {
    let base = format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    let round = i / (FIRST.len() * LAST.len());
    if round == 0 {
        base
    } else {
        format!("{base}-{round}")
    }
}

/// `people` spread round-robin over `teams`, twelve weeks of activity
/// ending at [`today`]. Every seventh person never merged anything.
pub fn org(people: usize, teams: usize) -> Dataset {
    org_fixture(people, teams).ds
}

fn org_fixture(people: usize, teams: usize) -> Fixture {
    let teams = teams.max(1);
    let mut rng = Rng::new();
    let today = today();
    let mut fx = Fixture::new();
    let team_name = |t: usize| format!("Team {t:03}");
    for t in 0..teams {
        fx.team(&team_name(t), FLAVORS[t % FLAVORS.len()]);
    }
    let names: Vec<String> = (0..people).map(person_name).collect();
    for (i, name) in names.iter().enumerate() {
        fx.person(name, &team_name(i % teams), "engineer");
    }
    let start = at(today - Duration::weeks(12), 9);
    for (i, author) in names.iter().enumerate() {
        let never_merges = i % 7 == 3;
        let teammate = |k: usize| names[(i + k * teams) % people.max(1)].clone();
        for n in 0..(2 + rng.below(5)) {
            let created = start + Duration::hours(rng.below(24 * 7 * 11) as i64);
            let first_review = created + Duration::minutes(30 + rng.below(60 * 72) as i64);
            let merged = (!never_merges && n % 4 != 3).then(|| first_review + Duration::hours(rng.below(48) as i64));
            let number = format!("{i}{n:02}");
            let reviewer = teammate(1 + n as usize % 2);
            fx.review(&number, &reviewer, first_review);
            let pr = match merged {
                Some(merged) => fx.merged_pr(&number, author, created, merged),
                None => fx.open_pr(&number, author, created, &[&teammate(2)]),
            };
            pr.set_title(&format!("Change {n} by {author}"));
            pr.reviewers = NameList::from(vec![reviewer.into()]);
            pr.set_first_review(Some(first_review));
        }
        for n in 0..3 {
            let started = start + Duration::hours(rng.below(24 * 7 * 10) as i64);
            let resolved = (n != 2).then(|| started + Duration::hours(4 + rng.below(24 * 12) as i64));
            let category = if resolved.is_some() { StatusCategory::Done } else { StatusCategory::InProgress };
            let item = fx.item(&format!("ENG-{i}{n}"), author, category, started - Duration::days(2));
            item.set_title(&format!("Item {n}"));
            item.status = if resolved.is_some() { "Done" } else { "In Progress" }.into();
            item.team = Some(team_name(i % teams).into());
            item.set_started(Some(started));
            item.resolved = resolved;
            item.estimate = Some([1.0, 2.0, 3.0, 5.0, 8.0][rng.below(5) as usize]).into();
        }
    }
    for t in 0..teams {
        let mut day = today - Duration::weeks(12) + Duration::days(rng.below(7) as i64);
        let cadence = [7, 14, 21, 35][t % 4];
        while day <= today {
            let status = ["green", "yellow", "red"][rng.below(3) as usize];
            fx.update(&team_name(t), day, status, &format!("Progress on milestone {}", rng.below(9)));
            day += Duration::days(cadence);
        }
    }
    for k in 0..(teams * 4).max(8) {
        let level = [DecisionLevel::Edge, DecisionLevel::Edge, DecisionLevel::Functional, DecisionLevel::Executive][k % 4];
        let raised = today - Duration::days(10 + rng.below(70) as i64);
        let decision = fx.decision(&format!("Decision {k}"), &team_name(k % teams), Some(level), raised, None, &[]);
        decision.decided = (k % 5 != 4).then(|| raised + Duration::days(rng.below(20) as i64));
    }
    for s in 0..8 {
        let power = (s % 4) as f64 / 3.0;
        let interest = ((s + 1) % 4) as f64 / 3.0;
        let stakeholder = fx.stakeholder(&format!("Stakeholder {}", LAST[s]), power, interest, None);
        stakeholder.role = ["CFO", "VP Sales", "Support lead", "Legal"][s % 4].into();
        stakeholder.last_contact = (s != 5).then(|| today - Duration::days(10 * s as i64 + 5));
    }
    fx
}

/// [`org`] plus a row of every other kind the tripwires read (roles, OKRs,
/// postmortems, design docs, interventions, sprints, decision approvals and
/// stakeholders in proportion to people), so that every tripwire has work
/// in proportion to the org's size: what the complexity suite scales.
pub fn full_org(people: usize, teams: usize) -> Dataset {
    let mut fx = org_fixture(people, teams);
    let today = today();
    let team_names: Vec<String> = fx.ds.teams.iter().map(|t| t.name.clone()).collect();
    let teams = team_names.len();
    // `org` places person i in team i mod teams.
    let mut members: Vec<Vec<String>> = vec![Vec::new(); teams];
    for (i, person) in fx.ds.people.iter().enumerate() {
        members[i % teams].push(person.name.clone());
    }
    let member = |t: usize, k: usize| members[t].get(k % members[t].len().max(1)).cloned().unwrap_or_else(|| format!("Nobody {t}"));
    for (t, team) in team_names.iter().enumerate() {
        fx.role(team, "On-call lead", true, Some(&member(t, 0)));
        fx.role(team, "Security champion", true, (t % 2 == 0).then(|| format!("Former {t}")).as_deref());
        for k in 0..3 {
            let key_result = [format!("Latency from 900 to {} ms", 300 + t % 700), "Ship the new onboarding".into(), "Errors from 2% to 8%".into()];
            let row = fx.key_result(team, ["2026-Q1", "Q4 2025", "2026Q1"][k], &key_result[k], [Some(0.0), Some(0.4), None][k]);
            row.objective = format!("Objective {k}");
        }
        for incident in 0..2 {
            for k in 0..2 {
                let row = fx.postmortem(
                    &format!("INC-{t}-{incident}"),
                    team,
                    if incident == 0 { "human error" } else { "expired certificate" },
                    &format!("Action {k}"),
                    [Some(ActionKind::Process), Some(ActionKind::Detect)][(incident as usize + k) % 2],
                    (k == 0).then(|| member(t, k + 1)).as_deref(),
                    None,
                );
                row.date = Some(today - Duration::days(20 + incident));
                row.due = (k == 1).then_some(today + Duration::days(14));
            }
        }
        for doc in 0..2 {
            let approvers = [member(t, doc + 1)];
            let required = [member(t, doc + 1), member(t, doc + 2), format!("Architect {}", t % 5)];
            let row = fx.design_doc(&format!("RFC {t}-{doc}"), team, &approvers.each_ref().map(String::as_str), &required.each_ref().map(String::as_str));
            row.author = member(t, doc).into();
            row.date = Some(today - Duration::days(30));
        }
        let exit = (t % 2 == 1).then_some("two sprints without carry-over");
        let row = fx.intervention(team, today - Duration::days(60), None, None, exit, "Delivery trouble");
        row.planned_end = Some(today - Duration::days(10 * (t as i64 % 3)));
    }
    for (i, item) in fx.ds.work_items.iter_mut().enumerate() {
        if item.resolved.is_none() {
            item.sprints = (0..1 + i % 3).map(|k| format!("Sprint {k}").into()).collect();
        }
    }
    for (k, decision) in fx.ds.decisions.iter_mut().enumerate() {
        let t = k % teams;
        decision.approvals = (0..k % 4).map(|a| member(t, a).into()).collect();
    }
    for s in 0..people / 10 {
        let stakeholder =
            fx.stakeholder(&format!("Stakeholder {}", person_name(people + s)), (s % 5) as f64 / 4.0, ((s + 2) % 5) as f64 / 4.0, None);
        stakeholder.role = "Partner".into();
        stakeholder.last_contact = (s % 3 != 0).then(|| today - Duration::days(15 * (s % 9) as i64));
    }
    fx.ds
}

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, 0, 0).expect("valid time")
}

/// xorshift: deterministic everywhere, no dependency.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        Rng(0x9e37_79b9_7f4a_7c15)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
