//! Shared names: people, teams, statuses, repos, labels.
//!
//! A million work items name a few thousand people and a few hundred
//! teams, statuses and labels. An owned `String` per cell cost an
//! allocation, a free and fresh memory for every one of them (a third of
//! native ingest's time, and most of the worker's memory). A [`Name`] is a
//! reference-counted `str`: ingest hands out one allocation per distinct
//! name through an [`Interner`], and cloning a row or a dataset only bumps
//! counts. It reads like a `&str` (`Deref`, `Borrow<str>`, comparisons
//! with strings) and is written to JSON as a plain string, so no saved
//! file changes shape.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::hashing::FastSet;

/// An immutable, cheaply cloned name. Hashes, compares and orders exactly
/// like the `str` it holds, so maps keyed by `Name` are looked up by `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are the same allocation (an interner's work, or a clone).
    pub fn ptr_eq(&self, other: &Name) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Name {
    /// The one empty name every row without a value shares.
    fn default() -> Name {
        static EMPTY: OnceLock<Name> = OnceLock::new();
        EMPTY.get_or_init(|| Name(Arc::from(""))).clone()
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        if name.is_empty() {
            return Name::default();
        }
        Name(Arc::from(name))
    }
}

impl From<String> for Name {
    fn from(name: String) -> Name {
        Name::from(name.as_str())
    }
}

impl From<&String> for Name {
    fn from(name: &String) -> Name {
        Name::from(name.as_str())
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0.to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        // Through `Cow`: a name without escapes is borrowed from the input,
        // so it is copied once, into the name.
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(DECODING.with(|interner| match &*interner.borrow() {
            Some(interner) => interner.name(&name),
            None => Name::from(&*name),
        }))
    }
}

/// The names seen so far, each held once. Ingest keeps one per file: names
/// repeat within a file, and a hit costs a hash and a compare, no allocation.
/// Shared (`&self`) so that a row reader can hand out names while it also
/// lends out its cells.
pub struct Interner {
    names: RefCell<FastSet<Name>>,
    /// Past this many names, new ones are made but not held: a column of
    /// mostly distinct values (PR numbers) would only grow the table.
    holds_at_most: usize,
    /// The name last handed out for each slot of [`Interner::name_in`].
    recent: RefCell<Vec<Name>>,
    /// The last name made once the table was full.
    last_unheld: RefCell<Name>,
}

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            names: RefCell::default(),
            holds_at_most: usize::MAX,
            recent: RefCell::default(),
            last_unheld: RefCell::default(),
        }
    }
}

/// The most names [`interning_decoded`] holds: far more people, teams,
/// statuses and labels than an organisation has.
const DECODED_NAMES_HELD: usize = 1 << 16;

thread_local! {
    /// Set while [`interning_decoded`] runs.
    static DECODING: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

/// Runs `decode` with every `Name` it deserialises interned, so rows that
/// crossed from another worker share their names as rows read here do
/// (bincode hands out borrowed strings; without this each name would be
/// an allocation of its own).
pub fn interning_decoded<T>(decode: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DECODING.with(|interner| *interner.borrow_mut() = None);
        }
    }
    DECODING.with(|interner| {
        *interner.borrow_mut() = Some(Interner { holds_at_most: DECODED_NAMES_HELD, ..Interner::default() })
    });
    let _reset = Reset;
    decode()
}

impl Interner {
    /// The shared `Name` for `name`, made on first sight.
    pub fn name(&self, name: &str) -> Name {
        if name.is_empty() {
            return Name::default();
        }
        let mut names = self.names.borrow_mut();
        if let Some(known) = names.get(name) {
            return known.clone();
        }
        if names.len() >= self.holds_at_most {
            // What comes here is mostly a column of distinct values (the
            // PR numbers of reviews decoded from a parse worker), whose
            // repeats come one after another: share those.
            let mut last = self.last_unheld.borrow_mut();
            if last.as_str() != name {
                *last = Name::from(name);
            }
            return last.clone();
        }
        let new = Name::from(name);
        names.insert(new.clone());
        new
    }

    /// [`Interner::name`], first compared with the name last handed out
    /// for `slot` (a column): exports list a team's items, a person's PRs
    /// or one status row after row, and comparing with the row before
    /// costs less than hashing the name to look it up.
    pub fn name_in(&self, slot: usize, name: &str) -> Name {
        self.recent_or(slot, name, |name| self.name(name))
    }

    /// The name last handed out for `slot` when it is `name` again, else a
    /// new one the table does not hold: for a column of mostly distinct
    /// values whose repeats come row after row (a review's PR number: the
    /// reviews of one PR share one allocation, and half a million numbers
    /// cost no lookups).
    pub fn recent_or_new(&self, slot: usize, name: &str) -> Name {
        self.recent_or(slot, name, |name| Name::from(name))
    }

    fn recent_or(&self, slot: usize, name: &str, make: impl FnOnce(&str) -> Name) -> Name {
        let mut recent = self.recent.borrow_mut();
        if let Some(last) = recent.get(slot).filter(|last| last.as_str() == name) {
            return last.clone();
        }
        let new = make(name);
        if slot >= recent.len() {
            recent.resize(slot + 1, Name::default());
        }
        recent[slot] = new.clone();
        new
    }

    /// How many distinct names it holds.
    pub fn len(&self) -> usize {
        self.names.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.borrow().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn a_full_interner_still_names_but_holds_no_more() {
        let names = Interner { holds_at_most: 2, ..Interner::default() };
        let ada = names.name("Ada");
        names.name("Bob");
        let (cy, cy_again) = (names.name("Cy"), names.name("Cy"));
        assert_eq!((names.len(), cy.as_str()), (2, "Cy"));
        assert!(cy.ptr_eq(&cy_again), "a repeat right after is not shared");
        assert_eq!(names.name("Dee"), "Dee");
        assert!(!cy.ptr_eq(&names.name("Cy")), "a name past the limit was held");
        assert!(ada.ptr_eq(&names.name("Ada")), "a held name is no longer shared");
    }

    #[test]
    fn equal_strings_intern_to_one_allocation_and_different_ones_do_not() {
        let names = Interner::default();
        let ada = names.name("Ada");
        let again = names.name(&String::from("Ada"));
        let grace = names.name("Grace");
        assert!(ada.ptr_eq(&again));
        assert!(!ada.ptr_eq(&grace));
        assert_eq!(names.len(), 2);
        // Built outside an interner: equal, but its own allocation.
        let outside = Name::from("Ada");
        assert_eq!(outside, ada);
        assert!(!outside.ptr_eq(&ada));
    }

    #[test]
    fn a_slots_recent_name_is_the_interned_one() {
        let names = Interner::default();
        let ada = names.name_in(3, "Ada");
        assert!(ada.ptr_eq(&names.name_in(3, "Ada")), "the same slot again");
        assert!(ada.ptr_eq(&names.name_in(0, "Ada")), "another slot");
        assert!(ada.ptr_eq(&names.name("Ada")));
        let grace = names.name_in(3, "Grace");
        assert_eq!((grace.as_str(), names.len()), ("Grace", 2));
        assert!(ada.ptr_eq(&names.name_in(3, "Ada")), "back to a name the slot held before");
        assert!(names.name_in(7, "").ptr_eq(&Name::default()));
        assert_eq!(names.name_in(3, "Ad"), "Ad", "a prefix of the recent name is a name of its own");
        assert_eq!(names.name_in(3, "Ada "), "Ada ");
    }

    #[test]
    fn a_distinct_columns_name_is_shared_with_the_row_before_only() {
        let names = Interner::default();
        let first = names.recent_or_new(2, "1000");
        assert!(first.ptr_eq(&names.recent_or_new(2, "1000")), "the next row's repeat");
        let other = names.recent_or_new(2, "1001");
        assert_eq!(other, "1001");
        assert!(!first.ptr_eq(&names.recent_or_new(2, "1000")), "a repeat further down is a name of its own");
        assert!(names.is_empty(), "nothing held in the table");
        assert!(names.recent_or_new(5, "").ptr_eq(&Name::default()));
    }

    #[test]
    fn every_empty_name_is_the_one_shared_default() {
        let names = Interner::default();
        assert!(names.name("").ptr_eq(&Name::default()));
        assert!(Name::from(String::new()).ptr_eq(&Name::default()));
        assert!(names.is_empty());
        assert_eq!(Name::default(), "");
    }

    #[test]
    fn json_is_a_plain_string_both_ways() {
        let name = Name::from("Team \"Core\" ü");
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, serde_json::to_string("Team \"Core\" ü").unwrap());
        let back: Name = serde_json::from_str(&json).unwrap();
        assert_eq!(back, name);
        let list: Vec<Name> = serde_json::from_str(r#"["a","b\n"]"#).unwrap();
        assert_eq!(list, ["a", "b\n"]);
        assert!(serde_json::from_str::<Name>("3").is_err());
    }

    #[test]
    fn maps_keyed_by_name_are_looked_up_by_str() {
        let mut hashed: HashMap<Name, u32> = HashMap::new();
        let mut fast: crate::hashing::FastMap<Name, u32> = Default::default();
        let mut ordered: BTreeMap<Name, u32> = BTreeMap::new();
        for (i, name) in ["Zoe", "Ada", "Mia"].into_iter().enumerate() {
            hashed.insert(name.into(), i as u32);
            fast.insert(name.into(), i as u32);
            ordered.insert(name.into(), i as u32);
        }
        assert_eq!((hashed.get("Ada"), fast.get("Mia"), ordered.get("Zoe")), (Some(&1), Some(&2), Some(&0)));
        assert_eq!(hashed.get("ada"), None);
        // Ordered exactly as the strings are.
        assert_eq!(ordered.keys().map(Name::as_str).collect::<Vec<_>>(), ["Ada", "Mia", "Zoe"]);
    }

    #[test]
    fn reads_and_compares_like_a_str() {
        let name = Name::from("Payments");
        assert_eq!(name.len(), 8);
        assert!(name.starts_with("Pay"));
        assert_eq!(name.to_string(), "Payments");
        assert_eq!(format!("{name:?}"), "\"Payments\"");
        let owned = String::from("Payments");
        assert!(name == "Payments" && name == *"Payments" && name == owned);
        assert!("Payments" == name && owned == name && name != "payments");
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert!(a < b);
    }
}
