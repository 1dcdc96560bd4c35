//! The only place teamdiff writes to the browser's storage, and only after
//! the user ticked "Remember my model on this device". Unticking it, or
//! "Forget everything", removes every key written here.

use gloo::storage::{LocalStorage, Storage};

use crate::ingest::UserMapping;
use crate::model::TeamModel;

const OPTED_IN: &str = "teamdiff.remember";
const MODEL: &str = "teamdiff.model";
const MAPPINGS: &str = "teamdiff.mappings";
const KEYS: [&str; 3] = [OPTED_IN, MODEL, MAPPINGS];

/// What an earlier visit left, once the user had opted in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remembered {
    /// The stored `teamdiff-model.json` text; validated by the engine.
    pub model_json: Option<String>,
    pub mappings: Vec<UserMapping>,
}

pub fn opted_in() -> bool {
    LocalStorage::get::<bool>(OPTED_IN).unwrap_or(false)
}

/// `None` unless the user opted in on an earlier visit.
pub fn remembered() -> Option<Remembered> {
    opted_in().then(|| Remembered {
        model_json: LocalStorage::raw().get_item(MODEL).ok().flatten(),
        mappings: LocalStorage::get(MAPPINGS).unwrap_or_default(),
    })
}

/// Opts in and saves; the caller has the user's consent.
pub fn save(model: &TeamModel, mappings: &[UserMapping]) {
    // The model is stored as the very text of `teamdiff-model.json`.
    let model_saved = LocalStorage::raw().set_item(MODEL, &model.to_json()).map_err(|e| format!("{e:?}"));
    let saved = LocalStorage::set(OPTED_IN, true)
        .and_then(|()| LocalStorage::set(MAPPINGS, mappings))
        .map_err(|e| e.to_string())
        .and(model_saved);
    if let Err(error) = saved {
        gloo::console::error!(format!("teamdiff: could not remember the model on this device: {error}"));
    }
}

/// Removes everything teamdiff ever stored here.
pub fn forget() {
    for key in KEYS {
        LocalStorage::delete(key);
    }
}
