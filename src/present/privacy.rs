//! Pseudonyms: hide individual names, deterministically.
//!
//! A workshop projects the screen. Pseudonyms are derived from the name
//! itself, so the same person keeps the same pseudonym across pages,
//! reloads and the exported report, and two people in one dataset never
//! share one. [`super::presenter`] applies them to a whole snapshot.

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

#[cfg(test)]
thread_local! {
    /// How often this thread built pseudonyms over a whole dataset, so a
    /// test can hold a snapshot to one.
    pub(crate) static BUILT_FOR_DATASETS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Maps every person-like name in a dataset to a distinct "Person K42".
#[derive(Clone, Debug, Default)]
pub struct Pseudonymizer {
    by_name: HashMap<String, String>,
    /// Every name, for finding them in free text.
    in_text: NameTrie,
}

impl Pseudonymizer {
    /// Collision-free for the given names. Names are taken in sorted order so
    /// the assignment does not depend on file or row order.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Pseudonymizer {
        // Deduplicate by hash first: a dataset repeats each name many times.
        let unique: std::collections::HashSet<&str> = names.into_iter().map(str::trim).filter(|n| !n.is_empty()).collect();
        let names: BTreeSet<&str> = unique.into_iter().collect();
        let mut codes = FreeCodes::new();
        let mut overflow = 0u64;
        let mut pseudonymizer = Pseudonymizer::default();
        for name in names {
            let start = fnv1a(name) % CODES;
            let pseudonym = match codes.take_first_free_from(start) {
                Some(code) => code_label(code),
                // Only reachable past 25,974 distinct names; still distinct.
                None => {
                    overflow += 1;
                    format!("{}-{overflow}", code_label(start))
                }
            };
            pseudonymizer.insert(name, pseudonym);
        }
        pseudonymizer
    }

    /// Every column of the dataset that names a person, stakeholders included.
    pub fn for_dataset(dataset: &Dataset) -> Pseudonymizer {
        #[cfg(test)]
        BUILT_FOR_DATASETS.with(|built| built.set(built.get() + 1));
        Pseudonymizer::new(person_names(dataset))
    }

    /// The same pseudonyms, plus distinct ones for `names` it does not
    /// know yet (people a saved review names who are in no file now):
    /// everyone already known keeps their pseudonym.
    pub fn extended<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Pseudonymizer {
        let mut out = self.clone();
        let mut taken: std::collections::HashSet<String> = self.by_name.values().cloned().collect();
        let new: BTreeSet<&str> = names.into_iter().map(str::trim).filter(|n| !n.is_empty() && !self.knows(n)).collect();
        for name in new {
            let start = fnv1a(name) % CODES;
            let pseudonym = (0..CODES)
                .map(|step| code_label((start + step) % CODES))
                .find(|label| !taken.contains(label))
                .unwrap_or_else(|| format!("{}-{}", code_label(start), taken.len()));
            taken.insert(pseudonym.clone());
            out.insert(name, pseudonym);
        }
        out
    }

    fn insert(&mut self, name: &str, pseudonym: String) {
        let key_name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        if !key_name.is_empty() {
            self.in_text.insert(key_name, &pseudonym);
        }
        self.by_name.insert(name.to_string(), pseudonym);
    }

    /// Whether `name` is one of the names given, so a label that may be a
    /// person or a team is only renamed when it is a person.
    pub fn knows(&self, name: &str) -> bool {
        self.by_name.contains_key(name.trim())
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
    /// ignores ASCII case, so "alice" and "Alice" are both caught; where
    /// names overlap the longest wins, so "Ann Lee" beats "Ann".
    pub fn scrub(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest_start = 0;
        let mut previous_alnum = false;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_alphanumeric() && !previous_alnum {
                if let Some((name_len, pseudonym)) = self.in_text.longest_at(&text[at..]) {
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
}

/// Names as a trie over their ASCII-lower-cased bytes. Free text is matched
/// by walking it from each word start, so a word costs at most the length
/// of the longest name, however many names share its first word; trying
/// each name with that first word in turn made a long text naming many
/// people quadratic.
#[derive(Clone, Debug, Default)]
struct NameTrie {
    /// (node, byte) → child node; node 0 is the root.
    edges: crate::hashing::FastMap<(u32, u8), u32>,
    nodes: u32,
    /// Node where a name ends → (that name, its pseudonym). Of names equal
    /// but for ASCII case, the smallest keeps the node, whatever the order
    /// of insertion.
    ends: crate::hashing::FastMap<u32, (String, String)>,
}

impl NameTrie {
    fn insert(&mut self, name: &str, pseudonym: &str) {
        let mut node = 0;
        for byte in name.bytes() {
            let next = self.nodes + 1;
            node = *self.edges.entry((node, byte.to_ascii_lowercase())).or_insert(next);
            self.nodes = self.nodes.max(node);
        }
        let end = self.ends.entry(node).or_insert_with(|| (name.to_string(), pseudonym.to_string()));
        if name < end.0.as_str() {
            *end = (name.to_string(), pseudonym.to_string());
        }
    }

    /// The byte length and pseudonym of the longest name `text` starts with
    /// that ends on a word boundary (no letter or digit right after it).
    fn longest_at<'t>(&'t self, text: &str) -> Option<(usize, &'t str)> {
        let mut node = 0;
        let mut longest = None;
        for (i, byte) in text.bytes().enumerate() {
            let Some(&child) = self.edges.get(&(node, byte.to_ascii_lowercase())) else { break };
            node = child;
            if let Some((_, pseudonym)) = self.ends.get(&node) {
                let end = i + 1;
                let on_boundary = text.get(end..).is_some_and(|after| !after.chars().next().is_some_and(char::is_alphanumeric));
                if on_boundary {
                    longest = Some((end, pseudonym.as_str()));
                }
            }
        }
        longest
    }
}

/// The codes not yet given out, as a "next free code" forest with path
/// halving: the first free code at or after a start (wrapping round) is
/// found in near-constant time. Probing code by code cost a scan of all
/// 25,974 codes per name once they ran out, and long probes before.
struct FreeCodes {
    /// `next[c] == c` when `c` is free; otherwise a code at or before the
    /// first free one after `c`.
    next: Vec<u32>,
    free: u64,
}

impl FreeCodes {
    fn new() -> FreeCodes {
        FreeCodes { next: (0..CODES as u32).collect(), free: CODES }
    }

    fn take_first_free_from(&mut self, start: u64) -> Option<u64> {
        if self.free == 0 {
            return None;
        }
        let mut code = start as usize;
        while self.next[code] as usize != code {
            let skip = self.next[self.next[code] as usize];
            self.next[code] = skip;
            code = skip as usize;
        }
        self.next[code] = ((code as u64 + 1) % CODES) as u32;
        self.free -= 1;
        Some(code as u64)
    }
}

/// Every name that refers to an individual, from any file.
pub fn person_names(dataset: &Dataset) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    each_person_name(dataset, 0, &mut |name| names.push(name));
    names
}

/// Calls `f` with every name that refers to an individual in the rows of
/// files `from_file` onwards. The one list of which fields name people.
fn each_person_name<'d>(dataset: &'d Dataset, from_file: u32, f: &mut dyn FnMut(&'d str)) {
    let mut f = |name: &'d str| {
        if !name.trim().is_empty() {
            f(name)
        }
    };
    let new = |source: &crate::dataset::RowRef| source.file >= from_file;
    dataset.people.iter().filter(|p| new(&p.source)).for_each(|p| f(&p.name));
    dataset.people.iter().filter(|p| new(&p.source)).flat_map(|p| &p.identities).for_each(|n| f(n));
    for pr in dataset.pull_requests.iter().filter(|pr| new(&pr.source)) {
        f(&pr.author);
        pr.reviewers.iter().chain(pr.requested_reviewers()).for_each(|n| f(n));
    }
    dataset.reviews.iter().filter(|r| new(&r.source)).for_each(|r| f(&r.reviewer));
    dataset.work_items.iter().filter(|w| new(&w.source)).filter_map(|w| w.assignee.as_deref()).for_each(&mut f);
    dataset.roles.iter().filter(|r| new(&r.source)).filter_map(|r| r.holder.as_deref()).for_each(&mut f);
    dataset.stakeholders.iter().filter(|s| new(&s.source)).for_each(|s| f(&s.name));
    dataset.decisions.iter().filter(|d| new(&d.source)).flat_map(|d| &d.approvals).for_each(|n| f(n));
    dataset.postmortem_actions.iter().filter(|a| new(&a.source)).filter_map(|a| a.owner.as_deref()).for_each(&mut f);
    for doc in dataset.design_docs.iter().filter(|d| new(&d.source)) {
        f(&doc.author);
        doc.approvers.iter().chain(&doc.required_approvers).for_each(|n| f(n));
    }
}

/// The distinct person names of a dataset that only grows (the files of
/// one drop), taken in file by file. A drop posts a presenter-mode overview
/// after each file; walking every row of an organisation for its names
/// each time cost 125–390 ms per file natively at org2k, where a
/// pseudonymiser over a couple of thousand distinct names takes a
/// millisecond or two. Same names, so the same pseudonyms as
/// [`Pseudonymizer::for_dataset`].
#[derive(Debug, Default)]
pub struct PersonNames {
    names: std::collections::HashSet<String>,
    /// Files already taken in.
    files: usize,
}

impl PersonNames {
    /// Takes in the rows of the files loaded since the last call. Files are
    /// only ever appended to `dataset` in between (as during one drop).
    pub fn update(&mut self, dataset: &Dataset) {
        let names = &mut self.names;
        each_person_name(dataset, self.files as u32, &mut |name| {
            let name = name.trim();
            if !names.contains(name) {
                names.insert(name.to_string());
            }
        });
        self.files = dataset.files.len();
    }

    pub fn pseudonymizer(&self) -> Pseudonymizer {
        Pseudonymizer::new(self.names.iter().map(String::as_str))
    }
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
    fn names_taken_in_file_by_file_give_the_whole_datasets_pseudonyms() {
        let files = crate::demo::generate(crate::demo::DemoSize::Small, 7, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let mut dataset = Dataset::default();
        let mut names = PersonNames::default();
        for file in &files {
            crate::ingest::ingest_file(&mut dataset, &file.name, &file.bytes, &Default::default(), &mut |_, _| {}).unwrap();
            names.update(&dataset);
            let (whole, by_file) = (Pseudonymizer::for_dataset(&dataset), names.pseudonymizer());
            assert_eq!(whole.by_name, by_file.by_name, "after {}", file.name);
        }
        assert!(names.names.len() > 10, "the demo names people: {:?}", names.names);
    }

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

    /// The probing the free-code forest replaced: the first free code at
    /// or after the name's hash, one code at a time.
    fn probed_pseudonyms(names: &[String]) -> Vec<String> {
        let sorted: BTreeSet<&str> = names.iter().map(|n| n.trim()).collect();
        let mut taken = vec![false; CODES as usize];
        let mut overflow = 0;
        sorted
            .into_iter()
            .map(|name| {
                let start = fnv1a(name) % CODES;
                match (0..CODES).map(|probe| (start + probe) % CODES).find(|&code| !taken[code as usize]) {
                    Some(code) => {
                        taken[code as usize] = true;
                        code_label(code)
                    }
                    None => {
                        overflow += 1;
                        format!("{}-{overflow}", code_label(start))
                    }
                }
            })
            .collect()
    }

    #[test]
    fn pseudonyms_are_those_of_code_by_code_probing_also_past_the_last_code() {
        let names: Vec<String> = (0..CODES as usize + 500).map(|i| format!("Member {i}")).collect();
        let p = Pseudonymizer::new(names.iter().map(String::as_str));
        let sorted: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let assigned: Vec<String> = sorted.iter().map(|n| p.pseudonym(n)).collect();
        assert_eq!(assigned, probed_pseudonyms(&names));
        assert!(assigned.iter().any(|a| a.ends_with("-500")));
    }

    /// Free-text matching as it was before the trie: per word start, every
    /// name sharing the text's first word (Unicode-lower-cased), longest and
    /// then smallest first.
    fn scrub_by_first_word(names: &[&str], p: &Pseudonymizer, text: &str) -> String {
        fn first_word(text: &str) -> Option<&str> {
            let end = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
            (end > 0).then(|| &text[..end])
        }
        let mut candidates: Vec<&str> = names.iter().map(|n| n.trim().trim_start_matches(|c: char| !c.is_alphanumeric())).filter(|n| !n.is_empty()).collect();
        candidates.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let pseudonym_of = |key_name: &str| {
            let name = names.iter().map(|n| n.trim()).filter(|n| n.trim_start_matches(|c: char| !c.is_alphanumeric()) == key_name).min().unwrap();
            p.pseudonym(name)
        };
        let (mut out, mut rest_start, mut previous_alnum) = (String::new(), 0, false);
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_alphanumeric() && !previous_alnum {
                let rest = &text[at..];
                let key = first_word(rest).unwrap().to_lowercase();
                let found = candidates.iter().filter(|n| first_word(n).is_some_and(|w| w.to_lowercase() == key)).find(|name| {
                    rest.get(..name.len()).is_some_and(|c| c.eq_ignore_ascii_case(name))
                        && !rest[name.len()..].chars().next().is_some_and(char::is_alphanumeric)
                });
                if let Some(name) = found {
                    out.push_str(&text[rest_start..at]);
                    out.push_str(&pseudonym_of(name));
                    rest_start = at + name.len();
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

    #[test]
    fn scrub_matches_the_first_word_search_it_replaced() {
        let names = ["Ann", "Ann Lee", "ann lee", "ANN", "Bo", "-Bo-", "Émile Roy", "ÉMILE", "O'Brien", "Ann Lee Jr.", "Zoë", "A", "Sam 01x", "Sam"];
        let p = Pseudonymizer::new(names);
        let pieces = ["Ann", "ann", " ", "Lee", "LEE", " Jr.", ".", "Bo", "-", "bob", "Émile", "émile", " Roy", "O'Brien", "o'brien", "Zoë", "zoë", "A", "a", "Sam", " 01x", "01", "x", ", ", "é", "🙂"];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(p.scrub(&text), scrub_by_first_word(&names, &p, &text), "{text:?}");
        }
    }
}
