//! The org digest by group: one line per group with its teams' open
//! findings, stale updates, systemic findings and latest statuses,
//! sortable; a group's name opens its teams (`pages::digest`). Twenty
//! lines at 200 teams, paged like the team table if a file has many more.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::sort_header::sort_header;
use crate::ui::listing::{page_range, ROWS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::views::groups::{sort_groups, statuses_text, GroupRow, GroupSort};

const COLUMNS: [(&str, Option<GroupSort>); 7] = [
    ("Group", Some(GroupSort::Group)),
    ("Teams", Some(GroupSort::Teams)),
    ("Open findings", Some(GroupSort::OpenFindings)),
    ("Stale updates", Some(GroupSort::StaleUpdates)),
    ("Systemic findings", Some(GroupSort::Systemic)),
    ("Latest statuses", None),
    ("Oldest update", None),
];

/// Tripwires named on a group's line, the most frequent first; the rest
/// are on its teams' rows.
const TRIPWIRES_SHOWN: usize = 3;

#[derive(Properties, PartialEq)]
pub struct DigestGroupsProps {
    pub groups: Rc<Vec<GroupRow>>,
    /// Tripwire id → title.
    pub titles: Rc<BTreeMap<String, String>>,
    /// A group's name was clicked: open its teams.
    pub on_open: Callback<String>,
}

#[function_component(DigestGroups)]
pub fn digest_groups(props: &DigestGroupsProps) -> Html {
    let sort = use_state(|| (GroupSort::Group, false));
    let top = use_node_ref();
    let (by, descending) = *sort;
    let sorted = use_memo((props.groups.clone(), by, descending), |(groups, by, descending)| {
        let mut lines = (**groups).clone();
        sort_groups(&mut lines, *by, *descending);
        lines
    });
    let (page, on_page) = use_page((by, descending));
    let shown = page_range(sorted.len(), ROWS_PER_PAGE, page);
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |next: (GroupSort, bool)| sort.set(next))
    };
    let teams: usize = props.groups.iter().map(|g| g.teams.len()).sum();
    html! {
        <>
        <div ref={top.clone()} class="table-scroll" tabindex="0" role="region" aria-label="Org digest by group">
            <table class="digest digest--groups">
                <caption>{ format!("Org digest by group: {} groups of {teams} teams. Click a group to see its teams; a column header to sort.", props.groups.len()) }</caption>
                <thead><tr>{ for COLUMNS.iter().map(|&(label, column)| sort_header(label, column, (by, descending), &on_sort)) }</tr></thead>
                <tbody>
                    { for sorted[shown].iter().map(|line| group_line(line, &props.titles, &props.on_open)) }
                </tbody>
            </table>
        </div>
        <Pager total={sorted.len()} per_page={ROWS_PER_PAGE} page={page} noun="groups" on_page={on_page} top={top} />
        </>
    }
}

fn group_line(line: &GroupRow, titles: &BTreeMap<String, String>, on_open: &Callback<String>) -> Html {
    let group = line.group.clone();
    let onclick = on_open.reform(move |_: MouseEvent| group.clone());
    let mut tripwires: Vec<(&String, &usize)> = line.open_by_tripwire.iter().collect();
    tripwires.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    html! {
        <tr key={line.group.clone()} data-group={line.group.clone()}>
            <th scope="row">
                <button class="link group-open" onclick={onclick}
                        aria-label={format!("Open {}: {} teams", line.group, line.teams.len())}>{ &line.group }</button>
            </th>
            <td class="num">{ line.teams.len() }</td>
            <td>
                if line.open_findings == 0 {
                    { "none" }
                } else {
                    <span class="digest__total">{ line.open_findings }</span>
                    <ul class="tag-list">
                        { for tripwires.iter().take(TRIPWIRES_SHOWN).map(|(id, n)| html! {
                            <li>{ format!("{}: {n}", titles.get(*id).map_or(id.as_str(), String::as_str)) }</li>
                        }) }
                    </ul>
                }
            </td>
            <td class="num">{ format!("{} of {}", line.stale_updates, line.teams.len()) }</td>
            <td class="num">{ line.systemic_findings }</td>
            <td>{ statuses_text(&line.statuses) }</td>
            <td class="num">{ line.oldest_update_days.map_or_else(|| "no update".to_string(), |d| format!("{d} days")) }</td>
        </tr>
    }
}
