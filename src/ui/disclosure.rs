//! A `<details>` whose content is built only while it is open: a closed
//! "Show as a table" under a 2,000-person chart, or a closed form under
//! each of 3,000 findings, costs nothing. Opening works by click and
//! keyboard on the summary, and also when script sets `open` (the e2e
//! tests open every disclosure to look for names).

use web_sys::HtmlDetailsElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    pub summary: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Built when open. Pass a component (its props are cheap to build;
    /// its content is only made once it is shown).
    pub children: Html,
}

#[function_component(Disclosure)]
pub fn disclosure(props: &DisclosureProps) -> Html {
    let open = use_state(|| false);
    let details = use_node_ref();
    let on_summary = {
        let open = open.clone();
        // Handled here rather than on `toggle`, which comes a task later:
        // the content is there as soon as the click is.
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            open.set(!*open);
        })
    };
    let on_toggle = {
        let (open, details) = (open.clone(), details.clone());
        Callback::from(move |_: Event| {
            if let Some(element) = details.cast::<HtmlDetailsElement>() {
                if element.open() != *open {
                    open.set(element.open());
                }
            }
        })
    };
    html! {
        <details ref={details} class={props.class.clone()} open={*open} ontoggle={on_toggle}>
            <summary onclick={on_summary}>{ &props.summary }</summary>
            if *open { { props.children.clone() } }
        </details>
    }
}
