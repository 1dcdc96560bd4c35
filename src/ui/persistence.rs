//! Keeps the model (and remembered column mappings) on this device, only
//! once the user opted in: restores them at start, saves them after every
//! change. Renders nothing.

use yew::prelude::*;

use super::state::Shared;
use super::storage::{self, Remembered};
use crate::engine::Snapshot;

#[derive(Properties, PartialEq)]
pub struct PersistenceProps {
    /// The user ticked "Remember my model on this device".
    pub remember: bool,
    /// The demo's model may be remembered (the user opted in while it was loaded).
    pub remember_demo: bool,
    pub snapshot: Option<Shared<Snapshot>>,
    /// `AppState::pseudonymised`: the snapshot's model holds pseudonyms.
    pub pseudonymised: bool,
    /// No request is in flight: the snapshot reflects every change asked
    /// for, including the restore, so saving it cannot overwrite what was
    /// remembered with a half-restored model.
    pub idle: bool,
    /// Called once at start with what an earlier visit remembered.
    pub on_remembered: Callback<Remembered>,
}

#[function_component(Persistence)]
pub fn persistence(props: &PersistenceProps) -> Html {
    {
        let on_remembered = props.on_remembered.clone();
        use_effect_with((), move |_| {
            if let Some(remembered) = storage::remembered() {
                on_remembered.emit(remembered);
            }
        });
    }
    let saved = (props.remember, props.remember_demo, props.snapshot.clone(), props.pseudonymised, props.idle);
    use_effect_with(saved, |(remember, remember_demo, snapshot, pseudonymised, idle)| {
        // In presenter mode the snapshot's model is pseudonymised; the real
        // one is saved again as soon as presenter mode is off. The demo's
        // model is not the user's and must not replace the remembered one.
        if let (true, true, Some(snapshot)) = (*remember, *idle, snapshot) {
            if !*pseudonymised && (!snapshot.demo || *remember_demo) {
                storage::save(&snapshot.model, &snapshot.mappings);
            }
        }
    });
    html! {}
}

/// What the app does with a remembered model: the worker validates it like
/// any imported file, so a damaged entry is refused with a message.
pub fn restore(bridge: &super::bridge::EngineBridge, dispatcher: UseReducerDispatcher<super::state::AppState>) -> Callback<Remembered> {
    let bridge = bridge.clone();
    Callback::from(move |remembered: Remembered| {
        dispatcher.dispatch(super::state::Action::RememberOnDevice(true));
        if !remembered.mappings.is_empty() {
            bridge.send(crate::engine::Request::SetMappings { mappings: remembered.mappings });
        }
        if let Some(json) = remembered.model_json {
            bridge.send(crate::engine::Request::ImportModel { name: "The model remembered on this device".into(), json });
        }
    })
}
