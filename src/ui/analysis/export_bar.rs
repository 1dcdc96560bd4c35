//! Exports of the Deviations page: the self-contained HTML report and the
//! findings as CSV. Both are made by `crate::present` from the snapshot,
//! which the worker has already pseudonymised in presenter mode.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Snapshot;
use crate::present;
use crate::ui::download;
use crate::ui::state::Shared;
use crate::views::report::ReportSection;

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub snapshot: Shared<Snapshot>,
    pub sections: Rc<Vec<(&'static str, Rc<ReportSection>)>>,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let error = use_state(|| None::<String>);
    let on_report = {
        let (snapshot, sections, error) = (props.snapshot.clone(), props.sections.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let report = present::report(&snapshot, sections.iter().map(|(_, s)| (**s).clone()).collect());
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
