//! What a field shows while the user types into it.
//!
//! Yew writes a controlled input's `value` back from its props on every
//! render of its component (it refreshes from the DOM and overwrites what
//! differs). The page re-renders whenever the worker posts, and the worker
//! posts unasked: findings over time stream in after every change. Without
//! a draft, a half-typed norm or date would be wiped by the next post.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The text to show in a field whose committed value is `committed`, and
/// the `oninput` that keeps what the user types. What they typed stays
/// until the committed value itself changes (their change was applied, or
/// something else changed it): then the field shows the new value.
#[hook]
pub fn use_draft(committed: String) -> (AttrValue, Callback<InputEvent>) {
    // (the committed value the user started from, what they typed)
    let draft = use_state(|| None::<(String, String)>);
    {
        let draft = draft.clone();
        use_effect_with(committed.clone(), move |committed| {
            if draft.as_ref().is_some_and(|(base, _)| base != committed) {
                draft.set(None);
            }
        });
    }
    let shown = match &*draft {
        Some((base, typed)) if *base == committed => typed.clone(),
        _ => committed.clone(),
    };
    let on_input = Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        draft.set(Some((committed.clone(), input.value())));
    });
    (shown.into(), on_input)
}
