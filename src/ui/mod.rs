//! The browser shell: Yew components on the page, and the worker glue. It
//! holds no analysis logic; that is all in the pure core.
//!
//! Only [`state`] (the page's state and its reducer) and [`listing`] (what
//! the long lists show at once) compile on every target, so they are
//! tested natively; everything else exists on wasm32 alone, where the web
//! crates are dependencies.
//!
//! The same wasm module runs in two places: `start` renders the app when
//! loaded by the page, and `worker_main` serves the engine when loaded by
//! `static/worker.js`.

pub mod listing;
pub mod state;

/// Everything below needs the web crates, which are only dependencies on
/// wasm32 (so a web import in `state` fails the native build).
macro_rules! browser_only {
    ($($item:item)*) => { $(#[cfg(target_arch = "wasm32")] $item)* };
}

browser_only! {
    pub mod analysis;
    pub mod app;
    pub mod as_of_control;
    pub mod bench;
    mod bridge;
    pub mod chart_panel;
    pub mod column_mapping;
    pub mod disclosure;
    pub mod draft;
    pub mod download;
    pub mod drop_zone;
    pub mod file_list;
    pub mod file_reader;
    pub mod flavor_select;
    pub mod flavor_table;
    pub mod in_view;
    pub mod model_file;
    pub mod model_table;
    pub mod parse_pool;
    pub mod norm_input;
    pub mod norm_suggestions;
    pub mod over_time_chart;
    pub mod pager;
    pub mod pages;
    pub mod persistence;
    pub mod progress;
    pub mod remembered_mappings;
    pub mod request_error;
    pub mod stakeholder_board;
    pub mod stakeholder_keys;
    pub mod stakeholder_path;
    pub mod storage;
    pub mod svg;
    pub mod table_view;
    pub mod team_search;
    pub mod template_downloads;
    pub mod worker;
    pub mod identity_list;
    pub mod coverage_table;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    pub use worker::worker_main;

    /// Called by wasm-bindgen's start hook in both contexts; only renders on a page.
    pub fn start() {
        if js_sys::global().dyn_into::<web_sys::Window>().is_err() {
            return;
        }
        let root = gloo::utils::document().get_element_by_id("app").expect_throw("index.html has no #app");
        root.set_inner_html("");
        yew::Renderer::<app::App>::with_root(root).render();
    }

    /// Today's local date, as the page's clock sees it.
    pub(crate) fn local_today() -> chrono::NaiveDate {
        let now = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
            .expect_throw("the browser's date is a valid date")
    }
}
