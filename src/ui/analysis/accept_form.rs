//! "Accept as allowed": a reason and the last day the finding stays allowed.
//! The form is only built once opened: a page of findings carries one each.

use chrono::{Duration, NaiveDate};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::disclosure::Disclosure;
use crate::ui::draft::use_draft;

/// A month is long enough to act and short enough to be looked at again.
const DEFAULT_ALLOWANCE_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq)]
pub struct Acceptance {
    pub key: String,
    pub reason: String,
    pub expires: NaiveDate,
}

#[derive(Properties, PartialEq)]
pub struct AcceptFormProps {
    pub finding_key: AttrValue,
    pub today: NaiveDate,
    pub on_accept: Callback<Acceptance>,
}

#[function_component(AcceptForm)]
pub fn accept_form(props: &AcceptFormProps) -> Html {
    html! {
        <Disclosure class="accept" summary="Accept as allowed…">
            <AcceptFields finding_key={props.finding_key.clone()} today={props.today} on_accept={props.on_accept.clone()} />
        </Disclosure>
    }
}

#[function_component(AcceptFields)]
fn accept_fields(props: &AcceptFormProps) -> Html {
    let reason = use_node_ref();
    let expires = use_node_ref();
    let problem = use_state(|| None::<&'static str>);
    let on_submit = {
        let (reason, expires, problem) = (reason.clone(), expires.clone(), problem.clone());
        let (key, on_accept) = (props.finding_key.clone(), props.on_accept.clone());
        Callback::from(move |event: SubmitEvent| {
            // The CSP has form-action 'none': the form never navigates.
            event.prevent_default();
            let (Some(reason), Some(expires)) = (reason.cast::<HtmlInputElement>(), expires.cast::<HtmlInputElement>()) else { return };
            let Ok(date) = NaiveDate::parse_from_str(&expires.value(), "%Y-%m-%d") else {
                problem.set(Some("Choose the last day this stays allowed."));
                return;
            };
            problem.set(None);
            // Validation of the reason and date is the model's; its message comes back from the worker.
            on_accept.emit(Acceptance { key: key.to_string(), reason: reason.value(), expires: date });
        })
    };
    let (expiry, on_expiry_input) = use_draft((props.today + Duration::days(DEFAULT_ALLOWANCE_DAYS)).to_string());
    html! {
        <form class="accept__form" onsubmit={on_submit}>
            <label>{ "Why it is allowed " }<input ref={reason} type="text" name="reason" required=true placeholder="e.g. on parental leave until March" /></label>
            <label>{ "Allowed until " }<input ref={expires} type="date" name="expires" required=true min={props.today.to_string()} value={expiry} oninput={on_expiry_input} /></label>
            <button type="submit">{ "Accept as allowed" }</button>
            if let Some(message) = *problem { <p class="refusal" role="alert">{ message }</p> }
        </form>
    }
}
