//! Findings the leader accepted as allowed: why, until when, and a way to
//! take the acceptance back so the finding fires again.

use yew::prelude::*;

use super::state::Shared;
use crate::engine::{Request, Snapshot};

#[derive(Properties, PartialEq)]
pub struct AcceptedListProps {
    pub snapshot: Shared<Snapshot>,
    /// Subjects can be people: hidden while presenting.
    pub presenter: bool,
    pub on_change: Callback<Request>,
}

#[function_component(AcceptedList)]
pub fn accepted_list(props: &AcceptedListProps) -> Html {
    let snapshot = &props.snapshot;
    let accepted = &snapshot.model.accepted;
    if accepted.is_empty() {
        return html! { <p>{ "No accepted deviations. Accept a finding on the Deviations page, with a reason and an expiry." }</p> };
    }
    html! {
        <table class="accepted">
            <caption>{ "Accepted deviations (saved in the model file)" }</caption>
            <thead><tr>
                <th scope="col">{ "Tripwire" }</th><th scope="col">{ "Team" }</th><th scope="col">{ "Subject" }</th>
                <th scope="col">{ "Reason" }</th><th scope="col">{ "Accepted" }</th><th scope="col">{ "Allowed until" }</th>
                <th scope="col"><span class="visually-hidden">{ "Revoke" }</span></th>
            </tr></thead>
            <tbody>
            { for accepted.iter().map(|a| {
                let on_revoke = {
                    let (on_change, key) = (props.on_change.clone(), a.key.clone());
                    Callback::from(move |_: MouseEvent| on_change.emit(Request::RevokeDeviation { key: key.clone() }))
                };
                let subject = if props.presenter { "(hidden while presenting)" } else { a.subject.as_str() };
                let expired = !a.is_active(snapshot.today);
                html! {
                    <tr key={a.key.clone()}>
                        <td>{ &a.tripwire }</td>
                        <td>{ &a.team }</td>
                        <td>{ subject }</td>
                        <td>{ &a.reason }</td>
                        <td>{ a.accepted_on.to_string() }</td>
                        <td>{ a.expires.to_string() }if expired { <span class="tag">{ " expired: fires again" }</span> }</td>
                        <td><button onclick={on_revoke} aria-label={format!("Revoke the accepted {} on {}", a.tripwire, a.team)}>{ "Revoke" }</button></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}
