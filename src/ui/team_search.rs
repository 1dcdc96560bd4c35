//! "Find a team": narrows a list of up to hundreds of teams as one types
//! (`listing::team_matches`).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TeamSearchProps {
    pub query: AttrValue,
    pub on_query: Callback<String>,
    /// What is searched, for the label's context ("Find a team in the digest").
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

#[function_component(TeamSearch)]
pub fn team_search(props: &TeamSearchProps) -> Html {
    let on_input = props.on_query.reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <label class="team-search">
            { props.label.clone().unwrap_or_else(|| AttrValue::from("Find a team")) }{ " " }
            <input type="search" value={props.query.clone()} oninput={on_input} placeholder="part of a team's name" />
        </label>
    }
}
