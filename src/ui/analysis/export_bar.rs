//! Exports of the Deviations page: the self-contained HTML report and the
//! findings as CSV. Both are made by `crate::present` from the snapshot,
//! which the worker has already pseudonymised in presenter mode.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Snapshot;
use crate::ui::chart_panel::LazyChart;
use crate::ui::download;
use crate::ui::state::Shared;
use crate::present;

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub snapshot: Shared<Snapshot>,
    /// Drawn when the report is asked for: the page may not have drawn them yet.
    pub charts: Rc<Vec<(&'static str, LazyChart)>>,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let error = use_state(|| None::<String>);
    let on_report = {
        let (snapshot, charts, error) = (props.snapshot.clone(), props.charts.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let report = present::report(&snapshot, charts.iter().map(|(_, chart)| chart.draw()).collect());
            let name = format!("teamdiff-report-{}.html", snapshot.today);
            error.set(download::save_text(&name, download::HTML, &report).err());
        })
    };
    let on_csv = {
        let (snapshot, error) = (props.snapshot.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("teamdiff-findings-{}.csv", snapshot.today);
            error.set(download::save_text(&name, download::CSV, &present::findings_csv(&snapshot)).err());
        })
    };
    html! {
        <div class="actions export-bar">
            <button onclick={on_report}>{ "Download report (HTML)" }</button>
            <button onclick={on_csv}>{ "Download findings (CSV)" }</button>
            if let Some(message) = (*error).clone() { <p class="refusal" role="alert">{ message }</p> }
        </div>
    }
}
