//! The page frame: header (offline badge, presenter toggle), page tabs, and
//! the current page. Each page is one component in `pages/`.

use yew::prelude::*;

use super::as_of_control::AsOfControl;
use super::bridge::EngineBridge;
use super::persistence::{self, Persistence};
use super::progress::{cancel_with, ProgressPanel};
use super::pages::{DeviationsPage, DigestPage, LeadershipPage, LoadPage, ModelPage, PageProps, ShareholdersPage, WhatChangedPage};
use crate::engine::Event;
use super::state::{Action, AppState, Page};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let bridge = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            EngineBridge::spawn(
                super::local_today(),
                Callback::from(move |event| match event {
                    // The one event that is a file to save, not state to show.
                    Event::ReviewFile { name, json } => {
                        if let Err(message) = super::download::save_text(&name, "application/json;charset=utf-8", &json) {
                            dispatcher.dispatch(Action::Engine(Event::RequestFailed { message }));
                        }
                    }
                    event => dispatcher.dispatch(Action::Engine(event)),
                }),
            )
        })
    };
    let on_presenter = {
        let dispatcher = state.dispatcher();
        let (bridge, on) = ((*bridge).clone(), !state.presenting());
        // The worker pseudonymises; the header changes at once. Both are
        // told the same value, so they cannot disagree.
        Callback::from(move |_: MouseEvent| {
            bridge.set_presenter(on);
            dispatcher.dispatch(Action::Presenter(on))
        })
    };
    let props = PageProps { state: state.clone(), bridge: (*bridge).clone() };

    html! {
        <>
        <header class={classes!("topbar", state.presenting().then_some("topbar--presenter"))}>
            <h1>{ "teamdiff" }</h1>
            <p class="offline-badge" title="This page's Content-Security-Policy forbids every network connection (connect-src 'none'); files are read in this tab only.">
                <span aria-hidden="true">{ "● " }</span>{ "Offline: nothing leaves this device" }
            </p>
            <AsOfControl state={state.clone()} bridge={(*bridge).clone()} />
            <button class="presenter-toggle" aria-pressed={state.presenting().to_string()} onclick={on_presenter}>
                { if state.presenting() { "Presenter mode: ON (names hidden)" } else { "Presenter mode: off" } }
            </button>
        </header>
        <nav class="tabs" aria-label="Pages">
            { for Page::ALL.iter().map(|&page| {
                let dispatcher = state.dispatcher();
                let current = state.page == page;
                html! {
                    <button class={classes!("tab", current.then_some("tab--current"))}
                            aria-current={current.then_some("page")}
                            onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Show(page)))}>
                        { page.title() }
                    </button>
                }
            }) }
        </nav>
        <main>
            // The Load page shows it among its own controls.
            if state.page != Page::Load {
                <ProgressPanel progress={state.progress.clone()} on_cancel={cancel_with(&bridge, state.dispatcher())} />
            }
            { match state.page {
                Page::Load => html! { <LoadPage ..props /> },
                Page::Model => html! { <ModelPage ..props /> },
                Page::Deviations => html! { <DeviationsPage ..props /> },
                Page::Shareholders => html! { <ShareholdersPage ..props /> },
                Page::Digest => html! { <DigestPage ..props /> },
                Page::Leadership => html! { <LeadershipPage ..props /> },
                Page::WhatChanged => html! { <WhatChangedPage ..props /> },
            } }
        </main>
        <Persistence remember={state.remember_on_device} remember_demo={state.remember_demo} snapshot={state.snapshot.clone()}
                     pseudonymised={state.pseudonymised()} idle={bridge.is_idle()}
                     on_remembered={persistence::restore(&bridge, state.dispatcher())} />
        </>
    }
}
