//! A sortable column header: one click sorts by the column, a second
//! reverses it; `aria-sort` says how the table is sorted. Shared by the
//! digest's team table and its group table.

use yew::prelude::*;

/// The header of column `label`: sortable by `column` when it is `Some`.
/// `current` is the table's (column, descending); `on_sort` gets the next.
pub fn sort_header<S: Copy + PartialEq + 'static>(label: &'static str, column: Option<S>, current: (S, bool), on_sort: &Callback<(S, bool)>) -> Html {
    let Some(column) = column else { return html! { <th scope="col">{ label }</th> } };
    let (by, descending) = current;
    let sorted_here = column == by;
    let aria_sort = if !sorted_here { "none" } else if descending { "descending" } else { "ascending" };
    let onclick = on_sort.reform(move |_: MouseEvent| (column, sorted_here && !descending));
    html! {
        <th scope="col" aria-sort={aria_sort}>
            <button class="sort" onclick={onclick}>
                { label }
                <span aria-hidden="true">{ if !sorted_here { " ↕" } else if descending { " ↓" } else { " ↑" } }</span>
            </button>
        </th>
    }
}
