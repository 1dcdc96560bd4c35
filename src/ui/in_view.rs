//! "Has this element come near the screen yet?", for drawing charts only
//! when they are scrolled to. An `IntersectionObserver` watches the
//! element; the answer turns true once and stays true.

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How far outside the screen counts as near: scrolling reveals a chart
/// already drawn, but one well below is not drawn on opening the page.
const NEAR: &str = "200px 0px";

/// True from the moment the element behind `node` is near the screen (or
/// at once when `already` is true), until `what` it shows changes: then
/// it is watched afresh, so new data (a new snapshot) is drawn where it is
/// seen, not everywhere it once was. The change comes in a task of its
/// own: charts that come into view together are drawn one task each, not
/// in one long task.
#[hook]
pub fn use_in_view<T: PartialEq + Clone + 'static>(node: NodeRef, already: bool, what: T) -> bool {
    let seen = use_state(|| None::<T>);
    let now = already || seen.as_ref() == Some(&what);
    {
        let seen = seen.clone();
        use_effect_with((node, now, what), move |(node, now, what)| {
            let watching = (!*now).then(|| node.cast::<Element>()).flatten().and_then(|element| watch(&element, seen, what.clone()));
            move || {
                if let Some((observer, _callback)) = watching {
                    observer.disconnect();
                }
            }
        });
    }
    now
}

type OnIntersect = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

fn watch<T: Clone + 'static>(element: &Element, seen: UseStateHandle<Option<T>>, what: T) -> Option<(IntersectionObserver, OnIntersect)> {
    let callback = OnIntersect::new(move |entries: js_sys::Array, observer: IntersectionObserver| {
        if entries.iter().any(|entry| entry.unchecked_into::<IntersectionObserverEntry>().is_intersecting()) {
            observer.disconnect();
            let (seen, what) = (seen.clone(), what.clone());
            Timeout::new(0, move || seen.set(Some(what))).forget();
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(NEAR);
    let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(element);
    Some((observer, callback))
}
