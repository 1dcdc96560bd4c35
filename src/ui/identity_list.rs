//! The Load page's names that match nobody on the roster, a page at a time,
//! each with its suggested roster people: one click confirms a match (the
//! model's `identities`, so it is in the model file), and a confirmed
//! match can be undone. Names arrive pseudonymised in presenter mode, and
//! requests name people as shown; the worker maps them back.

use yew::prelude::*;

use super::pager::{use_page, Pager};
use super::listing::page_range;
use super::state::Shared;
use crate::engine::{Request, Snapshot};

/// Names shown at once; a whole organisation's off-roster reviewers can be
/// hundreds.
const NAMES_PER_PAGE: usize = 20;

#[derive(Properties, PartialEq)]
pub struct IdentityListProps {
    pub snapshot: Shared<Snapshot>,
    pub on_change: Callback<Request>,
}

#[function_component(IdentityList)]
pub fn identity_list(props: &IdentityListProps) -> Html {
    let top = use_node_ref();
    let identities = &props.snapshot.identities;
    let (page, on_page) = use_page(identities.unmatched.len());
    if identities.unmatched.is_empty() && identities.confirmed.is_empty() {
        return html! {};
    }
    let unmatched = identities.unmatched.len() + identities.more;
    let shown = page_range(identities.unmatched.len(), NAMES_PER_PAGE, page);
    html! {
        <section class="identities" aria-labelledby="identities-heading">
            <h3 id="identities-heading">{ format!("Names that match nobody on the roster ({unmatched})") }</h3>
            if unmatched == 0 {
                <p class="help">{ "Every name in the files now matches a roster person." }</p>
            } else {
            <p class="help">
                { "These names appear in the files but are no roster person's under any of their names (the roster's \
                   github, gitlab, jira, linear, azure, email and aliases columns). Until matched, their work counts for \
                   nobody. Confirm a match and it counts for that person at once; the match is kept in the model file." }
            </p>
            }
            <ul ref={top.clone()} class="identity-list">
            { for identities.unmatched[shown].iter().map(|row| html! {
                <li key={row.name.clone()} data-testid="unmatched-identity">
                    <span class="identity__name">{ row.name.clone() }</span>
                    <span class="identity__where">
                        { format!(" {} · first in {} · {} row{}", row.role, row.first_seen, row.rows, if row.rows == 1 { "" } else { "s" }) }
                    </span>
                    <span class="identity__suggestions">
                    if row.suggestions.is_empty() {
                        <span class="help">{ " no likely roster match" }</span>
                    }
                    { for row.suggestions.iter().map(|suggestion| {
                        let request = Request::ConfirmIdentity { name: row.name.clone(), person: suggestion.person.clone() };
                        let on_change = props.on_change.clone();
                        // The visible text is the whole accessible name.
                        html! {
                            <span class="identity__suggestion">
                                <button class="identity__confirm"
                                        onclick={Callback::from(move |_: MouseEvent| on_change.emit(request.clone()))}>
                                    { format!("Confirm: {} is {}", row.name, suggestion.person) }
                                </button>
                                <span class="identity__why">{ format!(" {} · {}", suggestion.team, suggestion.reason) }</span>
                            </span>
                        }
                    }) }
                    </span>
                </li>
            }) }
            </ul>
            <Pager total={identities.unmatched.len()} per_page={NAMES_PER_PAGE} page={page} noun="names" on_page={on_page} top={top} />
            if identities.more > 0 {
                <p class="help">{ format!("{} more names are not listed: add the tools' names to the roster to match them in bulk.", identities.more) }</p>
            }
            if !identities.confirmed.is_empty() {
                <h4>{ "Confirmed matches" }</h4>
                <ul class="identity-list identity-list--confirmed">
                { for identities.confirmed.iter().map(|row| {
                    let request = Request::ForgetIdentity { name: row.name.clone() };
                    let on_change = props.on_change.clone();
                    let team = if row.team.is_empty() { "no longer on the roster".to_string() } else { row.team.clone() };
                    html! {
                        <li key={row.name.clone()} data-testid="confirmed-identity">
                            <span>{ format!("{} is {} ({team})", row.name, row.person) }</span>
                            <button class="link" aria-label={format!("Undo: {} is {}", row.name, row.person)}
                                    onclick={Callback::from(move |_: MouseEvent| on_change.emit(request.clone()))}>
                                { "Undo" }
                            </button>
                        </li>
                    }
                }) }
                </ul>
            }
        </section>
    }
}
