//! The model as a file: export `teamdiff-model.json`, import one (the
//! worker validates it; a bad file is refused by name and the current model
//! stays), and the opt-in to remember it on this device.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::download;
use super::state::Shared;
use crate::engine::{Request, Snapshot};

pub const MODEL_FILE_NAME: &str = "teamdiff-model.json";
const JSON: &str = "application/json;charset=utf-8";

#[derive(Properties, PartialEq)]
pub struct ModelFileProps {
    pub snapshot: Shared<Snapshot>,
    /// `AppState::pseudonymised`: the snapshot's model holds pseudonyms.
    pub pseudonymised: bool,
    pub remember: bool,
    pub remember_demo: bool,
    pub on_change: Callback<Request>,
    pub on_remember: Callback<bool>,
    pub on_error: Callback<String>,
}

#[function_component(ModelFile)]
pub fn model_file(props: &ModelFileProps) -> Html {
    let on_export = {
        let (snapshot, on_error) = (props.snapshot.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = download::save_text(MODEL_FILE_NAME, JSON, &snapshot.model.to_json()) {
                on_error.emit(message);
            }
        })
    };
    let on_import = {
        let (on_change, on_error) = (props.on_change.clone(), props.on_error.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target().expect("change has a target").unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (on_change, on_error) = (on_change.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let blob = gloo_file::Blob::from(web_sys::Blob::from(file));
                match gloo_file::futures::read_as_text(&blob).await {
                    Ok(json) => on_change.emit(Request::ImportModel { name, json }),
                    Err(error) => on_error.emit(format!("{name} was not loaded: could not read it ({error}). Your current model is unchanged.")),
                }
            });
        })
    };
    let on_remember = {
        let on_remember = props.on_remember.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target().expect("change has a target").unchecked_into();
            on_remember.emit(input.checked());
        })
    };
    html! {
        <div class="model-file">
            <div class="actions">
                // Presenter mode pseudonymises the model's accepted deviations:
                // exporting it then would save pseudonyms as the model.
                <button onclick={on_export} disabled={props.pseudonymised}
                        aria-describedby={props.pseudonymised.then_some("export-help")}>
                    { format!("Export {MODEL_FILE_NAME}") }
                </button>
                <input id="model-import" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_import} />
                <label class="button" for="model-import">{ "Import a model file…" }</label>
            </div>
            if props.pseudonymised {
                <p id="export-help" class="help">{ "Turn presenter mode off to export the model: it holds names." }</p>
            }
            <p class="remember">
                <input id="remember-model" type="checkbox" checked={props.remember} onchange={on_remember}
                       aria-describedby="remember-model-help" />
                <label for="remember-model">{ "Remember my model on this device" }</label>
                <span id="remember-model-help" class="help">
                    { " Off by default. When on, the model and the column mappings you chose to remember are kept in this browser's storage, nowhere else; turning it off or \"Forget everything\" erases them." }
                </span>
            </p>
            if props.remember && props.snapshot.demo && !props.remember_demo {
                <p class="help">{ "The demo organization's model is not saved: what this device remembers stays as it was." }</p>
            }
        </div>
    }
}
