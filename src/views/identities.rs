//! The Load page's list of names in the files that match nobody on the
//! roster, each with the roster people it most likely is, so that one
//! click can confirm a match (the model's `identities`) and the person's
//! PRs and reviews count from then on.
//!
//! Who is who is decided in `dataset::index` only; this view proposes.
//! Suggestions, best first:
//!
//! * **same email local part**: `ana.reyes@corp.example` and a roster
//!   email `ana.reyes@old.example`, or a login `anareyes`;
//! * **login fits the name**: `areyes`, `anar`, `reyesa` or `anareyes` for
//!   `Ana Reyes` (initial and surname in either order, or both names);
//! * **similar name**: Jaro–Winkler similarity of the compacted names
//!   (`Dana Kimora` ↔ `Dana Kimura`), only against roster people whose
//!   compact name starts with the same two characters (Jaro–Winkler
//!   weighs the start, so names alike start alike) and is of a similar
//!   length, and at most [`MAX_COMPARED`] of them.
//!
//! Cost stays bounded at 2,000 people: the first two are hash lookups
//! into forms built once per view, and the third compares each name with
//! at most [`MAX_COMPARED`] people of one two-letter bucket. At most
//! [`MAX_LISTED`] names are listed with suggestions; the rest are counted.

use serde::{Deserialize, Serialize};

use crate::dataset::{Index, Person};
use crate::hashing::FastMap;

/// Names listed (and given suggestions) at most; the page pages through
/// them. An organisation with more unmatched names has a roster problem
/// that a list will not solve, and the count says so.
pub const MAX_LISTED: usize = 1_000;
/// Suggestions per name.
pub const MAX_SUGGESTIONS: usize = 3;
/// Roster names compared by similarity with each unmatched name, at most:
/// what bounds the cost whatever the roster's size or its names.
pub const MAX_COMPARED: usize = 200;
/// Below this Jaro–Winkler similarity two compact names are not alike.
const SIMILAR: f64 = 0.88;
/// Compact names whose lengths differ by more are not compared.
const LENGTH_SLACK: usize = 4;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentitiesView {
    /// Names no roster person has, sorted by name, at most [`MAX_LISTED`].
    pub unmatched: Vec<UnmatchedIdentity>,
    /// How many more unmatched names there are than are listed.
    pub more: usize,
    /// Matches the user confirmed, by name as seen; the team is empty when
    /// the person is no longer on the roster.
    pub confirmed: Vec<ConfirmedIdentity>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedIdentity {
    pub name: String,
    /// What it was first seen as: `PR author`, `reviewer`, `assignee`, ….
    pub role: String,
    /// `file:line` of the first row naming it.
    pub first_seen: String,
    pub rows: usize,
    pub suggestions: Vec<IdentitySuggestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdentitySuggestion {
    /// The roster person's name, as the confirmation names them.
    pub person: String,
    pub team: String,
    /// Why: `same email local part`, `login fits the name`, `similar name`.
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedIdentity {
    pub name: String,
    pub person: String,
    pub team: String,
}

/// Why a roster person is suggested, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    SameEmail,
    LoginFitsName,
    Similar,
}

impl Reason {
    fn text(self) -> &'static str {
        match self {
            Reason::SameEmail => "same email local part",
            Reason::LoginFitsName => "login fits the name",
            Reason::Similar => "similar name",
        }
    }
}

/// The roster, prepared once per view for the suggestions.
struct Matcher<'a> {
    /// Email local parts (compacted) → people.
    emails: FastMap<String, Vec<&'a Person>>,
    /// Login forms of names and the roster's non-email identities → people.
    logins: FastMap<String, Vec<&'a Person>>,
    /// Compact names (`anareyes`) by their first two characters.
    by_start: FastMap<String, Vec<(String, &'a Person)>>,
}

/// The bucket a compact name is compared in: its first two characters.
fn start_of(compact: &str) -> String {
    compact.chars().take(2).collect()
}

/// Lower-cased letters and digits only: `Ana Reyes` → `anareyes`.
fn compact(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The part of a name a login or mailbox would hold: the user of
/// `DOMAIN\user`, the local part of an email, `<…>` when given.
fn handle(name: &str) -> (&str, bool) {
    let name = name.trim().trim_start_matches('@');
    let inner = name.strip_suffix('>').and_then(|n| n.rsplit_once('<')).map_or(name, |(_, inner)| inner.trim());
    let user = inner.rsplit_once('\\').map_or(inner, |(_, user)| user);
    match user.split_once('@') {
        Some((local, _)) => (local, true),
        None => (user, false),
    }
}

/// The logins people make of a name: `areyes`, `anareyes`, `anar`,
/// `reyesa`, `reyesana` for `Ana Reyes` (first and last word).
fn login_forms(name: &str) -> Vec<String> {
    let words: Vec<String> = name.split(|c: char| !c.is_alphanumeric()).map(compact).filter(|w| !w.is_empty()).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return Vec::new() };
    if words.len() < 2 {
        return vec![first.clone()];
    }
    let initial = |word: &str| word.chars().next().map(String::from).unwrap_or_default();
    vec![
        format!("{first}{last}"),
        format!("{}{last}", initial(first)),
        format!("{first}{}", initial(last)),
        format!("{last}{}", initial(first)),
        format!("{last}{first}"),
    ]
}

impl<'a> Matcher<'a> {
    fn new(people: impl Iterator<Item = &'a Person>) -> Matcher<'a> {
        let mut matcher = Matcher { emails: FastMap::default(), logins: FastMap::default(), by_start: FastMap::default() };
        for person in people {
            let add = |map: &mut FastMap<String, Vec<&'a Person>>, key: String| {
                let entry = map.entry(key).or_default();
                if !entry.iter().any(|p| std::ptr::eq(*p, person)) {
                    entry.push(person);
                }
            };
            for form in login_forms(&person.name) {
                add(&mut matcher.logins, form);
            }
            for identity in &person.identities {
                let (local, is_email) = handle(identity);
                let local = compact(local);
                if !local.is_empty() {
                    add(if is_email { &mut matcher.emails } else { &mut matcher.logins }, local);
                }
            }
            let name = compact(&person.name);
            if !name.is_empty() {
                matcher.by_start.entry(start_of(&name)).or_default().push((name, person));
            }
        }
        matcher
    }

    /// The likeliest roster people for one unmatched name, best first.
    fn suggest(&self, name: &str) -> Vec<(&'a Person, Reason)> {
        let (local, _) = handle(name);
        let local = compact(local);
        let mut found: Vec<(&'a Person, Reason, f64)> = Vec::new();
        let mut add = |person: &'a Person, reason: Reason, score: f64| {
            if !found.iter().any(|(p, _, _)| std::ptr::eq(*p, person)) {
                found.push((person, reason, score));
            }
        };
        if local.is_empty() {
            return Vec::new();
        }
        for person in self.emails.get(&local).into_iter().flatten() {
            add(person, Reason::SameEmail, 1.0);
        }
        for person in self.logins.get(&local).into_iter().flatten() {
            add(person, Reason::LoginFitsName, 1.0);
        }
        let whole = compact(name.split('<').next().unwrap_or(name));
        let candidates = if whole == local { vec![&whole] } else { vec![&whole, &local] };
        for candidate in candidates {
            if candidate.is_empty() {
                continue;
            }
            let bucket = self.by_start.get(&start_of(candidate)).into_iter().flatten();
            let alike_in_length = bucket.filter(|(roster_name, _)| roster_name.len().abs_diff(candidate.len()) <= LENGTH_SLACK);
            for (roster_name, person) in alike_in_length.take(MAX_COMPARED) {
                let score = strsim::jaro_winkler(candidate, roster_name);
                if score >= SIMILAR {
                    add(person, Reason::Similar, score);
                }
            }
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)).then(a.0.name.cmp(&b.0.name)));
        found.truncate(MAX_SUGGESTIONS);
        found.into_iter().map(|(person, reason, _)| (person, reason)).collect()
    }
}

/// The unmatched names with suggestions, and the confirmed matches
/// (`confirmed`: the model's `identities`, name as seen → person).
pub fn identities<'c>(index: &Index, confirmed: impl IntoIterator<Item = (&'c String, &'c String)>) -> IdentitiesView {
    let dataset = index.dataset();
    let unmatched = index.unmatched_identities();
    let more = unmatched.len().saturating_sub(MAX_LISTED);
    let matcher = if unmatched.is_empty() { None } else { Some(Matcher::new(index.people())) };
    let unmatched = unmatched
        .into_iter()
        .take(MAX_LISTED)
        .map(|seen| UnmatchedIdentity {
            name: seen.name.to_string(),
            role: seen.role.to_string(),
            first_seen: dataset.cite(seen.first_seen),
            rows: seen.rows,
            suggestions: matcher
                .as_ref()
                .map(|m| m.suggest(seen.name))
                .unwrap_or_default()
                .into_iter()
                .map(|(person, reason)| IdentitySuggestion {
                    person: person.name.trim().to_string(),
                    team: person.team.clone(),
                    reason: reason.text().to_string(),
                })
                .collect(),
        })
        .collect();
    let confirmed = confirmed
        .into_iter()
        .map(|(name, person)| ConfirmedIdentity {
            name: name.clone(),
            person: person.clone(),
            team: index.person(person).map(|p| p.team.clone()).unwrap_or_default(),
        })
        .collect();
    IdentitiesView { unmatched, more, confirmed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::StatusCategory;
    use crate::testkit::Fixture;

    fn org() -> Fixture {
        let mut fx = Fixture::new();
        fx.person("Ana Reyes", "Atlas", "Software Engineer").identities = vec!["ana.reyes@corp.example".into()];
        fx.person("Ana Rios", "Atlas", "Software Engineer");
        fx.person("Dana Kimura", "Borealis", "Software Engineer");
        fx.person("Bruno Diaz", "Borealis", "Software Engineer").identities = vec!["bdiaz-gh".into()];
        fx
    }

    fn suggested(view: &IdentitiesView, name: &str) -> Vec<(String, String)> {
        let row = view.unmatched.iter().find(|u| u.name == name).unwrap_or_else(|| panic!("{name} is not listed: {view:?}"));
        row.suggestions.iter().map(|s| (s.person.clone(), s.reason.clone())).collect()
    }

    #[test]
    fn logins_emails_and_similar_names_suggest_their_roster_person() {
        let mut fx = org();
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.merged_pr("2", "ana.reyes@newcorp.example", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.item("A-1", "Dana Kimora", StatusCategory::Todo, "2026-01-05");
        fx.review("1", "zz-top", "2026-01-05 11:00");
        let index = Index::new(&fx.ds);
        let view = identities(&index, std::iter::empty());
        let pair = |person: &str, reason: &str| (person.to_string(), reason.to_string());
        assert_eq!(suggested(&view, "areyes")[0], pair("Ana Reyes", "login fits the name"));
        assert_eq!(suggested(&view, "ana.reyes@newcorp.example")[0], pair("Ana Reyes", "same email local part"));
        assert_eq!(suggested(&view, "Dana Kimora"), [pair("Dana Kimura", "similar name")]);
        assert!(suggested(&view, "zz-top").is_empty());
        let areyes = view.unmatched.iter().find(|u| u.name == "areyes").unwrap();
        assert_eq!((areyes.role.as_str(), areyes.first_seen.as_str(), areyes.rows), ("PR author", "github_prs.csv:2", 1));
    }

    #[test]
    fn confirmed_matches_are_listed_with_the_persons_team_and_leave_the_unmatched_list() {
        let mut fx = org();
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        let confirmed: std::collections::BTreeMap<String, String> = [("areyes".to_string(), "Ana Reyes".to_string())].into();
        let index = Index::with_identities(&fx.ds, Default::default(), &confirmed);
        let view = identities(&index, &confirmed);
        assert!(view.unmatched.is_empty(), "{view:?}");
        assert_eq!(view.confirmed, [ConfirmedIdentity { name: "areyes".into(), person: "Ana Reyes".into(), team: "Atlas".into() }]);
    }

    #[test]
    fn login_forms_are_what_people_make_of_a_name() {
        assert_eq!(login_forms("Ana Reyes"), ["anareyes", "areyes", "anar", "reyesa", "reyesana"]);
        assert_eq!(login_forms("Ana María Reyes-Gil"), ["anagil", "agil", "anag", "gila", "gilana"]);
        assert_eq!(login_forms("cher"), ["cher"]);
        assert_eq!(handle("Ana Reyes <CORP\\areyes>"), ("areyes", false));
        assert_eq!(handle("@ana.reyes@corp.example"), ("ana.reyes", true));
    }
}
