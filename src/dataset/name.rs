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

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::hashing::{FastMap, FastSet};

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
        Ok(Name::from(&*name))
    }
}

/// A list of names (a work item's sprints or labels, a PR's reviewers),
/// shared like a [`Name`]: half a million rows name a few thousand
/// distinct lists (one sprint, one reviewer), so ingest hands out one
/// allocation per distinct list ([`Interner::list_of_cells`]) instead of one per
/// row. Reads as a slice; written to JSON as a plain array.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NameList(Arc<[Name]>);

impl NameList {
    /// Whether both are the same allocation.
    pub fn ptr_eq(&self, other: &NameList) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for NameList {
    /// The one empty list every row without names shares.
    fn default() -> NameList {
        static EMPTY: OnceLock<NameList> = OnceLock::new();
        EMPTY.get_or_init(|| NameList(Arc::from(Vec::new()))).clone()
    }
}

impl Deref for NameList {
    type Target = [Name];
    fn deref(&self) -> &[Name] {
        &self.0
    }
}

impl fmt::Debug for NameList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<Vec<Name>> for NameList {
    fn from(names: Vec<Name>) -> NameList {
        if names.is_empty() {
            return NameList::default();
        }
        NameList(Arc::from(names))
    }
}

impl FromIterator<Name> for NameList {
    fn from_iter<I: IntoIterator<Item = Name>>(names: I) -> NameList {
        NameList::from(names.into_iter().collect::<Vec<Name>>())
    }
}

impl<'a> IntoIterator for &'a NameList {
    type Item = &'a Name;
    type IntoIter = std::slice::Iter<'a, Name>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for NameList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NameList, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = NameList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of names")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NameList, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Name>()? {
                    names.push(name);
                }
                Ok(NameList::from(names))
            }
        }
        deserializer.deserialize_seq(Names)
    }
}


/// The names seen so far, each held once. Ingest keeps one per file: names
/// repeat within a file, and a hit costs a hash and a compare, no allocation.
/// Shared (`&self`) so that a row reader can hand out names while it also
/// lends out its cells.
#[derive(Default)]
pub struct Interner {
    names: RefCell<FastSet<Name>>,
    /// The name last handed out for each slot of [`Interner::name_in`].
    recent: RefCell<Vec<Name>>,
    /// The lists seen so far, each held once, by
    /// their names' addresses: this interner's names are one allocation
    /// each, so its equal lists have equal addresses, and hashing those
    /// costs less than hashing the texts. A list held keeps its names,
    /// so no address is reused while it is a key.
    lists: RefCell<FastMap<Box<[usize]>, NameList>>,
    /// The addresses of the list being looked up, kept between calls.
    list_key: RefCell<Vec<usize>>,
    /// The lists [`Interner::list_of_cells`] made, by the cells they were
    /// read from, each joined by [`CELLS_APART`].
    lists_by_cells: RefCell<FastMap<Box<str>, NameList>>,
    /// The cells being looked up, joined, kept between calls.
    cells_key: RefCell<String>,
    /// Per slot of [`Interner::list_of_cells`], the key and list it last
    /// handed out.
    recent_lists: RefCell<Vec<(String, NameList)>>,
}

/// Between the cells of a [`Interner::list_of_cells`] key: a control
/// character (a cell holding one is read, never looked up).
const CELLS_APART: char = '\u{1f}';

/// Answers about the names of one dataset, remembered by the name's
/// address: ingest gives each distinct name one allocation, so a few
/// thousand answers serve a million rows, each found by hashing two
/// numbers instead of the name. Only ever a shortcut: a name with its own
/// allocation (from JSON, or a copy) is answered from its text, and equal
/// texts get equal answers. Sound because the names are borrowed from
/// the dataset for `'a`: no remembered address can be freed and reused
/// while this lives.
pub(crate) struct ByAddress<'a, V> {
    answers: FastMap<(usize, usize), V>,
    names: std::marker::PhantomData<&'a str>,
}

impl<V> Default for ByAddress<'_, V> {
    fn default() -> Self {
        ByAddress { answers: FastMap::default(), names: std::marker::PhantomData }
    }
}

impl<'a, V: Copy> ByAddress<'a, V> {
    /// Answers beyond this many are worked out each time: a dataset whose
    /// names share no allocations gains nothing from holding them.
    const HOLDS_AT_MOST: usize = 1 << 14;

    /// The answer for the name at `name`'s address, if one is remembered.
    /// Any text there is the remembered name itself (alive, unchanged), so
    /// `name` need not be the dataset's.
    pub(crate) fn known(&self, name: &str) -> Option<V> {
        self.answers.get(&(name.as_ptr() as usize, name.len())).copied()
    }

    pub(crate) fn get_or(&mut self, name: &'a str, answer: impl FnOnce(&'a str) -> V) -> V {
        if let Some(known) = self.known(name) {
            return known;
        }
        let value = answer(name);
        self.remember(name, value);
        value
    }

    pub(crate) fn remember(&mut self, name: &'a str, value: V) {
        if self.answers.len() < Self::HOLDS_AT_MOST {
            self.answers.insert((name.as_ptr() as usize, name.len()), value);
        }
    }
}

/// `a == b`, eight bytes at a time. In wasm `==` on text calls a `memcmp`
/// that compares one byte at a time, and the interner compares every name
/// cell of a file with the column's last one.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
    let (mut a_words, mut b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    if !a_words.by_ref().zip(b_words.by_ref()).all(|(x, y)| word(x) == word(y)) {
        return false;
    }
    a_words.remainder().iter().zip(b_words.remainder()).all(|(x, y)| x == y)
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
        if let Some(last) = recent.get(slot).filter(|last| same_text(last, name)) {
            return last.clone();
        }
        let new = make(name);
        if slot >= recent.len() {
            recent.resize(slot + 1, Name::default());
        }
        recent[slot] = new.clone();
        new
    }

    /// The shared list of `names`, made on first sight. Only lists of this
    /// interner's names are found again; others are equal but their own.
    pub fn list(&self, names: Vec<Name>) -> NameList {
        if names.is_empty() {
            return NameList::default();
        }
        let mut key = self.list_key.borrow_mut();
        key.clear();
        key.extend(names.iter().map(|name| Arc::as_ptr(&name.0) as *const u8 as usize));
        let mut lists = self.lists.borrow_mut();
        if let Some(known) = lists.get(&key[..]) {
            return known.clone();
        }
        let new = NameList::from(names);
        lists.insert(key.as_slice().into(), new.clone());
        new
    }

    /// The list `read` makes of `cells`, read once per distinct `cells`:
    /// the same cells always make the same list (a sprint, a reviewer),
    /// so every later row with them shares that list without reading them
    /// again, which costs less than the reading did. Like
    /// [`Interner::name_in`], the cells are first compared with the ones
    /// `slot` (a field) last had: a Jira export's items of one sprint come
    /// row after row, and a compare costs less than hashing the key.
    pub fn list_of_cells<'c>(
        &self,
        slot: usize,
        cells: impl Iterator<Item = &'c str>,
        read: impl FnOnce() -> Vec<Name>,
    ) -> NameList {
        let mut key = self.cells_key.borrow_mut();
        key.clear();
        for cell in cells {
            if cell.contains(CELLS_APART) {
                // Would make a key another row's cells could make too.
                return self.list(read());
            }
            key.push_str(cell);
            key.push(CELLS_APART);
        }
        let mut recent = self.recent_lists.borrow_mut();
        if let Some((_, list)) = recent.get(slot).filter(|(last, _)| same_text(last, &key)) {
            return list.clone();
        }
        let list = self.list_by_key(&key, || self.list(read()));
        if slot >= recent.len() {
            recent.resize_with(slot + 1, Default::default);
        }
        let (last, last_list) = &mut recent[slot];
        last.clone_from(&key);
        *last_list = list.clone();
        list
    }

    /// The list held for `key`, or the one `make` makes, then held. An
    /// empty key (no column, no text) is the empty list, with no lookup:
    /// most exports have no labels, and a lookup per row showed.
    fn list_by_key(&self, key: &str, make: impl FnOnce() -> NameList) -> NameList {
        if key.is_empty() {
            return NameList::default();
        }
        if let Some(known) = self.lists_by_cells.borrow().get(key) {
            return known.clone();
        }
        let new = make();
        self.lists_by_cells.borrow_mut().insert(key.into(), new.clone());
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

    #[test]
    fn same_text_is_text_equality_at_every_length_and_place() {
        let base: String = "Zoë Ångström, the 17th reviewer of #12345".into();
        for len in 0..base.len() {
            let Some(a) = base.get(..len) else { continue };
            assert!(same_text(a, a), "{a:?}");
            assert!(!same_text(a, base.get(..len + 1).unwrap_or(&base)) || len == base.len(), "{a:?}");
            for at in 0..len {
                let mut changed = a.as_bytes().to_vec();
                changed[at] ^= 1;
                if let Ok(changed) = String::from_utf8(changed) {
                    assert!(!same_text(a, &changed), "{a:?} against {changed:?}");
                }
            }
        }
    }
    use std::collections::{BTreeMap, HashMap};

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
    fn equal_lists_share_one_allocation() {
        let names = Interner::default();
        let list = |of: &[&str]| of.iter().map(|&n| names.name(n)).collect::<Vec<Name>>();
        let sprint_1 = names.list(list(&["S1"]));
        assert!(sprint_1.ptr_eq(&names.list(list(&["S1"]))));
        let both = names.list(list(&["S1", "S2"]));
        assert_eq!(*both, ["S1", "S2"]);
        assert!(!both.ptr_eq(&names.list(list(&["S2", "S1"]))), "order is part of a list");
        let outside = names.list(vec![Name::from("S1")]);
        assert!(outside == sprint_1 && !outside.ptr_eq(&sprint_1), "names made elsewhere: equal, not shared");
        assert!(names.list(Vec::new()).ptr_eq(&NameList::default()));
    }

    #[test]
    fn the_same_cells_are_read_once_into_one_list() {
        let names = Interner::default();
        let reads = std::cell::Cell::new(0);
        let read = |of: &[&str]| {
            reads.set(reads.get() + 1);
            of.iter().map(|&n| names.name(n)).collect::<Vec<Name>>()
        };
        let first = names.list_of_cells(0, ["Ada; Bo", ""].into_iter(), || read(&["Ada", "Bo"]));
        let again = names.list_of_cells(0, ["Ada; Bo", ""].into_iter(), || read(&["never read"]));
        assert!(first.ptr_eq(&again) && *again == ["Ada", "Bo"] && reads.get() == 1);
        // Cells are told apart by where they end, not only by their text.
        let split = names.list_of_cells(0, ["Ada;", " Bo"].into_iter(), || read(&["Ada", "Bo"]));
        assert_eq!(reads.get(), 2, "other cells are read");
        assert!(split.ptr_eq(&first), "and the same names still make the one list");
        let odd = |cells: [&'static str; 2]| names.list_of_cells(0, cells.into_iter(), || read(&cells));
        assert_eq!(*odd(["a\u{1f}", ""]), ["a\u{1f}", ""]);
        assert_eq!(*odd(["a", "\u{1f}"]), ["a", "\u{1f}"], "cells that would make the same key are each read");
    }

    #[test]
    fn a_slots_recent_cells_give_their_list_and_other_cells_their_own() {
        let names = Interner::default();
        let reads = std::cell::Cell::new(0);
        let list = |slot: usize, cells: [&'static str; 2]| {
            names.list_of_cells(slot, cells.into_iter(), || {
                reads.set(reads.get() + 1);
                cells.iter().filter(|c| !c.is_empty()).map(|&c| names.name(c)).collect()
            })
        };
        let s1 = list(4, ["S1", ""]);
        let s2 = list(4, ["S2", ""]);
        assert!(*s1 == ["S1"] && *s2 == ["S2"] && reads.get() == 2);
        for (cells, want) in [(["S1", ""], &s1), (["S1", ""], &s1), (["S2", ""], &s2), (["S1", ""], &s1)] {
            assert!(list(4, cells).ptr_eq(want), "{cells:?}");
        }
        assert!(list(9, ["S2", ""]).ptr_eq(&s2), "another slot finds it in the table");
        assert_eq!(*list(4, ["S1", "S2"]), ["S1", "S2"], "more cells than the slot's last");
        assert_eq!(*list(4, ["S1", ""]), ["S1"], "fewer again");
        assert!(list(4, ["", ""]).ptr_eq(&NameList::default()));
        assert!(list(4, ["", ""]).ptr_eq(&NameList::default()), "an empty key repeated");
        assert_eq!(reads.get(), 4, "each distinct set of cells was read once, the empty ones too");
    }

    #[test]
    fn a_list_is_a_plain_json_array() {
        let list: NameList = serde_json::from_str(r#"["Ada","Bo"]"#).unwrap();
        assert_eq!((serde_json::to_string(&list).unwrap().as_str(), list.len()), (r#"["Ada","Bo"]"#, 2));
        let odd: NameList = serde_json::from_str(r#"["A\u001fda", "", "\n"]"#).unwrap();
        assert_eq!(*odd, ["A\u{1f}da", "", "\n"]);
        let empty: NameList = serde_json::from_str("[]").unwrap();
        assert!(empty.ptr_eq(&NameList::default()));
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
