//! The model's norm change log, newest first: what was changed from a
//! finding, when, from what to what, and why.

use yew::prelude::*;

use crate::model::{norm_info, NormChange};

#[derive(Properties, PartialEq)]
pub struct NormChangeLogProps {
    pub changes: Vec<NormChange>,
}

#[function_component(NormChangeLog)]
pub fn norm_change_log(props: &NormChangeLogProps) -> Html {
    if props.changes.is_empty() {
        return html! { <p class="help">{ "No norm changed from a finding yet. \"Update the model\" on a systemic or drift finding records its change here and in the model file." }</p> };
    }
    html! {
        <ul class="norm-changes">
            { for props.changes.iter().rev().map(|c| {
                let label = norm_info(&c.norm).map_or(c.norm.as_str(), |n| n.label);
                html! { <li data-team={c.team.clone()} data-norm={c.norm.clone()}>{ format!("{}: {}, {label} {} → {}. {}", c.date, c.team, c.old, c.new, c.reason) }</li> }
            }) }
        </ul>
    }
}
