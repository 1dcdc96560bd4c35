//! The Leadership page: confidence × autonomy per team, and why. At 200
//! teams the cards come a page at a time, with "Find a team", and the
//! matrix is drawn when scrolled to. When teams.csv groups the teams, a
//! table of groups (how many teams in each mode) comes first, and opening
//! a group shows its own matrix and its teams' cards.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::present::charts::Page;
use crate::ui::analysis::leadership_team::LeadershipTeamCard;
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::ui::chart_panel::{page_charts, ChartPanel, LazyChart};
use crate::ui::listing::{draws_at_once, page_range, team_matches, CARDS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::team_search::TeamSearch;
use crate::views::groups::{GroupRow, LeadershipGroup};
use crate::views::report::ReportSection;
use crate::views::table::ToTable;

#[function_component(LeadershipPage)]
pub fn page(props: &PageProps) -> Html {
    let query = use_state(String::new);
    let group = use_state(|| None::<String>);
    let top = use_node_ref();
    // The whole organisation's view, or the opened group's, with its chart:
    // built once per snapshot and group, so the chart is drawn once.
    let shown = use_memo((props.state.snapshot.clone(), props.state.snapshot_serial, (*group).clone()), |(snapshot, serial, group)| {
        let snapshot = snapshot.as_ref()?;
        Some(match group {
            None => (Rc::new(snapshot.analysis.leadership.clone()), page_charts(snapshot, *serial, Page::Leadership).into_iter().next()),
            Some(group) => {
                let view = Rc::new(snapshot.analysis.leadership.of_group(group));
                let drawn = view.clone();
                let chart = LazyChart::new(view.matrix.title.clone(), move || ReportSection {
                    title: drawn.matrix.title.clone(),
                    svg: crate::charts::leadership_matrix::draw(&drawn.matrix),
                    table: drawn.to_table(),
                });
                (view, Some(("leadership_matrix", chart)))
            }
        })
    });
    let (page, on_page) = use_page(((*query).clone(), (*group).clone()));
    let (Some(snapshot), Some((view, chart))) = (props.state.snapshot.clone().filter(|s| !s.overview.files.is_empty()), shown.as_ref().clone()) else {
        return html! { <NothingLoaded title="Leadership" state={props.state.clone()} /> };
    };
    let teams: Vec<_> = view.teams.iter().filter(|t| team_matches(&t.team, &query)).collect();
    let cards = page_range(teams.len(), CARDS_PER_PAGE, page);
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    let open = {
        let group = group.clone();
        Callback::from(move |to: Option<String>| group.set(to))
    };
    let groups = &snapshot.analysis.leadership_groups;
    html! {
        <>
        <section class="leadership" aria-labelledby="leadership-heading">
            <h2 id="leadership-heading">{ "Leadership" }</h2>
            <p class="lede">
                { "Where each team sits: confidence comes from its open findings (and your adjustment on the Model page); autonomy from active interventions and where decisions are taken. \
                   Scalable is the goal; selective micromanagement is right while it is temporary; micro-mismanagement and hands-off are worth a look." }
            </p>
            if let Some(name) = (*group).clone() {
                <button class="link back" onclick={open.reform(|_: MouseEvent| None)}>{ "← All groups" }</button>
                <h3 class="leadership__group">{ format!("{name}: {} teams", view.teams.len()) }</h3>
            }
            if let Some((id, chart)) = chart {
                <ChartPanel key={(*group).clone().unwrap_or_default()} {id} {chart} at_once={draws_at_once(snapshot.overview.summary.people) || group.is_some()} />
            }
            // Below the matrix, so the matrix is on the first screen and drawn at once.
            if !groups.is_empty() && group.is_none() {
                { group_table(groups, &snapshot.analysis.digest_groups, &open) }
            }
        </section>
        <section aria-labelledby="positions-heading">
            <h2 id="positions-heading">{ "Positions and reasons" }</h2>
            if view.teams.len() > CARDS_PER_PAGE {
                <div class="filters"><TeamSearch query={(*query).clone()} on_query={on_query} /></div>
            }
            <ul ref={top.clone()} class="leadership-teams">
                { for teams[cards].iter().map(|t| html! { <LeadershipTeamCard key={t.team.clone()} team={(*t).clone()} /> }) }
            </ul>
            if teams.is_empty() { <p>{ "No team matches." }</p> }
            <Pager total={teams.len()} per_page={CARDS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
        </section>
        </>
    }
}

/// One line per group: its teams by mode, where it sits on average, and
/// (from the digest's roll-up of the same teams) its open findings and
/// stale updates; a group's name opens it.
fn group_table(groups: &[LeadershipGroup], digest: &[GroupRow], open: &Callback<Option<String>>) -> Html {
    let by_group: std::collections::HashMap<&str, &GroupRow> = digest.iter().map(|line| (line.group.as_str(), line)).collect();
    let digest_of = |group: &str| by_group.get(group).copied();
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Leadership by group">
            <table class="digest leadership-groups">
                <caption>{ format!("Leadership by group: {} groups. Click a group to see its matrix and its teams.", groups.len()) }</caption>
                <thead><tr>
                    <th scope="col">{ "Group" }</th><th scope="col">{ "Teams" }</th><th scope="col">{ "Teams by mode" }</th>
                    <th scope="col">{ "Mean confidence" }</th><th scope="col">{ "Mean autonomy" }</th>
                    <th scope="col">{ "Open findings" }</th><th scope="col">{ "Stale updates" }</th><th scope="col">{ "Systemic findings" }</th>
                </tr></thead>
                <tbody>
                    { for groups.iter().map(|line| {
                        let name = line.group.clone();
                        html! {
                            <tr key={line.group.clone()} data-group={line.group.clone()}>
                                <th scope="row">
                                    <button class="link group-open" onclick={open.reform(move |_: MouseEvent| Some(name.clone()))}
                                            aria-label={format!("Open {}: {} teams", line.group, line.teams)}>{ &line.group }</button>
                                </th>
                                <td class="num">{ line.teams }</td>
                                <td><ul class="tag-list">{ for line.modes.iter().map(|(mode, n)| html! { <li>{ format!("{mode}: {n}") }</li> }) }</ul></td>
                                <td class="num">{ format!("{:.0}%", line.mean_confidence * 100.0) }</td>
                                <td class="num">{ format!("{:.0}%", line.mean_autonomy * 100.0) }</td>
                                if let Some(digest) = digest_of(&line.group) {
                                    <td class="num">{ digest.open_findings }</td>
                                    <td class="num">{ format!("{} of {}", digest.stale_updates, digest.teams.len()) }</td>
                                    <td class="num">{ digest.systemic_findings }</td>
                                } else {
                                    <td /><td /><td />
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
