//! One download per teamdiff template: header plus an example row, to fill
//! in by hand when a tool has no export.

use yew::prelude::*;

use super::download;
use crate::ingest::KINDS;

const CSV: &str = "text/csv;charset=utf-8";

#[derive(Properties, PartialEq)]
pub struct TemplateDownloadsProps {
    pub on_error: Callback<String>,
}

#[function_component(TemplateDownloads)]
pub fn template_downloads(props: &TemplateDownloadsProps) -> Html {
    html! {
        <details class="templates">
            <summary>{ "Templates for what no tool exports" }</summary>
            <p class="help">{ "Columns listed are the minimum; extra columns are kept. Lists inside a cell are separated by ;" }</p>
            <ul class="template-list">
                { for KINDS.iter().filter_map(|spec| spec.template()).map(|template| {
                    let (name, text) = (template.file, template.csv);
                    let on_click = {
                        let on_error = props.on_error.clone();
                        Callback::from(move |_: MouseEvent| {
                            if let Err(message) = download::save_text(name, CSV, text) {
                                on_error.emit(message);
                            }
                        })
                    };
                    html! {
                        <li><button onclick={on_click} aria-label={format!("Download the {name} template")}>{ name }</button></li>
                    }
                }) }
            </ul>
        </details>
    }
}
