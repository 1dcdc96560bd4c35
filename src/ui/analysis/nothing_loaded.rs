//! What an analysis page says before anything is loaded.

use yew::prelude::*;

use crate::ui::state::{Action, AppState, Page};

#[derive(Properties, PartialEq)]
pub struct NothingLoadedProps {
    pub title: AttrValue,
    pub state: UseReducerHandle<AppState>,
}

#[function_component(NothingLoaded)]
pub fn nothing_loaded(props: &NothingLoadedProps) -> Html {
    let dispatcher = props.state.dispatcher();
    html! {
        <section aria-labelledby="empty-heading">
            <h2 id="empty-heading">{ &props.title }</h2>
            <p>{ "Nothing is loaded yet. Drop your exports on the Load page, or try the demo organization there." }</p>
            <button onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Show(Page::Load)))}>{ "Go to the Load page" }</button>
        </section>
    }
}
