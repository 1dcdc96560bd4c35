//! Everything the model refuses, as one type: an edit it will not take
//! (a norm out of range, a flavor in use, an acceptance without a reason),
//! a model that does not hold together, or a `teamdiff-model.json` it
//! cannot read. Callers match the variant; people read its `Display`, the
//! sentence the page shows.

use std::fmt;

use chrono::NaiveDate;

use super::file::{MODEL_FORMAT, MODEL_VERSION};

#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    // ---- norms
    UnknownNorm { norm: String },
    OutOfRange { norm: &'static str, min: u32, max: u32, got: u32 },
    /// A `teams.csv` override column that is not a count of anything.
    NotWholeNumber { norm: String, got: String },
    NoSizeBands,
    SizeBandDays { band: usize },
    SizeBandPoints { band: usize },
    SizeBandOrder { band: usize },
    SizeBandOpenEnded { band: usize },

    // ---- flavors
    NoFlavorName,
    FlavorExists { name: String },
    NotAFlavor { name: String },
    /// Presets stay as published; a custom copy can change.
    PresetFlavor { name: String },
    NoCustomFlavor { name: String },
    FlavorInUse { flavor: String, teams: Vec<String> },

    // ---- suggestions
    NotEnoughData { norm: String },
    UnknownTeam { team: String },

    // ---- accepting a deviation
    NoReason,
    ExpiryPast { expires: NaiveDate, today: NaiveDate },

    // ---- a whole model that does not hold together (`validate`, import)
    PresetRedefined { flavor: String },
    FlavorNorms { flavor: String, problem: Box<ModelError> },
    EmptyTeamName { team: String },
    UndefinedFlavor { team: String, flavor: String },
    TeamOverrides { team: String, problem: Box<ModelError> },
    ConfidenceAdjustment { team: String },
    ZeroCadence { field: &'static str },
    EmptyAcceptedKey { index: usize },
    EmptyAcceptedReason { index: usize, key: String },
    ExpiresBeforeAccepted { index: usize, key: String },
    AcceptedTwice { index: usize, key: String },
    EmptyBotName { index: usize },
    BotListedTwice { index: usize, name: String },
    /// An `identities` entry whose name or person is empty.
    EmptyIdentity { identity: String },

    // ---- the model file
    /// Not JSON at all; serde_json's reason, without its place.
    NotJson { detail: String },
    NotAnObject,
    NotAModel,
    WrongFormat { found: String },
    NoVersion,
    NewerVersion { version: u64 },
    OlderVersion { version: u64 },
    /// JSON of the wrong shape (a wrong type, an unknown field): serde's
    /// reason, without its place.
    Shape { detail: String },
}

impl ModelError {
    /// The norm a norms error is about (`cycle_days` for the size bands),
    /// so a refused file can point at it.
    pub fn norm(&self) -> Option<&str> {
        match self {
            ModelError::UnknownNorm { norm } | ModelError::NotWholeNumber { norm, .. } => Some(norm),
            ModelError::OutOfRange { norm, .. } => Some(norm),
            ModelError::NoSizeBands
            | ModelError::SizeBandDays { .. }
            | ModelError::SizeBandPoints { .. }
            | ModelError::SizeBandOrder { .. }
            | ModelError::SizeBandOpenEnded { .. } => Some("cycle_days"),
            _ => None,
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::UnknownNorm { norm } => write!(f, "unknown norm `{norm}`"),
            ModelError::OutOfRange { norm, min, max, got } => write!(f, "{norm} must be between {min} and {max} (got {got})"),
            ModelError::NotWholeNumber { norm, got } => write!(f, "{norm} must be a whole number (got `{got}`)"),
            ModelError::NoSizeBands => write!(f, "cycle_days needs at least one size band"),
            ModelError::SizeBandDays { band } => write!(f, "cycle_days[{band}].days must be at least 1"),
            ModelError::SizeBandPoints { band } => write!(f, "cycle_days[{band}].up_to_points must be a non-negative number"),
            ModelError::SizeBandOrder { band } => {
                write!(f, "cycle_days[{band}].up_to_points must be larger than the band before it")
            }
            ModelError::SizeBandOpenEnded { band } => write!(f, "cycle_days[{band}]: only the last band may be open-ended"),

            ModelError::NoFlavorName => write!(f, "a flavor needs a name"),
            ModelError::FlavorExists { name } => write!(f, "there is already a flavor called `{name}`"),
            ModelError::NotAFlavor { name } => write!(f, "`{name}` is not a flavor"),
            ModelError::PresetFlavor { name } => {
                write!(f, "`{name}` is a preset; make a custom flavor from it to change its norms")
            }
            ModelError::NoCustomFlavor { name } => write!(f, "no custom flavor `{name}`"),
            ModelError::FlavorInUse { flavor, teams } => {
                write!(f, "`{flavor}` is still the flavor of {}; give them another flavor first", teams.join(", "))
            }

            ModelError::NotEnoughData { norm } => write!(f, "not enough data to suggest {norm}"),
            ModelError::UnknownTeam { team } => write!(f, "no team `{team}` in the model"),

            ModelError::NoReason => write!(f, "say why this deviation is allowed; the reason is what makes it reviewable later"),
            ModelError::ExpiryPast { expires, today } => write!(f, "the expiry {expires} is already past (today is {today})"),

            ModelError::PresetRedefined { flavor } => {
                write!(f, "custom_flavors.{flavor}: `{flavor}` is a preset flavor and cannot be redefined")
            }
            ModelError::FlavorNorms { flavor, problem } => write!(f, "custom_flavors.{flavor}: {problem}"),
            ModelError::EmptyTeamName { .. } => write!(f, "teams: a team name is empty"),
            ModelError::UndefinedFlavor { team, flavor } => write!(
                f,
                "teams.{team}.flavor: `{flavor}` is neither a preset (greenfield, infra, legacy) nor in custom_flavors"
            ),
            ModelError::TeamOverrides { team, problem } => write!(f, "teams.{team}.overrides: {problem}"),
            ModelError::ConfidenceAdjustment { team } => write!(f, "teams.{team}.confidence_adjustment must be between -1 and 1"),
            ModelError::ZeroCadence { field } => write!(f, "stakeholder_cadence.{field} must be at least 1"),
            ModelError::EmptyAcceptedKey { index } => write!(f, "accepted[{index}].key is empty"),
            ModelError::EmptyBotName { index } => write!(f, "bots[{index}] is empty"),
            ModelError::BotListedTwice { index, name } => write!(f, "bots[{index}] ({name}) is listed twice"),
            ModelError::EmptyIdentity { identity } => {
                write!(f, "identities.{identity}: both the name as seen and the roster person must be given")
            }
            ModelError::EmptyAcceptedReason { index, key } => write!(f, "accepted[{index}] ({key}): the reason is empty"),
            ModelError::ExpiresBeforeAccepted { index, key } => {
                write!(f, "accepted[{index}] ({key}): expires before it was accepted")
            }
            ModelError::AcceptedTwice { index, key } => write!(f, "accepted[{index}]: `{key}` is accepted twice"),

            ModelError::NotJson { detail } => write!(f, "not valid JSON: {detail}"),
            ModelError::NotAnObject => write!(f, "expected a JSON object at the top level"),
            ModelError::NotAModel => {
                write!(f, "this is not a teamdiff model: `\"format\": \"{MODEL_FORMAT}\"` is missing")
            }
            ModelError::WrongFormat { found } => write!(f, "`format` is \"{found}\", expected \"{MODEL_FORMAT}\""),
            ModelError::NoVersion => write!(f, "`version` is missing or not a whole number"),
            ModelError::NewerVersion { version } => write!(
                f,
                "it was written by a newer teamdiff (model version {version}); this one reads version {MODEL_VERSION}"
            ),
            ModelError::OlderVersion { version } => {
                write!(f, "model version {version} is not supported; this teamdiff reads version {MODEL_VERSION}")
            }
            ModelError::Shape { detail } => write!(f, "{detail}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The page shows a refusal as its sentence: requests answer in text.
impl From<ModelError> for String {
    fn from(error: ModelError) -> String {
        error.to_string()
    }
}
