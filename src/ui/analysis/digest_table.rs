//! The org digest table with sortable column headers.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::prelude::*;

use super::digest_row::DigestRowView;
use crate::views::digest::{sort_digest, DigestRow, DigestSort};

const COLUMNS: [(&str, Option<DigestSort>); 6] = [
    ("Team", Some(DigestSort::Team)),
    ("Flavor", Some(DigestSort::Flavor)),
    ("Last update", Some(DigestSort::UpdateAge)),
    ("Status", Some(DigestSort::Status)),
    ("Open findings", Some(DigestSort::OpenFindings)),
    ("Trend (merged PRs per week)", None),
];

#[derive(Properties, PartialEq)]
pub struct DigestTableProps {
    pub rows: Rc<Vec<Rc<DigestRow>>>,
    /// Team → sparkline SVG, drawn once per snapshot.
    pub sparklines: Rc<HashMap<String, AttrValue>>,
    pub titles: Rc<BTreeMap<String, String>>,
}

#[function_component(DigestTable)]
pub fn digest_table(props: &DigestTableProps) -> Html {
    let sort = use_state(|| (DigestSort::Team, false));
    let (by, descending) = *sort;
    let sorted = use_memo((props.rows.clone(), by, descending), |(rows, by, descending)| {
        let mut plain: Vec<DigestRow> = rows.iter().map(|r| (**r).clone()).collect();
        sort_digest(&mut plain, *by, *descending);
        // Back to the shared rows, so each row component keeps equal props.
        let by_team: HashMap<&str, &Rc<DigestRow>> = rows.iter().map(|r| (r.team.as_str(), r)).collect();
        plain.iter().map(|r| by_team[r.team.as_str()].clone()).collect::<Vec<_>>()
    });
    let header = |(label, column): &(&'static str, Option<DigestSort>)| match column {
        None => html! { <th scope="col">{ *label }</th> },
        Some(column) => {
            let current = *column == by;
            let aria_sort = if !current { "none" } else if descending { "descending" } else { "ascending" };
            let onclick = {
                let (sort, column) = (sort.clone(), *column);
                Callback::from(move |_: MouseEvent| sort.set((column, current && !descending)))
            };
            html! {
                <th scope="col" aria-sort={aria_sort}>
                    <button class="sort" onclick={onclick}>
                        { *label }
                        <span aria-hidden="true">{ if !current { " ↕" } else if descending { " ↓" } else { " ↑" } }</span>
                    </button>
                </th>
            }
        }
    };
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Org digest">
            <table class="digest">
                <caption>{ format!("Org digest: {} teams. Click a column header to sort.", props.rows.len()) }</caption>
                <thead><tr>{ for COLUMNS.iter().map(header) }</tr></thead>
                <tbody>
                    { for sorted.iter().map(|row| html! {
                        <DigestRowView key={row.team.clone()} row={row.clone()}
                            sparkline={props.sparklines.get(&row.team).cloned().unwrap_or_default()}
                            titles={props.titles.clone()} />
                    }) }
                </tbody>
            </table>
        </div>
    }
}
