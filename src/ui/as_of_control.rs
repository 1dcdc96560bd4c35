//! The date control in the app frame: "As of: [date] (today)". Choosing a
//! day re-evaluates the model, the tripwires and every view as they stood
//! then, in the worker; "Back to today" resets it. A day that cannot be
//! used (not a date, after today, before 1970) is refused here, by name,
//! and nothing is sent.

use yew::prelude::*;

use super::bridge::EngineBridge;
use super::state::{Action, AppState};
use crate::views::over_time::parse_day;

#[derive(Properties, PartialEq)]
pub struct AsOfControlProps {
    pub state: UseReducerHandle<AppState>,
    pub bridge: EngineBridge,
}

#[function_component(AsOfControl)]
pub fn as_of_control(props: &AsOfControlProps) -> Html {
    let today = super::local_today();
    let as_of = props.state.snapshot.as_ref().map(|s| s.as_of.clone()).unwrap_or_default();
    let chosen = as_of.chosen;
    let shown = chosen.unwrap_or(today);
    let on_change = {
        let (bridge, dispatcher) = (props.bridge.clone(), props.state.dispatcher());
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            match parse_day(&input.value(), today) {
                Ok(day) => {
                    dispatcher.dispatch(Action::AsOfError(None));
                    bridge.set_as_of((day != today).then_some(day));
                }
                Err(why) => dispatcher.dispatch(Action::AsOfError(Some(why))),
            }
        })
    };
    let on_reset = {
        let (bridge, dispatcher) = (props.bridge.clone(), props.state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::AsOfError(None));
            bridge.set_as_of(None);
        })
    };
    html! {
        <div class={classes!("as-of", chosen.is_some().then_some("as-of--past"))}>
            <label for="as-of-date">{ "As of:" }</label>
            <input id="as-of-date" type="date" value={shown.to_string()} max={today.to_string()} onchange={on_change}
                   aria-describedby="as-of-help" />
            if chosen.is_some() {
                <button class="as-of__reset" onclick={on_reset}>{ "Back to today" }</button>
            } else {
                <span class="as-of__today">{ "(today)" }</span>
            }
            <span id="as-of-help" class="visually-hidden">{ "Shows the organisation as it stood on this day: rows dated later are left out." }</span>
            if let Some(error) = &props.state.as_of_error {
                <p class="as-of__error" role="alert">{ error }</p>
            }
            if let Some(note) = &as_of.note {
                <p class="as-of__note">{ note }</p>
            }
        </div>
    }
}
