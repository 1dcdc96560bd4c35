//! The big rows as JSON and the parse pool's batches carry them: every
//! field by name, as before the rows were packed.
//!
//! A [`WorkItem`] keeps the fields few rows have in one box, so its
//! in-memory layout is not its serialised shape. Each packed row has a
//! `…Fields` twin that derives serde with the old field list; serialising
//! borrows the row's parts (nothing is copied), deserialising borrows what
//! the input lends (bincode lends every string) and packs the result. One
//! struct serves both directions, so the order bincode relies on cannot
//! drift between them.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{instant_serde, IssueActivity, Name, RowRef, StatusCategory, StatusTime, Timestamp, WorkItem, WorkItemExtras};

#[derive(Serialize, Deserialize)]
#[serde(rename = "WorkItem")]
struct WorkItemFields<'a> {
    source: RowRef,
    key: Cow<'a, String>,
    title: Cow<'a, String>,
    item_type: Cow<'a, Name>,
    status: Cow<'a, Name>,
    category: Option<StatusCategory>,
    assignee: Option<Cow<'a, Name>>,
    team: Option<Cow<'a, Name>>,
    #[serde(with = "instant_serde")]
    created: Option<Timestamp>,
    #[serde(with = "instant_serde")]
    started: Option<Timestamp>,
    #[serde(with = "instant_serde")]
    resolved: Option<Timestamp>,
    estimate: Option<f64>,
    sprints: Cow<'a, [Name]>,
    labels: Cow<'a, [Name]>,
    #[serde(default)]
    time_in_status: Cow<'a, [StatusTime]>,
    #[serde(default)]
    activity: Option<Cow<'a, IssueActivity>>,
}

impl Serialize for WorkItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WorkItemFields {
            source: self.source,
            key: Cow::Borrowed(&self.key),
            title: Cow::Borrowed(&self.title),
            item_type: Cow::Borrowed(&self.item_type),
            status: Cow::Borrowed(&self.status),
            category: self.category,
            assignee: self.assignee.as_ref().map(Cow::Borrowed),
            team: self.team.as_ref().map(Cow::Borrowed),
            created: self.created,
            started: self.started(),
            resolved: self.resolved,
            estimate: self.estimate,
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
            key: fields.key.into_owned(),
            title: fields.title.into_owned(),
            item_type: fields.item_type.into_owned(),
            status: fields.status.into_owned(),
            category: fields.category,
            assignee: fields.assignee.map(Cow::into_owned),
            team: fields.team.map(Cow::into_owned),
            created: fields.created,
            resolved: fields.resolved,
            estimate: fields.estimate,
            sprints: fields.sprints.into_owned().into(),
            labels: fields.labels.into_owned().into(),
            extras: WorkItemExtras {
                started: fields.started,
                time_in_status: fields.time_in_status.into_owned().into(),
                activity: fields.activity.map(Cow::into_owned).unwrap_or_default(),
            }
            .boxed(),
        })
    }
}

#[cfg(test)]
mod tests {
    use bincode::Options as _;

    use super::*;

    fn at(text: &str) -> Option<Timestamp> {
        Some(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
    }

    fn full_item() -> WorkItem {
        WorkItem {
            source: RowRef { file: 2, line: 9 },
            key: "PAY-7".into(),
            title: "Retry \"refunds\"".into(),
            item_type: "Bug".into(),
            status: "Done".into(),
            category: Some(StatusCategory::Done),
            assignee: Some("Ada".into()),
            team: None,
            created: at("2026-01-05 10:00"),
            resolved: at("2026-01-09 17:30"),
            estimate: Some(2.5),
            sprints: Box::new(["S1".into(), "S1".into()]),
            labels: Box::default(),
            extras: WorkItemExtras {
                started: at("2026-01-06 09:00"),
                time_in_status: Box::new([StatusTime { status_id: "3".into(), visits: 1, millis: 60_000 }]),
                activity: IssueActivity { watchers: vec!["Bo".into()], ..IssueActivity::default() },
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
        let bare = WorkItem { key: "K-1".into(), ..WorkItem::default() };
        let json = serde_json::to_string(&bare).unwrap();
        assert!(json.contains(r#""started":null"#) && json.contains(r#""time_in_status":[],"activity":null"#), "{json}");
        let back: WorkItem = serde_json::from_str(&json).unwrap();
        assert!(back.extras.is_none());
        assert_eq!(back, bare);
        // Older JSON without the two defaulted fields still reads.
        let older = json.replace(r#","time_in_status":[],"activity":null"#, "");
        assert_eq!(serde_json::from_str::<WorkItem>(&older).unwrap(), bare);
    }

    #[test]
    fn bincode_round_trips_both_kinds_of_row() {
        let options = bincode::DefaultOptions::new().with_varint_encoding();
        let rows = vec![full_item(), WorkItem::default(), full_item()];
        let bytes = options.serialize(&rows).unwrap();
        assert_eq!(options.deserialize::<Vec<WorkItem>>(&bytes).unwrap(), rows);
    }
}
