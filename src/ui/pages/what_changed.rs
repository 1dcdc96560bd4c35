//! What changed since the last review: "Save this review" (the worker
//! builds the file with real names, the page saves it), and, once a saved
//! review is dropped with the new exports, its counts and five tables
//! (findings, teams, roster, stakeholders, norms), a page of rows at a
//! time, so 200 teams stay quick. The tables are `present::changes`', the
//! same the HTML report carries.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::engine::Request;
use crate::present::changes;
use crate::ui::drop_zone::DropZone;
use crate::ui::state::{Action, AppState, Page};
use crate::ui::table_view::TableView;

#[function_component(WhatChangedPage)]
pub fn page(props: &PageProps) -> Html {
    let prepared = use_memo(props.state.snapshot.clone(), |snapshot| {
        let changes = snapshot.as_ref()?.changes.as_ref()?;
        let tables: Vec<Rc<crate::views::Table>> = changes::tables(changes).into_iter().map(Rc::new).collect();
        Some((changes::heading(changes), changes::counts(changes), tables))
    });
    let loaded = props.state.snapshot.as_ref().is_some_and(|s| !s.overview.files.is_empty());
    let on_save = {
        let bridge = props.bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.send(Request::SaveReview))
    };
    let on_forget = {
        let bridge = props.bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.send(Request::ForgetReview))
    };
    let on_files = {
        let bridge = props.bridge.clone();
        Callback::from(move |files: Vec<web_sys::File>| bridge.load_files(files))
    };
    html! {
        <section class="what-changed-page" aria-labelledby="what-changed-heading">
            <h2 id="what-changed-heading">{ "What changed" }</h2>
            <p class="lede">
                { "Save this review to keep what is open now (findings, who is on which team, stakeholder quadrants, the model; no rows). Next time, drop the saved file with the new exports to see what is new, what got resolved, what persists and for how long." }
            </p>
            <div class="actions">
                <button onclick={on_save} disabled={!loaded}>{ "Save this review" }</button>
                if prepared.is_some() {
                    <button onclick={on_forget}>{ "Forget the saved review" }</button>
                }
            </div>
            if props.state.presenting() {
                <p class="help">{ "The saved file holds real names, as your exports do; what this page shows stays pseudonymised." }</p>
            }
            { match prepared.as_ref() {
                Some((heading, counts, tables)) => html! {
                    <>
                    <h3>{ heading }</h3>
                    <p class="what-changed__counts" role="status">{ counts }</p>
                    { for tables.iter().map(|table| html! {
                        if table.rows.is_empty() {
                            <p class="help">{ format!("{}: none.", table.caption) }</p>
                        } else {
                            <TableView table={table.clone()} />
                        }
                    }) }
                    </>
                },
                None => html! {
                    <>
                    <p>{ "No saved review is loaded. Drop a teamdiff-review-….json here or on the Load page, with the new exports or after them, in any order." }</p>
                    <DropZone on_files={on_files} />
                    </>
                },
            } }
        </section>
    }
}

/// The Load page's line once a saved review is loaded: the review is no
/// data file, so the file list does not show it.
pub fn saved_review_note(state: &UseReducerHandle<AppState>) -> Html {
    let Some(changes) = state.snapshot.as_ref().and_then(|s| s.changes.as_ref()) else { return html! {} };
    let dispatcher = state.dispatcher();
    html! {
        <p class="saved-review-note" role="status">
            { format!("Saved review {} (as of {}) is loaded: it is compared with what is open now. ", changes.saved_file, changes.since) }
            <button onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Show(Page::WhatChanged)))}>{ "See what changed" }</button>
        </p>
    }
}
