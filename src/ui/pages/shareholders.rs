//! The Shareholders page.

use yew::prelude::*;

use super::PageProps;

#[function_component(ShareholdersPage)]
pub fn page(props: &PageProps) -> Html {
    let _ = props;
    html! { <section><h2>{ "Shareholders" }</h2></section> }
}
