//! One team's leadership position: the mode, why, and its interventions.

use yew::prelude::*;

use crate::present::analysis::LeadershipTeam;

#[derive(Properties, PartialEq)]
pub struct LeadershipTeamProps {
    pub team: LeadershipTeam,
}

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

#[function_component(LeadershipTeamCard)]
pub fn leadership_team(props: &LeadershipTeamProps) -> Html {
    let t = &props.team;
    html! {
        <li class="leadership-team">
            <h3>{ &t.team }<span class="mode">{ &t.mode }</span></h3>
            <p class="leadership-team__axes">{ format!("Confidence {} · autonomy {}", percent(t.confidence), percent(t.autonomy)) }</p>
            <h4>{ "Why" }</h4>
            <ul>{ for t.reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
            <h4>{ "Interventions" }</h4>
            if t.interventions.is_empty() {
                <p>{ "None active." }</p>
            } else {
                <ul>
                    { for t.interventions.iter().map(|i| html! {
                        <li>
                            { &i.reason }
                            { format!(" — started {}, planned end {}, exit criterion: {}",
                                i.started.map_or_else(|| "unknown".into(), |d| d.to_string()),
                                i.planned_end.map_or_else(|| "none".into(), |d| d.to_string()),
                                i.exit_criterion.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "none".into())) }
                            { " " }<code>{ &i.evidence }</code>
                        </li>
                    }) }
                </ul>
            }
        </li>
    }
}
