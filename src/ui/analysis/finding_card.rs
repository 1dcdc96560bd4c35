//! One finding: why, norm against observed, evidence, the question to ask,
//! and the form to accept it as allowed.

use chrono::NaiveDate;
use yew::prelude::*;

use super::accept_form::{AcceptForm, Acceptance};
use crate::present::analysis::ShownFinding;

#[derive(Properties, PartialEq)]
pub struct FindingCardProps {
    pub finding: ShownFinding,
    pub title: AttrValue,
    pub today: NaiveDate,
    pub on_accept: Callback<Acceptance>,
}

#[function_component(FindingCard)]
pub fn finding_card(props: &FindingCardProps) -> Html {
    let row = &props.finding.row;
    html! {
        <li class={classes!("finding", format!("finding--{}", row.severity))} data-tripwire={row.tripwire.clone()}>
            <h4 class="finding__title">
                <span class="finding__tripwire">{ &props.title }</span>
                <span class="finding__subject">{ &row.subject }</span>
                if let Some(person) = row.person.as_ref().filter(|p| **p != row.subject) { <span class="finding__person">{ person }</span> }
                <span class="severity">{ format!("{} severity", row.severity) }</span>
            </h4>
            <p class="finding__why">{ &row.why }</p>
            <dl class="finding__measures">
                <div><dt>{ "Norm" }</dt><dd>{ &row.norm }</dd></div>
                <div><dt>{ "Observed" }</dt><dd>{ &row.observed }</dd></div>
            </dl>
            <p class="finding__ask"><strong>{ "Ask: " }</strong>{ &row.ask }</p>
            <p class="finding__evidence">
                { "Evidence: " }
                { for row.evidence.iter().enumerate().map(|(i, cite)| html! { <>{ if i > 0 { ", " } else { "" } }<code>{ cite }</code></> }) }
            </p>
            <AcceptForm finding_key={props.finding.key.clone()} today={props.today} on_accept={props.on_accept.clone()} />
        </li>
    }
}
