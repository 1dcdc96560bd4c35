//! One chart: its SVG, SVG and PNG downloads, and its table alternative.
//! The chart is drawn when its panel is first near the screen (or at once
//! for a small organisation, `listing::draws_at_once`): at 2,000 people a
//! single chart takes longer than a frame to draw and lay out, and a page
//! of six drawn together blocked the page for seconds.

use std::rc::Rc;

use yew::prelude::*;

use super::disclosure::Disclosure;
use super::download;
use super::in_view::use_in_view;
use super::svg::SvgChart;
use super::table_view::TableView;
use crate::engine::Snapshot;
use crate::present::charts::{Page, CHARTS};
use crate::ui::state::Shared;
use crate::views::report::ReportSection;

/// A chart not drawn yet: its title, and how to draw it with its table.
#[derive(Clone)]
pub struct LazyChart {
    pub title: AttrValue,
    /// What the drawing is made of, when that is known apart from the
    /// closure: a registry chart is the same drawing for as long as the
    /// worker's snapshot (and, for the one chart that reads it, the
    /// history that follows it) has not changed.
    drawn_from: Option<DrawnFrom>,
    draw: Rc<dyn Fn() -> ReportSection>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
struct DrawnFrom {
    snapshot_serial: u64,
    history_in: bool,
}

impl LazyChart {
    /// A chart that is the same drawing for as long as this closure.
    pub fn new(title: impl Into<AttrValue>, draw: impl Fn() -> ReportSection + 'static) -> LazyChart {
        LazyChart { title: title.into(), drawn_from: None, draw: Rc::new(draw) }
    }

    pub fn draw(&self) -> ReportSection {
        (self.draw)()
    }
}

/// The charts of `page` from the one registry, in page order, each drawn
/// only when its panel (or the report) asks: at 200 teams, drawing a page's
/// charts together is one long task. `snapshot_serial` is
/// `AppState::snapshot_serial`: the history arriving for the shown
/// snapshot makes a new `Snapshot`, but only the chart that reads the
/// history is a new drawing.
pub fn page_charts(snapshot: &Shared<Snapshot>, snapshot_serial: u64, page: Page) -> Vec<(&'static str, LazyChart)> {
    CHARTS
        .iter()
        .filter(|chart| chart.page == page)
        .map(|chart| {
            let drawn_from = DrawnFrom { snapshot_serial, history_in: chart.reads_history && snapshot.findings_over_time.is_some() };
            let snapshot = snapshot.clone();
            let lazy = LazyChart { title: chart.title.into(), drawn_from: Some(drawn_from), draw: Rc::new(move || chart.section(&snapshot)) };
            (chart.id, lazy)
        })
        .collect()
}

/// The same chart when it is the same drawing, or it is drawn again: the
/// same data for a registry chart, else the same closure (keep a
/// `LazyChart` for as long as its data: memoise it).
impl PartialEq for LazyChart {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && match (self.drawn_from, other.drawn_from) {
                (Some(this), Some(that)) => this == that,
                _ => Rc::ptr_eq(&self.draw, &other.draw),
            }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// Stable chart id: file names and test hooks.
    pub id: AttrValue,
    pub chart: LazyChart,
    /// Draw on the first render instead of when scrolled to.
    #[prop_or_default]
    pub at_once: bool,
}

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let panel = use_node_ref();
    let near = use_in_view(panel.clone(), props.at_once, props.chart.clone());
    let drawn = use_memo((props.chart.clone(), near), |(chart, near)| near.then(|| Rc::new(chart.draw())));
    // New data is drawn a task after it arrives (`use_in_view`); until
    // then the old drawing stays, so an unasked update (the history
    // following a snapshot) neither flashes the panel empty nor closes the
    // table the user opened under it.
    let last_drawn = use_mut_ref(|| None::<Rc<ReportSection>>);
    if let Some(section) = drawn.as_ref() {
        *last_drawn.borrow_mut() = Some(section.clone());
    }
    let shown = last_drawn.borrow().clone();
    let heading_id = format!("chart-{}-heading", props.id);
    html! {
        <article ref={panel} class="chart-panel" data-chart={props.id.clone()} aria-labelledby={heading_id.clone()}
                 aria-busy={drawn.is_none().then_some("true")}>
            <h3 id={heading_id}>{ &props.chart.title }</h3>
            if let Some(section) = shown {
                <DrawnChart id={props.id.clone()} section={section} />
            } else {
                <div class="chart-pending">{ "The chart is drawn when you scroll to it." }</div>
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct DrawnChartProps {
    id: AttrValue,
    section: Rc<ReportSection>,
}

#[function_component(DrawnChart)]
fn drawn_chart(props: &DrawnChartProps) -> Html {
    let error = use_state(|| None::<String>);
    let section = props.section.clone();
    let table = use_memo(section.clone(), |section| Rc::new(section.table.clone()));
    let on_svg = {
        let (id, section, error) = (props.id.clone(), section.clone(), error.clone());
        Callback::from(move |_: MouseEvent| error.set(download::save_text(&format!("teamdiff-{id}.svg"), download::SVG, &section.svg).err()))
    };
    let on_png = {
        let (id, section, error) = (props.id.clone(), section.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            let error = error.clone();
            download::save_png(format!("teamdiff-{id}.png"), &section.svg, Callback::from(move |message| error.set(Some(message))));
        })
    };
    html! {
        <>
            <SvgChart svg={AttrValue::from(section.svg.clone())} label={AttrValue::from(section.title.clone())} />
            <div class="chart-actions">
                <button onclick={on_svg} aria-label={format!("Download SVG of {}", section.title)}>{ "Download SVG" }</button>
                <button onclick={on_png} aria-label={format!("Download PNG of {}", section.title)}>{ "Download PNG" }</button>
            </div>
            if let Some(message) = (*error).clone() { <p class="refusal" role="alert">{ message }</p> }
            <Disclosure class="chart-table" summary="Show as a table">
                <TableView table={(*table).clone()} />
            </Disclosure>
        </>
    }
}
