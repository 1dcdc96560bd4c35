//! The power-interest grid as a workshop board: drag a stakeholder's dot to
//! re-rate them. The pointer position is turned into power and interest
//! through the chart's own frame, so what is dropped is what is drawn.

use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use super::svg::SvgChart;
use crate::charts::stakeholder_grid::{draw_with_frame, Frame, SIZE};
use crate::views::stakeholders::{Position, StakeholderGrid};

/// How close (in SVG pixels) a press must land to a dot to pick it up.
const GRAB_RADIUS: f64 = 14.0;

#[derive(Properties, PartialEq)]
pub struct StakeholderBoardProps {
    pub grid: std::rc::Rc<StakeholderGrid>,
    pub on_move: Callback<(usize, Position)>,
    /// The chart's SVG, for export.
    #[prop_or_default]
    pub on_drawn: Callback<AttrValue>,
}

/// The pointer's position in the SVG's own pixels, however it is scaled.
fn svg_point(board: &Element, event: &PointerEvent) -> Option<(f64, f64)> {
    let svg = board.query_selector("svg").ok()??;
    let rect = svg.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    Some((
        (f64::from(event.client_x()) - rect.left()) * f64::from(SIZE.0) / rect.width(),
        (f64::from(event.client_y()) - rect.top()) * f64::from(SIZE.1) / rect.height(),
    ))
}

fn nearest(grid: &StakeholderGrid, frame: &Frame, (x, y): (f64, f64)) -> Option<usize> {
    grid.points
        .iter()
        .map(|p| {
            let (px, py) = frame.pixel_of(p.current);
            (p.index, (px - x).hypot(py - y))
        })
        .filter(|(_, distance)| *distance <= GRAB_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

#[function_component(StakeholderBoard)]
pub fn stakeholder_board(props: &StakeholderBoardProps) -> Html {
    let drawn = use_memo(props.grid.clone(), |grid| {
        let (svg, frame) = draw_with_frame(grid);
        (AttrValue::from(svg), frame)
    });
    {
        let (svg, on_drawn) = (drawn.0.clone(), props.on_drawn.clone());
        use_effect_with(svg, move |svg| on_drawn.emit(svg.clone()));
    }
    let board = use_node_ref();
    let dragging = use_mut_ref(|| None::<usize>);
    let frame = drawn.1;

    let on_down = {
        let (board, dragging, grid) = (board.clone(), dragging.clone(), props.grid.clone());
        Callback::from(move |event: PointerEvent| {
            let (Some(element), Some(frame)) = (board.cast::<Element>(), frame) else { return };
            let Some(index) = svg_point(&element, &event).and_then(|at| nearest(&grid, &frame, at)) else { return };
            event.prevent_default();
            let _ = element.set_pointer_capture(event.pointer_id());
            *dragging.borrow_mut() = Some(index);
        })
    };
    let on_move = {
        let (board, dragging, on_move) = (board.clone(), dragging.clone(), props.on_move.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(index) = *dragging.borrow() else { return };
            let (Some(element), Some(frame)) = (board.cast::<Element>(), frame) else { return };
            if let Some((x, y)) = svg_point(&element, &event) {
                on_move.emit((index, frame.position_at(x, y)));
            }
        })
    };
    let on_up = {
        let (board, dragging) = (board.clone(), dragging.clone());
        Callback::from(move |event: PointerEvent| {
            if dragging.borrow_mut().take().is_some() {
                if let Some(element) = board.cast::<Element>() {
                    let _ = element.release_pointer_capture(event.pointer_id());
                }
            }
        })
    };
    html! {
        <div ref={board} class="grid-board" onpointerdown={on_down} onpointermove={on_move}
             onpointerup={on_up.clone()} onpointercancel={on_up}>
            <SvgChart svg={drawn.0.clone()}
                      label="Power-interest grid: drag a stakeholder to re-rate them, or use the list below with the arrow keys" />
        </div>
    }
}
