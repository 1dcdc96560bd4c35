//! Any text into `TeamModel::import_json`, the `teamdiff-model.json`
//! import: it must return, never panic, leave the current model exactly as
//! it was when it refuses, and a model it accepts must survive its own
//! export: `from_json(to_json(m)) == m`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamdiff::model::TeamModel;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let mut model = TeamModel::default();
    let before = model.clone();
    match model.import_json(&text) {
        Ok(()) => {
            let again = TeamModel::from_json(&model.to_json()).expect("an accepted model re-imports");
            assert_eq!(again, model, "export then import changed the model");
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert_eq!(model, before, "a refused import changed the model");
        }
    }
});
