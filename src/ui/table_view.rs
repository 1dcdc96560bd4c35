//! A `views::Table` as an HTML table: the screen-reader alternative of a
//! chart. Yew escapes every cell. A long table (a chart of 2,000 people)
//! is shown a page of rows at a time.

use std::rc::Rc;

use yew::prelude::*;

use super::listing::{page_range, ROWS_PER_PAGE};
use super::pager::{use_page, Pager};
use crate::views::Table;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub table: Rc<Table>,
}

#[function_component(TableView)]
pub fn table_view(props: &TableViewProps) -> Html {
    let table = &props.table;
    let top = use_node_ref();
    let (page, on_page) = use_page(table.rows.len());
    let shown = page_range(table.rows.len(), ROWS_PER_PAGE, page);
    html! {
        <>
        // Focusable so a wide table can be scrolled by keyboard.
        <div ref={top.clone()} class="table-scroll" tabindex="0" role="region" aria-label={table.caption.clone()}>
            <table>
                <caption>{ &table.caption }</caption>
                <thead><tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>
                    { for table.rows[shown].iter().map(|row| html! { <tr>{ for row.iter().map(|cell| html! { <td>{ cell }</td> }) }</tr> }) }
                </tbody>
            </table>
        </div>
        <Pager total={table.rows.len()} per_page={ROWS_PER_PAGE} page={page} noun="rows" on_page={on_page} top={top} />
        </>
    }
}
