//! A `<select>` that follows its value. Browsers stop honouring `selected`
//! attributes once the user has picked an option, so when the model changes
//! for another reason (an imported file) the element is set directly.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FlavorSelectProps {
    pub label: AttrValue,
    pub flavors: Vec<String>,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(FlavorSelect)]
pub fn flavor_select(props: &FlavorSelectProps) -> Html {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(element) = select.cast::<HtmlSelectElement>() {
                element.set_value(value);
            }
        });
    }
    let on_change = {
        let (select, on_change) = (select.clone(), props.on_change.clone());
        Callback::from(move |_: Event| {
            if let Some(element) = select.cast::<HtmlSelectElement>() {
                on_change.emit(element.value());
            }
        })
    };
    html! {
        <select ref={select} aria-label={props.label.clone()} onchange={on_change}>
            { for props.flavors.iter().map(|f| html! { <option value={f.clone()} selected={*f == *props.value}>{ f }</option> }) }
        </select>
    }
}
