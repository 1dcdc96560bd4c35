//! Long lists shown a page at a time. At 200 teams a page that rendered
//! every row built tens of thousands of elements and blocked the main
//! thread for seconds; a page of rows is built in a few milliseconds
//! whatever the size of the organisation. Sorting and filtering still
//! apply to the whole list: only what is shown is cut.

use web_sys::Element;
use yew::prelude::*;

use super::listing::page_range;

/// The page shown of a list whose content is described by `key` (its
/// filters and sort order): back to the first page whenever it changes.
#[hook]
pub fn use_page<K: PartialEq + Clone + 'static>(key: K) -> (usize, Callback<usize>) {
    let state = use_state(|| (key.clone(), 0usize));
    let page = if state.0 == key { state.1 } else { 0 };
    let on_page = {
        let state = state.clone();
        Callback::from(move |page: usize| state.set((key.clone(), page)))
    };
    (page, on_page)
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub total: usize,
    pub per_page: usize,
    pub page: usize,
    /// What the list counts, plural ("teams", "findings").
    pub noun: AttrValue,
    pub on_page: Callback<usize>,
    /// The list's first element: brought back into view when the page
    /// changes, so the next page is read from its top.
    #[prop_or_default]
    pub top: NodeRef,
}

/// "Previous · 51–100 of 200 teams · Next"; nothing when one page holds all.
#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    if props.total <= props.per_page {
        return html! {};
    }
    let shown = page_range(props.total, props.per_page, props.page);
    let page = shown.start / props.per_page.max(1);
    let go = |to: usize| {
        let (on_page, top) = (props.on_page.clone(), props.top.clone());
        Callback::from(move |_: MouseEvent| {
            on_page.emit(to);
            if let Some(top) = top.cast::<Element>() {
                if top.get_bounding_client_rect().top() < 0.0 {
                    top.scroll_into_view();
                }
            }
        })
    };
    html! {
        <nav class="pager" aria-label={format!("Pages of {}", props.noun)}>
            <button disabled={shown.start == 0} onclick={go(page.saturating_sub(1))}>{ "← Previous" }</button>
            <span class="pager__where">{ format!("{}–{} of {} {}", shown.start + 1, shown.end, props.total, props.noun) }</span>
            <button disabled={shown.end >= props.total} onclick={go(page + 1)}>{ "Next →" }</button>
        </nav>
    }
}
