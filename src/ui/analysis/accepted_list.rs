//! The deviations the model accepts as allowed, with reason and expiry.

use yew::prelude::*;

use crate::model::AcceptedDeviation;

#[derive(Properties, PartialEq)]
pub struct AcceptedListProps {
    pub accepted: Vec<AcceptedDeviation>,
}

#[function_component(AcceptedList)]
pub fn accepted_list(props: &AcceptedListProps) -> Html {
    if props.accepted.is_empty() {
        return html! { <p>{ "None yet. An accepted finding stops showing until its expiry, then fires again." }</p> };
    }
    html! {
        <table class="accepted">
            <caption>{ "Accepted as allowed" }</caption>
            <thead><tr>
                <th scope="col">{ "Tripwire" }</th><th scope="col">{ "Team" }</th><th scope="col">{ "Subject" }</th>
                <th scope="col">{ "Reason" }</th><th scope="col">{ "Accepted on" }</th><th scope="col">{ "Allowed until" }</th>
            </tr></thead>
            <tbody>
                { for props.accepted.iter().map(|a| html! {
                    <tr>
                        <td>{ &a.tripwire }</td><td>{ &a.team }</td><td>{ &a.subject }</td>
                        <td>{ &a.reason }</td><td>{ a.accepted_on.to_string() }</td><td>{ a.expires.to_string() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
