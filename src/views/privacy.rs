//! Presenter mode: hide individual names everywhere, deterministically.
//!
//! A workshop projects the screen, so every builder that shows a person asks
//! [`Names`] how to show them. Pseudonyms are derived from the name itself,
//! so the same person keeps the same pseudonym across pages, reloads and the
//! exported report, and two people in one dataset never share one.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presenter {
    #[default]
    Off,
    On,
}

impl Presenter {
    pub fn is_on(self) -> bool {
        self == Presenter::On
    }
}

const LETTERS: u64 = 26;
/// Three digits give 25,974 codes: room for a 2,000-person org plus its
/// stakeholders with few collisions to probe past.
const NUMBERS: u64 = 999;
const CODES: u64 = LETTERS * NUMBERS;

/// Maps every person-like name in a dataset to a distinct "Person K42".
#[derive(Clone, Debug, Default)]
pub struct Pseudonymizer {
    by_name: HashMap<String, String>,
    /// Lower-cased first word of a name → (name, pseudonym), longest name
    /// first so "Ann Lee" wins over "Ann" in free text.
    by_first_word: HashMap<String, Vec<(String, String)>>,
}

impl Pseudonymizer {
    /// Collision-free for the given names. Names are taken in sorted order so
    /// the assignment does not depend on file or row order.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Pseudonymizer {
        // Deduplicate by hash first: a dataset repeats each name many times.
        let unique: std::collections::HashSet<&str> = names.into_iter().map(str::trim).filter(|n| !n.is_empty()).collect();
        let names: BTreeSet<&str> = unique.into_iter().collect();
        let mut taken = vec![false; CODES as usize];
        let mut overflow = 0u64;
        let mut pseudonymizer = Pseudonymizer::default();
        for name in names {
            let start = fnv1a(name) % CODES;
            let free = (0..CODES).map(|probe| (start + probe) % CODES).find(|&code| !taken[code as usize]);
            let pseudonym = match free {
                Some(code) => {
                    taken[code as usize] = true;
                    code_label(code)
                }
                // Only reachable past 25,974 distinct names; still distinct.
                None => {
                    overflow += 1;
                    format!("{}-{overflow}", code_label(start))
                }
            };
            pseudonymizer.insert(name, pseudonym);
        }
        for candidates in pseudonymizer.by_first_word.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        pseudonymizer
    }

    /// Every column of the dataset that names a person, stakeholders included.
    pub fn for_dataset(dataset: &Dataset) -> Pseudonymizer {
        Pseudonymizer::new(person_names(dataset))
    }

    fn insert(&mut self, name: &str, pseudonym: String) {
        let key_name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        if let Some(first_word) = first_word(key_name) {
            self.by_first_word
                .entry(first_word.to_lowercase())
                .or_default()
                .push((key_name.to_string(), pseudonym.clone()));
        }
        self.by_name.insert(name.to_string(), pseudonym);
    }

    /// A name outside the dataset still gets a stable pseudonym, though it
    /// could then coincide with one inside.
    pub fn pseudonym(&self, name: &str) -> String {
        let name = name.trim();
        match self.by_name.get(name) {
            Some(pseudonym) => pseudonym.clone(),
            None => code_label(fnv1a(name) % CODES),
        }
    }

    /// Replaces every known name in free text (titles, summaries, the `why`
    /// of a finding) with its pseudonym. Matching is on word boundaries and
    /// ignores ASCII case, so "alice" and "Alice" are both caught.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest_start = 0;
        let mut previous_alnum = false;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_alphanumeric() && !previous_alnum {
                if let Some((name_len, pseudonym)) = self.name_at(&text[at..]) {
                    out.push_str(&text[rest_start..at]);
                    out.push_str(pseudonym);
                    rest_start = at + name_len;
                    while chars.peek().is_some_and(|&(next, _)| next < rest_start) {
                        chars.next();
                    }
                    previous_alnum = true;
                    continue;
                }
            }
            previous_alnum = c.is_alphanumeric();
        }
        out.push_str(&text[rest_start..]);
        out
    }

    fn name_at<'s>(&'s self, text: &str) -> Option<(usize, &'s str)> {
        let key = first_word(text)?.to_lowercase();
        self.by_first_word.get(&key)?.iter().find_map(|(name, pseudonym)| {
            let candidate = text.get(..name.len())?;
            let ends_on_boundary = !text[name.len()..].chars().next().is_some_and(char::is_alphanumeric);
            (candidate.eq_ignore_ascii_case(name) && ends_on_boundary).then_some((name.len(), pseudonym.as_str()))
        })
    }
}

/// How a view shows a person: as themselves, or under presenter mode.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pseudonyms: Option<Pseudonymizer>,
}

impl Names {
    pub fn new(dataset: &Dataset, presenter: Presenter) -> Names {
        Names { pseudonyms: presenter.is_on().then(|| Pseudonymizer::for_dataset(dataset)) }
    }

    pub fn real() -> Names {
        Names { pseudonyms: None }
    }

    pub fn presenting(&self) -> bool {
        self.pseudonyms.is_some()
    }

    pub fn person(&self, name: &str) -> String {
        match &self.pseudonyms {
            Some(p) => p.pseudonym(name),
            None => name.to_string(),
        }
    }

    pub fn text(&self, text: &str) -> String {
        match &self.pseudonyms {
            Some(p) => p.scrub(text),
            None => text.to_string(),
        }
    }
}

/// Every name that refers to an individual, from any file.
pub fn person_names(dataset: &Dataset) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    names.extend(dataset.people.iter().map(|p| p.name.as_str()));
    for pr in &dataset.pull_requests {
        names.push(&pr.author);
        names.extend(pr.reviewers.iter().map(String::as_str));
        names.extend(pr.requested_reviewers.iter().map(String::as_str));
    }
    names.extend(dataset.reviews.iter().map(|r| r.reviewer.as_str()));
    names.extend(dataset.work_items.iter().filter_map(|w| w.assignee.as_deref()));
    names.extend(dataset.roles.iter().filter_map(|r| r.holder.as_deref()));
    names.extend(dataset.stakeholders.iter().map(|s| s.name.as_str()));
    names.extend(dataset.decisions.iter().flat_map(|d| d.approvals.iter().map(String::as_str)));
    names.extend(dataset.postmortem_actions.iter().filter_map(|a| a.owner.as_deref()));
    for doc in &dataset.design_docs {
        names.push(&doc.author);
        names.extend(doc.approvers.iter().map(String::as_str));
        names.extend(doc.required_approvers.iter().map(String::as_str));
    }
    names.retain(|n| !n.trim().is_empty());
    names
}

fn first_word(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}

fn code_label(code: u64) -> String {
    let letter = char::from(b'A' + (code / NUMBERS) as u8);
    format!("Person {letter}{}", code % NUMBERS + 1)
}

/// FNV-1a: tiny, stable across platforms and releases (unlike std's hasher).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_and_distinct() {
        let names: Vec<String> = (0..3_000).map(|i| format!("Engineer {i}")).collect();
        let a = Pseudonymizer::new(names.iter().map(String::as_str));
        let b = Pseudonymizer::new(names.iter().rev().map(String::as_str));
        let all: BTreeSet<String> = names.iter().map(|n| a.pseudonym(n)).collect();
        assert_eq!(all.len(), names.len());
        assert!(names.iter().all(|n| a.pseudonym(n) == b.pseudonym(n)));
        assert!(a.pseudonym("Engineer 7").starts_with("Person "));
    }

    #[test]
    fn scrub_replaces_whole_names_in_free_text() {
        let p = Pseudonymizer::new(["Ann", "Ann Lee", "Bo"]);
        let scrubbed = p.scrub("ann lee waits on Bo; Annabel and Bob are fine; ANN!");
        assert!(scrubbed.contains(&format!("{} waits on {}", p.pseudonym("Ann Lee"), p.pseudonym("Bo"))));
        assert!(scrubbed.contains("Annabel and Bob are fine"));
        assert!(scrubbed.ends_with(&format!("{}!", p.pseudonym("Ann"))));
    }

    #[test]
    fn presenter_off_shows_real_names() {
        let names = Names::new(&Dataset::default(), Presenter::Off);
        assert_eq!(names.person("Ann"), "Ann");
        assert!(!names.presenting());
    }
}
