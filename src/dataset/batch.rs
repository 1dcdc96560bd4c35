//! The parse pool's batches: a big file's rows, a megabyte of input at a
//! time, from the parser worker that reads them to the engine worker that
//! keeps them.
//!
//! A parser streams each big CSV file (work items, pull requests or
//! reviews) to the engine as a batch every megabyte or so, and the engine
//! only absorbs them, so decoding has to run at close to copy speed:
//! bincode over the rows' serde twins (the pool's first batches) cost as
//! much as reading the file. This format leans on what ingest already
//! did. Its names are interned per file (one allocation per distinct
//! text), so a [`BatchEncoder`] numbers each distinct `Name` and
//! `NameList` by its allocation's address (hashing a word, not the
//! text) and sends a name's text only the first time: the
//! [`BatchDecoder`] keeps what it has seen in a `Vec`, and a repeat costs
//! an index and a reference count. The decoded rows share their names
//! exactly as the parser's did, as rows read in the engine do. Each side
//! holds every name it numbered for the whole file: the encoder so no
//! address is freed and reused while it is a key, the decoder to hand
//! the names out again. That is only the file's distinct names and lists,
//! a few thousand.
//!
//! A review's `pr` is the exception: nearly every PR number is distinct,
//! and ingest shares one only with the review before
//! (`Interner::recent_or_new`), so a table would hold half a million
//! numbers in a parser that must stay a few megabytes. It travels as
//! "the previous review's" or as text, and is shared the same way.
//!
//! The rest is plain: integers as LEB128 varints, a row's line as the
//! change from the row before, texts as a length and UTF-8 (checked on
//! the way in), an instant as its year, day of the year, second of the
//! day and nanosecond (rebuilt without the calendar arithmetic a Unix
//! time needs), the optional fields behind one flags byte per row. A
//! batch that is damaged, or decoded out of order, is an `Err`, never a
//! panic, and leaves the dataset and the decoder as they were.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::{
    Dataset, Estimate, IssueActivity, Name, NameList, PrState, PullRequest, PullRequestExtras, Review, RowRef,
    StatusCategory, StatusTime, Timestamp, TwoTexts, WorkItem, WorkItemExtras,
};
use crate::hashing::FastMap;

/// Opens every batch (a format change gets a new second byte).
const MAGIC: [u8; 2] = [0x74, 0x01];

/// A name or list reference: this, or one more than a known id.
const FIRST_SIGHT: u64 = 0;

// A work item's flags byte.
const HAS_ASSIGNEE: u8 = 1;
const HAS_TEAM: u8 = 1 << 1;
const HAS_CREATED: u8 = 1 << 2;
const HAS_RESOLVED: u8 = 1 << 3;
const HAS_EXTRAS: u8 = 1 << 4;
const HAS_ESTIMATE: u8 = 1 << 5;
/// A work item's category in two bits from here: none, to do, in progress, done.
const CATEGORY_SHIFT: u32 = 6;

// A pull request's flags byte (and `HAS_EXTRAS`).
const HAS_MERGED: u8 = 1;
const HAS_CLOSED: u8 = 1 << 1;
const HAS_OPENED: u8 = 1 << 2;
/// A pull request's state in two bits from here: open, merged, closed.
const STATE_SHIFT: u32 = 6;

// A review's flags byte.
const HAS_SUBMITTED: u8 = 1;
const SAME_PR_AS_BEFORE: u8 = 1 << 1;

// The extras' own flags byte.
const HAS_STARTED: u8 = 1;
const HAS_ACTIVITY: u8 = 1 << 1;
const HAS_FIRST_REVIEW: u8 = 1 << 2;

/// One file's batches, parser side. State (name tables) carries from batch
/// to batch of one file.
#[derive(Default)]
pub struct BatchEncoder {
    names: Ids<Name>,
    lists: Ids<NameList>,
    /// The last review's PR number.
    last_pr: Option<Name>,
    /// The last batch's bytes per row, to size the next one's buffer.
    bytes_per_row: usize,
}

/// The ids of the names (or lists) sent so far, by address.
struct Ids<T> {
    by_address: FastMap<usize, u32>,
    /// The last few found, by their address's low bits: rows come in runs
    /// of one team, person or status, and a hit here skips the hash.
    recent: Box<[(usize, u32); RECENT]>,
    /// What was sent, held so that no address is reused while it is a key.
    held: Vec<T>,
}

const RECENT: usize = 64;

impl<T> Default for Ids<T> {
    fn default() -> Ids<T> {
        // Address 0 is no allocation's, so an empty slot never matches.
        Ids { by_address: FastMap::default(), recent: Box::new([(0, 0); RECENT]), held: Vec::new() }
    }
}

impl<T: Clone> Ids<T> {
    /// The id of what lives at `address`, or `None` the first time (it is
    /// then given the next id, and held).
    #[inline]
    fn id(&mut self, address: usize, value: &T) -> Option<u32> {
        let slot = &mut self.recent[(address >> 4) % RECENT];
        if slot.0 == address {
            return Some(slot.1);
        }
        let next = self.held.len() as u32;
        let id = *self.by_address.entry(address).or_insert(next);
        *slot = (address, id);
        if id != next {
            return Some(id);
        }
        self.held.push(value.clone());
        None
    }
}

impl BatchEncoder {
    pub fn new() -> BatchEncoder {
        BatchEncoder::default()
    }

    /// Encodes every row of `staged` into one batch and leaves `staged`'s
    /// row vectors empty (cleared, capacity kept, so the next stretch
    /// reuses them). Only `work_items`, `pull_requests` and `reviews` may
    /// hold rows; `files` is not touched.
    pub fn encode(&mut self, staged: &mut Dataset) -> Vec<u8> {
        debug_assert!(
            staged.teams.is_empty()
                && staged.people.is_empty()
                && staged.roles.is_empty()
                && staged.stakeholders.is_empty()
                && staged.updates.is_empty()
                && staged.decisions.is_empty()
                && staged.key_results.is_empty()
                && staged.postmortem_actions.is_empty()
                && staged.design_docs.is_empty()
                && staged.interventions.is_empty(),
            "a batch carries only work items, pull requests and reviews"
        );
        let rows = staged.work_items.len() + staged.pull_requests.len() + staged.reviews.len();
        // A little more than the last batch's rows took: one allocation, no copy.
        let mut out = Vec::with_capacity(64 + rows * (self.bytes_per_row.max(32) + 8));
        out.extend_from_slice(&MAGIC);
        put_varint(&mut out, staged.work_items.len() as u64);
        let mut line = 0;
        for item in &staged.work_items {
            self.work_item(&mut out, item, &mut line);
        }
        put_varint(&mut out, staged.pull_requests.len() as u64);
        let mut line = 0;
        for pr in &staged.pull_requests {
            self.pull_request(&mut out, pr, &mut line);
        }
        put_varint(&mut out, staged.reviews.len() as u64);
        let mut line = 0;
        for review in &staged.reviews {
            self.review(&mut out, review, &mut line);
        }
        staged.work_items.clear();
        staged.pull_requests.clear();
        staged.reviews.clear();
        if let Some(bytes_per_row) = out.len().checked_div(rows) {
            self.bytes_per_row = bytes_per_row;
        }
        out
    }

    fn work_item(&mut self, out: &mut Vec<u8>, item: &WorkItem, line: &mut u32) {
        let estimate = item.estimate.get();
        let category = match item.category {
            None => 0,
            Some(StatusCategory::Todo) => 1,
            Some(StatusCategory::InProgress) => 2,
            Some(StatusCategory::Done) => 3,
        };
        let flags = flag(item.assignee.is_some(), HAS_ASSIGNEE)
            | flag(item.team.is_some(), HAS_TEAM)
            | flag(item.created.is_some(), HAS_CREATED)
            | flag(item.resolved.is_some(), HAS_RESOLVED)
            | flag(item.extras.is_some(), HAS_EXTRAS)
            | flag(estimate.is_some(), HAS_ESTIMATE)
            | (category << CATEGORY_SHIFT);
        out.push(flags);
        put_source(out, item.source, line);
        put_two_texts(out, item.key(), item.title());
        self.name(out, &item.item_type);
        self.name(out, &item.status);
        if let Some(assignee) = &item.assignee {
            self.name(out, assignee);
        }
        if let Some(team) = &item.team {
            self.name(out, team);
        }
        put_some_instant(out, item.created);
        put_some_instant(out, item.resolved);
        if let Some(points) = estimate {
            out.extend_from_slice(&points.to_le_bytes());
        }
        self.list(out, &item.sprints);
        self.list(out, &item.labels);
        if let Some(extras) = &item.extras {
            let activity = extras.activity.as_deref();
            out.push(flag(extras.started.is_some(), HAS_STARTED) | flag(activity.is_some(), HAS_ACTIVITY));
            put_some_instant(out, extras.started);
            put_varint(out, extras.time_in_status.len() as u64);
            for dwell in &extras.time_in_status {
                put_text(out, &dwell.status_id);
                put_varint(out, u64::from(dwell.visits));
                put_varint(out, dwell.millis);
            }
            if let Some(activity) = activity {
                put_texts(out, &activity.comments);
                self.names(out, &activity.watchers);
                put_texts(out, &activity.work_log);
                put_texts(out, &activity.attachments);
            }
        }
    }

    fn pull_request(&mut self, out: &mut Vec<u8>, pr: &PullRequest, line: &mut u32) {
        let state = match pr.state {
            PrState::Open => 0,
            PrState::Merged => 1,
            PrState::Closed => 2,
        };
        let flags = flag(pr.created.is_some(), HAS_OPENED)
            | flag(pr.merged.is_some(), HAS_MERGED)
            | flag(pr.closed.is_some(), HAS_CLOSED)
            | flag(pr.extras.is_some(), HAS_EXTRAS)
            | (state << STATE_SHIFT);
        out.push(flags);
        put_source(out, pr.source, line);
        put_two_texts(out, pr.number(), pr.title());
        self.name(out, &pr.repo);
        self.name(out, &pr.author);
        put_some_instant(out, pr.created);
        put_some_instant(out, pr.merged);
        put_some_instant(out, pr.closed);
        self.list(out, &pr.reviewers);
        if let Some(extras) = &pr.extras {
            out.push(flag(extras.first_review.is_some(), HAS_FIRST_REVIEW));
            self.names(out, &extras.requested_reviewers);
            put_some_instant(out, extras.first_review);
        }
    }

    fn review(&mut self, out: &mut Vec<u8>, review: &Review, line: &mut u32) {
        let same_pr = self.last_pr.as_ref().is_some_and(|last| last.ptr_eq(&review.pr));
        out.push(flag(review.submitted.is_some(), HAS_SUBMITTED) | flag(same_pr, SAME_PR_AS_BEFORE));
        put_source(out, review.source, line);
        if !same_pr {
            put_text(out, &review.pr);
            self.last_pr = Some(review.pr.clone());
        }
        self.name(out, &review.reviewer);
        self.name(out, &review.state);
        put_some_instant(out, review.submitted);
    }

    /// A name's id, or on first sight [`FIRST_SIGHT`] and its text.
    fn name(&mut self, out: &mut Vec<u8>, name: &Name) {
        match self.names.id(name.as_ptr() as usize, name) {
            Some(id) => put_varint(out, u64::from(id) + 1),
            None => {
                put_varint(out, FIRST_SIGHT);
                put_text(out, name);
            }
        }
    }

    fn names(&mut self, out: &mut Vec<u8>, names: &[Name]) {
        put_varint(out, names.len() as u64);
        for name in names {
            self.name(out, name);
        }
    }

    /// A list's id, or on first sight [`FIRST_SIGHT`] and its names.
    fn list(&mut self, out: &mut Vec<u8>, list: &NameList) {
        match self.lists.id(list.as_ptr() as usize, list) {
            Some(id) => put_varint(out, u64::from(id) + 1),
            None => {
                put_varint(out, FIRST_SIGHT);
                self.names(out, list);
            }
        }
    }
}

fn flag(set: bool, bit: u8) -> u8 {
    if set {
        bit
    } else {
        0
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// A row's two texts (`TwoTexts`): both lengths, then both texts, so the
/// decoder checks their UTF-8 in one go.
fn put_two_texts(out: &mut Vec<u8>, first: &str, second: &str) {
    put_varint(out, first.len() as u64);
    put_varint(out, second.len() as u64);
    out.extend_from_slice(first.as_bytes());
    out.extend_from_slice(second.as_bytes());
}

fn put_texts(out: &mut Vec<u8>, texts: &[String]) {
    put_varint(out, texts.len() as u64);
    for text in texts {
        put_text(out, text);
    }
}

/// The file, and the line as the change from the row before (lines only
/// grow within a file, but a decrease still round-trips).
fn put_source(out: &mut Vec<u8>, source: RowRef, line: &mut u32) {
    put_varint(out, u64::from(source.file));
    put_varint(out, zigzag(i64::from(source.line) - i64::from(*line)));
    *line = source.line;
}

/// Seconds of the day take 17 bits; one more says whether nanoseconds follow.
const SECONDS_SHIFT: u32 = 1;
const ORDINAL_SHIFT: u32 = 18;

/// An instant (its presence is in the row's flags): the year, then the day
/// of the year, second of the day and whether nanoseconds follow packed in
/// four bytes (a varint would take four too, read a byte at a time).
fn put_some_instant(out: &mut Vec<u8>, instant: Option<Timestamp>) {
    let Some(instant) = instant else { return };
    let (date, time) = (instant.date(), instant.time());
    // Up to 1,999,999,999 in a leap second: kept as chrono has it.
    let nanos = time.nanosecond();
    put_varint(out, zigzag(i64::from(date.year())));
    let packed = (date.ordinal() << ORDINAL_SHIFT) | (time.num_seconds_from_midnight() << SECONDS_SHIFT) | u32::from(nanos != 0);
    out.extend_from_slice(&packed.to_le_bytes());
    if nanos != 0 {
        put_varint(out, u64::from(nanos));
    }
}

/// One file's batches, engine side, fed in the order they were encoded.
#[derive(Default)]
pub struct BatchDecoder {
    names: Vec<Name>,
    lists: Vec<NameList>,
    last_pr: Option<Name>,
}

/// Why a batch did not decode; the byte offset is added once, at the top.
type Step<T> = Result<T, &'static str>;

const ENDS_EARLY: &str = "the batch ends early";
const NOT_UTF8: &str = "text that is not UTF-8";

impl BatchDecoder {
    pub fn new() -> BatchDecoder {
        BatchDecoder::default()
    }

    /// Appends the batch's rows to `into`'s row vectors, exactly as they
    /// were encoded (same `source`, including `source.file`). A batch that
    /// is not one, or a batch out of order (a name id it never saw), is an
    /// `Err` with a short reason, never a panic; `into` and the decoder
    /// are then left as they were.
    pub fn decode(&mut self, batch: &[u8], into: &mut Dataset) -> Result<(), String> {
        let before = (into.work_items.len(), into.pull_requests.len(), into.reviews.len());
        let known = (self.names.len(), self.lists.len(), self.last_pr.clone());
        let mut cursor = Cursor { bytes: batch, at: 0 };
        let decoded = self.rows(&mut cursor, into);
        decoded.map_err(|reason| {
            into.work_items.truncate(before.0);
            into.pull_requests.truncate(before.1);
            into.reviews.truncate(before.2);
            self.names.truncate(known.0);
            self.lists.truncate(known.1);
            self.last_pr = known.2;
            format!("not a readable batch: {reason} (byte {} of {})", cursor.at, batch.len())
        })
    }

    fn rows(&mut self, cursor: &mut Cursor, into: &mut Dataset) -> Step<()> {
        if cursor.bytes.get(..MAGIC.len()) != Some(&MAGIC) {
            return Err("it does not start as one");
        }
        cursor.at = MAGIC.len();
        // The fewest bytes a row takes: its flags, source, texts' lengths, names and lists.
        let count = cursor.count_of(9)?;
        into.work_items.reserve(count);
        let mut line = 0;
        for _ in 0..count {
            let item = self.work_item(cursor, &mut line)?;
            into.work_items.push(item);
        }
        let count = cursor.count_of(8)?;
        into.pull_requests.reserve(count);
        let mut line = 0;
        for _ in 0..count {
            let pr = self.pull_request(cursor, &mut line)?;
            into.pull_requests.push(pr);
        }
        let count = cursor.count_of(5)?;
        into.reviews.reserve(count);
        let mut line = 0;
        for _ in 0..count {
            let review = self.review(cursor, &mut line)?;
            into.reviews.push(review);
        }
        if cursor.at != cursor.bytes.len() {
            return Err("bytes after its last row");
        }
        Ok(())
    }

    fn work_item(&mut self, cursor: &mut Cursor, line: &mut u32) -> Step<WorkItem> {
        let flags = cursor.byte()?;
        let source = cursor.source(line)?;
        let key_and_title = cursor.two_texts()?;
        let item_type = self.name(cursor)?;
        let status = self.name(cursor)?;
        let assignee = if flags & HAS_ASSIGNEE != 0 { Some(self.name(cursor)?) } else { None };
        let team = if flags & HAS_TEAM != 0 { Some(self.name(cursor)?) } else { None };
        let created = cursor.some_instant(flags & HAS_CREATED != 0)?;
        let resolved = cursor.some_instant(flags & HAS_RESOLVED != 0)?;
        let estimate = if flags & HAS_ESTIMATE != 0 { Some(f64::from_le_bytes(cursor.array()?)) } else { None };
        let sprints = self.list(cursor)?;
        let labels = self.list(cursor)?;
        let extras = if flags & HAS_EXTRAS != 0 { Some(Box::new(self.work_item_extras(cursor)?)) } else { None };
        let category = match flags >> CATEGORY_SHIFT {
            0 => None,
            1 => Some(StatusCategory::Todo),
            2 => Some(StatusCategory::InProgress),
            _ => Some(StatusCategory::Done),
        };
        Ok(WorkItem {
            source,
            key_and_title,
            item_type,
            status,
            category,
            assignee,
            team,
            created,
            resolved,
            estimate: Estimate::from(estimate),
            sprints,
            labels,
            extras,
        })
    }

    fn work_item_extras(&mut self, cursor: &mut Cursor) -> Step<WorkItemExtras> {
        let flags = cursor.flags(HAS_STARTED | HAS_ACTIVITY)?;
        let started = cursor.some_instant(flags & HAS_STARTED != 0)?;
        let mut time_in_status = Vec::with_capacity(cursor.count()?);
        for _ in 0..time_in_status.capacity() {
            let status_id = cursor.text()?.to_string();
            let visits = u32::try_from(cursor.varint()?).map_err(|_| "a visit count out of range")?;
            time_in_status.push(StatusTime { status_id, visits, millis: cursor.varint()? });
        }
        let activity = if flags & HAS_ACTIVITY != 0 {
            Some(Box::new(IssueActivity {
                comments: cursor.texts()?,
                watchers: self.names(cursor)?,
                work_log: cursor.texts()?,
                attachments: cursor.texts()?,
            }))
        } else {
            None
        };
        Ok(WorkItemExtras { started, time_in_status: time_in_status.into_boxed_slice(), activity })
    }

    fn pull_request(&mut self, cursor: &mut Cursor, line: &mut u32) -> Step<PullRequest> {
        let flags = cursor.flags(HAS_MERGED | HAS_CLOSED | HAS_OPENED | HAS_EXTRAS | (3 << STATE_SHIFT))?;
        let state = match flags >> STATE_SHIFT {
            0 => PrState::Open,
            1 => PrState::Merged,
            2 => PrState::Closed,
            _ => return Err("an unknown pull request state"),
        };
        let source = cursor.source(line)?;
        let number_and_title = cursor.two_texts()?;
        let repo = self.name(cursor)?;
        let author = self.name(cursor)?;
        let created = cursor.some_instant(flags & HAS_OPENED != 0)?;
        let merged = cursor.some_instant(flags & HAS_MERGED != 0)?;
        let closed = cursor.some_instant(flags & HAS_CLOSED != 0)?;
        let reviewers = self.list(cursor)?;
        let extras = if flags & HAS_EXTRAS != 0 {
            let extras_flags = cursor.flags(HAS_FIRST_REVIEW)?;
            let requested_reviewers = self.names(cursor)?.into_boxed_slice();
            let first_review = cursor.some_instant(extras_flags & HAS_FIRST_REVIEW != 0)?;
            Some(Box::new(PullRequestExtras { requested_reviewers, first_review }))
        } else {
            None
        };
        Ok(PullRequest { source, number_and_title, repo, author, created, merged, closed, state, reviewers, extras })
    }

    fn review(&mut self, cursor: &mut Cursor, line: &mut u32) -> Step<Review> {
        let flags = cursor.flags(HAS_SUBMITTED | SAME_PR_AS_BEFORE)?;
        let source = cursor.source(line)?;
        let pr = if flags & SAME_PR_AS_BEFORE != 0 {
            self.last_pr.clone().ok_or("a review of \"the previous PR\" before any")?
        } else {
            let pr = Name::from(cursor.text()?);
            self.last_pr = Some(pr.clone());
            pr
        };
        let reviewer = self.name(cursor)?;
        let state = self.name(cursor)?;
        let submitted = cursor.some_instant(flags & HAS_SUBMITTED != 0)?;
        Ok(Review { source, pr, reviewer, state, submitted })
    }

    #[inline(always)]
    fn name(&mut self, cursor: &mut Cursor) -> Step<Name> {
        match cursor.varint()? {
            FIRST_SIGHT => {
                let name = Name::from(cursor.text()?);
                self.names.push(name.clone());
                Ok(name)
            }
            id => known(&self.names, id).ok_or("a name id this decoder never saw (a batch out of order?)"),
        }
    }

    fn names(&mut self, cursor: &mut Cursor) -> Step<Vec<Name>> {
        let count = cursor.count()?;
        let mut names = Vec::with_capacity(count);
        for _ in 0..count {
            names.push(self.name(cursor)?);
        }
        Ok(names)
    }

    #[inline(always)]
    fn list(&mut self, cursor: &mut Cursor) -> Step<NameList> {
        match cursor.varint()? {
            FIRST_SIGHT => {
                let list = NameList::from(self.names(cursor)?);
                self.lists.push(list.clone());
                Ok(list)
            }
            id => known(&self.lists, id).ok_or("a list id this decoder never saw (a batch out of order?)"),
        }
    }
}

/// The name or list a reference (one more than its id) stands for.
fn known<T: Clone>(seen: &[T], reference: u64) -> Option<T> {
    usize::try_from(reference - 1).ok().and_then(|id| seen.get(id)).cloned()
}

/// Reads a batch front to back; every read checks the bounds.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    #[inline(always)]
    fn byte(&mut self) -> Step<u8> {
        let byte = *self.bytes.get(self.at).ok_or(ENDS_EARLY)?;
        self.at += 1;
        Ok(byte)
    }

    /// A flags byte with no bit set but those `known`.
    fn flags(&mut self, known: u8) -> Step<u8> {
        let flags = self.byte()?;
        if flags & !known != 0 {
            return Err("a row's flags that no encoder sets");
        }
        Ok(flags)
    }

    /// Most numbers of a batch (ids, lengths, line steps) take a byte or
    /// two: those are read inline.
    #[inline(always)]
    fn varint(&mut self) -> Step<u64> {
        if let Some(&[first, second]) = self.bytes.get(self.at..self.at + 2) {
            if first < 0x80 {
                self.at += 1;
                return Ok(u64::from(first));
            }
            if second < 0x80 {
                self.at += 2;
                return Ok(u64::from(first & 0x7f) | (u64::from(second) << 7));
            }
        }
        self.longer_varint()
    }

    #[inline(never)]
    fn longer_varint(&mut self) -> Step<u64> {
        let mut value = 0;
        let mut shift = 0;
        loop {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a number longer than ten bytes");
            }
        }
    }

    /// How many of something follow: each takes a byte at least, so no
    /// more than the bytes left (a damaged count allocates nothing huge).
    fn count(&mut self) -> Step<usize> {
        self.count_of(1)
    }

    /// How many rows follow, each `bytes_each` at least: a damaged batch
    /// reserves no more rows than its bytes could hold.
    fn count_of(&mut self, bytes_each: usize) -> Step<usize> {
        let count = self.varint()?;
        if count > ((self.bytes.len() - self.at) / bytes_each) as u64 {
            return Err("a count beyond the batch's end");
        }
        Ok(count as usize)
    }

    fn slice(&mut self, len: usize) -> Step<&'a [u8]> {
        let bytes = self.bytes.get(self.at..).and_then(|rest| rest.get(..len)).ok_or(ENDS_EARLY)?;
        self.at += len;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Step<[u8; N]> {
        Ok(self.slice(N)?.try_into().expect("a slice of N bytes"))
    }

    fn text(&mut self) -> Step<&'a str> {
        let len = self.count()?;
        std::str::from_utf8(self.slice(len)?).map_err(|_| NOT_UTF8)
    }

    #[inline(always)]
    fn two_texts(&mut self) -> Step<TwoTexts> {
        let first = self.count()?;
        let second = self.count()?;
        let both = std::str::from_utf8(self.slice(first.saturating_add(second))?).map_err(|_| NOT_UTF8)?;
        if !both.is_char_boundary(first) {
            return Err(NOT_UTF8);
        }
        Ok(TwoTexts::new(&both[..first], &both[first..]))
    }

    fn texts(&mut self) -> Step<Vec<String>> {
        let count = self.count()?;
        let mut texts = Vec::with_capacity(count);
        for _ in 0..count {
            texts.push(self.text()?.to_string());
        }
        Ok(texts)
    }

    #[inline(always)]
    fn source(&mut self, line: &mut u32) -> Step<RowRef> {
        let file = u32::try_from(self.varint()?).map_err(|_| "a file index out of range")?;
        let change = unzigzag(self.varint()?);
        *line = u32::try_from(i64::from(*line).saturating_add(change)).map_err(|_| "a line number out of range")?;
        Ok(RowRef { file, line: *line })
    }

    /// The instant [`put_some_instant`] wrote, if the row's flags say so.
    #[inline(always)]
    fn some_instant(&mut self, present: bool) -> Step<Option<Timestamp>> {
        if !present {
            return Ok(None);
        }
        const OUT_OF_RANGE: &str = "a date or time out of range";
        let year = i32::try_from(unzigzag(self.varint()?)).map_err(|_| OUT_OF_RANGE)?;
        let packed = u32::from_le_bytes(self.array()?);
        let ordinal = packed >> ORDINAL_SHIFT;
        let seconds = (packed >> SECONDS_SHIFT) & ((1 << (ORDINAL_SHIFT - SECONDS_SHIFT)) - 1);
        let nanos = if packed & 1 != 0 { u32::try_from(self.varint()?).map_err(|_| OUT_OF_RANGE)? } else { 0 };
        let date = NaiveDate::from_yo_opt(year, ordinal).ok_or(OUT_OF_RANGE)?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).ok_or(OUT_OF_RANGE)?;
        Ok(Some(date.and_time(time)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;
    use crate::dataset::FileKind;

    /// The demo's big files, each read into a dataset of its own.
    fn demo_files() -> Vec<(String, Dataset)> {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut read = Vec::new();
        for file in crate::demo::generate(crate::demo::DemoSize::Medium, 7, today) {
            let mut dataset = Dataset::default();
            let options = crate::ingest::IngestOptions::default();
            if crate::ingest::ingest_file(&mut dataset, &file.name, &file.bytes, &options, &mut |_, _| {}).is_err() {
                continue;
            }
            if !(dataset.work_items.is_empty() && dataset.pull_requests.is_empty() && dataset.reviews.is_empty()) {
                read.push((file.name, dataset));
            }
        }
        read
    }

    /// `rows` sent through one encoder and decoder, `sizes` rows of each
    /// kind a batch (cycling), as a parser sends a file's stretches.
    fn in_batches(rows: &Dataset, sizes: &[usize]) -> (Dataset, Vec<Vec<u8>>) {
        let (mut encoder, mut decoder) = (BatchEncoder::new(), BatchDecoder::new());
        let mut decoded = Dataset { files: rows.files.clone(), ..Dataset::default() };
        let mut staged = Dataset::default();
        let mut batches = Vec::new();
        let (mut items, mut prs, mut reviews) = (0, 0, 0);
        for &size in sizes.iter().cycle() {
            let take = |from: &mut usize, len: usize| {
                let range = *from..(*from + size).min(len);
                *from = range.end;
                range
            };
            staged.work_items.extend_from_slice(&rows.work_items[take(&mut items, rows.work_items.len())]);
            staged.pull_requests.extend_from_slice(&rows.pull_requests[take(&mut prs, rows.pull_requests.len())]);
            staged.reviews.extend_from_slice(&rows.reviews[take(&mut reviews, rows.reviews.len())]);
            let batch = encoder.encode(&mut staged);
            assert!(staged.work_items.is_empty() && staged.pull_requests.is_empty() && staged.reviews.is_empty());
            decoder.decode(&batch, &mut decoded).unwrap_or_else(|reason| panic!("batch {}: {reason}", batches.len()));
            batches.push(batch);
            if items == rows.work_items.len() && prs == rows.pull_requests.len() && reviews == rows.reviews.len() {
                break;
            }
        }
        (decoded, batches)
    }

    #[test]
    fn every_big_demo_file_comes_back_exactly_in_batches_of_uneven_sizes() {
        let files = demo_files();
        let kinds: Vec<FileKind> = files.iter().map(|(_, rows)| rows.files[0].kind).collect();
        assert!(files.iter().any(|(_, rows)| rows.work_items.len() > 1000), "{kinds:?}");
        assert!(files.iter().any(|(_, rows)| rows.pull_requests.len() > 1000), "{kinds:?}");
        assert!(files.iter().any(|(_, rows)| rows.reviews.len() > 1000), "{kinds:?}");
        for (name, rows) in &files {
            let (decoded, batches) = in_batches(rows, &[300, 1, 0, 811, 17]);
            assert!(batches.len() > 3, "{name}: {} batches", batches.len());
            assert!(decoded == *rows, "{name}: the decoded rows differ");
        }
    }

    fn at(year: i32, month: u32, day: u32, nanos_of_day: u64) -> Option<Timestamp> {
        let seconds = (nanos_of_day / 1_000_000_000) as u32;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), (nanos_of_day % 1_000_000_000) as u32 + if seconds > 86_399 { 1_000_000_000 } else { 0 });
        Some(NaiveDateTime::new(NaiveDate::from_ymd_opt(year, month, day).unwrap(), time.unwrap()))
    }

    /// Rows with every field at its edge: nothing set, everything set,
    /// instants to the nanosecond far from 1970, texts empty and not ASCII.
    fn awkward_rows() -> Dataset {
        let bare_item = WorkItem { source: RowRef { file: 0, line: 0 }, ..WorkItem::default() };
        let ada = Name::from("Ada");
        let labels = NameList::from(vec![Name::from("größe"), ada.clone(), Name::from("🚀")]);
        let full_item = WorkItem {
            source: RowRef { file: 70_000, line: u32::MAX },
            key_and_title: TwoTexts::new("KÜ-1", "Ship it 🚀 — \"quoted\"\n"),
            item_type: "Bug".into(),
            status: "Done".into(),
            category: Some(StatusCategory::Done),
            assignee: Some(ada.clone()),
            team: Some(Name::default()),
            created: at(1969, 12, 31, 86_399_999_999_999),
            resolved: at(2150, 2, 28, 1),
            estimate: Some(-0.1).into(),
            sprints: NameList::from(vec![Name::from("S1"), Name::from("S1")]),
            labels: labels.clone(),
            extras: Some(Box::new(WorkItemExtras {
                started: at(-44, 3, 15, 43_200_000_000_000),
                time_in_status: Box::new([
                    StatusTime { status_id: "3".into(), visits: u32::MAX, millis: u64::MAX },
                    StatusTime { status_id: String::new(), visits: 0, millis: 0 },
                ]),
                activity: Some(Box::new(IssueActivity {
                    comments: vec!["2026-01-05 10:00;Ada;looks good ✅".into(), String::new()],
                    watchers: vec![ada.clone(), Name::from("Bo"), ada.clone()],
                    work_log: vec!["2026-01-05;Ada;3600".into()],
                    attachments: vec!["2026-01-05;Ada;ü.png;https://x/ü.png".into()],
                })),
            })),
        };
        let started_only = WorkItem {
            source: RowRef { file: 0, line: 3 },
            category: Some(StatusCategory::InProgress),
            estimate: Some(f64::MIN_POSITIVE).into(),
            labels: labels.clone(),
            extras: WorkItemExtras { started: at(2026, 1, 1, 0), ..WorkItemExtras::default() }.boxed(),
            ..WorkItem::default()
        };
        let full_pr = PullRequest {
            source: RowRef { file: 1, line: 2 },
            number_and_title: TwoTexts::new("412", ""),
            repo: "wéb".into(),
            author: ada.clone(),
            created: at(2026, 12, 31, 86_400_500_000_000), // in a leap second
            merged: at(1900, 1, 1, 0),
            closed: at(2262, 4, 11, 0),
            state: PrState::Merged,
            reviewers: NameList::from(vec![Name::from("Bo")]),
            extras: Some(Box::new(PullRequestExtras {
                requested_reviewers: Box::new([Name::from("Cy"), ada.clone()]),
                first_review: at(2026, 6, 30, 123_456_789),
            })),
        };
        let bare_pr = PullRequest {
            source: RowRef { file: 1, line: 1 }, // a line that went back
            number_and_title: TwoTexts::new("", ""),
            repo: Name::default(),
            author: Name::default(),
            created: None,
            merged: None,
            closed: None,
            state: PrState::Open,
            reviewers: NameList::default(),
            extras: None,
        };
        let requested_only = PullRequest {
            state: PrState::Closed,
            extras: Some(Box::new(PullRequestExtras { requested_reviewers: Box::new([]), first_review: None })),
            ..bare_pr.clone()
        };
        let pr_412 = Name::from("412");
        let review = |pr: &Name, reviewer: &Name, submitted| Review {
            source: RowRef { file: 2, line: 9 },
            pr: pr.clone(),
            reviewer: reviewer.clone(),
            state: "APPROVED".into(),
            submitted,
        };
        Dataset {
            work_items: vec![bare_item.clone(), full_item, started_only, bare_item],
            pull_requests: vec![full_pr, bare_pr, requested_only],
            reviews: vec![
                review(&pr_412, &ada, at(2026, 1, 5, 1)),
                review(&pr_412, &Name::from("Bo"), None),
                review(&Name::from("412"), &ada, None), // equal text, its own allocation
                review(&Name::from("ü-7"), &ada, at(1970, 1, 1, 0)),
                review(&Name::default(), &Name::default(), None),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn every_awkward_field_value_comes_back_exactly() {
        let rows = awkward_rows();
        for sizes in [&[100][..], &[1], &[2, 0, 1]] {
            let (decoded, _) = in_batches(&rows, sizes);
            assert_eq!(decoded, rows, "batches of {sizes:?}");
            let estimates: Vec<Option<f64>> = decoded.work_items.iter().map(|item| item.estimate.get()).collect();
            assert_eq!(estimates, [None, Some(-0.1), Some(f64::MIN_POSITIVE), None]);
            // The extras boxes come back as they were, not re-derived.
            let pr_extras: Vec<bool> = decoded.pull_requests.iter().map(|pr| pr.extras.is_some()).collect();
            assert_eq!(pr_extras, [true, false, true]);
            let reviews = &decoded.reviews;
            assert!(reviews[0].pr.ptr_eq(&reviews[1].pr), "a repeated pr is one allocation");
            assert!(!reviews[1].pr.ptr_eq(&reviews[2].pr), "an equal pr of its own allocation stays its own");
        }
    }

    #[test]
    fn decoded_rows_share_names_and_lists_as_the_parser_did_across_batches() {
        for (name, rows) in demo_files() {
            let (decoded, batches) = in_batches(&rows, &[97, 500]);
            assert!(batches.len() > 2, "{name}");
            // Every name of one text is one allocation, in the rows read and the rows decoded.
            fn one_allocation_per_text<'a>(what: &str, names: impl Iterator<Item = &'a Name>) -> usize {
                let mut first: FastMap<&str, &Name> = FastMap::default();
                for name in names {
                    let shared = first.entry(name.as_str()).or_insert(name);
                    assert!(shared.ptr_eq(name), "{what}: {name:?} is two allocations");
                }
                first.len()
            }
            let items = &decoded.work_items;
            one_allocation_per_text(&name, items.iter().map(|item| &item.status).chain(items.iter().map(|item| &item.item_type)));
            one_allocation_per_text(&name, items.iter().filter_map(|item| item.assignee.as_ref()));
            one_allocation_per_text(&name, decoded.pull_requests.iter().map(|pr| &pr.author));
            one_allocation_per_text(&name, decoded.reviews.iter().map(|review| &review.reviewer));
            // Lists: the decoded share exactly where the parser's did.
            let lists = |dataset: &Dataset| -> Vec<NameList> {
                let items = dataset.work_items.iter().flat_map(|item| [item.labels.clone(), item.sprints.clone()]);
                items.chain(dataset.pull_requests.iter().map(|pr| pr.reviewers.clone())).collect()
            };
            let (read, back) = (lists(&rows), lists(&decoded));
            let mut pairs = 0;
            for i in (0..read.len()).step_by(7) {
                for j in (i + 1..read.len()).step_by(131) {
                    assert_eq!(read[i].ptr_eq(&read[j]), back[i].ptr_eq(&back[j]), "{name}: lists {i} and {j}");
                    pairs += usize::from(back[i].ptr_eq(&back[j]) && !back[i].is_empty());
                }
            }
            assert!(pairs > 0 || read.iter().all(|list| list.is_empty()), "{name}: no shared list seen");
        }
    }

    #[test]
    fn a_damaged_or_misordered_batch_is_an_error_and_changes_nothing() {
        let rows = awkward_rows();
        let (mut encoder, mut staged) = (BatchEncoder::new(), rows.clone());
        let first = encoder.encode(&mut staged);
        staged.work_items = rows.work_items.clone();
        staged.reviews = rows.reviews.clone();
        let second = encoder.encode(&mut staged);
        let earlier = Dataset { work_items: vec![WorkItem::default()], ..Dataset::default() };

        let fresh_decodes = |batch: &[u8]| {
            let mut into = earlier.clone();
            let result = BatchDecoder::new().decode(batch, &mut into);
            assert!(result.is_err() || batch == first, "{} bytes decoded", batch.len());
            if result.is_err() {
                assert_eq!(into, earlier, "a refused batch leaves the dataset as it was");
            }
            result
        };
        for end in 0..first.len() {
            let reason = fresh_decodes(&first[..end]).unwrap_err();
            assert!(reason.contains("not a readable batch"), "{reason}");
        }
        fresh_decodes(&first).unwrap();
        let reason = fresh_decodes(&second).unwrap_err();
        assert!(reason.contains("never saw"), "{reason}");
        // Damaged bytes: an error or other rows, never a panic.
        let mut noise = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            let mut damaged = first.clone();
            let at = (noise % damaged.len() as u64) as usize;
            damaged[at] = (noise >> 32) as u8;
            let _ = BatchDecoder::new().decode(&damaged, &mut Dataset::default());
            let random: Vec<u8> = (0..(noise % 64)).map(|i| (noise >> (i % 56)) as u8).collect();
            assert!(BatchDecoder::new().decode(&random, &mut Dataset::default()).is_err());
        }
        assert!(BatchDecoder::new().decode(&[MAGIC.as_slice(), &[0, 0, 0, 0]].concat(), &mut Dataset::default()).is_err());
        // A flag no encoder sets: the review's flags byte follows the magic and three counts.
        let one_review = BatchEncoder::new().encode(&mut Dataset { reviews: rows.reviews[..1].to_vec(), ..Dataset::default() });
        BatchDecoder::new().decode(&one_review, &mut Dataset::default()).unwrap();
        let mut flagged = one_review.clone();
        flagged[MAGIC.len() + 3] |= 1 << 5;
        let reason = BatchDecoder::new().decode(&flagged, &mut Dataset::default()).unwrap_err();
        assert!(reason.contains("flags"), "{reason}");

        // A decoder that refused a batch goes on as if it never saw it.
        let mut decoder = BatchDecoder::new();
        let mut into = Dataset::default();
        assert!(decoder.decode(&first[..first.len() - 1], &mut into).is_err());
        decoder.decode(&first, &mut into).unwrap();
        decoder.decode(&second, &mut into).unwrap();
        assert_eq!(into.work_items.len(), 2 * rows.work_items.len());
        assert_eq!(into.reviews[rows.reviews.len()..], rows.reviews[..]);
    }
}
