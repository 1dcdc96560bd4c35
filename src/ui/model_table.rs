//! Teams × flavor × norms: every team's flavor and its effective norms,
//! editable in place. Each edit is one request to the worker, which owns
//! the model; the table only shows what the worker sent back.

use yew::prelude::*;

use super::flavor_select::FlavorSelect;
use super::norm_input::NormInput;
use super::state::Shared;
use crate::engine::{Request, Snapshot};
use crate::model::norms::SCALAR_NORMS;
use crate::model::{preset_norms, PRESET_FLAVORS};

#[derive(Properties, PartialEq)]
pub struct ModelTableProps {
    pub snapshot: Shared<Snapshot>,
    pub on_change: Callback<Request>,
}

#[function_component(ModelTable)]
pub fn model_table(props: &ModelTableProps) -> Html {
    let model = &props.snapshot.model;
    if model.teams.is_empty() {
        return html! { <p>{ "No teams yet: load a roster, teams.csv or any export with a team column, or import a model file." }</p> };
    }
    let flavors: Vec<String> =
        PRESET_FLAVORS.iter().map(|f| f.to_string()).chain(model.custom_flavors.keys().cloned()).collect();
    html! {
        <div class="table-scroll">
        <table class="model-table">
            <caption>{ "Teams, their flavor and norms. A team's own value beats its flavor's default; clear a field to go back to the default." }</caption>
            <thead><tr>
                <th scope="col">{ "Team" }</th>
                <th scope="col">{ "Flavor" }</th>
                { for SCALAR_NORMS.iter().map(|info| html! {
                    <th scope="col">{ info.label }<span class="unit">{ info.unit.label() }</span></th>
                }) }
            </tr></thead>
            <tbody>
            { for model.teams.iter().enumerate().map(|(row, (team, settings))| {
                let base = model.flavor_norms(&settings.flavor).or_else(|| preset_norms(crate::model::DEFAULT_FLAVOR)).expect("preset");
                let effective = settings.overrides.apply(&base);
                let on_flavor = {
                    let (team, on_change) = (team.clone(), props.on_change.clone());
                    Callback::from(move |flavor: String| on_change.emit(Request::SetFlavor { team: team.clone(), flavor }))
                };
                html! {
                    <tr key={team.clone()}>
                        <th scope="row">{ team }</th>
                        <td>
                            <FlavorSelect label={format!("Flavor of {team}")} flavors={flavors.clone()}
                                          value={settings.flavor.clone()} on_change={on_flavor} />
                        </td>
                        { for SCALAR_NORMS.iter().map(|info| {
                            let on_set = {
                                let (team, on_change) = (team.clone(), props.on_change.clone());
                                Callback::from(move |value: Option<u32>| {
                                    on_change.emit(Request::SetNorm { team: team.clone(), norm: info.id.to_string(), value })
                                })
                            };
                            html! {
                                <td>
                                    <NormInput id={format!("norm-{row}-{}", info.id)} team={team.clone()} flavor={settings.flavor.clone()}
                                               info={info} effective={effective.scalar(info.id).expect("declared norm")}
                                               flavor_value={base.scalar(info.id).expect("declared norm")}
                                               overridden={settings.overrides.scalar(info.id).is_some()} on_set={on_set} />
                                </td>
                            }
                        }) }
                    </tr>
                }
            }) }
            </tbody>
        </table>
        </div>
    }
}
