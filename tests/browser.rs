//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! reading a real `File` with gloo, rendering components into the DOM, and
//! plotters drawing with the browser's own text measuring.
//!
//! Run: `make test-wasm` (or `cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use teamdiff::charts;
use teamdiff::engine::{Engine, Event, Request};
use teamdiff::ui::drop_zone::{DropZone, DropZoneProps};
use teamdiff::ui::file_reader::read_in_chunks;
use teamdiff::ui::svg::{SvgChart, SvgChartProps};
use teamdiff::views::WeeklySeries;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn make_file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

fn mount_point() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets Yew's scheduler run: components render after the current task.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn reads_a_file_in_chunks_with_progress() {
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    let file = make_file("big.csv", &bytes);
    let mut reports = Vec::new();
    let read = read_in_chunks(&file, 4096, |done, total| reports.push((done, total))).await.unwrap();
    assert_eq!(read, bytes);
    assert_eq!(reports, vec![(4096, 10_000), (8192, 10_000), (10_000, 10_000)]);
}

#[wasm_bindgen_test]
async fn reads_an_empty_file_as_no_bytes() {
    let file = make_file("empty.csv", &[]);
    let read = read_in_chunks(&file, 4096, |_, _| panic!("no chunk to report")).await.unwrap();
    assert!(read.is_empty());
}

#[wasm_bindgen_test]
async fn drop_zone_is_a_keyboard_reachable_file_picker() {
    let root = mount_point();
    let props = DropZoneProps { on_files: Callback::noop() };
    yew::Renderer::<DropZone>::with_root_and_props(root.clone(), props).render();
    next_tick().await;
    let label = root.query_selector("label[role=button]").unwrap().expect("the zone is announced as a button");
    assert_eq!(label.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(label.get_attribute("for").as_deref(), Some("file-input"));
    let input: web_sys::HtmlInputElement = root.query_selector("input[type=file]").unwrap().unwrap().unchecked_into();
    assert!(input.multiple());
    assert!(label.text_content().unwrap().contains("Drop CSV or JSON exports here"));
}

#[wasm_bindgen_test]
async fn chart_renders_into_the_dom_with_hostile_labels_inert() {
    let hostile = "<img src=x onerror=alert(1)></svg><script>alert(2)</script>";
    let dates = (0..5).map(|d| NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Duration::days(d * 7));
    let series = WeeklySeries::count_events(hostile, hostile, dates);
    // Drawn here, in the browser: plotters measures text through the DOM.
    let svg = charts::merged_per_week::draw(&series);
    let root = mount_point();
    let props = SvgChartProps { svg: svg.into(), label: "merged per week".into() };
    yew::Renderer::<SvgChart>::with_root_and_props(root.clone(), props).render();
    next_tick().await;
    assert_eq!(root.query_selector_all("svg").unwrap().length(), 1);
    assert!(root.query_selector_all("svg rect").unwrap().length() >= 5);
    assert_eq!(root.query_selector_all("img, script").unwrap().length(), 0, "no element may be injected");
    assert!(root.text_content().unwrap().contains("<img src=x"), "the label is shown as text");
}

#[wasm_bindgen_test]
fn engine_refuses_binary_files_and_keeps_earlier_ones() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut engine = Engine::new(today);
    let mut events = Vec::new();
    let csv = b"number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n\
                1,r,t,Ada,2026-11-02T10:00:00Z,2026-11-03T10:00:00Z,,merged,,Bob\n";
    engine.load_file("prs.csv", csv, &mut |event| events.push(event));
    engine.load_file("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &mut |event| events.push(event));
    assert!(events.iter().any(|e| matches!(e, Event::FileRefused { error } if error.path == "photo.csv")));
    let Some(Event::Snapshot { snapshot }) = events.last() else { panic!("every load ends with a snapshot") };
    assert_eq!(snapshot.overview.files.len(), 1);
    assert_eq!(snapshot.overview.summary.rows, 1);
}

#[wasm_bindgen_test]
fn engine_loads_the_demo_organization() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut engine = Engine::new(today);
    let mut last = None;
    engine.handle(Request::LoadDemo, &mut |event| last = Some(event));
    let Some(Event::Snapshot { snapshot }) = last else { panic!("LoadDemo ends with a snapshot") };
    assert_eq!(snapshot.overview.summary.teams, 3);
    assert!(!snapshot.overview.merged_per_week.weeks.is_empty());
}
