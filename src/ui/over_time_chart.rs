//! One team's (or group's) open findings per week, on its detail: the
//! history arrives after the snapshot, so until then it says it is coming.

use yew::prelude::*;

use crate::engine::Snapshot;
use crate::ui::state::Shared;
use crate::ui::svg::SvgChart;

#[derive(Properties, PartialEq)]
pub struct TeamTrendProps {
    pub snapshot: Shared<Snapshot>,
    pub team: AttrValue,
}

#[function_component(TeamTrend)]
pub fn team_trend(props: &TeamTrendProps) -> Html {
    // `None` while the history is on its way; `Some(None)` when it has no
    // line for this name.
    let drawn = use_memo((props.snapshot.clone(), props.team.clone()), |(snapshot, team)| {
        let history = snapshot.findings_over_time.as_ref()?;
        let series = history.team(team).or_else(|| history.group(team));
        Some(series.map(|series| AttrValue::from(crate::charts::findings_over_time::draw(&history.chart(series)))))
    });
    html! {
        <div class="team-trend" data-chart="findings_over_time_team">
            { match (*drawn).clone() {
                Some(Some(svg)) => html! { <SvgChart svg={svg} label={format!("Open findings per week, {}", props.team)} /> },
                Some(None) => html! {},
                None => html! { <p class="chart-pending">{ "Computing findings over time…" }</p> },
            } }
        </div>
    }
}
