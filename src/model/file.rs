//! `teamdiff-model.json`: the model as the user exports and imports it.
//!
//! ```json
//! { "format": "teamdiff-model", "version": 1,
//!   "teams": { "Atlas": { "flavor": "infra", "overrides": { "quiet_days": 10 } } },
//!   "custom_flavors": {}, "stakeholder_cadence": { ... }, "accepted": [ ... ] }
//! ```
//!
//! Import is all or nothing: the file is fully parsed and validated into a
//! new model before the current one is replaced, so a bad file leaves the
//! current model exactly as it was.
//!
//! Every refusal says where: JSON and type errors carry serde_json's line
//! and column, and a value that parses but is out of range is found again
//! in the text by its path (`teams` → `Atlas` → `overrides`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::norms::{preset_norms, validate_norms, validate_overrides, Norms};
use super::{AcceptedDeviation, ContactCadence, TeamModel, TeamSettings};

pub const MODEL_FORMAT: &str = "teamdiff-model";
pub const MODEL_VERSION: u32 = 1;

/// Why a model file was refused. The message starts with the place in the
/// file (`line 12, column 20: …`), which is also given as numbers; both are
/// 0 only when even the top level could not be located.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelFileError {
    pub message: String,
    #[serde(default)]
    pub line: u32,
    #[serde(default)]
    pub column: u32,
}

impl fmt::Display for ModelFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "teamdiff-model.json was not loaded: {}", self.message)
    }
}

impl std::error::Error for ModelFileError {}

impl ModelFileError {
    /// The message without its leading place, for callers that print the
    /// place their own way (`file:line:column: …`).
    pub fn reason(&self) -> &str {
        self.message.strip_prefix(&format!("line {}, column {}: ", self.line, self.column)).unwrap_or(&self.message)
    }
}

/// A refusal at a place in the file, `None` when it cannot be placed.
fn refuse_at(place: Option<(usize, usize)>, message: impl Into<String>) -> ModelFileError {
    let message = message.into();
    match place {
        Some((line, column)) => ModelFileError {
            message: format!("line {line}, column {column}: {message}"),
            line: line as u32,
            column: column as u32,
        },
        None => ModelFileError { message, line: 0, column: 0 },
    }
}

/// serde_json's own error, placed; its message without the " at line L
/// column C" it appends, since the place now leads.
fn refuse_json(error: &serde_json::Error, what: &str) -> ModelFileError {
    let full = error.to_string();
    let bare = full.strip_suffix(&format!(" at line {} column {}", error.line(), error.column())).unwrap_or(&full);
    let message = if what.is_empty() { bare.to_string() } else { format!("{what}: {bare}") };
    refuse_at((error.line() > 0).then(|| (error.line(), error.column())), message)
}

/// What [`TeamModel::validate`] objects to, and the keys (array indexes as
/// numbers) from the top of the file down to the value concerned.
struct Invalid {
    path: Vec<String>,
    message: String,
}

fn invalid(path: &[&str], message: impl Into<String>) -> Invalid {
    Invalid { path: path.iter().map(|key| key.to_string()).collect(), message: message.into() }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFileV1 {
    format: String,
    version: u32,
    #[serde(default)]
    teams: BTreeMap<String, TeamSettings>,
    #[serde(default)]
    custom_flavors: BTreeMap<String, Norms>,
    #[serde(default)]
    stakeholder_cadence: ContactCadence,
    #[serde(default)]
    accepted: Vec<AcceptedDeviation>,
}

impl TeamModel {
    /// The model as pretty-printed `teamdiff-model.json`.
    pub fn to_json(&self) -> String {
        let file = ModelFileV1 {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            teams: self.teams.clone(),
            custom_flavors: self.custom_flavors.clone(),
            stakeholder_cadence: self.stakeholder_cadence.clone(),
            accepted: self.accepted.clone(),
        };
        serde_json::to_string_pretty(&file).expect("model serializes")
    }

    /// Parses and validates a model file.
    pub fn from_json(text: &str) -> Result<TeamModel, ModelFileError> {
        // The byte-order mark is invisible in an editor, so columns count without it.
        let text = text.trim_start_matches('\u{feff}');
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| refuse_json(&e, "not valid JSON"))?;
        let refuse = |path: &[&str], message: String| refuse_at(locate(text, path), message);
        let object = value.as_object().ok_or_else(|| refuse(&[], "expected a JSON object at the top level".into()))?;
        match object.get("format").and_then(|f| f.as_str()) {
            Some(MODEL_FORMAT) => {}
            Some(other) => return Err(refuse(&["format"], format!("`format` is \"{other}\", expected \"{MODEL_FORMAT}\""))),
            None => return Err(refuse(&[], format!("this is not a teamdiff model: `\"format\": \"{MODEL_FORMAT}\"` is missing"))),
        }
        let version = object
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| refuse(&["version"], "`version` is missing or not a whole number".into()))?;
        if version > MODEL_VERSION as u64 {
            return Err(refuse(
                &["version"],
                format!("it was written by a newer teamdiff (model version {version}); this one reads version {MODEL_VERSION}"),
            ));
        }
        if version != MODEL_VERSION as u64 {
            return Err(refuse(&["version"], format!("model version {version} is not supported; this teamdiff reads version {MODEL_VERSION}")));
        }
        // From the text, not from `value`: only the text knows where a
        // wrong type or an unknown field is.
        let file: ModelFileV1 = serde_json::from_str(text).map_err(|e| refuse_json(&e, ""))?;
        let model = TeamModel {
            teams: file.teams,
            custom_flavors: file.custom_flavors,
            stakeholder_cadence: file.stakeholder_cadence,
            accepted: file.accepted,
        };
        if let Err(Invalid { path, message }) = model.check() {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            return Err(refuse(&path, message));
        }
        Ok(model)
    }

    /// Replaces this model with the file's, or leaves it untouched and
    /// says why.
    pub fn import_json(&mut self, text: &str) -> Result<(), ModelFileError> {
        *self = TeamModel::from_json(text)?;
        Ok(())
    }

    /// Checks what JSON types alone cannot: flavors exist, norms are in
    /// range, acceptances have a reason and a sane expiry.
    pub fn validate(&self) -> Result<(), String> {
        self.check().map_err(|invalid| invalid.message)
    }

    fn check(&self) -> Result<(), Invalid> {
        for (name, norms) in &self.custom_flavors {
            let at = ["custom_flavors", name.as_str()];
            if preset_norms(name).is_some() {
                return Err(invalid(&at, format!("custom_flavors.{name}: `{name}` is a preset flavor and cannot be redefined")));
            }
            validate_norms(norms).map_err(|e| invalid(&[at[0], at[1], named_field(&e)], format!("custom_flavors.{name}: {e}")))?;
        }
        for (team, settings) in &self.teams {
            if team.trim().is_empty() {
                return Err(invalid(&["teams", team], "teams: a team name is empty"));
            }
            if self.flavor_norms(&settings.flavor).is_none() {
                return Err(invalid(
                    &["teams", team, "flavor"],
                    format!("teams.{team}.flavor: `{}` is neither a preset (greenfield, infra, legacy) nor in custom_flavors", settings.flavor),
                ));
            }
            validate_overrides(&settings.overrides)
                .map_err(|e| invalid(&["teams", team, "overrides", named_field(&e)], format!("teams.{team}.overrides: {e}")))?;
            if !(-1.0..=1.0).contains(&settings.confidence_adjustment) {
                return Err(invalid(
                    &["teams", team, "confidence_adjustment"],
                    format!("teams.{team}.confidence_adjustment must be between -1 and 1"),
                ));
            }
        }
        let cadence = &self.stakeholder_cadence;
        for (field, days) in [
            ("manage_closely_days", cadence.manage_closely_days),
            ("keep_satisfied_days", cadence.keep_satisfied_days),
            ("keep_informed_days", cadence.keep_informed_days),
        ] {
            if days == 0 {
                return Err(invalid(&["stakeholder_cadence", field], format!("stakeholder_cadence.{field} must be at least 1")));
            }
        }
        let mut keys = BTreeSet::new();
        for (i, accepted) in self.accepted.iter().enumerate() {
            let index = i.to_string();
            let message = |field: &str, message: String| invalid(&["accepted", &index, field], message);
            if accepted.key.trim().is_empty() {
                return Err(message("key", format!("accepted[{i}].key is empty")));
            }
            if accepted.reason.trim().is_empty() {
                return Err(message("reason", format!("accepted[{i}] ({}): the reason is empty", accepted.key)));
            }
            if accepted.expires < accepted.accepted_on {
                return Err(message("expires", format!("accepted[{i}] ({}): expires before it was accepted", accepted.key)));
            }
            if !keys.insert(accepted.key.as_str()) {
                return Err(message("key", format!("accepted[{i}]: `{}` is accepted twice", accepted.key)));
            }
        }
        Ok(())
    }
}

/// The norm a norms check message starts with (`quiet_days must be …`,
/// `cycle_days[1].days …`), to place it; `locate` falls back to the
/// enclosing object when the file has no such key.
fn named_field(message: &str) -> &str {
    message.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or_default()
}

/// Line and column of the key of the value at `path` in `text` (valid
/// JSON), or of its nearest enclosing value that exists; the top level is
/// placed at its first character. serde_json keeps positions only while it
/// reads text, so the text is read again, skipping every value off the
/// path, and a deliberate error stops the reader right after the key.
fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    const FOUND: &str = "found";
    struct Find<'p>(&'p [&'p str]);

    impl<'de> DeserializeSeed<'de> for Find<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Find<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object or array on the path")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                match self.0 {
                    [wanted] if key == *wanted => return Err(de::Error::custom(FOUND)),
                    [wanted, rest @ ..] if key == *wanted => return map.next_value_seed(Find(rest)),
                    _ => map.next_value::<IgnoredAny>()?,
                };
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let Ok(wanted) = self.0[0].parse::<usize>() else { return Ok(()) };
            for _ in 0..wanted {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
            }
            match self.0 {
                [_] => Err(de::Error::custom(FOUND)),
                [_, rest @ ..] => seq.next_element_seed(Find(rest)).map(|_| ()),
                [] => Ok(()),
            }
        }
    }

    let found = (1..=path.len()).rev().find_map(|depth| {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let error = Find(&path[..depth]).deserialize(&mut deserializer).err()?;
        (error.to_string().starts_with(FOUND) && error.line() > 0).then(|| (error.line(), error.column()))
    });
    found.or_else(|| {
        let start = text.find(|c: char| !c.is_whitespace())?;
        let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
        Some((text[..start].matches('\n').count() + 1, start - line_start + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::testkit::date;
    use crate::model::{SizeBand, DEFAULT_FLAVOR};

    fn sample_model() -> TeamModel {
        let mut model = TeamModel::default();
        let mut atlas = TeamSettings::with_flavor("infra");
        atlas.overrides.set_scalar("quiet_days", 10).unwrap();
        atlas.overrides.cycle_days = Some(vec![SizeBand { up_to_points: Some(3.0), days: 4 }, SizeBand { up_to_points: None, days: 9 }]);
        atlas.confidence_adjustment = 0.25;
        model.teams.insert("Atlas".into(), atlas);
        model.teams.insert("Data Platform".into(), TeamSettings::with_flavor("platform"));
        model.custom_flavors.insert("platform".into(), preset_norms(DEFAULT_FLAVOR).unwrap());
        model.accepted.push(AcceptedDeviation {
            key: "quiet_contributor|Atlas|Ana Lima".into(),
            tripwire: "quiet_contributor".into(),
            team: "Atlas".into(),
            subject: "Ana Lima".into(),
            reason: "Parental leave".into(),
            accepted_on: date("2026-01-05"),
            expires: date("2026-04-30"),
        });
        model
    }

    #[test]
    fn round_trips_through_json() {
        let model = sample_model();
        let json = model.to_json();
        assert!(json.contains("\"format\": \"teamdiff-model\""));
        assert!(json.contains("\"version\": 1"));
        assert_eq!(TeamModel::from_json(&json).unwrap(), model);
    }

    #[test]
    fn refuses_other_versions_and_formats_clearly() {
        let newer = sample_model().to_json().replace("\"version\": 1", "\"version\": 2");
        let err = TeamModel::from_json(&newer).unwrap_err().to_string();
        assert!(err.contains("newer teamdiff (model version 2)"), "{err}");

        let err = TeamModel::from_json(r#"{"teams":{}}"#).unwrap_err().to_string();
        assert!(err.contains("not a teamdiff model"), "{err}");
        let err = TeamModel::from_json("{\"format\":").unwrap_err().to_string();
        assert!(err.contains("line 1, column 10: not valid JSON: EOF while parsing"), "{err}");
    }

    /// The line and column of the first occurrence of `needle` (1-based,
    /// in bytes like serde_json), for expectations that follow the text.
    fn place_of(text: &str, needle: &str) -> (u32, u32) {
        let at = text.find(needle).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |newline| newline + 1) + 1;
        (line as u32, column as u32)
    }

    #[test]
    fn a_wrong_type_is_refused_at_its_line_and_column() {
        let text = sample_model().to_json().replace("\"days\": 9", "\"days\": \"nine\"");
        let err = TeamModel::from_json(&text).unwrap_err();
        let (line, column) = place_of(&text, "\"nine\"");
        assert_eq!((err.line, err.column), (line, column + "\"nine\"".len() as u32 - 1), "{err}");
        assert!(err.message.starts_with(&format!("line {line}, column {}: invalid type: string \"nine\", expected u32", err.column)), "{err}");
        assert!(!err.message.contains(" at line "), "the place is said once: {err}");
        assert_eq!(err.reason(), "invalid type: string \"nine\", expected u32");
    }

    #[test]
    fn values_out_of_range_are_refused_where_they_are_written() {
        let model = sample_model().to_json();
        let cases = [
            (model.replace("\"quiet_days\": 10", "\"quiet_days\": 0"), "\"quiet_days\": 0"),
            (model.replace("\"flavor\": \"platform\"", "\"flavor\": \"rocket\""), "\"flavor\": \"rocket\""),
            (model.replace("Parental leave", " "), "\"reason\": \" \""),
            (model.replace("\"format\": \"teamdiff-model\"", "\"format\": \"other\""), "\"format\": \"other\""),
            (model.replace("\"version\": 1", "\"version\": 7"), "\"version\": 7"),
        ];
        for (text, entry) in cases {
            // Placed on the entry's key.
            let err = TeamModel::from_json(&text).unwrap_err();
            let (line, column) = place_of(&text, entry);
            assert_eq!(err.line, line, "{err} in {text}");
            assert!((column..column + entry.len() as u32).contains(&err.column), "{err}: expected within `{entry}` at column {column}");
            assert!(err.message.starts_with(&format!("line {line}, column {}: ", err.column)), "{err}");
        }
        let top = TeamModel::from_json("\n  [1, 2]").unwrap_err();
        assert_eq!((top.line, top.column), (2, 3), "{top}");
    }

    #[test]
    fn bad_file_is_rejected_and_current_model_untouched() {
        let mut current = sample_model();
        let before = current.clone();
        let cases = [
            (sample_model().to_json().replace("\"quiet_days\": 10", "\"quiet_days\": 0"), "teams.Atlas.overrides: quiet_days must be between 1 and 365"),
            (sample_model().to_json().replace("\"quiet_days\"", "\"quiet_dayz\""), "unknown field `quiet_dayz`"),
            (sample_model().to_json().replace("\"flavor\": \"platform\"", "\"flavor\": \"rocket\""), "teams.Data Platform.flavor: `rocket`"),
            (sample_model().to_json().replace("Parental leave", " "), "the reason is empty"),
            (sample_model().to_json().replace("\"days\": 9", "\"days\": \"nine\""), "invalid type"),
        ];
        for (text, expected) in cases {
            let err = current.import_json(&text).unwrap_err().to_string();
            assert!(err.contains(expected), "expected `{expected}` in `{err}`");
            assert_eq!(current, before);
        }
        let mut edited = sample_model();
        edited.teams.remove("Atlas");
        current.import_json(&edited.to_json()).unwrap();
        assert_eq!(current, edited);
    }
}
