//! teamdiff: diff what engineering teams' exports show against the leader's
//! model of how the work should go, and surface only the deviations.
//!
//! Data flows one way, and the modules follow it:
//!
//! ```text
//! files → ingest → dataset → model → findings → views ─┬→ present → engine → ui
//!                                                        └→ charts ─┘
//! ```
//!
//! * [`ingest`] decodes, sniffs and maps dropped CSV/JSON exports into typed rows.
//! * [`dataset`] holds those rows, each pointing back at its file and line.
//! * [`model`] is the team model: flavors, norms, accepted deviations.
//! * [`findings`] runs every tripwire over dataset + model.
//! * [`views`] turns all of that into plain view-models; [`charts`] draws them with plotters.
//! * [`present`] assembles the snapshot the page is sent (pseudonymised in
//!   one pass in presenter mode), lists the charts once, and makes the exports.
//! * [`engine`] is the request/response loop the Web Worker runs.
//! * [`headless`] is the same pipeline for `examples/inspect.rs`.
//! * [`tiering`] is how a loop over every row lets the browser optimise it while it runs.
//! * [`ui`] is the thin Yew shell, on wasm32 only, bar its pure state and
//!   reducer (`ui::state`), which are tested natively.
//!
//! Everything except `ui` is pure: no web imports, no IO, no clock. "Today"
//! is always passed in, so the same inputs give the same findings.

pub mod charts;
pub mod dataset;
pub mod demo;
pub mod engine;
pub mod findings;
pub(crate) mod hashing;
pub mod headless;
pub mod ingest;
pub mod model;
pub mod present;
pub mod review;
pub mod tiering;
/// Test fixtures; kept out of the browser bundle (see the module).
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod ui;
pub mod views;
