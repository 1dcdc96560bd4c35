//! The keyboard way to re-rate: every placed stakeholder is a button; the
//! arrow keys move the focused one by 5% (up/down: power, left/right:
//! interest), and the new position is announced.

use yew::prelude::*;

use crate::views::stakeholders::{Position, StakeholderGrid, StakeholderPoint};

pub const STEP: f64 = 0.05;

#[derive(Properties, PartialEq)]
pub struct StakeholderKeysProps {
    pub grid: std::rc::Rc<StakeholderGrid>,
    pub on_move: Callback<(usize, Position)>,
}

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn describe(p: &StakeholderPoint) -> String {
    format!("{}: {}, power {}, interest {}", p.label, p.quadrant.label(), percent(p.current.power), percent(p.current.interest))
}

/// One arrow step from `from`, kept on the grid and on whole percents.
pub fn step(from: Position, key: &str) -> Option<Position> {
    let (power, interest) = match key {
        "ArrowUp" => (STEP, 0.0),
        "ArrowDown" => (-STEP, 0.0),
        "ArrowRight" => (0.0, STEP),
        "ArrowLeft" => (0.0, -STEP),
        _ => return None,
    };
    let snap = |v: f64| ((v * 100.0).round() / 100.0).clamp(0.0, 1.0);
    Some(Position { power: snap(from.power + power), interest: snap(from.interest + interest) })
}

#[function_component(StakeholderKeys)]
pub fn stakeholder_keys(props: &StakeholderKeysProps) -> Html {
    let selected = use_state(|| None::<usize>);
    let announced = props
        .grid
        .points
        .iter()
        .find(|p| Some(p.index) == *selected)
        .map(describe)
        .unwrap_or_default();
    html! {
        <div class="stakeholder-keys">
            <p id="stakeholder-keys-help" class="help">
                { "Keyboard: choose a stakeholder, then use the arrow keys. Up and down change power, left and right change interest, 5% a step." }
            </p>
            <ul class="stakeholder-list" aria-label="Stakeholders to re-rate">
                { for props.grid.points.iter().map(|p| {
                    let index = p.index;
                    let on_click = {
                        let selected = selected.clone();
                        Callback::from(move |_: MouseEvent| selected.set(Some(index)))
                    };
                    let on_key = {
                        let (selected, on_move, from) = (selected.clone(), props.on_move.clone(), p.current);
                        Callback::from(move |event: KeyboardEvent| {
                            if let Some(to) = step(from, &event.key()) {
                                event.prevent_default();
                                selected.set(Some(index));
                                on_move.emit((index, to));
                            }
                        })
                    };
                    let is_selected = *selected == Some(index);
                    html! {
                        <li key={index}>
                            <button class={classes!("stakeholder", p.drifting.then_some("stakeholder--drift"), p.moved().then_some("stakeholder--moved"))}
                                    aria-pressed={is_selected.to_string()} aria-describedby="stakeholder-keys-help"
                                    onclick={on_click} onkeydown={on_key}>
                                { describe(p) }
                                if p.drifting { <span class="tag">{ " · contact drift" }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <p class="visually-hidden" role="status" aria-live="polite">{ announced }</p>
        </div>
    }
}
