//! The Org digest page.

use yew::prelude::*;

use super::PageProps;

#[function_component(DigestPage)]
pub fn page(props: &PageProps) -> Html {
    let _ = props;
    html! { <section><h2>{ "Org digest" }</h2></section> }
}
