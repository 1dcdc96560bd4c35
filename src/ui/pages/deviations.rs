//! The Deviations page.

use yew::prelude::*;

use super::PageProps;

#[function_component(DeviationsPage)]
pub fn page(props: &PageProps) -> Html {
    let _ = props;
    html! { <section><h2>{ "Deviations" }</h2></section> }
}
