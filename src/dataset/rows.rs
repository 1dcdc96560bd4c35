//! How the big rows are packed in memory, and how JSON and the parse
//! pool's batches still carry them: every field by name, as before.
//!
//! A big drop holds half a million work items, pull requests and reviews
//! each, so every word of a row and every allocation counts (dlmalloc, the
//! wasm worker's allocator, takes at least 16 bytes for the smallest).
//! A row's two texts share one allocation ([`TwoTexts`]); a [`WorkItem`]
//! and a [`PullRequest`] keep the fields few rows have in one box
//! ([`boxed_unless_empty`]); an [`Estimate`] needs no 8-byte alignment;
//! lists of names are shared (`NameList`, in `name.rs`). So the in-memory
//! layout is not the serialised shape. Each packed row has a
//! `…Fields` twin that derives serde with the old field list; serialising
//! borrows the row's parts (nothing is copied), deserialising borrows what
//! the input lends (JSON lends every string without escapes) and packs the
//! result. One struct serves both directions, so the two cannot drift
//! apart.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    IssueActivity, Name, NameList, PrState, PullRequest, PullRequestExtras, RowRef, StatusCategory,
    StatusTime, Timestamp, WorkItem, WorkItemExtras,
};

// The sizes the big rows were cut to (issue 12: 160, 124 and 44 bytes
// before). The wasm build fails here when a change makes one bigger: a
// field most rows leave empty belongs in the row's extras. The native
// sizes are pinned by a test below.
#[cfg(target_pointer_width = "32")]
const _: () = {
    assert!(std::mem::size_of::<WorkItem>() <= 108, "a work item grew: put seldom fields in WorkItemExtras");
    assert!(std::mem::size_of::<PullRequest>() <= 88, "a pull request grew: put seldom fields in PullRequestExtras");
    assert!(std::mem::size_of::<super::Review>() <= 44, "a review grew");
    // Boxed for a Linear item with only a start time: keep it small too.
    assert!(std::mem::size_of::<WorkItemExtras>() <= 24, "the work item extras grew: box what is rarer still");
};

/// `extras` in a box, or `None` when it holds nothing: a row without any
/// of its seldom fields pays one pointer for them.
pub(super) fn boxed_unless_empty<T: Default + PartialEq>(extras: T) -> Option<Box<T>> {
    (extras != T::default()).then(|| Box::new(extras))
}

/// Changes a row's boxed extras in place (`as_of` changes every row of
/// every cut), dropping the box when they end up empty.
pub(super) fn change_extras<T: Default + PartialEq>(extras: &mut Option<Box<T>>, change: impl FnOnce(&mut T)) {
    *extras = match extras.take() {
        Some(mut boxed) => {
            change(&mut boxed);
            (*boxed != T::default()).then_some(boxed)
        }
        None => {
            let mut fresh = T::default();
            change(&mut fresh);
            boxed_unless_empty(fresh)
        }
    };
}

/// Two texts of one row in one allocation (a work item's key and title,
/// a pull request's number and title): one block instead of two, and no
/// capacity words, since neither text grows once read.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TwoTexts {
    both: Box<str>,
    /// Where the first text ends in `both`.
    split: usize,
}

impl TwoTexts {
    pub fn new(first: &str, second: &str) -> TwoTexts {
        let mut both = String::with_capacity(first.len() + second.len());
        both.push_str(first);
        both.push_str(second);
        TwoTexts { both: both.into_boxed_str(), split: first.len() }
    }

    pub fn first(&self) -> &str {
        &self.both[..self.split]
    }

    pub fn second(&self) -> &str {
        &self.both[self.split..]
    }
}

impl fmt::Debug for TwoTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TwoTexts").field(&self.first()).field(&self.second()).finish()
    }
}

/// An estimate that may be missing, in 8 bytes aligned to 4: an
/// `Option<f64>` takes 16 and would make the whole work item 8-aligned on
/// wasm32 (4 more bytes of padding). Ingest keeps only finite numbers
/// (`values::number`), so a NaN stands for none; one given to
/// [`Estimate::from`] reads back as none.
#[derive(Clone, Copy)]
#[repr(C, packed(4))]
pub struct Estimate(f64);

impl Estimate {
    pub const NONE: Estimate = Estimate(f64::NAN);

    pub fn get(self) -> Option<f64> {
        let points = self.0;
        (!points.is_nan()).then_some(points)
    }
}

impl From<Option<f64>> for Estimate {
    fn from(points: Option<f64>) -> Estimate {
        Estimate(points.unwrap_or(f64::NAN))
    }
}

impl Default for Estimate {
    fn default() -> Estimate {
        Estimate::NONE
    }
}

impl PartialEq for Estimate {
    fn eq(&self, other: &Estimate) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "WorkItem")]
struct WorkItemFields<'a> {
    source: RowRef,
    #[serde(borrow)]
    key: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    item_type: Cow<'a, Name>,
    status: Cow<'a, Name>,
    category: Option<StatusCategory>,
    assignee: Option<Cow<'a, Name>>,
    team: Option<Cow<'a, Name>>,
    created: Option<Timestamp>,
    started: Option<Timestamp>,
    resolved: Option<Timestamp>,
    estimate: Option<f64>,
    sprints: Cow<'a, NameList>,
    labels: Cow<'a, NameList>,
    #[serde(default)]
    time_in_status: Cow<'a, [StatusTime]>,
    #[serde(default)]
    activity: Option<Cow<'a, IssueActivity>>,
}

impl Serialize for WorkItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WorkItemFields {
            source: self.source,
            key: Cow::Borrowed(self.key()),
            title: Cow::Borrowed(self.title()),
            item_type: Cow::Borrowed(&self.item_type),
            status: Cow::Borrowed(&self.status),
            category: self.category,
            assignee: self.assignee.as_ref().map(Cow::Borrowed),
            team: self.team.as_ref().map(Cow::Borrowed),
            created: self.created,
            started: self.started(),
            resolved: self.resolved,
            estimate: self.estimate.get(),
            sprints: Cow::Borrowed(&self.sprints),
            labels: Cow::Borrowed(&self.labels),
            time_in_status: Cow::Borrowed(self.time_in_status()),
            activity: self.activity().map(Cow::Borrowed),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for WorkItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WorkItem, D::Error> {
        let fields = WorkItemFields::deserialize(deserializer)?;
        Ok(WorkItem {
            source: fields.source,
            key_and_title: TwoTexts::new(&fields.key, &fields.title),
            item_type: fields.item_type.into_owned(),
            status: fields.status.into_owned(),
            category: fields.category,
            assignee: fields.assignee.map(Cow::into_owned),
            team: fields.team.map(Cow::into_owned),
            created: fields.created,
            resolved: fields.resolved,
            estimate: fields.estimate.into(),
            sprints: fields.sprints.into_owned(),
            labels: fields.labels.into_owned(),
            extras: WorkItemExtras {
                started: fields.started,
                time_in_status: fields.time_in_status.into_owned().into(),
                activity: fields.activity.and_then(|activity| activity.into_owned().boxed()),
            }
            .boxed(),
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "PullRequest")]
struct PullRequestFields<'a> {
    source: RowRef,
    #[serde(borrow)]
    number: Cow<'a, str>,
    repo: Cow<'a, Name>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    author: Cow<'a, Name>,
    created: Option<Timestamp>,
    merged: Option<Timestamp>,
    closed: Option<Timestamp>,
    state: PrState,
    requested_reviewers: Cow<'a, [Name]>,
    reviewers: Cow<'a, NameList>,
    first_review: Option<Timestamp>,
}

impl Serialize for PullRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PullRequestFields {
            source: self.source,
            number: Cow::Borrowed(self.number()),
            repo: Cow::Borrowed(&self.repo),
            title: Cow::Borrowed(self.title()),
            author: Cow::Borrowed(&self.author),
            created: self.created,
            merged: self.merged,
            closed: self.closed,
            state: self.state,
            requested_reviewers: Cow::Borrowed(self.requested_reviewers()),
            reviewers: Cow::Borrowed(&self.reviewers),
            first_review: self.first_review(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PullRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PullRequest, D::Error> {
        let fields = PullRequestFields::deserialize(deserializer)?;
        Ok(PullRequest {
            source: fields.source,
            number_and_title: TwoTexts::new(&fields.number, &fields.title),
            repo: fields.repo.into_owned(),
            author: fields.author.into_owned(),
            created: fields.created,
            merged: fields.merged,
            closed: fields.closed,
            state: fields.state,
            reviewers: fields.reviewers.into_owned(),
            extras: PullRequestExtras {
                requested_reviewers: fields.requested_reviewers.into_owned().into(),
                first_review: fields.first_review,
            }
            .boxed(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<Timestamp> {
        Some(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
    }

    fn full_item() -> WorkItem {
        WorkItem {
            source: RowRef { file: 2, line: 9 },
            key_and_title: TwoTexts::new("PAY-7", "Retry \"refunds\""),
            item_type: "Bug".into(),
            status: "Done".into(),
            category: Some(StatusCategory::Done),
            assignee: Some("Ada".into()),
            team: None,
            created: at("2026-01-05 10:00"),
            resolved: at("2026-01-09 17:30"),
            estimate: Some(2.5).into(),
            sprints: NameList::from(vec!["S1".into(), "S1".into()]),
            labels: NameList::default(),
            extras: WorkItemExtras {
                started: at("2026-01-06 09:00"),
                time_in_status: Box::new([StatusTime { status_id: "3".into(), visits: 1, millis: 60_000 }]),
                activity: IssueActivity { watchers: vec!["Bo".into()], ..IssueActivity::default() }.boxed(),
            }
            .boxed(),
        }
    }

    #[test]
    fn json_keeps_every_field_by_name_in_the_order_it_always_had() {
        let json = serde_json::to_string(&full_item()).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"source":{"file":2,"line":9},"key":"PAY-7","title":"Retry \"refunds\"","item_type":"Bug","status":"Done","#,
                r#""category":"done","assignee":"Ada","team":null,"created":"2026-01-05T10:00:00","started":"2026-01-06T09:00:00","#,
                r#""resolved":"2026-01-09T17:30:00","estimate":2.5,"sprints":["S1","S1"],"labels":[],"#,
                r#""time_in_status":[{"status_id":"3","visits":1,"millis":60000}],"#,
                r#""activity":{"comments":[],"watchers":["Bo"],"work_log":[],"attachments":[]}}"#
            )
        );
        assert_eq!(serde_json::from_str::<WorkItem>(&json).unwrap(), full_item());
    }

    #[test]
    fn a_row_without_extras_reads_back_without_a_box() {
        let bare = WorkItem { key_and_title: TwoTexts::new("K-1", ""), ..WorkItem::default() };
        let json = serde_json::to_string(&bare).unwrap();
        assert!(json.contains(r#""started":null"#) && json.contains(r#""time_in_status":[],"activity":null"#), "{json}");
        let back: WorkItem = serde_json::from_str(&json).unwrap();
        assert!(back.extras.is_none());
        assert_eq!(back, bare);
        // Older JSON without the two defaulted fields still reads.
        let older = json.replace(r#","time_in_status":[],"activity":null"#, "");
        assert_eq!(serde_json::from_str::<WorkItem>(&older).unwrap(), bare);
    }

    fn full_pr() -> PullRequest {
        PullRequest {
            source: RowRef { file: 1, line: 4 },
            number_and_title: TwoTexts::new("412", "Retry card captures, safely"),
            repo: "web".into(),
            author: "Ada".into(),
            created: at("2026-01-05 10:00"),
            merged: None,
            closed: at("2026-01-06 11:00"),
            state: PrState::Closed,
            reviewers: NameList::default(),
            extras: PullRequestExtras { requested_reviewers: Box::new(["Bo".into()]), first_review: at("2026-01-05 12:00") }
                .boxed(),
        }
    }

    #[test]
    fn a_pull_request_is_written_field_by_field_as_it_always_was() {
        let json = serde_json::to_string(&full_pr()).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"source":{"file":1,"line":4},"number":"412","repo":"web","title":"Retry card captures, safely","#,
                r#""author":"Ada","created":"2026-01-05T10:00:00","merged":null,"closed":"2026-01-06T11:00:00","#,
                r#""state":"closed","requested_reviewers":["Bo"],"reviewers":[],"first_review":"2026-01-05T12:00:00"}"#
            )
        );
        assert_eq!(serde_json::from_str::<PullRequest>(&json).unwrap(), full_pr());
    }

    #[test]
    fn two_texts_split_where_the_first_ends_even_when_either_is_empty() {
        for (first, second) in [("PAY-7", "Retry"), ("", "only a title"), ("K-1", ""), ("", ""), ("ü", "ß\n")] {
            let texts = TwoTexts::new(first, second);
            assert_eq!((texts.first(), texts.second()), (first, second));
        }
        assert_ne!(TwoTexts::new("ab", "c"), TwoTexts::new("a", "bc"), "the split is part of the value");
        let mut item = WorkItem::default();
        item.set_title("Retry");
        item.set_key("PAY-7");
        assert_eq!((item.key(), item.title()), ("PAY-7", "Retry"));
    }

    #[test]
    fn an_estimate_reads_back_exactly_and_none_stays_none() {
        for points in [None, Some(0.0), Some(-0.5), Some(0.1), Some(1e300), Some(f64::MIN_POSITIVE)] {
            assert_eq!(Estimate::from(points).get(), points);
        }
        assert_eq!(Estimate::default().get(), None);
        assert_eq!(Estimate::from(Some(f64::NAN)).get(), None, "NaN is how none is kept");
        let bare = serde_json::to_string(&WorkItem::default()).unwrap();
        assert!(bare.contains(r#""estimate":null"#), "{bare}");
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_big_rows_stay_as_small_as_they_were_cut_to() {
        // Native twins of the wasm32 asserts above (256, 192 and 72 bytes before).
        let sizes = [size_of::<WorkItem>(), size_of::<PullRequest>(), size_of::<crate::dataset::Review>()];
        assert!(sizes[0] <= 176 && sizes[1] <= 128 && sizes[2] <= 72, "work item, PR, review: {sizes:?} bytes");
    }
}
