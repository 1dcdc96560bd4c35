//! The Leadership page: confidence × autonomy per team, and why.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::present::charts::{self, Page};
use crate::ui::analysis::leadership_team::LeadershipTeamCard;
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::ui::chart_panel::ChartPanel;

#[function_component(LeadershipPage)]
pub fn page(props: &PageProps) -> Html {
    let sections = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().map(|s| charts::sections(s, Page::Leadership).into_iter().map(|(id, s)| (id, Rc::new(s))).collect::<Vec<_>>())
    });
    let Some(snapshot) = props.state.snapshot.clone().filter(|s| !s.overview.files.is_empty()) else {
        return html! { <NothingLoaded title="Leadership" state={props.state.clone()} /> };
    };
    html! {
        <>
        <section class="leadership" aria-labelledby="leadership-heading">
            <h2 id="leadership-heading">{ "Leadership" }</h2>
            <p class="lede">
                { "Where each team sits: confidence comes from its open findings (and your adjustment on the Model page); autonomy from active interventions and where decisions are taken. \
                   Scalable is the goal; selective micromanagement is right while it is temporary; micro-mismanagement and hands-off are worth a look." }
            </p>
            { for sections.iter().flatten().map(|(id, section)| html! { <ChartPanel key={*id} id={*id} section={section.clone()} /> }) }
        </section>
        <section aria-labelledby="positions-heading">
            <h2 id="positions-heading">{ "Positions and reasons" }</h2>
            <ul class="leadership-teams">
                { for snapshot.analysis.leadership.teams.iter().map(|t| html! { <LeadershipTeamCard key={t.team.clone()} team={t.clone()} /> }) }
            </ul>
        </section>
        </>
    }
}
