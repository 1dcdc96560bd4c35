//! The deviations the model accepts as allowed, with reason and expiry;
//! where the page offers it, a way to revoke one so it fires again. A page
//! of rows at a time: a leader of 200 teams can accept hundreds.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::model::AcceptedDeviation;
use crate::ui::listing::{page_range, ROWS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};

#[derive(Properties, PartialEq)]
pub struct AcceptedListProps {
    pub accepted: Vec<AcceptedDeviation>,
    /// Marks acceptances past their expiry.
    #[prop_or_default]
    pub today: Option<NaiveDate>,
    /// Revokes by the shown key; no button when absent.
    #[prop_or_default]
    pub on_revoke: Option<Callback<String>>,
}

#[function_component(AcceptedList)]
pub fn accepted_list(props: &AcceptedListProps) -> Html {
    let top = use_node_ref();
    let (page, on_page) = use_page(props.accepted.len());
    if props.accepted.is_empty() {
        return html! { <p>{ "None yet. An accepted finding stops showing until its expiry, then fires again." }</p> };
    }
    let shown = page_range(props.accepted.len(), ROWS_PER_PAGE, page);
    html! {
        <>
        <table ref={top.clone()} class="accepted">
            <caption>{ "Accepted as allowed" }</caption>
            <thead><tr>
                <th scope="col">{ "Tripwire" }</th><th scope="col">{ "Team" }</th><th scope="col">{ "Subject" }</th>
                <th scope="col">{ "Reason" }</th><th scope="col">{ "Accepted on" }</th><th scope="col">{ "Allowed until" }</th>
                if props.on_revoke.is_some() { <th scope="col"><span class="visually-hidden">{ "Revoke" }</span></th> }
            </tr></thead>
            <tbody>
                { for props.accepted[shown].iter().map(|a| {
                    let expired = props.today.is_some_and(|today| !a.is_active(today));
                    html! {
                        <tr key={a.key.clone()}>
                            <td>{ &a.tripwire }</td><td>{ &a.team }</td><td>{ &a.subject }</td>
                            <td>{ &a.reason }</td><td>{ a.accepted_on.to_string() }</td>
                            <td>{ a.expires.to_string() }if expired { <span class="tag">{ " expired: fires again" }</span> }</td>
                            if let Some(on_revoke) = &props.on_revoke {
                                <td>
                                    <button onclick={on_revoke.reform({ let key = a.key.clone(); move |_: MouseEvent| key.clone() })}
                                            aria-label={format!("Revoke the accepted {} on {} for {}", a.tripwire, a.team, a.subject)}>
                                        { "Revoke" }
                                    </button>
                                </td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        <Pager total={props.accepted.len()} per_page={ROWS_PER_PAGE} page={page} noun="accepted deviations" on_page={on_page} top={top} />
        </>
    }
}
