//! Nothing is written to the browser's storage unless the user opted in;
//! once they did, the model is kept, and forgetting erases every key.
//!
//! Run: `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use teamdiff::engine::{Engine, Request};
use teamdiff::ui::persistence::{Persistence, PersistenceProps};
use teamdiff::ui::state::Shared;
use teamdiff::ui::storage;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn demo_snapshot() -> Shared<teamdiff::engine::Snapshot> {
    let mut engine = Engine::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    engine.handle(Request::LoadDemo, &mut |_| {});
    Shared(std::rc::Rc::new(engine.snapshot()))
}

fn mount(remember: bool, remember_demo: bool, snapshot: &Shared<teamdiff::engine::Snapshot>) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = PersistenceProps {
        remember,
        remember_demo,
        snapshot: Some(snapshot.clone()),
        pseudonymised: false,
        idle: true,
        on_remembered: Callback::noop(),
    };
    yew::Renderer::<Persistence>::with_root_and_props(root.clone(), props).render();
    root
}

#[wasm_bindgen_test]
async fn storage_stays_empty_without_opt_in_and_is_erased_on_forget() {
    local_storage().clear().unwrap();
    let snapshot = demo_snapshot();
    assert!(!snapshot.model.teams.is_empty());

    mount(false, true, &snapshot);
    next_tick().await;
    assert_eq!(local_storage().length().unwrap(), 0, "nothing is stored without opting in");
    assert!(storage::remembered().is_none());

    // Opted in earlier, then the demo was loaded: the demo's model must not
    // replace what the device remembers.
    mount(true, false, &snapshot);
    next_tick().await;
    assert!(storage::remembered().is_none(), "the demo's model is not saved without opting in while it is loaded");

    mount(true, true, &snapshot);
    next_tick().await;
    let remembered = storage::remembered().expect("opted in: the model is kept");
    let model = teamdiff::model::TeamModel::from_json(remembered.model_json.as_deref().unwrap()).unwrap();
    assert_eq!(model, snapshot.model, "kept as a valid teamdiff-model.json");

    storage::forget();
    assert_eq!(local_storage().length().unwrap(), 0, "forgetting erases every key");
}
