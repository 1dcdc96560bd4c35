//! Data coverage on the Model page: per team, which inputs are loaded and
//! over which dates, and which tripwires had not enough data to judge it
//! (`views::coverage`). At 200 teams it shows a page of teams at a time,
//! with "Find a team".

use yew::prelude::*;

use super::listing::{page_range, team_matches, MODEL_ROWS_PER_PAGE};
use super::pager::{use_page, Pager};
use super::state::Shared;
use super::team_search::TeamSearch;
use crate::engine::Snapshot;

#[derive(Properties, PartialEq)]
pub struct CoverageTableProps {
    pub snapshot: Shared<Snapshot>,
}

#[function_component(CoverageTable)]
pub fn coverage_table(props: &CoverageTableProps) -> Html {
    let query = use_state(String::new);
    let top = use_node_ref();
    let (page, on_page) = use_page((*query).clone());
    let coverage = &props.snapshot.coverage;
    if coverage.teams.is_empty() {
        return html! {};
    }
    let matching: Vec<_> = coverage.teams.iter().filter(|t| team_matches(&t.team, &query)).collect();
    let shown = page_range(matching.len(), MODEL_ROWS_PER_PAGE, page);
    let with_gaps = coverage.teams.iter().filter(|t| !t.gaps.is_empty()).count();
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    html! {
        <section aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">{ "Data coverage" }</h2>
            <p class="help">{ "Which inputs each team has, how many rows and over which dates; and where a check had not enough data to say anything." }</p>
            // Folded: the Model page is about the model; this is where to look when a check is silent.
            <details class="coverage">
            <summary>{ format!("Show coverage of {} team{} ({with_gaps} with not enough data for some check)",
                coverage.teams.len(), if coverage.teams.len() == 1 { "" } else { "s" }) }</summary>
            if coverage.teams.len() > MODEL_ROWS_PER_PAGE {
                <div class="filters"><TeamSearch query={(*query).clone()} on_query={on_query} label="Search the coverage by team" /></div>
            }
            <div ref={top.clone()} class="table-scroll">
            <table class="coverage-table">
                <caption>{ "Rows and date range per input; — means none loaded." }</caption>
                <thead><tr>
                    <th scope="col">{ "Team" }</th>
                    <th scope="col">{ "People" }</th>
                    { for coverage.inputs.iter().map(|input| html! { <th scope="col">{ input.clone() }</th> }) }
                    <th scope="col">{ "Not enough data" }</th>
                </tr></thead>
                <tbody>
                { for matching[shown].iter().map(|team| html! {
                    <tr key={team.team.clone()} data-testid="coverage-row">
                        <th scope="row">{ team.team.clone() }</th>
                        <td>{ team.people }</td>
                        { for team.inputs.iter().map(|input| html! {
                            if input.rows == 0 {
                                <td class="coverage--none">{ "—" }</td>
                            } else {
                                <td>
                                    { input.rows }
                                    if let Some(span) = input.span() { <span class="coverage__span">{ span }</span> }
                                </td>
                            }
                        }) }
                        <td>
                            if team.gaps.is_empty() {
                                { "—" }
                            } else {
                                <ul class="coverage-gaps">
                                    { for team.gaps.iter().map(|gap| html! { <li>{ gap.label() }</li> }) }
                                </ul>
                            }
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <Pager total={matching.len()} per_page={MODEL_ROWS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
            </details>
        </section>
    }
}
