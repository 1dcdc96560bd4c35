//! The column mappings the user asked to remember, each with its own
//! "Forget" (the whole list goes with "Forget everything").

use yew::prelude::*;

use crate::engine::Request;
use crate::ingest::UserMapping;

#[derive(Properties, PartialEq)]
pub struct RememberedMappingsProps {
    pub mappings: Vec<UserMapping>,
    pub on_change: Callback<Request>,
}

#[function_component(RememberedMappings)]
pub fn remembered_mappings(props: &RememberedMappingsProps) -> Html {
    if props.mappings.is_empty() {
        return html! {};
    }
    html! {
        <section class="remembered-mappings" aria-labelledby="remembered-mappings-heading">
            <h3 id="remembered-mappings-heading">{ "Remembered column mappings" }</h3>
            <p class="help">{ "Files with these headers load at once, read this way." }</p>
            <ul>
            { for props.mappings.iter().map(|mapping| {
                let headers: Vec<&str> = mapping.columns.iter().map(|(header, _)| header.as_str()).collect();
                let description = format!("{} from {}", mapping.kind.id(), headers.join(", "));
                let on_forget = {
                    let (signature, on_change) = (mapping.signature.clone(), props.on_change.clone());
                    Callback::from(move |_: MouseEvent| on_change.emit(Request::ForgetMapping { signature: signature.clone() }))
                };
                html! {
                    <li key={mapping.signature.clone()}>
                        <span>{ description.clone() }</span>
                        <button class="link" aria-label={format!("Forget the mapping: {description}")} onclick={on_forget}>
                            { "Forget" }
                        </button>
                    </li>
                }
            }) }
            </ul>
        </section>
    }
}
