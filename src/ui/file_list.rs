//! What happened to each file: kind, rows read/kept/skipped, every warning.

use yew::prelude::*;

use crate::dataset::FileReport;

#[derive(Properties, PartialEq)]
pub struct FileListProps {
    pub files: Vec<FileReport>,
}

/// Warnings listed per file before "and N more"; the full list is in `inspect`.
const SHOWN_WARNINGS: usize = 50;

#[function_component(FileList)]
pub fn file_list(props: &FileListProps) -> Html {
    if props.files.is_empty() {
        return html! {};
    }
    html! {
        <table class="files">
            <caption>{ "Loaded files" }</caption>
            <thead><tr>
                <th scope="col">{ "File" }</th><th scope="col">{ "Detected as" }</th>
                <th scope="col">{ "Rows" }</th><th scope="col">{ "Kept" }</th><th scope="col">{ "Skipped" }</th>
                <th scope="col">{ "Warnings" }</th><th scope="col">{ "Columns" }</th>
            </tr></thead>
            <tbody>
            { for props.files.iter().map(|file| html! {
                <tr>
                    <th scope="row">{ &file.path }</th>
                    <td class="kind">{ file.kind.id() }</td>
                    <td class="num">{ file.rows }</td>
                    <td class="num">{ file.kept }</td>
                    <td class="num">{ file.skipped }</td>
                    <td>{ warnings(file) }</td>
                    <td>{ mapping(file) }</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

/// Which header became which field, so a wrong guess is visible.
fn mapping(file: &FileReport) -> Html {
    if file.mapping.is_empty() {
        let note = if file.kind == crate::dataset::FileKind::Unknown { "not recognised: map them below" } else { "none" };
        return html! { note };
    }
    html! {
        <details>
            <summary>{ format!("{} mapped", file.mapping.len()) }</summary>
            <ul class="mapping-list">
                { for file.mapping.iter().map(|(header, field)| html! { <li>{ format!("{header} → {field}") }</li> }) }
            </ul>
        </details>
    }
}

fn warnings(file: &FileReport) -> Html {
    if file.warnings.is_empty() {
        return html! { "none" };
    }
    let hidden = file.warnings.len().saturating_sub(SHOWN_WARNINGS);
    html! {
        <details>
            <summary>{ format!("{} warning{}", file.warnings.len(), if file.warnings.len() == 1 { "" } else { "s" }) }</summary>
            <ul class="warnings">
                { for file.warnings.iter().take(SHOWN_WARNINGS).map(|w| html! {
                    <li>{ format!("{}:{}:{}: {}", file.path, w.line, w.column, w.message) }</li>
                }) }
                if hidden > 0 { <li>{ format!("and {hidden} more") }</li> }
            </ul>
        </details>
    }
}
