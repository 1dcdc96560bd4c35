//! The Shareholders page: the power-interest grid with each stakeholder's
//! initial (from the file) and current (workshop) position, contact drift
//! ringed, re-rating by drag or keyboard, PNG/SVG export, the re-rated
//! stakeholders as a CSV that loads back (the workshop's outcome is not
//! lost on reload), and the table.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::ui::download;
use crate::ui::request_error::{dismiss_with, report_to, RequestError};
use crate::ui::stakeholder_board::StakeholderBoard;
use crate::ui::stakeholder_keys::StakeholderKeys;
use crate::ui::stakeholder_path::StakeholderPaths;
use crate::ui::state::Action;
use crate::ui::table_view::TableView;
use crate::views::stakeholders::Position;
use crate::views::ToTable;

#[function_component(ShareholdersPage)]
pub fn page(props: &PageProps) -> Html {
    let state = &props.state;
    let svg = use_mut_ref(|| AttrValue::from(""));
    let snapshot = state.snapshot.clone();
    // The worker already pseudonymised names in presenter mode; the
    // workshop's re-ratings are applied here, instantly, without a round trip.
    let grid = use_memo((snapshot.clone(), state.re_rated.clone()), |(snapshot, re_rated)| {
        snapshot.as_ref().map(|s| Rc::new(s.stakeholders.re_rated(re_rated, &s.model.stakeholder_cadence)))
    });
    let on_move = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(index, position): (usize, Position)| dispatcher.dispatch(Action::ReRate(index, position)))
    };
    let on_error = report_to(state.dispatcher());
    let on_dismiss = dismiss_with(state.dispatcher());
    let Some(grid) = (*grid).clone() else {
        return html! { <section><h2>{ "Shareholders" }</h2><p>{ "Starting…" }</p></section> };
    };
    if grid.points.is_empty() && grid.unplaced.is_empty() {
        return html! {
            <section aria-labelledby="shareholders-heading">
                <h2 id="shareholders-heading">{ "Shareholders" }</h2>
                <p>{ "No stakeholders yet. Load a stakeholders.csv (name, role, power, interest, last_contact), or try the demo organization." }</p>
            </section>
        };
    }
    let on_drawn = {
        let svg = svg.clone();
        Callback::from(move |drawn: AttrValue| *svg.borrow_mut() = drawn)
    };
    let on_svg = {
        let (svg, on_error) = (svg.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = download::save_text("stakeholder-grid.svg", download::SVG, &svg.borrow()) {
                on_error.emit(message);
            }
        })
    };
    let on_png = {
        let (svg, on_error) = (svg.clone(), on_error.clone());
        Callback::from(move |_: MouseEvent| download::save_png("stakeholder-grid.png".into(), &svg.borrow(), on_error.clone()))
    };
    let on_csv = {
        let (grid, on_error) = (grid.clone(), on_error.clone());
        let today = snapshot.as_ref().map(|s| s.today);
        Callback::from(move |_: MouseEvent| {
            let Some(today) = today else { return };
            let csv = crate::views::export::stakeholders_csv(&grid, today);
            if let Err(message) = download::save_text("stakeholders-after-workshop.csv", download::CSV, &csv) {
                on_error.emit(message);
            }
        })
    };
    let on_reset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ResetReRatings))
    };
    let drifting: Vec<&str> = grid.points.iter().filter(|p| p.drifting).map(|p| p.label.as_str()).collect();
    let moved = grid.points.iter().filter(|p| p.moved()).count();
    let table = Rc::new(grid.to_table());
    html! {
        <>
        <section aria-labelledby="shareholders-heading">
            <h2 id="shareholders-heading">{ "Shareholders" }</h2>
            <RequestError message={state.request_error.clone()} on_dismiss={on_dismiss} />
            <p class="help">
                { "Filled dots are where each stakeholder sits now, hollow ones where the file rated them; a ring marks contact overdue for the quadrant's cadence." }
            </p>
            if !drifting.is_empty() {
                <p class="drift-summary"><strong>{ format!("Contact drift ({}): ", drifting.len()) }</strong>{ drifting.join(", ") }</p>
            }
            <div class="actions">
                <button onclick={on_svg}>{ "Download SVG" }</button>
                <button onclick={on_png}>{ "Download PNG" }</button>
                <button onclick={on_csv} title="Where everyone sits now, as a stakeholders.csv teamdiff reads back">
                    { "Download re-rated stakeholders.csv" }
                </button>
                if moved > 0 {
                    <button onclick={on_reset}>{ format!("Undo {moved} re-rating{}", if moved == 1 { "" } else { "s" }) }</button>
                }
            </div>
            <div class="shareholders">
                <StakeholderBoard grid={grid.clone()} on_move={on_move.clone()} on_drawn={on_drawn} />
                <StakeholderKeys grid={grid.clone()} on_move={on_move} />
            </div>
        </section>
        <StakeholderPaths grid={grid.clone()} />
        <section aria-labelledby="shareholders-table-heading">
            <h2 id="shareholders-table-heading">{ "Stakeholders as a table" }</h2>
            <TableView table={table} />
        </section>
        </>
    }
}
