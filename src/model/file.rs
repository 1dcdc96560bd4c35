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
use super::{AcceptedDeviation, ContactCadence, ModelError, NormChange, TeamModel, TeamSettings};

pub const MODEL_FORMAT: &str = "teamdiff-model";
pub const MODEL_VERSION: u32 = 1;

/// Why a model file was refused, and where: `line` and `column` (1-based,
/// as serde_json counts them) of the value concerned, both 0 only when even
/// the top level could not be located.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFileError {
    pub error: ModelError,
    pub line: u32,
    pub column: u32,
}

impl ModelFileError {
    /// The reason with its place in front: `line 12, column 20: …`.
    pub fn message(&self) -> String {
        if self.line == 0 {
            self.error.to_string()
        } else {
            format!("line {}, column {}: {}", self.line, self.column, self.error)
        }
    }

    /// The reason without its place, for callers that print the place
    /// their own way (`file:line:column: …`).
    pub fn reason(&self) -> String {
        self.error.to_string()
    }
}

impl fmt::Display for ModelFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "teamdiff-model.json was not loaded: {}", self.message())
    }
}

impl std::error::Error for ModelFileError {}

/// A refusal at a place in the file, `None` when it cannot be placed.
fn refuse_at(place: Option<(usize, usize)>, error: ModelError) -> ModelFileError {
    let (line, column) = place.unwrap_or_default();
    ModelFileError { error, line: line as u32, column: column as u32 }
}

/// serde_json's own error, placed; its message without the " at line L
/// column C" it appends, since the place now leads.
fn refuse_json(error: &serde_json::Error, kind: fn(String) -> ModelError) -> ModelFileError {
    let full = error.to_string();
    let bare = full.strip_suffix(&format!(" at line {} column {}", error.line(), error.column())).unwrap_or(&full);
    refuse_at((error.line() > 0).then(|| (error.line(), error.column())), kind(bare.to_string()))
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
    /// Left out when empty, so a model without bots reads as it always did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    bots: Vec<String>,
    /// The norm change log; left out when empty, like `bots`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    norm_changes: Vec<NormChange>,
    /// Confirmed identity matches; left out when empty, like `bots`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    identities: BTreeMap<String, String>,
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
            bots: self.bots.clone(),
            norm_changes: self.norm_changes.clone(),
            identities: self.identities.clone(),
        };
        serde_json::to_string_pretty(&file).expect("model serializes")
    }

    /// Parses and validates a model file.
    pub fn from_json(text: &str) -> Result<TeamModel, ModelFileError> {
        // The byte-order mark is invisible in an editor, so columns count without it.
        let text = text.trim_start_matches('\u{feff}');
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| refuse_json(&e, |detail| ModelError::NotJson { detail }))?;
        let refuse = |path: &[&str], error: ModelError| refuse_at(locate(text, path), error);
        let object = value.as_object().ok_or_else(|| refuse(&[], ModelError::NotAnObject))?;
        match object.get("format").and_then(|f| f.as_str()) {
            Some(MODEL_FORMAT) => {}
            Some(other) => return Err(refuse(&["format"], ModelError::WrongFormat { found: other.to_string() })),
            None => return Err(refuse(&[], ModelError::NotAModel)),
        }
        let version = object.get("version").and_then(|v| v.as_u64()).ok_or_else(|| refuse(&["version"], ModelError::NoVersion))?;
        if version > MODEL_VERSION as u64 {
            return Err(refuse(&["version"], ModelError::NewerVersion { version }));
        }
        if version != MODEL_VERSION as u64 {
            return Err(refuse(&["version"], ModelError::OlderVersion { version }));
        }
        // From the text, not from `value`: only the text knows where a
        // wrong type or an unknown field is.
        let file: ModelFileV1 = serde_json::from_str(text).map_err(|e| refuse_json(&e, |detail| ModelError::Shape { detail }))?;
        let model = TeamModel {
            teams: file.teams,
            custom_flavors: file.custom_flavors,
            stakeholder_cadence: file.stakeholder_cadence,
            accepted: file.accepted,
            bots: file.bots,
            norm_changes: file.norm_changes,
            identities: file.identities,
        };
        model.validate().map_err(|error| {
            let path = path_of(&error);
            refuse(&path.iter().map(String::as_str).collect::<Vec<_>>(), error)
        })?;
        Ok(model)
    }

    /// Replaces this model with the file's, or leaves it untouched and
    /// says why.
    pub fn import_json(&mut self, text: &str) -> Result<(), ModelFileError> {
        *self = TeamModel::from_json(text)?;
        Ok(())
    }

    /// Checks what JSON types alone cannot: flavors exist, norms are in
    /// range, acceptances have a reason and a sane expiry, bot names are
    /// neither empty nor repeated.
    pub fn validate(&self) -> Result<(), ModelError> {
        for (name, norms) in &self.custom_flavors {
            if preset_norms(name).is_some() {
                return Err(ModelError::PresetRedefined { flavor: name.clone() });
            }
            validate_norms(norms).map_err(|e| ModelError::FlavorNorms { flavor: name.clone(), problem: Box::new(e) })?;
        }
        for (team, settings) in &self.teams {
            if team.trim().is_empty() {
                return Err(ModelError::EmptyTeamName { team: team.clone() });
            }
            if self.flavor_norms(&settings.flavor).is_none() {
                return Err(ModelError::UndefinedFlavor { team: team.clone(), flavor: settings.flavor.clone() });
            }
            validate_overrides(&settings.overrides)
                .map_err(|e| ModelError::TeamOverrides { team: team.clone(), problem: Box::new(e) })?;
            if !(-1.0..=1.0).contains(&settings.confidence_adjustment) {
                return Err(ModelError::ConfidenceAdjustment { team: team.clone() });
            }
        }
        let cadence = &self.stakeholder_cadence;
        for (field, days) in [
            ("manage_closely_days", cadence.manage_closely_days),
            ("keep_satisfied_days", cadence.keep_satisfied_days),
            ("keep_informed_days", cadence.keep_informed_days),
        ] {
            if days == 0 {
                return Err(ModelError::ZeroCadence { field });
            }
        }
        let mut keys = BTreeSet::new();
        for (index, accepted) in self.accepted.iter().enumerate() {
            let key = || accepted.key.clone();
            if accepted.key.trim().is_empty() {
                return Err(ModelError::EmptyAcceptedKey { index });
            }
            if accepted.reason.trim().is_empty() {
                return Err(ModelError::EmptyAcceptedReason { index, key: key() });
            }
            if accepted.expires < accepted.accepted_on {
                return Err(ModelError::ExpiresBeforeAccepted { index, key: key() });
            }
            if !keys.insert(accepted.key.as_str()) {
                return Err(ModelError::AcceptedTwice { index, key: key() });
            }
        }
        let mut bots = BTreeSet::new();
        for (index, name) in self.bots.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(ModelError::EmptyBotName { index });
            }
            // Matched trimmed and in any case, so these would be one name.
            if !bots.insert(name.trim().to_lowercase()) {
                return Err(ModelError::BotListedTwice { index, name: name.clone() });
            }
        }
        for (identity, person) in &self.identities {
            if identity.trim().is_empty() || person.trim().is_empty() {
                return Err(ModelError::EmptyIdentity { identity: identity.clone() });
            }
        }
        Ok(())
    }
}

/// The keys (array indexes as numbers) from the top of the file down to
/// the value a [`TeamModel::validate`] refusal is about; `locate` falls
/// back to the enclosing object when the file has no such key.
fn path_of(error: &ModelError) -> Vec<String> {
    let accepted = |index: &usize, field: &str| vec!["accepted".to_string(), index.to_string(), field.to_string()];
    let keys = |keys: &[&str]| keys.iter().map(|key| key.to_string()).collect();
    match error {
        ModelError::PresetRedefined { flavor } => keys(&["custom_flavors", flavor]),
        ModelError::FlavorNorms { flavor, problem } => keys(&["custom_flavors", flavor, problem.norm().unwrap_or_default()]),
        ModelError::EmptyTeamName { team } => keys(&["teams", team]),
        ModelError::UndefinedFlavor { team, .. } => keys(&["teams", team, "flavor"]),
        ModelError::TeamOverrides { team, problem } => keys(&["teams", team, "overrides", problem.norm().unwrap_or_default()]),
        ModelError::ConfidenceAdjustment { team } => keys(&["teams", team, "confidence_adjustment"]),
        ModelError::ZeroCadence { field } => keys(&["stakeholder_cadence", field]),
        ModelError::EmptyAcceptedKey { index } | ModelError::AcceptedTwice { index, .. } => accepted(index, "key"),
        ModelError::EmptyAcceptedReason { index, .. } => accepted(index, "reason"),
        ModelError::ExpiresBeforeAccepted { index, .. } => accepted(index, "expires"),
        ModelError::EmptyBotName { index } | ModelError::BotListedTwice { index, .. } => vec!["bots".to_string(), index.to_string()],
        ModelError::EmptyIdentity { identity } => keys(&["identities", identity]),
        _ => Vec::new(),
    }
}

/// Line and column of the key of the value at `path` in `text` (valid
/// JSON), or of its nearest enclosing value that exists; the top level is
/// placed at its first character. serde_json keeps positions only while it
/// reads text, so the text is read again, skipping every value off the
/// path, and a deliberate error stops the reader right after the key.
fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    const FOUND: &str = "found";
    const FOUND_ELEMENT: &str = "found element";
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
                // Stopped after the whitespace before the element: its
                // first character is one column on.
                [_] => Err(de::Error::custom(FOUND_ELEMENT)),
                [_, rest @ ..] => seq.next_element_seed(Find(rest)).map(|_| ()),
                [] => Ok(()),
            }
        }
    }

    let found = (1..=path.len()).rev().find_map(|depth| {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let error = Find(&path[..depth]).deserialize(&mut deserializer).err()?;
        let message = error.to_string();
        let column = if message.starts_with(FOUND_ELEMENT) { error.column() + 1 } else { error.column() };
        (message.starts_with(FOUND) && error.line() > 0).then_some((error.line(), column))
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
    use crate::testkit::date;
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
    fn confirmed_identities_round_trip_are_optional_and_are_validated() {
        let mut model = sample_model();
        let without = model.to_json();
        assert!(!without.contains("\"identities\""), "a model without identities is written as before");
        assert!(TeamModel::from_json(&without).unwrap().identities.is_empty());
        model.identities.insert("areyes".into(), "Ana Reyes".into());
        let json = model.to_json();
        assert!(json.contains("\"areyes\": \"Ana Reyes\""), "{json}");
        assert_eq!(TeamModel::from_json(&json).unwrap(), model);
        let text = "{\"format\": \"teamdiff-model\", \"version\": 1,\n \"identities\": {\"areyes\": \" \"}}";
        let error = TeamModel::from_json(text).unwrap_err();
        assert!(error.message().contains("identities.areyes"), "{}", error.message());
        // At the key's closing quote, as `locate` places a key.
        assert_eq!((error.line, error.column), place_of(text, "\": \" \""), "{}", error.message());
    }

    #[test]
    fn the_bot_list_round_trips_is_optional_and_is_validated() {
        let mut model = sample_model();
        let without = model.to_json();
        assert!(!without.contains("\"bots\""), "a model without bots is written as before");
        assert_eq!(TeamModel::from_json(&without).unwrap().bots, Vec::<String>::new());
        model.bots = vec!["release-train".into(), "Jenkins CI".into()];
        let json = model.to_json();
        assert_eq!(TeamModel::from_json(&json).unwrap(), model);
        for (bots, reason, needle) in [
            (r#"["ci", " "]"#, "bots[1] is empty", "\" \""),
            (r#"["ci", "CI "]"#, "bots[1] (CI ) is listed twice", "\"CI \""),
        ] {
            let text = format!("{{\"format\": \"teamdiff-model\", \"version\": 1,\n \"bots\": {bots}}}");
            let error = TeamModel::from_json(&text).unwrap_err();
            assert!(error.message().contains(reason), "{}", error.message());
            assert_eq!((error.line, error.column), place_of(&text, needle), "{}", error.message());
        }
    }

    #[test]
    fn refuses_other_versions_and_formats_clearly() {
        let newer = sample_model().to_json().replace("\"version\": 1", "\"version\": 2");
        let err = TeamModel::from_json(&newer).unwrap_err();
        assert_eq!(err.error, ModelError::NewerVersion { version: 2 });
        assert!(err.to_string().contains("newer teamdiff (model version 2); this one reads version 1"), "{err}");
        let older = sample_model().to_json().replace("\"version\": 1", "\"version\": 0");
        assert_eq!(TeamModel::from_json(&older).unwrap_err().error, ModelError::OlderVersion { version: 0 });

        let err = TeamModel::from_json(r#"{"teams":{}}"#).unwrap_err();
        assert_eq!(err.error, ModelError::NotAModel);
        assert!(err.to_string().contains("not a teamdiff model"), "{err}");
        let err = TeamModel::from_json("{\"format\":").unwrap_err();
        assert!(matches!(&err.error, ModelError::NotJson { detail } if detail == "EOF while parsing a value"), "{err:?}");
        assert_eq!(err.to_string(), "teamdiff-model.json was not loaded: line 1, column 10: not valid JSON: EOF while parsing a value");
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
        assert_eq!(err.error, ModelError::Shape { detail: "invalid type: string \"nine\", expected u32".into() });
        assert_eq!(err.message(), format!("line {line}, column {}: invalid type: string \"nine\", expected u32", err.column));
        assert_eq!(err.reason(), "invalid type: string \"nine\", expected u32", "the place is said once");
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
            assert!(err.message().starts_with(&format!("line {line}, column {}: ", err.column)), "{err}");
        }
        let top = TeamModel::from_json("\n  [1, 2]").unwrap_err();
        assert_eq!((top.line, top.column, &top.error), (2, 3, &ModelError::NotAnObject), "{top}");
    }

    #[test]
    fn bad_file_is_rejected_and_current_model_untouched() {
        let mut current = sample_model();
        let before = current.clone();
        let quiet_days_zero = ModelError::OutOfRange { norm: "quiet_days", min: 1, max: 365, got: 0 };
        let refused = [
            (
                sample_model().to_json().replace("\"quiet_days\": 10", "\"quiet_days\": 0"),
                ModelError::TeamOverrides { team: "Atlas".into(), problem: Box::new(quiet_days_zero) },
            ),
            (
                sample_model().to_json().replace("\"flavor\": \"platform\"", "\"flavor\": \"rocket\""),
                ModelError::UndefinedFlavor { team: "Data Platform".into(), flavor: "rocket".into() },
            ),
            (
                sample_model().to_json().replace("Parental leave", " "),
                ModelError::EmptyAcceptedReason { index: 0, key: "quiet_contributor|Atlas|Ana Lima".into() },
            ),
        ];
        for (text, expected) in refused {
            assert_eq!(current.import_json(&text).unwrap_err().error, expected);
            assert_eq!(current, before);
        }
        // The wrong shape is serde's own sentence, kept as it says it.
        let misshapen = [
            (sample_model().to_json().replace("\"quiet_days\"", "\"quiet_dayz\""), "unknown field `quiet_dayz`"),
            (sample_model().to_json().replace("\"days\": 9", "\"days\": \"nine\""), "invalid type"),
        ];
        for (text, start) in misshapen {
            let err = current.import_json(&text).unwrap_err();
            assert!(matches!(&err.error, ModelError::Shape { detail } if detail.starts_with(start)), "{err:?}");
            assert_eq!(current, before);
        }
        let out_of_range = TeamModel::from_json(&sample_model().to_json().replace("\"quiet_days\": 10", "\"quiet_days\": 0")).unwrap_err();
        assert_eq!(out_of_range.reason(), "teams.Atlas.overrides: quiet_days must be between 1 and 365 (got 0)");
        let mut edited = sample_model();
        edited.teams.remove("Atlas");
        current.import_json(&edited.to_json()).unwrap();
        assert_eq!(current, edited);
    }
}
