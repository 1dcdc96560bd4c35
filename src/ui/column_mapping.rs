//! The column-mapping step for a file whose headers no format knows: the
//! suggested kind and field per column, each changeable, then "Load with
//! this mapping". Remembering the mapping for these headers is opt-in.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::dataset::{FileKind, FileReport};
use crate::engine::Request;
use crate::ingest::{target_fields, UserMapping, KINDS};

#[derive(Properties, PartialEq)]
pub struct ColumnMappingProps {
    /// Index of the file in `Snapshot::files`.
    pub index: usize,
    pub file: FileReport,
    pub on_change: Callback<Request>,
}

fn select_value(event: &Event) -> String {
    event.target().expect("change has a target").unchecked_into::<HtmlSelectElement>().value()
}

#[function_component(ColumnMapping)]
pub fn column_mapping(props: &ColumnMappingProps) -> Html {
    let suggestion = props.file.suggestion.clone().unwrap_or_default();
    let kind = use_state(|| suggestion.kind);
    let fields = {
        let suggestion = suggestion.clone();
        use_state(move || suggestion.columns.iter().map(|c| c.field.clone()).collect::<Vec<Option<String>>>())
    };
    let remember = use_state(|| false);
    let allowed = target_fields(*kind);
    let id = |what: &str| format!("map-{}-{what}", props.index);

    let on_kind = {
        let (kind, fields) = (kind.clone(), fields.clone());
        Callback::from(move |event: Event| {
            let chosen = KINDS.iter().map(|spec| spec.kind).find(|k| k.id() == select_value(&event)).unwrap_or(FileKind::Unknown);
            // Keep the choices that still make sense for the new kind.
            let allowed = target_fields(chosen);
            fields.set(fields.iter().map(|f| f.clone().filter(|f| allowed.contains(&f.as_str()))).collect());
            kind.set(chosen);
        })
    };
    let on_remember = {
        let remember = remember.clone();
        Callback::from(move |event: Event| remember.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_load = {
        let (kind, fields, remember, on_change) = (kind.clone(), fields.clone(), remember.clone(), props.on_change.clone());
        let (index, signature, headers) =
            (props.index, props.file.signature.clone(), suggestion.columns.iter().map(|c| c.header.clone()).collect::<Vec<_>>());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let columns = headers.iter().zip(fields.iter()).filter_map(|(h, f)| Some((h.clone(), f.clone()?))).collect();
            let mapping = UserMapping { signature: signature.clone(), kind: *kind, columns };
            on_change.emit(Request::MapColumns { file: index, mapping, remember: *remember });
        })
    };
    let name = &props.file.path;
    html! {
        <form class="mapping" onsubmit={on_load} aria-labelledby={id("heading")}>
            <h3 id={id("heading")}>{ format!("{name}: which columns are which?") }</h3>
            <p class="help">{ "teamdiff did not recognise these headers. This is its best guess; change anything that is wrong." }</p>
            <p>
                <label for={id("kind")}>{ "This file holds " }</label>
                <select id={id("kind")} onchange={on_kind}>
                    <option value="unknown" selected={*kind == FileKind::Unknown}>{ "(choose a kind)" }</option>
                    { for KINDS.iter().map(|spec| html! { <option value={spec.kind.id()} selected={*kind == spec.kind}>{ spec.kind.id() }</option> }) }
                </select>
            </p>
            <table>
                <caption>{ format!("Columns of {name}") }</caption>
                <thead><tr><th scope="col">{ "Column in the file" }</th><th scope="col">{ "Values such as" }</th><th scope="col">{ "Read as" }</th></tr></thead>
                <tbody>
                { for suggestion.columns.iter().enumerate().map(|(col, column)| {
                    let on_field = {
                        let fields = fields.clone();
                        Callback::from(move |event: Event| {
                            let mut next = (*fields).clone();
                            let value = select_value(&event);
                            next[col] = (!value.is_empty()).then_some(value);
                            fields.set(next);
                        })
                    };
                    let current = fields.get(col).cloned().flatten();
                    let select_id = id(&format!("col-{col}"));
                    html! {
                        <tr>
                            <th scope="row"><label for={select_id.clone()}>{ &column.header }</label></th>
                            <td class="samples">
                                if column.samples.is_empty() { <span class="muted">{ "(empty)" }</span> }
                                { for column.samples.iter().map(|sample| html! { <code>{ sample }</code> }) }
                            </td>
                            <td>
                                <select id={select_id} onchange={on_field}>
                                    <option value="" selected={current.is_none()}>{ "(ignore)" }</option>
                                    { for allowed.iter().map(|f| html! {
                                        <option value={*f} selected={current.as_deref() == Some(*f)}>{ *f }</option>
                                    }) }
                                </select>
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <p class="remember">
                <input id={id("remember")} type="checkbox" checked={*remember} onchange={on_remember} />
                <label for={id("remember")}>{ "Remember this mapping for files with these headers" }</label>
            </p>
            <button type="submit" disabled={allowed.is_empty()}>{ "Load with this mapping" }</button>
        </form>
    }
}
