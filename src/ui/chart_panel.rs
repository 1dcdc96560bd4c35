//! One chart: its SVG, SVG and PNG downloads, and its table alternative.

use std::rc::Rc;

use yew::prelude::*;

use super::download;
use super::svg::SvgChart;
use super::table_view::TableView;
use crate::views::report::ReportSection;

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// Stable chart id: file names and test hooks.
    pub id: AttrValue,
    pub section: Rc<ReportSection>,
}

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let error = use_state(|| None::<String>);
    let section = props.section.clone();
    let heading_id = format!("chart-{}-heading", props.id);
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
        <article class="chart-panel" data-chart={props.id.clone()} aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ &section.title }</h3>
            <SvgChart svg={AttrValue::from(section.svg.clone())} label={AttrValue::from(section.title.clone())} />
            <div class="chart-actions">
                <button onclick={on_svg} aria-label={format!("Download SVG of {}", section.title)}>{ "Download SVG" }</button>
                <button onclick={on_png} aria-label={format!("Download PNG of {}", section.title)}>{ "Download PNG" }</button>
            </div>
            if let Some(message) = (*error).clone() { <p class="refusal" role="alert">{ message }</p> }
            <details class="chart-table">
                <summary>{ "Show as a table" }</summary>
                <TableView table={Rc::new(section.table.clone())} />
            </details>
        </article>
    }
}
