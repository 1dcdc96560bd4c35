//! The Leadership page.

use yew::prelude::*;

use super::PageProps;

#[function_component(LeadershipPage)]
pub fn page(props: &PageProps) -> Html {
    let _ = props;
    html! { <section><h2>{ "Leadership" }</h2></section> }
}
