//! The Leadership page: confidence × autonomy per team, and why. At 200
//! teams the cards come a page at a time, with "Find a team", and the
//! matrix is drawn when scrolled to.

use yew::prelude::*;

use super::PageProps;
use crate::present::charts::Page;
use crate::ui::analysis::leadership_team::LeadershipTeamCard;
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::ui::chart_panel::{page_charts, ChartPanel};
use crate::ui::listing::{draws_at_once, page_range, team_matches, CARDS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::team_search::TeamSearch;

#[function_component(LeadershipPage)]
pub fn page(props: &PageProps) -> Html {
    let query = use_state(String::new);
    let top = use_node_ref();
    let chart = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().and_then(|s| page_charts(s, Page::Leadership).into_iter().next())
    });
    let (page, on_page) = use_page((*query).clone());
    let Some(snapshot) = props.state.snapshot.clone().filter(|s| !s.overview.files.is_empty()) else {
        return html! { <NothingLoaded title="Leadership" state={props.state.clone()} /> };
    };
    let teams: Vec<_> = snapshot.analysis.leadership.teams.iter().filter(|t| team_matches(&t.team, &query)).collect();
    let shown = page_range(teams.len(), CARDS_PER_PAGE, page);
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    html! {
        <>
        <section class="leadership" aria-labelledby="leadership-heading">
            <h2 id="leadership-heading">{ "Leadership" }</h2>
            <p class="lede">
                { "Where each team sits: confidence comes from its open findings (and your adjustment on the Model page); autonomy from active interventions and where decisions are taken. \
                   Scalable is the goal; selective micromanagement is right while it is temporary; micro-mismanagement and hands-off are worth a look." }
            </p>
            if let Some((id, chart)) = (*chart).clone() {
                <ChartPanel {id} {chart} at_once={draws_at_once(snapshot.overview.summary.people)} />
            }
        </section>
        <section aria-labelledby="positions-heading">
            <h2 id="positions-heading">{ "Positions and reasons" }</h2>
            if snapshot.analysis.leadership.teams.len() > CARDS_PER_PAGE {
                <div class="filters"><TeamSearch query={(*query).clone()} on_query={on_query} /></div>
            }
            <ul ref={top.clone()} class="leadership-teams">
                { for teams[shown].iter().map(|t| html! { <LeadershipTeamCard key={t.team.clone()} team={(*t).clone()} /> }) }
            </ul>
            if teams.is_empty() { <p>{ "No team matches." }</p> }
            <Pager total={teams.len()} per_page={CARDS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
        </section>
        </>
    }
}
