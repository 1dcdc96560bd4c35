//! Flavors × norms: the presets as published, the user's custom flavors
//! editable, a form to start a new flavor from an existing one, and the
//! stakeholder contact cadence. Every edit is one request to the worker,
//! which checks it; a refusal comes back as the page's request error.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::flavor_select::FlavorSelect;
use super::draft::use_draft;
use super::norm_input::NormInput;
use crate::engine::Request;
use crate::model::norms::SCALAR_NORMS;
use crate::model::{preset_norms, ContactCadence, TeamModel, PRESET_FLAVORS};

#[derive(Properties, PartialEq)]
pub struct FlavorTableProps {
    pub model: TeamModel,
    pub on_change: Callback<Request>,
}

#[function_component(FlavorTable)]
pub fn flavor_table(props: &FlavorTableProps) -> Html {
    let model = &props.model;
    let flavors: Vec<String> =
        PRESET_FLAVORS.iter().map(|f| f.to_string()).chain(model.custom_flavors.keys().cloned()).collect();
    let preset_rows = PRESET_FLAVORS.iter().map(|flavor| {
        let norms = preset_norms(flavor).expect("preset");
        html! {
            <tr key={*flavor}>
                <th scope="row">{ *flavor }<span class="unit">{ "preset" }</span></th>
                { for SCALAR_NORMS.iter().map(|info| html! { <td class="num">{ norms.scalar(info.id).expect("declared norm") }</td> }) }
                <td></td>
            </tr>
        }
    });
    let custom_rows = model.custom_flavors.iter().enumerate().map(|(row, (flavor, norms))| {
        let on_remove = {
            let (flavor, on_change) = (flavor.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| on_change.emit(Request::RemoveFlavor { name: flavor.clone() }))
        };
        html! {
            <tr key={flavor.clone()}>
                <th scope="row">{ flavor }<span class="unit">{ "custom" }</span></th>
                { for SCALAR_NORMS.iter().map(|info| {
                    let on_set = {
                        let (flavor, on_change) = (flavor.clone(), props.on_change.clone());
                        // A flavor's norm has nothing to fall back to: an emptied field is ignored.
                        Callback::from(move |value: Option<u32>| {
                            if let Some(value) = value {
                                on_change.emit(Request::SetFlavorNorm { flavor: flavor.clone(), norm: info.id.to_string(), value });
                            }
                        })
                    };
                    let value = norms.scalar(info.id).expect("declared norm");
                    html! {
                        <td>
                            <NormInput id={format!("flavor-{row}-{}", info.id)} team={format!("{flavor} flavor")} flavor={flavor.clone()} info={info}
                                       effective={value} flavor_value={value} overridden={false}
                                       note={AttrValue::from("this flavor's value")} on_set={on_set} />
                        </td>
                    }
                }) }
                <td><button class="link" aria-label={format!("Remove the {flavor} flavor")} onclick={on_remove}>{ "remove" }</button></td>
            </tr>
        }
    });
    html! {
        <section class="flavors" aria-labelledby="flavors-heading">
            <h3 id="flavors-heading">{ "Flavors" }</h3>
            <p class="help">{ "A flavor is a set of norms teams share. Presets are fixed; start a custom flavor from any flavor and change its norms here." }</p>
            <div class="table-scroll">
            <table class="model-table">
                <caption>{ "Flavors and their norms" }</caption>
                <thead><tr>
                    <th scope="col">{ "Flavor" }</th>
                    { for SCALAR_NORMS.iter().map(|info| html! {
                        <th scope="col">{ info.label }<span class="unit">{ info.unit.label() }</span></th>
                    }) }
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>{ for preset_rows }{ for custom_rows }</tbody>
            </table>
            </div>
            <NewFlavor flavors={flavors} on_change={props.on_change.clone()} />
            <CadenceForm cadence={model.stakeholder_cadence.clone()} on_change={props.on_change.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NewFlavorProps {
    flavors: Vec<String>,
    on_change: Callback<Request>,
}

#[function_component(NewFlavor)]
fn new_flavor(props: &NewFlavorProps) -> Html {
    let name = use_node_ref();
    let based_on = use_state(|| crate::model::DEFAULT_FLAVOR.to_string());
    let on_based_on = {
        let based_on = based_on.clone();
        Callback::from(move |flavor: String| based_on.set(flavor))
    };
    let on_submit = {
        let (name, based_on, on_change) = (name.clone(), based_on.clone(), props.on_change.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = name.cast::<HtmlInputElement>() else { return };
            on_change.emit(Request::AddFlavor { name: input.value(), based_on: (*based_on).clone() });
            input.set_value("");
        })
    };
    html! {
        <form class="new-flavor" onsubmit={on_submit} aria-label="Add a custom flavor">
            <label for="new-flavor-name">{ "New flavor " }</label>
            <input id="new-flavor-name" ref={name} type="text" required=true placeholder="e.g. research" />
            <span>{ " based on " }</span>
            <FlavorSelect label="Base the new flavor on" flavors={props.flavors.clone()} value={(*based_on).clone()} on_change={on_based_on} />
            <button type="submit">{ "Add flavor" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct CadenceFormProps {
    cadence: ContactCadence,
    on_change: Callback<Request>,
}

/// The three quadrants with a cadence; monitor has none.
const QUADRANTS: [(&str, &str); 3] =
    [("manage_closely_days", "Manage closely"), ("keep_satisfied_days", "Keep satisfied"), ("keep_informed_days", "Keep informed")];

fn cadence_days<'c>(cadence: &'c mut ContactCadence, id: &str) -> &'c mut u32 {
    match id {
        "manage_closely_days" => &mut cadence.manage_closely_days,
        "keep_satisfied_days" => &mut cadence.keep_satisfied_days,
        _ => &mut cadence.keep_informed_days,
    }
}

#[function_component(CadenceForm)]
fn cadence_form(props: &CadenceFormProps) -> Html {
    html! {
        <fieldset class="cadence">
            <legend>{ "Stakeholder contact cadence (days)" }</legend>
            { for QUADRANTS.iter().map(|&(id, label)| html! {
                <CadenceField {id} {label} cadence={props.cadence.clone()} on_change={props.on_change.clone()} />
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct CadenceFieldProps {
    id: &'static str,
    label: &'static str,
    cadence: ContactCadence,
    on_change: Callback<Request>,
}

/// One quadrant's cadence, its own component so what is typed survives
/// the page's re-renders (`use_draft`).
#[function_component(CadenceField)]
fn cadence_field(props: &CadenceFieldProps) -> Html {
    let id = props.id;
    let (shown, on_input) = use_draft(cadence_days(&mut props.cadence.clone(), id).to_string());
    let on_change = {
        let (cadence, on_change) = (props.cadence.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target().expect("change has a target").unchecked_into();
            // The worker validates; an unreadable number is sent as 0 and refused there, by name.
            let days = input.value().trim().parse::<u32>().unwrap_or(0);
            let mut next = cadence.clone();
            *cadence_days(&mut next, id) = days;
            on_change.emit(Request::SetContactCadence { cadence: next });
        })
    };
    let input_id = format!("cadence-{id}");
    html! {
        <span class="cadence__field">
            <label for={input_id.clone()}>{ props.label }</label>
            <input id={input_id} type="number" min="1" max="3650" step="1" inputmode="numeric"
                   value={shown} oninput={on_input} onchange={on_change} />
        </span>
    }
}
