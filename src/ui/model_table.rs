//! Teams × flavor × norms: every team's flavor and its effective norms,
//! editable in place. Each edit is one request to the worker, which owns
//! the model; the table only shows what the worker sent back. At 200
//! teams it shows a page of teams at a time (every row is a dozen fields),
//! with "Find a team".

use yew::prelude::*;

use super::flavor_select::FlavorSelect;
use super::listing::{page_range, team_matches, MODEL_ROWS_PER_PAGE};
use super::norm_input::NormInput;
use super::pager::{use_page, Pager};
use super::state::Shared;
use super::team_search::TeamSearch;
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
    let query = use_state(String::new);
    let top = use_node_ref();
    let (page, on_page) = use_page((*query).clone());
    let model = &props.snapshot.model;
    if model.teams.is_empty() {
        return html! { <p>{ "No teams yet: load a roster, teams.csv or any export with a team column, or import a model file." }</p> };
    }
    let flavors: Vec<String> =
        PRESET_FLAVORS.iter().map(|f| f.to_string()).chain(model.custom_flavors.keys().cloned()).collect();
    // Numbered over all teams, so a field's id does not depend on the page.
    let matching: Vec<_> = model.teams.iter().enumerate().filter(|(_, (team, _))| team_matches(team, &query)).collect();
    let shown = page_range(matching.len(), MODEL_ROWS_PER_PAGE, page);
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    html! {
        <>
        if model.teams.len() > MODEL_ROWS_PER_PAGE {
            <div class="filters"><TeamSearch query={(*query).clone()} on_query={on_query} /></div>
        }
        <div ref={top.clone()} class="table-scroll">
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
            { for matching[shown].iter().map(|&(row, (team, settings))| {
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
        if matching.is_empty() { <p>{ "No team matches." }</p> }
        <Pager total={matching.len()} per_page={MODEL_ROWS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
        </>
    }
}
