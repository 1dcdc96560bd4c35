//! One team's row of the org digest. Keyed by team and given its sparkline
//! pre-drawn, so sorting only moves rows: nothing is redrawn.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::svg::SvgChart;
use crate::views::digest::DigestRow;

#[derive(Properties, PartialEq)]
pub struct DigestRowProps {
    pub row: Rc<DigestRow>,
    pub sparkline: AttrValue,
    /// Tripwire id → title, shared by every row.
    pub titles: Rc<BTreeMap<String, String>>,
    #[prop_or_default]
    pub show_group: bool,
}

#[function_component(DigestRowView)]
pub fn digest_row(props: &DigestRowProps) -> Html {
    let row = &props.row;
    let age = row.last_update_age_days.map_or_else(|| "no update".to_string(), |d| format!("{d} days"));
    html! {
        <tr>
            <th scope="row">{ &row.team }</th>
            if props.show_group { <td>{ row.group.clone().unwrap_or_default() }</td> }
            <td>{ &row.flavor }</td>
            <td class="num">{ age }</td>
            <td>{ row.status.clone().unwrap_or_else(|| "unknown".into()) }</td>
            <td>
                if row.open_findings.is_empty() {
                    { "none" }
                } else {
                    <span class="digest__total">{ row.open_findings_total() }</span>
                    <ul class="tag-list">
                        { for row.open_findings.iter().map(|(id, n)| html! {
                            <li>{ format!("{}: {n}", props.titles.get(id).map_or(id.as_str(), String::as_str)) }</li>
                        }) }
                    </ul>
                }
            </td>
            <td class="digest__trend"><SvgChart svg={props.sparkline.clone()} label={format!("Merged PRs per week, {}", row.team)} /></td>
        </tr>
    }
}
