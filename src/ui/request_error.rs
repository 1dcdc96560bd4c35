//! Why the engine refused the last request (a bad model file, a mapping
//! that did not fit); nothing changed, and the message says so.

use yew::prelude::*;

use super::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct RequestErrorProps {
    pub message: Option<String>,
    pub on_dismiss: Callback<()>,
}

#[function_component(RequestError)]
pub fn request_error(props: &RequestErrorProps) -> Html {
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div role="alert" aria-live="assertive">
            if let Some(message) = &props.message {
                <p class="refusal">
                    { message }
                    <button class="link" aria-label="Dismiss this message" onclick={on_dismiss}>{ "Dismiss" }</button>
                </p>
            }
        </div>
    }
}

/// Shows a page-side failure (e.g. a download that could not start) the
/// same way as the engine's refusals.
pub fn report_to(dispatcher: UseReducerDispatcher<AppState>) -> Callback<String> {
    Callback::from(move |message: String| dispatcher.dispatch(Action::Engine(crate::engine::Event::RequestFailed { message })))
}

pub fn dismiss_with(dispatcher: UseReducerDispatcher<AppState>) -> Callback<()> {
    Callback::from(move |()| dispatcher.dispatch(Action::ClearRequestError))
}
