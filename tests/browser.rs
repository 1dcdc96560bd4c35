//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! reading a real `File` with gloo, the worker messages as they cross to
//! and from JS, rendering components into the DOM, and plotters drawing
//! with the browser's own text measuring.
//!
//! Run: `make test-wasm` (or `cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use teamdiff::charts;
use teamdiff::engine::protocol::{DroppedFile, FromWorker, Message, MessageId, TestFault, ToWorker};
use teamdiff::engine::{Engine, Event, Request, Stage};
use teamdiff::ui::drop_zone::{DropZone, DropZoneProps};
use teamdiff::ui::file_reader::read_in_chunks;
use teamdiff::ui::progress::{ProgressPanel, ProgressPanelProps};
use teamdiff::ui::state::Progress;
use teamdiff::ui::worker::{decode_from_page, decode_from_worker, encode_for_page, encode_for_worker};
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

/// Several slices are read at once; they still land in order, and each is
/// reported once, in order.
#[wasm_bindgen_test]
async fn slices_read_side_by_side_land_in_order() {
    let bytes: Vec<u8> = (0..100_003u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let file = make_file("many.csv", &bytes);
    let mut reports = Vec::new();
    let read = read_in_chunks(&file, 1000, |done, total| reports.push((done, total))).await.unwrap();
    assert_eq!(read, bytes);
    let expected: Vec<(u64, u64)> = (1..=101).map(|n| ((n * 1000).min(100_003), 100_003)).collect();
    assert_eq!(reports, expected);
}

/// The worker tells a file's kind from its first bytes before reading any
/// file whole (`engine::dispatch::reading_order`).
#[wasm_bindgen_test]
async fn a_files_head_is_its_first_bytes_only() {
    use teamdiff::engine::protocol::DroppedFile;
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    let file = make_file("big.csv", &bytes);
    assert_eq!(file.read_head(4096).await.unwrap(), &bytes[..4096]);
    assert_eq!(file.read_head(1 << 20).await.unwrap(), bytes, "a short file is read whole");
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
    let mut batch = engine.batch();
    batch.add_file("prs.csv", csv, &mut |event| events.push(event));
    batch.add_file("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &mut |event| events.push(event));
    let snapshot = batch.finish(&mut |event| events.push(event));
    assert!(events.iter().any(|e| matches!(e, Event::FileRefused { error } if error.path == "photo.csv")));
    assert_eq!(snapshot.overview.files.len(), 1);
    assert_eq!(snapshot.overview.summary.rows, 1);
}

#[wasm_bindgen_test]
fn engine_loads_the_demo_organization() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut engine = Engine::new(today);
    let snapshot = engine.handle(Request::LoadDemo, &mut |_| {});
    assert_eq!(snapshot.overview.summary.teams, 3);
    assert!(!snapshot.overview.merged_per_week.weeks.is_empty());
}

#[wasm_bindgen_test]
async fn a_browser_file_is_a_dropped_file_the_worker_can_read() {
    let bytes: Vec<u8> = (0..20_000u32).map(|i| (i % 7) as u8).collect();
    let file = make_file("export.csv", &bytes);
    assert_eq!((DroppedFile::name(&file), DroppedFile::size(&file)), ("export.csv".to_string(), 20_000));
    let mut last = (0, 0);
    let read = DroppedFile::read(&file, &mut |done, total| last = (done, total)).await.unwrap();
    assert_eq!(read, bytes);
    assert_eq!(last, (20_000, 20_000));
}

#[wasm_bindgen_test]
fn a_page_message_crosses_to_the_worker_with_its_files_and_back() {
    let files = vec![make_file("a.csv", b"x"), make_file("a.csv", b"yz")];
    let message = ToWorker { id: MessageId(12), message: Message::Files { count: 2 }, test_fault: Some(TestFault::Hang) };
    let (decoded, carried) = decode_from_page(&encode_for_worker(&message, &files)).unwrap();
    assert_eq!(decoded, message);
    assert_eq!(carried.iter().map(DroppedFile::size).collect::<Vec<_>>(), [1, 2], "the same files, in order");

    // The header and the files must agree, or the message is not run.
    let short = encode_for_worker(&message, &files[..1]);
    assert!(decode_from_page(&short).unwrap_err().contains("announces 2 files but carries 1"));
    assert!(decode_from_page(&wasm_bindgen::JsValue::from_str("{}")).is_err());

    let reply = FromWorker::Panicked { message: "panicked at x".into() };
    assert!(matches!(decode_from_worker(&encode_for_page(reply)).unwrap(), FromWorker::Panicked { message } if message == "panicked at x"));
    // What static/worker.js posts by hand when the worker traps.
    let from_js = wasm_bindgen::JsValue::from_str(r#"{"crashed":{"message":"RuntimeError: unreachable"}}"#);
    assert!(matches!(decode_from_worker(&from_js).unwrap(), FromWorker::Crashed { .. }));
}

fn render_progress(progress: Progress, cancelled: std::rc::Rc<std::cell::Cell<u32>>) -> web_sys::Element {
    let root = mount_point();
    let on_cancel = Callback::from(move |()| cancelled.set(cancelled.get() + 1));
    yew::Renderer::<ProgressPanel>::with_root_and_props(root.clone(), ProgressPanelProps { progress: Some(progress), on_cancel }).render();
    root
}

async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_load_shows_its_progress_and_cancel_at_once() {
    let cancelled = std::rc::Rc::new(std::cell::Cell::new(0));
    let progress = Progress { file: "prs.csv".into(), stage: Stage::Reading, done: 50, total: 200 };
    let root = render_progress(progress, cancelled.clone());
    next_tick().await;
    assert!(root.text_content().unwrap().contains("Reading prs.csv … 25%"));
    let button: web_sys::HtmlElement = root.query_selector("button").unwrap().expect("a Cancel button").unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Cancel loading"));
    button.click();
    assert_eq!(cancelled.get(), 1);
}

#[wasm_bindgen_test]
async fn a_model_change_shows_its_busy_state_with_cancel_only_once_it_takes_a_while() {
    let cancelled = std::rc::Rc::new(std::cell::Cell::new(0));
    let progress = Progress { file: String::new(), stage: Stage::Updating, done: 0, total: 0 };
    let root = render_progress(progress, cancelled);
    next_tick().await;
    assert_eq!(root.query_selector("[role=status]").unwrap(), None, "no flicker for a quick change");
    wait_ms(600).await;
    assert!(root.text_content().unwrap().contains("Updating every view"));
    let button = root.query_selector("button").unwrap().expect("a Cancel button");
    assert_eq!(button.text_content().as_deref(), Some("Cancel this change"));
}

/// An `input` event as typing fires it: it bubbles, so Yew's listener at
/// the app's root sees it.
fn bubbling_input_event() -> web_sys::Event {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"InputEvent".into()).unwrap().unchecked_into();
    js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"input".into(), &init)).unwrap().unchecked_into()
}

fn norm_input_props(effective: u32) -> teamdiff::ui::norm_input::NormInputProps {
    teamdiff::ui::norm_input::NormInputProps {
        id: "quiet".into(),
        team: "Bedrock".into(),
        flavor: "infra".into(),
        info: &teamdiff::model::norms::SCALAR_NORMS[0],
        effective,
        flavor_value: 14,
        overridden: false,
        note: None,
        // A new callback every time, as a parent re-render makes one.
        on_set: Callback::from(|_| {}),
    }
}

/// The worker posts unasked (findings over time stream in after every
/// change), and each post re-renders the page: what the user is typing
/// into a norm must survive it, and give way once a value is applied.
#[wasm_bindgen_test]
async fn a_half_typed_norm_survives_a_re_render_and_gives_way_to_an_applied_value() {
    use teamdiff::ui::norm_input::NormInput;
    let root = mount_point();
    let mut app = yew::Renderer::<NormInput>::with_root_and_props(root.clone(), norm_input_props(14)).render();
    next_tick().await;
    let input: web_sys::HtmlInputElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), "14");

    input.set_value("3");
    input.dispatch_event(&bubbling_input_event()).unwrap();
    next_tick().await;
    app.update(norm_input_props(14));
    next_tick().await;
    assert_eq!(input.value(), "3", "a re-render with the same value keeps what is typed");

    app.update(norm_input_props(30));
    next_tick().await;
    assert_eq!(input.value(), "30", "an applied value replaces the draft");
    app.update(norm_input_props(14));
    next_tick().await;
    assert_eq!(input.value(), "14", "and the old draft does not come back with the old value");
}

fn counted_chart(title: &str, draws: std::rc::Rc<std::cell::Cell<u32>>) -> teamdiff::ui::chart_panel::LazyChart {
    let title = title.to_string();
    teamdiff::ui::chart_panel::LazyChart::new(title.clone(), move || {
        draws.set(draws.get() + 1);
        let mut table = teamdiff::views::table::Table::new(title.clone(), &["team", "days"]);
        table.rows = (0..3).map(|n| vec![format!("Team {n}"), n.to_string()]).collect();
        teamdiff::views::report::ReportSection { title: title.clone(), svg: r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>"#.into(), table }
    })
}

/// Waits (up to a second) for `done`: an `IntersectionObserver` answers in
/// a task of its own.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        next_tick().await;
    }
}

/// The worker posts unasked (the history follows every snapshot), and new
/// data is drawn a task after it arrives: meanwhile the panel keeps its
/// drawing, so the table the user opened under the chart stays open.
#[wasm_bindgen_test]
async fn a_chart_table_opened_by_the_user_stays_open_when_new_data_is_drawn() {
    use teamdiff::ui::chart_panel::{ChartPanel, ChartPanelProps};
    use web_sys::HtmlElement;
    let root = mount_point();
    let draws = std::rc::Rc::new(std::cell::Cell::new(0));
    let props = |chart| ChartPanelProps { id: "quiet_days".into(), chart, at_once: false };
    let mut app = yew::Renderer::<ChartPanel>::with_root_and_props(root.clone(), props(counted_chart("Quiet days", draws.clone()))).render();
    until(|| draws.get() == 1).await;
    next_tick().await;
    assert!(root.query_selector("svg").unwrap().is_some(), "drawn once in view");
    let summary: HtmlElement = root.query_selector("summary").unwrap().unwrap().unchecked_into();
    summary.click();
    next_tick().await;
    assert_eq!(root.query_selector_all("table tbody tr").unwrap().length(), 3, "the table opened");

    app.update(props(counted_chart("Quiet days", draws.clone())));
    next_tick().await;
    assert_eq!(root.query_selector_all("table tbody tr").unwrap().length(), 3, "still open while the new data waits to be drawn");
    until(|| draws.get() == 2).await;
    next_tick().await;
    assert_eq!(draws.get(), 2, "the new data is drawn");
    assert!(root.query_selector("details[open]").unwrap().is_some(), "and the table is still open under it");
    assert_eq!(root.query_selector_all("table tbody tr").unwrap().length(), 3);
    root.remove();
}

/// A snapshot crosses to the page as several JSON documents, each bytes
/// whose buffer the worker transfers; the page reads them one at a time
/// (the bridge, a few per task) and has the message only once every one
/// is read, the same message as read whole.
#[wasm_bindgen_test]
fn a_snapshot_crosses_to_the_page_in_parts_and_is_whole_only_once_every_part_is_read() {
    use teamdiff::engine::protocol::Reply;
    use teamdiff::ui::worker::Arriving;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let snapshot = Engine::new(today).handle(Request::LoadDemo, &mut |_| {});
    let reply = FromWorker::Reply(Reply { to: MessageId(3), file: None, line: None, event: Event::Snapshot { snapshot: Box::new(snapshot) } });
    let read_whole = FromWorker::from_json(&serde_json::to_vec(&reply).unwrap()).unwrap();

    let documents = encode_for_page(reply.clone());
    assert!(documents.length() > 1, "in parts");
    assert!(documents.iter().all(|d| d.is_instance_of::<js_sys::Uint8Array>()), "bytes, to transfer");
    let mut arriving = Arriving::new(&documents);
    let mut reads = 0;
    while !arriving.is_read() {
        arriving.read_next().unwrap();
        reads += 1;
    }
    assert_eq!(reads, documents.length(), "one document a read");
    let read = arriving.into_message().unwrap();
    assert!(matches!(&read, FromWorker::Reply(Reply { event: Event::Snapshot { .. }, .. })));
    assert_eq!(serde_json::to_string(&read).unwrap(), serde_json::to_string(&read_whole).unwrap());

    let mut partly = Arriving::new(&encode_for_page(reply.clone()));
    partly.read_next().unwrap();
    assert!(!partly.is_read());
    assert!(partly.into_message().unwrap_err().contains("not read to its end"), "never half a snapshot");

    let spoiled = encode_for_page(reply);
    spoiled.set(1, js_sys::Uint8Array::from(&b"{\"digest\":"[..]).into());
    assert!(decode_from_worker(&spoiled).unwrap_err().starts_with("unreadable snapshot part"));
}
