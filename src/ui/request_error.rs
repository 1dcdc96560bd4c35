//! Why the engine refused the last request (a bad model file, a mapping
//! that did not fit); nothing changed, and the message says so.

use yew::prelude::*;

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
