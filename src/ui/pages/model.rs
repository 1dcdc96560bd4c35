//! The Model page.

use yew::prelude::*;

use super::PageProps;

#[function_component(ModelPage)]
pub fn page(props: &PageProps) -> Html {
    let _ = props;
    html! { <section><h2>{ "Model" }</h2></section> }
}
