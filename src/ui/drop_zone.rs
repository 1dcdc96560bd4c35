//! Where files come in: drag and drop, or a real file picker. The zone is a
//! focusable button-like label, so keyboard and screen-reader users reach
//! the same picker.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_files: Callback<Vec<web_sys::File>>,
}

fn files_of(list: Option<FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let hovering = use_state(|| false);
    let input_ref = use_node_ref();

    let on_drag_over = {
        let hovering = hovering.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            hovering.set(true);
        })
    };
    let on_drag_leave = {
        let hovering = hovering.clone();
        Callback::from(move |_: DragEvent| hovering.set(false))
    };
    let on_drop = {
        let hovering = hovering.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            hovering.set(false);
            let files = files_of(event.data_transfer().and_then(|transfer| transfer.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target().expect("change has a target").unchecked_into();
            let files = files_of(input.files());
            // Reset, so choosing the same file again still fires `change`.
            input.set_value("");
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let on_key = {
        let input_ref = input_ref.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    input.click();
                }
            }
        })
    };
    let class = classes!("drop-zone", hovering.then_some("drop-zone--hover"));
    html! {
        <div class={class} ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <label for="file-input" class="drop-zone__label" tabindex="0" role="button"
                   aria-describedby="drop-zone-help" onkeydown={on_key}>
                <strong>{ "Drop CSV or JSON exports here" }</strong>
                <span>{ " or press Enter to choose files" }</span>
            </label>
            <p id="drop-zone-help" class="drop-zone__help">
                { "Jira, Linear, GitLab, GitHub, Azure DevOps and teamdiff templates. Files are read in this tab only." }
            </p>
            <input id="file-input" ref={input_ref} class="visually-hidden" type="file" multiple=true
                   accept=".csv,.tsv,.txt,.json,text/csv,application/json" onchange={on_change} tabindex="-1" />
        </div>
    }
}
