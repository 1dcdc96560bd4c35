//! Saved reviews: what a leader's review found, kept as a small file so the
//! next review can say what changed since.
//!
//! A [`Review`] is the state of one review, with real names and no raw
//! rows: its as-of date, the model, each open finding's identity and
//! measure, who was on which team, and each stakeholder's quadrant. It is
//! saved as `teamdiff-review-YYYY-MM-DD.json` ([`Review::to_json`], the
//! format in `docs/review-file.md`) and read back by [`Review::from_json`],
//! all or nothing: a broken, cut-off, foreign or newer file is refused with
//! the line and column concerned.
//!
//! [`diff::changes`] compares a saved review with the current one: findings
//! new, resolved and persisting (and for how long), the teams that changed
//! most, roster moves, stakeholders who moved quadrant or went uncontacted,
//! and norms changed between the two models.
//!
//! This layer reads `dataset`, `model` and `findings`; `present` turns its
//! [`Changes`] into the "What changed" page, the report's section and the
//! presenter pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::dataset::{Dataset, Index};
use crate::findings::{Finding, Measure, Severity};
use crate::model::norms::Unit;
use crate::model::stakeholders::{ratings, Quadrant};
use crate::model::{TeamModel, MODEL_FORMAT};

pub mod diff;

pub use crate::ingest::REVIEW_FORMAT;
pub use diff::{changes, Changes};

/// The version this teamdiff writes and reads.
pub const REVIEW_VERSION: u32 = 1;

/// One review: everything the next one needs to say what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub as_of: NaiveDate,
    pub model: TeamModel,
    /// The open findings, in the order the tripwires listed them.
    pub findings: Vec<SavedFinding>,
    /// Team → the people the roster placed in it, sorted.
    pub teams: BTreeMap<String, Vec<String>>,
    /// Sorted by name.
    pub stakeholders: Vec<SavedStakeholder>,
}

/// An open finding as a review keeps it: its identity and its measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedFinding {
    /// `findings::finding_key`: stable while the numbers change.
    pub key: String,
    pub tripwire: String,
    pub team: String,
    pub subject: String,
    /// The person it is about, kept so presenter mode can hide a name
    /// that has since left the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub severity: Severity,
    pub observed: Measure,
    /// When it was first open, as far as anyone can tell: the earliest of
    /// the review's date, the date an earlier review carried for it, and
    /// the date its own measure implies (a review 20 days late against a
    /// 7-day norm has been open 13 days).
    pub since: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedStakeholder {
    pub name: String,
    pub quadrant: Quadrant,
    /// The last contact the files recorded, so the next review can tell
    /// who has not been contacted since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<NaiveDate>,
}

impl Review {
    /// The review of what is open now. `earlier`: a saved review, whose
    /// `since` dates carry over to the findings still open.
    pub fn of(index: &Index, model: &TeamModel, findings: &[Finding], as_of: NaiveDate, earlier: Option<&Review>) -> Review {
        let carried: BTreeMap<&str, NaiveDate> =
            earlier.map(|r| r.findings.iter().map(|f| (f.key.as_str(), f.since)).collect()).unwrap_or_default();
        let findings = findings
            .iter()
            .map(|f| SavedFinding {
                key: f.key.clone(),
                tripwire: f.tripwire.clone(),
                team: f.team.clone(),
                subject: f.subject.clone(),
                person: f.person.clone(),
                severity: f.severity,
                observed: f.observed,
                since: own_start(f, as_of).min(carried.get(f.key.as_str()).copied().unwrap_or(as_of)),
            })
            .collect();
        let mut teams: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for person in index.people() {
            teams.entry(person.team.clone()).or_default().push(person.name.clone());
        }
        for people in teams.values_mut() {
            people.sort();
        }
        Review { as_of, model: model.clone(), findings, teams, stakeholders: current_stakeholders(index.dataset()) }
    }

    /// `teamdiff-review-YYYY-MM-DD.json`, by the review's as-of date.
    pub fn file_name(&self) -> String {
        format!("{REVIEW_FORMAT}-{}.json", self.as_of)
    }

    /// The review as pretty-printed JSON; see `docs/review-file.md`.
    pub fn to_json(&self) -> String {
        // The model file's own text, keys in its order, indented one level
        // deeper (JSON strings hold no raw line breaks, so this is safe).
        let model = RawValue::from_string(self.model.to_json().replace('\n', "\n  ")).expect("the model file is JSON");
        let file = ReviewFileV1 {
            format: REVIEW_FORMAT.to_string(),
            version: REVIEW_VERSION,
            as_of: self.as_of,
            model,
            findings: self.findings.clone(),
            teams: self.teams.clone(),
            stakeholders: self.stakeholders.clone(),
        };
        serde_json::to_string_pretty(&file).expect("a review serializes")
    }

    /// Reads and checks a saved review, all or nothing.
    pub fn from_json(text: &str) -> Result<Review, ReviewFileError> {
        // The byte-order mark is invisible in an editor, so columns count without it.
        let text = text.trim_start_matches('\u{feff}');
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| refuse_json(&e))?;
        let object = value.as_object().ok_or_else(|| refuse_at(text, None, "expected a JSON object at the top level".into()))?;
        match object.get("format").and_then(|f| f.as_str()) {
            Some(REVIEW_FORMAT) => {}
            Some(MODEL_FORMAT) => {
                return Err(refuse_at(
                    text,
                    Some("\"format\""),
                    "this is a teamdiff model file, not a saved review; import it on the Model page".into(),
                ))
            }
            Some(other) => return Err(refuse_at(text, Some("\"format\""), format!("`format` is \"{other}\", expected \"{REVIEW_FORMAT}\""))),
            None => {
                return Err(refuse_at(text, None, format!("this is not a saved teamdiff review: `\"format\": \"{REVIEW_FORMAT}\"` is missing")))
            }
        }
        let version = object
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| refuse_at(text, Some("\"version\""), "`version` is missing or not a whole number".into()))?;
        if version > u64::from(REVIEW_VERSION) {
            let why = format!("it was saved by a newer teamdiff (review version {version}); this one reads version {REVIEW_VERSION}");
            return Err(refuse_at(text, Some("\"version\""), why));
        }
        if version != u64::from(REVIEW_VERSION) {
            let why = format!("review version {version} is not supported; this teamdiff reads version {REVIEW_VERSION}");
            return Err(refuse_at(text, Some("\"version\""), why));
        }
        // From the text, not from `value`: only the text knows where a
        // wrong type or an unknown field is.
        let file: ReviewFileV1<&RawValue> = serde_json::from_str(text).map_err(|e| refuse_json(&e))?;
        let model = read_model(text, file.model)?;
        let mut keys = BTreeSet::new();
        for finding in &file.findings {
            if finding.key.is_empty() || !keys.insert(finding.key.as_str()) {
                let why = if finding.key.is_empty() { "a finding's `key` is empty".to_string() } else { format!("the finding `{}` is listed twice", finding.key) };
                return Err(refuse_at(text, Some(&serde_json::to_string(&finding.key).expect("a string")), why));
            }
        }
        Ok(Review { as_of: file.as_of, model, findings: file.findings, teams: file.teams, stakeholders: file.stakeholders })
    }

    /// Every name the review holds: its people, the people its findings
    /// are about and its stakeholders, for presenter mode.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let people = self.teams.values().flatten().map(String::as_str);
        let about = self.findings.iter().filter_map(|f| f.person.as_deref());
        people.chain(about).chain(self.stakeholders.iter().map(|s| s.name.as_str()))
    }
}

/// The date a finding's own measure says it opened: for a measure in days
/// past a norm in days, that many days past the norm before `as_of`.
fn own_start(finding: &Finding, as_of: NaiveDate) -> NaiveDate {
    if finding.observed.unit != Unit::Days || finding.norm.unit != Unit::Days {
        return as_of;
    }
    let past = (finding.observed.value - finding.norm.value).floor();
    if !(1.0..=36_500.0).contains(&past) {
        return as_of;
    }
    as_of - chrono::Days::new(past as u64)
}

/// Each rated stakeholder's current quadrant (`model::stakeholders::ratings`)
/// and latest contact, by name.
fn current_stakeholders(dataset: &Dataset) -> Vec<SavedStakeholder> {
    let mut out: Vec<SavedStakeholder> = ratings(&dataset.stakeholders)
        .into_iter()
        .filter_map(|rows| {
            let all = rows.iter().map(|&i| &dataset.stakeholders[i]);
            let last_contact = all.clone().filter_map(|s| s.last_contact).max();
            let current = all.rev().find_map(|s| Some((s, Quadrant::of(s.power?, s.interest?))));
            current.map(|(s, quadrant)| SavedStakeholder { name: s.name.trim().to_string(), quadrant, last_contact })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The file as written. `M` is the model's raw JSON: owned when writing,
/// borrowed from the text when reading, so the model's own reader places
/// its errors in the review.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFileV1<M> {
    format: String,
    version: u32,
    as_of: NaiveDate,
    model: M,
    #[serde(default)]
    findings: Vec<SavedFinding>,
    #[serde(default)]
    teams: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    stakeholders: Vec<SavedStakeholder>,
}

/// The embedded model, read by the model file's own reader; its error is
/// placed in the review's text.
fn read_model(text: &str, raw: &RawValue) -> Result<TeamModel, ReviewFileError> {
    TeamModel::from_json(raw.get()).map_err(|e| {
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let (line, column) = line_column(text, start);
        let (line, column) = match (e.line, e.column) {
            (0, _) => (line, column),
            (1, c) => (line, column + c - 1),
            (l, c) => (line + l - 1, c),
        };
        ReviewFileError { line, column, message: format!("the model: {}", e.reason()) }
    })
}

/// Why a review file was refused, and where: 1-based `line` and `column`,
/// both 0 only when the place is the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewFileError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for ReviewFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for ReviewFileError {}

/// serde_json's error at its place, in words a reader of the file needs:
/// a file that ends early was cut off.
fn refuse_json(error: &serde_json::Error) -> ReviewFileError {
    let full = error.to_string();
    let bare = full.strip_suffix(&format!(" at line {} column {}", error.line(), error.column())).unwrap_or(&full);
    let message = match error.classify() {
        serde_json::error::Category::Eof => format!("the file ends too early, it may be cut off ({bare})"),
        serde_json::error::Category::Syntax => format!("not valid JSON: {bare}"),
        _ => bare.to_string(),
    };
    ReviewFileError { line: error.line() as u32, column: error.column() as u32, message }
}

/// A refusal at the first occurrence of `needle` (a quoted key), else at
/// the start of the file.
fn refuse_at(text: &str, needle: Option<&str>, message: String) -> ReviewFileError {
    let at = needle.and_then(|n| text.find(n)).unwrap_or_else(|| text.len() - text.trim_start().len());
    let (line, column) = line_column(text, at);
    ReviewFileError { line, column, message }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::evaluate;
    use crate::testkit::orgs as synthetic;

    fn saved() -> Review {
        let dataset = synthetic::small_org();
        let model = TeamModel::from_dataset(&dataset);
        let found = evaluate(&dataset, &model, synthetic::today());
        Review::of(&Index::new(&dataset), &model, &found, synthetic::today(), None)
    }

    #[test]
    fn a_review_round_trips_and_names_its_file_by_date() {
        let review = saved();
        assert!(!review.findings.is_empty() && !review.teams.is_empty() && !review.stakeholders.is_empty());
        assert_eq!(Review::from_json(&review.to_json()).unwrap(), review);
        assert_eq!(review.file_name(), format!("teamdiff-review-{}.json", synthetic::today()));
        assert!(crate::ingest::is_review_file(review.to_json().as_bytes()));
    }

    #[test]
    fn the_file_holds_no_rows_and_nothing_beyond_its_fields() {
        let review = saved();
        let value: serde_json::Value = serde_json::from_str(&review.to_json()).unwrap();
        let keys: BTreeSet<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["format", "version", "as_of", "model", "findings", "teams", "stakeholders"]));
        let text = review.to_json();
        assert!(text.starts_with("{\n  \"format\": \"teamdiff-review\""), "the format comes first, for classification");
        for absent in ["evidence", "why", "ask", ".csv"] {
            assert!(!text.contains(absent), "{absent} in the review file");
        }
    }

    #[test]
    fn since_is_the_earliest_of_the_date_an_earlier_review_and_the_measure() {
        let dataset = synthetic::small_org();
        let model = TeamModel::from_dataset(&dataset);
        let today = synthetic::today();
        let found = evaluate(&dataset, &model, today);
        let index = Index::new(&dataset);
        let first = Review::of(&index, &model, &found, today, None);
        let by_days = found.iter().find(|f| f.observed.unit == Unit::Days && f.norm.unit == Unit::Days && f.observed.value >= f.norm.value + 1.0).unwrap();
        let expected = today - chrono::Days::new((by_days.observed.value - by_days.norm.value).floor() as u64);
        assert_eq!(first.findings.iter().find(|f| f.key == by_days.key).unwrap().since, expected);
        let mut earlier = first.clone();
        for f in &mut earlier.findings {
            f.since = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        }
        let later = Review::of(&index, &model, &found, today, Some(&earlier));
        assert!(later.findings.iter().all(|f| f.since == NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()), "carried over from the earlier review");
    }

    #[test]
    fn ingest_tells_a_review_from_a_github_export_and_back() {
        use crate::ingest::is_review_file;
        let review = saved().to_json();
        assert!(is_review_file(review.as_bytes()));
        assert!(is_review_file(format!("\u{feff}{review}").as_bytes()), "with a byte-order mark");
        assert!(is_review_file(&review.as_bytes()[..200]), "cut off: still a review, refused by the review reader");
        let gh = r#"[{"number": 1, "title": "{\"format\": \"teamdiff-review\"}", "author": {"login": "ann"}}]"#;
        let wrapper = r#"{"items": [{"number": 1, "format": "teamdiff-review"}], "total_count": 1}"#;
        let nested = r#"{"data": {"format": "teamdiff-review", "repository": {"pullRequests": {"nodes": []}}}}"#;
        for export in [gh, wrapper, nested, &TeamModel::default().to_json(), "{\"format\": 3}", "name,team\nAnn,Atlas\n"] {
            assert!(!is_review_file(export.as_bytes()), "{export}");
        }
        // And ingest, which a review never reaches, would refuse it rather than read rows from it.
        let mut dataset = Dataset::default();
        let read = crate::ingest::ingest_file(&mut dataset, "r.json", review.as_bytes(), &Default::default(), &mut |_, _| {});
        assert!(read.is_err() && dataset.files.is_empty());
    }

    fn refusal(text: &str) -> ReviewFileError {
        Review::from_json(text).expect_err("refused")
    }

    #[test]
    fn broken_cut_off_foreign_and_newer_files_are_refused_where() {
        let good = saved().to_json();
        let cut = refusal(&good[..good.len() / 2]);
        assert!(cut.message.contains("cut off"), "{cut}");
        assert!(cut.line > 1);

        let broken = refusal("{\n  \"format\": \"teamdiff-review\",\n  \"version\": 1,,\n}");
        assert_eq!((broken.line, broken.column), (3, 16), "{broken}");
        assert!(broken.message.starts_with("not valid JSON"), "{broken}");

        let model = refusal(&TeamModel::default().to_json());
        assert!(model.message.contains("model file, not a saved review"), "{model}");
        assert_eq!((model.line, model.column), (2, 3));

        let random = refusal("{\"name\": \"x\", \"items\": [1, 2]}");
        assert!(random.message.contains("not a saved teamdiff review"), "{random}");
        assert_eq!(refusal("[1, 2]").message, "expected a JSON object at the top level");

        let newer = refusal(&good.replacen("\"version\": 1", "\"version\": 2", 1));
        assert!(newer.message.contains("newer teamdiff (review version 2)"), "{newer}");
        assert_eq!((newer.line, newer.column), (3, 3));
        assert!(refusal(&good.replacen("\"version\": 1", "\"version\": 0", 1)).message.contains("not supported"));
    }

    #[test]
    fn wrong_fields_and_a_bad_model_inside_are_placed_in_the_review() {
        let good = saved().to_json();
        let unknown = refusal(&good.replacen("\"as_of\"", "\"rows\": [],\n  \"as_of\"", 1));
        assert!(unknown.message.contains("unknown field `rows`"), "{unknown}");
        assert_eq!(unknown.line, 4);

        let bad_date = refusal(&good.replacen(&format!("\"as_of\": \"{}\"", synthetic::today()), "\"as_of\": \"yesterday\"", 1));
        assert_eq!(bad_date.line, 4, "{bad_date}");

        // A model whose version is from the future, inside a good review.
        let inner = good.replacen("\"format\": \"teamdiff-model\",\n    \"version\": 1", "\"format\": \"teamdiff-model\",\n    \"version\": 7", 1);
        assert!(inner != good, "the model's version is in the file");
        let model = refusal(&inner);
        let line = inner.lines().position(|l| l.contains("\"version\": 7")).unwrap() as u32 + 1;
        assert!(model.message.starts_with("the model: ") && model.message.contains("newer"), "{model}");
        assert_eq!(model.line, line, "{model}");
    }

    #[test]
    fn a_finding_listed_twice_is_refused() {
        let mut review = saved();
        review.findings.push(review.findings[0].clone());
        let twice = refusal(&review.to_json());
        assert!(twice.message.contains("listed twice"), "{twice}");
    }
}
