//! Lookups over a loaded [`Dataset`] that several stages share, built once
//! per snapshot and passed down: which team a person is on, which team a
//! work item belongs to, who is expected to land code, and which reviews
//! belong to which pull request.
//!
//! Each rule is defined here only, so a tripwire, a chart and the norm
//! suggestions cannot disagree about it: a person is matched by their name
//! with surrounding spaces trimmed, their first roster row wins, and
//! anyone the roster does not place in a team is [`NO_TEAM`].
//!
//! Groups: teams.csv may say which group (a department, a director) each
//! team rolls up to; [`Index::group_of`] is the one lookup, by the team's
//! trimmed name, its first teams.csv row winning, like people.
//!
//! One person has many names: `Ana Reyes` on the roster and in Jira,
//! `areyes` on GitHub, `Ana Reyes <CORP\areyes>` in Azure DevOps,
//! `ana.reyes@corp.example` elsewhere. The roster's identity columns and
//! the matches the user confirmed (the model's `identities`) resolve each
//! of them to its roster person ([`Identities`]), compared trimmed and in
//! any case, so every lookup here, and every tripwire and view that groups
//! by person ([`Index::canonical`]), sees one person.
//!
//! Bots ([`Bots`]) are not people: the roster lookups, the contributor
//! rule and the review lookups skip them, so no people-based tripwire or
//! count can include `dependabot[bot]`.

use std::collections::BTreeMap;

use super::{Dataset, Name, Person, PullRequest, Review, RowRef, Timestamp, WorkItem};
use super::name::ByAddress;
use crate::hashing::{FastMap, FastSet};
use crate::tiering;

/// The team of people a file names but the roster does not place in a
/// team, and of work only they touched.
pub const NO_TEAM: &str = "(not on roster)";

/// The group of teams teams.csv puts in none, when it groups others.
pub const NO_GROUP: &str = "(no group)";

/// The shared lookups over one dataset. Building it reads the roster and
/// the reviews once; every lookup after that is a hash probe.
pub struct Index<'a> {
    dataset: &'a Dataset,
    reviews: ReviewIndex<'a>,
    /// Each team's group from its first teams.csv row, by trimmed name;
    /// teams without one are left out.
    groups: FastMap<&'a str, &'a str>,
    /// The confirmed identity matches it was built with, so the same rules
    /// can be applied to the rows as of a past day.
    confirmed: BTreeMap<String, String>,
    /// [`Dataset::team_names`], made on first use: the tripwires and
    /// several views each want it, and each call reads every work item.
    team_names: std::cell::OnceCell<Vec<String>>,
}

/// Who each name is: the roster's names and every identity it and the
/// user give a person, resolved to that person's first roster row. Built
/// once per index; each lookup is one hash probe for a roster name as
/// written, and a few (each an owned lower-cased key) for any other name.
/// The names of every review and PR author are resolved as it is built
/// and their answers remembered by address ([`ByAddress`]): the
/// tripwires look up a name of every review and PR, several times.
#[derive(Default)]
pub struct Identities<'a> {
    /// Each person's first roster row, by trimmed name. Hit once per row of
    /// every file: hashed, not ordered.
    roster: FastMap<&'a str, &'a Person>,
    /// Every other key ([`identity_keys`]) of every person: lower-cased
    /// names, the roster's identity columns, the confirmed matches.
    other: FastMap<String, &'a Person>,
    /// Some person has a name besides their roster name.
    aliases: bool,
    /// The answers for the dataset's reviewers and PR authors.
    known: ByAddress<'a, Option<&'a Person>>,
}

impl<'a> Identities<'a> {
    /// Precedence, first wins: a roster name as written, a roster name in
    /// another case, the roster's identity columns (in roster order), then
    /// the user's confirmed matches, which only ever add names nobody
    /// claims. `confirmed` maps a name as seen to a roster person's name.
    fn new(dataset: &'a Dataset, bots: &Bots, confirmed: &BTreeMap<String, String>) -> Identities<'a> {
        let mut roster: FastMap<&str, &Person> = FastMap::default();
        roster.reserve(dataset.people.len());
        let mut firsts: Vec<&Person> = Vec::with_capacity(dataset.people.len());
        for person in &dataset.people {
            let name = person.name.trim();
            // A row without a name places nobody.
            if !name.is_empty() && !bots.is_bot(name) && !roster.contains_key(name) {
                roster.insert(name, person);
                firsts.push(person);
            }
        }
        let mut other: FastMap<String, &Person> = FastMap::default();
        let with_identities = firsts.iter().filter(|p| !p.identities.is_empty()).count();
        let aliases = with_identities > 0 || !confirmed.is_empty();
        other.reserve(firsts.len() + with_identities * 2 + confirmed.len());
        for person in &firsts {
            other.entry(person.name.trim().to_lowercase()).or_insert(person);
        }
        for person in &firsts {
            for identity in &person.identities {
                for key in identity_keys(identity) {
                    other.entry(key).or_insert(person);
                }
            }
        }
        for (seen, person) in confirmed {
            let Some(person) = roster.get(person.trim()).copied() else { continue };
            for key in identity_keys(seen) {
                other.entry(key).or_insert(person);
            }
        }
        Identities { roster, other, aliases, known: ByAddress::default() }
    }

    /// The roster person a name resolves to, if any.
    fn person(&self, name: &str) -> Option<&'a Person> {
        match self.known.known(name) {
            Some(known) => known,
            None => self.person_by_text(name),
        }
    }

    /// [`Identities::person`], remembering the answer for the name's address.
    fn remember(&mut self, name: &'a str) -> Option<&'a Person> {
        if let Some(known) = self.known.known(name) {
            return known;
        }
        let person = self.person_by_text(name);
        self.known.remember(name, person);
        person
    }

    fn person_by_text(&self, name: &str) -> Option<&'a Person> {
        let name = name.trim();
        if let Some(person) = self.roster.get(name) {
            return Some(person);
        }
        // No roster, no other names: nothing to build keys for.
        if name.is_empty() || self.other.is_empty() {
            return None;
        }
        identity_keys(name).find_map(|key| self.other.get(&key).copied())
    }

    /// The one name a person goes by ([`Index::canonical`]).
    fn canonical<'n>(&self, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        match self.person(name) {
            Some(person) => person.name.trim(),
            None => name.trim(),
        }
    }
}

/// The keys a name is known by, most specific first, lower-cased and
/// trimmed: the whole name (`@` dropped), then for `Name <inner>` the name
/// and the inner part, and for a Windows account `DOMAIN\user` the user.
/// `Ana Reyes <CORP\areyes>` is known as itself, `ana reyes`,
/// `corp\areyes` and `areyes`; an email only as itself (its local part is
/// only ever a suggestion: `ana@a.example` and `ana@b.example` are two
/// people).
pub fn identity_keys(name: &str) -> impl Iterator<Item = String> + '_ {
    let name = name.trim();
    let name = name.strip_prefix('@').unwrap_or(name);
    let (display, inner) = match name.strip_suffix('>').and_then(|n| n.rsplit_once('<')) {
        Some((display, inner)) => (Some(display.trim()).filter(|d| !d.is_empty()), Some(inner.trim())),
        None => (None, None),
    };
    let user = inner.and_then(account).or_else(|| if inner.is_none() { account(name) } else { None });
    let mut keys: Vec<String> = Vec::with_capacity(4);
    for part in [Some(name), display, inner, user].into_iter().flatten() {
        let key = part.to_lowercase();
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
}

/// The user of a Windows account name, `DOMAIN\user`.
fn account(name: &str) -> Option<&str> {
    name.rsplit_once('\\').map(|(_, user)| user.trim()).filter(|user| !user.is_empty())
}

/// Which names are bots rather than people: a `[bot]` suffix (GitHub's
/// app accounts, any case), an `app/` prefix (how `gh` writes an app
/// author, after ingest marks `is_bot` authors with `[bot]`), or a name on
/// the model's configured list. A human called `Robert` or `abbot` is
/// none of these.
#[derive(Clone, Debug, Default)]
pub struct Bots {
    /// The configured names, trimmed and lower-cased.
    listed: FastSet<String>,
}

impl Bots {
    pub fn new(listed: &[String]) -> Bots {
        Bots { listed: listed.iter().map(|name| name.trim().to_lowercase()).filter(|name| !name.is_empty()).collect() }
    }

    /// Called for every name of every row: no allocation unless the model
    /// lists bots by name.
    pub fn is_bot(&self, name: &str) -> bool {
        let name = name.trim();
        let bytes = name.as_bytes();
        let app = bytes.len() > APP_PREFIX.len() && bytes[..APP_PREFIX.len()].eq_ignore_ascii_case(APP_PREFIX);
        has_bot_suffix(name) || app || (!self.listed.is_empty() && self.listed.contains(&name.to_lowercase()))
    }
}

/// Whether a name ends in GitHub's `[bot]` suffix for app accounts, in any
/// case; ingest adds it to the logins of accounts flagged `is_bot`.
fn has_bot_suffix(name: &str) -> bool {
    let bytes = name.trim_end().as_bytes();
    bytes.len() >= BOT_SUFFIX.len() && bytes[bytes.len() - BOT_SUFFIX.len()..].eq_ignore_ascii_case(BOT_SUFFIX)
}

const BOT_SUFFIX: &[u8] = b"[bot]";
const APP_PREFIX: &[u8] = b"app/";

impl<'a> Index<'a> {
    /// The index with only the built-in bot rules; see [`Index::with_bots`].
    pub fn new(dataset: &'a Dataset) -> Index<'a> {
        Index::with_bots(dataset, Bots::default())
    }

    /// The index that also treats the model's listed names as bots.
    pub fn with_bots(dataset: &'a Dataset, bots: Bots) -> Index<'a> {
        Index::with_identities(dataset, bots, &BTreeMap::new())
    }

    /// The index with the model's bots and the identity matches the user
    /// confirmed (name as seen → roster person's name, the model's
    /// `identities`). A match naming nobody on the roster is ignored.
    pub fn with_identities(dataset: &'a Dataset, bots: Bots, confirmed: &BTreeMap<String, String>) -> Index<'a> {
        let identities = Identities::new(dataset, &bots, confirmed);
        let groups = Index::team_groups(dataset);
        let reviews = ReviewIndex::with_identities(dataset, bots, identities);
        Index { dataset, reviews, groups, confirmed: confirmed.clone(), team_names: Default::default() }
    }

    /// Each team's group ([`Index::group_of`]) without the rest of an
    /// index, whose review lookup alone is a map entry per PR.
    pub fn team_groups(dataset: &'a Dataset) -> FastMap<&'a str, &'a str> {
        let mut groups: FastMap<&str, &str> = FastMap::default();
        let mut seen: FastSet<&str> = FastSet::default();
        for team in &dataset.teams {
            let (name, group) = (team.name.trim(), team.group.trim());
            if seen.insert(name) && !group.is_empty() {
                groups.insert(name, group);
            }
        }
        groups
    }

    /// The index over another dataset (the rows as of a past day) with the
    /// same bots and confirmed identities.
    pub fn same_rules_over<'b>(&self, dataset: &'b Dataset) -> Index<'b> {
        Index::with_identities(dataset, self.bots().clone(), &self.confirmed)
    }

    /// The group teams.csv puts a team in: its first row's, trimmed.
    pub fn group_of(&self, team: &str) -> Option<&'a str> {
        self.groups.get(team.trim()).copied()
    }

    /// Whether teams.csv puts any team in a group: only then do the
    /// pages roll teams up by group.
    pub fn has_groups(&self) -> bool {
        !self.groups.is_empty()
    }

    /// A team's group, or [`NO_GROUP`].
    pub fn group_or_none(&self, team: &str) -> &'a str {
        self.group_of(team).unwrap_or(NO_GROUP)
    }

    /// Whether a name is a bot's, not a person's ([`Bots`]).
    pub fn is_bot(&self, name: &str) -> bool {
        self.reviews.bots.is_bot(name)
    }

    /// The bot rules this index applies.
    pub fn bots(&self) -> &Bots {
        &self.reviews.bots
    }

    /// The dataset this index was built over.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// Every team name known from any file, sorted, once each
    /// ([`Dataset::team_names`], worked out once per index).
    pub fn team_names(&self) -> &[String] {
        self.team_names.get_or_init(|| self.dataset.team_names())
    }

    /// A person's roster row: the first one, when the roster lists them
    /// twice. A bot has none, even when the roster lists it. Any of the
    /// person's names finds it ([`Identities`]).
    pub fn person(&self, name: &str) -> Option<&'a Person> {
        self.reviews.identities.person(name)
    }

    /// The one name a person goes by in every tripwire and view: their
    /// roster name (trimmed) when any of their names is given, else the
    /// name itself, trimmed. Group and compare people by this.
    pub fn canonical<'s>(&'s self, name: &'s str) -> &'s str {
        self.reviews.canonical(name)
    }

    /// Whether some person has a name besides their roster name (identity
    /// columns or confirmed matches): only then can two names be one person.
    pub fn resolves_aliases(&self) -> bool {
        self.reviews.identities.aliases
    }

    /// Whether two names are one person's.
    pub fn same_person(&self, a: &str, b: &str) -> bool {
        self.reviews.same_person(a, b)
    }

    /// Every name in the files that is neither on the roster (under any
    /// of its people's names) nor a bot's, once each (as written,
    /// trimmed), with where it was first seen and how many rows name it.
    /// Empty when no roster is loaded: then every name would be here.
    pub fn unmatched_identities(&self) -> Vec<SeenIdentity<'a>> {
        let dataset = self.dataset;
        if self.reviews.identities.roster.is_empty() {
            return Vec::new();
        }
        let mut seen: FastMap<&'a str, SeenIdentity<'a>> = FastMap::default();
        let identities = &self.reviews.identities;
        let mut note = |name: &'a str, role: &'static str, at: RowRef| {
            let name = name.trim();
            // Nearly every name is a roster name as written: one probe.
            if identities.roster.contains_key(name) {
                return;
            }
            if let Some(known) = seen.get_mut(name) {
                known.rows += 1;
            } else if !name.is_empty() && !self.is_bot(name) && self.person(name).is_none() {
                seen.insert(name, SeenIdentity { name, role, first_seen: at, rows: 1 });
            }
        };
        for pr in &dataset.pull_requests {
            note(&pr.author, "PR author", pr.source);
            for reviewer in pr.reviewers.iter().chain(pr.requested_reviewers()) {
                note(reviewer, "reviewer", pr.source);
            }
        }
        for review in &dataset.reviews {
            note(&review.reviewer, "reviewer", review.source);
        }
        for item in &dataset.work_items {
            if let Some(assignee) = &item.assignee {
                note(assignee, "assignee", item.source);
            }
        }
        for doc in &dataset.design_docs {
            note(&doc.author, "design doc author", doc.source);
        }
        let mut unmatched: Vec<SeenIdentity> = seen.into_values().collect();
        unmatched.sort_by_cached_key(|seen| (seen.name.to_lowercase(), seen.name));
        unmatched
    }

    /// Everyone on the roster once, by their first row, in roster order;
    /// bots left out.
    pub fn people(&self) -> impl Iterator<Item = &'a Person> + '_ {
        self.dataset.people.iter().filter(|row| self.person(&row.name).is_some_and(|first| std::ptr::eq(first, *row)))
    }

    /// The team the roster places a person in.
    pub fn team_of(&self, person: &str) -> Option<&'a str> {
        self.person(person).map(|p| p.team.as_str())
    }

    /// The team a person's work belongs to: [`NO_TEAM`] when off-roster.
    pub fn team_or_none(&self, person: &str) -> &'a str {
        self.team_of(person).unwrap_or(NO_TEAM)
    }

    /// The team a work item belongs to: the export's team column, else its
    /// assignee's roster team, else [`NO_TEAM`].
    pub fn item_team(&self, item: &'a WorkItem) -> &'a str {
        match item.team.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(team) => team,
            None => item.assignee.as_deref().map_or(NO_TEAM, |a| self.team_or_none(a)),
        }
    }

    /// Whether a person is expected to land code: their roster role is a
    /// contributor role ([`is_contributor_role`]).
    pub fn is_contributor(&self, person: &str) -> bool {
        self.person(person).is_some_and(|p| is_contributor_role(&p.role))
    }

    /// Which reviews belong to which pull request.
    pub fn reviews(&self) -> &ReviewIndex<'a> {
        &self.reviews
    }

    /// Works out every PR's reviews now, in one pass, for a caller about to
    /// visit every PR's reviews several times (a snapshot: the tripwires,
    /// the review-wait chart, the coverage view). Every lookup after it is
    /// a slice of one array; the answers are the same. An index used once
    /// (each week of the findings over time) is better off without it.
    pub fn match_every_pr(self) -> Index<'a> {
        self.reviews.match_every_pr(&self.dataset.pull_requests);
        self
    }
}

/// A name the files use that resolves to nobody on the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenIdentity<'a> {
    /// As written, trimmed.
    pub name: &'a str,
    /// What it was first seen as: `PR author`, `reviewer`, `assignee`, ….
    pub role: &'static str,
    pub first_seen: RowRef,
    /// How many rows name it (a row naming it twice counts twice).
    pub rows: usize,
}

/// Whether a roster role is expected to land code: it names an engineering
/// craft and is not a manager role. Only these people can be "quiet".
fn is_contributor_role(role: &str) -> bool {
    let role = role.to_ascii_lowercase();
    const CRAFTS: [&str; 6] = ["engineer", "developer", "sre", "programmer", "swe", "tech lead"];
    CRAFTS.iter().any(|craft| role.contains(craft)) && !role.contains("manager")
}

/// Which reviews belong to which pull request: `reviews.csv` names a PR by
/// `number` or `repo#number`. One definition of "the first review" for the
/// tripwires and the charts alike (see docs/tripwires.md).
pub struct ReviewIndex<'a> {
    /// Each PR key a review names (`number` or `repo#number`) → its slot.
    /// One table of slots into one array, not a vector per PR: half a
    /// million allocations to make and free with every index.
    by_pr: KeySlots,
    /// Slot `s`'s reviews are `slot_starts[s]..slot_starts[s + 1]` of
    /// `grouped`, or of the dataset's reviews themselves when `grouped` is
    /// empty.
    slot_starts: Vec<u32>,
    /// Positions in the dataset's reviews, in file order, one slot after
    /// another. Empty when each slot's reviews are already one run of rows
    /// (how every export we know writes them): then it would only repeat
    /// the positions `0..n`.
    grouped: Vec<u32>,
    /// Who wrote each review (in file order): one number per person
    /// ([`ReviewIndex::person_id`]), so leaving out an author's review of
    /// their own PR compares two numbers per review, not two names through
    /// the roster; [`NOT_A_REVIEW`] for a bot's review or a pending one.
    reviewer_ids: Vec<u32>,
    /// Each reviewer's [`ReviewIndex::canonical`] name → their number.
    person_ids: FastMap<&'a str, u32>,
    /// The same numbers by the reviewers' names' addresses. A PR author
    /// shares one only when the same file gave both names (each file has
    /// its own interner); otherwise the author is found by their text,
    /// once per PR.
    reviewers: ByAddress<'a, u32>,
    /// Who each name is, so an author reviewing their own PR under their
    /// GitHub login is still not a review. Held here (with the bots) so
    /// the [`Index`] can lend it out without a second copy.
    identities: Identities<'a>,
    /// Some review names its PR as `repo#number`: only then is that key
    /// worth building for every PR looked up.
    qualified: bool,
    /// A bot's review is not a person's review: it neither counts as the
    /// first review nor towards who reviews.
    bots: Bots,
    /// Every PR's matching reviews, in the dataset's PR order, once
    /// [`Index::match_every_pr`] asked for them. Positions, not borrows,
    /// so the index stays covariant in its dataset's lifetime.
    matched: std::cell::OnceCell<MatchedReviews>,
    /// The dataset's reviews, which the positions above point into.
    all_reviews: &'a [Review],
    /// The slot after the last one a PR was found in: callers visit PRs in
    /// file order, and PRs and their reviews mostly come in the same
    /// order, so it is tried before the table (one cache miss per PR).
    next_slot: std::cell::Cell<u32>,
}

/// The mark in [`ReviewIndex::reviewer_ids`] of a review that never counts.
const NOT_A_REVIEW: u32 = u32::MAX;

/// The reviews [`ReviewIndex::matching`] gives each PR, worked out in one
/// pass: a snapshot visits every PR's reviews in several views.
struct MatchedReviews {
    /// The address of the dataset's first PR, to find a PR's position.
    first: usize,
    /// PR `i`'s reviews are `reviews[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    /// Positions in the dataset's reviews.
    reviews: Vec<u32>,
}

/// Where `item` sits in `all`, if it is one of its elements.
fn position_in<T>(all_first: usize, len: usize, item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).checked_sub(all_first)?;
    (offset % size == 0 && offset / size < len).then_some(offset / size)
}

impl MatchedReviews {
    /// `pr`'s reviews' positions, when `pr` is one of the PRs matched (a
    /// caller may pass a PR from elsewhere: then the hash lookup answers).
    fn of(&self, pr: &PullRequest) -> Option<&[u32]> {
        let at = position_in(self.first, self.starts.len().saturating_sub(1), pr)?;
        Some(&self.reviews[self.starts[at] as usize..self.starts[at + 1] as usize])
    }
}

/// The key a review names its PR by: the PR's number or `repo#number`,
/// a leading `#` dropped. Shared by the review lookup here and the
/// findings-over-time history's choice of which reviews to keep.
pub fn review_pr_key(review: &Review) -> &str {
    review.pr.trim_start_matches('#')
}

/// Whether a review names the same PR as the one before it in the same
/// words, so it needs no hashing: ingest gives the reviews of one PR,
/// row after row, one allocation (`Interner::recent_or_new`); reviews
/// from elsewhere are still compared by their text.
fn names_same_pr(previous: Option<&Name>, review: &Review) -> bool {
    previous.is_some_and(|pr| pr.ptr_eq(&review.pr) || *pr == review.pr)
}

/// PR key → slot, built once per index for half a million keys, so kept
/// small: a bucket is the slot and 32 bits of the key's hash (8 bytes; a
/// `FastMap<&str, u32>` took 24 and a control byte), found by linear
/// probing from the bucket the hash's top bits name. The key itself is
/// not stored: the caller says what each slot's key is (its first
/// review's), read only when the hash bits agree.
struct KeySlots {
    /// `(slot + 1, hash bits)`; `0` marks an empty bucket.
    buckets: Vec<(u32, u32)>,
    /// How far a hash shifts right to name its home bucket.
    shift: u32,
    len: usize,
}

impl KeySlots {
    fn with_capacity(keys: usize) -> KeySlots {
        let buckets = (keys * 2).next_power_of_two().max(16);
        KeySlots { buckets: vec![(0, 0); buckets], shift: 32 - buckets.trailing_zeros(), len: 0 }
    }

    /// The table of keys known to differ but for the ones it finds equal,
    /// each `(hash << 32) | slot`: placed in the order of their home
    /// buckets, so filling it walks through memory once instead of taking
    /// a cache miss per key (which was most of building an index). `None`
    /// when two slots have one key.
    fn of_distinct<'k>(keys: Vec<u64>, key_of: impl Fn(u32) -> &'k str) -> Option<KeySlots> {
        let mut table = KeySlots::with_capacity(keys.len());
        table.len = keys.len();
        for entry in table.by_home_bucket(keys) {
            let (hash, slot) = ((entry >> 32) as u32, entry as u32);
            // Keys placed before with the same hash are in the run of
            // buckets from this key's home, which filling in home order
            // keeps in cache; a key itself is read only when its hash
            // meets another's (reading every key would be a cache miss each).
            let mask = table.buckets.len() - 1;
            let mut at = table.home(hash);
            while let (taken @ 1.., bits) = table.buckets[at] {
                if bits == hash && key_of(taken - 1) == key_of(slot) {
                    return None;
                }
                at = (at + 1) & mask;
            }
            table.buckets[at] = (slot + 1, hash);
        }
        Some(table)
    }

    /// `entries` in the order of their home buckets (the top bits of each
    /// entry's hash): two stable passes of a radix sort on those bits, 11
    /// at a time. A comparison sort of half a million keys was a tenth of
    /// building an index.
    fn by_home_bucket(&self, mut entries: Vec<u64>) -> Vec<u64> {
        const DIGIT_BITS: u32 = 11;
        let home_bits = 32 - self.shift;
        let mut spare = vec![0u64; entries.len()];
        let mut low = 0;
        while low < home_bits {
            // Bits `low..low + DIGIT_BITS` of the home bucket.
            let shift = 32 + self.shift + low;
            let digit = |entry: u64| ((entry >> shift) & ((1 << DIGIT_BITS) - 1)) as usize;
            let mut starts = [0usize; 1 << DIGIT_BITS];
            for &entry in &entries {
                starts[digit(entry)] += 1;
            }
            let mut total = 0;
            for start in starts.iter_mut() {
                total += std::mem::replace(start, total);
            }
            for &entry in &entries {
                let at = &mut starts[digit(entry)];
                spare[*at] = entry;
                *at += 1;
            }
            std::mem::swap(&mut entries, &mut spare);
            low += DIGIT_BITS;
        }
        entries
    }

    fn hash(key: &str) -> u32 {
        let mut hasher = crate::hashing::FxHasher::default();
        std::hash::Hasher::write(&mut hasher, key.as_bytes());
        std::hash::Hasher::finish(&hasher) as u32
    }

    fn home(&self, hash: u32) -> usize {
        (u64::from(hash) >> self.shift) as usize
    }

    /// The bucket holding `key`, or the empty one where it would go.
    fn bucket<'k>(&self, key: &str, hash: u32, key_of: impl Fn(u32) -> &'k str) -> usize {
        let mask = self.buckets.len() - 1;
        let mut at = self.home(hash);
        loop {
            let (slot, bits) = self.buckets[at];
            if slot == 0 || (bits == hash && key_of(slot - 1) == key) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// Puts a slot whose key is in no bucket yet in the first free bucket
    /// from its home.
    fn place(&mut self, slot: u32, hash: u32) {
        let mask = self.buckets.len() - 1;
        let mut at = self.home(hash);
        while self.buckets[at].0 != 0 {
            at = (at + 1) & mask;
        }
        self.buckets[at] = (slot + 1, hash);
    }

    fn get<'k>(&self, key: &str, key_of: impl Fn(u32) -> &'k str) -> Option<u32> {
        let (slot, _) = self.buckets[self.bucket(key, KeySlots::hash(key), key_of)];
        slot.checked_sub(1)
    }

    /// `key`'s slot, or `new` made its slot.
    fn get_or_insert<'k>(&mut self, key: &str, new: u32, key_of: impl Fn(u32) -> &'k str) -> u32 {
        let hash = KeySlots::hash(key);
        let at = self.bucket(key, hash, &key_of);
        if let Some(slot) = self.buckets[at].0.checked_sub(1) {
            return slot;
        }
        self.buckets[at] = (new + 1, hash);
        self.len += 1;
        // At most half full, so a probe ends soon.
        if self.len * 2 > self.buckets.len() {
            let mut bigger = KeySlots::with_capacity(self.buckets.len());
            for (slot, bits) in self.buckets.iter().copied().filter(|&(slot, _)| slot != 0) {
                bigger.place(slot - 1, bits);
            }
            bigger.len = self.len;
            *self = bigger;
        }
        new
    }
}

/// The reviews grouped by the PR key they name: the key → slot map, the
/// slots' starts, the positions (empty when each slot is one run of rows)
/// and whether any key is `repo#number`.
fn group_by_pr(reviews: &[Review], prs: usize) -> (KeySlots, Vec<u32>, Vec<u32>, bool) {
    let mut qualified = false;
    // Each run of rows naming a PR in the same words: its key's hash and
    // its number, and its first row. Positions fit in u32: a browser tab
    // holds no four billion rows.
    let mut runs: Vec<u64> = Vec::with_capacity(prs);
    let mut firsts: Vec<u32> = Vec::with_capacity(prs + 1);
    let mut previous = None;
    // Every loop over every review or PR here steps through `tiering::each`:
    // the index is built once per snapshot, so on a fresh worker these
    // loops would otherwise run every row as baseline code.
    tiering::each(reviews.iter().enumerate(), |(at, review)| {
        if names_same_pr(previous, review) {
            return;
        }
        previous = Some(&review.pr);
        let key = review_pr_key(review);
        qualified |= key.contains('#');
        runs.push((u64::from(KeySlots::hash(key)) << 32) | firsts.len() as u64);
        firsts.push(at as u32);
    });
    if let Some(by_pr) = KeySlots::of_distinct(runs, |run| review_pr_key(&reviews[firsts[run as usize] as usize])) {
        firsts.push(reviews.len() as u32);
        return (by_pr, firsts, Vec::new(), qualified);
    }
    // Some PR's reviews are apart, or named in two ways: number the keys
    // by first sight, count each slot's reviews, then place them.
    let mut by_pr = KeySlots::with_capacity(prs);
    firsts.clear();
    let mut slots: Vec<u32> = Vec::with_capacity(reviews.len());
    let (mut previous, mut current) = (None, 0u32);
    tiering::each(reviews.iter().enumerate(), |(at, review)| {
        if !names_same_pr(previous, review) {
            previous = Some(&review.pr);
            let next = firsts.len() as u32;
            current = by_pr.get_or_insert(review_pr_key(review), next, |slot| review_pr_key(&reviews[firsts[slot as usize] as usize]));
            if current == next {
                firsts.push(at as u32);
            }
        }
        slots.push(current);
    });
    let mut slot_starts = vec![0u32; firsts.len() + 1];
    for &slot in &slots {
        slot_starts[slot as usize + 1] += 1;
    }
    for slot in 1..slot_starts.len() {
        slot_starts[slot] += slot_starts[slot - 1];
    }
    let mut next = slot_starts[..firsts.len()].to_vec();
    let mut grouped = vec![0u32; reviews.len()];
    for (at, slot) in slots.into_iter().enumerate() {
        grouped[next[slot as usize] as usize] = at as u32;
        next[slot as usize] += 1;
    }
    (by_pr, slot_starts, grouped, qualified)
}

impl<'a> ReviewIndex<'a> {
    /// Reviews matched to PRs with the roster's names only.
    pub fn new(dataset: &'a Dataset, bots: Bots) -> ReviewIndex<'a> {
        let identities = Identities::new(dataset, &bots, &BTreeMap::new());
        ReviewIndex::with_identities(dataset, bots, identities)
    }

    fn with_identities(dataset: &'a Dataset, bots: Bots, mut identities: Identities<'a>) -> ReviewIndex<'a> {
        let (by_pr, slot_starts, grouped, qualified) = group_by_pr(&dataset.reviews, dataset.pull_requests.len());
        let mut person_ids: FastMap<&'a str, u32> = FastMap::default();
        let mut reviewers = ByAddress::default();
        let mut reviewer_ids = Vec::with_capacity(dataset.reviews.len());
        tiering::each(&dataset.reviews, |review| {
            reviewer_ids.push(if review.state.eq_ignore_ascii_case("pending") {
                NOT_A_REVIEW
            } else {
                reviewers.get_or(&review.reviewer, |name| {
                    if bots.is_bot(name) {
                        return NOT_A_REVIEW;
                    }
                    identities.remember(name);
                    let next = person_ids.len() as u32;
                    *person_ids.entry(identities.canonical(name)).or_insert(next)
                })
            })
        });
        tiering::each(&dataset.pull_requests, |pr| {
            identities.remember(&pr.author);
        });
        ReviewIndex {
            by_pr,
            slot_starts,
            grouped,
            reviewer_ids,
            person_ids,
            reviewers,
            identities,
            qualified,
            bots,
            matched: Default::default(),
            all_reviews: &dataset.reviews,
            next_slot: Default::default(),
        }
    }

    /// Works out every PR's matching reviews now, in one pass (see
    /// [`Index::match_every_pr`]).
    fn match_every_pr(&self, prs: &'a [PullRequest]) {
        self.matched.get_or_init(|| {
            let mut starts = Vec::with_capacity(prs.len() + 1);
            let mut reviews = Vec::with_capacity(self.all_reviews.len());
            starts.push(0);
            let mut authors = ByAddress::default();
            let mut key = String::new();
            self.next_slot.set(0);
            tiering::each(prs, |pr| {
                let slots = self.slots_of(pr, &mut key);
                let author = authors.get_or(&pr.author, |author| self.person_id(author));
                reviews.extend(self.counted(slots, author));
                // Positions fit in u32: a browser tab holds no four billion rows.
                starts.push(reviews.len() as u32);
            });
            MatchedReviews { first: prs.as_ptr() as usize, starts, reviews }
        });
    }

    /// The slots of the reviews naming `pr` by its number and as
    /// `repo#number` (`key` is a buffer to write that in).
    fn slots_of(&self, pr: &PullRequest, key: &mut String) -> [Option<u32>; 2] {
        let (number, guess) = (pr.number(), self.next_slot.get());
        let guessed = (guess as usize) + 1 < self.slot_starts.len() && self.slot_key(guess) == number;
        let plain = if guessed { Some(guess) } else { self.slot_of(number) };
        let qualified = self.qualified_slot(pr, key);
        if let Some(slot) = plain.or(qualified) {
            self.next_slot.set(slot + 1);
        }
        [plain, qualified]
    }

    /// The key of a slot's reviews, from its first review.
    fn slot_key(&self, slot: u32) -> &'a str {
        let first = self.slot_starts[slot as usize];
        let first = if self.grouped.is_empty() { first } else { self.grouped[first as usize] };
        review_pr_key(&self.all_reviews[first as usize])
    }

    /// The slot of the reviews naming a PR by `key`.
    fn slot_of(&self, key: &str) -> Option<u32> {
        self.by_pr.get(key, |slot| self.slot_key(slot))
    }

    /// The slot of the reviews naming `pr` as `repo#number`, when any
    /// review names a PR so; `key` is the buffer to write that key in.
    fn qualified_slot(&self, pr: &PullRequest, key: &mut String) -> Option<u32> {
        if !self.qualified {
            return None;
        }
        key.clear();
        key.push_str(&pr.repo);
        key.push('#');
        key.push_str(pr.number());
        self.slot_of(key)
    }

    /// The positions of the slots' reviews, slot after slot, in file order.
    fn positions<const N: usize>(&self, slots: [Option<u32>; N]) -> impl Iterator<Item = u32> + use<'_, N> {
        let in_runs = self.grouped.is_empty();
        slots
            .into_iter()
            .flatten()
            .filter(|&slot| (slot as usize) + 1 < self.slot_starts.len())
            .flat_map(move |slot| self.slot_starts[slot as usize]..self.slot_starts[slot as usize + 1])
            .map(move |at| if in_runs { at } else { self.grouped[at as usize] })
    }

    /// The positions of the slots' reviews that count for a PR by `author`
    /// ([`ReviewIndex::person_id`]): not the author's own, a bot's, or
    /// pending.
    fn counted<const N: usize>(&self, slots: [Option<u32>; N], author: Option<u32>) -> impl Iterator<Item = u32> + use<'_, N> {
        self.positions(slots).filter(move |&at| {
            let reviewer = self.reviewer_ids[at as usize];
            reviewer != NOT_A_REVIEW && Some(reviewer) != author
        })
    }

    /// The number [`ReviewIndex::reviewer_ids`] gives `name`'s person:
    /// `None` when no review is theirs (or they are a bot).
    fn person_id(&self, name: &str) -> Option<u32> {
        match self.reviewers.known(name) {
            Some(id) => Some(id).filter(|&id| id != NOT_A_REVIEW),
            None => self.person_ids.get(self.canonical(name)).copied(),
        }
    }

    fn canonical<'s>(&'s self, name: &'s str) -> &'s str {
        self.identities.canonical(name)
    }

    /// Equal names are one person without a lookup; that is nearly every
    /// comparison.
    fn same_person(&self, a: &str, b: &str) -> bool {
        a == b || self.canonical(a) == self.canonical(b)
    }

    /// Reviews of a PR, excluding the author reviewing their own PR, bots'
    /// reviews and reviews still pending (not submitted).
    pub fn reviews_of(&self, pr: &PullRequest) -> Vec<&'a Review> {
        self.matching(pr).collect()
    }

    /// [`ReviewIndex::reviews_of`] without collecting them, for a caller
    /// that visits every PR of an organisation.
    pub fn each_review_of<'s, 'p>(&'s self, pr: &'p PullRequest) -> impl Iterator<Item = &'a Review> + use<'a, 's, 'p> {
        self.matching(pr)
    }

    fn matching<'s, 'p>(&'s self, pr: &'p PullRequest) -> impl Iterator<Item = &'a Review> + use<'a, 's, 'p> {
        let known = self.matched.get().and_then(|matched| matched.of(pr));
        let looked_up = if known.is_some() { None } else { Some(self.matching_by_key(pr)) };
        let all = self.all_reviews;
        known.into_iter().flatten().copied().chain(looked_up.into_iter().flatten()).map(move |at| &all[at as usize])
    }

    /// The positions of a PR's reviews, found through the map.
    fn matching_by_key(&self, pr: &PullRequest) -> impl Iterator<Item = u32> + use<'_> {
        self.counted(self.slots_of(pr, &mut String::new()), self.person_id(&pr.author))
    }

    /// The earliest review by someone other than the author: from
    /// `reviews.csv` or the export's own first-review time, whichever is
    /// earlier. The review is `None` when the time came from the PR row.
    pub fn first_review(&self, pr: &PullRequest) -> Option<(Timestamp, Option<&'a Review>)> {
        let from_reviews = self
            .matching(pr)
            .filter_map(|r| r.submitted.map(|at| (at, Some(r))))
            .min_by_key(|(at, r)| (*at, r.map(|r| r.source)));
        let from_export = pr.first_review().map(|at| (at, None));
        match (from_reviews, from_export) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Fixture;

    #[test]
    fn people_are_matched_trimmed_and_their_first_roster_row_wins() {
        let mut fx = Fixture::new();
        fx.person(" Ana Lima ", "Atlas", "Software Engineer");
        fx.person("Ana Lima", "Borealis", "Engineering Manager");
        fx.person("Ben Okafor", "Borealis", "Engineering Manager");
        fx.person("  ", "Comet", "Engineer");
        let index = Index::new(&fx.ds);
        assert_eq!(index.team_of("Ana Lima"), Some("Atlas"));
        assert_eq!(index.team_of("  Ana Lima"), Some("Atlas"));
        assert_eq!(index.team_of("Cy"), None);
        assert_eq!(index.team_of(""), None, "a row without a name places nobody");
        assert_eq!(index.team_or_none("Cy"), NO_TEAM);
        assert!(index.is_contributor("Ana Lima"), "judged by the first row's role");
        assert!(!index.is_contributor("Ben Okafor"));
        assert!(!index.is_contributor("Cy"));
        let people: Vec<(&str, &str)> = index.people().map(|p| (p.name.as_str(), p.team.as_str())).collect();
        assert_eq!(people, [(" Ana Lima ", "Atlas"), ("Ben Okafor", "Borealis")]);
    }

    #[test]
    fn a_teams_group_is_its_first_rows_trimmed_and_teams_without_one_have_none() {
        let mut fx = Fixture::new();
        assert!(!Index::new(&fx.ds).has_groups(), "no teams.csv, no groups");
        fx.team("Atlas", "infra").group = " Platform ".into();
        fx.team(" Atlas ", "infra").group = "Commerce".into();
        fx.team("Borealis", "legacy");
        fx.team("Comet", "legacy").group = "  ".into();
        let index = Index::new(&fx.ds);
        assert!(index.has_groups());
        assert_eq!(index.group_of(" Atlas"), Some("Platform"), "the first row wins, trimmed");
        assert_eq!(index.group_of("Borealis"), None);
        assert_eq!(index.group_of("Comet"), None, "a blank group is none");
        assert_eq!(index.group_or_none("Dune"), NO_GROUP, "a team teams.csv does not list");

        let mut ungrouped = Fixture::new();
        ungrouped.team("Atlas", "infra");
        assert!(!Index::new(&ungrouped.ds).has_groups());
    }

    #[test]
    fn a_work_item_belongs_to_its_team_column_else_its_assignees_team() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Atlas", "Software Engineer");
        fx.item("A-1", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").team = Some("Comet".into());
        fx.item("A-2", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").team = Some(" ".into());
        fx.item("A-3", "Nobody", crate::dataset::StatusCategory::Todo, "2026-01-05");
        fx.item("A-4", "Ana Lima", crate::dataset::StatusCategory::Todo, "2026-01-05").assignee = None;
        let index = Index::new(&fx.ds);
        let teams: Vec<&str> = fx.ds.work_items.iter().map(|item| index.item_team(item)).collect();
        assert_eq!(teams, ["Comet", "Atlas", NO_TEAM, NO_TEAM]);
    }

    #[test]
    fn bots_are_named_so_or_listed_and_are_not_people() {
        let bots = Bots::new(&[" Release-Train ".to_string()]);
        for bot in ["dependabot[bot]", "Renovate[BOT]", " github-actions[bot] ", "app/dependabot", "APP/renovate", "release-train"] {
            assert!(bots.is_bot(bot), "{bot}");
        }
        for person in ["Robert", "abbot", "Abbot Lee", "bot", "[bot", "app/", "application/x", "Ana Lima", ""] {
            assert!(!bots.is_bot(person), "{person}");
        }
        assert!(!Bots::default().is_bot("release-train"), "only the model's list makes a bot of it");

        let mut fx = Fixture::new();
        fx.person("renovate[bot]", "Atlas", "Software Engineer");
        fx.person("release-train", "Atlas", "Software Engineer");
        fx.person("Robert", "Atlas", "Software Engineer");
        fx.merged_pr("1", "Robert", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.review("1", "github-actions[bot]", "2026-01-05 10:01");
        fx.review("1", "release-train", "2026-01-05 10:02");
        fx.review("1", "abbot", "2026-01-05 11:00");
        let index = Index::with_bots(&fx.ds, bots);
        let people: Vec<&str> = index.people().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Robert"]);
        assert!(!index.is_contributor("renovate[bot]") && index.team_of("release-train").is_none());
        let pr = &fx.ds.pull_requests[0];
        let reviewers: Vec<&str> = index.reviews().reviews_of(pr).iter().map(|r| r.reviewer.as_str()).collect();
        assert_eq!(reviewers, ["abbot"]);
        let first = index.reviews().first_review(pr).and_then(|(_, review)| review).map(|r| r.reviewer.as_str());
        assert_eq!(first, Some("abbot"), "a bot's instant review is not the first review");
    }

    fn ana_on_the_roster() -> Fixture {
        let mut fx = Fixture::new();
        fx.person("Ana Reyes", "Atlas", "Software Engineer").identities =
            vec!["areyes".into(), "ana.reyes@corp.example".into(), "Ana R.".into()];
        fx.person("Ben Okafor", "Borealis", "Software Engineer").identities = vec!["Ana R.".into(), "bokafor".into()];
        fx
    }

    #[test]
    fn every_name_of_a_person_resolves_to_their_roster_row() {
        let fx = ana_on_the_roster();
        let index = Index::new(&fx.ds);
        for name in [
            "Ana Reyes",
            " ana reyes ",
            "areyes",
            "@areyes",
            "AREYES",
            "Ana Reyes <CORP\\areyes>",
            "CORP\\areyes",
            "<CORP\\AReyes>",
            "ana.reyes@CORP.example",
            "Someone Else <ana.reyes@corp.example>",
        ] {
            assert_eq!(index.team_of(name), Some("Atlas"), "{name}");
            assert_eq!(index.canonical(name), "Ana Reyes", "{name}");
        }
        assert_eq!(index.team_of("Ana R."), Some("Atlas"), "the first roster row to claim a name keeps it");
        for stranger in ["reyes", "ana.reyes@other.example", "ana", "CORP\\breyes", ""] {
            assert_eq!(index.team_of(stranger), None, "{stranger}");
        }
        assert_eq!(index.canonical(" Zed "), "Zed", "an unknown name is itself, trimmed");
        assert!(index.same_person("areyes", "Ana Reyes <CORP\\areyes>") && !index.same_person("areyes", "bokafor"));
        assert_eq!(index.people().count(), 2, "aliases are not people");
    }

    #[test]
    fn reviewing_your_own_pr_under_another_name_is_not_a_review() {
        let mut fx = ana_on_the_roster();
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.review("1", "Ana Reyes", "2026-01-05 11:00");
        fx.review("1", "bokafor", "2026-01-05 12:00");
        let index = Index::new(&fx.ds);
        let pr = &fx.ds.pull_requests[0];
        let reviewers: Vec<&str> = index.reviews().reviews_of(pr).iter().map(|r| r.reviewer.as_str()).collect();
        assert_eq!(reviewers, ["bokafor"]);
    }

    #[test]
    fn confirmed_matches_add_names_but_never_take_one_the_roster_gives() {
        let fx = ana_on_the_roster();
        let confirmed: BTreeMap<String, String> = [
            ("a.reyes".to_string(), " Ana Reyes".to_string()),
            ("bokafor".to_string(), "Ana Reyes".to_string()),
            ("ghost".to_string(), "Nobody On The Roster".to_string()),
        ]
        .into();
        let index = Index::with_identities(&fx.ds, Bots::default(), &confirmed);
        assert_eq!(index.canonical("A.Reyes"), "Ana Reyes");
        assert_eq!(index.canonical("bokafor"), "Ben Okafor", "the roster's identity column wins");
        assert_eq!(index.team_of("ghost"), None, "a match to nobody on the roster is ignored");
        assert_eq!(Index::new(&fx.ds).team_of("a.reyes"), None, "only confirmed matches resolve it");
    }

    #[test]
    fn names_nobody_on_the_roster_has_are_listed_once_each_bots_left_out() {
        let mut fx = ana_on_the_roster();
        fx.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        fx.open_pr("2", "cmendes", "2026-01-07 10:00", &["Ana Reyes", "dkim"]);
        fx.review("1", "dependabot[bot]", "2026-01-05 11:00");
        fx.review("1", "cmendes", "2026-01-05 11:00");
        fx.item("A-1", " Dana Kim ", crate::dataset::StatusCategory::Todo, "2026-01-05");
        let index = Index::new(&fx.ds);
        let unmatched: Vec<(&str, &str, usize)> = index.unmatched_identities().iter().map(|u| (u.name, u.role, u.rows)).collect();
        assert_eq!(unmatched, [("cmendes", "PR author", 2), ("Dana Kim", "assignee", 1), ("dkim", "reviewer", 1)]);
        let mut no_roster = Fixture::new();
        no_roster.merged_pr("1", "areyes", "2026-01-05 10:00", "2026-01-06 10:00");
        assert!(Index::new(&no_roster.ds).unmatched_identities().is_empty(), "without a roster nobody is unmatched");
    }

    #[test]
    fn identity_keys_cover_the_forms_tools_write() {
        let keys = |name: &str| identity_keys(name).collect::<Vec<String>>();
        assert_eq!(keys("Ana Reyes <CORP\\areyes>"), ["ana reyes <corp\\areyes>", "ana reyes", "corp\\areyes", "areyes"]);
        assert_eq!(keys(" @AReyes "), ["areyes"]);
        assert_eq!(keys("CORP\\areyes"), ["corp\\areyes", "areyes"]);
        assert_eq!(keys("<ana@corp.example>"), ["<ana@corp.example>", "ana@corp.example"]);
        assert!(keys("  ").is_empty());
    }

    #[test]
    fn contributor_roles_name_a_craft_and_are_not_managers() {
        for role in ["Software Engineer", "SRE", "Tech Lead", "developer"] {
            assert!(is_contributor_role(role), "{role}");
        }
        for role in ["Engineering Manager", "Product Owner", "Designer", ""] {
            assert!(!is_contributor_role(role), "{role}");
        }
    }

    /// The reviews each PR gets by the plain rule, the one the fast paths
    /// (slots in runs, the guessed slot, reviewers numbered once per
    /// distinct name and remembered by address) must give: the reviews
    /// naming the PR's number, then those naming `repo#number`, in file
    /// order, without the author's own (under any of their names), bots'
    /// or pending ones.
    fn by_the_plain_rule<'a>(index: &Index<'a>, pr: &PullRequest) -> Vec<&'a Review> {
        let qualified = format!("{}#{}", pr.repo, pr.number());
        let counts = |r: &Review| {
            !index.same_person(&r.reviewer, &pr.author) && !r.state.eq_ignore_ascii_case("pending") && !index.is_bot(&r.reviewer)
        };
        let all = &index.dataset().reviews;
        let plain = all.iter().filter(|r| review_pr_key(r) == pr.number() && counts(r));
        plain.chain(all.iter().filter(|r| review_pr_key(r) == qualified && counts(r))).collect()
    }

    /// Every awkward case at once: aliases from identity columns and
    /// confirmed matches, spaces, case, bots, pending reviews, `repo#n`
    /// and `#n` keys, one number in two repos, a PR's reviews apart, PRs
    /// without reviews, and equal names in shared and separate
    /// allocations (reviews from JSON have their own).
    fn awkward_reviews() -> (Fixture, BTreeMap<String, String>) {
        let mut fx = Fixture::new();
        fx.person(" Ana Lima ", "Atlas", "Software Engineer").identities = vec!["alima".into(), "Ana L <CORP\\alima>".into()];
        fx.person("Ben Okafor", "Atlas", "Software Engineer");
        fx.person("release-train", "Atlas", "Software Engineer");
        let confirmed: BTreeMap<String, String> = [("b.okafor".to_string(), "Ben Okafor".to_string())].into();
        fx.merged_pr("1", "Ana Lima", "2026-11-02 10:00", "2026-11-03 10:00");
        fx.merged_pr("2", " BEN OKAFOR", "2026-11-02 10:00", "2026-11-03 10:00");
        fx.open_pr("3", "alima", "2026-11-04 10:00", &[]);
        fx.open_pr("7", "Cy", "2026-11-04 10:00", &[]);
        fx.open_pr("7", "Dee", "2026-11-04 10:00", &[]).repo = "web".into();
        fx.open_pr("8", "dependabot[bot]", "2026-11-04 10:00", &[]);
        fx.open_pr("9", "b.okafor", "2026-11-04 10:00", &[]);
        for (pr, reviewer) in [
            ("1", "alima"),
            ("1", " Ben Okafor "),
            ("1", "ana lima"),
            ("#1", "Cy"),
            ("2", "b.okafor"),
            ("2", "CORP\\alima"),
            ("2", "release-train"),
            ("1", "Dee"),
            ("app#1", "Ana Lima"),
            ("app#1", "Ben Okafor"),
            ("3", "Ana L <CORP\\alima>"),
            ("3", "renovate[bot]"),
            ("3", "Cy"),
            ("7", "Dee"),
            ("7", "Eve"),
            ("web#7", "Dee"),
            ("web#7", "Ana Lima"),
            ("8", "dependabot[bot]"),
            ("8", "Cy"),
            ("9", "Ben Okafor"),
            ("9", "Cy"),
            ("42", "Cy"),
        ] {
            fx.review(pr, reviewer, "2026-11-02 12:00");
        }
        fx.ds.reviews[2].state = "pending".into();
        fx.ds.reviews[13].state = "PENDING".into();
        // Shared allocations, as ingest makes them: PR numbers row after row,
        // and a name across files (here even an author's and a reviewer's).
        for at in [1, 6, 9, 12, 14, 16, 20] {
            fx.ds.reviews[at].pr = fx.ds.reviews[at - 1].pr.clone();
        }
        let alima = fx.ds.pull_requests[2].author.clone();
        fx.ds.reviews[0].reviewer = alima;
        let cy = fx.ds.pull_requests[3].author.clone();
        for review in fx.ds.reviews.iter_mut().filter(|r| r.reviewer == "Cy").skip(1) {
            review.reviewer = cy.clone();
        }
        fx.ds.pull_requests[6].author = fx.ds.reviews[4].reviewer.clone();
        fx.ds.pull_requests[5].author = fx.ds.reviews[17].reviewer.clone();
        (fx, confirmed)
    }

    #[test]
    fn the_fast_review_lookups_give_what_the_plain_rule_gives() {
        let (fx, confirmed) = awkward_reviews();
        let bots = Bots::new(&["release-train".to_string()]);
        // Also with every PR's reviews in one run of rows, each naming it
        // one way (the usual layout, which needs no copy of the positions).
        let mut in_runs = fx.ds.clone();
        in_runs.reviews.sort_by_key(|r| review_pr_key(r).to_string());
        for review in &mut in_runs.reviews {
            review.pr = review_pr_key(review).into();
        }
        let datasets = [&fx.ds, &in_runs];
        for (layout, ds) in ["apart", "in runs"].into_iter().zip(datasets) {
            let looked_up = Index::with_identities(ds, bots.clone(), &confirmed);
            assert_eq!(looked_up.reviews().grouped.is_empty(), layout == "in runs", "{layout}");
            let matched = Index::with_identities(ds, bots.clone(), &confirmed).match_every_pr();
            for pr in &ds.pull_requests {
                let expected: Vec<RowRef> = by_the_plain_rule(&looked_up, pr).iter().map(|r| r.source).collect();
                let what = format!("{layout}: {}#{} by {:?}", pr.repo, pr.number(), pr.author);
                for index in [&looked_up, &matched] {
                    let got: Vec<RowRef> = index.reviews().reviews_of(pr).iter().map(|r| r.source).collect();
                    assert_eq!(got, expected, "{what}");
                    let elsewhere: Vec<RowRef> = index.reviews().reviews_of(&pr.clone()).iter().map(|r| r.source).collect();
                    assert_eq!(elsewhere, expected, "{what}, a copy");
                }
            }
        }
        // Every reviewer's and author's name, remembered by its address, is
        // the person its text is (a copy has an address of its own).
        let index = Index::with_identities(&fx.ds, bots.clone(), &confirmed);
        let names = fx.ds.reviews.iter().map(|r| &r.reviewer).chain(fx.ds.pull_requests.iter().map(|pr| &pr.author));
        for name in names {
            let copy = name.to_string();
            let (remembered, by_text) = (index.person(name), index.person(&copy));
            assert!(remembered.map(|p| p as *const Person) == by_text.map(|p| p as *const Person), "{name:?}");
            assert_eq!(index.canonical(name), index.canonical(&copy), "{name:?}");
        }
        assert_eq!(index.canonical(&fx.ds.reviews[0].reviewer), "Ana Lima", "an alias, remembered");
        let reviewers = |number: usize| -> Vec<String> {
            let index = Index::with_identities(&fx.ds, bots.clone(), &confirmed).match_every_pr();
            index.reviews().reviews_of(&fx.ds.pull_requests[number]).iter().map(|r| r.reviewer.trim().to_string()).collect()
        };
        // The plain rule itself, so the comparison above cannot pass by both being empty.
        assert_eq!(reviewers(0), ["Ben Okafor", "Cy", "Dee", "Ben Okafor"], "PR 1: `1`, `#1`, `app#1`, Ana's own left out");
        assert_eq!(reviewers(1), ["CORP\\alima"], "PR 2: Ben's own and a listed bot's left out");
        assert_eq!(reviewers(2), ["Cy"], "PR 3");
        assert_eq!(reviewers(3), ["Eve"], "app's 7: a pending review left out");
        assert_eq!(reviewers(4), ["Eve", "Ana Lima"], "web's 7: `7` and `web#7`");
        assert_eq!(reviewers(5), ["Cy"], "a bot's PR");
        assert_eq!(reviewers(6), ["Cy"], "PR 9 by b.okafor, a confirmed match");
    }

    #[test]
    fn the_key_table_tells_keys_with_one_hash_apart() {
        let keys = ["12", "7", "app#12", "#3"];
        let key_of = |slot: u32| keys[slot as usize];
        // Hashes chosen to meet: one home bucket, and the same bits.
        let entries = |hashes: [u64; 4]| hashes.iter().enumerate().map(|(slot, &hash)| (hash << 32) | slot as u64).collect();
        let table = KeySlots::of_distinct(entries([5, 5, 5, 9]), key_of).expect("four keys");
        for (slot, hash) in [(0, 5), (1, 5), (2, 5), (3, 9)] {
            let found = table.buckets[table.bucket(keys[slot as usize], hash, key_of)].0.checked_sub(1);
            assert_eq!(found, Some(slot), "{}", keys[slot as usize]);
        }
        assert_eq!(table.buckets[table.bucket("13", 5, key_of)].0, 0, "a key not there");
        let twice = |slot: u32| ["12", "7", "12", "3"][slot as usize];
        assert!(KeySlots::of_distinct(entries([5, 5, 5, 9]), twice).is_none(), "one key, two slots");
        let many: Vec<String> = (0..100).map(|n| n.to_string()).collect();
        let key_of = |slot: u32| many[slot as usize].as_str();
        let mut grown = KeySlots::with_capacity(0);
        for (slot, key) in many.iter().enumerate() {
            assert_eq!(grown.get_or_insert(key, slot as u32, key_of), slot as u32);
            assert_eq!(grown.get_or_insert(key, 999, key_of), slot as u32, "found, not made again");
        }
        assert!(grown.len == 100 && grown.buckets.len() >= 200, "grown to stay at most half full");
        assert!(many.iter().enumerate().all(|(slot, key)| grown.get(key, key_of) == Some(slot as u32)));
        assert_eq!(grown.get("100", key_of), None);
    }

    #[test]
    fn keys_are_placed_in_home_bucket_order_and_all_found() {
        // Enough keys for a table whose home buckets take two radix passes.
        let many: Vec<String> = (0..5000).map(|n| format!("repo#{n}")).collect();
        let key_of = |slot: u32| many[slot as usize].as_str();
        let entries: Vec<u64> =
            many.iter().enumerate().map(|(slot, key)| (u64::from(KeySlots::hash(key)) << 32) | slot as u64).collect();
        let table = KeySlots::with_capacity(many.len());
        assert!(32 - table.shift > 11, "a home bucket of more bits than one pass reads");
        let ordered = table.by_home_bucket(entries.clone());
        let homes: Vec<usize> = ordered.iter().map(|&entry| table.home((entry >> 32) as u32)).collect();
        assert!(homes.windows(2).all(|pair| pair[0] <= pair[1]), "in home order");
        let (mut sorted, mut expected) = (ordered.clone(), entries.clone());
        sorted.sort_unstable();
        expected.sort_unstable();
        assert_eq!(sorted, expected, "the same entries");
        let table = KeySlots::of_distinct(entries, key_of).expect("distinct keys");
        assert_eq!(table.len, many.len());
        assert!(many.iter().enumerate().all(|(slot, key)| table.get(key, key_of) == Some(slot as u32)));
        assert_eq!(table.get("repo#5000", key_of), None);
    }

    /// `match_every_pr` changes how fast PRs' reviews are found, never
    /// which: self-reviews, bots' and pending reviews stay out, `repo#n`
    /// and `#n` keys match, file order holds, and a PR from elsewhere is
    /// still answered.
    #[test]
    fn matching_every_pr_at_once_gives_each_pr_the_same_reviews() {
        let mut fx = Fixture::new();
        fx.person("Ana Lima", "Atlas", "Software Engineer").identities = vec!["alima".into()];
        fx.person("Ben Okafor", "Atlas", "Software Engineer");
        fx.merged_pr("1", "Ana Lima", "2026-11-02 10:00", "2026-11-03 10:00");
        fx.open_pr("2", "Ben Okafor", "2026-11-04 10:00", &["Ana Lima"]);
        fx.merged_pr("3", "Ben Okafor", "2026-11-05 10:00", "2026-11-06 10:00").set_first_review(Some(crate::testkit::ts("2026-11-05 11:00")));
        fx.open_pr("4", "Ana Lima", "2026-11-07 10:00", &[]);
        fx.review("1", "Ben Okafor", "2026-11-02 15:00");
        fx.review("1", "alima", "2026-11-02 11:00"); // the author under another name
        fx.review("#1", "Cy", "2026-11-02 12:00");
        fx.review("app#3", "Ana Lima", "2026-11-05 12:00");
        fx.review("3", "dependabot[bot]", "2026-11-05 10:30");
        fx.review("2", "Ana Lima", "2026-11-04 11:00").state = "PENDING".into();
        fx.review("2", "Cy", "2026-11-04 18:00");
        fx.review("2", "Dee", "2026-11-04 13:00");
        let seen = |index: &Index, pr: &PullRequest| {
            let reviews: Vec<(String, RowRef)> = index.reviews().reviews_of(pr).iter().map(|r| (r.reviewer.to_string(), r.source)).collect();
            (reviews, index.reviews().first_review(pr).map(|(at, r)| (at, r.map(|r| r.source))))
        };
        let looked_up = Index::new(&fx.ds);
        let matched = Index::new(&fx.ds).match_every_pr();
        for pr in &fx.ds.pull_requests {
            assert_eq!(seen(&matched, pr), seen(&looked_up, pr), "PR {}", pr.number());
        }
        let one: Vec<String> = matched.reviews().reviews_of(&fx.ds.pull_requests[0]).iter().map(|r| r.reviewer.to_string()).collect();
        assert_eq!(one, ["Ben Okafor", "Cy"]);
        let two: Vec<String> = matched.reviews().reviews_of(&fx.ds.pull_requests[1]).iter().map(|r| r.reviewer.to_string()).collect();
        assert_eq!(two, ["Cy", "Dee"], "file order, pending left out");
        assert_eq!(seen(&matched, &fx.ds.pull_requests[2]).1.map(|(at, _)| at), Some(crate::testkit::ts("2026-11-05 11:00")));
        let elsewhere = fx.ds.pull_requests[0].clone();
        assert_eq!(seen(&matched, &elsewhere), seen(&looked_up, &fx.ds.pull_requests[0]), "a copy is looked up");
    }
}
