//! Filters for the findings: by tripwire, by severity and by team.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::present::analysis::TripwireOption;
use crate::ui::team_search::TeamSearch;

pub const SEVERITIES: [&str; 3] = ["high", "medium", "low"];

#[derive(Properties, PartialEq)]
pub struct FindingFiltersProps {
    /// Only the tripwires that fired, with how often.
    pub tripwires: Vec<(TripwireOption, usize)>,
    pub tripwire: Option<String>,
    pub severity: Option<String>,
    /// What "Find a team" holds.
    pub team: AttrValue,
    pub on_tripwire: Callback<Option<String>>,
    pub on_severity: Callback<Option<String>>,
    pub on_team: Callback<Option<String>>,
}

fn selected(event: &Event) -> Option<String> {
    let value = event.target()?.dyn_into::<HtmlSelectElement>().ok()?.value();
    (!value.is_empty()).then_some(value)
}

#[function_component(FindingFilters)]
pub fn finding_filters(props: &FindingFiltersProps) -> Html {
    let on_tripwire = props.on_tripwire.reform(|event: Event| selected(&event));
    let on_severity = props.on_severity.reform(|event: Event| selected(&event));
    html! {
        <div class="filters" role="group" aria-label="Filter findings">
            <label>
                { "Tripwire " }
                <select name="tripwire" onchange={on_tripwire}>
                    <option value="" selected={props.tripwire.is_none()}>{ "All tripwires" }</option>
                    { for props.tripwires.iter().map(|(t, count)| html! {
                        <option value={t.id.clone()} selected={props.tripwire.as_deref() == Some(t.id.as_str())}>
                            { format!("{} ({count})", t.title) }
                        </option>
                    }) }
                </select>
            </label>
            <label>
                { "Severity " }
                <select name="severity" onchange={on_severity}>
                    <option value="" selected={props.severity.is_none()}>{ "All severities" }</option>
                    { for SEVERITIES.iter().map(|s| html! {
                        <option value={*s} selected={props.severity.as_deref() == Some(*s)}>{ *s }</option>
                    }) }
                </select>
            </label>
            <TeamSearch query={props.team.clone()} on_query={props.on_team.reform(Some)} />
        </div>
    }
}
