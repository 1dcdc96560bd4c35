//! Stakeholders over time, in words: everyone whose path on the grid
//! (earlier ratings in the files, the latest, the workshop's re-rating)
//! crosses into another quadrant, with when. The chart draws the same
//! path; this list is what a reader of the page, or a screen reader, gets.

use std::rc::Rc;

use yew::prelude::*;

use crate::views::stakeholders::StakeholderGrid;

#[derive(Properties, PartialEq)]
pub struct StakeholderPathsProps {
    pub grid: Rc<StakeholderGrid>,
}

#[function_component(StakeholderPaths)]
pub fn stakeholder_paths(props: &StakeholderPathsProps) -> Html {
    let rated_over_time = props.grid.points.iter().filter(|p| !p.history.is_empty()).count();
    let changed: Vec<(String, String)> = props
        .grid
        .points
        .iter()
        .filter_map(|p| {
            let changes = p.quadrant_changes();
            let steps: Vec<String> = changes
                .iter()
                .map(|c| {
                    let when = match (c.workshop, c.on) {
                        (true, _) => " (workshop)".to_string(),
                        (false, Some(on)) => format!(" ({on})"),
                        (false, None) => String::new(),
                    };
                    format!("{} → {}{when}", c.from.label(), c.to.label())
                })
                .collect();
            (!steps.is_empty()).then(|| (p.label.clone(), steps.join(", then ")))
        })
        .collect();
    if rated_over_time == 0 && changed.is_empty() {
        return html! {};
    }
    html! {
        <section class="stakeholder-paths" aria-labelledby="stakeholder-paths-heading">
            <h2 id="stakeholder-paths-heading">{ "Stakeholders over time" }</h2>
            <p class="help">
                { if rated_over_time == 1 { "1 stakeholder is".to_string() } else { format!("{rated_over_time} stakeholders are") } }
                { " rated more than once in the files; small hollow marks on the grid are earlier ratings, linked in order to where each sits now." }
            </p>
            if changed.is_empty() {
                <p>{ "Nobody changed quadrant." }</p>
            } else {
                <ul class="stakeholder-paths__list">
                    { for changed.iter().map(|(who, steps)| html! { <li><strong>{ who }</strong>{ ": " }{ steps }</li> }) }
                </ul>
            }
        </section>
    }
}
