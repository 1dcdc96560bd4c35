//! One team's value for one norm: the effective number, whether it is the
//! flavor's default or the team's own, and a way back to the default.
//! Out-of-range input is refused right here, so a typo never reaches the
//! model and the field keeps what the user typed next to the reason.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::norms::NormInfo;
use crate::ui::draft::use_draft;

#[derive(Properties, PartialEq)]
pub struct NormInputProps {
    /// Unique on the page; names the input and its message.
    pub id: AttrValue,
    pub team: AttrValue,
    pub flavor: AttrValue,
    pub info: &'static NormInfo,
    pub effective: u32,
    pub flavor_value: u32,
    pub overridden: bool,
    /// Said under the field instead of where the value comes from (a custom
    /// flavor's own norms have no default to fall back to).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// `None` clears the team's own value.
    pub on_set: Callback<Option<u32>>,
}

#[function_component(NormInput)]
pub fn norm_input(props: &NormInputProps) -> Html {
    let error = use_state(|| None::<String>);
    let (shown, on_input) = use_draft(props.effective.to_string());
    let info = props.info;
    let unit = info.unit.label();
    let on_change = {
        let (error, on_set) = (error.clone(), props.on_set.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target().expect("change has a target").unchecked_into();
            let text = input.value();
            let text = text.trim();
            if text.is_empty() {
                error.set(None);
                on_set.emit(None);
                return;
            }
            match text.parse::<u32>() {
                Ok(value) if (info.min..=info.max).contains(&value) => {
                    error.set(None);
                    on_set.emit(Some(value));
                }
                _ => error.set(Some(format!("{} must be a whole number from {} to {}; not changed.", info.label, info.min, info.max))),
            }
        })
    };
    let on_reset = {
        let (error, on_set) = (error.clone(), props.on_set.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            on_set.emit(None);
        })
    };
    let message_id = format!("{}-message", props.id);
    let label = format!("{}: {}{}", props.team, info.label, if unit.is_empty() { String::new() } else { format!(" ({unit})") });
    html! {
        <div class={classes!("norm", props.overridden.then_some("norm--own"))}>
            <input id={props.id.clone()} type="number" inputmode="numeric" min={info.min.to_string()} max={info.max.to_string()} step="1"
                   aria-label={label} aria-invalid={error.is_some().then_some("true")} aria-describedby={message_id.clone()}
                   value={shown} oninput={on_input} onchange={on_change} />
            <span id={message_id} class="norm__source">
                if let Some(message) = &*error {
                    <span class="norm__error">{ message }</span>
                } else if let Some(note) = &props.note {
                    { note.clone() }
                } else if props.overridden {
                    { format!("team's own ({} default {})", props.flavor, props.flavor_value) }
                } else {
                    { format!("{} default", props.flavor) }
                }
            </span>
            if props.overridden {
                <button class="link" onclick={on_reset}
                        aria-label={format!("reset {}: {} to the {} default {}", props.team, info.label, props.flavor, props.flavor_value)}>
                    { "reset" }
                </button>
            }
        </div>
    }
}
