//! A `views::Table` as an HTML table: the screen-reader alternative of a
//! chart. Yew escapes every cell.

use std::rc::Rc;

use yew::prelude::*;

use crate::views::Table;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub table: Rc<Table>,
}

#[function_component(TableView)]
pub fn table_view(props: &TableViewProps) -> Html {
    let table = &props.table;
    html! {
        // Focusable so a wide table can be scrolled by keyboard.
        <div class="table-scroll" tabindex="0" role="region" aria-label={table.caption.clone()}>
            <table>
                <caption>{ &table.caption }</caption>
                <thead><tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>
                    { for table.rows.iter().map(|row| html! { <tr>{ for row.iter().map(|cell| html! { <td>{ cell }</td> }) }</tr> }) }
                </tbody>
            </table>
        </div>
    }
}
